"""Event clusters: reports of the same real event, from one or many articles, merged into one cluster that keeps
every report (its outlet, sentence and figures). Two reports can be the same event when they are of the same
type family, within a date window, at compatible places (same place, or one inside the other, or close), and
their actors do not contradict each other."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.resolve.cluster import CANNOT_LINK, cluster_pairs

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


def type_family(event_type: str) -> str:
    return TYPE_FAMILIES.get(event_type.upper(), event_type.lower())


@dataclass(frozen=True)
class EventReport:
    """One report of an event (an events row), with what clustering needs."""

    pk: int
    article_id: str
    outlet: str | None
    type: str
    date: str | None  # event_date, YYYY-MM-DD
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

    @property
    def family(self) -> str:
        return type_family(self.type)


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
    d1, d2 = _day(a.date), _day(b.date)
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


def report_score(a: EventReport, b: EventReport) -> float:
    if a.family != b.family:
        return CANNOT_LINK
    parts = (place_score(a, b), date_score(a, b), actor_score(a, b))
    if any(p < 0 for p in parts):
        return CANNOT_LINK
    place, date, actors = parts
    same_type = 1.0 if a.type == b.type else 0.5
    same_trigger = 1.0 if a.trigger and trigger_stem(a.trigger) == trigger_stem(b.trigger) else 0.0
    return 0.3 * place + 0.25 * date + 0.2 * actors + 0.1 * same_type + 0.15 * same_trigger


def trigger_stem(trigger: str) -> str:
    """ "killed", "killing", "kills" -> "kill": reports word the same event in different forms."""
    word = trigger.lower().split()[-1] if trigger.strip() else ""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


MAX_WINDOW_DAYS = 9  # the widest date window of date_score (vague dates)


def cluster_reports(reports: Sequence[EventReport], *, threshold: float = 0.6) -> list[list[EventReport]]:
    """Reports grouped into events. Within a type family, reports are compared only with reports of the same
    country (or of no known country) within the widest date window (sorted by date), so the work grows with
    the reports, not their square."""
    families: dict[str, list[int]] = {}
    for index, r in enumerate(reports):
        families.setdefault(r.family, []).append(index)
    groups: list[list[EventReport]] = []
    for members in families.values():
        dated = sorted(members, key=lambda i: (_day(reports[i].date) or dt.date.min, i))
        days = [_day(reports[i].date) for i in dated]
        by_country: dict[str, list[int]] = {}
        for position, index in enumerate(dated):
            by_country.setdefault(reports[index].country or "", []).append(position)
        floating = by_country.get("", [])
        scores: dict[tuple[int, int], float] = {}
        for country, positions in by_country.items():
            window = _Window(reports, dated, days, scores)
            window.compare(positions, positions)
            if country:
                window.compare(floating, positions)
                window.compare(positions, floating)
        for group in cluster_pairs(len(dated), scores, threshold=threshold):
            groups.append([reports[dated[k]] for k in sorted(group, key=lambda k: dated[k])])
    return sorted(groups, key=lambda g: g[0].pk)


@dataclass
class _Window:
    """Scores pairs of reports (positions in date order) that lie within the widest date window."""

    reports: Sequence[EventReport]
    dated: list[int]
    days: list[dt.date | None]
    scores: dict[tuple[int, int], float]

    def compare(self, first: list[int], second: list[int]) -> None:
        for a in first:
            day_a = self.days[a]
            for b in second[bisect.bisect_right(second, a) :]:
                day_b = self.days[b]
                if day_a is not None and day_b is not None and (day_b - day_a).days > MAX_WINDOW_DAYS:
                    break  # `second` is in date order: the rest is later still
                if (a, b) not in self.scores:
                    self.scores[(a, b)] = report_score(self.reports[self.dated[a]], self.reports[self.dated[b]])


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
    types = sorted({m.type for m in members}, key=lambda t: -sum(1 for m in members if m.type == t))
    if asserting and disputing:
        status = "disputed"
    elif disputing:
        status = "denied"
    else:
        statuses = sorted({m.status for m in members}, key=lambda s: -sum(1 for m in members if m.status == s))
        status = statuses[0]
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
