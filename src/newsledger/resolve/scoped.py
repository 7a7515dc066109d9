"""Resolve only what new articles touch (`resolve_store(store, scope=article_ids)`, as `watch` does after each
poll), leaving the rest of the ledger as the last resolve left it, ids included.

- Actors: the names of every stored entity are grouped again (cheap, and one new "Smith" can make another
  ambiguous), but only the actors, entities and links whose answer changed are written.
- Event clusters: the new articles' events, and events whose actor changed, are the seeds. Their neighbourhood
  is every event that shares a block with a seed (`candidate_pairs`, the resolver's own blocking) and that
  nothing keeps apart from it (`gather_evidence`'s vetoes), and every member of a cluster one of those belongs
  to. The neighbourhood is clustered by `resolve_reports` and its clusters replaced; the pair evidence (the
  costly part) is gathered over the neighbourhood only.
- Disputes: only pairs that involve a claim of the new articles, or a claim whose cluster changed, are judged;
  the stance model is not even loaded when there is none.

What can differ from a full resolve: a full one measures word weights (TF-IDF) over every stored report and article,
a scoped one over the neighbourhood, so a pair near the threshold (or near a veto that asks for some word in common)
may come out otherwise; and it leaves clusters outside the neighbourhood as they are, where a full resolve, with the
new words in its weights, might regroup them. `tests/resolve/test_scoped.py` checks that both agree on a corpus of
several stories."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import numpy as np

from newsledger.resolve.actors import ACTOR_TYPES, EntityRef, resolve_actors
from newsledger.resolve.claims import ClaimRef, cross_article_disputes
from newsledger.resolve.events import EventReport, candidate_pairs, cluster_summary, gather_evidence, resolve_reports
from newsledger.resolve.ledger import ResolveSummary, actor_values, cluster_plan, event_report
from newsledger.resolve.stance import load_pair_stance_model
from newsledger.store import resolution, scoped_resolution
from newsledger.store.resolution import Connection, ResolvedActor

if TYPE_CHECKING:
    from newsledger.store.db import Store


def resolve_scope(store: Store, article_ids: Collection[str]) -> ResolveSummary:
    scope = set(article_ids)
    summary = ResolveSummary()
    with store.writing() as conn:
        refs = [EntityRef(**row) for row in resolution.actor_entity_rows(conn, ACTOR_TYPES)]
        actors = resolve_actors(refs)
        summary.actors = len(actors)
        moved_events = scoped_resolution.save_actor_changes(
            conn, [ResolvedActor(a.key, actor_values(a), [ref.pk for ref in a.members]) for a in actors]
        )
        rows = resolution.event_rows(conn)
        replanned, moved_claims = _resolve_neighbourhood(conn, rows, scope, moved_events)
        claims = [ClaimRef(**row) for row in resolution.claim_rows(conn)]
        involved = {claim.pk for claim in claims if claim.article_id in scope} | moved_claims
        disputed_before = scoped_resolution.resolved_disputes_involving(conn, involved) if involved else []
        disputes = (
            cross_article_disputes(claims, stance_model=load_pair_stance_model(), involving=involved)
            if involved
            else []
        )
        summary.cross_article_disputes = scoped_resolution.replace_resolved_disputes_involving(conn, involved, disputes)
        cluster_of_claim = {claim.pk: claim.cluster_id for claim in claims}
        disputed_clusters = {cluster_of_claim.get(b) for _, b in disputed_before} | {
            cluster_of_claim.get(b) for _, b, _ in disputes
        }
        _write_cluster_summaries(conn, rows, (set(replanned) | disputed_clusters) - {None})
        summary.clusters, summary.multi_report_clusters = scoped_resolution.cluster_counts(conn)
        store.note_resolved(conn)
    return summary


def _resolve_neighbourhood(
    conn: Connection, rows: list[dict[str, Any]], scope: set[str], moved_events: set[int]
) -> tuple[list[int], set[int]]:
    """Cluster the seeds' neighbourhood again; returns the ids of its clusters and the claims that moved."""
    pinned = {pk for pks in resolution.hand_placed_clusters(conn).values() for pk in pks}
    free = [row for row in rows if row["pk"] not in pinned]  # clusters an analyst merged or split stay as they are
    reports = [event_report(row, "") for row in free]
    seeds = {i for i, row in enumerate(free) if row["article_id"] in scope or row["pk"] in moved_events}
    if not seeds:
        return [], set()
    seed_pairs = [(i, j) for i, j in candidate_pairs(reports).tolist() if i in seeds or j in seeds]
    near = _unvetoed_partners(conn, free, seeds, seed_pairs)
    replaced = {free[i]["cluster_id"] for i in near} - {None}
    near.update(i for i, row in enumerate(free) if row["cluster_id"] in replaced)
    texts = scoped_resolution.article_texts_of(conn, {free[i]["article_id"] for i in near})
    neighbourhood = [event_report(free[i], texts.get(free[i]["article_id"], "")) for i in sorted(near)]
    groups, similarity_of = resolve_reports(neighbourhood, documents=texts)
    plans = [cluster_plan(group, similarity_of) for group in groups]
    ids, moved_claims = scoped_resolution.save_clusters_of(
        conn, plans, replaced=replaced, event_pks={report.pk for report in neighbourhood}
    )
    row_of = {row["pk"]: row for row in free}
    for cluster_id, group in zip(ids, groups, strict=True):
        for report in group:
            row_of[report.pk]["cluster_id"] = cluster_id
    return ids, moved_claims


def _unvetoed_partners(
    conn: Connection, free: list[dict[str, Any]], seeds: set[int], seed_pairs: list[tuple[int, int]]
) -> set[int]:
    """The seeds and the reports that share a block with one and are not kept apart from it by anything (dates,
    places, actors, type family, no evidence beyond the verb): a report that cannot link to any seed keeps its
    cluster. A shared block alone is a weak tie (every report of "said" shares one)."""
    stage = sorted(seeds | {k for pair in seed_pairs for k in pair})
    position = {i: k for k, i in enumerate(stage)}
    texts = scoped_resolution.article_texts_of(conn, {free[i]["article_id"] for i in stage})
    reports = [event_report(free[i], texts.get(free[i]["article_id"], "")) for i in stage]
    pairs = np.array([(position[i], position[j]) for i, j in seed_pairs], dtype=int).reshape(-1, 2)
    evidence = gather_evidence(reports, texts, pairs)
    near = set(seeds)
    for (a, b), vetoed in zip(evidence.pairs.tolist(), evidence.vetoed.tolist(), strict=True):
        if not vetoed:
            near.update((stage[a], stage[b]))
    return near


def _write_cluster_summaries(conn: Connection, rows: list[dict[str, Any]], cluster_ids: set[Any]) -> None:
    """Figures of the clusters re-planned or whose disputing outlets may have changed (as a full resolve writes
    them: with the outlets that dispute the cluster through a claim)."""
    members: dict[int, list[EventReport]] = defaultdict(list)
    for row in rows:
        if row["cluster_id"] in cluster_ids:
            members[row["cluster_id"]].append(event_report(row, ""))
    disputing = resolution.disputing_outlets_by_cluster(conn)
    for cluster_id, group in members.items():
        resolution.update_cluster(conn, cluster_id, cluster_summary(group, disputing.get(cluster_id)))
