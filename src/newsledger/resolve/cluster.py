"""Agglomerative clustering with a pairwise score, inside blocks: the one algorithm behind event clusters
(store) and the ECB+ evaluation, so what is scored is what runs."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")
S = TypeVar("S")
CANNOT_LINK = -1.0  # a score below zero vetoes the pair (and so the merge of clusters holding it)


def cluster_items(
    items: Sequence[T],
    *,
    score: Callable[[T, T], float],
    threshold: float,
    block: Callable[[T], Hashable] | None = None,
    linkage: str = "average",
) -> list[list[int]]:
    """Clusters of item indices. Items are only compared inside their block (`block(item)`); two clusters are
    merged while the best average (or single/complete) pairwise score between them reaches `threshold`; any
    vetoed pair (score < 0) between two clusters keeps them apart."""
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        blocks[block(item) if block else 0].append(index)
    clusters: list[list[int]] = []
    for members in blocks.values():
        clusters.extend(_cluster_block(items, members, score, threshold, linkage))
    return sorted(clusters, key=lambda c: c[0])


def _cluster_block(
    items: Sequence[T],
    members: list[int],
    score: Callable[[T, T], float],
    threshold: float,
    linkage: str,
) -> list[list[int]]:
    n = len(members)
    if n == 1:
        return [members]
    values = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            values[a, b] = values[b, a] = score(items[members[a]], items[members[b]])
    return [[members[a] for a in group] for group in cluster_matrix(values, threshold=threshold, linkage=linkage)]


def cluster_matrix(values: np.ndarray, *, threshold: float, linkage: str = "average") -> list[list[int]]:
    """Agglomerative clustering of a symmetric pairwise score matrix (negative = cannot link). Two groups can
    only merge if some pair between them reaches the threshold (true of average, single and complete
    linkage), so the work is split into the connected components of the graph of such pairs."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    strong = csr_matrix(values >= threshold)
    _n_components, labels = connected_components(strong, directed=False)
    groups: list[list[int]] = []
    for component in np.unique(labels):
        indices = np.flatnonzero(labels == component)
        if len(indices) == 1:
            groups.append([int(indices[0])])
            continue
        sub = values[np.ix_(indices, indices)]
        groups.extend([int(indices[a]) for a in group] for group in _agglomerate(sub, threshold, linkage))
    return sorted(groups, key=lambda g: g[0])


def _agglomerate(
    values: np.ndarray, threshold: float, linkage: str, known: np.ndarray | None = None
) -> list[list[int]]:
    """`known` (optional, average linkage): which pairs were scored at all. Then the average between two
    groups is over their scored pairs only: a pair never compared (reports met through different blocks) is
    no evidence against the merge, as a vetoed pair is."""
    n = values.shape[0]
    vetoed = values < 0
    # Lance-Williams updates: `link` holds the sum (average linkage), max (single) or min (complete) of the
    # pairwise scores between current groups; sizes (or counts of scored pairs) turn sums into averages.
    link = np.where(vetoed, 0.0, values)
    counts = known.astype(float) if known is not None else None
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    groups: dict[int, list[int]] = {a: [a] for a in range(n)}
    while len(groups) > 1:
        if linkage == "average" and counts is not None:
            current = np.divide(link, counts, out=np.zeros_like(link), where=counts > 0)
        elif linkage == "average":
            current = link / np.outer(sizes, sizes)
        else:
            current = link.copy()
        mask = vetoed | ~np.outer(alive, alive)
        np.fill_diagonal(mask, True)
        current[mask] = -np.inf
        flat = int(np.argmax(current))
        i, j = divmod(flat, n)
        if current[i, j] < threshold:
            break
        if linkage == "single":
            link[i, :] = link[:, i] = np.maximum(link[i, :], link[j, :])
        elif linkage == "complete":
            link[i, :] = link[:, i] = np.minimum(link[i, :], link[j, :])
        else:
            link[i, :] = link[:, i] = link[i, :] + link[j, :]
            if counts is not None:
                counts[i, :] = counts[:, i] = counts[i, :] + counts[j, :]
        vetoed[i, :] = vetoed[:, i] = vetoed[i, :] | vetoed[j, :]
        sizes[i] += sizes[j]
        alive[j] = False
        groups[i] = sorted(groups[i] + groups.pop(j))
    return list(groups.values())


def _agglomerate_component(
    heap: list[int],
    tables: dict[int, dict[int, list[float]]],
    members: dict[int, list[int]],
    trait: dict[int, S],
    join: Callable[[S, S], S | None] | None,
    threshold: float,
    scale: float,
    whole: int,
) -> None:
    """The merges of one connected component, best average first (`cluster_pairs`), in place. The heap holds
    `_merge_key`s: one integer per candidate merge, which sorts as (-average, a, b) does and compares far faster
    than that tuple (the heap of a large component holds millions)."""
    pop, push = heapq.heappop, heapq.heappush
    joining = bool(trait) and join is not None
    while heap:
        key = pop(heap)
        a, b = (key >> 32) & _INDEX_MASK, key & _INDEX_MASK
        table_a = tables.get(a)
        entry = table_a.get(b) if table_a is not None else None
        if entry is None or entry[2] or whole - int(entry[0] / entry[1] * scale) != key >> 64:
            continue  # a group already folded, or an average changed since it was queued (a newer entry holds it)
        joined = join(trait[a], trait[b]) if joining else None  # type: ignore[misc]
        if joining and joined is None:
            # `join` is monotone: no groups holding these two can ever join, so the pair is vetoed for good and
            # the merges that would re-queue it (and pop it again to no end) queue nothing.
            entry[2] = 1.0
            continue
        keep, fold = (a, b) if len(table_a) >= len(tables[b]) else (b, a)  # type: ignore[arg-type]
        kept = tables[keep]
        del kept[fold]
        changed = []
        for other, (total, count, veto) in tables.pop(fold).items():
            if other == keep:
                continue
            table = tables[other]
            del table[fold]
            merged = kept.get(other)
            if merged is None:
                merged = kept[other] = table[keep] = [0.0, 0.0, 0.0]
            merged[0] += total
            merged[1] += count
            if veto > merged[2]:
                merged[2] = veto
            changed.append((other, merged))
        members[keep].extend(members.pop(fold))
        if joining:
            trait[keep] = joined  # type: ignore[assignment]
            del trait[fold]
        for other, (total, count, veto) in changed:
            if not veto and count and total / count >= threshold:
                low, high = (keep, other) if keep < other else (other, keep)
                push(heap, ((whole - int(total / count * scale)) << 64) | (low << 32) | high)


_INDEX_MASK = (1 << 32) - 1


def _key_scale(threshold: float) -> float:
    """2**(52 + k) for the least k with 2**-k <= threshold: every average of at least threshold times it is an
    exact integer (a double of at least 2**-k is a multiple of 2**-(52 + k)), so (whole - average * scale), with
    `whole` the largest such product, orders the averages exactly, best first."""
    k = max(0, math.ceil(-math.log2(threshold)))
    return float(2 ** (52 + k))


def cluster_pairs(
    n: int,
    scores: dict[tuple[int, int], float],
    *,
    threshold: float,
    traits: Sequence[S] | None = None,
    join: Callable[[S, S], S | None] | None = None,
) -> list[list[int]]:
    """`cluster_scored` of a {(i, j): score} mapping."""
    pairs = np.array(list(scores), dtype=np.int64).reshape(-1, 2)
    values = np.fromiter(scores.values(), dtype=float, count=len(scores))
    return cluster_scored(n, pairs, values, threshold=threshold, traits=traits, join=join)


def cluster_scored(
    n: int,
    pairs: np.ndarray,
    values: np.ndarray,
    *,
    threshold: float,
    traits: Sequence[S] | None = None,
    join: Callable[[S, S], S | None] | None = None,
) -> list[list[int]]:
    """Average-link clusters of n items when only some pairs were scored (`pairs`, (k, 2) item indices, each
    pair once, with its score in `values`): the average between two groups is over their scored pairs (a pair
    never compared is no evidence either way; a vetoed one keeps them apart).
    `traits` and `join` (optional): what each item says of the group it may join (the ledger's country and
    dates), and how two groups' traits combine, None when they cannot (two countries; days too far apart). Such
    groups never merge, whether or not any of their pairs was compared: blocking compares only some pairs, so
    without it a chain of close pairs could join reports a year apart. `join` must be monotone (once two groups
    cannot join, no larger groups holding them can).

    Sparse agglomeration: each group keeps, per neighbouring group, the sum and count of their scored pairs and
    whether one of them is vetoed; a heap holds the candidate merges, best average first. A merge folds the
    smaller table into the larger and re-queues only the neighbours of the folded group, so each pair moves
    O(log n) times and the work grows with the scored pairs, never with the square of a component (thousands
    of copies of one wire report cost what their pairs cost)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    first, second = (pairs[:, 0], pairs[:, 1]) if len(pairs) else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    # Groups only ever merge inside a connected component of the pairs reaching the threshold, so a pair
    # between two components (most vetoed pairs: unrelated reports met in a block) is never needed: it is
    # not stored.
    strong = values >= threshold
    graph = coo_matrix((np.ones(int(strong.sum())), (first[strong], second[strong])), shape=(n, n))
    _count, component = connected_components(graph, directed=False)
    inside = (component[first] == component[second]) & (first != second)
    tables: dict[int, dict[int, list[float]]] = {a: {} for a in range(n)}  # [sum, count, vetoed]
    for i, j, value in zip(first[inside].tolist(), second[inside].tolist(), values[inside].tolist(), strict=True):
        entry = tables[i].get(j)
        if entry is None:
            entry = tables[i][j] = tables[j][i] = [0.0, 0.0, 0.0]
        if value < 0:
            entry[2] = 1.0
        else:
            entry[0] += value
            entry[1] += 1.0
    members: dict[int, list[int]] = {a: [a] for a in range(n)}
    trait: dict[int, S] = dict(enumerate(traits)) if traits is not None and join is not None else {}
    # Merges in one component never touch another's tables, so each component is agglomerated on its own
    # heap: the same merges in the same order as on one heap for all, on heaps a fraction of the size.
    if threshold <= 0 or n >= 1 << 32:
        raise ValueError(f"cluster_scored: threshold {threshold} must be above 0 and n {n} below 2**32")
    scale = _key_scale(threshold)
    whole = int(max(1.0, float(values.max(initial=0.0))) * scale)  # at least every average times scale
    queued: dict[int, list[int]] = defaultdict(list)
    labels = component.tolist()
    for a, table in tables.items():
        for b, (total, count, veto) in table.items():
            if a < b and not veto and count and total / count >= threshold:
                queued[labels[a]].append(((whole - int(total / count * scale)) << 64) | (a << 32) | b)
    for heap in queued.values():
        heapq.heapify(heap)
        _agglomerate_component(heap, tables, members, trait, join, threshold, scale, whole)
    return sorted((sorted(group) for group in members.values()), key=lambda g: g[0])
