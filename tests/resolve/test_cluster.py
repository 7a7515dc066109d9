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
