"""Queries the desk needs beyond the Store's own (SQLAlchemy Core over `newsledger.store.schema`; no SQL text)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal, select, union_all

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


def event_facets(store: Store, column: str, *, limit: int = 20, **filters: Any) -> list[dict[str, Any]]:
    """Counts of events by a text column under the filters. Grouping by `column || ''` (same values) keeps SQLite
    from walking the whole index of that column to avoid a sort: the filter's own index reads only matching
    rows, which is what makes facets of a filtered list fast on a large ledger (benchmarks/bench_api.py)."""
    col = schema.events.c[column]
    value = col.concat("") if filters else col  # unfiltered, walking the column's own index is the best plan
    query = (
        select(value.label("value"), func.count().label("n"))
        .where(*store._event_filters(**filters))
        .group_by(value)
        .order_by(func.count().desc(), value)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def event_total_and_facets(
    store: Store, columns: tuple[str, ...], *, limit: int = 20, **filters: Any
) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The number of events under the filters and their counts by each column. A filtered list is read once,
    through the filter's own index, into a common table expression (materialized, as it is used once per column)
    that each column's GROUP BY then counts, all in one statement: only each column's few values come back.
    (Grouping by all the columns at once instead returns about one row per matching event when they include the
    outlet, thousands for a common status, and costs more than the read.) The whole ledger is counted per column
    along each column's index instead (where one pass over every row would be the slow plan)."""
    if not filters:
        return store.count_events(), {column: event_facets(store, column, limit=limit) for column in columns}
    ev = schema.events
    matching = select(*(ev.c[column] for column in columns)).where(*store._event_filters(**filters)).cte("matching")
    per_column = union_all(
        *(
            select(literal(index).label("facet"), matching.c[column].label("value"), func.count().label("n")).group_by(
                matching.c[column]
            )
            for index, column in enumerate(columns)
        )
    )
    counts: dict[str, dict[Any, int]] = {column: {} for column in columns}
    with store.engine.connect() as conn:
        for row in conn.execute(per_column):
            counts[columns[row.facet]][row.value] = int(row.n)
    total = sum(counts[columns[0]].values())  # every row is in exactly one group of any one column
    facets = {
        column: [
            {"value": value, "n": n}
            for value, n in sorted(found.items(), key=lambda item: (-item[1], item[0] is None, str(item[0])))[:limit]
        ]
        for column, found in counts.items()
    }
    return total, facets


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
