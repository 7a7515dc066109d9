"""Event clusters: reports of the same real event, from one or many articles, merged into one cluster that keeps
every report (its outlet, sentence and figures).

One resolver serves the ledger (`newsledger resolve`) and its evaluation (`eval coref` on ECB+ and MEANTIME),
so what is scored is what runs. Reports that may be one event are found by blocking (same trigger stem; for the
ledger also the same type family and country when both are dated), never by comparing all pairs. A pair can only
link when nothing contradicts it (dates, places, type family, different actors in one role) and it has evidence
beyond the verb: similar sentences, shared actor or place words, agreeing dates, or two documents that tell the
same story. A contradicted pair keeps its two reports' clusters apart; a pair with only its verb to go on does
neither (it counts as no similarity in the average between two clusters), so a report can still join through a
fellow report it has evidence with. A logistic pair model (`data/coref/event_pairs.json`, built by
`scripts/train_coref.py` from ECB+ topics) weighs the evidence, and average-link clustering over the candidate
pairs groups the reports.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.resolve.cluster import CANNOT_LINK, cluster_scored

# PLOVER types grouped into families whose reports may describe the same event ("attacked" / "seized").
TYPE_FAMILIES = {
    "ASSAULT": "violence",
    "COERCE": "violence",
    "THREATEN": "threat",
    "MOBILIZE": "mobilize",
    "PROTEST": "protest",
    "RETREAT": "retreat",
    "ACCUSE": "verbal",
    "REJECT": "verbal",
    "DEMAND": "verbal",
    "REQUEST": "verbal",
    "CONSULT": "consult",
    "AGREE": "agree",
    "COOPERATE": "agree",
    "SUPPORT": "support",
    "AID": "aid",
    "SANCTION": "sanction",
}
ASSERTING = frozenset({"reported", "claimed", "unverified", "promised", "planned", "conditional"})
DISPUTING = frozenset({"denied", "negated"})
# Event statuses from most to least certain: what breaks a tie between equally frequent statuses in a cluster.
STATUS_CERTAINTY: tuple[str, ...] = (
    "reported",
    "claimed",
    "unverified",
    "planned",
    "promised",
    "conditional",
    "hypothetical",
    "denied",
    "negated",
)


def status_rank(status: str) -> tuple[int, str]:
    """Where a status sits in STATUS_CERTAINTY (an unknown status after all known ones, then by name)."""
    try:
        return (STATUS_CERTAINTY.index(status), status)
    except ValueError:
        return (len(STATUS_CERTAINTY), status)


# Verbs said of almost anything: a shared one is no evidence that two reports tell of one happening.
GENERIC_STEMS = frozenset(
    """say tell help meet call make take give get go come see know think want use do have be ask talk speak add
    show hold put keep let work try need look find become leave seem feel turn bring begin start include
    continue set provide follow""".split()
)


# Families of physical happenings, told with many different verbs ("bombing", "blast", "attack"): reports of them
# may meet through family, country and date. Statements, meetings and aid are met only through their own verb.
HAPPENING_FAMILIES = frozenset({"violence", "protest"})


def type_family(event_type: str) -> str:
    """The family of a typed report; "" for a report without a type (gold mentions in the evaluation)."""
    return TYPE_FAMILIES.get(event_type.upper(), event_type.lower())


@dataclass(frozen=True)
class EventReport:
    """One report of an event (an events row, or a gold mention in the evaluation), with what clustering needs."""

    pk: int
    article_id: str
    outlet: str | None
    type: str  # PLOVER type; "" when unknown
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    time_precision: int | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    source_actor: int | None = None
    target_actor: int | None = None
    status: str = "reported"
    fatalities: int | None = None
    trigger: str = ""
    lemma: str = ""  # the trigger's lemma when the caller knows it (else the trigger's own stem is used)
    sentence: str = ""
    actor_words: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()

    @cached_property
    def family(self) -> str:
        return type_family(self.type) if self.type else ""

    @cached_property
    def key(self) -> str:
        return trigger_stem(self.lemma or self.trigger)

    @cached_property
    def day(self) -> dt.date | None:
        return _day(self.date)

    @cached_property
    def is_dated(self) -> bool:
        return self.date is not None and len(self.date[:10]) >= 7 and _known_date(self.date)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _km(a: EventReport, b: EventReport) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_score(a: EventReport, b: EventReport) -> float:
    """1 same place, 0.6 one inside the other or near, 0.3 unknown, CANNOT_LINK for different places."""
    if a.country and b.country and a.country != b.country:
        return CANNOT_LINK
    if a.location and b.location and a.location.lower() == b.location.lower():
        return 1.0
    distance = _km(a, b)
    if distance is not None and distance <= 25:
        return 1.0 if (a.geo_precision or 4) <= 2 and (b.geo_precision or 4) <= 2 else 0.6
    broad = [r for r in (a, b) if (r.geo_precision or 4) >= 3]
    if broad:  # a province or a country: compatible when the other lies inside it
        if a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return CANNOT_LINK if len(broad) == 2 or distance is None or distance > 300 else 0.4
        return 0.6 if a.country and b.country else 0.3
    if distance is not None and distance > 100:
        return CANNOT_LINK
    if not (a.location or a.lat) or not (b.location or b.lat):
        return 0.3
    return 0.2


def date_score(a: EventReport, b: EventReport, *, window_days: int = 3) -> float:
    """1 same day .. 0 edge of the window; 0.3 unknown; CANNOT_LINK for dates that cannot be one event. A date
    known only to the month or year is compared at that level (1985 never meets 2009)."""
    if not a.date or not b.date:
        return 0.3
    shared = min(len(a.date[:10]), len(b.date[:10]))
    if shared < 10:  # a month or a year: the coarser one decides
        return 0.6 if a.date[:shared] == b.date[:shared] else CANNOT_LINK
    d1, d2 = a.day, b.day
    if d1 is None or d2 is None:
        return 0.3
    vague = max(a.time_precision or 1, b.time_precision or 1) >= 2
    gap = abs((d1 - d2).days)
    window = window_days * 3 if vague else window_days
    if gap > window:
        return CANNOT_LINK
    return 1.0 - gap / (window + 1)


def actor_score(a: EventReport, b: EventReport) -> float:
    """Shared actors raise the score; a different known actor in the same role vetoes the pair."""
    score, known = 0.0, 0
    for x, y in ((a.source_actor, b.source_actor), (a.target_actor, b.target_actor)):
        if x is not None and y is not None:
            if x != y:
                return CANNOT_LINK
            known += 1
            score += 1.0
    if known == 0:
        shared = {a.source_actor, a.target_actor} & {b.source_actor, b.target_actor} - {None}
        return 0.5 if shared else 0.3
    return score / known


def trigger_stem(trigger: str) -> str:
    """ "killed", "killing", "kills" -> "kill": reports word the same event in different forms."""
    word = trigger.lower().split()[-1] if trigger.strip() else ""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


MAX_WINDOW_DAYS = 9  # the widest date window of date_score (vague dates)
ALL_PAIRS_BLOCK = 200  # a block this small is compared pair by pair; a larger one only along its dates
NEIGHBOURS = 100  # in a large block, how many reports after it (by day, then place) a report is compared with
FEATURES = (
    "sentence_cosine",
    "document_cosine",
    "document_x_sentence",
    "actor_overlap",
    "actors_known",
    "place_overlap",
    "places_known",
    "same_document",
    "dates_agree",
    "stem_frequency",
    "same_stem",
)
_F = {name: i for i, name in enumerate(FEATURES)}
MODEL_FILE = "event_pairs.json"


@dataclass
class PairModel:
    """Logistic weights over FEATURES and the clustering threshold, as built by scripts/train_coref.py."""

    coefficients: dict[str, float]
    intercept: float
    threshold: float
    about: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        weights = np.array([self.coefficients.get(name, 0.0) for name in FEATURES])
        return np.asarray(1.0 / (1.0 + np.exp(-(features @ weights + self.intercept))))

    def to_json(self) -> str:
        body = {
            "features": list(FEATURES),
            "coefficients": {k: round(v, 6) for k, v in self.coefficients.items()},
            "intercept": round(self.intercept, 6),
            "threshold": self.threshold,
            "about": self.about,
        }
        return json.dumps(body, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PairModel:
        body = json.loads(text)
        return cls(
            coefficients={k: float(v) for k, v in body["coefficients"].items()},
            intercept=float(body["intercept"]),
            threshold=float(body["threshold"]),
            about=dict(body.get("about", {})),
        )


def shipped_pair_model_path() -> Path:
    return Path(str(resources.files("newsledger") / "data" / "coref" / MODEL_FILE))


@lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    return PairModel.from_json(shipped_pair_model_path().read_text(encoding="utf-8"))


@dataclass
class Evidence:
    """The candidate pairs of a stream of reports: indices (k, 2), their features (k, len(FEATURES)), whether
    something contradicts the pair (k,), and whether it has nothing beyond its verb to go on (k,; None: none)."""

    pairs: np.ndarray
    features: np.ndarray
    vetoed: np.ndarray
    unsupported: np.ndarray | None = None

    def linkable(self) -> np.ndarray:
        """The pairs that may link: not contradicted, and with evidence beyond the verb."""
        return ~self.vetoed if self.unsupported is None else ~self.vetoed & ~self.unsupported


def block_keys(report: EventReport) -> list[tuple[str, ...]]:
    """The blocks a report is compared in: its trigger stem, and (dated, typed as a physical happening, with a
    country) its type family and country."""
    keys: list[tuple[str, ...]] = [("stem", report.key)] if report.key else []
    if report.family in HAPPENING_FAMILIES and report.country and report.date and report.key not in GENERIC_STEMS:
        keys.append(("family", report.family, report.country))
    return keys


def candidate_pairs(reports: Sequence[EventReport]) -> np.ndarray:
    """Pairs that share a block: the trigger stem, or (for dated, typed reports with a country) the type family
    and country. Small blocks are compared pair by pair, large ones along their dates, so the work grows with
    the reports (times the block size), never with their square. Sorted (first, second) index pairs, first <
    second, each once."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, report in enumerate(reports):
        for key in block_keys(report):
            blocks[key].append(index)
    found = [np.zeros((0, 2), dtype=np.int64)] + [_block_pairs(reports, members) for members in blocks.values()]
    return _distinct_pairs(*np.concatenate(found).T)[0].astype(int)


def _block_pairs(reports: Sequence[EventReport], members: list[int]) -> np.ndarray:
    """The (k, 2) index pairs (first < second, maybe repeated) a block compares."""
    if len(members) <= ALL_PAIRS_BLOCK:
        return _all_pairs(members)
    # A large block is compared along its dates: within each country (reports of two countries never link),
    # and reports without a country with any; each report meets at most NEIGHBOURS reports after it in the
    # order (day, place), so however dense a week is, the pairs grow with the reports, never with their square.
    by_country: dict[str | None, list[tuple[int, str, int]]] = defaultdict(list)
    for i in members:
        day = reports[i].day
        if day is not None:
            by_country[reports[i].country].append((day.toordinal(), (reports[i].location or "").lower(), i))
    countryless = sorted(by_country.pop(None, []))
    everyone = sorted(entry for entries in by_country.values() for entry in entries)
    found = [_along_dates(sorted(entries)) for entries in by_country.values()]
    found.append(_along_dates(countryless))
    if countryless and everyone:
        ordinals = np.array([ordinal for ordinal, _place, _i in everyone])
        indices = np.array([i for _ordinal, _place, i in everyone])
        own = np.array([ordinal for ordinal, _place, _i in countryless])
        first = np.searchsorted(ordinals, own - MAX_WINDOW_DAYS, side="left")
        last = np.searchsorted(ordinals, own + MAX_WINDOW_DAYS, side="right")
        middle = np.searchsorted(ordinals, own, side="left")
        starts = np.maximum(first, middle - NEIGHBOURS)
        stops = np.minimum(last, middle + NEIGHBOURS)
        which, positions = _ranges(starts, stops)
        a, b = np.array([i for _ordinal, _place, i in countryless])[which], indices[positions]
        found.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    # Reports without a day in a large block meet only the reports of their own article.
    undated: dict[str, list[int]] = defaultdict(list)
    for i in members:
        if reports[i].day is None:
            undated[reports[i].article_id].append(i)
    found.extend(_all_pairs(article_members) for article_members in undated.values())
    return np.concatenate(found)


def _all_pairs(members: list[int]) -> np.ndarray:
    """Every pair of `members` (ascending), first < second."""
    first, second = np.triu_indices(len(members), 1)
    ordered = np.array(members, dtype=np.int64)
    return np.stack([ordered[first], ordered[second]], axis=1)


def _ranges(starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each k, the positions starts[k] .. stops[k] - 1 (none when stops[k] <= starts[k]), flattened: which k
    each position belongs to, and the position."""
    counts = np.maximum(stops - starts, 0)
    which = np.repeat(np.arange(len(starts)), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return which, starts[which] + offsets


def _along_dates(entries: list[tuple[int, str, int]]) -> np.ndarray:
    """Pairs of (day, place, index) entries in that order whose days lie within MAX_WINDOW_DAYS, each entry with
    at most NEIGHBOURS after it."""
    if len(entries) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    ordinals = np.array([ordinal for ordinal, _place, _i in entries])
    indices = np.array([i for _ordinal, _place, i in entries], dtype=np.int64)
    position = np.arange(len(entries))
    ends = np.minimum(np.searchsorted(ordinals, ordinals + MAX_WINDOW_DAYS, side="right"), position + 1 + NEIGHBOURS)
    which, after = _ranges(position + 1, ends)
    a, b = indices[which], indices[after]
    return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)


def _tfidf(texts: Sequence[str]) -> Any:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # no word at all in the stream
        return csr_matrix((len(texts), 1))


COSINE_CHUNK = 50_000  # row pairs multiplied at once: the memory of a chunk, not of every pair, is held


def _row_cosines(matrix: Any, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """Cosines of the row pairs (the rows are L2-normalised), each distinct pair computed once: the reports of
    two articles share their documents' pair, and a document row is long."""
    if not len(rows_a):
        return np.zeros(0)
    distinct, inverse = _distinct_pairs(rows_a, rows_b)
    values = np.zeros(len(distinct))
    for start in range(0, len(distinct), COSINE_CHUNK):
        a, b = distinct[start : start + COSINE_CHUNK, 0], distinct[start : start + COSINE_CHUNK, 1]
        values[start : start + COSINE_CHUNK] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
    return values[inverse]


def _distinct_pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (first, second) pairs in order, and where each given pair is among them: np.unique over one
    integer per pair, which sorts as the pairs do and is far faster than np.unique over rows."""
    first, second = first.astype(np.int64), second.astype(np.int64)
    if not len(first):
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    width = int(second.max()) + 1
    codes, inverse = np.unique(first * width + second, return_inverse=True)
    return np.stack([codes // width, codes % width], axis=1), inverse.reshape(-1)


_NAME_WORD = re.compile(r"[a-z0-9]{2,}")
_NOT_NAME_WORDS = frozenset("the of and for in on at al el de city province district county state".split())


def _same_location(a: EventReport, b: EventReport) -> bool:
    return bool(a.location and b.location and a.location.lower() == b.location.lower())


def words_of(*names: str | None) -> frozenset[str]:
    """The words of an actor's or place's names, as compared between reports: "the Kenyan Army" -> kenyan, army."""
    return frozenset(
        word for name in names if name for word in _NAME_WORD.findall(name.lower()) if word not in _NOT_NAME_WORDS
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def gather_evidence(
    reports: Sequence[EventReport], documents: Mapping[str, str], pairs: np.ndarray | None = None
) -> Evidence:
    """Features and vetoes of the candidate pairs (or of the pairs given). Document and sentence similarity are
    TF-IDF cosines over the stream itself, so they need no model of their own."""
    pairs = candidate_pairs(reports) if pairs is None else pairs
    article_ids = sorted({r.article_id for r in reports})
    article_row = {article_id: row for row, article_id in enumerate(article_ids)}
    document_matrix = _tfidf([documents.get(article_id, "") for article_id in article_ids])
    sentence_matrix = _tfidf([r.sentence or r.trigger for r in reports])
    first, second = pairs[:, 0], pairs[:, 1]
    rows = np.array([article_row[r.article_id] for r in reports], dtype=int)
    document_cosine = _row_cosines(document_matrix, rows[first], rows[second]) if len(pairs) else np.zeros(0)
    sentence_cosine = _row_cosines(sentence_matrix, first, second)
    # Every feature but dates_agree is computed over the whole pair array; only the date score and the vetoes,
    # which branch on many fields, are decided pair by pair.
    stem_counts = Counter(r.key for r in reports)
    log_stem_count = np.array([math.log(stem_counts[r.key]) for r in reports], dtype=float)
    actors_known = np.array([bool(r.actor_words) for r in reports], dtype=bool)
    places_known = np.array([bool(r.place_words) for r in reports], dtype=bool)
    stem_of = _interned([r.key for r in reports])
    features = np.zeros((len(pairs), len(FEATURES)))
    same_document = rows[first] == rows[second]
    document = np.where(same_document, 1.0, np.minimum(1.0, document_cosine))
    features[:, _F["sentence_cosine"]] = sentence_cosine
    features[:, _F["document_cosine"]] = document
    features[:, _F["document_x_sentence"]] = document * sentence_cosine
    features[:, _F["actor_overlap"]] = _pair_overlaps([r.actor_words for r in reports], first, second)
    features[:, _F["actors_known"]] = actors_known[first] & actors_known[second]
    features[:, _F["place_overlap"]] = _pair_overlaps([r.place_words for r in reports], first, second)
    features[:, _F["places_known"]] = places_known[first] & places_known[second]
    features[:, _F["same_document"]] = same_document
    features[:, _F["stem_frequency"]] = np.maximum(log_stem_count[first], log_stem_count[second])
    features[:, _F["same_stem"]] = stem_of[first] == stem_of[second]
    vetoed = np.zeros(len(pairs), dtype=bool)
    unsupported = np.zeros(len(pairs), dtype=bool)
    dates_agree = _F["dates_agree"]
    for k, (i, j) in enumerate(pairs.tolist()):
        a, b = reports[i], reports[j]
        dates = date_score(a, b)
        if a.date and b.date and dates > 0:
            features[k, dates_agree] = 1.0
        row = features[k]
        vetoed[k] = dates < 0 or _contradicted(a, b, row)
        unsupported[k] = not vetoed[k] and not _supported(a, b, row)
    return Evidence(pairs=pairs, features=features, vetoed=vetoed, unsupported=unsupported)


def _interned(values: Sequence[Any]) -> np.ndarray:
    """One integer per distinct value, so that equality of values is equality of integers."""
    ids: dict[Any, int] = {}
    return np.array([ids.setdefault(value, len(ids)) for value in values], dtype=np.int64)


def _pair_overlaps(word_sets: Sequence[frozenset[str]], first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """`_overlap` of each pair's word sets, computed once per distinct pair of sets (reports repeat names)."""
    if not len(first):
        return np.zeros(0)
    set_of = _interned(word_sets)
    distinct, inverse = _distinct_pairs(set_of[first], set_of[second])
    set_with_id = {i: word_sets[k] for k, i in enumerate(set_of.tolist())}
    values = np.array([_overlap(set_with_id[x], set_with_id[y]) for x, y in distinct.tolist()])
    return values[inverse]


def _contradicted(a: EventReport, b: EventReport, row: np.ndarray) -> bool:
    """What keeps a pair apart whatever the model says: different type families, places or actors."""
    if a.family and b.family and a.family != b.family:
        return True
    if place_score(a, b) < 0 or actor_score(a, b) < 0:
        return True
    actors_a = {a.source_actor, a.target_actor} - {None}
    actors_b = {b.source_actor, b.target_actor} - {None}
    if actors_a and actors_b and not actors_a & actors_b and not _same_location(a, b):
        return True  # each names who was involved, and no one in common, somewhere not known to be the same
    if a.key != b.key:  # met through type family and country: the day and the place must agree
        if a.article_id != b.article_id and not same_specific_place(a, b):
            return True  # a country holds many happenings of a kind on one day (and figurative "attacks")
        return not (row[_F["dates_agree"]] and place_score(a, b) >= 0.6)
    return False


def _supported(a: EventReport, b: EventReport, row: np.ndarray) -> bool:
    """Whether a pair has evidence beyond its verb that it is one happening; without it the two reports do not
    link directly (a generic verb needs similar sentences and a shared name or place)."""
    shared_words = row[_F["actor_overlap"]] > 0 or row[_F["place_overlap"]] > 0
    if a.article_id != b.article_id and not _same_happening_across_articles(a, b, row):
        return False
    if a.key in GENERIC_STEMS:
        return bool(row[_F["sentence_cosine"]] >= 0.5 and shared_words)
    return bool(
        row[_F["sentence_cosine"]] >= 0.1
        or shared_words
        or row[_F["dates_agree"]] > 0
        or row[_F["document_cosine"]] >= 0.2
    )


CROSS_ARTICLE_SENTENCE = 0.2  # the sentence cosine two undated reports from different articles must reach
SAME_STORY_DOCUMENTS = 0.3  # the document cosine of two articles telling one story (TF-IDF over the stream)


def dated(report: EventReport) -> bool:
    """Dated to the month or the day: a bare year ("in 2016") holds too many happenings to tell one apart."""
    return report.is_dated


def _known_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value[:10] if len(value) >= 10 else f"{value[:7]}-01")
    except ValueError:
        return False
    return True


def same_specific_place(a: EventReport, b: EventReport) -> bool:
    """Both name the same town or site (or places within 25 km): a province or a country is no evidence, since
    it holds many happenings."""
    if (a.geo_precision or 0) >= 3 or (b.geo_precision or 0) >= 3:
        return False
    if _same_location(a, b):
        return True
    distance = _km(a, b)
    if distance is not None:
        return distance <= 25
    return bool(a.place_words & b.place_words)


def shared_participant(a: EventReport, b: EventReport) -> bool:
    """Both name one participant (as source or target): the same resolved actor, or a shared word of the named
    participants' names."""
    if ({a.source_actor, a.target_actor} & {b.source_actor, b.target_actor}) - {None}:
        return True
    return bool(a.actor_words & b.actor_words)


def _same_happening_across_articles(a: EventReport, b: EventReport, row: np.ndarray) -> bool:
    """Whether two reports from different articles have evidence beyond their verb, type and wording that they
    tell one happening. Two dated ones must also say something alike (similar sentences, or a shared participant
    or place). An undated one could be any happening of its kind, at any time: it needs similar sentences and
    both the same specific place and a shared named participant, or one of the two in articles that tell the
    same story (similar documents)."""
    sentence = row[_F["sentence_cosine"]]
    if dated(a) and dated(b):
        return bool(sentence >= 0.1 or shared_participant(a, b) or same_specific_place(a, b))
    place, participant = same_specific_place(a, b), shared_participant(a, b)
    if sentence < CROSS_ARTICLE_SENTENCE:
        return False
    if place and participant:
        return True
    return bool((place or participant) and row[_F["document_cosine"]] >= SAME_STORY_DOCUMENTS)


@dataclass(frozen=True)
class Bounds:
    """What a group of reports says of where and when its event happened, as far as its members are dated and
    placed: the country, the first and last day (ordinals), and a month or year known only to that level."""

    country: str | None = None
    first_day: int | None = None
    last_day: int | None = None
    coarse: str | None = None  # "2024-03" or "2024"


_COARSE_DATE = re.compile(r"\d{4}(-\d{2})?")


def bounds_of(report: EventReport) -> Bounds:
    day = _day(report.date)
    if day is not None and len(report.date or "") >= 10:
        return Bounds(report.country, day.toordinal(), day.toordinal())
    coarse = report.date[:7] if report.date and _COARSE_DATE.fullmatch(report.date[:7]) else None
    return Bounds(report.country, coarse=coarse)


def join_bounds(a: Bounds, b: Bounds) -> Bounds | None:
    """The bounds of two groups together, or None when they cannot be one event: two countries, days more than
    MAX_WINDOW_DAYS apart (the widest window of date_score), or a month or year that another member's date
    contradicts. Pairwise vetoes say the same of the pairs compared; this holds it for the pairs never met."""
    if a.country and b.country and a.country != b.country:
        return None
    days = [d for d in (a.first_day, a.last_day, b.first_day, b.last_day) if d is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    if first is not None and last is not None and last - first > MAX_WINDOW_DAYS:
        return None
    coarse = a.coarse or b.coarse
    if a.coarse and b.coarse:
        if not (a.coarse.startswith(b.coarse) or b.coarse.startswith(a.coarse)):
            return None
        coarse = max(a.coarse, b.coarse, key=len)
    if coarse and first is not None and last is not None:
        if not all(dt.date.fromordinal(d).isoformat().startswith(coarse) for d in (first, last)):
            return None
    return Bounds(a.country or b.country, first, last, coarse)


def group_indices(
    n: int,
    evidence: Evidence,
    scores: np.ndarray,
    *,
    threshold: float,
    bounds: Sequence[Bounds] | None = None,
) -> list[list[int]]:
    """Average-link clusters of report indices over the scored candidate pairs. A vetoed pair keeps its two
    groups apart; a pair with nothing beyond its verb neither links nor vetoes: it counts as no similarity in the
    average between two groups, so a report may still join through a fellow report it has evidence with.
    With `bounds` (one per report), a cluster never holds two countries or days too far apart, compared or not
    (large blocks compare reports only along their dates and within a country)."""
    unsupported = evidence.unsupported if evidence.unsupported is not None else np.zeros(len(scores), dtype=bool)
    values = np.where(evidence.vetoed, CANNOT_LINK, np.where(unsupported, 0.0, np.asarray(scores, dtype=float)))
    pairs = np.asarray(evidence.pairs, dtype=np.int64).reshape(-1, 2)
    if bounds is None:
        return cluster_scored(n, pairs, values, threshold=threshold)
    return cluster_scored(n, pairs, values, threshold=threshold, traits=bounds, join=join_bounds)


def resolve_reports(
    reports: Sequence[EventReport],
    *,
    documents: Mapping[str, str] | None = None,
    model: PairModel | None = None,
    probability: Callable[[Evidence], np.ndarray] | None = None,
    threshold: float | None = None,
) -> tuple[list[list[EventReport]], dict[int, float]]:
    """Reports grouped into events, and each report's best score to a fellow member (1.0 alone). `probability`
    and `threshold` replace the shipped model's (the evaluation uses them for cross-validation)."""
    model = model or load_pair_model()
    evidence = gather_evidence(reports, documents or {})
    scores = probability(evidence) if probability else model.probability(evidence.features)
    groups = group_indices(
        len(reports),
        evidence,
        scores,
        threshold=model.threshold if threshold is None else threshold,
        bounds=[bounds_of(r) for r in reports],
    )
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    best: dict[int, float] = {}
    for (i, j), linkable, score in zip(evidence.pairs.tolist(), evidence.linkable(), scores, strict=True):
        if linkable and group_of[i] == group_of[j]:
            for index in (i, j):
                best[index] = max(best.get(index, 0.0), float(score))
    similarity = {reports[i].pk: (best.get(i, 0.0) if len(groups[group_of[i]]) > 1 else 1.0) for i in group_of}
    clusters = [[reports[i] for i in sorted(members)] for members in groups]
    return sorted(clusters, key=lambda g: g[0].pk), similarity


def cluster_reports(
    reports: Sequence[EventReport], *, documents: Mapping[str, str] | None = None, model: PairModel | None = None
) -> list[list[EventReport]]:
    return resolve_reports(reports, documents=documents, model=model)[0]


def outlet_of(report: EventReport) -> str:
    """Outlets are the unit of independence; an article without an outlet counts as its own source."""
    return report.outlet or f"article:{report.article_id[:12]}"


def cluster_summary(members: Sequence[EventReport], disputing_outlets: set[str] | None = None) -> dict[str, object]:
    """What the ledger says about one clustered event: span of dates, place, how many independent outlets
    assert and dispute it, and every source's figure (a range by source, never one number)."""
    dates = sorted(d for d in (m.date for m in members) if d)
    located = sorted(members, key=lambda m: (m.geo_precision or 9, m.location is None))
    place = located[0]
    asserting = {outlet_of(m) for m in members if m.status in ASSERTING}
    disputing = {outlet_of(m) for m in members if m.status in DISPUTING} | (disputing_outlets or set())
    figures = [
        {"outlet": m.outlet, "article_id": m.article_id, "event_pk": m.pk, "count": m.fatalities}
        for m in members
        if m.fatalities is not None
    ]
    counts = [f["count"] for f in figures if isinstance(f["count"], int)]
    # The most frequent type; a tie goes to the first in name order, never to set iteration order.
    type_tally = Counter(m.type for m in members)
    types = sorted(type_tally, key=lambda t: (-type_tally[t], t))
    if asserting and disputing:
        status = "disputed"
    elif disputing:
        status = "denied"
    else:
        # The most frequent status; a tie goes to the more certain status, never to set iteration order.
        tally = Counter(m.status for m in members)
        status = min(tally, key=lambda s: (-tally[s], status_rank(s)))
    return {
        "type": types[0],
        "family": members[0].family,
        "date_min": dates[0] if dates else None,
        "date_max": dates[-1] if dates else None,
        "country": place.country,
        "admin1": place.admin1,
        "location": place.location,
        "lat": place.lat,
        "lon": place.lon,
        "n_reports": len(members),
        "n_outlets": len({outlet_of(m) for m in members}),
        "n_asserting_outlets": len(asserting),
        "n_disputing_outlets": len(disputing),
        "fatalities_min": min(counts) if counts else None,
        "fatalities_max": max(counts) if counts else None,
        "fatalities_by_source": figures,
        "status": status,
    }
