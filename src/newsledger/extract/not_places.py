"""Names that stand where a place could but name something else: a person, an employer, a business, a team in a
game, an institution by its seat. `places` asks `not_a_place` once for every mention it would geocode.

Each rule spares the places whose own name stands for their people and government (countries, provinces,
capitals) and big cities, and a mention written where only places stand ("in X", "X, Ohio"), unless the
sentence itself says otherwise (a score beside the name of a team).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsledger.gazetteer.index import Gazetteer
from newsledger.gazetteer.keys import name_key
from newsledger.gazetteer.lexicon import NATIONAL_INSTITUTIONS
from newsledger.model import Mention
from newsledger.nlp.state import DocState, doc_text

# A town this big keeps its name when a person, a business or an employer shares it ("Houston", "Lincoln").
BIG_PLACE_POPULATION = 100_000
# Words before a name that make a place of it whatever else shares the name.
PLACE_ONLY_BEFORE = frozenset("in near outside inside across around throughout into".split())
# Jobs held at an employer: "a senior analyst at Jefferies", "an economist with Moody's".
EMPLOYEE_NOUNS = frozenset(
    "analyst economist strategist researcher scientist professor lecturer scholar fellow executive partner "
    "director manager engineer employee banker trader consultant adviser advisor lawyer attorney accountant "
    "chairman chairwoman founder spokesman spokeswoman spokesperson".split()
)
# Nouns a business's name heads: "the Dreamland Motel", "the Hunan Palace restaurant", "a Honda Accord".
BUSINESS_NOUNS = frozenset(
    "motel hotel inn restaurant cafe café diner bar pub tavern grill store shop supermarket mall casino club "
    "theater theatre cinema bank company corp corporation inc llc ltd co brewery winery dealership accord "
    "civic".split()
)
# What one team does to another in a game.
GAME_VERBS = frozenset("beat defeat edge top rout upset down blank whip crush trounce outlast stun topple".split())
_SCORE = re.compile(r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b")


_CONTAINER_AFTER = re.compile(r",\s+((?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*){0,2})")


def _written_with_its_container(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    after = _CONTAINER_AFTER.match(doc.text, mention.end)
    return after is not None and bool(gazetteer.lookup(after.group(1), fuzzy=False))


def not_a_place(doc: Doc, state: DocState, mention: Mention, gazetteer: Gazetteer) -> bool:
    """The text shows this mention of a would-be place names something else."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    if name_key(mention.text) in NATIONAL_INSTITUTIONS:
        # "frustration in Downing Street": the government, as "the White House" is; but "Miraflores, Lima", with
        # its container written, is the district of that name
        return not _written_with_its_container(doc, mention, gazetteer)
    if any(_a_team_in_a_game(other) for other in _mentions_of_its_name(doc, state, mention)):
        return True  # "Alabama beat Clemson 45-40 … the wound in Clemson's momentum"
    if _stands_where_places_stand(doc, span) or _a_big_place(gazetteer, mention.text):
        return False
    return (
        _owns_a_named_thing(span)
        or _listed_with_persons(state, span)
        or _an_employer(span)
        or _a_business_here(doc, mention.text)
        or _called_a_firm(span)
    )


def _a_big_place(gazetteer: Gazetteer, name: str) -> bool:
    return any(
        c.feature in ("country", "admin1", "continent")
        or c.capital
        or c.population >= BIG_PLACE_POPULATION
        or gazetteer.demonym(name) is not None
        for c in gazetteer.lookup(name, fuzzy=False)
        if c.match in ("name", "alias", "abbreviation")
    )


def _stands_where_places_stand(doc: Doc, span: Span) -> bool:
    """ "In X", "near X", "X, Ohio": where only a place stands."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in PLACE_ONLY_BEFORE:
        return True
    following = doc_text(doc)[span.end_char : span.end_char + 3]
    return following.startswith(", ") and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ == "GPE"


def _mentions_of_its_name(doc: Doc, state: DocState, mention: Mention) -> list[Span]:
    """The spans of every mention of the entity this mention belongs to (the mention alone if none)."""
    entity = next(
        (e for e in state.entities if any(m.start == mention.start and m.end == mention.end for m in e.mentions)),
        None,
    )
    mentions = entity.mentions if entity is not None else (mention,)
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions]
    return [span for span in spans if span is not None]


def _a_team_in_a_game(span: Span) -> bool:
    """ "Alabama beat undefeated Clemson 45-40": the subject and the object of a game verb in a sentence with a
    score are teams."""
    root = span.root
    verb = root.head
    if root.dep_ not in ("nsubj", "dobj", "npadvmod") or verb.lemma_.lower() not in GAME_VERBS:
        return False
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.pos_ in ("NOUN", "PROPN"):
        return False  # "beat London goalie Trevor Cann": the name only qualifies the one beaten
    return _SCORE.search(span.sent.text) is not None


def _owns_a_named_thing(span: Span) -> bool:
    """ "Obama's Trans-Pacific Partnership": one word owning a thing with a name of its own (a plan, a law, a
    company) is its author or owner, not a town; a place's own named parts are places' ("Kabul's Karte Seh
    district")."""
    root = span.root
    head = root.head
    if len(span) != 1 or root.dep_ != "poss" or head.pos_ != "PROPN":
        return False
    last = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    named = [t for t in head.subtree if t.i == head.i or (t.i > root.i and t.dep_ in ("compound", "amod"))]
    return not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in named) and not (
        last is not None and last.lower_ in ("district", "county", "province", "street", "road", "airport")
    )


def _listed_with_persons(state: DocState, span: Span) -> bool:
    """ "The prosecution of Bill, Hillary, and Chelsea": one word in a list of two or more others that the entity
    stage calls persons."""
    if len(span) != 1:
        return False
    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    listed = [first]
    for item in listed:
        listed.extend(c for c in item.children if c.dep_ == "conj")
    others = [t for t in listed if t.i != span.root.i]
    if len(others) < 2:
        return False
    person_tokens = {
        i
        for e in state.entities
        if e.type == "PERSON"
        for m in e.mentions
        for i in _token_range(span.doc, m.start, m.end)
    }
    return all(t.i in person_tokens for t in others)


def _token_range(doc: Doc, start: int, end: int) -> range:
    found = doc.char_span(start, end, alignment_mode="expand")
    return range(found.start, found.end) if found is not None else range(0)


# What a firm, a broadcaster or a pollster is called just before its name: "the health care property company
# Ventas", "the pollster Gallup", "the news agency Xinhua".
FIRM_NOUNS = frozenset(
    "company firm corporation conglomerate retailer insurer airline carrier bank lender pollster network "
    "broadcaster newspaper magazine agency chain brand maker manufacturer developer startup publisher "
    "studio label website".split()
)


def _called_a_firm(span: Span) -> bool:
    """The name stands right after a word for a firm it is the name of ("the company Ventas")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in FIRM_NOUNS


def _an_employer(span: Span) -> bool:
    """ "A senior analyst at Jefferies": where someone holds a job is an employer."""
    root = span.root
    preposition = root.head
    if " of " in span.text or root.dep_ != "pobj" or preposition.lower_ not in ("at", "with", "for"):
        return False
    return preposition.head.lemma_.lower() in EMPLOYEE_NOUNS


def _a_business_here(doc: Doc, name: str) -> bool:
    """ "Room 25 at the Dreamland", where "the Dreamland Motel" is named: the report names the business by it; "a
    1995 Honda Accord" names a maker. The business's word is part of its name ("a Chiefland bar brawl" is a bar
    in Chiefland)."""
    if name.split()[0].lower().rstrip(".") in (
        "mount",
        "mt",
        "lake",
        "fort",
        "ft",
        "port",
        "cape",
        "point",
        "saint",
        "st",
    ):
        return False  # "the Mount Washington Hotel" is named for the mountain, which is a place
    pattern = re.compile(rf"\b{re.escape(name)}\s+([A-Z]\w*)")
    return any(found.group(1).lower() in BUSINESS_NOUNS for found in pattern.finditer(doc_text(doc)))
