"""Agglomerative clustering with a pairwise score, inside blocks: the one algorithm behind event clusters
(store) and the ECB+ evaluation, so what is scored is what runs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")
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


MAX_COMPONENT = 400  # agglomeration is cubic in a component's size: larger ones are split first


def _split_component(
    members: list[int], pairs: list[tuple[int, int, float]], threshold: float
) -> list[tuple[list[int], list[tuple[int, int, float]]]]:
    """A component too large to agglomerate, cut along its weakest links: the pairs below the median score
    among those reaching the threshold stop connecting it (they still count inside each part)."""
    strong = sorted({value for _i, _j, value in pairs if value >= threshold})
    if len(strong) < 2:  # every link equally strong: nothing to cut along, so cut into pieces in order
        pieces = [members[k : k + MAX_COMPONENT] for k in range(0, len(members), MAX_COMPONENT)]
        piece_of = {item: k for k, piece in enumerate(pieces) for item in piece}
        within: list[list[tuple[int, int, float]]] = [[] for _ in pieces]
        for pair in pairs:
            if piece_of[pair[0]] == piece_of[pair[1]]:
                within[piece_of[pair[0]]].append(pair)
        return list(zip(pieces, within, strict=True))
    cut = strong[max(1, len(strong) // 2)]
    parent = {item: item for item in members}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, value in pairs:
        if value >= cut:
            parent[find(i)] = find(j)
    parts: dict[int, list[int]] = {}
    for item in members:
        parts.setdefault(find(item), []).append(item)
    inside: dict[int, list[tuple[int, int, float]]] = {}
    for i, j, value in pairs:
        if find(i) == find(j):
            inside.setdefault(find(i), []).append((i, j, value))
    return [(part, inside.get(root, [])) for root, part in parts.items()]


def cluster_pairs(n: int, scores: dict[tuple[int, int], float], *, threshold: float) -> list[list[int]]:
    """Average-link clusters of n items when only some pairs were scored: the average between two groups is
    over their scored pairs (a pair never compared is no evidence either way; a vetoed one keeps them apart).
    The work is done per connected component of the pairs reaching the threshold, so memory stays linear in
    the pairs."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), value in scores.items():
        if value >= threshold:
            parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(find(i), []).append(i)
    pairs_of: dict[int, list[tuple[int, int, float]]] = {}
    for (i, j), value in scores.items():
        root = find(i)
        if root == find(j):
            pairs_of.setdefault(root, []).append((i, j, value))
    groups: list[list[int]] = []
    pending = [(members, pairs_of.get(root, [])) for root, members in components.items()]
    while pending:
        members, pairs = pending.pop()
        if len(members) == 1:
            groups.append(members)
            continue
        if len(members) > MAX_COMPONENT:
            pending.extend(_split_component(members, pairs, threshold))
            continue
        position = {item: k for k, item in enumerate(members)}
        values = np.zeros((len(members), len(members)))
        known = np.zeros((len(members), len(members)), dtype=bool)
        for i, j, value in pairs:
            values[position[i], position[j]] = values[position[j], position[i]] = value
            known[position[i], position[j]] = known[position[j], position[i]] = True
        groups.extend([members[k] for k in group] for group in _agglomerate(values, threshold, "average", known))
    return sorted(groups, key=lambda g: g[0])
