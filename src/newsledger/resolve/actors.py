"""Actors across articles: the same person or group named in many reports becomes one actor with every alias.

People: two names are the same person when they have the same number of name parts and every part matches
as a spelling variant (same consonant skeleton, e.g. Ahmad/Ahmed, Hussein/Husain, or a close string match).
A different given name, or an extra name part (a father and son often differ by one), keeps them apart. A
one-word name first joins the full name with that surname in its own article (the article's name chain: "Barack
Obama ... Obama"); across the ledger, a surname alone joins a full name only when exactly one known person
carries that surname; when several do, it stays an actor of its own article. A first name alone never bridges
two people. Groups, countries and organisations: the
same normalized name or a shared alias (an acronym given in the article); a pronoun or a lower-case word is
never an alias, and a group only described in lower case ("police", "residents") joins nothing outside its article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Honorifics and titles dropped before comparing names (general knowledge, any report of the kind).
TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady mullah maulvi mawlawi sheikh shaikh sayed syed haji hajji
    imam ayatollah general gen lieutenant lt colonel col major maj captain capt commander cmdr admiral
    sergeant sgt president vice prime minister foreign defence defense interior finance secretary
    spokesman spokeswoman spokesperson chief deputy senator sen rep representative governor gov mayor
    king queen prince princess emir sultan pope cardinal bishop rev reverend father brother the
    attorney lawyer officer detective det judge justice sheriff coach professor agent inspector trooper constable
    corporal cpl private pvt councilman councilwoman councillor councilor congressman congresswoman assemblyman
    assemblywoman ambassador chancellor commissioner superintendent chairman chairwoman rabbi pastor archbishop
    doctor""".split()
)
# A generational suffix ("Jr", "III") closes a name: the surname is the part before it, and two different
# suffixes are two people (a father and his son).
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Particles that open a surname ("de Blasio", "bin Laden", "van Gogh", "al-Baghdadi"): with them, a name is still
# a surname alone, not a given name and a surname.
SURNAME_PARTICLES = frozenset("de da di du del della der den van von ten ter bin ibn al el le la st".split())
_NEVER_GIVEN_NAMES = frozenset("de bin ibn von der den della ten ter".split())
PERSON_TYPES = frozenset({"PERSON"})
GROUP_TYPES = frozenset({"ORG", "NORP", "GPE"})
ACTOR_TYPES = PERSON_TYPES | GROUP_TYPES
PRONOUNS = frozenset(
    "i me my we us our ours you your he him his she her it its they them their this that these those".split()
)


def is_alias(text: str) -> bool:
    """A name as written can be an alias: not a pronoun ("us" is not the United States) and not lower case."""
    stripped = text.strip()
    return bool(stripped) and stripped.lower() not in PRONOUNS and stripped != stripped.lower()


@dataclass
class EntityRef:
    """One article's entity, as the resolver sees it."""

    pk: int
    article_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    role: str | None = None
    mentions: int = 1
    place_id: int | None = None  # the gazetteer id the article's places stage gave this name, when it is a place


@dataclass
class Actor:
    key: str
    name: str
    type: str
    members: list[EntityRef] = field(default_factory=list)

    @property
    def aliases(self) -> list[str]:
        names: Counter[str] = Counter()
        for ref in self.members:
            names[ref.name] += ref.mentions
            for alias in ref.aliases:
                if is_alias(alias):
                    names[alias] += 0
        return sorted(names, key=lambda n: (-names[n], n))

    @property
    def roles(self) -> list[str]:
        return sorted({ref.role for ref in self.members if ref.role})

    @property
    def kind(self) -> str | None:
        kinds = Counter(ref.kind for ref in self.members if ref.kind)
        return kinds.most_common(1)[0][0] if kinds else None

    @property
    def country(self) -> str | None:
        countries = Counter(ref.country for ref in self.members if ref.country)
        return countries.most_common(1)[0][0] if countries else None


def name_parts(name: str) -> list[str]:
    """Lower-case ASCII name parts without titles or punctuation: "Gen. Ahmad Shah" -> ["ahmad", "shah"]."""
    parts = _folded_parts(name)
    # Only leading titles are dropped: a title word later in a name is the name itself (Larry King).
    start = 0
    while start < len(parts) - 1 and parts[start] in TITLE_WORDS:
        start += 1
    return parts[start:]


def _folded_parts(name: str) -> list[str]:
    # apostrophes first: ASCII folding drops typographic ones ("Trump’s" would become "trumps")
    unquoted = re.sub(r"['’‘`]s\b", "", name, flags=re.IGNORECASE)  # a possessive, also one glued before a name
    unquoted = re.sub(r"(?<=[A-Za-z])['’‘`](?=[A-Za-z])", "", unquoted)  # O'Brien is one name part
    folded = unicodedata.normalize("NFKD", unquoted).encode("ascii", "ignore").decode("ascii").lower()
    return [p for p in re.split(r"[^a-z0-9]+", folded) if p]


def skeleton(part: str) -> str:
    """Consonant skeleton of a name part: spelling variants of transliterated names share it
    (ahmad/ahmed -> ahmd, hussein/husain -> hsn, mohammad/muhammad -> mhmd)."""
    if not part:
        return part
    first = "a" if part[0] in "aeiou" else part[0]  # initial vowels vary (Osama/Usama) but are kept (Ahmad/Hamid)
    return re.sub(r"(.)\1+", r"\1", first + re.sub(r"[aeiouyw]", "", part[1:]))


def same_name_part(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    # A short skeleton is shared by different names (Larry, Laura and Lauer all give "lr").
    # Transliterations share the skeleton and most letters (Ahmad/Ahmed 0.80, Omar/Umar 0.75); two names whose
    # vowels alone differ that much are two names (Cohen/Chaney 0.55).
    ratio = SequenceMatcher(None, a, b).ratio()
    if skeleton(a) == skeleton(b) and ratio >= 0.7:
        return True
    # A typo or a dropped letter (Jon/John); a longer ending is another name (Peters/Peterson).
    return a[0] == b[0] and abs(len(a) - len(b)) <= 1 and ratio >= 0.85


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Full names (two parts or more) of the same person: same number of parts, every part a variant, and no two
    different generational suffixes. A son may leave his suffix out ("James B. Comey Jr." is "James Comey"); a
    father's "Sr." is written only to tell him from a son who goes by the bare name, so it is never left out."""
    suffix_a, suffix_b = a[len(core_parts(a)) :], b[len(core_parts(b)) :]
    if suffix_a and suffix_b and list(suffix_a) != list(suffix_b):
        return False
    if bool(suffix_a) != bool(suffix_b) and "sr" in (*suffix_a, *suffix_b):
        return False
    if not _compatible_initials(core_parts(a), core_parts(b)):
        return False
    a, b = _without_initials(core_parts(a)), _without_initials(core_parts(b))
    return len(a) == len(b) and len(a) >= 2 and all(same_name_part(x, y) for x, y in zip(a, b, strict=True))


def core_parts(parts: Sequence[str]) -> list[str]:
    """The name without its generational suffix: "Arcade Joseph Comeaux Jr" -> arcade joseph comeaux."""
    end = len(parts)
    while end > 1 and parts[end - 1] in GENERATIONAL_SUFFIXES:
        end -= 1
    return list(parts[:end])


def _middle_initials(parts: Sequence[str]) -> str:
    return "".join(p for p in parts[1:-1] if len(p) == 1)


def _compatible_initials(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two names that both write middle initials write the same ones: "George W. Bush" and "George H.W. Bush" are
    father and son. A name without them ("George Bush") may be either."""
    initials_a, initials_b = _middle_initials(a), _middle_initials(b)
    return not (initials_a and initials_b) or initials_a == initials_b


def _without_initials(parts: Sequence[str]) -> list[str]:
    """A middle initial is often left out ("Dirk A. Smith" is "Dirk Smith"); first and last parts are kept."""
    return [p for k, p in enumerate(parts) if len(p) > 1 or k in (0, len(parts) - 1)]


def group_key(name: str, type_: str = "") -> str:
    """A group's name as compared: a title word is part of an organisation's name ("Interior Ministry" and
    "Defense Ministry" are two ministries), only a leading "the" is not."""
    parts = _folded_parts(name)
    if parts[:1] == ["the"]:
        parts = parts[1:]
    if type_ == "NORP" and parts and len(parts[-1]) > 4 and parts[-1].endswith("s"):
        parts[-1] = parts[-1][:-1]  # "Americans" are the group "American" names
    return " ".join(parts)


def resolve_actors(refs: Sequence[EntityRef]) -> list[Actor]:
    """Group entity references into actors (only types PERSON, ORG, NORP, GPE are actors)."""
    # a family ("the Clintons") is a group of persons: never one of them
    people = [r for r in refs if r.type in PERSON_TYPES and r.kind != "family"]
    groups = [r for r in refs if r.type in GROUP_TYPES or (r.type in PERSON_TYPES and r.kind == "family")]
    surnames = _persons_named_as_groups(people, groups)
    taken = {id(ref) for ref in surnames}
    return _resolve_people(people + surnames) + _resolve_groups([r for r in groups if id(r) not in taken])


# Kinds the entity stage gives a name it knows nothing about (no knowledge-base entry, no word of the name
# saying what it is): a surname the model took for an organisation or a place gets one of these.
_UNKNOWN_GROUP_KINDS = frozenset({None, "organization", "place"})


def _persons_named_as_groups(people: Sequence[EntityRef], groups: Sequence[EntityRef]) -> list[EntityRef]:
    """Surnames the model took for an organisation or a place ("Trump's path to victory", "Sanders voters"): a
    group written as one capitalised word that is the surname of exactly one person the ledger knows by full name,
    that some article writes alone for a person, that the entity stage knows nothing else about (no known kind, no
    place the places stage found), and that no organisation of its article opens ("Ford" beside "Ford Motor") is
    that person. (A model's "person" "Obama White House" makes no person of "House": no one calls it "House".)"""
    full_names: dict[str, list[list[str]]] = defaultdict(list)
    alone: set[str] = set()  # surnames some article writes alone for a person ("Trump said")
    for ref in people:
        parts = name_parts(ref.name)
        if len(core_parts(parts)) >= 2 and not _opens_with_particle(ref.name, parts):
            full_names[core_parts(parts)[-1]].append(parts)
        alone.update(p[0] for p in map(name_parts, (ref.name, *ref.aliases)) if len(p) == 1)
    opening: set[tuple[str, str]] = set()
    for ref in groups:
        words = _folded_parts(ref.name)
        if len(words) >= 2:
            opening.add((ref.article_id, words[0]))
    found = []
    for ref in groups:
        name = ref.name.strip()
        if ref.type not in ("ORG", "GPE") or ref.kind not in _UNKNOWN_GROUP_KINDS or ref.place_id is not None:
            continue
        if not re.fullmatch(r"[A-Z][a-z]+(?:['’]s)?", name):
            continue
        (word,) = name_parts(name) or [""]
        known = full_names.get(word, [])
        if (
            word in alone
            and known
            and all(same_person(parts, known[0]) for parts in known)
            and (ref.article_id, word) not in opening
        ):
            found.append(ref)
    return found


def _told_apart_by_suffix(refs: Sequence[EntityRef]) -> set[tuple[str, ...]]:
    """Names (without suffix and initials) that some article gives two people, one with a generational suffix and
    one without ("Donald Trump Jr." beside "Donald Trump"): in the whole ledger, the bare name is then not the
    son's."""
    suffixed: set[tuple[str, tuple[str, ...]]] = set()
    bare: set[tuple[str, tuple[str, ...]]] = set()
    for ref in refs:
        parts = name_parts(ref.name)
        core = core_parts(parts)
        if len(core) < 2:
            continue
        key = (ref.article_id, tuple(_without_initials(core)))
        (suffixed if len(core) < len(parts) else bare).add(key)
    return {name for _article, name in suffixed & bare}


def _suffix_allows(a: Sequence[str], b: Sequence[str], told_apart: set[tuple[str, ...]]) -> bool:
    """Whether a name with a suffix and one without may be one person, given the ledger's articles."""
    if (len(core_parts(a)) < len(a)) == (len(core_parts(b)) < len(b)):
        return True
    return tuple(_without_initials(core_parts(a))) not in told_apart


def _resolve_people(refs: Sequence[EntityRef]) -> list[Actor]:
    told_apart = _told_apart_by_suffix(refs)
    full: list[tuple[list[str], list[EntityRef]]] = []  # (name parts of the first, members)
    by_last: dict[str, list[int]] = defaultdict(list)  # surname skeleton -> indices into `full`
    single: dict[str, list[EntityRef]] = defaultdict(list)
    # Longest names first, so that a full name founds the actor a variant joins.
    for ref in sorted(refs, key=lambda r: (-len(name_parts(r.name)), r.name, r.pk)):
        parts = name_parts(ref.name)
        core = core_parts(parts)
        if len(core) < 2 or _opens_with_particle(ref.name, core):  # "Obama", "de Blasio": a surname alone
            single[" ".join(core) if core else ref.name.lower()].append(ref)
            continue
        candidates = by_last[skeleton(core[-1])]
        matches = [
            index
            for index in candidates
            if same_person(parts, full[index][0]) and _suffix_allows(parts, full[index][0], told_apart)
        ]
        if len(matches) > 1:
            # "George Bush" beside "George W. Bush" and "George H.W. Bush": either of them; only the same bare
            # name's actor takes it
            matches = [index for index in matches if not _middle_initials(core_parts(full[index][0]))]
        if len(matches) == 1:
            full[matches[0]][1].append(ref)
        else:
            candidates.append(len(full))
            full.append((parts, [ref]))
    actors = [
        Actor(key="person:" + " ".join(skeleton(p) for p in parts), name="", type="PERSON", members=members)
        for parts, members in full
    ]
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    in_article: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    given_in_article: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    for actor in actors:
        for surname in {s for ref in actor.members for s in surnames(name_parts(ref.name))}:
            by_surname[surname].append(actor)
        for ref in actor.members:
            parts = name_parts(ref.name)
            keys = [(in_article, (ref.article_id, s)) for s in surnames(parts)]
            for chain, key in [*keys, (given_in_article, (ref.article_id, parts[0]))]:
                if not any(known is actor for known in chain[key]):
                    chain[key].append(actor)
    for part, members in single.items():
        unplaced = []
        for ref in members:  # the article's own name chain first (its surname, else its one given name)
            owners = in_article.get((ref.article_id, part), []) or given_in_article.get((ref.article_id, part), [])
            if len(owners) == 1:
                owners[0].members.append(ref)
            else:
                unplaced.append(ref)
        if not unplaced:
            continue
        owners = by_surname.get(part, [])
        alone = []
        for ref in unplaced:
            # One known person with that surname, or one of several that a title the short form carries
            # singles out: the short form is that person. Otherwise (unknown, a first name, ambiguous) it
            # stays an actor of its own.
            chosen = owners if len(owners) == 1 else _by_title(owners, [ref])
            if len(chosen) == 1:
                chosen[0].members.append(ref)
            else:
                alone.append(ref)
        if alone and len(owners) < 2:
            actors.append(
                Actor(
                    key="person:" + " ".join(skeleton(p) for p in part.split()), name="", type="PERSON", members=alone
                )
            )
            continue
        # Several known people with that surname: the same bare name in two articles may be any of them ("Bush"
        # in a report on a president and in one on a running back), so each article keeps its own.
        by_article: dict[str, list[EntityRef]] = defaultdict(list)
        for ref in alone:
            by_article[ref.article_id].append(ref)
        for article_id, article_refs in sorted(by_article.items()):
            actor_key = "person:" + " ".join(skeleton(p) for p in part.split()) + f"@{article_id}"
            actors.append(Actor(key=actor_key, name="", type="PERSON", members=article_refs))
    return [_named(actor) for actor in _unique_keys(actors)]


def _opens_with_particle(name: str, parts: Sequence[str]) -> bool:
    """ "de Blasio", "bin Laden", "al-Baghdadi"; a capitalised "Al" or "Van" may be a given name (Al Gore), so a
    capitalised particle counts only when no one is called by it."""
    if not parts or parts[0] not in SURNAME_PARTICLES:
        return False
    written = re.search(rf"(?<![A-Za-z]){parts[0]}(?![A-Za-z])", name, re.IGNORECASE)
    return (written is not None and written.group()[0].islower()) or parts[0] in _NEVER_GIVEN_NAMES


def surnames(parts: Sequence[str]) -> list[str]:
    """The forms a full name's surname is written in alone: its last part (before a generational suffix), and
    with the particles before it ("Bill de Blasio" -> "blasio", "de blasio"; "Osama bin Laden" -> "laden", "bin
    laden")."""
    parts = core_parts(parts)
    if not parts:
        return []
    start = len(parts) - 1
    while start > 1 and parts[start - 1] in SURNAME_PARTICLES:
        start -= 1
    forms = [parts[-1]]
    if start < len(parts) - 1:
        forms.append(" ".join(parts[start:]))
    return forms


def titles_of(refs: Sequence[EntityRef]) -> set[str]:
    """Titles and honorifics written before the names ("Mrs. Clinton", "President Obama")."""
    found = set()
    for ref in refs:
        for written in (ref.name, *ref.aliases):
            words = re.findall(r"[a-z]+", written.lower())
            for word in words[:-1]:
                if word not in TITLE_WORDS or word == "the":
                    break
                found.add(word)
    return found


def _by_title(owners: list[Actor], refs: Sequence[EntityRef]) -> list[Actor]:
    """The owners that carry a title the short form carries, when that is exactly one of them."""
    carried = titles_of(refs)
    if not carried:
        return owners
    matching = [actor for actor in owners if titles_of(actor.members) & carried]
    return matching if len(matching) == 1 else owners


def _resolve_groups(refs: Sequence[EntityRef]) -> list[Actor]:
    parent = list(range(len(refs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    parties = {key for ref in refs if ref.type == "ORG" and (key := group_key(ref.name, ref.type)).endswith(" party")}
    first_with_key: dict[str, int] = {}
    for index, ref in enumerate(refs):
        keys = {_scoped_group_key(ref)}
        if not _located(ref):
            keys |= {group_key(a, ref.type) for a in ref.aliases if is_alias(a) and len(group_key(a)) >= 3}
        if ref.type == "NORP":
            keys |= _party_named_by(group_key(ref.name, ref.type), parties)
        for key in keys:
            if not key:
                continue
            if key in first_with_key:
                parent[find(index)] = find(first_with_key[key])
            else:
                first_with_key[key] = index
    grouped: dict[int, list[EntityRef]] = defaultdict(list)
    for index, ref in enumerate(refs):
        grouped[find(index)].append(ref)
    actors = []
    for members in grouped.values():
        actor = _named(Actor(key="", name="", type="", members=members))
        types = Counter(ref.type for ref in members)
        actor.type = types.most_common(1)[0][0]
        if any(ref.type == "ORG" and group_key(ref.name, ref.type) in parties for ref in members):
            actor.type = "ORG"  # a party with its members and adjective ("Republicans", "Republican"), not a people
        actor.key = "group:" + min(_scoped_group_key(ref) or ref.name.lower() for ref in members)
        actors.append(actor)
    return _unique_keys(actors)


def _party_named_by(norp_key: str, parties: set[str]) -> set[str]:
    """The party a people-like name stands for, when the ledger also names that party: "Republicans" and
    "Republican" are the Republican Party's, "Democrats" the Democratic Party's, "Labour" the Labour Party's. A
    name no "X Party" in the ledger matches stays a group of people."""
    return {key for key in (f"{norp_key} party", f"{norp_key}ic party") if key in parties}


def _located(ref: EntityRef) -> bool:
    """A place the knowledge base does not know (a town, a state), which the article's places stage found."""
    return ref.place_id is not None and ref.type in ("GPE", "LOC") and ref.kind == "place"


def _scoped_group_key(ref: EntityRef) -> str:
    """A group's key; a group written in lower case ("police", "residents", "the government") is described, not
    named, and the same description in two articles is two groups (the police of two cities): its key holds its
    article. A town's name does not say which town (two reports on two Springfields): where the places stage
    found it, the gazetteer id it chose is its key."""
    if _located(ref):
        return f"place:{ref.place_id}"
    key = group_key(ref.name, ref.type)
    return f"{key}@{ref.article_id}" if key and ref.name == ref.name.lower() else key


def _named(actor: Actor) -> Actor:
    """The actor's name: its most mentioned full form (longest on ties)."""
    weights: Counter[str] = Counter()
    for ref in actor.members:
        weights[ref.name] += ref.mentions
    actor.name = max(weights, key=lambda n: (len(name_parts(n)) >= 2, weights[n], len(n), n))
    return actor


def _unique_keys(actors: list[Actor]) -> list[Actor]:
    seen: Counter[str] = Counter()
    for actor in actors:
        seen[actor.key] += 1
        if seen[actor.key] > 1:
            actor.key = f"{actor.key}#{seen[actor.key]}"
    return actors
