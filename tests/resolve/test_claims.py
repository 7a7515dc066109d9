from __future__ import annotations

from newsledger.resolve.claims import ClaimRef, cross_article_disputes, proposition_similarity


def test_claims_denial_in_one_article_disputes_assertion_in_another():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "Rebels captured the northern dam"),
        ClaimRef(2, "a2", "Wire B", "denies", "rebels captured the northern dam"),
        ClaimRef(3, "a2", "Wire B", "asserts", "Rebels captured the northern dam"),  # same article as the denial
        ClaimRef(4, "a3", "Wire C", "denies", "The ministry raised fuel prices"),
    ]
    assert cross_article_disputes(claims) == [(2, 1, 1.0)]


def test_claims_same_event_cluster_links_even_with_different_wording():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "Fighters took the valley", cluster_id=5),
        ClaimRef(2, "a2", "Wire B", "denies", "Claims of a fall are false", cluster_id=5),
        ClaimRef(3, "a3", "Wire C", "denies", "Claims of a fall are false", cluster_id=6),
    ]
    assert cross_article_disputes(claims) == [(2, 1, 1.0)]
    assert proposition_similarity("the dam was captured", "captured dam") == 1.0
