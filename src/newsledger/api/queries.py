"""Queries the desk needs beyond the Store's own (SQLAlchemy Core over `newsledger.store.schema`; no SQL text)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from newsledger.store import Store, schema


def timeline_counts(store: Store, **filters: Any) -> list[dict[str, Any]]:
    """Events per day and type: [{day, type, n}] in day order."""
    ev = schema.events
    query = (
        select(ev.c.event_date.label("day"), ev.c.type, func.count().label("n"))
        .where(ev.c.event_date.is_not(None), *store._event_filters(**filters))
        .group_by(ev.c.event_date, ev.c.type)
        .order_by(ev.c.event_date, ev.c.type)
    )
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def map_points(store: Store, *, limit: int = 5000, **filters: Any) -> list[dict[str, Any]]:
    """Located events, with what a popup needs to point at the evidence."""
    ev, ar = schema.events, schema.articles
    query = (
        select(
            ev.c.pk,
            ev.c.type,
            ev.c.status,
            ev.c.lat,
            ev.c.lon,
            ev.c.location,
            ev.c.country,
            ev.c.event_date,
            ev.c.trigger_text,
            ev.c.source_name,
            ev.c.target_name,
            ev.c.article_id,
            ev.c.outlet,
            ar.c.title,
        )
        .select_from(ev.join(ar, ar.c.id == ev.c.article_id))
        .where(ev.c.lat.is_not(None), ev.c.lon.is_not(None), *store._event_filters(**filters))
        .order_by(ev.c.event_date.desc(), ev.c.pk)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def article_event_pks(store: Store, article_id: str) -> dict[str, int]:
    """{event id in the record: events.pk} of one article (to link highlights to the review page)."""
    ev = schema.events
    with store.engine.connect() as conn:
        rows = conn.execute(select(ev.c.id, ev.c.pk).where(ev.c.article_id == article_id))
        return {row.id: row.pk for row in rows}


def count_table(store: Store, table_name: str) -> int:
    return store.count(table_name)
