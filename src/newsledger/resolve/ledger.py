"""Cross-article resolution over a whole store: actors, event clusters, claim disputes. Re-runnable: every run
recomputes from the stored records and rewrites the resolved tables in one transaction (actor and cluster ids
are kept for identities that persist, through their stable keys). The rows are read and written by
`newsledger.store.resolution`; this module decides what they become."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsledger.resolve.actors import ACTOR_TYPES, Actor, EntityRef, resolve_actors
from newsledger.resolve.claims import ClaimRef, cross_article_disputes
from newsledger.resolve.events import EventReport, cluster_summary, outlet_of, resolve_reports, words_of
from newsledger.resolve.stance import load_pair_stance_model
from newsledger.store import resolution
from newsledger.store.resolution import ClusterPlan, Connection, ResolvedActor

if TYPE_CHECKING:
    from newsledger.store.db import Store


@dataclass
class ResolveSummary:
    actors: int = 0
    clusters: int = 0
    multi_report_clusters: int = 0
    cross_article_disputes: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def resolve_store(store: Store, *, scope: Collection[str] | None = None) -> ResolveSummary:
    """Resolve the whole store, or (`scope`: the ids of the articles stored since the ledger was last resolved)
    only what those articles touch: see `newsledger.resolve.scoped`."""
    if scope is not None:
        from newsledger.resolve.scoped import resolve_scope

        return resolve_scope(store, scope)
    summary = ResolveSummary()
    with store.writing() as conn:
        actor_of_entity = _resolve_actors(conn, summary)
        resolution.attach_actors(conn, actor_of_entity)
        groups = _resolve_clusters(conn, summary)
        _resolve_claims(conn, summary)
        _write_cluster_summaries(conn, groups)
        store.note_resolved(conn)
    return summary


# --- actors ----------------------------------------------------------------------------------------


def _resolve_actors(conn: Connection, summary: ResolveSummary) -> dict[tuple[str, str], int]:
    refs = [EntityRef(**row) for row in resolution.actor_entity_rows(conn, ACTOR_TYPES)]
    actors = resolve_actors(refs)
    resolved = [ResolvedActor(a.key, actor_values(a), [ref.pk for ref in a.members]) for a in actors]
    summary.actors = len(actors)
    return resolution.save_actors(conn, resolved)


def actor_values(actor: Actor) -> dict[str, Any]:
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


# --- event clusters --------------------------------------------------------------------------------


def event_report(row: Mapping[str, Any], text: str) -> EventReport:
    """The report an events row makes, with its sentence cut from its article's `text` ("" to leave it out)."""
    return EventReport(
        pk=row["pk"],
        article_id=row["article_id"],
        outlet=row["outlet"],
        type=row["type"],
        date=row["event_date"],
        time_precision=row["time_precision"],
        location=row["location"],
        country=row["country"],
        admin1=row["admin1"],
        lat=row["lat"],
        lon=row["lon"],
        geo_precision=row["geo_precision"],
        source_actor=row["source_actor_id"],
        target_actor=row["target_actor_id"],
        status=row["status"],
        fatalities=row["fatalities"],
        trigger=row["trigger_text"],
        sentence=text[row["sentence_start"] : row["sentence_end"]],
        actor_words=words_of(row["source_name"], row["target_name"]),
        place_words=words_of(row["location"], row["admin1"]),
    )


def _resolve_clusters(conn: Connection, summary: ResolveSummary) -> dict[int, list[EventReport]]:
    texts = resolution.article_texts(conn)
    reports = [event_report(row, texts.get(row["article_id"], "")) for row in resolution.event_rows(conn)]
    # Clusters an analyst merged or split are kept as they are; only the other reports are clustered again.
    pinned = resolution.hand_placed_clusters(conn)
    pinned_pks = {pk for pks in pinned.values() for pk in pks}
    report_of = {r.pk: r for r in reports}
    groups, similarity_of = resolve_reports([r for r in reports if r.pk not in pinned_pks], documents=texts)
    placed: list[tuple[int | None, list[EventReport]]] = [(None, group) for group in groups]
    placed += [(cid, [report_of[pk] for pk in sorted(pks) if pk in report_of]) for cid, pks in pinned.items()]
    placed = [(pinned_id, group) for pinned_id, group in placed if group]
    plans = [cluster_plan(group, similarity_of, pinned_id=pinned_id) for pinned_id, group in placed]
    cluster_ids = resolution.save_clusters(conn, plans, pinned)
    by_cluster = {cluster_id: group for cluster_id, (_, group) in zip(cluster_ids, placed, strict=True)}
    summary.clusters = len(by_cluster)
    summary.multi_report_clusters = sum(1 for g in by_cluster.values() if len({m.article_id for m in g}) > 1)
    return by_cluster


def cluster_plan(
    group: list[EventReport], similarity_of: Mapping[int, float], *, pinned_id: int | None = None
) -> ClusterPlan:
    """What is stored of one cluster: its stable key (its first report), figures and members."""
    return ClusterPlan(
        pinned_id=pinned_id,
        key=f"event:{group[0].article_id}:{group[0].pk}",
        values=cluster_summary(group),  # disputes through claims are added once claims are linked
        members=[
            {
                "event_pk": member.pk,
                "article_id": member.article_id,
                "outlet": outlet_of(member),
                "fatalities": member.fatalities,
                "similarity": None if pinned_id is not None else round(similarity_of.get(member.pk, 0.0), 4),
            }
            for member in group
        ],
    )


def _write_cluster_summaries(conn: Connection, by_cluster: dict[int, list[EventReport]]) -> None:
    """Cluster figures, now counting outlets that dispute a cluster through a claim."""
    disputing_outlets = resolution.disputing_outlets_by_cluster(conn)
    for cluster_id, group in by_cluster.items():
        if cluster_id in disputing_outlets:
            resolution.update_cluster(conn, cluster_id, cluster_summary(group, disputing_outlets[cluster_id]))


# --- claims ----------------------------------------------------------------------------------------


def _resolve_claims(conn: Connection, summary: ResolveSummary) -> None:
    claims = [ClaimRef(**row) for row in resolution.claim_rows(conn)]
    disputes = cross_article_disputes(claims, stance_model=load_pair_stance_model())
    summary.cross_article_disputes = resolution.save_resolved_disputes(conn, disputes)
