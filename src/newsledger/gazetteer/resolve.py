"""Choosing the referent of each toponym in an article, with a score, the way a careful reader would.

Evidence, strongest first: containment written in the text ("Lashkar Gah, Helmand"; "Paris, Texas"), the
provinces and countries the article itself names (and its demonyms and dateline), closeness to the other
places in the text, the kind of place a word asks for ("X County", "X province"), prominence (population and
feature type), and last the outlet's home region and country as weak priors. No spaCy here: the eval scores
this module on gold toponyms directly.

Prominence before obscurity: a town known the world over (Paris, Venice, Vancouver) beats a small namesake
unless the text points to the namesake (its container is written, its province is named, it stands near the
article's other places, or the outlet's home province is known and holds it); a country named in the text is
not enough, since most reports name the country whose officials speak. A facility's name (a building, an
airport, a landmark) goes to a town only on such evidence, never to a namesake picked by prominence alone.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsledger.gazetteer.build import POINT_NEAR_TOWN
from newsledger.gazetteer.index import Candidate, Gazetteer
from newsledger.gazetteer.keys import name_key
from newsledger.gazetteer.lexicon import (
    ADMIN1_WORDS,
    ADMIN2_WORDS,
    AREA_WORDS,
    LOCAL_NOUNS,
    SITE_WORDS,
)

# Feature prominence: a bare name that is both a country and a town is, in news, usually the country.
# A world region, sea or large island ("Middle East", "Pacific", "Java") outranks the small towns named after it.
FEATURE_WEIGHT = {"region": 1.4, "continent": 1.0, "country": 0.9, "admin1": 0.55, "admin2": 0.05, "city": 0.0}
MATCH_WEIGHT = {"name": 0.0, "abbreviation": 0.0, "alias": -0.15, "compact": -0.1, "fuzzy": -0.5}
CONTAINED_BONUS = 2.0  # "X, Y" and Y contains the candidate
CONTAINS_NAMED_BONUS = 1.0  # "X, Y" and the candidate for Y contains a place named X ("Atlanta, Georgia")
ADMIN1_CONTEXT_BONUS = 0.7  # the article names the candidate's province
COUNTRY_CONTEXT_BONUS = 0.6  # the article's countries (names, demonyms, dateline)
NEAR_BONUS = 0.35  # within 100 km of another place of the article
FEATURE_AGREEMENT_BONUS = 0.3  # the other names of the article are of this kind too
HOME_ADMIN1_BONUS = 0.5  # the outlet's home province (local news)
HOME_COUNTRY_BONUS = 0.25  # the outlet's home country (weak prior)
KIND_MISMATCH_PENALTY = 1.5  # "X County" naming a town
# "Washington", "Delhi": a capital, called by its own name, is named for its government more than any namesake
# (not "Mexico" for Mexico City, where the name is the country's).
CAPITAL_BONUS = 1.0

_PART_OF = re.compile(r"^(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central)\s+(?=[A-Z])")
_ABBREVIATED_COUNTY = re.compile(r"\b(co|cnty)\.?$", re.IGNORECASE)
_SAINT = re.compile(r"^(st|ste)\.?\s", re.IGNORECASE)
_ABBREVIATED_WORDS = {"mt": "Mount", "ft": "Fort"}
_ABBREVIATED_WORD = re.compile(r"^(mt|ft)\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Toponym:
    """A place name in the text; `container` is the name written after it ("X, Y"), if any."""

    text: str
    start: int
    end: int
    container: str | None = None
    dateline: bool = False
    enumerated: bool = False  # "X, Y" stands in a list ("A, X, Y and B"), where the comma may only separate
    written_kind: str | None = None  # the kind the words around it give: "X state", "the province of X"
    facility: bool = False  # a building, airport or landmark by its own name ("Heathrow", "the White House")
    after_article: bool = False  # written after "the" ("the Delta", "the Valley")


def follows_the_article(text: str, start: int) -> bool:
    """Whether the name starting at `start` is written right after "the"."""
    return re.search(r"\bthe\s+$", text[max(0, start - 8) : start], re.IGNORECASE) is not None


# Words of a name any coast or country has ("West Coast", "the North Shore", "Central Highlands"): a province
# abroad so called is a guess unless the text points to its country.
_SIDE_WORDS = frozenset(
    "north south east west northern southern eastern western central coast coastal shore upper lower middle "
    "highlands lowlands midlands lakes islands border interior".split()
)
# A part of any country by its compass point: "the Northeast", "the Midwest" is a region of the report's
# country (or one it names), never the town of that name unless the text points there.
_COMPASS_REGIONS = frozenset("north south east west northeast northwest southeast southwest midwest".split())


def _reads_as_common_noun(toponym: Toponym, looked_up: str) -> bool:
    """ "the Delta", "the Valley": one capitalised word after "the", the way a common noun is written; "West
    Coast": a name made only of words for a side or a coast."""
    if all(word in _SIDE_WORDS for word in looked_up.lower().split()):
        return True
    written_with_the = toponym.after_article or toponym.text.lower().startswith("the ")
    return written_with_the and looked_up.isalpha() and looked_up[:1].isupper() and looked_up[1:].islower()


_LIST_GLUE = re.compile(r",?\s+(?:and|or)\s+|,\s*")


def written_containers(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str | None, bool]]:
    """Per name (spans sorted by start): the name written right after it as "X, Y", and whether the pair
    stands in an enumeration of three or more ("Georgia, Illinois, Missouri", "Ohio, Iowa and Utah")."""

    def glue(i: int) -> str:
        return text[spans[i][1] : spans[i + 1][0]]

    def joins_list(i: int) -> bool:
        return 0 <= i < len(spans) - 1 and _LIST_GLUE.fullmatch(glue(i)) is not None

    # Every member of a run of three or more names joined by list glue stands in an enumeration.
    in_list = [False] * len(spans)
    i = 0
    while i < len(spans):
        j = i
        while joins_list(j):
            j += 1
        if j - i >= 2:
            in_list[i : j + 1] = [True] * (j - i + 1)
        i = j + 1
    out: list[tuple[str | None, bool]] = []
    for i in range(len(spans)):
        if i + 1 < len(spans) and glue(i) in (", ", ","):
            next_start, next_end = spans[i + 1]
            out.append((text[next_start:next_end], in_list[i]))
        else:
            out.append((None, in_list[i]))
    return out


_KIND_AFTER = re.compile(r"\s+([a-z]+)\b")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)\b")
_KIND_BEFORE = re.compile(r"\bthe\s+([a-z]+)\s+of\s+$")  # "the province of X"; "a district of X" is a part of X


def written_kinds(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None]:
    """Per name, the kind of place the words around it give: a feature word right after it ("Washington state",
    "Punjab province", "Harris county") or "the state/province of" right before it; a plural feature word after
    a list or range gives every name of it its kind ("Clay, Grant and Wilkin counties", "from Clay to Grant
    counties"), and so does one that leads into examples ("counties along the road, such as Clay and Grant");
    "local" for a name that qualifies a local noun ("the Lebanon police")."""
    kinds: list[str | None] = []
    for start, end in spans:
        after = _KIND_AFTER.match(text, end)
        before = _KIND_BEFORE.search(text[max(0, start - 30) : start])
        words = [m.group(1) for m in (after, before) if m is not None]
        kind = next((_kind_of_word(word) for word in words if _kind_of_word(word)), None)
        if kind is None:
            local = _WORD_AFTER.match(text, end)
            if local is not None and local.group(1).lower() in LOCAL_NOUNS:
                kind = "local"
        kinds.append(kind)
    run_start = 0
    for i in range(len(spans)):
        if i + 1 < len(spans) and _KIND_RUN_GLUE.fullmatch(text[spans[i][1] : spans[i + 1][0]]) is not None:
            continue  # the run of listed names goes on
        plural = _PLURAL_KIND_AFTER.match(text, spans[i][1])
        lead_in = _PLURAL_KIND_BEFORE.search(text[max(0, spans[run_start][0] - 100) : spans[run_start][0]])
        word = plural.group(1) if plural is not None and i > run_start else lead_in.group(1) if lead_in else None
        if word is not None:
            kind = _kind_of_word(_SINGULAR.get(word, word))
            for j in range(run_start, i + 1):
                kinds[j] = kind or kinds[j]
        run_start = i + 1
    return kinds


# Names run on in a list, or in a range ("from Clay to Grant counties").
_KIND_RUN_GLUE = re.compile(r",?\s+(?:and|or|to|through)\s+|,\s*")
# A plural feature word that leads into a list of examples: "other counties along the route, such as Clay and
# Grant", "neighboring counties and their rates include: Clay, ...".
_PLURAL_KIND_BEFORE = re.compile(
    r"\b(counties|parishes|provinces|states|districts|boroughs|townships)\b[^.;:!?]{0,60}?"
    r"\b(?:such as|including|like|include|includes)\s*:?\s*$"
)


_PLURAL_KIND_AFTER = re.compile(r"\s+(counties|parishes|provinces|states|districts|boroughs|townships)\b")
_SINGULAR = {"counties": "county", "parishes": "parish", "provinces": "province", "states": "state"}
_SINGULAR |= {"districts": "district", "boroughs": "borough", "townships": "township"}


# Outside a name, "region" and "territory" are vague ("the Charlotte region"); these words are not.
_WRITTEN_ADMIN1_WORDS = frozenset(ADMIN1_WORDS) - {"region", "territory"}


def _kind_of_word(word: str) -> str | None:
    if word in _WRITTEN_ADMIN1_WORDS:
        return "admin1"
    if word in ADMIN2_WORDS:
        return "admin2"
    return None


@dataclass(frozen=True)
class Resolution:
    candidate: Candidate | None
    score: float
    kind_hint: str | None  # admin1, admin2, area, site: what the name's own words say it is
    lookup_text: str  # the part of the name that was looked up ("Swat" for "the Swat Valley")


@dataclass
class Context:
    """What the article says about where it is: countries and provinces named, demonyms, outlet priors."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[str] = field(default_factory=Counter)
    home_country: str | None = None
    home_admin1: str | None = None  # GeoNames admin1 code ("US.OH")
    home_point: tuple[float, float] | None = None  # the home province's point (filled in from the gazetteer)
    chosen: frozenset[int] = frozenset()  # index ids the article's other names were resolved to
    features: Counter[str] = field(default_factory=Counter)  # what kinds of place the other names are


def kind_hint_of(text: str) -> tuple[str | None, str]:
    """What kind of place the name's last word asks for, and the name without that word."""
    key = name_key(text)
    words = key.split()
    if len(words) >= 2:
        last = words[-1]
        head = text.rsplit(None, 1)[0]
        if last in ADMIN2_WORDS or _ABBREVIATED_COUNTY.search(text):
            return "admin2", head
        if last in ADMIN1_WORDS:
            return "admin1", head
        if last in AREA_WORDS:
            return "area", head
        if last in SITE_WORDS or key.endswith("air base"):
            head = text[: -len("air base")].strip() if key.endswith("air base") else head
            return "site", head
    return None, text


def candidates_for(gazetteer: Gazetteer, text: str) -> tuple[tuple[Candidate, ...], str | None, str]:
    """Candidates for a toponym: as a demonym, the full name, the name without its feature word, then fuzzy."""
    clean = re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)
    clean = re.sub(r"['’]s$", "", clean)
    iso2 = gazetteer.demonym(clean)
    if iso2 is not None:
        country = gazetteer.country(iso2)
        if country is not None:
            return (country,), "demonym", clean
    hint, head = kind_hint_of(clean)
    # "Mt. Pleasant", "Ft. Worth": the name in full first (the abbreviation is at best one town's alias)
    spelt_out = _ABBREVIATED_WORD.sub(lambda m: _ABBREVIATED_WORDS[m.group(1).lower()] + " ", clean)
    attempts = [spelt_out, clean] if spelt_out != clean else [clean]
    if hint is not None:
        attempts.append(head)
    # "northern Nigeria", "eastern Ukraine": the part of a place, found as the place ("Northern Ireland" and
    # "South Sudan", names of their own, are written with a capital and looked up whole)
    part_of = _PART_OF.match(clean)
    if part_of is not None:
        attempts.append(clean[part_of.end() :])
    if _SAINT.match(clean):
        attempts.append(_SAINT.sub("Saint ", clean))
    for attempt in attempts:
        found = gazetteer.lookup(attempt, fuzzy=False)
        initials = _dotted_initials(attempt)
        if initials is not None:
            # "L.A." is Los Angeles, not the postal code LA: letters written with stops spell a name's words
            # ("N.Y.", "D.C.", "U.A.E."), never a one-word name's code.
            found = tuple(c for c in found if _spelt_by(c.name, initials))
        if found:
            return found, hint, attempt
    if _dotted_initials(clean) is not None:
        return (), hint, clean
    people = _place_of_people(gazetteer, clean)
    if people is not None:
        return people[0], None, people[1]
    for attempt in attempts:
        found = gazetteer.lookup(attempt, fuzzy=True)
        if found:
            return found, hint, attempt
    return (), hint, clean


_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.){2,4}")
_MINOR_WORDS = frozenset("of the and de del la".split())


def _dotted_initials(text: str) -> str | None:
    """The letters of a name written as initials with stops ("L.A." -> "LA")."""
    return text.replace(".", "") if _DOTTED_INITIALS.fullmatch(text) else None


def _spelt_by(name: str, initials: str) -> bool:
    """Whether the initials spell the start of the name's words ("NY": New York; "US": United States of America;
    "DC": District of Columbia; "USA": United States), never a one-word name's code ("LA" is not Louisiana)."""
    words = [w for w in re.split(r"[\s,-]+", name) if w and w.lower() not in _MINOR_WORDS]
    letters = "".join(w[0].upper() for w in words)
    return len(letters) >= 2 and (letters.startswith(initials) or initials.startswith(letters))


# How the name of a place's people is made from the place's name, as (ending of the people's name, endings the
# place's name may have in its place): "Ohio" -> "Ohioans", "Iowa" -> "Iowans", "Texas" -> "Texan(s)", "Florida" ->
# "Floridians", "Ontario" -> "Ontarians", "Boston" -> "Bostonians", "London" -> "Londoners".
_PEOPLE_SUFFIXES = (
    ("ians", ("", "io", "a")),
    ("ans", ("", "a")),
    ("ns", ("", "s")),
    ("n", ("", "s")),
    ("ers", ("",)),
    ("er", ("",)),
)
# A people's name points to a country, a province, or a city big enough to have a name for its people; a small
# town that shares the stem ("Romans", "Spartans") is not what it means.
PEOPLE_CITY_MIN_POPULATION = 100_000


def _place_of_people(gazetteer: Gazetteer, text: str) -> tuple[tuple[Candidate, ...], str] | None:
    """The province, country or big city a people's name ("Ohioans", "Texan", "New Londoners") is made from."""
    if not text[:1].isupper():
        return None
    for suffix, endings in _PEOPLE_SUFFIXES:
        if not text.endswith(suffix) or len(text) - len(suffix) < 3:
            continue
        stem = text[: -len(suffix)]
        for ending in endings:
            found = tuple(
                c
                for c in gazetteer.lookup(stem + ending, fuzzy=False)
                if c.match == "name"
                and (
                    c.feature in ("country", "admin1")
                    or (c.feature == "city" and c.population >= PEOPLE_CITY_MIN_POPULATION)
                )
            )
            if found:
                return found, stem + ending
    return None


def resolve_toponyms(gazetteer: Gazetteer, toponyms: Sequence[Toponym], context: Context) -> list[Resolution]:
    """One Resolution per toponym, in order.

    Two passes: the first reads only what is near-certain (countries named, demonyms, priors); the second
    adds the provinces and countries of the first pass's confident choices, and their points as anchors.
    """
    if context.home_admin1 is not None and context.home_point is None:
        province = gazetteer.admin1(context.home_admin1)
        if province is not None and province.lat is not None and province.lon is not None:
            context = dataclasses.replace(context, home_point=(province.lat, province.lon))
    found = _initials_of_named_places([candidates_for(gazetteer, t.text) for t in toponyms])
    county_heads = {name_key(kind_hint_of(text)[1]) for _, hint, text in found if hint == "admin2"}
    looked_up = []
    for t, (cands, hint, text) in zip(toponyms, found, strict=True):
        if t.dateline and hint is None:
            cands = _dateline_towns(cands, written_alone=t.container is None)
        written_kind = t.written_kind
        if hint is None and written_kind is None and _names_its_county(cands, text, county_heads, context.home_admin1):
            written_kind = "admin2"
        if hint is None and written_kind is None and cands:
            cands = _with_home_county(gazetteer, cands, text, context.home_admin1)
        looked_up.append(
            (
                _with_written_kind(gazetteer, cands, written_kind, text) if hint is None else cands,
                hint or written_kind,
                text,
            )
        )
    keys = [name_key(text) for _, _, text in looked_up]
    containers = {t.container: candidates_for(gazetteer, t.container)[0] for t in toponyms if t.container is not None}
    first_contributions: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for (cands, _hint, _text), key in zip(looked_up, keys, strict=True):
        countries, _ = first_contributions.setdefault(key, (Counter(), Counter()))
        if cands:
            top = max(cands, key=_prominence)
            if top.feature == "country" or len({c.country for c in cands}) == 1:
                if top.country:
                    countries[top.country] += 1
    first_contexts = _contexts_excluding_self(context, first_contributions)
    contents = _contents_of(toponyms, looked_up, containers)
    first = [
        _choose(
            cands,
            hint,
            first_contexts[key],
            _container_of(t, cands, containers),
            (),
            inner,
            listed=t.enumerated,
            facility=t.facility,
        )
        for t, (cands, hint, _), key, inner in zip(toponyms, looked_up, keys, contents, strict=True)
    ]
    contributions: dict[str, tuple[Counter[str], Counter[str]]] = {}
    chosen_by_key: dict[str, set[int]] = {}
    features_by_key: dict[str, Counter[str]] = {}
    for (chosen, score), key in zip(first, keys, strict=True):
        countries, admin1s = contributions.setdefault(key, (Counter(), Counter()))
        if chosen is None or score < 0.5:
            continue
        chosen_by_key.setdefault(key, set()).add(chosen.id)
        features_by_key.setdefault(key, Counter())[chosen.feature] += 1
        if chosen.country:
            countries[chosen.country] += 1
        if chosen.admin1_code and chosen.feature != "country":
            admin1s[chosen.admin1_code] += 1
    contexts = _contexts_excluding_self(context, contributions)
    for key, own_context in contexts.items():
        own_context.chosen = frozenset(i for other, ids in chosen_by_key.items() if other != key for i in ids)
        for other, features in features_by_key.items():
            if other != key:
                own_context.features.update(features)
    anchors = [c for c, score in first if c is not None and score >= 0.6]
    provinces_at = [
        (t.start, c.admin1_code)
        for t, (c, score) in zip(toponyms, first, strict=True)
        if c is not None and score >= 0.5 and c.feature == "admin1" and c.admin1_code
    ]
    chosen_pairs = [
        _choose(
            cands,
            hint,
            contexts[key],
            _container_of(t, cands, containers),
            anchors,
            inner,
            listed=t.enumerated,
            facility=t.facility,
            common_noun=_reads_as_common_noun(t, text),
            provinces_near=frozenset(code for at, code in provinces_at if abs(at - t.start) <= PROVINCE_NEAR_CHARS),
        )
        for t, (cands, hint, text), key, inner in zip(toponyms, looked_up, keys, contents, strict=True)
    ]
    resolutions = [
        Resolution(candidate=cand, score=score, kind_hint=hint, lookup_text=text)
        for (cand, score), (_, hint, text) in zip(chosen_pairs, looked_up, strict=True)
    ]
    return _near_the_report_town(toponyms, _local_reading_throughout(toponyms, resolutions, context))


def _local_reading_throughout(
    toponyms: Sequence[Toponym], resolutions: list[Resolution], context: Context
) -> list[Resolution]:
    """A name means one place throughout a report: where one of its mentions qualifies a local noun and so reads
    as the town of the outlet's home province ("the Jordan Hubmen", "a Lebanon man"), every mention of that name
    is the town, not the country or province of the name ("the Jordan youth league")."""
    local: dict[str, Resolution] = {}
    for toponym, resolution in zip(toponyms, resolutions, strict=True):
        candidate = resolution.candidate
        if (
            resolution.kind_hint == "local"
            and candidate is not None
            and candidate.feature in ("city", "admin2")
            and candidate.admin1_code is not None
            and candidate.admin1_code == context.home_admin1
        ):
            local.setdefault(name_key(toponym.text), resolution)
    if not local:
        return resolutions
    out = []
    for toponym, resolution in zip(toponyms, resolutions, strict=True):
        reading = local.get(name_key(toponym.text))
        if reading is not None and reading.candidate is not None and resolution.candidate != reading.candidate:
            resolution = dataclasses.replace(resolution, candidate=reading.candidate, score=reading.score)
        out.append(resolution)
    return out


# A report whose towns all lie within this distance of the town it names most is a local one.
LOCAL_REPORT_KM = 150
NEAR_TOWN_SCORE = 0.2
_WORDS = re.compile(r"[A-Za-z]+")


def _near_the_report_town(toponyms: Sequence[Toponym], resolutions: list[Resolution]) -> list[Resolution]:
    """A name no place of the gazetteer takes, placed near the town the report names most, at district
    precision and with no GeoNames id of its own, in a local report (one whose towns all lie within
    LOCAL_REPORT_KM of that town and that names no other country): a village or a part of town the gazetteer
    lacks (a hamlet, a quarter of the town), a park, creek or township. Local reports name the places around the
    town they cover; a report of several far towns gives no town to put a name near ("Lake Michigan" in a poll
    of Indiana is no place in its most-named town). A national park is no such place (a local paper names the
    far ones its readers visit). The pipeline keeps such a point only where the text makes the name a place
    (`extract.places`: its own words, or a place-only preposition before it)."""
    sure = [
        r.candidate
        for r in resolutions
        if r.candidate is not None and r.score >= 0.5 and r.candidate.lat is not None and r.candidate.match != "fuzzy"
    ]
    towns = [c for c in sure if c.feature == "city"]
    if not towns:
        return resolutions
    counts = Counter(c.id for c in towns)
    order = {c.id: i for i, c in reversed(list(enumerate(towns)))}
    focus_id = max(counts, key=lambda i: (counts[i], -order[i]))
    focus = next(c for c in towns if c.id == focus_id)
    local = all(_km(c, focus) <= LOCAL_REPORT_KM for c in sure if c.feature in ("city", "admin2")) and not any(
        c.feature == "country" and c.country != focus.country for c in sure
    )
    near = focus._replace(geonameid=None, match="near", point=POINT_NEAR_TOWN)
    out = list(resolutions)
    for i, (toponym, resolution) in enumerate(zip(toponyms, resolutions, strict=True)):
        if resolution.candidate is not None:
            if local and _far_guess(resolution, focus):
                out[i] = Resolution(
                    candidate=near, score=NEAR_TOWN_SCORE, kind_hint="near", lookup_text=resolution.lookup_text
                )
            continue
        words = {w.lower() for w in _WORDS.findall(toponym.text)}
        if "national" in words or _dotted_initials(toponym.text) is not None:
            continue
        if local:
            out[i] = Resolution(
                candidate=near, score=NEAR_TOWN_SCORE, kind_hint="near", lookup_text=resolution.lookup_text
            )
    return out


def _far_guess(resolution: Resolution, focus: Candidate) -> bool:
    """A town of a local report found only as the nearest spelling of its name, far from the report's town: the
    village the report means is likelier one the gazetteer lacks near that town, not a town of a like spelling
    some states away."""
    candidate = resolution.candidate
    if candidate is None or candidate.feature != "city" or candidate.capital or candidate.lat is None:
        return False
    return candidate.match == "fuzzy" and _km(candidate, focus) > LOCAL_REPORT_KM


# A dateline names the town a report was filed from: "WASHINGTON (AP)" is the capital, not the state, and "NEW
# YORK" the city, when a town of this size or a capital bears the province's name.
DATELINE_TOWN_MIN_POPULATION = 100_000


# A town found only by a like spelling of the name written must be this big, or pointed to by the text.
FUZZY_TOWN_MIN_POPULATION = 20_000


def _dateline_towns(candidates: tuple[Candidate, ...], *, written_alone: bool = False) -> tuple[Candidate, ...]:
    """The candidates without the provinces and districts a big town or capital of the same name outranks; and,
    for a dateline written with no province or country after it ("DALLAS (AP)"), without the towns under a tenth
    of its size: wire style writes only the big cities alone ("DALLAS, Iowa" names its state)."""
    big = [
        c
        for c in candidates
        if c.feature == "city" and c.match == "name" and (c.capital or c.population >= DATELINE_TOWN_MIN_POPULATION)
    ]
    if not big or any(c.feature == "country" and c.match == "name" for c in candidates):
        return candidates  # "SINGAPORE", "KUWAIT": a country by its own name is a city-state's dateline too
    largest = max(c.population for c in big)
    return tuple(
        c
        for c in candidates
        if c.feature not in ("admin1", "admin2")
        and not (written_alone and c.feature == "city" and not c.capital and c.population * 10 < largest)
    )


def _initials_of_named_places(
    found: list[tuple[tuple[Candidate, ...], str | None, str]],
) -> list[tuple[tuple[Candidate, ...], str | None, str]]:
    """ "L.A." in a report that names Los Angeles: initials no place's own abbreviation spells are the initials of
    a place the report names in full."""
    out = list(found)
    for i, (candidates, hint, text) in enumerate(found):
        initials = _dotted_initials(re.sub(r"^(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?", "", text, flags=re.I))
        if candidates or initials is None:
            continue
        for other, _, other_text in found:
            spelt = tuple(
                c
                for c in other
                if c.feature == "city" and c.match == "name" and _spelt_by(c.name, initials) and " " in other_text
            )
            if spelt:
                # looked up as the full name, so that the two vouch for each other no more than one name does
                out[i] = (spelt, hint, other_text)
                break
    return out


def _names_its_county(
    candidates: Sequence[Candidate], text: str, county_heads: set[str], home_admin1: str | None = None
) -> bool:
    """ "Navarro" in a report that names "Navarro County": the bare name is the county the report has named, unless
    a town of that name lies in a county of that name ("Kaufman" is also the seat of Kaufman County), in the
    outlet's home province where that is known (elsewhere some town of a common name always does)."""
    key = name_key(text)
    if key not in county_heads:
        return False
    return not any(
        c.feature == "city"
        and c.match == "name"
        and c.admin2 is not None
        and name_key(c.admin2).startswith(key)
        and (home_admin1 is None or c.admin1_code == home_admin1)
        for c in candidates
    )


# The words a district's or province's full name ends with, by the kind the words around a name ask for.
_KIND_SUFFIXES = {"admin2": ("County", "Parish", "District"), "admin1": ("Province", "State", "Region")}


def _with_written_kind(
    gazetteer: Gazetteer, candidates: tuple[Candidate, ...], written_kind: str | None, text: str
) -> tuple[Candidate, ...]:
    """ "Grant" in "Clay and Grant counties": also the places named "Grant County", which the bare name may miss."""
    if written_kind not in _KIND_SUFFIXES:
        return candidates
    found = {c.id: c for c in candidates}
    for suffix in _KIND_SUFFIXES[written_kind]:
        for candidate in gazetteer.lookup(f"{text} {suffix}", fuzzy=False):
            if candidate.feature == written_kind:
                found.setdefault(candidate.id, candidate)
    return tuple(found.values())


def _with_home_county(
    gazetteer: Gazetteer, candidates: tuple[Candidate, ...], text: str, home_admin1: str | None
) -> tuple[Candidate, ...]:
    """A local paper calls a county of its home province by its bare name ("Clay" for Clay County in a paper at
    home in that county's state): where no place of the home province bears the name, the home county of that name joins
    the candidates (and may be the home namesake the outlet's prior prefers)."""
    if home_admin1 is None or any(c.admin1_code == home_admin1 for c in candidates):
        return candidates
    counties = [
        c
        for suffix in _KIND_SUFFIXES["admin2"]
        for c in gazetteer.lookup(f"{text} {suffix}", fuzzy=False)
        if c.feature == "admin2" and c.match == "name" and c.admin1_code == home_admin1
    ]
    return candidates + tuple(c for c in counties if c.id not in {d.id for d in candidates})


def _container_of(
    toponym: Toponym, candidates: Sequence[Candidate], containers: dict[str, tuple[Candidate, ...]]
) -> Sequence[Candidate] | None:
    """The written container of "X, Y", unless "X, Y" is a list of countries ("China, Japan", "Iraq, Iran"):
    a name that is a country by its own name is not a town in another country. Provinces only in a list of
    three or more: alone, "Washington, Pennsylvania" and "Delaware, Ohio" are towns."""
    if toponym.container is None:
        return None
    outer = containers.get(toponym.container)
    if outer and _names_an_area(candidates, ("country",)) and _names_an_area(outer, ("country",)):
        return None
    # In a list, "Washington, Pennsylvania and California" are three states, not a town in the second.
    areas = ("country", "admin1")
    if outer and toponym.enumerated and _names_an_area(candidates, areas) and _names_an_area(outer, areas):
        return None
    return outer


def _contents_of(
    toponyms: Sequence[Toponym],
    looked_up: Sequence[tuple[tuple[Candidate, ...], str | None, str]],
    containers: dict[str, tuple[Candidate, ...]],
) -> list[Sequence[Candidate]]:
    """Per name, the candidates of the name written just before it as its contents ("Atlanta" for "Georgia"
    in "Atlanta, Georgia"): the container reading is evidence for both names."""
    contents: list[Sequence[Candidate]] = [() for _ in toponyms]
    for i in range(len(toponyms) - 1):
        inner, outer = toponyms[i], toponyms[i + 1]
        if inner.container is not None and inner.container == outer.text:
            if _container_of(inner, looked_up[i][0], containers) is not None:
                contents[i + 1] = looked_up[i][0]
    return contents


def _names_an_area(candidates: Sequence[Candidate], features: tuple[str, ...]) -> bool:
    return any(c.feature in features and c.match in ("name", "abbreviation") for c in candidates)


def _contexts_excluding_self(
    context: Context, contributions: dict[str, tuple[Counter[str], Counter[str]]]
) -> dict[str, Context]:
    """Per name, the countries and provinces the *other* names of the article point to: a name must not
    vouch for itself ("Santa Ana" the department must not pull "Santa Ana" the town)."""
    all_countries: Counter[str] = Counter(context.countries)
    all_admin1s: Counter[str] = Counter(context.admin1s)
    for countries, admin1s in contributions.values():
        all_countries.update(countries)
        all_admin1s.update(admin1s)
    out: dict[str, Context] = {}
    for key, (countries, admin1s) in contributions.items():
        out[key] = Context(
            all_countries - countries,
            all_admin1s - admin1s,
            context.home_country,
            context.home_admin1,
            home_point=context.home_point,
        )
    return out


def _prominence(candidate: Candidate) -> float:
    return math.log10(candidate.population + 10) / 7 + FEATURE_WEIGHT.get(candidate.feature, 0.0)


def score_candidate(
    candidate: Candidate,
    *,
    hint: str | None,
    context: Context,
    container: Sequence[Candidate] | None,
    anchors: Sequence[Candidate],
    contents: Sequence[Candidate] = (),
    listed: bool = False,
) -> float:
    score = _prominence(candidate) + MATCH_WEIGHT.get(candidate.match, 0.0) + 0.5 * (candidate.similarity - 1)
    if candidate.match == "alias" and candidate.feature in ("admin1", "admin2"):
        score -= 0.2  # a province's alias is often its capital's name ("Alexandria", "Laurel")
    if (
        candidate.capital
        and candidate.country
        and (context.countries[candidate.country] or candidate.country == context.home_country)
    ):
        score += CAPITAL_BONUS
    if candidate.lat is None and candidate.feature != "region":
        # a place with no point is of little use on a map (a sea has none, and is still the sea, not a town)
        score -= 1.0
    if hint == "admin2" and candidate.feature != "admin2":
        score -= KIND_MISMATCH_PENALTY
    elif hint == "admin1" and candidate.feature not in ("admin1", "admin2"):
        score -= KIND_MISMATCH_PENALTY
    elif hint in (None, "local") and candidate.feature == "admin2":
        score -= 0.3  # a bare "Laurel" is the town before the county
    if container:
        if any(_contains(outer, candidate) for outer in container):
            score += CONTAINED_BONUS
    if contents and any(_contains(candidate, inner) for inner in contents):
        score += CONTAINS_NAMED_BONUS
    total_countries = sum(context.countries.values())
    if candidate.country and total_countries:
        share = context.countries[candidate.country] / total_countries
        score += COUNTRY_CONTEXT_BONUS * min(1.0, 2 * share)
    # A place the article names under another name ("Mexico City" for "Mexico") vouches for nothing here.
    echo = candidate.id in context.chosen
    if candidate.admin1_code and candidate.feature != "admin1" and context.admin1s[candidate.admin1_code] and not echo:
        score += ADMIN1_CONTEXT_BONUS
    if candidate.feature in ("admin1", "country") and context.features[candidate.feature]:
        # Names listed together are usually of one kind: "Ohio, Oregon and Wyoming" are three states. A name in
        # the list itself weighs that twice.
        agreement = FEATURE_AGREEMENT_BONUS * (2 if listed else 1)
        score += agreement * min(1.0, context.features[candidate.feature] / 2)
    if candidate.admin1_code and candidate.admin1_code == context.home_admin1:
        score += HOME_ADMIN1_BONUS
    elif candidate.country and candidate.country == context.home_country and candidate.feature != "country":
        score += HOME_COUNTRY_BONUS
    if anchors and candidate.lat is not None and candidate.feature in ("city", "admin2") and not echo:
        nearest = min(
            (
                _km(candidate, a)
                for a in anchors
                if a.id != candidate.id and a.lat is not None and a.feature != "country"
            ),
            default=math.inf,
        )
        if nearest < 100:
            score += NEAR_BONUS
        elif nearest < 300:
            score += NEAR_BONUS / 2
    return score


def _choose(
    candidates: Sequence[Candidate],
    hint: str | None,
    context: Context,
    container: Sequence[Candidate] | None,
    anchors: Sequence[Candidate],
    contents: Sequence[Candidate] = (),
    *,
    listed: bool = False,
    facility: bool = False,
    common_noun: bool = False,
    provinces_near: frozenset[str] = frozenset(),
) -> tuple[Candidate | None, float]:
    if not candidates:
        return None, 0.0

    def pointed_to(candidate: Candidate) -> bool:
        return _pointed_to(
            candidate, hint=hint, context=context, container=container, anchors=anchors, contents=contents
        )

    if facility:
        # "Heathrow", "the White House": a building or landmark, not the small town that shares its name. An
        # airport or base named for its town ("Kandahar Airfield") may be that town when it is a known one or
        # in a country the article names.
        candidates = [
            c
            for c in candidates
            if c.feature != "city"
            or pointed_to(c)
            or (hint == "site" and (c.population >= SITE_TOWN_MIN_POPULATION or context.countries[c.country or ""]))
        ]
        if not candidates:
            return None, 0.0

    def scored_by_evidence(candidate: Candidate) -> float:
        return score_candidate(
            candidate,
            hint=hint,
            context=context,
            container=container,
            anchors=anchors,
            contents=contents,
            listed=listed,
        )

    scored = sorted(
        ((scored_by_evidence(c), c) for c in candidates),
        key=lambda pair: (-pair[0], -pair[1].population, pair[1].id),
    )
    best_score, best = scored[0]
    if best.feature in ("admin1", "admin2") and hint not in ("admin1", "admin2"):
        # "Kabul", "Geneva": a province named after the city that holds much of its people means the city.
        for score, candidate in scored[1:]:
            # "Minsk": a national capital by its name beats a province only known by it, whatever the census
            # counts ("Washington" in a list of states is still the state)
            if (
                candidate.feature == "city"
                and candidate.match == "name"
                and candidate.admin1_code == best.admin1_code
                and candidate.population >= 0.4 * best.population
            ) or (
                candidate.capital
                and candidate.match == "name"
                and best.match != "name"
                and candidate.country == best.country
            ):
                best_score, best = score, candidate
                scored = [(best_score + 1e-6, best), *[pair for pair in scored if pair[1] is not best]]
                best_score = scored[0][0]
                break
    if (
        best.feature == "city"
        and best.population < OBSCURE_TOWN_MAX_POPULATION
        and not pointed_to(best)
        and not context.countries[best.country or ""]
        and best.country != context.home_country
    ):
        # "Shoppers lined up at Sears": a small town abroad that nothing in the text points to is a guess at a
        # name, not a place the report is about.
        return None, 0.0
    if best.feature == "city" and best.match == "fuzzy" and best.population < FUZZY_TOWN_MIN_POPULATION:
        if not pointed_to(best):
            # "a combination with Allergan": a small town found only by a like spelling, that nothing in the text
            # points to, is a guess at a name (a firm's, a person's), not a place.
            return None, 0.0
    home = _home_namesake(scored, best, hint, context)
    if home is not None and not _kept_over_home(best, home[1], hint, context, container, anchors, contents):
        best_score, best = home
        scored = [(best_score + 1e-6, best), *[pair for pair in scored if pair[1] is not best]]
        best_score = scored[0][0]
    if best.feature == "city" and not best.capital and best.population < CAPITAL_NAMESAKE_MAX_POPULATION:
        capital = _famous_capital(scored, best, context, container, anchors, contents, provinces_near)
        if capital is not None:
            best_score, best = capital
            scored = [(best_score + 1e-6, best), *[pair for pair in scored if pair[1] is not best]]
            best_score = scored[0][0]
    # A famous town beats its namesake unless the text points there; a province counts only when written, not
    # when the report's other towns lie in it ("Queens … New York City … Boston and Washington" is no Boston,
    # New York).
    written = {a.admin1_code for a in anchors if a.feature == "admin1" and a.admin1_code}
    named_only = dataclasses.replace(
        context, admin1s=Counter({code: n for code, n in context.admin1s.items() if code in written})
    )
    if best.feature == "city" and not _pointed_to(
        best, hint=hint, context=named_only, container=container, anchors=anchors, contents=contents
    ):
        famous = max((c for _, c in scored if c.feature == "city"), key=lambda c: (c.names, c.population))
        if famous is not best and famous.names >= FAMOUS_MIN_NAMES and famous.names >= FAME_RATIO * best.names:
            best_score, best = next(pair for pair in scored if pair[1] is famous)
            scored = [(best_score + 1e-6, best), *[pair for pair in scored if pair[1] is not best]]
            best_score = scored[0][0]
    if best.match == "alias" and best.feature == "city":
        own = _called_by_its_own_name(scored, best, pointed_to, context)
        if own is not None:
            best_score, best = own
            scored = [(best_score + 1e-6, best), *[pair for pair in scored if pair[1] is not best]]
            best_score = scored[0][0]
    if best.feature == "city" and not _firmly_pointed_to(best, hint, context, container, anchors, contents, listed):
        major = _major_namesake(scored, best)
        if major is not None:
            best_score, best = major
            scored = [(best_score + 1e-6, best), *[pair for pair in scored if pair[1] is not best]]
            best_score = scored[0][0]
    compass = name_key(best.name).replace(" ", "").replace("-", "") in _COMPASS_REGIONS  # "North East, PA"
    if common_noun and compass and best.feature == "city" and not container:
        # "now it's the Northeast" in an election report that names Pennsylvania: no Northeast, Pennsylvania,
        # unless its province is written after it ("Northeast, Pa.")
        return None, 0.0
    if (
        common_noun
        and best.feature in ("city", "admin1", "admin2")
        and not best.name.lower().startswith("the ")
        and best.names < FAMOUS_MIN_NAMES
        and (context.home_country is not None or any(context.countries.values()))
        and not context.countries[best.country or ""]
        and best.country != context.home_country
        and not pointed_to(best)
    ):
        # "the Delta" in a story on California's water is the river's delta there, not Delta state, Nigeria:
        # a common noun after "the" is a place abroad only when the text points there. A name of its own that
        # takes the article ("The Hague", "The Bronx") is known with it.
        return None, 0.0
    # Confidence: softmax share of the best over its rivals (one candidate -> near-certain).
    total = sum(math.exp(3 * (s - best_score)) for s, _ in scored)
    return best, round(1.0 / total, 3)


# A town known by another of its names beats a place called by that very name only when it is this many times
# bigger ("Petersburg" for Saint Petersburg over Petersburg, Virginia), or when the text points to it alone.
ALIAS_OVER_NAME_RATIO = 10


def _called_by_its_own_name(
    scored: Sequence[tuple[float, Candidate]],
    best: Candidate,
    pointed_to: Callable[[Candidate], bool],
    context: Context,
) -> tuple[float, Candidate] | None:
    """The place called by the very name written, over a town that only bears it as another name ("Cancun" is
    Cancún, not Changchun; "Maryville" in a text about Illinois is Maryville, Illinois, not Beeville, Texas): a
    country by its own name, or its capital over a town of its country, always; a town or province when the text
    points to it, or when nothing (not even its country) points to the other and it is no less than a tenth of
    its size."""
    for pair in scored:
        candidate = pair[1]
        if candidate.match != "name" or candidate.id == best.id:
            continue
        if candidate.feature == "country" or (candidate.capital and candidate.country == best.country):
            return pair  # "New Delhi" is the capital, not Delhi, which GeoNames also calls New Delhi
        if candidate.feature not in ("city", "admin1"):
            continue
        if pointed_to(candidate):
            return pair
        if (
            not pointed_to(best)
            and not context.countries[best.country or ""]
            and candidate.population * ALIAS_OVER_NAME_RATIO >= best.population
        ):
            return pair
    return None


def _home_namesake(
    scored: Sequence[tuple[float, Candidate]], best: Candidate, hint: str | None, context: Context
) -> tuple[float, Candidate] | None:
    """The town or county of the outlet's known home province that bears the name, when nothing in the text
    points to the prominent reading: local news names its own towns ("Alexandria" in a Minnesota paper, "Dublin"
    in an Ohio one). A country or province called by its own name stays itself ("flew for China", "west of
    Kansas") unless the name qualifies a local noun ("the Lebanon police", "a Jordan middle school"), or, for a
    province abroad, unless the report names its country (a department of Paraguay called like a Los Angeles
    neighbourhood is no more than any namesake). The home
    namesake is called by its own name, or by the same kind of name as the chosen place ("St. Mary" may be
    another name of each of two towns)."""
    if context.home_admin1 is None:
        return None
    if (
        best.feature in ("country", "admin1")
        and best.match in ("name", "abbreviation")
        and hint != "local"
        and (best.feature == "country" or best.country == context.home_country or context.countries[best.country or ""])
    ):
        # a province abroad, in a country the report does not name, is no more than any namesake town
        return None
    if best.capital and best.country == context.home_country and best.match == "name" and hint != "local":
        return None  # the home country's capital by its name is its government's seat ("a Washington-based group")
    return next(
        (
            pair
            for pair in scored
            if pair[1].feature in ("city", "admin2")
            and (pair[1].match == "name" or pair[1].match == best.match)
            and _at_home(pair[1], context)
        ),
        None,
    )


# A town GeoNames knows by this many names (in every language), and by at least twice as many as a namesake,
# is the one a reader takes the name for: Paris, France has 109, Paris, Texas 20; Venice, Italy 66 and Venice,
# California 15; Vancouver, Canada 57 and Vancouver, Washington 29. Portland, Oregon (45) and Portland, Maine
# (38) stay for the text to tell apart.
FAMOUS_MIN_NAMES = 40
FAME_RATIO = 1.5
SITE_TOWN_MIN_POPULATION = 100_000
OBSCURE_TOWN_MAX_POPULATION = 10_000


# A national capital, or a city of this many people, is what a bare name means over a small namesake (a town of
# under 20,000 and a tenth of its size or less), unless the text points to the namesake itself (see
# _firmly_pointed_to). A namesake of a size of its own (Alexandria, Virginia; Dublin, Ohio) is left to the scores.
MAJOR_CITY_MIN_POPULATION = 1_000_000
SMALL_NAMESAKE_RATIO = 0.1
SMALL_NAMESAKE_MAX_POPULATION = 20_000
NEARBY_KM = 100
NEARBY_PLACES_MIN = 1


def _major_namesake(scored: Sequence[tuple[float, Candidate]], best: Candidate) -> tuple[float, Candidate] | None:
    """The national capital or city of a million that bears the name of a far smaller chosen town."""
    return next(
        (
            pair
            for pair in scored
            if pair[1].feature == "city"
            and pair[1].match == "name"
            and pair[1].id != best.id
            and (pair[1].capital or pair[1].population >= MAJOR_CITY_MIN_POPULATION)
            and best.population <= SMALL_NAMESAKE_RATIO * pair[1].population
            and best.population < SMALL_NAMESAKE_MAX_POPULATION
        ),
        None,
    )


# A famous national capital ("Paris") is what its bare name means over a namesake town of up to this size, even
# in a report that names the namesake's province elsewhere ("Sen. Ted Cruz of Texas ... the Paris attacks"),
# unless the namesake's container is written with it ("Paris, Texas") or its province within a few sentences of
# it, a place the text names lies near it, or the outlet is local to it.
CAPITAL_NAMESAKE_MAX_POPULATION = 30_000
PROVINCE_NEAR_CHARS = 400


def _famous_capital(
    scored: Sequence[tuple[float, Candidate]],
    best: Candidate,
    context: Context,
    container: Sequence[Candidate] | None,
    anchors: Sequence[Candidate],
    contents: Sequence[Candidate],
    provinces_near: frozenset[str],
) -> tuple[float, Candidate] | None:
    capital = next(
        (
            pair
            for pair in scored
            if pair[1].capital
            and pair[1].feature == "city"
            and pair[1].match == "name"
            and pair[1].id != best.id
            and pair[1].names >= FAMOUS_MIN_NAMES
            and pair[1].names >= FAME_RATIO * best.names
        ),
        None,
    )
    if capital is None or best.country == capital[1].country:
        return None
    if container and any(_contains(outer, best) for outer in container):
        return None
    if contents and any(_contains(best, inner) for inner in contents):
        return None
    if best.admin1_code and (best.admin1_code == context.home_admin1 or best.admin1_code in provinces_near):
        return None
    if best.lat is not None and any(
        a.id != best.id and a.lat is not None and a.feature not in ("country", "admin1") and _km(best, a) < NEARBY_KM
        for a in anchors
    ):
        return None
    return capital


def _kept_over_home(
    best: Candidate,
    home: Candidate,
    hint: str | None,
    context: Context,
    container: Sequence[Candidate] | None,
    anchors: Sequence[Candidate],
    contents: Sequence[Candidate],
) -> bool:
    """Whether the text points to the chosen place away from the outlet's home province firmly enough to keep it
    over the home town of its name. Against a home town of a size of its own (a tenth of the other's or more)
    only firm evidence counts (see _firmly_pointed_to): a place of the article a few hundred kilometres off, or a
    town of a province one of the article's places lies in, is not enough (a Georgia paper's town is not
    moved to Michigan by a street some Michigan town shares). A far bigger place (a state capital over a home
    village) is kept on any pointer. A kind the words ask for ("X County") points to both alike."""
    if hint is not None and hint == best.feature == home.feature:
        hint = None
    if home.population < SMALL_NAMESAKE_RATIO * best.population:
        return _pointed_to(best, hint=hint, context=context, container=container, anchors=anchors, contents=contents)
    if best.population < SMALL_NAMESAKE_RATIO * home.population:
        # A village far smaller than the home town (a New York village, in a Georgia paper that names New York
        # elsewhere) only on its written container or kind.
        unnamed = Context(
            home_country=context.home_country, home_admin1=context.home_admin1, home_point=context.home_point
        )
        return _pointed_to(best, hint=hint, context=unnamed, container=container, anchors=(), contents=contents)
    return _firmly_pointed_to(best, hint, context, container, anchors, contents, listed=False)


def _firmly_pointed_to(
    candidate: Candidate,
    hint: str | None,
    context: Context,
    container: Sequence[Candidate] | None,
    anchors: Sequence[Candidate],
    contents: Sequence[Candidate],
    listed: bool,
) -> bool:
    """Whether the text points to a small town over a capital or city of a million of its name (a minister "met
    his counterpart in Brussels" is in Belgium even in a report that names Toronto): its container is written,
    it stands in a list with places near it, its province is named, another place of the article lies close to
    it, or it lies in the outlet's known home province. A place of the article a few hours away is not enough,
    nor is its country or the province of another place."""
    unnamed = Context(home_country=context.home_country, home_admin1=context.home_admin1, home_point=context.home_point)
    if _pointed_to(
        candidate, hint=hint, context=unnamed, container=container, anchors=anchors if listed else (), contents=contents
    ):
        return True
    if candidate.lat is None or candidate.id in context.chosen:
        return False
    # Local news names the towns around its own: a place of the article close to the namesake points to it; one
    # a few hours' drive away does not.
    if any(a.feature == "admin1" and a.admin1_code == candidate.admin1_code for a in anchors):
        return True  # its province is named ("Illinois")
    near = {
        a.id
        for a in anchors
        if a.id != candidate.id and a.lat is not None and a.feature != "country" and _km(candidate, a) < NEARBY_KM
    }
    return len(near) >= NEARBY_PLACES_MIN


def _pointed_to(
    candidate: Candidate,
    *,
    hint: str | None,
    context: Context,
    container: Sequence[Candidate] | None,
    anchors: Sequence[Candidate],
    contents: Sequence[Candidate],
) -> bool:
    """Whether the text points to this place rather than to another of its name: its container is written
    ("Paris, Texas"), it contains a place written inside it, its province is named, it lies near the article's
    other places, the words around it ask for its kind, or it lies in the outlet's known home province."""
    if container and any(_contains(outer, candidate) for outer in container):
        return True
    if contents and any(_contains(candidate, inner) for inner in contents):
        return True
    if hint in ("admin1", "admin2") and candidate.feature == hint:
        return True
    echo = candidate.id in context.chosen
    if candidate.admin1_code and not echo and _province_in_focus(candidate.admin1_code, context):
        return True
    if _at_home(candidate, context):
        return True
    if anchors and candidate.lat is not None and candidate.lon is not None and not echo:
        # near the report's other places: the places of a report about one area, not one of many a report tours
        others = [a for a in anchors if a.id != candidate.id and a.lat is not None and a.feature != "country"]
        near = [a for a in others if _km(candidate, a) < 300]
        return bool(near) and len(near) >= ANCHOR_FOCUS_SHARE * len(others)
    return False


ANCHOR_FOCUS_SHARE = 0.34


# A province the article's other places lie in points to its namesake towns only while it holds this share of
# them: a report of one or two states points to their towns, one that tours a nation's states ("Houston ...
# Louisville ... Portland") does not make its "Paris" the one in Texas, Kentucky or Maine.
PROVINCE_FOCUS_SHARE = 0.34


def _province_in_focus(code: str, context: Context) -> bool:
    named = context.admin1s[code]
    return bool(named) and named >= PROVINCE_FOCUS_SHARE * sum(context.admin1s.values())


# The outlet's home is its province and, past the province's edge, the towns this close to the province's point
# (an outlet whose home province is the District of Columbia is at home in the Virginia towns across the river).
HOME_AREA_KM = 50


def _at_home(candidate: Candidate, context: Context) -> bool:
    """Whether a place lies in the outlet's home province, or is a town within HOME_AREA_KM of its point."""
    if candidate.admin1_code is not None and candidate.admin1_code == context.home_admin1:
        return True
    if context.home_point is None or candidate.feature != "city" or candidate.lat is None or candidate.lon is None:
        return False
    return haversine_km(candidate.lat, candidate.lon, *context.home_point) < HOME_AREA_KM


def _contains(outer: Candidate, inner: Candidate) -> bool:
    if outer.id == inner.id:
        return False
    if outer.feature == "country":
        return inner.country == outer.country
    if outer.feature == "admin1":
        return inner.admin1_code is not None and inner.admin1_code == outer.admin1_code
    if outer.feature == "admin2":
        return inner.admin2 is not None and inner.admin2 == outer.admin2 and inner.admin1_code == outer.admin1_code
    return False


def _km(a: Candidate, b: Candidate) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def precision_of(candidate: Candidate | None, hint: str | None) -> int | None:
    """ACLED-style geo-precision: 1 exact place, 2 district, 3 province, 4 country."""
    if candidate is None:
        return None
    if hint == "site":
        return 1
    if hint in ("district", "near"):
        return 2  # a part of the place's point, or a place near it, not the point itself
    return {"city": 1, "admin2": 2, "admin1": 3, "country": 4, "continent": 4, "region": 4}.get(candidate.feature, 2)
