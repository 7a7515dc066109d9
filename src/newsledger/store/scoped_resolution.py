"""What a scoped resolve (`newsledger.resolve.scoped`) reads from the ledger and writes back: only the rows whose
resolution changed, so the rest of the ledger (its actors, clusters and disputes, and their ids) stays as it was.
All inside the one write transaction the resolve opens (`conn`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, bindparam, delete, distinct, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from newsledger.store import schema
from newsledger.store.resolution import ClusterPlan, ResolvedActor, write_cluster_plans

# Columns that point at an actor, with the entity column they follow.
_ACTOR_LINKS = (
    (schema.events, "source_entity", "source_actor_id"),
    (schema.events, "target_entity", "target_actor_id"),
    (schema.quotes, "speaker", "actor_id"),
    (schema.claims, "claimant", "claimant_actor_id"),
)
_ACTOR_FIELDS = ("name", "type", "kind", "country", "aliases", "roles", "n_articles", "n_mentions")


def save_actor_changes(conn: Connection, actors: Sequence[ResolvedActor]) -> set[int]:
    """Make the stored actors `actors` (what `save_actors` and `attach_actors` make of them), writing only what
    differs; returns the pks of the events whose source or target actor is not what it was."""
    table, en = schema.actors, schema.entities
    existing = {row.key: row for row in conn.execute(select(table))}
    wanted = {actor.key for actor in actors}
    vanished = [row.id for key, row in existing.items() if key not in wanted]
    if vanished:
        conn.execute(delete(table).where(table.c.id.in_(vanished)))
    actor_of_pk: dict[int, int] = {}
    inserted: list[int] = []
    for actor in actors:
        row = existing.get(actor.key)
        if row is None:
            actor_id = conn.execute(
                insert(table).values(key=actor.key, **actor.values).returning(table.c.id)
            ).scalar_one()
            inserted.append(actor_id)
        else:
            actor_id = row.id
            if any(_stored(getattr(row, name)) != _stored(actor.values.get(name)) for name in _ACTOR_FIELDS):
                conn.execute(update(table).where(table.c.id == actor_id).values(**actor.values))
        for pk in actor.entity_pks:
            actor_of_pk[pk] = actor_id
    # An id that changed hands (a vanished actor's, given again to a new one) may read the same and mean another.
    reassigned = set(vanished) | set(inserted)
    entity_rows = list(conn.execute(select(en.c.pk, en.c.article_id, en.c.id, en.c.actor_id)))
    actor_of_entity = {(row.article_id, row.id): actor_of_pk[row.pk] for row in entity_rows if row.pk in actor_of_pk}
    _write_changes(conn, en, "actor_id", [(row.pk, row.actor_id, actor_of_pk.get(row.pk)) for row in entity_rows])
    moved_events: set[int] = set()
    for link_table, entity_column, actor_column in _ACTOR_LINKS:
        rows = conn.execute(
            select(
                link_table.c.pk,
                link_table.c.article_id,
                link_table.c[entity_column].label("entity"),
                link_table.c[actor_column].label("actor"),
            )
        )
        changes = [
            (row.pk, row.actor, actor_of_entity.get((row.article_id, row.entity)) if row.entity is not None else None)
            for row in rows
        ]
        _write_changes(conn, link_table, actor_column, changes)
        if link_table is schema.events:
            moved_events.update(pk for pk, now, then in changes if now != then or now in reassigned)
    return moved_events


def _stored(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _write_changes(conn: Connection, table: Any, column: str, changes: Iterable[tuple[int, Any, Any]]) -> None:
    """(pk, stored value, wanted value) -> the rows whose value differs, updated."""
    updates = [{"b_pk": pk, "b_value": wanted} for pk, stored, wanted in changes if stored != wanted]
    if updates:
        conn.execute(
            update(table).where(table.c.pk == bindparam("b_pk")).values({column: bindparam("b_value")}), updates
        )


def article_texts_of(conn: Connection, article_ids: Collection[str]) -> dict[str, str]:
    """{article id: text} of the given articles."""
    ar = schema.articles
    if not article_ids:
        return {}
    return {
        row.id: row.text for row in conn.execute(select(ar.c.id, ar.c.text).where(ar.c.id.in_(sorted(article_ids))))
    }


def save_clusters_of(
    conn: Connection, plans: Sequence[ClusterPlan], *, replaced: Collection[int], event_pks: Collection[int]
) -> tuple[list[int], set[int]]:
    """Replace the clusters `replaced` (all of whose members are among `event_pks`) by `plans` over the events
    `event_pks`, keeping the id of every cluster whose key is known and linking the events and their claims;
    returns the cluster id of each plan, in order, and the pks of the claims whose cluster changed."""
    ev, cl, ecm, clusters = schema.events, schema.claims, schema.event_cluster_members, schema.event_clusters
    pks = sorted(event_pks)
    # Every event of each claim tied to one of these events: a claim takes the cluster of its last clustered event
    # (in pk order), as `save_clusters` gives it.
    claim_of = and_(cl.c.article_id == ev.c.article_id, cl.c.id == ev.c.claim_id)
    touched_claims = select(cl.c.pk).select_from(ev.join(cl, claim_of)).where(ev.c.pk.in_(pks))
    claim_rows = list(
        conn.execute(
            select(cl.c.pk, cl.c.cluster_id.label("claim_cluster"), ev.c.pk.label("event_pk"), ev.c.cluster_id)
            .select_from(ev.join(cl, claim_of))
            .where(cl.c.pk.in_(touched_claims))
            .order_by(ev.c.pk)
        )
    )
    keys = sorted({plan.key for plan in plans})
    found = list(conn.execute(select(clusters.c.key, clusters.c.id).where(clusters.c.key.in_(keys))))
    existing = {row.key: row.id for row in found if row.id in replaced}
    # A key a cluster left as it is still holds (its first event moved away after a review) gets a suffix: keys
    # are unique, and that cluster is not to be rewritten.
    taken = {row.key for row in found if row.id not in replaced}
    plans = [
        plan if plan.key not in taken else replace(plan, key=f"{plan.key}:{plan.members[0]['event_pk']}r")
        for plan in plans
    ]
    keys = sorted({plan.key for plan in plans})
    conn.execute(update(ev).where(ev.c.pk.in_(pks)).values(cluster_id=None))
    conn.execute(delete(ecm).where(ecm.c.event_pk.in_(pks)))
    conn.execute(delete(clusters).where(clusters.c.id.in_(sorted(replaced)), clusters.c.key.not_in(keys)))
    ids, cluster_of_event = write_cluster_plans(conn, plans, existing)
    stored: dict[int, int | None] = {}
    wanted: dict[int, int | None] = {}
    for row in claim_rows:
        stored[row.pk] = row.claim_cluster
        cluster_id = cluster_of_event.get(row.event_pk) if row.event_pk in event_pks else row.cluster_id
        if cluster_id is not None or row.pk not in wanted:
            wanted[row.pk] = cluster_id
    changes = [(pk, stored[pk], wanted[pk]) for pk in stored]
    _write_changes(conn, cl, "cluster_id", changes)
    return ids, {pk for pk, before, after in changes if before != after}


def resolved_disputes_involving(conn: Connection, claim_pks: Collection[int]) -> list[tuple[int, int]]:
    """(claim pk, disputed pk) of the disputes an earlier resolution found that involve one of `claim_pks`."""
    cd = schema.claim_disputes
    pks = sorted(claim_pks)
    query = select(cd.c.claim_pk, cd.c.disputed_pk).where(
        cd.c.origin == "resolve", or_(cd.c.claim_pk.in_(pks), cd.c.disputed_pk.in_(pks))
    )
    return [(row.claim_pk, row.disputed_pk) for row in conn.execute(query)]


def replace_resolved_disputes_involving(
    conn: Connection, claim_pks: Collection[int], disputes: Iterable[tuple[int, int, float]]
) -> int:
    """Replace the resolved disputes that involve one of `claim_pks` by `disputes` (as `save_resolved_disputes`
    does for all of them: a pair the records already link is left out); returns how many resolved disputes the
    ledger now holds."""
    cd = schema.claim_disputes
    pks = sorted(claim_pks)
    involving = or_(cd.c.claim_pk.in_(pks), cd.c.disputed_pk.in_(pks))
    conn.execute(delete(cd).where(cd.c.origin == "resolve", involving))
    existing = {
        (row.claim_pk, row.disputed_pk)
        for row in conn.execute(select(cd.c.claim_pk, cd.c.disputed_pk).where(involving))
    }
    links = [
        {"claim_pk": a, "disputed_pk": b, "cross_article": True, "origin": "resolve", "score": score}
        for a, b, score in disputes
        if (a, b) not in existing and (b, a) not in existing
    ]
    if links:
        conn.execute(insert(cd), links)
    return int(conn.execute(select(func.count()).select_from(cd).where(cd.c.origin == "resolve")).scalar_one())


def cluster_counts(conn: Connection) -> tuple[int, int]:
    """How many event clusters the ledger holds, and how many of them have reports from more than one article."""
    ecm = schema.event_cluster_members
    total = conn.execute(select(func.count()).select_from(schema.event_clusters)).scalar_one()
    spread = (
        select(ecm.c.cluster_id)
        .group_by(ecm.c.cluster_id)
        .having(func.count(distinct(ecm.c.article_id)) > 1)
        .subquery()
    )
    multi = conn.execute(select(func.count()).select_from(spread)).scalar_one()
    return int(total), int(multi)
