"""Resolve only what new articles touch (`resolve_store(store, scope=article_ids)`, as `watch` does after each
poll), leaving the rest of the ledger as the last resolve left it, ids included.

- Actors: the names of every stored entity are grouped again (cheap, and one new "Smith" can make another
  ambiguous), but only the actors, entities and links whose answer changed are written.
- Event clusters: the new articles' events, and events whose actor changed, are the seeds. Their neighbourhood
  is every event that shares a block with a seed (`candidate_pairs`, the resolver's own blocking) and that
  nothing keeps apart from it (`gather_evidence`'s vetoes), and every member of a cluster one of those belongs
  to. The neighbourhood is clustered by `resolve_reports` and its clusters replaced; the pair evidence (the
  costly part) is gathered over the neighbourhood only.
- Boilerplate (passages an outlet repeats) is found again over every stored passage, as a full resolve finds it:
  a new article can make an old passage boilerplate, or an old article a copy. Events whose standing changed are
  seeds too; boilerplate events stay alone.
- Disputes: only pairs that involve a claim of the new articles, a claim whose cluster changed or whose
  boilerplate standing changed, are judged; the stance model is not even loaded when there is none.

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
from newsledger.resolve.boilerplate import overlaps
from newsledger.resolve.claims import ClaimRef, cross_article_disputes
from newsledger.resolve.events import EventReport, candidate_pairs, gather_evidence
from newsledger.resolve.ledger import (
    ResolveSummary,
    _actor_values,
    _boilerplate,
    _placed_groups,
    _report,
    _summary,
)
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
            conn, [ResolvedActor(a.key, _actor_values(a), [ref.pk for ref in a.members]) for a in actors]
        )
        rows = resolution.event_rows(conn)
        texts = resolution.article_texts(conn)
        evidence = resolution.claim_evidence(conn)
        # Boilerplate as the last resolve saw it (without the new articles) and as it is now.
        boilerplate_before = _boilerplate(
            texts,
            [r for r in rows if r["article_id"] not in scope],
            [r for r in evidence if r["article_id"] not in scope],
        )
        boilerplate = _boilerplate(texts, rows, evidence)
        boilerplate_events = _overlapping(boilerplate, rows, "trigger_start", "trigger_end")
        summary.boilerplate_events = len(boilerplate_events)
        changed_events = boilerplate_events ^ _overlapping(boilerplate_before, rows, "trigger_start", "trigger_end")
        replanned, moved_claims = _resolve_neighbourhood(
            conn, rows, texts, scope, moved_events | changed_events, boilerplate_events
        )
        boilerplate_claims = _overlapping(boilerplate, evidence, "start", "end")
        summary.boilerplate_claims = len(boilerplate_claims)
        changed_claims = boilerplate_claims ^ _overlapping(boilerplate_before, evidence, "start", "end")
        claims = [ClaimRef(**row) for row in resolution.claim_rows(conn)]
        involved = {claim.pk for claim in claims if claim.article_id in scope} | moved_claims | changed_claims
        disputed_before = scoped_resolution.resolved_disputes_involving(conn, involved) if involved else []
        # A claim made in outlet boilerplate disputes nothing and is disputed by nothing across articles.
        judged = [claim for claim in claims if claim.pk not in boilerplate_claims]
        disputes = (
            cross_article_disputes(judged, stance_model=load_pair_stance_model(), involving=involved)
            if involved & {claim.pk for claim in judged}
            else []
        )
        summary.cross_article_disputes = scoped_resolution.replace_resolved_disputes_involving(conn, involved, disputes)
        cluster_of_claim = {claim.pk: claim.cluster_id for claim in claims}
        disputed_clusters = {cluster_of_claim.get(b) for _, b in disputed_before} | {
            cluster_of_claim.get(b) for _, b, _ in disputes
        }
        _write_cluster_summaries(conn, rows, (set(replanned) | disputed_clusters) - {None}, boilerplate_events)
        summary.clusters, summary.multi_report_clusters = scoped_resolution.cluster_counts(conn)
        store.note_resolved(conn)
    return summary


def _overlapping(
    boilerplate: dict[str, list[tuple[int, int]]], rows: list[dict[str, Any]], start: str, end: str
) -> set[int]:
    return {row["pk"] for row in rows if overlaps(boilerplate, row["article_id"], row[start], row[end])}


def _resolve_neighbourhood(
    conn: Connection,
    rows: list[dict[str, Any]],
    texts: dict[str, str],
    scope: set[str],
    moved_events: set[int],
    boilerplate_pks: set[int],
) -> tuple[list[int], set[int]]:
    """Cluster the seeds' neighbourhood again; returns the ids of its clusters and the claims that moved."""
    pinned = {pk for pks in resolution.hand_placed_clusters(conn).values() for pk in pks}
    free = [row for row in rows if row["pk"] not in pinned]  # clusters an analyst merged or split stay as they are
    seeds = {i for i, row in enumerate(free) if row["article_id"] in scope or row["pk"] in moved_events}
    if not seeds:
        return [], set()
    clusterable = [i for i, row in enumerate(free) if row["pk"] not in boilerplate_pks]
    reports = [_report(free[i], {}) for i in clusterable]
    position_seeds = {k for k, i in enumerate(clusterable) if i in seeds}
    seed_pairs = [(a, b) for a, b in candidate_pairs(reports).tolist() if a in position_seeds or b in position_seeds]
    near = {clusterable[k] for k in _unvetoed_partners(free, clusterable, texts, position_seeds, seed_pairs)}
    near |= seeds
    replaced = {free[i]["cluster_id"] for i in near} - {None}
    near.update(i for i, row in enumerate(free) if row["cluster_id"] in replaced)
    neighbourhood = [_report(free[i], texts) for i in sorted(near)]
    plans, placed = _placed_groups(neighbourhood, texts, {}, boilerplate_pks)
    ids, moved_claims = scoped_resolution.save_clusters_of(
        conn, plans, replaced=replaced, event_pks={report.pk for report in neighbourhood}
    )
    row_of = {row["pk"]: row for row in free}
    for cluster_id, (_, group) in zip(ids, placed, strict=True):
        for report in group:
            row_of[report.pk]["cluster_id"] = cluster_id
    return ids, moved_claims


def _unvetoed_partners(
    free: list[dict[str, Any]],
    clusterable: list[int],
    texts: dict[str, str],
    seeds: set[int],
    seed_pairs: list[tuple[int, int]],
) -> set[int]:
    """The seeds (positions in `clusterable`) and the reports that share a block with one and are not kept apart
    from it by anything (dates, places, actors, type family, no evidence beyond the verb): a report that cannot
    link to any seed keeps its cluster. A shared block alone is a weak tie (every report of "said" shares one)."""
    stage = sorted(seeds | {k for pair in seed_pairs for k in pair})
    position = {k: n for n, k in enumerate(stage)}
    reports = [_report(free[clusterable[k]], texts) for k in stage]
    pairs = np.array([(position[a], position[b]) for a, b in seed_pairs], dtype=int).reshape(-1, 2)
    evidence = gather_evidence(reports, texts, pairs)
    near = set(seeds)
    for (a, b), vetoed in zip(evidence.pairs.tolist(), evidence.vetoed.tolist(), strict=True):
        if not vetoed:
            near.update((stage[a], stage[b]))
    return near


def _write_cluster_summaries(
    conn: Connection, rows: list[dict[str, Any]], cluster_ids: set[Any], boilerplate_pks: set[int]
) -> None:
    """Figures of the clusters re-planned or whose disputing outlets may have changed (as a full resolve writes
    them: with the outlets that dispute the cluster through a claim)."""
    members: dict[int, list[EventReport]] = defaultdict(list)
    for row in rows:
        if row["cluster_id"] in cluster_ids:
            members[row["cluster_id"]].append(_report(row, {}))
    disputing = resolution.disputing_outlets_by_cluster(conn)
    for cluster_id, group in members.items():
        resolution.update_cluster(conn, cluster_id, _summary(group, boilerplate_pks, disputing.get(cluster_id)))
