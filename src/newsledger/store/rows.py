"""From an ArticleRecord to table rows (plain dicts), with the few derived columns readers filter on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsledger.model import REPORTER, ArticleRecord, Event, Place, Quantity, Quote, TimeExpr

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def event_day(when_value: str | None) -> str | None:
    """The day an event is filed under, for timelines and date filters: the first day of its own date, whatever
    its precision (a day, a week's Monday, the 1st of a month, 1 January of a year; `time_precision` says which).
    An event whose date is unknown is filed under no day: a background event ("in the attacks of that year") is
    not dated by the report that recalls it, as ACLED codes the date of the event, not of the report."""
    if not when_value:
        return None
    first = when_value.split("/")[0]
    for pattern, day_of in _PERIODS:
        matched = pattern.match(first)
        if matched:
            try:
                return day_of(matched).isoformat()
            except ValueError:
                return None
    return None


_PERIODS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_DAY, lambda m: dt.date(int(m[1]), int(m[2]), int(m[3]))),
    (_WEEK, lambda m: dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)),
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: dt.date(int(m[1]), int(m[2]), 1)),
    (re.compile(r"^(\d{4})$"), lambda m: dt.date(int(m[1]), 1, 1)),
)


def article_row(record: ArticleRecord, *, now: dt.datetime) -> dict[str, Any]:
    article = record.article
    return {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "source": article.source,
        "chars": article.chars,
        "text": article.text,
        "pipeline": record.pipeline,
        "outlet_home": article.outlet_home,
        "schema_version": record.schema,
        "record": record.to_json(),
        "ingested_at": now,
    }


def _mentions_json(mentions: Any) -> list[dict[str, Any]]:
    return [{"start": m.start, "end": m.end, "text": m.text} for m in mentions]


def _span_columns(article_id: str, item: TimeExpr | Quote | Quantity) -> dict[str, Any]:
    """The columns every table of a span of the text starts with."""
    return {"article_id": article_id, "id": item.id, "text": item.text, "start_char": item.start, "end_char": item.end}


def record_rows(record: ArticleRecord) -> dict[str, list[dict[str, Any]]]:
    """Rows for every per-article table, keyed by table name."""
    article = record.article
    aid = article.id
    names = {e.id: e.name for e in record.entities}
    places: dict[str, Place] = {p.id: p for p in record.places}
    rows: dict[str, list[dict[str, Any]]] = {}
    rows["entities"] = [
        {
            "article_id": aid,
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "kind": e.kind,
            "role": e.role,
            "affiliation": e.affiliation,
            "country": e.country,
            "aliases": list(e.aliases),
            "titles": list(e.titles),
        }
        for e in record.entities
    ]
    rows["mentions"] = [
        {"article_id": aid, "entity_id": e.id, "start_char": m.start, "end_char": m.end, "text": m.text}
        for e in record.entities
        for m in e.mentions
    ]
    rows["places"] = [
        {
            "article_id": aid,
            "id": p.id,
            "name": p.name,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "feature": p.feature,
            "precision": p.precision,
            "score": p.score,
            "dateline": bool(p.dateline),
            "mentions": _mentions_json(p.mentions),
        }
        for p in record.places
    ]
    rows["times"] = [
        {
            **_span_columns(aid, t),
            "value": t.value,
            "type": t.type,
            "precision": t.precision,
            "anchor": t.anchor,
        }
        for t in record.times
    ]
    rows["quotes"] = [
        {
            **_span_columns(aid, q),
            "kind": q.kind,
            "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "speaker_name": names.get(q.speaker or "", q.speaker_text),
            "cue": q.cue,
            "cue_start": q.cue_start,
            "cue_end": q.cue_end,
            "polarity": q.polarity,
        }
        for q in record.quotes
    ]
    rows["quantities"] = [
        {
            **_span_columns(aid, q),
            "value": q.value,
            "qualifier": q.qualifier,
            "unit": q.unit,
            "according_to": q.according_to,
            "category": q.category,
            "event_id": q.event,
        }
        for q in record.quantities
    ]
    rows["events"] = [_event_row(e, record, names, places) for e in record.events]
    rows["claims"] = [
        {
            "article_id": aid,
            "id": c.id,
            "claimant": c.claimant,
            "claimant_name": names.get(c.claimant, article.outlet if c.claimant == REPORTER else None),
            "stance": c.stance,
            "proposition": c.proposition,
            "evidence": _mentions_json(c.evidence),
            "disputes": list(c.disputes),
            "outlet": article.outlet,
            "published": article.published,
        }
        for c in record.claims
    ]
    return rows


def _event_row(event: Event, record: ArticleRecord, names: dict[str, str], places: dict[str, Place]) -> dict[str, Any]:
    article = record.article
    place = places.get(event.place or "")
    when_value = event.when.value if event.when else None
    fatalities = event.fatalities
    return {
        "article_id": article.id,
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "acled_type": event.acled_type,
        "acled_subtype": event.acled_subtype,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "sentence_start": event.sentence.start,
        "sentence_end": event.sentence.end,
        "source_entity": event.source,
        "target_entity": event.target,
        "source_name": names.get(event.source or ""),
        "target_name": names.get(event.target or ""),
        "place_id": event.place,
        "location": place.name if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "when_value": when_value,
        "time_precision": event.when.precision if event.when else None,
        "event_date": event_day(when_value),
        "status": event.status,
        "according_to": event.according_to,
        "fatalities": fatalities.count if fatalities else None,
        "fatalities_text": fatalities.text if fatalities else None,
        "fatalities_according_to": fatalities.according_to if fatalities else None,
        "claim_id": event.claim,
        "confidence": event.confidence,
        "outlet": article.outlet,
        "published": article.published,
    }
