"""The desk's own rows: what `newsledger watch` has seen of each source, and the saved searches (alerts) with
their queued webhook deliveries. Plain functions over a Store; each write is one transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, insert, select, update

from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store.db import Store


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands timezone-aware columns back naive; every time we store is UTC.
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


# --- watch state -----------------------------------------------------------------------------------


def watch_source(store: Store, source: str) -> dict[str, Any]:
    """The state of one watched source, created on first sight."""
    ws = schema.watch_sources
    with store.writing() as conn:
        row = conn.execute(select(ws).where(ws.c.source == source)).mappings().first()
        if row is None:
            conn.execute(insert(ws).values(source=source))
            row = conn.execute(select(ws).where(ws.c.source == source)).mappings().one()
    found = dict(row)
    for key in ("last_polled_at", "last_ok_at", "next_attempt_at"):
        found[key] = _aware(found[key])
    return found


def watch_sources(store: Store) -> list[dict[str, Any]]:
    ws = schema.watch_sources
    with store.engine.connect() as conn:
        rows = conn.execute(select(ws).order_by(ws.c.source)).mappings().all()
    return [{**row, **{k: _aware(row[k]) for k in ("last_polled_at", "last_ok_at", "next_attempt_at")}} for row in rows]


def seen_item_keys(store: Store, source_id: int, keys: list[str]) -> set[str]:
    wi = schema.watch_items
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                conn.execute(
                    select(wi.c.item_key).where(wi.c.source_id == source_id, wi.c.item_key.in_(chunk))
                ).scalars()
            )
    return found


def mark_item_seen(store: Store, source_id: int, *, key: str, item: str, article_ids: list[str], outcome: str) -> None:
    """One item handled. Called after its articles are stored, so a crash in between re-reads the item (a
    no-op for the store: same text, same article) rather than losing it."""
    wi, ws = schema.watch_items, schema.watch_sources
    with store.writing() as conn:
        exists = conn.execute(select(wi.c.item_key).where(wi.c.source_id == source_id, wi.c.item_key == key)).first()
        if exists is not None:
            return
        conn.execute(
            insert(wi).values(
                source_id=source_id,
                item_key=key,
                item=item[:2000],
                article_id=article_ids[0] if article_ids else None,
                outcome=outcome,
                seen_at=_now(),
            )
        )
        conn.execute(update(ws).where(ws.c.id == source_id).values(item_count=ws.c.item_count + 1))


def record_poll_success(
    store: Store, source_id: int, *, etag: str | None, last_modified: str | None, changed: bool
) -> None:
    """A good poll: failures reset; the validators move only when the whole response was handled."""
    ws = schema.watch_sources
    now = _now()
    values: dict[str, Any] = {
        "last_polled_at": now,
        "last_ok_at": now,
        "failures": 0,
        "last_error": None,
        "next_attempt_at": None,
    }
    if changed:
        values.update(etag=etag, last_modified=last_modified)
    with store.writing() as conn:
        conn.execute(update(ws).where(ws.c.id == source_id).values(**values))


def record_poll_failure(store: Store, source_id: int, *, error: str, retry_at: dt.datetime) -> int:
    """A failed poll: counted, its reason kept for the report, the next attempt put off. Returns the count."""
    ws = schema.watch_sources
    with store.writing() as conn:
        conn.execute(
            update(ws)
            .where(ws.c.id == source_id)
            .values(
                last_polled_at=_now(), failures=ws.c.failures + 1, last_error=error[:1000], next_attempt_at=retry_at
            )
        )
        return int(conn.execute(select(ws.c.failures).where(ws.c.id == source_id)).scalar_one())


# --- saved searches --------------------------------------------------------------------------------


def create_saved_search(
    store: Store,
    *,
    slug: str,
    name: str,
    filters: dict[str, Any],
    created_by: str,
    webhook_url: str | None = None,
    webhook_secret: str | None = None,
) -> dict[str, Any]:
    """A saved search starts quiet: matches already in the ledger are not announced, only those after it."""
    ss, ev = schema.saved_searches, schema.events
    with store.writing() as conn:
        newest = conn.execute(select(func.coalesce(func.max(ev.c.pk), 0))).scalar_one()
        conn.execute(
            insert(ss).values(
                slug=slug,
                name=name,
                filters=filters,
                webhook_url=webhook_url,
                webhook_secret=webhook_secret,
                created_by=created_by,
                created_at=_now(),
                notified_pk=int(newest),
            )
        )
        row = conn.execute(select(ss).where(ss.c.slug == slug)).mappings().one()
    return dict(row)


def saved_searches(store: Store) -> list[dict[str, Any]]:
    ss = schema.saved_searches
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(ss).order_by(ss.c.name, ss.c.id)).mappings()]


def saved_search(store: Store, slug: str) -> dict[str, Any] | None:
    ss = schema.saved_searches
    with store.engine.connect() as conn:
        row = conn.execute(select(ss).where(ss.c.slug == slug)).mappings().first()
    return dict(row) if row is not None else None


def delete_saved_search(store: Store, slug: str) -> bool:
    ss = schema.saved_searches
    with store.writing() as conn:
        return bool(conn.execute(ss.delete().where(ss.c.slug == slug)).rowcount)


def slug_taken(store: Store, slug: str) -> bool:
    return saved_search(store, slug) is not None


def queue_delivery(store: Store, search_id: int, *, payload: dict[str, Any], newest_pk: int) -> None:
    """Queue one webhook POST and move the search's mark past its events, in one transaction: a match is
    queued exactly once."""
    ss, ad = schema.saved_searches, schema.alert_deliveries
    now = _now()
    with store.writing() as conn:
        moved = conn.execute(
            update(ss).where(ss.c.id == search_id, ss.c.notified_pk < newest_pk).values(notified_pk=newest_pk)
        ).rowcount
        if moved:
            conn.execute(insert(ad).values(search_id=search_id, payload=payload, created_at=now, next_attempt_at=now))


def advance_mark(store: Store, search_id: int, newest_pk: int) -> None:
    """Matches of a search without a webhook are only marked as seen."""
    ss = schema.saved_searches
    with store.writing() as conn:
        conn.execute(update(ss).where(ss.c.id == search_id, ss.c.notified_pk < newest_pk).values(notified_pk=newest_pk))


def due_deliveries(store: Store, *, max_attempts: int) -> list[dict[str, Any]]:
    ad, ss = schema.alert_deliveries, schema.saved_searches
    query = (
        select(ad, ss.c.webhook_url, ss.c.webhook_secret, ss.c.slug)
        .select_from(ad.join(ss, ss.c.id == ad.c.search_id))
        .where(
            and_(ad.c.delivered_at.is_(None), ad.c.attempts < max_attempts, ad.c.next_attempt_at <= _now()),
            ss.c.webhook_url.is_not(None),
        )
        .order_by(ad.c.id)
    )
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def deliveries(store: Store, search_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    ad = schema.alert_deliveries
    query = select(ad).where(ad.c.search_id == search_id).order_by(ad.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def record_delivery(
    store: Store, delivery_id: int, *, delivered: bool, error: str | None, retry_at: dt.datetime | None
) -> None:
    ad = schema.alert_deliveries
    values: dict[str, Any] = {"attempts": ad.c.attempts + 1, "last_error": error}
    if delivered:
        values["delivered_at"] = _now()
    elif retry_at is not None:
        values["next_attempt_at"] = retry_at
    with store.writing() as conn:
        conn.execute(update(ad).where(ad.c.id == delivery_id).values(**values))


def search_matches(
    store: Store, filters: dict[str, Any], *, after_pk: int = 0, limit: int = 50
) -> list[dict[str, Any]]:
    """Events matching a saved search's filters, newest stored first (`after_pk`: only those stored after that
    event). `q` keeps the events of reports whose text has all its words."""
    ev, rv = schema.events, schema.event_reviews
    options = {key: value for key, value in filters.items() if key != "q"}
    conditions = store._event_filters(**options)
    if filters.get("q"):
        conditions.append(ev.c.article_id.in_(store._article_search(str(filters["q"]))))
    if after_pk:
        conditions.append(ev.c.pk > after_pk)
    query = (
        select(ev, rv.c.status.label("review_status"))
        .select_from(ev.outerjoin(rv, rv.c.event_pk == ev.c.pk))
        .where(*conditions)
        .order_by(ev.c.pk.desc())
        .limit(max(1, min(limit, 500)))
    )
    with store.engine.connect() as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
    add_sentences(store, rows)
    return rows


def add_sentences(store: Store, rows: list[dict[str, Any]]) -> None:
    """Each event's sentence, cut from its article's text (one read per article): `sentence_raw` keeps the
    article's characters (offsets still line up), `sentence` has its white space folded for reading."""
    ar = schema.articles
    ids = sorted({row["article_id"] for row in rows})
    if not ids:
        return
    with store.engine.connect() as conn:
        texts = dict(conn.execute(select(ar.c.id, ar.c.text).where(ar.c.id.in_(ids))).all())
    for row in rows:
        body = texts.get(row["article_id"]) or ""
        row["sentence_raw"] = body[row["sentence_start"] : row["sentence_end"]]
        row["sentence"] = " ".join(row["sentence_raw"].split())
