"""What an actor is and whom it speaks for: kind, role and affiliation, read from the words around its names.

Roles and affiliations come from premodifiers ("Taliban spokesman X", "U.S. Secretary of State X"),
appositions before the name ("the head of the group's political office, X") and after it ("X, spokesperson
and aide of Y's resistance front"). Kinds come from the knowledge base and general words in or after a name
("... Party", "... forces").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsledger.extract.names import KnowledgeBase, normal_key

if TYPE_CHECKING:
    from newsledger.extract.entities import Candidate

_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PREPOSITIONS = frozenset({"of", "for", "to", "at", "with", "in"})
AFFILIATION_LABELS = ("ORG", "GPE", "NORP")
_MAX_APPOSITION = 10  # tokens between a role word and the name it describes


@dataclass(frozen=True)
class EntityInfo:
    label: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Profile:
    kind: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class RoleFinding:
    role: str
    affiliation: str | None  # entity id


def role_before(doc: Doc, end: int, kb: KnowledgeBase, *, lowest: int) -> tuple[int, int] | None:
    """(start, end) of a role phrase with its modifiers ending at token `end`, e.g. 'senior military commander'."""
    for phrase in kb.roles:
        start = end - len(phrase)
        if start < lowest:
            continue
        if all(doc[start + k].lower_ == w for k, w in enumerate(phrase)):
            while start - 1 >= lowest and doc[start - 1].lower_ in kb.role_modifiers:
                start -= 1
            return start, end
    return None


def role_after(doc: Doc, start: int, kb: KnowledgeBase, *, highest: int) -> tuple[int, int] | None:
    """(start, end) of '[det] [modifiers] role' starting at token `start`."""
    i = start
    while i < highest and doc[i].lower_ in _DETERMINERS:
        i += 1
    first = i
    while i < highest and doc[i].lower_ in kb.role_modifiers:
        i += 1
    for phrase in kb.roles:
        end = i + len(phrase)
        if end <= highest and all(doc[i + k].lower_ == w for k, w in enumerate(phrase)):
            return first, end
    # a modifier can itself be the role ("deputy")
    return None


def add_label_evidence(doc: Doc, candidate: Candidate, kb: KnowledgeBase) -> None:
    """Context that says a name is a person: a role word before it or an apposition with a role after it."""
    left = candidate.title_start if candidate.title_start >= 0 else candidate.start
    sentence = doc[candidate.start].sent if doc.has_annotation("SENT_START") else doc[:]
    if left > sentence.start and doc[left - 1].is_lower and role_before(doc, left, kb, lowest=sentence.start):
        candidate.evidence["PERSON"] += 2.0
    end = candidate.end
    if end + 1 < sentence.end and doc[end].text == "," and role_after(doc, end + 1, kb, highest=sentence.end):
        candidate.evidence["PERSON"] += 2.0


def kind_of(doc: Doc, members: list[Candidate], label: str, name: str, kb: KnowledgeBase) -> str | None:
    if label == "PERSON":
        return "person"
    known = kb.actor(name)
    if known is None:
        known = next((a for a in (kb.actor(c.text(doc)) for c in members) if a is not None), None)
    if known is not None:
        return known.kind
    if label == "NORP":
        return "nationality" if any(c.text(doc) in kb.demonyms for c in members) else "group"
    if label in ("GPE", "LOC"):
        return "place"
    if label == "FAC":
        return "facility"
    if label != "ORG":
        return label.lower()
    words = f" {normal_key(name)} "
    for kind, name_words in kb.kind_name_words:
        if any(f" {w} " in words for w in name_words):
            return kind
    following: Counter[str] = Counter()
    for c in members:
        if c.end < len(doc) and doc[c.end].lower_ in kb.kind_following_words:
            following[kb.kind_following_words[doc[c.end].lower_]] += 1
    if following:
        return following.most_common(1)[0][0]
    return "organization"


def country_of(doc: Doc, members: list[Candidate], label: str, name: str, kb: KnowledgeBase) -> str | None:
    if label not in ("GPE", "NORP", "ORG", "LOC"):
        return None
    for text in [name, *(c.text(doc) for c in members)]:
        known = kb.actor(text) or kb.demonyms.get(text)
        if known is not None and known.country:
            return known.country
    return None


def roles_of_mention(
    doc: Doc,
    candidate: Candidate,
    kb: KnowledgeBase,
    *,
    entity_of_token: dict[int, str],
    info: dict[str, EntityInfo],
) -> list[RoleFinding]:
    """Roles and affiliations said of one person mention, in the order they are written."""
    sentence = doc[candidate.start].sent if doc.has_annotation("SENT_START") else doc[:]
    lowest, highest = sentence.start, sentence.end
    left = candidate.title_start if candidate.title_start >= 0 else candidate.start
    findings: list[RoleFinding] = []

    def affiliation_at(i: int) -> str | None:
        while i >= lowest and doc[i].text in _POSSESSIVE:
            i -= 1
        entity_id = entity_of_token.get(i) if i >= lowest else None
        if entity_id is not None and info[entity_id].label in AFFILIATION_LABELS:
            return entity_id
        return None

    # titles that are offices: "U.S. Secretary of State X", "UN Secretary-General X"
    offices = [t for t in candidate.titles if tuple(_tokens(t)) in set(kb.offices)]
    if offices:
        findings.append(RoleFinding(offices[-1], affiliation_at(left - 1)))
    # premodifier: "Taliban spokesman X", "UN spokesman, X"
    end = left - 1 if left - 1 >= lowest and doc[left - 1].text == "," else left
    found = role_before(doc, end, kb, lowest=lowest) if end > lowest and doc[end - 1].is_lower else None
    if found is not None:
        findings.append(RoleFinding(doc[found[0] : found[1]].text, affiliation_at(found[0] - 1)))
    elif end < left:
        # apposition before the name: "the head of the Taliban's political office, X"
        finding = _apposition_before(doc, end, kb, lowest=lowest, entity_of_token=entity_of_token, info=info)
        if finding is not None:
            findings.append(finding)
    else:
        # "undersecretary-general for humanitarian affairs X"
        i = left
        while i - 1 >= lowest and left - i < 4 and doc[i - 1].is_lower and doc[i - 1].is_alpha:
            i -= 1
            phrase = role_before(doc, i + 1, kb, lowest=lowest)
            if phrase is not None and i + 1 < left and doc[i + 1].lower_ in _PREPOSITIONS:
                findings.append(RoleFinding(doc[phrase[0] : left].text, affiliation_at(phrase[0] - 1)))
                break
    # apposition after the name: "X, spokesperson and aide of Y's resistance front"
    if candidate.end + 1 < highest and doc[candidate.end].text == ",":
        finding = _apposition_after(
            doc, candidate.end + 1, kb, highest=highest, entity_of_token=entity_of_token, info=info
        )
        if finding is not None:
            findings.append(finding)
    ranks = [t for t in candidate.titles if tuple(_tokens(t)) in set(kb.roles)]
    if not findings and ranks:
        findings.append(RoleFinding(ranks[-1].lower(), None))
    return findings


def _tokens(text: str) -> list[str]:
    import re

    return re.findall(r"[^\s-]+|-", text.lower())


def _apposition_before(
    doc: Doc,
    comma: int,
    kb: KnowledgeBase,
    *,
    lowest: int,
    entity_of_token: dict[int, str],
    info: dict[str, EntityInfo],
) -> RoleFinding | None:
    for i in range(comma - 1, max(lowest, comma - _MAX_APPOSITION) - 1, -1):
        if doc[i].text in (",", ";", "“", "”", '"') or doc[i].pos_ == "VERB":
            return None
        found = role_before(doc, i + 1, kb, lowest=lowest)
        if found is not None and doc[i].is_lower:
            affiliation = _first_affiliation(range(found[1], comma), entity_of_token, info)
            if (found[0] > lowest and doc[found[0] - 1].lower_ in _DETERMINERS) or found[0] == lowest:
                return RoleFinding(doc[found[0] : found[1]].text, affiliation)
    return None


def _apposition_after(
    doc: Doc,
    start: int,
    kb: KnowledgeBase,
    *,
    highest: int,
    entity_of_token: dict[int, str],
    info: dict[str, EntityInfo],
) -> RoleFinding | None:
    found = role_after(doc, start, kb, highest=highest)
    if found is None:
        return None
    role_start, i = found
    while role_start < i and doc[role_start].lower_ in _DETERMINERS:
        role_start += 1
    role = doc[role_start:i].text
    # "spokesperson and aide of ..."
    if i + 1 < highest and doc[i].lower_ == "and" and role_after(doc, i + 1, kb, highest=highest):
        i = role_after(doc, i + 1, kb, highest=highest)[1]  # type: ignore[index]
    if i >= highest or doc[i].lower_ not in _PREPOSITIONS:
        return RoleFinding(role, None)
    i += 1
    while i < highest and doc[i].lower_ in _DETERMINERS:
        i += 1
    entity_id = entity_of_token.get(i)
    if entity_id is None:
        return RoleFinding(role, None)
    if info[entity_id].label in AFFILIATION_LABELS:
        return RoleFinding(role, entity_id)
    # "Y's resistance front": the organisation whose name holds the description's words
    j = i
    while j < highest and entity_of_token.get(j) == entity_id:
        j += 1
    if j < highest and doc[j].text in _POSSESSIVE:
        words = []
        k = j + 1
        while k < highest and doc[k].is_alpha and doc[k].is_lower:
            words.append(doc[k].lower_)
            k += 1
        return RoleFinding(role, _organisation_described(words, info))
    return RoleFinding(role, None)


def _organisation_described(words: list[str], info: dict[str, EntityInfo]) -> str | None:
    if not words:
        return None
    matches = [
        entity_id
        for entity_id, entity in info.items()
        if entity.label == "ORG" and set(words) <= set(normal_key(entity.name).split())
    ]
    return matches[0] if len(matches) == 1 else None


def _first_affiliation(positions: range, entity_of_token: dict[int, str], info: dict[str, EntityInfo]) -> str | None:
    for i in positions:
        entity_id = entity_of_token.get(i)
        if entity_id is not None and info[entity_id].label in AFFILIATION_LABELS:
            return entity_id
    return None


def choose_role(findings: list[RoleFinding], info: dict[str, EntityInfo]) -> RoleFinding | None:
    """An organisation beats a country, which beats a nationality; otherwise the first thing said."""
    if not findings:
        return None
    rank = {"ORG": 0, "GPE": 1, "NORP": 2}

    def order(pair: tuple[int, RoleFinding]) -> tuple[int, int]:
        index, finding = pair
        label = info[finding.affiliation].label if finding.affiliation else None
        return (rank.get(label, 3) if label else 4, index)

    return min(enumerate(findings), key=order)[1]


def person_profile(
    doc: Doc,
    members: list[Candidate],
    kb: KnowledgeBase,
    *,
    entity_of_token: dict[int, str],
    info: dict[str, EntityInfo],
) -> Profile:
    findings = [f for c in members for f in roles_of_mention(doc, c, kb, entity_of_token=entity_of_token, info=info)]
    chosen = choose_role(findings, info)
    if chosen is None:
        return Profile(kind="person")
    affiliation = chosen.affiliation
    country = info[affiliation].country if affiliation else None
    if affiliation and info[affiliation].label == "NORP" and country:
        # "German Foreign Minister": the country, when the article names it
        same = [i for i, e in info.items() if e.label == "GPE" and e.country == country]
        if same:
            affiliation = same[0]
    return Profile(kind="person", role=chosen.role, affiliation=affiliation, country=country)
