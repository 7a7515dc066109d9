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
        dense = sorted(sorted(g) for g in cluster._agglomerate(values, 0.5, "average", known))
        assert cluster.cluster_pairs(n, scores, threshold=0.5) == dense


def test_cluster_pairs_of_a_component_of_thousands_of_equal_copies_is_one_cluster():
    from newsledger.resolve import cluster

    # 3,000 copies of one report, each compared with its 20 neighbours, one of them vetoed with the last copy.
    scores = {(k, k + d): 0.9 for k in range(3000) for d in range(1, 21) if k + d < 3000}
    scores[(0, 2999)] = CANNOT_LINK
    groups = cluster.cluster_pairs(3000, scores, threshold=0.5)
    assert sum(len(g) for g in groups) == 3000
    assert not any(0 in g and 2999 in g for g in groups)
    assert max(len(g) for g in groups) >= 2900
