"""Places: every toponym of the article as a point with a GeoNames id, country, province and precision.

Toponyms come from the model's GPE/LOC/FAC entities, repaired with the gazetteer where the model errs: an
ORG- or PERSON-tagged name that the gazetteer knows as a place and that stands where places stand ("in X",
"X province", "the X valley") is re-typed GPE. A dateline ("CITY (Outlet) –") is the report's origin.
Demonyms ("Afghan", "Iranians") are not places; they tell which countries the article is about. The choice
of referent is `newsledger.gazetteer.resolve`'s, with the outlet's home country as a weak prior.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.datelines import DATELINE, find_dateline
from newsledger.extract.event_lexicon import NOUN_TRIGGERS, SPEECH_VERBS, VERB_TRIGGERS
from newsledger.extract.names import knowledge_base
from newsledger.extract.not_places import not_a_place
from newsledger.gazetteer.homes import split_home
from newsledger.gazetteer.index import Candidate, Gazetteer, get_gazetteer
from newsledger.gazetteer.keys import name_key
from newsledger.gazetteer.lexicon import (
    ADMIN1_WORDS,
    ADMIN2_WORDS,
    AREA_WORDS,
    LOCAL_FEATURE_WORDS,
    NATIONAL_INSTITUTIONS,
)
from newsledger.gazetteer.resolve import (
    Context,
    Resolution,
    Toponym,
    follows_the_article,
    haversine_km,
    precision_of,
    resolve_toponyms,
    written_containers,
    written_kinds,
)
from newsledger.model import Entity, Mention, Place
from newsledger.nlp.arrays import doc_arrays
from newsledger.nlp.state import DocState, doc_text, get_state, records_attrs

TOPONYM_TYPES = ("GPE", "LOC", "FAC")
REPAIRABLE_TYPES = ("ORG", "NORP", "PRODUCT", "WORK_OF_ART")
# A name the entity stage calls a person is never a place ("Clinton" the person is not Clinton, Maryland): only
# a model's bare guess of a person, with no title or role, every mention of which stands where only places
# stand ("warehouses in Lashkar Gah", "Gainesville, Fla."), is read as the place it is.
PLACE_ONLY_PREPOSITIONS = frozenset("in near outside inside across around throughout".split())
# Kinds of actor the entity stage knows a name as (from its knowledge base or the name's own words): a party, a
# government body, a company, a newspaper ("Congress", "the Pentagon", "the Justice Department") is an
# institution, an actor and not a place, whatever entity type the model gave it.
INSTITUTION_KINDS = frozenset(
    {"political party", "armed group", "military", "police", "government", "media", "NGO", "IGO", "company"}
    | {"education", "sports team", "person"}
)
# Words that name provinces somewhere ("Western", "Gulf", "Central") but alone in English text are not places.
GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central gulf coast coastal upper lower middle "
    "capital highlands lakes islands border interior".split()
)
PLACE_PREPOSITIONS = frozenset(
    "in near at from to into across outside inside around toward towards through throughout via".split()
)
FEATURE_WORDS = frozenset(ADMIN1_WORDS + ADMIN2_WORDS + AREA_WORDS)
# "the mayor of X", "residents of X": nouns after which "of X" names a place.
PLACE_HEADS = frozenset(
    "city town village county state province district capital mayor governor resident residents people "
    "outskirts suburbs suburb centre center streets north south east west part parts native natives".split()
)
# Public bodies and buildings named after the place they serve: "the Gainesville Police Department", "the
# Helmand Provincial Council", "the DeKalb County Jail", "the University of Kentucky". The place in such a name
# is a place the report is about. For a town the rest of the name must be made of such words only, so that "the
# Washington Latin School", "Columbia University" (in New York) and "Martin Court" (a street) name no place; a
# state, province or county may head any public body's name ("the Georgia Public Service Commission"). Media and
# companies are left out: "the Washington Post" is not news of Washington.
GOVERNMENT_WORDS = frozenset(
    "police sheriff department office jail prison courthouse court council commission authority government "
    "administration assembly legislature parliament ministry division agency bureau board house senate patrol "
    "guard service services association".split()
)
# A town's own public buildings and bodies ("the Mount Pleasant Civic Center", "the Dublin Chamber of Commerce")
# are local to it as much as its police are.
INSTITUTION_WORDS = GOVERNMENT_WORDS | frozenset(
    "hospital clinic school schools zoo library fire center centre academy chamber".split()
)
INSTITUTION_MODIFIERS = frozenset(
    "public community city town village county state regional general memorial high elementary middle district "
    "education health medical center centre central municipal provincial national environmental protection "
    "emergency management planning water transportation transport area metropolitan fire department of and "
    "superior circuit supreme fiscal commissioners common pleas magistrate family juvenile probate appeals "
    "civic convention senior seniors citizens recreation events".split()
)
INSTITUTIONS_OF_PLACE = frozenset("university government governor state city county republic province".split())
PUBLIC_SCHOOL_WORDS = frozenset("public city county district area community unified".split())
# Ordinary words that some gazetteer also holds as a town ("Metro Police", "Federal Highway Administration").
NOT_PLACE_WORDS = (
    frozenset(
        "metro federal superior valley national central union capitol city county state town vice deputy acting "
        "former interim".split()
    )
    | {month.lower() for month in calendar.month_name[1:]}
    | {day.lower() for day in calendar.day_name}
    # What a national ministry or department is for ("the Justice Department", "the Defense Ministry"), which
    # some gazetteer also holds as a town's name.
    | frozenset(
        "justice defense defence treasury energy commerce labor labour agriculture interior homeland veterans "
        "housing finance foreign health education transportation war navy army revenue".split()
    )
)
# Nouns a town's name qualifies: "a Gainesville man", "Kandahar residents", "the Peshawar police".
PLACE_FOLLOWERS = frozenset(
    "man woman men women boy girl boys girls teen teenager resident residents native natives mayor police "
    "officials council councilman councilwoman schools voters".split()
)
# Words after a place name that make a site of it: "Mogadishu airport", "Incirlik air base".
SITE_WORDS = ("airport", "airbase", "air base", "airfield", "port", "harbour", "harbor", "border crossing")


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    dateline: bool = False
    entity: str | None = None
    site: str | None = None  # the site word that extends the name ("airport")
    label: str = "GPE"  # the entity type the mention came from
    lookup: str | None = None  # the name to look up when the text is a description ("the Somali capital")
    within: tuple[int, int] | None = None  # the institution's name this place heads ("Gainesville Police")


def extract_places(doc: Doc, state: DocState, gazetteer: Gazetteer) -> list[Place]:
    context = Context()
    _read_demonyms(doc, state, gazetteer, context)
    _read_outlet(state, gazetteer, context)
    # A mention not written as a name is dropped before any is resolved: resolved, it would still count as a
    # place the report names, and point its namesakes' neighbours there ("In 2009, …" as Indiana).
    mentions = [m for m in _toponym_mentions(doc, state, gazetteer) if _written_as_a_name(m.text)]
    if not mentions:
        return []
    toponyms = _as_toponyms(doc_text(doc), mentions)
    resolutions = _districts_to_their_city(doc_text(doc), mentions, resolve_toponyms(gazetteer, toponyms, context))
    # A facility no gazetteer knows is a building or a road, not a place on a map (a point near the report's town
    # does not make it one); unresolved GPE and LOC entities ("Darfur", rivers, regions) are kept, without a point
    # or near the report's town.
    placed_by_text = _names_placed_by_their_text(doc, mentions)
    resolutions = [
        r if r.kind_hint != "near" or name_key(m.text) in placed_by_text else Resolution(None, 0.0, None, r.lookup_text)
        for m, r in zip(mentions, resolutions, strict=True)
    ]
    kept = [
        (m, r, t.container is not None and not t.enumerated)
        for m, r, t in zip(mentions, resolutions, toponyms, strict=True)
        if ((r.candidate is not None and r.kind_hint != "near") or m.label in ("LOC", "GPE") or m.dateline)
        and _written_as_a_name(m.text)
    ]
    return _places([m for m, _, _ in kept], [r for _, r, _ in kept], [c for _, _, c in kept])


def _names_placed_by_their_text(doc: Doc, mentions: Sequence[_Mention]) -> set[str]:
    """The names the text itself makes places of: a lake, creek, park or township by its own words ("Mill Creek
    Park"), or a name written at least once after "in", "near", "outside"... ("a farm near Elk Grove"). Only
    these may be placed near the report's town when no gazetteer knows them (the others stay places without a
    point): the model's GPE and LOC labels alone also fall on brands, nicknames and capitalised headline words
    ("Cheetos", "Underdog", "Super" of Super Tuesday), which are no place near anything."""
    placed = set()
    for m in mentions:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", m.text)}
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        before = doc[span.start - 1] if span is not None and span.start > 0 else None
        if words & LOCAL_FEATURE_WORDS or (before is not None and before.lower_ in PLACE_ONLY_PREPOSITIONS):
            placed.add(name_key(m.text))
    return placed


# Words a name does not end with: the model's span stopped short of the name ("the City of", "the Village of").
_DANGLING_WORDS = frozenset("of and the in at for".split())


def _written_as_a_name(text: str) -> bool:
    """A place's name is written as a name: it starts with a capital or a number ("40th Avenue"), never with a
    lower-case word ("a meth lab", "in absentia", "a monthslong search", "a white van"), and does not end on a
    word that leads into the name ("the City of")."""
    words = text.split()
    return bool(words) and not text[:1].islower() and words[-1].lower() not in _DANGLING_WORDS


# "Karrada, a district of Baghdad", "Gulshan, a neighbourhood in northern Dhaka": a part of the town after it.
# "the Sadriya district of Baghdad" too.
_PART_OF_PLACE = re.compile(
    r"(?:,?\s+(?:a|an|the)\s+(?:[a-z-]+\s+)?)?\s*(?:district|neighbou?rhood|suburb|quarter|area|section)\s+"
    r"(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west|central)[a-z]*\s+)?"
)
# A district the gazetteer holds under the same name within this distance of its city is that district.
DISTRICT_MAX_KM = 50.0


def _districts_to_their_city(text: str, mentions: list[_Mention], resolutions: list[Resolution]) -> list[Resolution]:
    """A neighbourhood or district written as part of a place ("Karrada, a district of Baghdad") that the gazetteer
    lacks resolves to that place, at district precision, never to a namesake elsewhere."""
    out = list(resolutions)
    for i in range(len(mentions) - 1):
        if _PART_OF_PLACE.fullmatch(text[mentions[i].end : mentions[i + 1].start]) is None:
            continue
        own = resolutions[i].candidate if resolutions[i].kind_hint != "near" else None
        whole = resolutions[i + 1].candidate
        if whole is None or whole.lat is None or whole.lon is None or whole.feature not in ("city", "admin2"):
            continue
        if own is not None and own.lat is not None and own.lon is not None:
            if haversine_km(own.lat, own.lon, whole.lat, whole.lon) <= DISTRICT_MAX_KM:
                continue  # the gazetteer knows the district itself
        out[i] = dataclasses.replace(resolutions[i + 1], kind_hint="district", lookup_text=resolutions[i].lookup_text)
    return out


# --- reading the text ------------------------------------------------------------------------------


def _read_demonyms(doc: Doc, state: DocState, gazetteer: Gazetteer, context: Context) -> None:
    for entity in state.entities:
        if entity.type in ("NORP", "GPE"):
            iso2 = gazetteer.demonym(entity.name)
            if iso2 is not None:
                context.countries[iso2] += len(entity.mentions)


def _read_outlet(state: DocState, gazetteer: Gazetteer, context: Context) -> None:
    """The outlet's home the ledger has learnt from its earlier reports (gazetteer/homes.py); else an outlet
    named after a country ("Kenya Times", "Pakistan Observer") is a weak prior for it."""
    if state.article.outlet_home:
        context.home_country, context.home_admin1 = split_home(state.article.outlet_home)
        return
    outlet = state.article.outlet
    if not outlet:
        return
    words = outlet.split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            iso2 = gazetteer.demonym(phrase)
            if iso2 is None:
                found = [c for c in gazetteer.lookup(phrase, fuzzy=False) if c.feature == "country"]
                iso2 = found[0].country if found else None
            if iso2:
                context.home_country = iso2
                return


def _toponym_mentions(doc: Doc, state: DocState, gazetteer: Gazetteer) -> list[_Mention]:
    found: dict[tuple[int, int], _Mention] = {}
    dateline = _dateline(doc_text(doc)) or _dateline_after_a_headline(doc_text(doc), gazetteer)
    if dateline is not None:
        found[(dateline.start, dateline.end)] = dateline
    opening = find_dateline(doc_text(doc))
    # "(Xinhua)", "(Reuters)": the dateline's outlet is who filed the report, never a place.
    outlet = opening.span("outlet") if opening is not None and opening.group("outlet") else (-1, -1)
    for home in _legislators_homes(doc_text(doc), gazetteer):
        found[(home.start, home.end)] = home
    for county in _listed_counties(doc_text(doc), gazetteer):
        if not any(s < county.end and county.start < e for s, e in found):
            found[(county.start, county.end)] = county
    place_texts = {
        name_key(m.text) for e in state.entities if e.type in TOPONYM_TYPES and _may_be_a_place(e) for m in e.mentions
    }
    institution_places = _places_in_institution_names(state, gazetteer)
    institution_places += [
        county
        for county in _counties_in_names(state, gazetteer)
        if not any(named.start < county.end and county.start < named.end for named in institution_places)
    ]
    heading = {named.within: named for named in institution_places}
    retyped: dict[str, Entity] = {}
    not_places = _names_no_place(doc, state, gazetteer)
    for entity in state.entities:
        if name_key(entity.name) in GENERIC_WORDS or not _may_be_a_place(entity):
            continue
        if entity.id in not_places:
            continue
        is_toponym = entity.type in TOPONYM_TYPES and gazetteer.demonym(entity.name) is None
        if is_toponym and _acts_as_a_person(doc, entity, gazetteer):
            continue
        repaired = False
        if not is_toponym and entity.type in REPAIRABLE_TYPES and gazetteer.demonym(entity.name) is None:
            # "he says to Reynolds" stands where a place may, but "Reynolds says …" throughout is a speaker
            repaired = _looks_like_place(doc, entity, gazetteer, place_texts) and not _acts_as_a_person(
                doc, entity, gazetteer
            )
        elif entity.type == "PERSON" and not entity.titles and not entity.role:
            repaired = _only_written_as_a_place(doc, entity, gazetteer)
        if not (is_toponym or repaired):
            continue
        if repaired:
            retyped[entity.id] = dataclasses.replace(entity, type="GPE")
        for mention in entity.mentions:
            if (mention.start, mention.end) in heading:
                continue  # the place heading it is added below
            start, end, text = _trim_article(mention.start, mention.end, mention.text)
            if any(s <= start < e or start <= s < end for s, e in found) or outlet[0] <= start < outlet[1]:
                continue
            if (
                _names_a_firm_or_its_unit(doc_text(doc), end, text)
                or _qualifies_a_thing(doc, mention, gazetteer)
                or _coordinated_with_a_person(doc, state, mention, gazetteer)
                or not_a_place(doc, state, mention, gazetteer)
            ):
                continue
            found[(start, end)] = _extend_site(doc, _Mention(start, end, text, entity=entity.id, label=entity.type))
    if retyped:
        state.entities = [retyped.get(e.id, e) for e in state.entities]
    for unlabelled in _unlabelled_feature_names(doc, state, gazetteer):
        if not any(s < unlabelled.end and unlabelled.start < e for s, e in found):
            found[(unlabelled.start, unlabelled.end)] = unlabelled
    for capital in _capitals_by_demonym(doc, gazetteer):
        if not any(s < capital.end and capital.start < e for s, e in found):
            found[(capital.start, capital.end)] = capital
    for named in institution_places:
        if not any(s < named.end and named.start < e for s, e in found):
            found[(named.start, named.end)] = named
    return sorted(found.values(), key=lambda m: m.start)


def _may_be_a_place(entity: Entity) -> bool:
    """An institution known as such (its kind) is an actor: its name is no place. (A toponym the entity stage
    still calls an organisation is one it knows by name: "Sears".)"""
    if entity.type != "PERSON" and entity.kind in INSTITUTION_KINDS:
        return False
    return not (entity.type in TOPONYM_TYPES and entity.kind == "organization")


# --- names that are not places ---------------------------------------------------------------------


# Nouns for people and bodies: a place modifying one ("U.S. troops", "Pakistani officials") says whose they are.
ACTOR_NOUNS = frozenset(
    "official officer troop force military army navy soldier police policeman government ministry minister "
    "president leader spokesman spokeswoman spokesperson embassy ambassador diplomat envoy authority lawmaker "
    "commander militant rebel fighter man woman boy girl resident citizen national company firm agency "
    "delegation team coalition administration army intelligence negotiator".split()
)
# Nouns for a person: a name in apposition to one ("her granddaughter, Tavia") is that person's.
PERSON_NOUNS = frozenset(
    "mother father son daughter brother sister wife husband widow widower child grandmother grandfather "
    "granddaughter grandson grandchild aunt uncle niece nephew cousin stepson stepdaughter stepfather stepmother "
    "boyfriend girlfriend fiance fiancee friend neighbor neighbour colleague partner man woman boy girl baby "
    "spokesman spokeswoman spokesperson lawyer attorney president senator governor candidate leader".split()
)
# What a leader's surname heads: "the Castro regime", "the Maliki government", "the Clinton campaign". A capital,
# province or country heads them too ("the Kabul government"), as its own name.
LEADERS_NOUNS = frozenset("regime government administration campaign presidency cabinet dynasty loyalists".split())
# Nouns a place's own name qualifies as a place: its people, bodies, sites and buildings ("the Baghdad police",
# "Kandahar province", "Mogadishu airport", "the Murmansk governor", "outside Didsbury mosque").
PLACE_QUALIFIED_NOUNS = (
    PLACE_FOLLOWERS
    | FEATURE_WORDS
    | INSTITUTION_WORDS
    | ACTOR_NOUNS
    | PERSON_NOUNS
    | frozenset(
        "airport airbase base airfield port harbour harbor crossing area region chief mosque church cathedral "
        "temple synagogue shrine market bazaar bridge station road street highway square park stadium hotel mall "
        "store shop camp checkpoint compound building plant factory mine dam".split()
    )
)
# A place this big, a capital, a country or a province keeps its own name as a modifier ("the Moscow route").
QUALIFIER_PLACE_MIN_POPULATION = 100_000


def _names_no_place(doc: Doc, state: DocState, gazetteer: Gazetteer) -> set[str]:
    """Ids of the entities whose names the text shows are not places, whatever type they were given: an
    organisation's acronym ("sympathetic to ETA"), a group of people ("the Bolsheviks sought"), and a person
    ("her granddaughter, Tavia", "the Castro regime"), or the surname of a person the report names in full
    ("Tyrise M. Bell … Officer Eggers shot Bell", "the Charles Webb Center … the Webb Center")."""
    named_for_persons = _named_for_persons(state, gazetteer)
    return {
        e.id
        for e in state.entities
        if _an_acronym_of_no_place(doc, e, gazetteer)
        or _a_group_of_people(doc, e, gazetteer)
        or (_may_be_a_persons_name(e.name, gazetteer) and _written_as_a_person(doc, e))
        or (
            (e.name in named_for_persons or _after_a_persons_title(doc, e))
            and _may_be_a_persons_name(e.name.split()[0], gazetteer)
            and not _written_where_only_places_stand(doc, e)
        )
    }


# Titles only a person's name follows: "President Saakashvili", "Gov. Pawlenty".
PERSON_TITLES = frozenset(
    "president gov governor sen senator rep mr mrs ms dr premier chancellor king queen prince gen general "
    "judge justice pope rev bishop".split()
)


def _after_a_persons_title(doc: Doc, entity: Entity) -> bool:
    """A name the gazetteer does not know, written after a person's title."""
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        before = doc[span.start - 1]
        if before.is_title and before.lower_.rstrip(".") in PERSON_TITLES:
            return True
    return False


_INITIAL = re.compile(r"[A-Z]\.")


def _named_for_persons(state: DocState, gazetteer: Gazetteer) -> set[str]:
    """What the article's full names show to be a person's surname, with what follows it in that name: "Bell" in
    "Tyrise M. Bell" (after a given name and an initial), "Webb Center" in "Charles Webb Center" (after a given
    name), the last word of a person's full name that no gazetteer knows, or the given name of a person named in
    full ("Mika Brzezinski … Mika"). A shorter mention of that name is the person, or the thing named for them."""
    first_names = knowledge_base().first_names
    out: set[str] = set()
    for entity in state.entities:
        words = entity.name.split()
        last = words[-1] if words else ""
        if entity.type == "PERSON" and len(words) >= 2 and last.isalpha() and not gazetteer.lookup(last, fuzzy=False):
            out.add(last)  # "Olga Petrova … Petrova said": a surname no gazetteer knows as a place
        if entity.type == "PERSON" and len(words) >= 2 and words[0].isalpha() and words[0].lower() in first_names:
            out.add(words[0])  # "Marco Rubio … than Marco": the given name of a person the report names in full
        for j in range(1, min(len(words), 3)):
            given = words[:j]
            after_initial = _INITIAL.fullmatch(given[-1]) is not None and len(given) >= 2
            after_given = j == 1 and given[0].lower() in first_names and given[0][:1].isupper()
            if (after_initial or after_given) and words[j][:1].isupper() and words[j].isalpha():
                out.add(" ".join(words[j:]))
                break
    return out


def _written_where_only_places_stand(doc: Doc, entity: Entity) -> bool:
    """Some mention stands after a word that only places follow ("in Bell", "near Webb")."""
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in PLACE_ONLY_PREPOSITIONS:
            return True
    return False


def _entity_tokens(doc: Doc, entity: Entity) -> set[int]:
    tokens: set[int] = set()
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def _may_be_a_persons_name(name: str, gazetteer: Gazetteer) -> bool:
    """One word that names no people, country, province or capital: their names stand for their governments and
    peoples, and head their regimes ("the Damascus regime"); a town's name or an unknown one may be a person's."""
    if " " in name or not name[:1].isupper() or gazetteer.demonym(name) is not None:
        return False
    return not any(
        c.feature not in ("city", "admin2") or c.capital
        for c in gazetteer.lookup(name, fuzzy=False)
        if c.match in ("name", "abbreviation")
    )


def _written_as_a_person(doc: Doc, entity: Entity) -> bool:
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root, head = span.root, span.root.head
        if root.dep_ == "appos" and head.lemma_.lower() in PERSON_NOUNS:
            return True
        if any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in root.children):
            return True
        if root.dep_ in ("compound", "poss") and head.lemma_.lower() in LEADERS_NOUNS and head.i >= span.end:
            return True
        # a source, not a place: "told Bloomberg", "according to Gallup"
        if root.dep_ == "dobj" and head.lemma_.lower() == "tell":
            return True
        if root.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and doc[head.i - 1].lower_ == "according":
            return True
    return False


def _coordinated_with_a_person(doc: Doc, state: DocState, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "A rally with Clinton and Grimes": one word coordinated with a person the entity stage knows by a full
    name or a title is a person too, unless the list stands where places stand ("in Harvey, Harper and Kingman
    counties", "of Las Vegas and …")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not _may_be_a_persons_name(mention.text, gazetteer):
        return False
    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    listed = [first]
    for item in listed:  # the chain of conjuncts only, not those inside a clause on one of them
        listed.extend(c for c in item.children if c.dep_ == "conj")
    if len(listed) != 2:  # a longer list is more often the parser's misreading of a list of places
        return False
    before = doc[first.left_edge.i - 1] if first.left_edge.i > 0 else None
    last = max(t.i for t in listed)
    after = doc[last + 1] if last + 1 < len(doc) else None
    if (before is not None and before.lower_ in PLACE_PREPOSITIONS | {"of"}) or (
        after is not None and after.lower_ in FEATURE_WORDS
    ):
        return False
    # A person named more than once by a full name ("Hillary Clinton … Clinton"), or with a title: the entity
    # stage calls a town a person too ("between Ann Arbor and Oscoda").
    known = {
        i
        for e in state.entities
        if e.type == "PERSON" and ((" " in e.name and len(e.mentions) > 1) or e.titles or e.role)
        for i in _entity_tokens(doc, e)
    }
    return any(t.i in known for t in listed if t.i != span.root.i)


def _an_acronym_of_no_place(doc: Doc, entity: Entity, gazetteer: Gazetteer) -> bool:
    """An all-capital acronym ("ETA", "ANC") names an organisation unless it is a country's or province's own
    abbreviation or name ("US", "UAE", "DRC", "NY"), or a big city's ("NYC"). One the model calls an organisation
    is one, whatever town shares its letters."""
    letters = entity.name.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    candidates = gazetteer.lookup(entity.name, fuzzy=False)
    if any(c.feature in ("country", "admin1") and c.match in ("name", "abbreviation") for c in candidates):
        return False
    if any(_capitals_around(doc, m) for m in entity.mentions):
        return False
    if _model_labels(doc, entity) == {"ORG"}:
        return True
    return not any(c.match == "name" or c.population >= BIG_CITY_POPULATION for c in candidates)


BIG_CITY_POPULATION = 1_000_000


def _capitals_around(doc: Doc, mention: Mention) -> bool:
    """Capitals written around the name: a dateline or headline ("ISLE OF PALMS —", "ST. JOHN'S, N.L."), where
    every name is in capitals, or a road's number after it ("CR 2202")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return True
    around = [
        t for t in doc[max(0, span.start - 3) : span.end + 2] if t.is_alpha and t.i not in range(span.start, span.end)
    ]
    following = doc[span.end] if span.end < len(doc) else None
    return any(t.is_upper and len(t) > 1 for t in around) or (following is not None and following.like_num)


def _model_labels(doc: Doc, entity: Entity) -> set[str]:
    return {doc[i].ent_type_ for i in _entity_tokens(doc, entity)}


# How names of parties, movements, dynasties and peoples end ("Bolsheviks", "Sandinistas", "Jacobins", "Romanovs");
# plural places end otherwise ("the Urals", "the Neches", "the Rockies").
PEOPLES_ENDINGS = ("ists", "istas", "ites", "iks", "ians", "ans", "ins", "ers", "ards", "ovs", "ids")


def _a_group_of_people(doc: Doc, entity: Entity, gazetteer: Gazetteer) -> bool:
    """ "The Bolsheviks", "the Jacobins": a plural name the gazetteer does not know, which the model does not call
    a location (mountain ranges are plural too: "the Ozarks"), is a group of people."""
    name = entity.name
    if entity.type == "LOC" or " " in name or not name.endswith(PEOPLES_ENDINGS):
        return False
    if "LOC" in _model_labels(doc, entity) or gazetteer.lookup(name, fuzzy=False) or gazetteer.demonym(name):
        return False
    return all(doc_text(doc)[max(0, m.start - 4) : m.start].lower() == "the " for m in entity.mentions)


# "West Coast Bank", "Lake Oswego Bank": a name heading a firm's own name; "the West Coast office", "its Northern
# branch": a side of the country heading a firm's unit. Neither says where anything is.
_FIRM_AFTER = re.compile(r"\s+(?:Bank|Bancorp|Savings|Credit Union)\b")
_UNIT_AFTER = re.compile(r"\s+(?:office|offices|branch|branches|division|region)\b")
_SIDE_WORDS = GENERIC_WORDS | frozenset("shore midlands lowlands".split())


def _names_a_firm_or_its_unit(text: str, end: int, name: str) -> bool:
    if _FIRM_AFTER.match(text, end):
        return True
    return _UNIT_AFTER.match(text, end) is not None and all(w in _SIDE_WORDS for w in name.lower().split())


def _qualifies_a_thing(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """ "The Olympic projects": a name modifying a common noun that the model does not call a place, and that
    is no country or province, qualifies a thing; a town's name qualifies people, bodies and sites ("the Baghdad
    police", "Mogadishu airport")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root, head = span.root, span.root.head
    # Only an adjective: a town's name is a noun qualifying a noun ("a Buford home", "Torrington firefighters").
    if root.dep_ != "amod" or root.tag_ != "JJ" or head.pos_ != "NOUN" or span.start <= head.i < span.end:
        return False
    # The head, any noun between the name and it ("the Winfield police chief"), or the name's own last word
    # ("Bagram Airfield") makes a place of it.
    between = [*doc[span.end - 1 : head.i + 1]] if span.end <= head.i else [span[-1], head]
    if any(t.lemma_.lower() in PLACE_QUALIFIED_NOUNS or t.lower_ in PLACE_QUALIFIED_NOUNS for t in between):
        return False
    if any(token.ent_type_ in ("GPE", "LOC") for token in span):
        return False
    return not any(
        c.feature in ("country", "admin1") or c.capital or c.population >= QUALIFIER_PLACE_MIN_POPULATION
        for c in gazetteer.lookup(mention.text, fuzzy=False)
        if c.match != "fuzzy"
    )


_CAPITAL_BY_DEMONYM = re.compile(r"\b(?:[Tt]he\s+)([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital\b")


def _capitals_by_demonym(doc: Doc, gazetteer: Gazetteer) -> list[_Mention]:
    """ "The Somali capital", "the Kenyan capital": the capital city of the country the demonym names."""
    out: list[_Mention] = []
    text = doc_text(doc)
    for match in _CAPITAL_BY_DEMONYM.finditer(text):
        iso2 = gazetteer.demonym(match.group(1))
        capital = gazetteer.capital(iso2) if iso2 is not None else None
        if capital is not None:
            start, end = match.start(1), match.end()
            out.append(_Mention(start, end, text[start:end], lookup=capital.name))
    return out


# "Henry County", "the Anderson County Sheriff", "the Edgar County Community Foundation": a county's or parish's
# name says what it is, so it is a place wherever the entity stage put it, even inside a name it calls a
# person's (no one is called "X County") or an organisation's (a body named for a county serves that county).


def _counties_in_names(state: DocState, gazetteer: Gazetteer) -> list[_Mention]:
    """Every "X County" or "X Parish" inside an entity's name that the gazetteer knows as a district (the longest
    such name: "Prince William County", not "William County")."""
    out: list[_Mention] = []
    for entity in state.entities:
        if entity.type in TOPONYM_TYPES and gazetteer.lookup(entity.name, fuzzy=False):
            continue  # a place the model drew right: the main pass reads it
        for mention in entity.mentions:
            text = mention.text
            for word in re.finditer(r"\b(?:County|Parish)\b", text):
                name = _county_name_ending_at(gazetteer, text, word.end())
                if name is not None:
                    start = mention.start + word.end() - len(name)
                    out.append(_Mention(start, mention.start + word.end(), name, within=(mention.start, mention.end)))
    return out


def _county_name_ending_at(gazetteer: Gazetteer, text: str, end: int) -> str | None:
    words = list(re.finditer(r"[^\s]+", text[:end]))
    for size in (4, 3, 2):
        if size > len(words):
            continue
        first = words[-size]
        name = text[first.start() : end]
        if not all(w.group()[:1].isupper() for w in words[-size:]) or name_key(name.split()[0]) in NOT_PLACE_WORDS:
            continue
        if any(c.feature == "admin2" and c.match in ("name", "alias") for c in gazetteer.lookup(name, fuzzy=False)):
            return name
    return None


def _places_in_institution_names(state: DocState, gazetteer: Gazetteer) -> list[_Mention]:
    """The place at the head of a public body's name ("Gainesville Police Department") or after its "of"
    ("the University of Kentucky"), when the gazetteer knows it by that name."""
    out: list[_Mention] = []
    named_for_persons = _named_for_persons(state, gazetteer)
    for entity in state.entities:
        # An organisation's or building's name; or a toponym the model drew around a whole institution's name
        # that no gazetteer knows as such ("the Alachua County Jail" tagged GPE). Not one named for a person the
        # report names in full ("the Charles Webb Center … the Webb Center").
        if entity.type not in ("ORG", "FAC", *TOPONYM_TYPES):
            continue
        if entity.name in named_for_persons and _may_be_a_persons_name(entity.name.split()[0], gazetteer):
            continue
        if entity.type in TOPONYM_TYPES and gazetteer.lookup(entity.name, fuzzy=False):
            continue
        for mention in entity.mentions:
            words = list(re.finditer(r"[^\s]+", mention.text))
            lowered = [w.group().lower().replace("’", "'").strip(".,'") for w in words]
            if len(words) < 2:
                continue
            of_at = lowered.index("of") if "of" in lowered[1:-1] else -1
            heads: list[tuple[int, int, bool]] = []  # (first word, end word, a town may be the place)
            if of_at > 0 and lowered[of_at - 1] in INSTITUTIONS_OF_PLACE:
                heads = [(of_at + 1, len(words), True)]
            else:
                # The body's own word ends the name or comes before its "of" ("the Ohio Department of Health").
                body = len(words) if of_at < 0 else of_at
                for n in (3, 2, 1):
                    rest = lowered[n:body]
                    if n >= body or lowered[n - 1] == "city" or rest[0] in ("of", "and"):
                        continue  # "X City Council" names X
                    if rest[-1] not in INSTITUTION_WORDS and rest[-2:] not in (
                        ["state", "university"],
                        ["state", "college"],
                    ):
                        continue
                    if rest[-1] == "court" and len(rest) < 2:
                        continue  # "Martin Court" is a street
                    if rest[-1] in ("school", "schools") and not set(rest) & PUBLIC_SCHOOL_WORDS:
                        continue  # "Kennedy Elementary School" is named for a person; "Dublin City Schools" serve it
                    plain = all(w in INSTITUTION_WORDS or w in INSTITUTION_MODIFIERS or w.endswith("'s") for w in rest)
                    if plain or rest[:2] == ["state", "university"] or rest[:2] == ["state", "college"]:
                        heads.append((0, n, True))
                    elif rest[-1] in GOVERNMENT_WORDS and len(rest) <= 4:
                        heads.append((0, n, False))
            for first, last, town in heads:
                start = mention.start + words[first].start()
                end = mention.start + words[last - 1].end()
                name = mention.text[words[first].start() : words[last - 1].end()]
                if name_key(name) in NATIONAL_INSTITUTIONS:
                    break  # "the White House Office of the Press Secretary": a body of an institution, no place
                if _names_a_place(gazetteer, name, town=town):
                    out.append(_Mention(start, end, name, within=(mention.start, mention.end)))
                    break
    return out


def _names_a_place(gazetteer: Gazetteer, name: str, *, town: bool) -> bool:
    """The gazetteer knows the name as a country, province or county (or, with `town`, a town of some size)."""
    key = name_key(name)
    if key in GENERIC_WORDS or key in NOT_PLACE_WORDS or gazetteer.demonym(name) is not None:
        return False
    if not name[:1].isupper():
        return False
    return any(
        c.match in ("name", "abbreviation")
        and (c.feature in ("country", "admin1", "admin2") or (town and c.feature == "city" and c.population >= 5000))
        for c in gazetteer.lookup(name, fuzzy=False)
    )


def _dateline(text: str) -> _Mention | None:
    match = find_dateline(text)
    if match is None:
        return None
    city = match.group("city").strip()
    return _Mention(match.start("city"), match.start("city") + len(city), city, dateline=True)


# "Sen. Tom Bakk, DFL-Cook,", "Rep. Jay Roberts (R-Ocilla)", "Rep. Nick Rahall, D-W. Va.,": a legislator's party and
# the place they represent or come from, written after their name.
_PARTY_HOME = re.compile(
    r"(?:,\s|\()(?:D|R|I|DFL|GOP)-\s?(?P<home>[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2}?)\.?"
    r"(?=\s?[,;)\"“]|\s(?:and|said|says)\b)"
)


def _legislators_homes(text: str, gazetteer: Gazetteer) -> list[_Mention]:
    """The place in a legislator's "D-Place" or "(R-Place)" when the gazetteer knows it by that name or
    abbreviation ("Calif", "N.D.", "W. Va.")."""
    out: list[_Mention] = []
    for match in _PARTY_HOME.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()].split()
        if not before or not before[-1][:1].isupper():
            continue  # after a name, not after "5-0"
        home = match.group("home")
        if home.endswith(".") and not any(c.match == "abbreviation" for c in gazetteer.lookup(home, fuzzy=False)):
            home = home.rstrip(".")
        if any(c.match in ("name", "abbreviation") for c in gazetteer.lookup(home, fuzzy=False)):
            start = match.start("home")
            out.append(_Mention(start, start + len(home), home))
    return out


# "Becker, Clay, Grant, Otter Tail and Wilkin counties", "Barrow and Jackson counties": the names of a list the
# plural feature word closes.
_COUNTY_LIST_ITEM = r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?"
_COUNTY_LIST = re.compile(
    rf"(?:{_COUNTY_LIST_ITEM}(?:,\s(?:and\s|or\s)?|\s(?:and|or)\s))+{_COUNTY_LIST_ITEM}\s(?P<word>counties|parishes)\b"
)
_COUNTY_WORD_OF = {"counties": "County", "parishes": "Parish"}


def _listed_counties(text: str, gazetteer: Gazetteer) -> list[_Mention]:
    """Each name of a list closed by "counties" or "parishes" that the gazetteer knows as such a district."""
    out: list[_Mention] = []
    for match in _COUNTY_LIST.finditer(text):
        word = _COUNTY_WORD_OF[match.group("word")]
        listed = text[match.start() : match.start("word")]
        for item in re.finditer(_COUNTY_LIST_ITEM, listed):
            name = item.group()
            if name in ("And", "Or") or name_key(name) in NOT_PLACE_WORDS:
                continue
            if any(c.feature == "admin2" for c in gazetteer.lookup(f"{name} {word}", fuzzy=False)):
                out.append(_Mention(match.start() + item.start(), match.start() + item.end(), name))
    return out


# Where a dateline may stand after a headline that ends on the same line ("Crash victim upgraded. MIDDLETOWN —"),
# or after a byline's date ("By Ann Lee, Staff Writer March 30, 2009 NEWARK --").
_AFTER_HEADLINE = re.compile(r"(?:[.!?:]|\b(?:19|20)\d\d)\s+")
DATELINE_SEARCH_CHARS = 300


def _dateline_after_a_headline(text: str, gazetteer: Gazetteer) -> _Mention | None:
    """A dateline ("CITY —", "CITY, State (AP) —") opening the body after a headline or byline on the same line,
    when the gazetteer knows its capitals as a place's own name (not "UPDATE —" or "AP —")."""
    unknown_city_end = -1
    for boundary in _AFTER_HEADLINE.finditer(text, 0, DATELINE_SEARCH_CHARS):
        if boundary.end() < unknown_city_end:
            continue  # "ST. PARIS —": the "PARIS" after "ST." is the rest of a name the gazetteer lacks
        match = DATELINE.match(text, boundary.end())
        if match is None:
            continue
        city = match.group("city").strip()
        # An alias of several words ("ST. PARIS" for Saint Paris) is a place's name; one word may be "AP".
        known_as = ("name", "alias") if " " in city else ("name",)
        if not any(c.match in known_as for c in gazetteer.lookup(city, fuzzy=False)):
            unknown_city_end = match.start("city") + len(city)
            continue
        start = match.start("city")
        return _Mention(start, start + len(city), city, dateline=True)
    return None


def _trim_article(start: int, end: int, text: str) -> tuple[int, int, str]:
    if text.lower().startswith("the "):
        return start + 4, end, text[4:]
    return start, end, text


def _extend_site(doc: Doc, mention: _Mention) -> _Mention:
    following = doc_text(doc)[mention.end : mention.end + 24].lower()
    for word in SITE_WORDS:
        if re.match(rf" {word}\b", following):
            end = mention.end + 1 + len(word)
            return dataclasses.replace(mention, end=end, text=doc_text(doc)[mention.start : end], site=word)
    return mention


def _looks_like_place(doc: Doc, entity: Entity, gazetteer: Gazetteer, place_texts: set[str]) -> bool:
    """An ORG/PERSON name the gazetteer knows, written where places are written."""
    if name_key(entity.name) in place_texts:
        return True
    candidates = gazetteer.lookup(entity.name, fuzzy=False)
    # A country or province called by its own name ("Ohio", "U.S.") is a place whatever the model says.
    if any(c.feature in ("country", "admin1") and c.match in ("name", "abbreviation") for c in candidates):
        return True
    known = [c for c in candidates if c.match in ("name", "alias")]
    if not known or not any(c.feature != "city" or c.population >= 1000 for c in known):
        return False
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.lower_ in PLACE_PREPOSITIONS:
            return True
        if before is not None and before.lower_ == "of" and before.i > 0 and doc[before.i - 1].lower_ in PLACE_HEADS:
            return True
        if _written_with_container(doc, span, gazetteer, known):
            return True
        if after is not None and after.lower_ in FEATURE_WORDS:
            return True
        if after is not None and after.lower_ in PLACE_FOLLOWERS and _names_a_place(gazetteer, entity.name, town=True):
            return True
        if span[-1].lower_ in FEATURE_WORDS:
            return True
    return False


# What a person does and a town does not: "Clinton visited the town", "Clinton told reporters".
PERSON_ONLY_VERBS = frozenset("visit meet tell speak campaign vow pledge promise insist testify resign".split())
# What a speaker does: a capital or a country may "say" (its government), a town does not.
SAYING_VERBS = frozenset("say add explain recall note recount acknowledge admit".split())


def _acts_as_a_person(doc: Doc, entity: Entity, gazetteer: Gazetteer) -> bool:
    """A name the model calls a place, which names no country, province or capital (whose name stands for its
    government: "Washington vowed"), is a person's name, not a town, when every mention of it is the subject of
    what only a person does ("Clinton visited the flooded town"), or when at least half of them are the subject of
    a saying ("Reynolds says the two met online"; a town says nothing) and none stands where only a place
    stands."""
    candidates = gazetteer.lookup(entity.name, fuzzy=False)
    if not entity.mentions or any(c.feature not in ("city", "admin2") or c.capital for c in candidates):
        return False
    acting = saying = 0
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        verb = span.root.head.lemma_.lower() if span is not None and span.root.dep_ == "nsubj" else ""
        acting += verb in PERSON_ONLY_VERBS
        saying += verb in SAYING_VERBS
    if acting == len(entity.mentions):
        return True
    return (acting + saying) * 2 >= len(entity.mentions) and not _written_where_only_places_stand(doc, entity)


def _only_written_as_a_place(doc: Doc, entity: Entity, gazetteer: Gazetteer) -> bool:
    """Every mention of the name stands where only a place stands: after "in", "near"…, as "X, <province>", after
    a street address ("1935 Orchard St., X,"), or before a noun only a town's name qualifies ("an X woman", "X
    police"), the last only for a town of some size (a person's name also qualifies nouns: "Clinton aides")."""
    known = [c for c in gazetteer.lookup(entity.name, fuzzy=False) if c.match in ("name", "alias")]
    if not known or not entity.mentions:
        return False
    sizeable = any(c.feature != "city" or c.population >= QUALIFIER_TOWN_MIN_POPULATION for c in known)
    text = doc_text(doc)
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        in_place = before is not None and before.lower_ in PLACE_ONLY_PREPOSITIONS
        addressed = _STREET_ADDRESS_BEFORE.search(text[max(0, mention.start - 40) : mention.start]) is not None
        qualifies = sizeable and after is not None and after.lower_ in TOWN_ONLY_FOLLOWERS
        if not (in_place or addressed or qualifies or _written_with_container(doc, span, gazetteer, known)):
            return False
    return True


# "1935 Orchard St., Alexandria": a town written after a street address.
_STREET_ADDRESS_BEFORE = re.compile(
    r"\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Ave|Rd|Dr|Blvd|Ln|Street|Avenue|Road|Drive|Boulevard|Lane)\.?,\s*$"
)
# Nouns after a name that make a town of it, not a person: "an Alexandria woman", "the Alexandria police".
TOWN_ONLY_FOLLOWERS = frozenset("woman man men women resident residents native natives police".split())
QUALIFIER_TOWN_MIN_POPULATION = 10_000


def _written_with_container(doc: Doc, span: Span, gazetteer: Gazetteer, known: list[Candidate]) -> bool:
    """ "Gainesville, Ga.": a name followed by a comma and a province or country that contains one of its places."""
    following = doc_text(doc)[span.end_char : span.end_char + 40]
    match = re.match(r",\s*([A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)", following)
    if match is None:
        return False
    outer = [c for c in gazetteer.lookup(match.group(1).rstrip(), fuzzy=False) if c.feature in ("country", "admin1")]
    return any(
        (o.feature == "country" and c.country == o.country) or (o.admin1_code and c.admin1_code == o.admin1_code)
        for o in outer
        for c in known
    )


def _unlabelled_feature_names(doc: Doc, state: DocState, gazetteer: Gazetteer) -> list[_Mention]:
    """Proper names outside any entity followed by a feature word ("the Swat valley", "Helmand province") or by
    a noun that a town's name qualifies ("a Gainesville man")."""
    out: list[_Mention] = []
    lowers = doc_arrays(doc).lower
    # a Token only for the feature words and followers (speed: a Token per word of the doc cost more than the rest)
    for index in range(1, len(lowers)):
        follower = lowers[index] in PLACE_FOLLOWERS
        if lowers[index] not in FEATURE_WORDS and not follower:
            continue
        token = doc[index]
        name_tokens: list[Token] = []
        i = token.i - 1
        # (token.is_sent_start would scan the whole doc on every call; stop words end the name instead)
        while i >= 0 and doc[i].is_title and not doc[i].is_stop and i not in state.entity_of_token:
            name_tokens.insert(0, doc[i])
            i -= 1
        if not name_tokens or len(name_tokens) > 3:
            continue
        name = doc_text(doc)[name_tokens[0].idx : name_tokens[-1].idx + len(name_tokens[-1].text)]
        if follower:  # "a Gainesville man": the name alone is the place
            # a person's title is no town ("Miss Teen USA": not "Miss." for Mississippi)
            titled = knowledge_base().honorifics.starting_at(doc, name_tokens[0].i, highest=token.i) != -1
            if not titled and _names_a_place(gazetteer, name, town=True):
                out.append(_Mention(name_tokens[0].idx, name_tokens[0].idx + len(name), name))
            continue
        start, end = name_tokens[0].idx, token.idx + len(token.text)
        if gazetteer.demonym(name) is None and gazetteer.lookup(name, fuzzy=False):
            out.append(_Mention(start, end, doc_text(doc)[start:end]))
    return out


def _as_toponyms(text: str, mentions: list[_Mention]) -> list[Toponym]:
    spans = [(mention.start, mention.end) for mention in mentions]
    written = written_containers(text, spans)
    toponyms = []
    for mention, (container, enumerated), kind in zip(mentions, written, written_kinds(text, spans), strict=True):
        lookup_text = mention.text[: -len(mention.site) - 1] if mention.site else mention.lookup or mention.text
        # "Incirlik airbase": a site named for its town, which the words after it make of it.
        facility = mention.label == "FAC" or mention.site is not None
        if mention.site is not None:
            kind = "site"
        toponyms.append(
            Toponym(
                lookup_text,
                mention.start,
                mention.end,
                container,
                mention.dateline,
                enumerated,
                kind,
                facility,
                follows_the_article(text, mention.start),
            )
        )
    return toponyms


# --- records ---------------------------------------------------------------------------------------


def _places(mentions: list[_Mention], resolutions: list[Resolution], contained: list[bool]) -> list[Place]:
    """One place per name (the most confident reading of its mentions), except that a mention written with its
    container ("Washington, Iowa") that reads as another place than the name's bare mentions do ("Republicans in
    Washington") is a place of its own."""
    by_name: dict[str, list[tuple[_Mention, Resolution, bool]]] = {}
    for mention, resolution, own in zip(mentions, resolutions, contained, strict=True):
        # "the Somali capital" joins the capital's own mentions ("Mogadishu")
        by_name.setdefault(name_key(mention.lookup or mention.text), []).append((mention, resolution, own))
    groups: dict[tuple[str, int | None], list[tuple[_Mention, Resolution]]] = {}
    for key, named in by_name.items():
        bare = [r for _, r, own in named if not own]
        bare_best = max(bare, key=lambda r: r.score).candidate if bare else None
        for mention, resolution, own in named:
            candidate = resolution.candidate
            apart = own and bare_best is not None and candidate is not None and candidate.id != bare_best.id
            groups.setdefault((key, candidate.id if apart and candidate else None), []).append((mention, resolution))
    places = []
    for number, members in enumerate(groups.values(), start=1):
        first_mention, _ = members[0]
        # The group's referent: the most confident reading among its mentions.
        mention, resolution = max(members, key=lambda pair: pair[1].score)
        candidate = resolution.candidate
        entity_ids = Counter(m.entity for m, _ in members if m.entity)
        places.append(
            Place(
                id=f"p{number}",
                name=first_mention.text,
                mentions=tuple(Mention(m.start, m.end, m.text) for m, _ in members),
                geonameid=candidate.geonameid if candidate else None,
                lat=candidate.lat if candidate else None,
                lon=candidate.lon if candidate else None,
                country=candidate.country if candidate else None,
                admin1=_admin1(candidate),
                admin2=candidate.admin2 if candidate else None,
                feature=_feature(candidate, mention.site, resolution.kind_hint),
                precision=precision_of(candidate, "site" if mention.site else resolution.kind_hint),
                score=resolution.score if candidate else 0.0,
                entity=entity_ids.most_common(1)[0][0] if entity_ids else None,
                dateline=any(m.dateline for m, _ in members),
                point=candidate.point if candidate else None,
            )
        )
    return places


def _admin1(candidate: Candidate | None) -> str | None:
    if candidate is None or candidate.feature in ("country", "continent"):
        return None
    return candidate.admin1


def _feature(candidate: Candidate | None, site: str | None, hint: str | None) -> str | None:
    if site:
        return site.replace(" ", "")
    if candidate is None:
        return None
    if hint == "area" and candidate.feature in ("admin1", "admin2"):
        return "area"
    if hint in ("district", "near"):
        return hint
    return "capital" if candidate.capital else candidate.feature


# --- the event helper ------------------------------------------------------------------------------


_REFERENCE_POINT = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|miles|kilometers|kilometres|km)"
    r"(?:ern)?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def event_place(doc: Doc, sentence: Span, trigger: Token) -> str | None:
    """Id of the place most tightly bound to an event trigger (its prepositional phrase first); where the sentence
    names none, the country of the national institution that carried the event out ("Congress passed the
    bill"), as a place with that country and no point; else None."""
    state = get_state(doc)
    found = _named_event_place(doc, state, sentence, trigger) or _the_named_town(doc, state, trigger)
    if found is not None:
        return found
    return _institution_country_place(doc, state, trigger)


_TOWN_NOUNS = frozenset("city town village".split())


def _the_named_town(doc: Doc, state: DocState, trigger: Token) -> str | None:
    """ "A man was stabbed in the city centre", "fired in the town's main square": "the city" where the event
    happened is the one town the report has named before it; with two or more named, it is none of them."""
    for anchor in _event_anchors(trigger):
        for preposition in anchor.children:
            if preposition.dep_ != "prep" or preposition.lower_ not in _LOCATIVES:
                continue
            for noun in preposition.children:
                if noun.dep_ == "pobj" and _the_town_or_a_part_of_it(noun):
                    towns = {
                        place.id
                        for place in state.places
                        if place.feature in ("city", "capital") and any(m.start < trigger.idx for m in place.mentions)
                    }
                    return next(iter(towns)) if len(towns) == 1 else None
    return None


def _the_town_or_a_part_of_it(noun: Token) -> bool:
    """ "the city", "the town", "the city centre", "the city's main hall"."""
    if noun.lemma_.lower() in _TOWN_NOUNS:
        return _just_the(noun)
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lemma_.lower() in _TOWN_NOUNS), None)
    if owner is not None:
        return _just_the(owner)
    part_of_town = any(c.dep_ == "compound" and c.lemma_.lower() in _TOWN_NOUNS for c in noun.children)
    return part_of_town and noun.lemma_.lower() in _PLACE_PART_NOUNS and _just_the(noun, also=("compound",))


def _just_the(noun: Token, also: tuple[str, ...] = ()) -> bool:
    """The noun is "the" noun, with no word that would make it another town ("the old city", "a city")."""
    words = [c for c in noun.children if c.dep_ not in ("case", "punct", *also) and c.i < noun.i]
    return len(words) == 1 and words[0].dep_ == "det" and words[0].lower_ == "the"


def _named_event_place(doc: Doc, state: DocState, sentence: Span, trigger: Token) -> str | None:
    # The dateline says where the report was filed, not where its events happened; the same place named in a
    # sentence ("in Mogadishu", "the Somali capital") still binds.
    text = doc_text(doc)
    dateline = find_dateline(text)
    dateline_start = dateline.start("city") if dateline is not None else -1
    in_sentence: list[tuple[int, int, str]] = [
        (m.start, m.end, place.id)
        for place in state.places
        for m in place.mentions
        if m.start != dateline_start and sentence.start_char <= m.start and m.end <= sentence.end_char
    ]
    # "north of Mosul", "20 km south of X": a reference point, not where the event happened. "U.S. troops",
    # "the Afghan army", "a Gainesville man": where an actor comes from, not where the event happened.
    in_sentence = [
        m
        for m in in_sentence
        if not _REFERENCE_POINT.search(text[max(0, m[0] - 30) : m[0]])
        and not _names_an_actors_origin(doc, state, m[0], m[1], trigger)
    ]
    if not in_sentence:
        return None
    where = _where_clause_place(doc, in_sentence, trigger)
    if where is not None:
        return where
    anchors = _event_anchors(trigger)
    said = _a_saying(trigger)
    for head in anchors:
        # Where-phrases first ("met Biden in Washington": Washington, not the "U.S." in "U.S. President"), then
        # objects; a passive trigger's subject carries the place of what was done to it ("warehouses in El
        # Fasher were looted"), while an active subject's place is often only where the actor comes from. "By X"
        # names who did it and "according to X" who says so: neither is where.
        for deps in (("prep", "advmod", "npadvmod"), ("dobj", "pobj", "nsubjpass")):
            for child in head.children:
                if child.dep_ not in deps or (child.dep_ == "nsubjpass" and head.i != trigger.i):
                    continue
                if child.dep_ == "prep" and child.lower_ in _SOURCE_PREPOSITIONS:
                    continue
                if said and child.dep_ != "prep":
                    continue  # "condemned North Korea's test", "sued the state": what is said of, not where
                subtree = list(child.subtree)
                lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
                bound = [
                    (s, e, pid)
                    for s, e, pid in in_sentence
                    if lo <= s and e <= hi and _tied_to_the_event(doc, s, e, trigger, anchors, said=said)
                ]
                if bound:
                    # inside an object, a place after "in"/"at" is where; one in a title ("U.S. President") is not
                    return min(
                        bound, key=lambda item: (not _after_locative(text, item[0]), abs(item[0] - trigger.idx))
                    )[2]
    # Nothing bound to the trigger: the nearest place of the sentence that the tree ties to the trigger's own
    # clause, and not one in the speaker's own name ("Russia's defence ministry said its troops had captured two
    # villages"). A place of another clause ("Before she met him, she lived outside Orlando"), of another verb's
    # subject ("the United States would honor its commitment") or of a noun's possessor says nothing of where
    # this event happened: then the report names no place for it.
    # Nor, for an event a speaker reports, one inside another speaker's words ("NEMA said it had sent food to the
    # region, but the IRC warned that cases were rising in Dikwa").
    speaker_side = _speaker_side(trigger) + _actor_side(trigger)
    reported = any(q.start <= trigger.idx < q.end for q in state.quotes)
    others_words = [(q.start, q.end) for q in state.quotes if reported and not q.start <= trigger.idx < q.end]
    told = [
        m
        for m in in_sentence
        if not any(lo <= m[0] < hi for lo, hi in speaker_side)
        and not any(lo <= m[0] < hi for lo, hi in others_words)
        and _tied_to_the_event(doc, m[0], m[1], trigger, anchors, said=said)
    ]
    if told:
        return min(told, key=lambda item: abs(item[0] - trigger.idx))[2]
    if _speaker_side(trigger) or reported:
        return None
    return _scene_of_the_sentence(doc, sentence, in_sentence)


def _scene_of_the_sentence(doc: Doc, sentence: Span, in_sentence: list[tuple[int, int, str]]) -> str | None:
    """ "In Chicago, they have had thousands of shootings", "In Georgia, a coalition will draft a plan to fund
    it": a place set before the sentence's subject, after "in"/"at", sets the scene of all its clauses (those a
    speaker reports excepted)."""
    first = sentence[0]
    if first.lower_ not in ("in", "at") or first.dep_ != "prep" or first.head.dep_ != "ROOT":
        return None
    phrase_end = first.right_edge.idx + len(first.right_edge.text)
    after = doc[first.right_edge.i + 1] if first.right_edge.i + 1 < len(doc) else None
    if after is None or after.text != ",":
        return None
    scene = [m for m in in_sentence if first.idx <= m[0] and m[1] <= phrase_end]
    return min(scene, key=lambda item: item[0])[2] if scene else None


# Words that open a clause of its own, set before, after or beside the main one ("Before she met him, she lived
# in X", "while turning to the threat"): such a clause does not share the main clause's place.
_OWN_CLAUSE_MARKERS = frozenset(
    "before after while when whenever since until till because as although though if unless whereas once".split()
)
# How a trigger hangs on the word above it when both tell one happening: "plan to protest" (xcomp), "carried
# out an attack" (the verb's object), "the attack happened" (its subject), "the convoy that was attacked" (the
# noun a clause describes), "exploded in the market, killing five" (a clause with no marker of its own).
_SHARED_CLAUSE_DEPS = frozenset("xcomp dobj nsubj nsubjpass attr oprd relcl acl advcl".split())


def _event_anchors(trigger: Token) -> list[Token]:
    """The trigger, and the word above it when both tell of the same happening in one clause: a place bound to
    either is the event's. A clause set apart by a marker ("before", "while"), a reported clause ("said that …")
    or a noun the trigger only qualifies ("frustration about the attack") is another happening's."""
    anchors = [trigger]
    while trigger.dep_ == "conj" and trigger.head.i != trigger.i:
        # "entered the church in X and killed seven and wounded others": conjoined verbs share the first one's place
        trigger = trigger.head
        anchors.append(trigger)
    while _counted(trigger):
        # "had thousands of shootings": the count stands in the clause for what it counts
        trigger = trigger.head.head
        anchors.append(trigger)
    head = trigger.head
    if head.i == trigger.i:
        return anchors
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "agent" and _a_site_was_struck(trigger.head.head):
        # "a market in Mosul was hit by a bombing": the happening is the passive verb's doer, and the verb tells
        # what it did to the site, there ("residents of Ohio were shocked by the attack" says nothing of where)
        anchors.append(trigger.head.head)
        return anchors
    if trigger.dep_ == "pobj":
        # "killed in an attack", "seized the town after days of fighting": the verb the chain of prepositional
        # phrases hangs on
        noun = trigger
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ not in _SOURCE_PREPOSITIONS:
            above = noun.head.head
            if above.i == noun.head.i:
                break
            if above.pos_ in ("VERB", "AUX"):
                anchors.append(above)
                break
            noun = above
        return anchors
    if trigger.dep_ not in _SHARED_CLAUSE_DEPS:
        return anchors
    if trigger.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OWN_CLAUSE_MARKERS for c in trigger.children):
        return anchors
    anchors.append(head)
    return anchors


def _a_site_was_struck(verb: Token) -> bool:
    """A passive verb whose subject is a site or a named place: "the building was shattered", "Mosul was hit"."""
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubjpass" and (c.lemma_.lower() in _PLACE_PART_NOUNS or c.ent_type_ in ("GPE", "LOC", "FAC"))
        for c in verb.children
    )


# Nouns that count or group happenings: "thousands of shootings", "a wave of bombings".
_COUNT_NOUNS = frozenset(
    "thousand hundred dozen million score series wave spate string number lot couple pair rash flurry round".split()
)


def _counted(noun: Token) -> bool:
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "of" or preposition.head.i == preposition.i:
        return False
    count = preposition.head
    return count.pos_ in ("NOUN", "NUM") and (count.like_num or count.lemma_.lower() in _COUNT_NOUNS)


def _where_clause_place(doc: Doc, in_sentence: list[tuple[int, int, str]], trigger: Token) -> str | None:
    """ "A campaign stop in Concord, N.H., where the president thanked voters": a clause opened by "where" happens
    at the place it describes."""
    if trigger.dep_ != "relcl" or not any(c.lower_ == "where" for c in trigger.children):
        return None
    head = trigger.head
    left = head.left_edge.idx
    right = head.idx + len(head.text)
    described = [m for m in in_sentence if left <= m[0] and m[1] <= right]
    if not described:
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            noun = head.head.head
            described = [m for m in in_sentence if noun.left_edge.idx <= m[0] and m[1] <= right]
    return min(described, key=lambda item: item[0])[2] if described else None


# What a place's name owns that is still that place: "Kabul's main market", "the city's northern districts".
_PLACE_PART_NOUNS = FEATURE_WORDS | frozenset(
    "airport airbase base airfield port harbour harbor crossing area region mosque church cathedral temple "
    "synagogue shrine market bazaar bridge station road street streets highway square park stadium hotel mall "
    "store shop camp checkpoint compound building plant factory mine dam hospital clinic school zoo library "
    "jail prison courthouse downtown outskirts suburbs suburb centre center border coast".split()
)


def _tied_to_the_event(
    doc: Doc, start: int, end: int, trigger: Token, anchors: list[Token], *, said: bool = False
) -> bool:
    """The place hangs on the trigger or on a word that tells the same happening, through nouns and prepositions
    only: no other verb's clause, no possessor ("the rise of China's industry"), and not as the subject of
    another word than the trigger (the subject does the deed, it does not say where). What is said is said
    somewhere only by a place after "in", "at"… on the saying itself ("criticized the raid in Kabul" names where
    the raid was)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    anchor_ids = {a.i for a in anchors}
    token = span.root
    came_by: Token | None = None
    path: list[Token] = []
    while token.i not in anchor_ids:
        if token.i not in range(span.start, span.end) and token.pos_ in ("VERB", "AUX"):
            return False  # another clause
        if token.dep_ == "poss" and token.head.lemma_.lower() not in _PLACE_PART_NOUNS:
            return False  # "America's interests", not "Kabul's main market"
        if token.dep_ == "prep" and _not_where(token):
            return False  # "negotiated with China", "tariffs for goods from China", "in contrast with Cuba"
        came_by = token
        path.append(token)
        if token.head.i == token.i:
            return False
        token = token.head
    if came_by is None:
        return not said
    if said and not _said_there(path, trigger):
        return False
    if came_by.dep_ == "nsubjpass" and span.root.dep_ in ("compound", "amod", "nmod"):
        return False  # "an Alton funeral director was charged": where the one it was done to comes from
    return not (came_by.dep_ in ("nsubj", "csubj", "expl") and token.i != trigger.i)


_LOCATIVES = frozenset("in at near outside inside across around throughout".split())
# Prepositions that introduce a partner, a purpose, a topic or a comparison, never where: "talks with Israel",
# "called for tariffs on goods from China", "like the United States".
_NOT_WHERE_PREPOSITIONS = frozenset(
    "with for about than like unlike as despite including except besides between among regarding concerning".split()
)
# Words between a saying and the phrase that says where it was said: "at a rally in Ohio", "this weekend in
# Hangzhou", "during a visit".
_SETTING_PREPOSITIONS = _LOCATIVES | frozenset("during on".split())


def _said_there(path: list[Token], trigger: Token) -> bool:
    """The path from a place up to a saying goes through "in"/"at"… and then only through the setting of the
    saying ("criticized him at a rally in Ohio", "this weekend in Hangzhou"), not through what it is about
    ("condemned the raid in Kabul", "accused of fraud in Cuba"). A place naming a noun trigger itself is where
    ("the Paris accord")."""
    if path and path[0].dep_ in ("compound", "nmod") and path[0].head.i == trigger.i:
        return True
    lowest = next((j for j, t in enumerate(path) if t.dep_ == "prep" and t.lower_ in _LOCATIVES), None)
    if lowest is None:
        return False
    return all(
        (t.dep_ == "prep" and t.lower_ in _SETTING_PREPOSITIONS) or t.dep_ in ("pobj", "npadvmod", "advmod")
        for t in path[lowest + 1 :]
    )


# Kinds of event that are said or decided, not done somewhere to something: their object names what they are
# about ("condemned the test in North Korea", "accused him of fraud in Cuba"), not where they happened.
_SAYING_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "DEMAND", "AGREE", "SUPPORT", "THREATEN"})


_DURATION_WORDS = frozenset("second minute hour day night week month year decade".split())
# Prepositions that name a partner only when what follows them is someone: "talks with Egypt", "met with the
# executives", but "charged with fraud in Kabul".
_PARTNER_PREPOSITIONS = frozenset("with between among".split())


def _not_where(preposition: Token) -> bool:
    """A preposition that introduces no place: "met them for hours at the airport" is "for" a stretch of time,
    "tariffs for goods from China" for a purpose."""
    word = preposition.lower_
    if word not in _NOT_WHERE_PREPOSITIONS:
        return False
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if word == "for":
        return not any(c.lemma_.lower() in _DURATION_WORDS for c in objects)
    if word in _PARTNER_PREPOSITIONS:
        return any(c.pos_ in ("PROPN", "PRON") or c.ent_type_ or _a_persons_noun(c) for c in objects)
    return True


def _a_saying(trigger: Token) -> bool:
    if trigger.lemma_.lower() in SPEECH_VERBS or trigger.lemma_.lower() == "call":
        return True
    table = VERB_TRIGGERS if trigger.pos_ in ("VERB", "AUX") else NOUN_TRIGGERS
    found = table.get(trigger.lemma_.lower()) or table.get(trigger.lower_)
    if found is None:
        return False
    event_type, mode = found
    return event_type in _SAYING_TYPES and mode != "investigate"


def _institution_country_place(doc: Doc, state: DocState, trigger: Token) -> str | None:
    """ "Congress passed the bill", "the bill was blocked by the Kremlin": the event happened in the country of the
    national institution that did it. Never the country of one who only speaks of it (a speaker is not the
    trigger's own subject), and not where the report's other places all lie in other countries ("Congress" in
    a report on India is its party)."""
    if _a_stance(trigger):
        return None
    countries = {p.country for p in state.places if p.country and p.feature != INSTITUTION_FEATURE}
    for token in _doers(trigger):
        entity_id = state.entity_of_token.get(token.i)
        entity = next((e for e in state.entities if e.id == entity_id), None) if entity_id else None
        iso2 = NATIONAL_INSTITUTIONS.get(name_key(entity.name)) if entity is not None else None
        if entity is None or iso2 is None or (countries and iso2 not in countries):
            continue
        existing = next((p for p in state.places if p.entity == entity.id and p.feature == INSTITUTION_FEATURE), None)
        if existing is not None:
            return existing.id
        place = Place(
            id=f"p{len(state.places) + 1}",
            name=entity.mentions[0].text if entity.mentions else entity.name,
            mentions=entity.mentions,
            country=iso2,
            feature=INSTITUTION_FEATURE,
            precision=COUNTRY_PRECISION,
            entity=entity.id,
        )
        state.places = [*state.places, place]
        return place.id
    return None


# Events that are an institution's stance ("the White House supported the bill", "the Kremlin condemned the
# strike"): taken wherever its officials speak, so its country is not where anything happened.
_STANCE_TYPES = frozenset("SUPPORT REJECT REQUEST DEMAND THREATEN".split())


def _a_stance(trigger: Token) -> bool:
    lexicon = NOUN_TRIGGERS if trigger.pos_ in ("NOUN", "PROPN") else VERB_TRIGGERS
    kind, subtype = lexicon.get(trigger.lemma_.lower(), (None, None))
    return kind in _STANCE_TYPES or (kind, subtype) == ("ACCUSE", "disapprove")


# A place that stands for an institution's country: no GeoNames id and no point, only the country.
INSTITUTION_FEATURE = "institution"

COUNTRY_PRECISION = 4  # ACLED geo-precision of a place known only to its country


def _doers(trigger: Token) -> list[Token]:
    """The trigger's own subject, its "by" agent, and for a noun trigger the subject of the verb that governs it
    unless that verb only reports ("the White House announced sanctions" is done by the White House; "the
    Pentagon said the strike killed" is not done by the Pentagon)."""
    doers = [c for c in trigger.children if c.dep_ == "nsubj"]
    for child in trigger.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            doers.extend(g for g in child.children if g.dep_ == "pobj")
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass"):
        verb = trigger.head
        if verb.lemma_.lower() not in SPEECH_VERBS:
            doers.extend(c for c in verb.children if c.dep_ == "nsubj")
    return doers


_SOURCE_PREPOSITIONS = frozenset({"according", "by", "per"})


def _names_an_actors_origin(doc: Doc, state: DocState, start: int, end: int, trigger: Token) -> bool:
    """A place written as a modifier of an actor ("U.S. troops", "the Kenyan capital's police", "a Gainesville man")
    says whose the actor is."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _ORIGIN_NOUNS | _OFFICE_NOUNS:
        return True  # "a native of Mexico", "the mayor of Leeds": whose the person is, not where they acted
    if root.dep_ not in ("compound", "poss", "amod", "nmod") or head.i == trigger.i or span.start <= head.i < span.end:
        return False
    owner = state.entity_of_token.get(head.i)
    owner_type = next((e.type for e in state.entities if e.id == owner), None) if owner else None
    return head.lemma_.lower() in ACTOR_NOUNS or owner_type in ("ORG", "PERSON", "NORP") or _a_persons_noun(head)


# "A native of Mexico", "citizens of Kenya": where a person comes from.
_ORIGIN_NOUNS = frozenset("native citizen national".split())
# Offices held over a place ("the governor of Texas", "the government of Iraq"): the place says whose office it
# is; the office holder may act anywhere.
_OFFICE_NOUNS = frozenset(
    "mayor governor president premier minister senator chancellor king queen prince emir sultan ruler leader "
    "ambassador envoy bishop archbishop sheriff councillor councilor representative congressman congresswoman "
    "government administration ministry".split()
)
# How nouns for people doing a job end: "two Vermont developers", "an Alton funeral director", "the New York
# businessman".
_PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men", "woman", "women")


def _a_persons_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma in _PLACE_PART_NOUNS or lemma in PLACE_QUALIFIED_NOUNS - PERSON_NOUNS:
        return False
    return lemma in PERSON_NOUNS or token.lower_.endswith(_PERSON_ENDINGS)


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across|around)\s+(?:the\s+)?$", re.IGNORECASE)


def _after_locative(text: str, start: int) -> bool:
    return _LOCATIVE_BEFORE.search(text[max(0, start - 20) : start]) is not None


def _actor_side(trigger: Token) -> list[tuple[int, int]]:
    """Character ranges of the names that make up the trigger's own subject: "Egypt and Jordan, which have
    mediated" or "Russia's forces attacked" name actors, not where it happened; a place in the subject's
    prepositional phrase ("an airstrike on a house in Rafah killed …") still counts."""
    heads = [
        c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "which", "that")
    ]
    if trigger.dep_ == "relcl":  # the noun the clause describes
        heads.append(trigger.head)
    tokens: list[Token] = []
    while heads:
        head = heads.pop()
        tokens.append(head)
        for child in head.children:
            if child.dep_ in ("conj", "appos"):
                heads.append(child)
            elif child.dep_ in ("compound", "poss", "amod", "nmod"):
                tokens.extend(child.subtree)
    return [(t.idx, t.idx + len(t.text)) for t in tokens]


def _speaker_side(trigger: Token) -> list[tuple[int, int]]:
    """Character ranges of the subject of the reporting verb above the trigger, if any."""
    for ancestor in trigger.ancestors:
        # a place in the speaker's name is not where the reported event was
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in SPEECH_VERBS:
            return [
                (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                for c in ancestor.children
                if c.dep_ in ("nsubj", "nsubjpass")
            ]
    return []


@Language.component(
    "newsledger_places",
    requires=["doc.ents", "token.dep", "token.lemma", *records_attrs("entities")],
    assigns=["doc._.newsledger", *records_attrs("places")],
)
def places_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.places = extract_places(doc, state, get_gazetteer())
    return doc
