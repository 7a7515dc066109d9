"""What cross-article resolution reads from the ledger and writes back: actors, event clusters, claim disputes.

The algorithms live in `newsledger.resolve`; these functions only read rows (as plain dicts) and write the
results, all inside the one write transaction `resolve_store` opens (`conn`). Actor and cluster ids are kept
for identities that persist, through their stable keys."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection  # the write transaction resolve_store opens, given to each function

from newsledger.store import schema

# Columns that point at an actor, cleared before actors are resolved again.
_ACTOR_COLUMNS = (
    (schema.events, "source_actor_id"),
    (schema.events, "target_actor_id"),
    (schema.quotes, "actor_id"),
    (schema.claims, "claimant_actor_id"),
)


# --- actors ----------------------------------------------------------------------------------------


# Values bound into one IN (...) at most: SQLite refuses a statement with more variables than its build allows
# (32,766 or 250,000) and PostgreSQL one with more than 65,535, and a ledger of 100,000 articles holds 360,000
# clusters. Lists that grow with the ledger are sent in chunks of this many, or compared in Python.
IN_CHUNK = 500


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), IN_CHUNK):
        yield ordered[start : start + IN_CHUNK]


def actor_entity_rows(conn: Connection, types: Iterable[str]) -> list[dict[str, Any]]:
    """Entities of the given types, each with how many mentions it has in its article (`mentions`, at least 1)
    and, for a name the article's places stage located, the gazetteer id it gave (`place_id`)."""
    en, mn = schema.entities, schema.mentions
    mention_counts = {
        (row.article_id, row.entity_id): row.n
        for row in conn.execute(
            select(mn.c.article_id, mn.c.entity_id, func.count().label("n")).group_by(mn.c.article_id, mn.c.entity_id)
        )
    }
    located = _located_names(conn)
    return [
        {
            "pk": row.pk,
            "article_id": row.article_id,
            "name": row.name,
            "type": row.type,
            "aliases": tuple(row.aliases or ()),
            "kind": row.kind,
            "country": row.country,
            "role": row.role,
            "mentions": mention_counts.get((row.article_id, row.id), 1),
            "place_id": _place_id(located, row.article_id, (row.name, *(row.aliases or ()))),
        }
        for row in conn.execute(select(en).where(en.c.type.in_(sorted(types))))
    ]


def _located_names(conn: Connection) -> dict[tuple[str, str], set[int]]:
    """{(article id, lower-case place name): the gazetteer ids the places stage gave that name in that article}."""
    pl = schema.places
    located: dict[tuple[str, str], set[int]] = {}
    for row in conn.execute(select(pl.c.article_id, pl.c.name, pl.c.geonameid).where(pl.c.geonameid.is_not(None))):
        located.setdefault((row.article_id, row.name.lower()), set()).add(int(row.geonameid))
    return located


def _place_id(located: dict[tuple[str, str], set[int]], article_id: str, names: Iterable[str]) -> int | None:
    # Only an unambiguous answer: two Springfields in one article leave the name unlocated (grouped by name).
    ids = set().union(*(located.get((article_id, name.lower()), set()) for name in names))
    return next(iter(ids)) if len(ids) == 1 else None


@dataclass(frozen=True)
class ResolvedActor:
    key: str  # stable across runs: an actor with a stored key keeps its id
    values: dict[str, Any]  # the actors row
    entity_pks: Sequence[int]  # the entities (rows) it is made of


def save_actors(conn: Connection, actors: Sequence[ResolvedActor]) -> dict[tuple[str, str], int]:
    """Replace the stored actors by `actors` (keeping the ids of known keys) and point their entities at them;
    returns {(article id, entity id): actor id}."""
    en = schema.entities
    entity_of_pk = {row.pk: (row.article_id, row.id) for row in conn.execute(select(en.c.pk, en.c.article_id, en.c.id))}
    existing = {row.key: row.id for row in conn.execute(select(schema.actors.c.key, schema.actors.c.id))}
    kept_ids = {existing[a.key] for a in actors if a.key in existing}
    conn.execute(update(en).values(actor_id=None))
    for table, column in _ACTOR_COLUMNS:
        conn.execute(update(table).values({column: None}))
    for chunk in _chunks(set(existing.values()) - kept_ids):
        conn.execute(delete(schema.actors).where(schema.actors.c.id.in_(chunk)))
    actor_of_entity: dict[tuple[str, str], int] = {}
    entity_updates = []
    ids = write_keyed_rows(
        conn, schema.actors, [(existing.get(actor.key), {"key": actor.key, **actor.values}) for actor in actors]
    )
    for actor, actor_id in zip(actors, ids, strict=True):
        for pk in actor.entity_pks:
            actor_of_entity[entity_of_pk[pk]] = actor_id
            entity_updates.append({"b_pk": pk, "b_actor": actor_id})
    if entity_updates:
        conn.execute(
            update(en).where(en.c.pk == bindparam("b_pk")).values(actor_id=bindparam("b_actor")), entity_updates
        )
    return actor_of_entity


def attach_actors(conn: Connection, actor_of_entity: dict[tuple[str, str], int]) -> None:
    """Point events (source, target), quotes (speaker) and claims (claimant) at the resolved actors."""
    ev, qt, cl = schema.events, schema.quotes, schema.claims
    for table, entity_column, actor_column in (
        (ev, ev.c.source_entity, "source_actor_id"),
        (ev, ev.c.target_entity, "target_actor_id"),
        (qt, qt.c.speaker, "actor_id"),
        (cl, cl.c.claimant, "claimant_actor_id"),
    ):
        updates = [
            {"b_pk": row.pk, "b_actor": actor_of_entity[(row.article_id, row.entity)]}
            for row in conn.execute(
                select(table.c.pk, table.c.article_id, entity_column.label("entity")).where(entity_column.is_not(None))
            )
            if (row.article_id, row.entity) in actor_of_entity
        ]
        if updates:
            conn.execute(
                update(table).where(table.c.pk == bindparam("b_pk")).values({actor_column: bindparam("b_actor")}),
                updates,
            )


# --- event clusters --------------------------------------------------------------------------------


def event_rows(conn: Connection, pks: Collection[int] | None = None) -> list[dict[str, Any]]:
    """Every event row an analyst has not rejected (or those of `pks`), in key order: a rejected event is no
    report of anything, so it joins no cluster and counts in none."""
    ev = schema.events
    rejected = select(schema.event_reviews.c.event_pk).where(schema.event_reviews.c.status == "rejected")
    query = select(ev).where(ev.c.pk.not_in(rejected)).order_by(ev.c.pk)
    if pks is None:
        return [dict(row) for row in conn.execute(query).mappings()]
    rows = [dict(row) for chunk in _chunks(pks) for row in conn.execute(query.where(ev.c.pk.in_(chunk))).mappings()]
    return sorted(rows, key=lambda row: row["pk"])


def article_texts(conn: Connection, ids: Collection[str] | None = None) -> dict[str, str]:
    """{article id: text} of every stored article (or of those of `ids`)."""
    ar = schema.articles
    query = select(ar.c.id, ar.c.text)
    if ids is None:
        return {row.id: row.text for row in conn.execute(query)}
    return {row.id: row.text for chunk in _chunks(ids) for row in conn.execute(query.where(ar.c.id.in_(chunk)))}


def hand_placed_clusters(conn: Connection) -> dict[int, list[int]]:
    """{cluster id: event pks} of the clusters an analyst merged or split (members placed by hand have no
    similarity): they are kept as they are."""
    ecm = schema.event_cluster_members
    hand_placed = select(ecm.c.cluster_id).where(ecm.c.similarity.is_(None))
    pinned: dict[int, list[int]] = defaultdict(list)
    for row in conn.execute(select(ecm.c.cluster_id, ecm.c.event_pk).where(ecm.c.cluster_id.in_(hand_placed))):
        pinned[row.cluster_id].append(row.event_pk)
    return pinned


@dataclass(frozen=True)
class ClusterPlan:
    pinned_id: int | None  # the hand-placed cluster it is, or None for a cluster found by similarity
    key: str  # stable across runs: a cluster with a stored key keeps its id
    values: dict[str, Any]  # the event_clusters row
    members: Sequence[dict[str, Any]]  # event_cluster_members rows without their cluster_id


def save_clusters(conn: Connection, plans: Sequence[ClusterPlan], pinned_ids: Iterable[int]) -> list[int]:
    """Replace the stored clusters by `plans` (hand-placed ones and those whose key is known keep their ids;
    clusters neither planned nor pinned are removed), link events and their claims to them; returns the cluster
    id of each plan, in order."""
    ev, cl, ecm, clusters = schema.events, schema.claims, schema.event_cluster_members, schema.event_clusters
    existing = {row.key: row.id for row in conn.execute(select(clusters.c.key, clusters.c.id))}
    conn.execute(update(ev).values(cluster_id=None))
    conn.execute(update(cl).values(cluster_id=None))
    conn.execute(delete(ecm))
    keys = {plan.key for plan in plans if plan.pinned_id is None}
    pinned = set(pinned_ids)
    for chunk in _chunks(cid for key, cid in existing.items() if key not in keys and cid not in pinned):
        conn.execute(delete(clusters).where(clusters.c.id.in_(chunk)))
    return _place(conn, plans, existing)


def write_cluster_plans(
    conn: Connection, plans: Sequence[ClusterPlan], existing: dict[str, int]
) -> tuple[list[int], dict[int, int]]:
    """Write each plan's cluster (its pinned id, else the id its key already has, else a new one) and members, and
    point the members' events at it; returns the cluster id of each plan, in order, and {event pk: cluster id}."""
    ev, ecm, clusters = schema.events, schema.event_cluster_members, schema.event_clusters
    cluster_of_event: dict[int, int] = {}
    known = [plan.pinned_id if plan.pinned_id is not None else existing.get(plan.key) for plan in plans]
    ids = write_keyed_rows(
        conn,
        clusters,
        [(cluster_id, {"key": plan.key, **plan.values}) for cluster_id, plan in zip(known, plans, strict=True)],
    )
    members_rows = []
    for plan, cluster_id in zip(plans, ids, strict=True):
        for member in plan.members:
            cluster_of_event[member["event_pk"]] = cluster_id
            members_rows.append({"cluster_id": cluster_id, **member})
    if members_rows:
        conn.execute(insert(ecm), members_rows)
        conn.execute(
            update(ev).where(ev.c.pk == bindparam("b_pk")).values(cluster_id=bindparam("b_cluster")),
            [{"b_pk": pk, "b_cluster": cid} for pk, cid in cluster_of_event.items()],
        )
    return ids, cluster_of_event


def write_keyed_rows(conn: Connection, table: Table, rows: Sequence[tuple[int | None, dict[str, Any]]]) -> list[int]:
    """Write each (id, values) row of `table`: update the row of a known id (its key kept as it is stored), insert
    the others; returns each row's id, in order. One statement per batch of rows of the same columns, not one per
    row: a statement built per row with its values as literals cost SQLAlchemy a cache key over every value, which
    was a third of a 10,000-article resolve. New rows take their ids in the order given, as one by one."""
    ids: list[int | None] = [row_id for row_id, _values in rows]
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row_id, values in rows:
        if row_id is not None:
            kept = {name: value for name, value in values.items() if name != "key"}
            updates[tuple(sorted(kept))].append({"b_id": row_id, **{f"b_{k}": v for k, v in kept.items()}})
    for names, params in updates.items():
        statement = update(table).where(table.c.id == bindparam("b_id")).values({n: bindparam(f"b_{n}") for n in names})
        conn.execute(statement, params)
    # New rows in runs of the same columns, in order, so that their ids are given in row order.
    runs: list[list[int]] = []
    for index, (row_id, values) in enumerate(rows):
        if row_id is None:
            if runs and rows[runs[-1][-1]][1].keys() == values.keys():
                runs[-1].append(index)
            else:
                runs.append([index])
    for run in runs:
        made = conn.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), [rows[i][1] for i in run]
        ).scalars()
        for index, row_id in zip(run, made, strict=True):
            ids[index] = row_id
    assert all(row_id is not None for row_id in ids)
    return [int(row_id) for row_id in ids if row_id is not None]


def _place(conn: Connection, plans: Sequence[ClusterPlan], existing: dict[str, int]) -> list[int]:
    """Write the clusters of `plans` (reusing the id of a known key) and point their events and claims at them."""
    ev, cl = schema.events, schema.claims
    planned = {member["event_pk"] for plan in plans for member in plan.members}
    claim_of_event = {
        row.pk: (row.article_id, row.claim_id)
        # In pk order: a claim tied to several events takes the cluster of the last, on every backend.
        for row in conn.execute(
            select(ev.c.pk, ev.c.article_id, ev.c.claim_id).where(ev.c.claim_id.is_not(None)).order_by(ev.c.pk)
        )
        if row.pk in planned
    }
    ids, cluster_of_event = write_cluster_plans(conn, plans, existing)
    claim_updates = [
        {"b_article": article_id, "b_claim": claim_id, "b_cluster": cluster_of_event[pk]}
        for pk, (article_id, claim_id) in claim_of_event.items()
        if pk in cluster_of_event
    ]
    if claim_updates:
        conn.execute(
            update(cl)
            .where(cl.c.article_id == bindparam("b_article"), cl.c.id == bindparam("b_claim"))
            .values(cluster_id=bindparam("b_cluster")),
            claim_updates,
        )
    return ids


def block_rows(conn: Connection) -> list[dict[str, Any]]:
    """What blocking needs of every event (pk, trigger, type, country, date), its cluster and whether an analyst
    rejected it: enough to find the reports a corrected event may now meet, without reading whole rows."""
    ev, rv = schema.events, schema.event_reviews
    query = select(
        ev.c.pk,
        ev.c.trigger_text,
        ev.c.type,
        ev.c.country,
        ev.c.event_date,
        ev.c.cluster_id,
        (func.coalesce(rv.c.status, "") == "rejected").label("rejected"),
    ).select_from(ev.outerjoin(rv, rv.c.event_pk == ev.c.pk))
    return [dict(row) for row in conn.execute(query).mappings()]


def audit(conn: Connection, *, who: str, action: str, target: str, before: Any, after: Any) -> None:
    """One entry of the audit log (who, when, what, before, after)."""
    conn.execute(
        schema.audit_log.insert().values(
            at=dt.datetime.now(dt.UTC), who=who, action=action, target=target, before=before, after=after
        )
    )


def cluster_events(conn: Connection, cluster_ids: Collection[int]) -> dict[int, list[int]]:
    """{cluster id: its event pks} for the given clusters."""
    ev = schema.events
    found: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(cluster_ids):
        for row in conn.execute(select(ev.c.cluster_id, ev.c.pk).where(ev.c.cluster_id.in_(chunk))):
            found[row.cluster_id].append(row.pk)
    return {cluster_id: sorted(pks) for cluster_id, pks in found.items()}


def cluster_statuses(conn: Connection, cluster_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """{cluster id: {status, n_reports, n_outlets, manual}}: whether a cluster was placed by hand, marked as
    boilerplate, and its size."""
    clusters, ecm = schema.event_clusters, schema.event_cluster_members
    hand: set[int] = set()
    rows: list[Any] = []
    for chunk in _chunks(cluster_ids):
        hand.update(
            row.cluster_id
            for row in conn.execute(
                select(ecm.c.cluster_id).where(ecm.c.cluster_id.in_(chunk), ecm.c.similarity.is_(None))
            )
        )
        query = select(clusters.c.id, clusters.c.status, clusters.c.n_reports, clusters.c.n_outlets)
        rows.extend(conn.execute(query.where(clusters.c.id.in_(chunk))))
    return {
        row.id: {"status": row.status, "n_reports": row.n_reports, "n_outlets": row.n_outlets, "manual": row.id in hand}
        for row in rows
    }


def disputing_outlets_by_cluster(conn: Connection) -> dict[int, set[str]]:
    """{cluster id: outlets that dispute it through a claim}: a claim that disputes a claim tied to one of the
    cluster's events (within an article or across articles). An outlet without a name counts by its article."""
    cl, cd = schema.claims, schema.claim_disputes
    disputing, disputed = cl.alias("disputing"), cl.alias("disputed")
    outlets: dict[int, set[str]] = defaultdict(set)
    for row in conn.execute(
        select(disputed.c.cluster_id, disputing.c.outlet, disputing.c.article_id)
        .select_from(
            cd.join(disputing, disputing.c.pk == cd.c.claim_pk).join(disputed, disputed.c.pk == cd.c.disputed_pk)
        )
        .where(disputed.c.cluster_id.is_not(None))
    ):
        outlets[row.cluster_id].add(row.outlet or f"article:{row.article_id[:12]}")
    return outlets


def update_cluster(conn: Connection, cluster_id: int, values: dict[str, Any]) -> None:
    clusters = schema.event_clusters
    conn.execute(update(clusters).where(clusters.c.id == cluster_id).values(**values))


# --- claims ----------------------------------------------------------------------------------------


def claim_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every claim with what cross-article dispute detection compares."""
    cl = schema.claims
    query = select(cl.c.pk, cl.c.article_id, cl.c.outlet, cl.c.stance, cl.c.proposition, cl.c.cluster_id, cl.c.claimant)
    return [dict(row) for row in conn.execute(query).mappings()]


def claim_evidence(conn: Connection) -> list[dict[str, Any]]:
    """Every claim's evidence passages: {pk, article_id, outlet, start, end, text} per passage."""
    cl = schema.claims
    rows: list[dict[str, Any]] = []
    for row in conn.execute(select(cl.c.pk, cl.c.article_id, cl.c.outlet, cl.c.evidence)):
        for item in row.evidence or []:
            if isinstance(item, dict) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
                rows.append(
                    {
                        "pk": row.pk,
                        "article_id": row.article_id,
                        "outlet": row.outlet,
                        "start": item["start"],
                        "end": item["end"],
                        "text": str(item.get("text") or ""),
                    }
                )
    return rows


def save_resolved_disputes(conn: Connection, disputes: Iterable[tuple[int, int, float]]) -> int:
    """Replace the disputes an earlier resolution found by `disputes` ((claim pk, disputed pk, score)), leaving out
    pairs the records already link; returns how many were written."""
    cd = schema.claim_disputes
    conn.execute(delete(cd).where(cd.c.origin == "resolve"))
    existing = {(row.claim_pk, row.disputed_pk) for row in conn.execute(select(cd.c.claim_pk, cd.c.disputed_pk))}
    links = [
        {"claim_pk": a, "disputed_pk": b, "cross_article": True, "origin": "resolve", "score": score}
        for a, b, score in disputes
        if (a, b) not in existing and (b, a) not in existing  # each pair once
    ]
    if links:
        conn.execute(insert(cd), links)
    return len(links)
