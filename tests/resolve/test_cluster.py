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


def test_cluster_a_component_too_large_to_agglomerate_is_cut_along_its_weakest_links():
    from newsledger.resolve import cluster

    # Two tight groups of 300 joined by a chain of weak links: one component above the size limit.
    scores = {}
    for base in (0, 300):
        for k in range(base, base + 299):
            scores[(k, k + 1)] = 0.95
    scores[(299, 300)] = 0.6
    groups = cluster.cluster_pairs(600, scores, threshold=0.5)
    assert sorted(len(g) for g in groups)[-1] <= cluster.MAX_COMPONENT
    assert all(max(g) < 300 or min(g) >= 300 for g in groups)  # the weak link is the one cut


def test_cluster_an_oversized_component_of_equal_links_still_ends():
    from newsledger.resolve import cluster

    scores = {(k, k + 1): 0.9 for k in range(999)}
    groups = cluster.cluster_pairs(1000, scores, threshold=0.5)
    assert sum(len(g) for g in groups) == 1000
    assert max(len(g) for g in groups) <= cluster.MAX_COMPONENT
