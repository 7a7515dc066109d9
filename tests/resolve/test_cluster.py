from __future__ import annotations

from newsledger.resolve.cluster import CANNOT_LINK, cluster_items


def test_cluster_average_link_groups_close_items_and_respects_blocks():
    items = [1.0, 1.2, 1.4, 9.0, 9.1, 30.0]
    groups = cluster_items(items, score=lambda a, b: 1 - abs(a - b) / 2, threshold=0.5)
    assert groups == [[0, 1, 2], [3, 4], [5]]
    blocked = cluster_items(items, score=lambda a, b: 1.0, threshold=0.5, block=lambda x: x > 5)
    assert blocked == [[0, 1, 2], [3, 4, 5]]


def test_cluster_a_vetoed_pair_never_ends_up_together():
    items = ["a", "b", "c"]

    def score(x: str, y: str) -> float:
        return CANNOT_LINK if {x, y} == {"a", "c"} else 0.9

    groups = cluster_items(items, score=score, threshold=0.5)
    assert all(not ({0, 2} <= set(group)) for group in groups)
    assert sorted(len(g) for g in groups) == [1, 2]


def test_cluster_pairs_never_compared_are_no_evidence_against_a_merge():
    from newsledger.resolve.cluster import cluster_pairs

    # 0-1 and 1-2 are strong, 0-2 was never scored (met through different blocks): one group.
    assert cluster_pairs(3, {(0, 1): 0.9, (1, 2): 0.8}, threshold=0.5) == [[0, 1, 2]]
    # a pair scored low still counts: the average 2-{0,1} is (0.8 + 0.0) / 2 < 0.5
    assert cluster_pairs(3, {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.0}, threshold=0.5) == [[0, 1], [2]]
    assert cluster_pairs(3, {(0, 1): 0.9, (1, 2): 0.8, (0, 2): -1.0}, threshold=0.5) == [[0, 1], [2]]


def test_cluster_pairs_is_average_link_over_the_scored_pairs_on_random_graphs():
    import random

    import numpy as np

    from newsledger.resolve import cluster

    for trial in range(200):
        rng = random.Random(trial)
        n = rng.randint(2, 30)
        scores: dict[tuple[int, int], float] = {}
        for _ in range(rng.randint(1, 4 * n)):
            i, j = sorted(rng.sample(range(n), 2))
            scores[(i, j)] = CANNOT_LINK if rng.random() < 0.15 else rng.random()
        values = np.zeros((n, n))
        known = np.zeros((n, n), dtype=bool)
        for (i, j), value in scores.items():
            values[i, j] = values[j, i] = value
            known[i, j] = known[j, i] = True
        for threshold in (0.5, 0.3, 0.15):  # averages in [0.125, 0.25) and [0.25, 0.5) order exactly too
            dense = sorted(sorted(g) for g in cluster._agglomerate(values, threshold, "average", known))
            assert cluster.cluster_pairs(n, scores, threshold=threshold) == dense


def test_cluster_pairs_with_traits_merges_the_best_joinable_average_first_on_random_graphs():
    import random

    from newsledger.resolve import cluster

    def join(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
        first, last = min(a[0], b[0]), max(a[1], b[1])
        return (first, last) if last - first <= 3 else None  # monotone: a wider group never joins again

    def reference(n: int, scores: dict[tuple[int, int], float], days: list[int]) -> list[list[int]]:
        groups = [[i] for i in range(n)]
        while True:
            best = None
            for x in range(len(groups)):
                for y in range(x + 1, len(groups)):
                    between = [
                        scores.get((min(i, j), max(i, j)))
                        for i in groups[x]
                        for j in groups[y]
                        if (min(i, j), max(i, j)) in scores
                    ]
                    if not between or any(v < 0 for v in between):
                        continue
                    average = sum(between) / len(between)
                    span = [days[i] for i in groups[x] + groups[y]]
                    if average >= 0.4 and max(span) - min(span) <= 3 and (best is None or average > best[0]):
                        best = (average, x, y)
            if best is None:
                return sorted(sorted(g) for g in groups)
            _average, x, y = best
            groups[x] = groups[x] + groups.pop(y)

    for trial in range(150):
        rng = random.Random(1000 + trial)
        n = rng.randint(2, 14)
        days = [rng.randint(0, 8) for _ in range(n)]
        scores: dict[tuple[int, int], float] = {}
        for _ in range(rng.randint(1, 3 * n)):
            i, j = sorted(rng.sample(range(n), 2))
            scores[(i, j)] = CANNOT_LINK if rng.random() < 0.1 else rng.random()
        traits = [(day, day) for day in days]
        got = cluster.cluster_pairs(n, scores, threshold=0.4, traits=traits, join=join)
        assert got == reference(n, scores, days)


def test_cluster_pairs_of_a_component_of_thousands_of_equal_copies_is_one_cluster():
    from newsledger.resolve import cluster

    # 3,000 copies of one report, each compared with its 20 neighbours, one of them vetoed with the last copy.
    scores = {(k, k + d): 0.9 for k in range(3000) for d in range(1, 21) if k + d < 3000}
    scores[(0, 2999)] = CANNOT_LINK
    groups = cluster.cluster_pairs(3000, scores, threshold=0.5)
    assert sum(len(g) for g in groups) == 3000
    assert not any(0 in g and 2999 in g for g in groups)
    assert max(len(g) for g in groups) >= 2900
