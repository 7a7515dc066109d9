"""Cross-article resolution over a whole store: actors, event clusters, claim disputes. Re-runnable: every run
recomputes from the stored records and rewrites the resolved tables in one transaction (actor and cluster ids
are kept for identities that persist, through their stable keys)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, select, update

from newsledger.resolve.actors import ACTOR_TYPES, Actor, EntityRef, resolve_actors
from newsledger.resolve.claims import ClaimRef, cross_article_disputes
from newsledger.resolve.events import EventReport, cluster_summary, outlet_of, resolve_reports, words_of
from newsledger.store import schema

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from newsledger.store.db import Store


@dataclass
class ResolveSummary:
    actors: int = 0
    clusters: int = 0
    multi_report_clusters: int = 0
    cross_article_disputes: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def resolve_store(store: Store) -> ResolveSummary:
    summary = ResolveSummary()
    with store.writing() as conn:
        actor_of_entity = _resolve_actor_rows(conn, summary)
        _attach_actors(conn, actor_of_entity)
        groups = _resolve_cluster_rows(conn, summary)
        _resolve_claim_rows(conn, summary)
        _write_cluster_summaries(conn, groups)
        store.note_resolved(conn)
    return summary


# --- actors ----------------------------------------------------------------------------------------


def _resolve_actor_rows(conn: Connection, summary: ResolveSummary) -> dict[tuple[str, str], int]:
    en, mn = schema.entities, schema.mentions
    mention_counts = {
        (row.article_id, row.entity_id): row.n
        for row in conn.execute(
            select(mn.c.article_id, mn.c.entity_id, func.count().label("n")).group_by(mn.c.article_id, mn.c.entity_id)
        )
    }
    refs = [
        EntityRef(
            pk=row.pk,
            article_id=row.article_id,
            name=row.name,
            type=row.type,
            aliases=tuple(row.aliases or ()),
            kind=row.kind,
            country=row.country,
            role=row.role,
            mentions=mention_counts.get((row.article_id, row.id), 1),
        )
        for row in conn.execute(select(en).where(en.c.type.in_(sorted(ACTOR_TYPES))))
    ]
    entity_ids = {row.pk: row.id for row in conn.execute(select(en.c.pk, en.c.id))}
    actors = resolve_actors(refs)
    existing = {row.key: row.id for row in conn.execute(select(schema.actors.c.key, schema.actors.c.id))}
    kept_ids = {existing[a.key] for a in actors if a.key in existing}
    conn.execute(update(en).values(actor_id=None))
    for table, column in _ACTOR_COLUMNS:
        conn.execute(update(table).values({column: None}))
    conn.execute(delete(schema.actors).where(schema.actors.c.id.not_in(kept_ids)))
    actor_of_entity: dict[tuple[str, str], int] = {}
    entity_updates = []
    for actor in actors:
        values = _actor_values(actor)
        if actor.key in existing:
            actor_id = existing[actor.key]
            conn.execute(update(schema.actors).where(schema.actors.c.id == actor_id).values(**values))
        else:
            actor_id = conn.execute(
                insert(schema.actors).values(key=actor.key, **values).returning(schema.actors.c.id)
            ).scalar_one()
        for ref in actor.members:
            actor_of_entity[(ref.article_id, entity_ids[ref.pk])] = actor_id
            entity_updates.append({"b_pk": ref.pk, "b_actor": actor_id})
    if entity_updates:
        conn.execute(
            update(en).where(en.c.pk == bindparam("b_pk")).values(actor_id=bindparam("b_actor")), entity_updates
        )
    summary.actors = len(actors)
    return actor_of_entity


_ACTOR_COLUMNS = (
    (schema.events, "source_actor_id"),
    (schema.events, "target_actor_id"),
    (schema.quotes, "actor_id"),
    (schema.claims, "claimant_actor_id"),
)


def _actor_values(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "type": actor.type,
        "kind": actor.kind,
        "country": actor.country,
        "aliases": actor.aliases,
        "roles": actor.roles,
        "n_articles": len({ref.article_id for ref in actor.members}),
        "n_mentions": sum(ref.mentions for ref in actor.members),
    }


def _attach_actors(conn: Connection, actor_of_entity: dict[tuple[str, str], int]) -> None:
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


def _resolve_cluster_rows(conn: Connection, summary: ResolveSummary) -> dict[int, list[EventReport]]:
    ev, cl, ar = schema.events, schema.claims, schema.articles
    texts = {row.id: row.text for row in conn.execute(select(ar.c.id, ar.c.text))}
    reports = [
        EventReport(
            pk=row.pk,
            article_id=row.article_id,
            outlet=row.outlet,
            type=row.type,
            date=row.event_date,
            time_precision=row.time_precision,
            location=row.location,
            country=row.country,
            admin1=row.admin1,
            lat=row.lat,
            lon=row.lon,
            geo_precision=row.geo_precision,
            source_actor=row.source_actor_id,
            target_actor=row.target_actor_id,
            status=row.status,
            fatalities=row.fatalities,
            trigger=row.trigger_text,
            sentence=texts.get(row.article_id, "")[row.sentence_start : row.sentence_end],
            actor_words=words_of(row.source_name, row.target_name),
            place_words=words_of(row.location, row.admin1),
        )
        for row in conn.execute(select(ev).order_by(ev.c.pk))
    ]
    # Clusters an analyst merged or split (members placed by hand have no similarity) are kept as they are;
    # only the other reports are clustered again.
    ecm = schema.event_cluster_members
    hand_placed = select(ecm.c.cluster_id).where(ecm.c.similarity.is_(None))
    pinned: dict[int, list[int]] = defaultdict(list)
    for row in conn.execute(select(ecm.c.cluster_id, ecm.c.event_pk).where(ecm.c.cluster_id.in_(hand_placed))):
        pinned[row.cluster_id].append(row.event_pk)
    pinned_pks = {pk for pks in pinned.values() for pk in pks}
    report_of = {r.pk: r for r in reports}
    groups, similarity_of = resolve_reports([r for r in reports if r.pk not in pinned_pks], documents=texts)
    claim_of_event = {
        row.pk: (row.article_id, row.claim_id)
        for row in conn.execute(select(ev.c.pk, ev.c.article_id, ev.c.claim_id).where(ev.c.claim_id.is_not(None)))
    }
    existing = {
        row.key: row.id for row in conn.execute(select(schema.event_clusters.c.key, schema.event_clusters.c.id))
    }
    conn.execute(update(ev).values(cluster_id=None))
    conn.execute(update(cl).values(cluster_id=None))
    conn.execute(delete(ecm))
    keys = {_cluster_key(group) for group in groups}
    conn.execute(
        delete(schema.event_clusters).where(
            schema.event_clusters.c.key.not_in(keys), schema.event_clusters.c.id.not_in(list(pinned))
        )
    )
    cluster_of_event: dict[int, int] = {}
    by_cluster: dict[int, list[EventReport]] = {}
    members_rows = []
    placed: list[tuple[int | None, list[EventReport]]] = [(None, group) for group in groups]
    placed += [(cid, [report_of[pk] for pk in sorted(pks) if pk in report_of]) for cid, pks in pinned.items()]
    for pinned_id, group in placed:
        if not group:
            continue
        key = _cluster_key(group)
        values = cluster_summary(group)  # disputes through claims are added once claims are linked
        if pinned_id is not None:
            cluster_id = pinned_id
            conn.execute(update(schema.event_clusters).where(schema.event_clusters.c.id == cluster_id).values(**values))
        elif key in existing:
            cluster_id = existing[key]
            conn.execute(update(schema.event_clusters).where(schema.event_clusters.c.id == cluster_id).values(**values))
        else:
            cluster_id = conn.execute(
                insert(schema.event_clusters).values(key=key, **values).returning(schema.event_clusters.c.id)
            ).scalar_one()
        by_cluster[cluster_id] = group
        for member in group:
            cluster_of_event[member.pk] = cluster_id
            similarity = None if pinned_id is not None else round(similarity_of.get(member.pk, 0.0), 4)
            members_rows.append(
                {
                    "cluster_id": cluster_id,
                    "event_pk": member.pk,
                    "article_id": member.article_id,
                    "outlet": outlet_of(member),
                    "fatalities": member.fatalities,
                    "similarity": similarity,
                }
            )
    if members_rows:
        conn.execute(insert(schema.event_cluster_members), members_rows)
        conn.execute(
            update(ev).where(ev.c.pk == bindparam("b_pk")).values(cluster_id=bindparam("b_cluster")),
            [{"b_pk": pk, "b_cluster": cid} for pk, cid in cluster_of_event.items()],
        )
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
    summary.clusters = len(by_cluster)
    summary.multi_report_clusters = sum(1 for g in by_cluster.values() if len({m.article_id for m in g}) > 1)
    return by_cluster


def _cluster_key(group: list[EventReport]) -> str:
    return f"event:{group[0].article_id}:{group[0].pk}"


def _write_cluster_summaries(conn: Connection, by_cluster: dict[int, list[EventReport]]) -> None:
    """Cluster figures, now counting outlets that dispute a cluster through a claim: a claim that disputes a
    claim tied to one of its events (within an article or across articles)."""
    cl, cd = schema.claims, schema.claim_disputes
    disputing, disputed = cl.alias("disputing"), cl.alias("disputed")
    disputing_outlets: dict[int, set[str]] = defaultdict(set)
    for row in conn.execute(
        select(disputed.c.cluster_id, disputing.c.outlet, disputing.c.article_id)
        .select_from(
            cd.join(disputing, disputing.c.pk == cd.c.claim_pk).join(disputed, disputed.c.pk == cd.c.disputed_pk)
        )
        .where(disputed.c.cluster_id.is_not(None))
    ):
        disputing_outlets[row.cluster_id].add(row.outlet or f"article:{row.article_id[:12]}")
    for cluster_id, group in by_cluster.items():
        if cluster_id in disputing_outlets:
            values = cluster_summary(group, disputing_outlets[cluster_id])
            conn.execute(update(schema.event_clusters).where(schema.event_clusters.c.id == cluster_id).values(**values))


# --- claims ----------------------------------------------------------------------------------------


def _resolve_claim_rows(conn: Connection, summary: ResolveSummary) -> None:
    cl, cd = schema.claims, schema.claim_disputes
    claims = [
        ClaimRef(
            pk=row.pk,
            article_id=row.article_id,
            outlet=row.outlet,
            stance=row.stance,
            proposition=row.proposition,
            cluster_id=row.cluster_id,
        )
        for row in conn.execute(
            select(cl.c.pk, cl.c.article_id, cl.c.outlet, cl.c.stance, cl.c.proposition, cl.c.cluster_id)
        )
    ]
    conn.execute(delete(cd).where(cd.c.origin == "resolve"))
    existing = {(row.claim_pk, row.disputed_pk) for row in conn.execute(select(cd.c.claim_pk, cd.c.disputed_pk))}
    links = [
        {"claim_pk": a, "disputed_pk": b, "cross_article": True, "origin": "resolve", "score": score}
        for a, b, score in cross_article_disputes(claims)
        if (a, b) not in existing
    ]
    if links:
        conn.execute(insert(cd), links)
    summary.cross_article_disputes = len(links)
