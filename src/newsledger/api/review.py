"""Review: an analyst confirms, corrects or rejects an event, merges or splits event clusters. Every change is
one transaction that also writes the audit log (who, when, what, before, after).

Exports read the review through `event_reviews` (the store's `reviewed=True` filter keeps confirmed and corrected
events; `export_events` drops rejected ones); `reviewed_event_pks` gives the same set to any other reader."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from newsledger.countries import country_code
from newsledger.model import ACLED_TYPE_OF_SUBTYPE, EVENT_STATUSES, PLOVER_TYPES
from newsledger.store import Store, schema

ACTIONS = ("confirm", "correct", "reject")
REVIEW_STATUS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
# The fields an analyst may correct, as columns of the events row (type, actors, place, date, status, fatalities).
CORRECTABLE = (
    "type",
    "source_name",
    "target_name",
    "location",
    "country",
    "admin1",
    "lat",
    "lon",
    "event_date",
    "status",
    "fatalities",
    "acled_type",
    "acled_subtype",
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReviewError(ValueError):
    """A review request that cannot be applied (unknown object, invalid value); the message says why, and
    `field` names the corrected field at fault, if one is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# The most deaths one report of one event may carry: more is a typing slip, not a figure.
MAX_FATALITIES = 1_000_000
# Dates an event may be corrected to: the ledger's reports are modern; planned events may lie ahead.
EARLIEST_DATE = "1900-01-01"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _audit(conn: Connection, *, who: str, action: str, target: str, before: Any, after: Any) -> None:
    conn.execute(
        schema.audit_log.insert().values(at=_now(), who=who, action=action, target=target, before=before, after=after)
    )


def clean_corrections(corrections: dict[str, Any]) -> dict[str, Any]:
    """Validated corrections: only correctable fields, each of the right kind; empty strings clear a text field."""
    cleaned: dict[str, Any] = {}
    for key, raw in corrections.items():
        try:
            cleaned.update(_clean_correction(key, raw))
        except ReviewError as exc:
            raise ReviewError(str(exc), field=key) from None
    return _consistent_acled(cleaned)


def _clean_correction(key: str, raw: Any) -> dict[str, Any]:
    """One corrected field checked against its vocabulary or range: {column: value}."""
    cleaned: dict[str, Any] = {}
    if key not in CORRECTABLE:
        raise ReviewError(f"'{key}' cannot be corrected (correctable: {', '.join(CORRECTABLE)})")
    value = raw.strip() if isinstance(raw, str) else raw
    if value == "" or value is None:
        if key in ("type", "status"):
            raise ReviewError(f"'{key}' cannot be empty")
        cleaned[key] = None
        return cleaned
    if key == "type":
        if not isinstance(value, str) or value.strip().upper() not in PLOVER_TYPES:
            raise ReviewError(f"type must be a PLOVER event type: {', '.join(PLOVER_TYPES)}")
        cleaned[key] = value.strip().upper()
    elif key == "status":
        if value not in EVENT_STATUSES:
            raise ReviewError(f"status must be one of {', '.join(EVENT_STATUSES)}")
        cleaned[key] = value
    elif key == "fatalities":
        try:
            count = int(value)
        except (TypeError, ValueError):
            raise ReviewError("fatalities must be a whole number") from None
        if count < 0:
            raise ReviewError("fatalities cannot be negative")
        if count > MAX_FATALITIES:
            raise ReviewError(f"fatalities over {MAX_FATALITIES:,} is not a figure one report gives")
        cleaned[key] = count
    elif key in ("lat", "lon"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ReviewError(f"{key} must be a number") from None
        if not -180 <= number <= 180 or (key == "lat" and not -90 <= number <= 90):
            raise ReviewError(f"{key} is out of range")
        cleaned[key] = number
    elif key == "event_date":
        if not isinstance(value, str) or not _DATE.match(value):
            raise ReviewError("event_date must be YYYY-MM-DD")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ReviewError("event_date is not a real day") from None
        if not EARLIEST_DATE <= value <= (dt.date.today() + dt.timedelta(days=5 * 366)).isoformat():
            raise ReviewError(f"event_date must lie between {EARLIEST_DATE} and five years from today")
        cleaned[key] = value
    elif key == "acled_subtype":
        subtype = _acled_name(value, ACLED_TYPE_OF_SUBTYPE)
        if subtype is None:
            raise ReviewError(f"acled_subtype must be one of {', '.join(ACLED_TYPE_OF_SUBTYPE)}")
        cleaned[key] = subtype
    elif key == "acled_type":
        event_type = _acled_name(value, {t: t for t in ACLED_TYPE_OF_SUBTYPE.values()})
        if event_type is None:
            raise ReviewError(f"acled_type must be one of {', '.join(sorted(set(ACLED_TYPE_OF_SUBTYPE.values())))}")
        cleaned[key] = event_type
    elif key == "country":
        code = country_code(value) if isinstance(value, str) else None
        if code is None:
            raise ReviewError("country must be a country's name or ISO 3166 code")
        cleaned[key] = code
    else:
        if not isinstance(value, str) or len(value) > 300:
            raise ReviewError(f"{key} must be a text of at most 300 characters")
        cleaned[key] = value
    return cleaned


def acled_subtypes_by_type() -> list[tuple[str, list[str]]]:
    """ACLED's event types with their sub-event types, in ACLED's order (for the review form)."""
    grouped: dict[str, list[str]] = {}
    for subtype, event_type in ACLED_TYPE_OF_SUBTYPE.items():
        grouped.setdefault(event_type, []).append(subtype)
    return list(grouped.items())


def _acled_name(value: Any, names: dict[str, str]) -> str | None:
    """ACLED's own spelling of a type or sub-type written in any case."""
    if not isinstance(value, str):
        return None
    by_key = {name.casefold(): name for name in names}
    return by_key.get(value.strip().casefold())


def _consistent_acled(cleaned: dict[str, Any]) -> dict[str, Any]:
    """A corrected ACLED sub-event type brings its event type; a sub-type under another type is refused, and
    clearing the type clears the sub-type."""
    subtype = cleaned.get("acled_subtype")
    if subtype is not None:
        parent = ACLED_TYPE_OF_SUBTYPE[subtype]
        if cleaned.get("acled_type") not in (None, parent) or (
            "acled_type" in cleaned and cleaned["acled_type"] is None
        ):
            raise ReviewError(f"acled_subtype {subtype!r} belongs to acled_type {parent!r}", field="acled_subtype")
        cleaned["acled_type"] = parent
    elif "acled_type" in cleaned and "acled_subtype" not in cleaned:
        cleaned["acled_subtype"] = None  # the old sub-type belonged to the old type
    return cleaned


def _event_state(conn: Connection, event_pk: int) -> dict[str, Any]:
    """The correctable fields of an event as the ledger holds them (corrections included) and its review status."""
    ev, rv = schema.events, schema.event_reviews
    row = (
        conn.execute(
            select(*(ev.c[name] for name in CORRECTABLE), rv.c.status.label("review"))
            .select_from(ev.outerjoin(rv, rv.c.event_pk == ev.c.pk))
            .where(ev.c.pk == event_pk)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise ReviewError(f"no event {event_pk}")
    return dict(row)


def review_event(
    store: Store, event_pk: int, *, who: str, action: str, corrections: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Confirm, correct or reject one event; returns its state after the change (corrections applied).

    A correction is written into the events row itself, so every filter, count, map and export reads the
    analyst's value; the review keeps the pipeline's value of each corrected column (`originals`) and the
    audit log keeps the state before and after."""
    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}")
    cleaned = clean_corrections(corrections or {})
    if action == "correct" and not cleaned:
        raise ReviewError("a correction needs at least one corrected field")
    rv = schema.event_reviews
    with store.writing() as conn:
        before = _event_state(conn, event_pk)
        stored = conn.execute(select(rv.c.corrections, rv.c.originals).where(rv.c.event_pk == event_pk)).first()
        merged = {**(stored.corrections if stored else {}), **cleaned}
        # The pipeline's value of a column is the one the row held before its first correction.
        originals = {**{name: before[name] for name in cleaned}, **(stored.originals if stored else {})}
        values = {
            "status": REVIEW_STATUS[action],
            "corrections": merged,
            "originals": originals,
            "reviewer": who,
            "reviewed_at": _now(),
        }
        if stored is None:
            conn.execute(rv.insert().values(event_pk=event_pk, **values))
        else:
            conn.execute(update(rv).where(rv.c.event_pk == event_pk).values(**values))
        if cleaned:
            conn.execute(update(schema.events).where(schema.events.c.pk == event_pk).values(**cleaned))
            _refresh_cluster_of(conn, event_pk, cleaned)
        after = _event_state(conn, event_pk)
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
        raise ReviewError(f"no cluster {cluster_id}")
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
    """Move every event of `other_id` into `cluster_id` and drop `other_id`."""
    if cluster_id == other_id:
        raise ReviewError("a cluster cannot be merged with itself")
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
            raise ReviewError("name the events to split off")
        if not set(wanted) <= set(before["events"]):
            raise ReviewError(f"events {sorted(set(wanted) - set(before['events']))} are not in cluster {cluster_id}")
        if len(wanted) == len(before["events"]):
            raise ReviewError("splitting off every event would leave the cluster empty")
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
