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
several stories.

`reresolve_events(store, event_pks)` is the same neighbourhood re-clustering after an analyst's review (a rejection,
a corrected place, date or type): the reviewed events are the seeds, a rejected one leaves its cluster (a
hand-placed cluster keeps its other members), and each event's move is written to the audit log."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

import numpy as np

from newsledger.resolve.actors import ACTOR_TYPES, EntityRef, resolve_actors
from newsledger.resolve.boilerplate import overlaps
from newsledger.resolve.claims import ClaimRef, cross_article_disputes
from newsledger.resolve.events import EventReport, candidate_pairs, gather_evidence
from newsledger.resolve.ledger import (
    BOILERPLATE_STATUS,
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
        seeds = {row["pk"] for row in rows if row["article_id"] in scope} | moved_events | changed_events
        replanned, moved_claims, _ = _resolve_neighbourhood(conn, rows, lambda _ids: texts, seeds, boilerplate_events)
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
    texts_of: Callable[[set[str]], dict[str, str]],
    seed_pks: set[int],
    boilerplate_pks: set[int],
    *,
    gone: dict[int, int | None] | None = None,
) -> tuple[list[int], set[int], dict[int, int]]:
    """Cluster the seeds' neighbourhood again (`rows`: every event not rejected; `gone`: events just rejected,
    with the cluster each leaves); returns the ids of its clusters, the claims that moved and each re-planned
    event's cluster. `texts_of` gives the texts of some articles."""
    gone = gone or {}
    pinned = resolution.hand_placed_clusters(conn)
    # Clusters an analyst merged or split stay as they are, but for an event rejected since.
    emptied = {cid: [pk for pk in pks if pk not in gone] for cid, pks in pinned.items() if gone.keys() & set(pks)}
    pinned_pks = {pk for pks in pinned.values() for pk in pks}
    free = [row for row in rows if row["pk"] not in pinned_pks]
    seeds = {i for i, row in enumerate(free) if row["pk"] in seed_pks}
    gone_clusters = {cid for cid in gone.values() if cid is not None} - set(pinned)
    seeds |= {i for i, row in enumerate(free) if row["cluster_id"] in gone_clusters}
    if not seeds and not gone:
        return [], set(), {}
    clusterable = [i for i, row in enumerate(free) if row["pk"] not in boilerplate_pks]
    reports = [_report(free[i], {}) for i in clusterable]
    position_seeds = {k for k, i in enumerate(clusterable) if i in seeds}
    seed_pairs = [(a, b) for a, b in candidate_pairs(reports).tolist() if a in position_seeds or b in position_seeds]
    near = {clusterable[k] for k in _unvetoed_partners(free, clusterable, texts_of, position_seeds, seed_pairs)}
    near |= seeds
    replaced = ({free[i]["cluster_id"] for i in near} | gone_clusters) - {None}
    near.update(i for i, row in enumerate(free) if row["cluster_id"] in replaced)
    row_of = {row["pk"]: row for row in rows}
    kept_pinned = {cid: pks for cid, pks in emptied.items() if pks}
    event_rows = [free[i] for i in sorted(near)] + [
        row_of[pk] for pks in kept_pinned.values() for pk in pks if pk in row_of
    ]
    texts = texts_of({row["article_id"] for row in event_rows})
    neighbourhood = [_report(row, texts) for row in event_rows]
    plans, placed = _placed_groups(neighbourhood, texts, kept_pinned, boilerplate_pks)
    event_pks = {report.pk for report in neighbourhood} | set(gone)
    ids, moved_claims = scoped_resolution.save_clusters_of(
        conn, plans, replaced=replaced | (set(emptied) - set(kept_pinned)), event_pks=event_pks
    )
    after: dict[int, int] = {}
    for cluster_id, (_, group) in zip(ids, placed, strict=True):
        for report in group:
            row_of[report.pk]["cluster_id"] = after[report.pk] = cluster_id
    return ids, moved_claims, after


def _unvetoed_partners(
    free: list[dict[str, Any]],
    clusterable: list[int],
    texts_of: Callable[[set[str]], dict[str, str]],
    seeds: set[int],
    seed_pairs: list[tuple[int, int]],
) -> set[int]:
    """The seeds (positions in `clusterable`) and the reports that share a block with one and are not kept apart
    from it by anything (dates, places, actors, type family, no evidence beyond the verb): a report that cannot
    link to any seed keeps its cluster. A shared block alone is a weak tie (every report of "said" shares one)."""
    stage = sorted(seeds | {k for pair in seed_pairs for k in pair})
    position = {k: n for n, k in enumerate(stage)}
    texts = texts_of({free[clusterable[k]]["article_id"] for k in stage})
    reports = [_report(free[clusterable[k]], texts) for k in stage]
    pairs = np.array([(position[a], position[b]) for a, b in seed_pairs], dtype=int).reshape(-1, 2)
    evidence = gather_evidence(reports, texts, pairs)
    near = set(seeds)
    for (a, b), linkable in zip(evidence.pairs.tolist(), evidence.linkable().tolist(), strict=True):
        if linkable:
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


# --- re-resolving what a review touched --------------------------------------------------------------


def reresolve_events(store: Store, event_pks: Collection[int], *, who: str = "resolve") -> list[dict[str, Any]]:
    """Re-resolve the clusters of some events after a review (a rejection, a corrected place, date or type),
    without resolving the whole ledger: the events are the seeds of `_resolve_neighbourhood`, as new articles'
    events are in a scoped resolve. A rejected event leaves its cluster; clusters an analyst placed by hand keep
    their members (but a rejected one), and boilerplate (as the last resolve marked it) stays alone. Each event's
    move is written to the audit log (its page shows it). Returns, per event, its cluster before and after."""
    touched = set(event_pks)
    with store.writing() as conn:
        blocks = resolution.block_rows(conn)
        cluster_of = {row["pk"]: row["cluster_id"] for row in blocks}
        gone = {row["pk"]: row["cluster_id"] for row in blocks if row["rejected"] and row["pk"] in touched}
        statuses = resolution.cluster_statuses(conn, {cid for cid in cluster_of.values() if cid is not None})
        before = {pk: _cluster_state(cluster_of.get(pk), statuses) for pk in touched}
        boilerplate_pks = {
            pk for pk, cid in cluster_of.items() if statuses.get(cid, {}).get("status") == BOILERPLATE_STATUS
        }
        rows = resolution.event_rows(conn)
        replanned, _moved_claims, after_of = _resolve_neighbourhood(
            conn,
            rows,
            lambda ids: resolution.article_texts(conn, ids),
            touched - set(gone),
            boilerplate_pks,
            gone=gone,
        )
        _write_cluster_summaries(conn, rows, set(replanned), boilerplate_pks)
        after_ids = {pk: None if pk in gone else after_of.get(pk, cluster_of.get(pk)) for pk in touched}
        after_states = resolution.cluster_statuses(conn, {cid for cid in after_ids.values() if cid is not None})
        moves = []
        for pk in sorted(touched):
            after = _cluster_state(after_ids[pk], after_states)
            resolution.audit(conn, who=who, action="re-resolve", target=f"event:{pk}", before=before[pk], after=after)
            moves.append({"event_pk": pk, "before": before[pk], "after": after})
    return moves


def _cluster_state(cluster_id: int | None, states: dict[int, dict[str, Any]]) -> dict[str, Any]:
    state = states.get(cluster_id, {}) if cluster_id is not None else {}
    return {
        "cluster_id": cluster_id,
        "cluster_reports": state.get("n_reports"),
        "cluster_outlets": state.get("n_outlets"),
    }
