"""An analyst's review in the ledger: an event confirmed, corrected or rejected, clusters merged or split. Every
change is one transaction that also writes the audit log (who, when, what, before, after).

The values come here already checked (`newsledger.api.review`); these functions refuse only what the stored
rows decide: an unknown event or cluster (`NotFound`), a merge or split the clusters do not allow (`Invalid`).
Exports read the review through `event_reviews` (the store's `reviewed=True` filter keeps confirmed and corrected
events; `export_events` drops rejected ones); `reviewed_event_pks` gives the same set to any other reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select, update

from newsledger.errors import Invalid, NotFound
from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store.db import Store


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _audit(conn: Connection, *, who: str, action: str, target: str, before: Any, after: Any) -> None:
    conn.execute(
        schema.audit_log.insert().values(at=_now(), who=who, action=action, target=target, before=before, after=after)
    )


def _event_state(conn: Connection, event_pk: int, fields: Sequence[str]) -> dict[str, Any]:
    """The given fields of an event as the ledger holds them (corrections included) and its review status."""
    ev, rv = schema.events, schema.event_reviews
    row = (
        conn.execute(
            select(*(ev.c[name] for name in fields), rv.c.status.label("review"))
            .select_from(ev.outerjoin(rv, rv.c.event_pk == ev.c.pk))
            .where(ev.c.pk == event_pk)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"no event {event_pk}")
    return dict(row)


def save_event_review(
    store: Store,
    event_pk: int,
    *,
    who: str,
    action: str,
    status: str,
    corrections: dict[str, Any],
    fields: Sequence[str],
) -> dict[str, Any]:
    """Record the review of one event (`status`, and `corrections` of its columns, already checked); returns the
    event's `fields` after the change.

    A correction is written into the events row itself, so every filter, count, map and export reads the
    analyst's value; the review keeps the pipeline's value of each corrected column (`originals`) and the
    audit log keeps the state before and after."""
    rv = schema.event_reviews
    with store.writing() as conn:
        before = _event_state(conn, event_pk, fields)
        stored = conn.execute(select(rv.c.corrections, rv.c.originals).where(rv.c.event_pk == event_pk)).first()
        merged = {**(stored.corrections if stored else {}), **corrections}
        # The pipeline's value of a column is the one the row held before its first correction.
        originals = {**{name: before[name] for name in corrections}, **(stored.originals if stored else {})}
        values = {
            "status": status,
            "corrections": merged,
            "originals": originals,
            "reviewer": who,
            "reviewed_at": _now(),
        }
        if stored is None:
            conn.execute(rv.insert().values(event_pk=event_pk, **values))
        else:
            conn.execute(update(rv).where(rv.c.event_pk == event_pk).values(**values))
        if corrections:
            conn.execute(update(schema.events).where(schema.events.c.pk == event_pk).values(**corrections))
            _refresh_cluster_of(conn, event_pk, corrections)
        after = _event_state(conn, event_pk, fields)
        _audit(conn, who=who, action=action, target=f"event:{event_pk}", before=before, after=after)
    return after


def _cluster_summary(conn: Connection, cluster_id: int) -> dict[str, Any]:
    ev = schema.events
    rows = conn.execute(
        select(ev.c.pk, ev.c.outlet, ev.c.event_date, ev.c.fatalities).where(ev.c.cluster_id == cluster_id)
    ).all()
    dates = sorted(r.event_date for r in rows if r.event_date)
    counts = [r.fatalities for r in rows if r.fatalities is not None]
    return {
        "n_reports": len(rows),
        "n_outlets": len({r.outlet for r in rows if r.outlet}) or (1 if rows else 0),
        "date_min": dates[0] if dates else None,
        "date_max": dates[-1] if dates else None,
        "fatalities_min": min(counts) if counts else None,
        "fatalities_max": max(counts) if counts else None,
    }


def _refresh_cluster_of(conn: Connection, event_pk: int, cleaned: dict[str, Any]) -> None:
    """A corrected date or death toll changes the summary of the event's cluster (its dates and toll range)."""
    if "fatalities" not in cleaned and "event_date" not in cleaned:
        return
    ev, cl, members = schema.events, schema.event_clusters, schema.event_cluster_members
    cluster_id = conn.execute(select(ev.c.cluster_id).where(ev.c.pk == event_pk)).scalar_one_or_none()
    if cluster_id is None:
        return
    if "fatalities" in cleaned:
        conn.execute(update(members).where(members.c.event_pk == event_pk).values(fatalities=cleaned["fatalities"]))
    conn.execute(update(cl).where(cl.c.id == cluster_id).values(**_cluster_summary(conn, cluster_id)))


def _cluster_state(conn: Connection, cluster_id: int) -> dict[str, Any]:
    cl = schema.event_clusters
    row = conn.execute(select(cl).where(cl.c.id == cluster_id)).mappings().first()
    if row is None:
        raise NotFound(f"no cluster {cluster_id}")
    members = conn.execute(
        select(schema.events.c.pk).where(schema.events.c.cluster_id == cluster_id).order_by(schema.events.c.pk)
    ).scalars()
    return {"id": cluster_id, "key": row["key"], "type": row["type"], "events": list(members)}


def _move_events(conn: Connection, event_pks: list[int], cluster_id: int) -> None:
    ev, members = schema.events, schema.event_cluster_members
    conn.execute(update(ev).where(ev.c.pk.in_(event_pks)).values(cluster_id=cluster_id))
    conn.execute(delete(members).where(members.c.event_pk.in_(event_pks)))
    rows = conn.execute(select(ev.c.pk, ev.c.article_id, ev.c.outlet, ev.c.fatalities).where(ev.c.pk.in_(event_pks)))
    conn.execute(
        members.insert(),
        [
            {
                "cluster_id": cluster_id,
                "event_pk": r.pk,
                "article_id": r.article_id,
                "outlet": r.outlet,
                "fatalities": r.fatalities,
                "similarity": None,  # placed by an analyst, not by similarity
            }
            for r in rows
        ],
    )


def merge_clusters(store: Store, cluster_id: int, other_id: int, *, who: str) -> dict[str, Any]:
    """Move every event of `other_id` into `cluster_id` and drop `other_id`; returns the kept cluster's state."""
    if cluster_id == other_id:
        raise Invalid("a cluster cannot be merged with itself")
    cl = schema.event_clusters
    with store.writing() as conn:
        before = {"kept": _cluster_state(conn, cluster_id), "merged": _cluster_state(conn, other_id)}
        other = conn.execute(select(cl).where(cl.c.id == other_id)).mappings().one()
        moved = before["merged"]["events"]
        if moved:
            _move_events(conn, moved, cluster_id)
        kept = conn.execute(select(cl).where(cl.c.id == cluster_id)).mappings().one()
        summary = _cluster_summary(conn, cluster_id)
        summary["n_disputing_outlets"] = max(kept["n_disputing_outlets"], other["n_disputing_outlets"])
        summary["n_asserting_outlets"] = max(kept["n_asserting_outlets"], other["n_asserting_outlets"])
        conn.execute(update(schema.claims).where(schema.claims.c.cluster_id == other_id).values(cluster_id=cluster_id))
        conn.execute(update(cl).where(cl.c.id == cluster_id).values(**summary))
        conn.execute(delete(cl).where(cl.c.id == other_id))
        kept_state = _cluster_state(conn, cluster_id)
        _audit(conn, who=who, action="merge", target=f"cluster:{cluster_id}", before=before, after={"kept": kept_state})
    return kept_state


def split_cluster(store: Store, cluster_id: int, event_pks: list[int], *, who: str) -> dict[str, Any]:
    """Move the given events of a cluster into a new cluster of their own; returns the new cluster's state."""
    cl = schema.event_clusters
    with store.writing() as conn:
        before = _cluster_state(conn, cluster_id)
        wanted = sorted(set(event_pks))
        if not wanted:
            raise Invalid("name the events to split off")
        if not set(wanted) <= set(before["events"]):
            raise Invalid(f"events {sorted(set(wanted) - set(before['events']))} are not in cluster {cluster_id}")
        if len(wanted) == len(before["events"]):
            raise Invalid("splitting off every event would leave the cluster empty")
        source = conn.execute(select(cl).where(cl.c.id == cluster_id)).mappings().one()
        first = conn.execute(select(schema.events).where(schema.events.c.pk == wanted[0])).mappings().one()
        inserted = conn.execute(
            cl.insert().values(
                key=f"split:{source['key']}:{wanted[0]}"[:300],
                type=first["type"],
                family=source["family"],
                country=first["country"],
                admin1=first["admin1"],
                location=first["location"],
                lat=first["lat"],
                lon=first["lon"],
                n_reports=0,
                n_outlets=0,
                n_asserting_outlets=0,
                n_disputing_outlets=0,
                fatalities_by_source=[],
                status=first["status"],
            )
        ).inserted_primary_key
        assert inserted is not None  # an insert always has a key
        new_id = int(inserted[0])
        _move_events(conn, wanted, int(new_id))
        for changed in (cluster_id, int(new_id)):
            conn.execute(update(cl).where(cl.c.id == changed).values(**_cluster_summary(conn, changed)))
        after = {"kept": _cluster_state(conn, cluster_id), "new": _cluster_state(conn, int(new_id))}
        _audit(conn, who=who, action="split", target=f"cluster:{cluster_id}", before=before, after=after)
    return after["new"]


def audit_entries(
    store: Store, *, target: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """The audit log, newest first (optionally of one object, e.g. "event:17")."""
    log = schema.audit_log
    query = select(log).order_by(log.c.id.desc()).limit(max(0, min(limit, 1000))).offset(max(0, offset))
    if target:
        query = query.where(log.c.target == target)
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def count_audit_entries(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.audit_log)).scalar_one())


def reviewed_event_pks(store: Store, *, statuses: tuple[str, ...] = ("confirmed", "corrected")) -> set[int]:
    """Events an analyst confirmed or corrected (for exports limited to reviewed events)."""
    rv = schema.event_reviews
    with store.engine.connect() as conn:
        return set(conn.execute(select(rv.c.event_pk).where(rv.c.status.in_(statuses))).scalars())
