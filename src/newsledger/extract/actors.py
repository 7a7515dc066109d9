"""What an actor is and whom it speaks for: kind, role and affiliation, read from the words around its names.

Roles and affiliations come from premodifiers ("Taliban spokesman X", "U.S. Secretary of State X"),
appositions before the name ("the head of the group's political office, X") and after it ("X, spokesperson
and aide of Y's resistance front"). Kinds come from the knowledge base and general words in or after a name
("... Party", "... forces").
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from newsledger.extract.names import KnowledgeBase, normal_key
from newsledger.nlp.arrays import doc_arrays
from newsledger.nlp.state import doc_text

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


@dataclass(frozen=True)
class TokenArrays:
    """Token attributes as plain lists, read once per doc: indexing a Doc token by token is slow."""

    words: list[str]
    lowers: list[str]
    starts: list[int]  # character offsets
    ends: list[int]
    newline_after: list[bool]
    text: str
    sentence_start: list[int]  # token index where each token's sentence starts
    sentence_end: list[int]


def token_arrays(doc: Doc) -> TokenArrays:
    arrays = doc.user_data.get("newsledger_tokens")
    if isinstance(arrays, TokenArrays) and len(arrays.words) == len(doc):
        return arrays
    if len(doc):
        table = doc.to_array([IDX, LENGTH])
        starts: list[int] = table[:, 0].tolist()
        ends: list[int] = (table[:, 0] + table[:, 1]).tolist()
        # The doc's text is cached (Doc.text builds a Token object per token); each word is its slice of it, and
        # the lowered forms are the per-doc arrays' (looked up once per distinct word).
        text = doc_text(doc)
        words = [text[start:end] for start, end in zip(starts, ends, strict=True)]
        lowers: list[str] = doc_arrays(doc).lower
    else:
        starts, ends, words, lowers, text = [], [], [], [], ""
    # a token's trailing whitespace is at most one space, so a line break is always in a token of its own
    newline_after = ["\n" in word for word in words]
    sentence_start = [0] * len(doc)
    sentence_end = [len(doc)] * len(doc)
    if doc.has_annotation("SENT_START") and "sents" not in doc.user_hooks:
        # the sentences `Doc.sents` gives, from the sentence starts read once per doc
        bounds = [*doc_arrays(doc).sentence_starts, len(doc)]
        for start, end in itertools.pairwise(bounds):
            sentence_start[start:end] = [start] * (end - start)
            sentence_end[start:end] = [end] * (end - start)
    elif doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            sentence_start[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
            sentence_end[sent.start : sent.end] = [sent.end] * (sent.end - sent.start)
    arrays = TokenArrays(words, lowers, starts, ends, newline_after, text, sentence_start, sentence_end)
    doc.user_data["newsledger_tokens"] = arrays
    return arrays


def token_lowers(doc: Doc) -> list[str]:
    return token_arrays(doc).lowers


def role_before(doc: Doc, end: int, kb: KnowledgeBase, *, lowest: int) -> tuple[int, int] | None:
    """(start, end) of a role phrase with its modifiers ending at token `end`, e.g. 'senior military commander'."""
    lowers = token_lowers(doc)
    start = kb.roles.ending_at(doc, end, lowest=lowest)
    if start < 0:
        return None
    while start - 1 >= lowest and lowers[start - 1] in kb.role_modifiers:
        start -= 1
    return start, end


def role_after(doc: Doc, start: int, kb: KnowledgeBase, *, highest: int) -> tuple[int, int] | None:
    """(start, end) of '[det] [modifiers] role' starting at token `start`."""
    lowers = token_lowers(doc)
    i = start
    while i < highest and lowers[i] in _DETERMINERS:
        i += 1
    first = i
    while i < highest and lowers[i] in kb.role_modifiers:
        i += 1
    end = kb.roles.starting_at(doc, i, highest=highest)
    return (first, end) if end >= 0 else None


def add_label_evidence(doc: Doc, candidate: Candidate, kb: KnowledgeBase) -> None:
    """Context that says a name is a person: a role word before it or an apposition with a role after it."""
    left = candidate.title_start if candidate.title_start >= 0 else candidate.start
    arrays = token_arrays(doc)
    lowest, highest = arrays.sentence_start[candidate.start], arrays.sentence_end[candidate.start]
    if left > lowest and arrays.words[left - 1].islower() and role_before(doc, left, kb, lowest=lowest):
        candidate.evidence["PERSON"] += 2.0
    end = candidate.end
    if end + 1 < highest and arrays.words[end] == "," and role_after(doc, end + 1, kb, highest=highest):
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
    arrays = token_arrays(doc)
    lowest, highest = arrays.sentence_start[candidate.start], arrays.sentence_end[candidate.start]
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
    offices = [t for t in candidate.titles if tuple(_tokens(t)) in kb.offices]
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
    ranks = [t for t in candidate.titles if tuple(_tokens(t)) in kb.roles]
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
