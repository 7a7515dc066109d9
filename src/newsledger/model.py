"""The record model: what newsledger says about one article, as plain frozen dataclasses.

Every record carries character offsets into `Article.text` (`start` inclusive, `end` exclusive), so an
analyst can always go back to the sentence an answer came from. No spaCy object is ever stored here.

`ArticleRecord.to_json()` / `ArticleRecord.from_json()` round-trip without loss; the JSON shape is the
public contract described in DESIGN.md ("The record").
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

RECORD_SCHEMA_VERSION = 1

# Event and claim vocabularies (public values; see DESIGN.md).
PLOVER_TYPES = (
    "AGREE",
    "ACCUSE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONSULT",
    "COOPERATE",
    "DEMAND",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
)
EventStatus = Literal[
    "reported",
    "claimed",
    "denied",
    "unverified",
    "planned",
    "promised",
    "conditional",
    "negated",
    "hypothetical",
]
EVENT_STATUSES: tuple[EventStatus, ...] = typing.get_args(EventStatus)
# CASE-2021 sub-type -> (ACLED event type, ACLED sub-event type); the last five are not ACLED types.
ACLED_OF_SUBTYPE: dict[str, tuple[str, str] | None] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "OTHER": ("Strategic developments", "Other"),
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "DIPLO": None,
    "ATTRIB": None,
}
# ACLED sub-event type -> its ACLED event type ("Armed clash" -> "Battles").
ACLED_TYPE_OF_SUBTYPE: dict[str, str] = {pair[1]: pair[0] for pair in ACLED_OF_SUBTYPE.values() if pair is not None}
ClaimStance = Literal["asserts", "denies", "uncertain", "unverified"]
CLAIM_STANCES: tuple[ClaimStance, ...] = typing.get_args(ClaimStance)
QuoteKind = Literal["direct", "partial", "indirect"]
QUOTE_KINDS: tuple[QuoteKind, ...] = typing.get_args(QuoteKind)
REPORTER = "reporter"  # claimant / according_to when the outlet itself says it


def normalize_text(text: str) -> str:
    """The canonical form of article text: Unicode NFC, newlines unified. Offsets refer to this form."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


# Unicode's format characters (category Cf): zero-width spaces and joiners, soft hyphens, direction marks and
# isolates, the byte-order mark, tag characters. They change nothing a reader sees.
_FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_SPACES = re.compile(r"[^\S\n]+")  # any run of Unicode whitespace but line breaks (tabs, NBSP, thin spaces)


def identity_text(text: str) -> str:
    """The form of a text its identity is computed from: what a reader would call the same text is the same
    here. On top of `normalize_text`: format characters (zero-width spaces, soft hyphens, direction marks)
    are dropped; every run of spaces, tabs, no-break and other Unicode spaces is one space; spaces at the
    ends of lines and of the text go; three or more line breaks are a paragraph break (two). Letters, digits,
    punctuation, case and the line breaks themselves are kept, so texts differing in those stay apart."""
    text = _FORMAT_CHARACTERS.sub("", normalize_text(text))
    text = _SPACES.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def article_id_for(text: str) -> str:
    """Article identity is the sha256 of the text's identity form, so the same text is the same article, however
    its spaces and invisible characters were written (see `identity_text`)."""
    return hashlib.sha256(identity_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mention:
    """A stretch of the article text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextSpan:
    """Offsets only (a sentence, a paragraph); the text is recoverable from the article."""

    start: int
    end: int


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime, as supplied
    language: str = "en"
    source: str | None = None  # where it was read from (file path, feed URL, WARC record)
    # The outlet's home the ledger had learnt when it read the article (GeoNames admin1 code "US.OH", or a country
    # code "US"; see gazetteer/homes.py): its places were read with it. None for an article read on its own.
    outlet_home: str | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        """Build an Article from raw text: normalizes it and derives the id."""
        normalized = normalize_text(text)
        return cls(id=article_id_for(normalized), text=normalized, **meta)


@dataclass(frozen=True)
class Entity:
    """An actor or other named thing, with every mention of it in the article."""

    id: str
    name: str  # canonical name, titles and honorifics removed
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, ...
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # person, armed group, government, political party, IGO, NGO, country, media
    role: str | None = None  # e.g. "spokesman"
    affiliation: str | None = None  # entity id
    titles: tuple[str, ...] = ()  # honorifics and titles seen with the name ("Mullah", "General")
    country: str | None = None  # ISO 3166-1 alpha-2 when the entity is or belongs to a country


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    mentions: tuple[Mention, ...] = ()
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO2
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None  # country, admin1, admin2, city, airport, ...
    precision: int | None = None  # ACLED-style: 1 exact place, 2 near/district, 3 province, 4 country
    score: float | None = None  # confidence of the chosen referent, 0-1
    entity: str | None = None  # entity id when the place is also an entity
    dateline: bool = False  # the report's origin ("LAGOS (Reuters) –")
    # Where lat/lon come from: "geonames" (GeoNames' own point for geonameid), or where no package carries it,
    # "factbook centre", "capital", "package centre", "centroid of towns", "regions table"
    point: str | None = None


@dataclass(frozen=True)
class TimeExpr:
    id: str
    text: str
    start: int
    end: int
    value: str | None  # TIMEX3-style value: 2021-09-13, 2021-W36, P1W, 1996/2001, PAST_REF, ...
    type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET
    precision: str | None = None  # day, week, weekend, month, year, night, duration, ...
    anchor: str = "publication"  # what the value was resolved against: publication, quote, text, none


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    polarity: str | None = None  # say, claim, deny, dismiss, confirm, warn, urge, pledge, ...
    speaker_start: int | None = None
    speaker_end: int | None = None
    relayed_by: str | None = None  # entity id of a source that relays the statement
    parts: tuple[TextSpan, ...] = ()  # the pieces of a quotation broken by its attribution ("…," he said, "…")


@dataclass(frozen=True)
class Quantity:
    id: str
    text: str
    start: int
    end: int
    value: float | None
    qualifier: str | None = None  # about, more than, at least, ...
    unit: str | None = None  # people, percent, ...
    according_to: str | None = None  # entity id or "reporter"
    category: str | None = None  # killed, injured, arrested, displaced, evacuated, ...
    event: str | None = None  # event id


@dataclass(frozen=True)
class TimeRef:
    value: str | None
    precision: int | None = None  # ACLED time precision: 1 day, 2 week, 3 month or vaguer
    time: str | None = None  # id of the TimeExpr it came from, None when defaulted


@dataclass(frozen=True)
class Fatalities:
    count: int | None
    text: str | None = None
    according_to: str | None = None  # entity id or "reporter"


@dataclass(frozen=True)
class EventArgument:
    """One participant or place as one word reporting the event gives it: "she was arrested" names "she" (the
    entity the document resolves her to in `entity`), and a later "three soldiers were wounded" its own victims.
    `event.source`, `target` and `place` stay the event's one answer each; these are what each sentence says."""

    role: str  # source, target or place
    mention: Mention  # the words naming it, in the sentence of `of`
    of: Mention  # the event's word it belongs to: its trigger or one of its `mentions`
    entity: str | None = None  # entity id (source, target)
    place: str | None = None  # place id (place)


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER type
    trigger: Mention
    sentence: TextSpan
    mode: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    source: str | None = None  # entity id
    target: str | None = None  # entity id
    place: str | None = None  # place id
    when: TimeRef | None = None
    status: EventStatus = "reported"
    according_to: str | None = None  # entity id or "reporter"
    fatalities: Fatalities | None = None
    claim: str | None = None  # claim id
    confidence: float | None = None
    # other words of the article reporting the same happening ("killed", "the blast"), in text order; the
    # trigger is the first report of it
    mentions: tuple[Mention, ...] = ()
    # the participants and place each of those words gives in its own sentence (per-mention arguments)
    arguments: tuple[EventArgument, ...] = ()


@dataclass(frozen=True)
class Claim:
    id: str
    claimant: str  # entity id or "reporter"
    stance: ClaimStance
    proposition: str
    evidence: tuple[Mention, ...] = ()
    disputes: tuple[str, ...] = ()  # claim ids it contradicts


@dataclass(frozen=True)
class ArticleRecord:
    article: Article
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    pipeline: str = ""  # pipeline version that produced the record
    schema: int = RECORD_SCHEMA_VERSION
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """Deterministic JSON: same record, same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        return from_dict(cls, data)

    @classmethod
    def from_json(cls, text: str) -> ArticleRecord:
        return cls.from_dict(json.loads(text))


# --- JSON conversion -----------------------------------------------------------------------------
# Written once, generically, from the dataclass field types, so adding a field needs no new code.

T = TypeVar("T")


def to_dict(obj: Any) -> dict[str, Any]:
    names = _record_field_names(type(obj))
    if names is None:
        raise TypeError(f"not a record: {obj!r}")
    out: dict[str, Any] = {name: _to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, Article):
        out["chars"] = obj.chars
    return out


def _to_jsonable(value: Any) -> Any:
    if _record_field_names(type(value)) is not None:
        return to_dict(value)
    if isinstance(value, (tuple, list)):
        return [_to_jsonable(v) for v in value]
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _record_field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for any other type: looked up once per type, not per value (asking
    `dataclasses` for every value of a record took ~2 ms of a news article's record)."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        _FIELD_NAMES[cls] = names
        return names


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    kwargs = {}
    for name, hint in _field_hints(cls):
        if name in data:
            kwargs[name] = _from_jsonable(hint, data[name])
    return cls(**kwargs)


_FIELD_HINTS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    # Resolving the annotations is costly (it evaluates every forward reference): once per class, not per record,
    # which made reading 10,000 records back take longer than writing them.
    found = _FIELD_HINTS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELD_HINTS[cls] = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))
    return found


def _from_jsonable(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _from_jsonable(options[0], value)
        for option in options:  # e.g. int | float: keep the JSON value's own type
            if isinstance(option, type) and isinstance(value, option):
                return value
        return value
    if origin is tuple:
        (item_hint, *_rest) = typing.get_args(hint)
        return tuple(_from_jsonable(item_hint, v) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_dict(hint, value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
