from __future__ import annotations

import numpy as np

from newsledger.resolve.claims import ClaimRef, cross_article_disputes, proposition_similarity


def test_claims_denial_in_one_article_disputes_assertion_in_another_once():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "Rebels captured the Mosul dam"),
        ClaimRef(2, "a2", "Wire B", "denies", "rebels captured the Mosul dam"),
        ClaimRef(3, "a2", "Wire B", "asserts", "Rebels captured the Mosul dam"),  # same article as the denial
        ClaimRef(4, "a3", "Wire C", "denies", "The ministry raised fuel prices"),
    ]
    assert cross_article_disputes(claims) == [(2, 1, 1.0)]


def test_claims_uncertain_or_unverified_claims_dispute_nothing():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "Rebels captured the Mosul dam"),
        ClaimRef(2, "a2", "Wire B", "uncertain", "rebels captured the Mosul dam"),
        ClaimRef(3, "a3", "Wire C", "unverified", "rebels captured the Mosul dam"),
    ]
    assert cross_article_disputes(claims) == []


def test_claims_one_event_cluster_is_not_enough_without_a_shared_subject():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "Fighters took the valley", cluster_id=5),
        ClaimRef(2, "a2", "Wire B", "denies", "The prosecutor once lost a case", cluster_id=5),
        ClaimRef(3, "a3", "Wire C", "denies", "Fighters never took the valley town", cluster_id=5),
        ClaimRef(4, "a4", "Wire D", "denies", "Fighters never reached the valley town after the storm", cluster_id=6),
    ]
    assert cross_article_disputes(claims) == [(3, 1, 0.6)]  # 4 shares as much, but of another event
    assert proposition_similarity("the dam was captured", "captured dam") == 1.0


class _Judge:
    """A stance model stub: related when the two share a word, disagreeing when the second says 'hoax'."""

    def probabilities(self, pairs):
        related = np.array([float(bool(set(a.lower().split()) & set(b.lower().split()))) for a, b in pairs])
        stance = np.array([[0.1, 0.8, 0.1] if "hoax" in b else [0.8, 0.1, 0.1] for a, b in pairs])
        return related, stance


def test_claims_the_stance_model_decides_between_two_assertions():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "The giant spider in the Eastgate mall is real"),
        ClaimRef(2, "a2", "Wire B", "asserts", "The giant spider in the Eastgate mall is a hoax"),
        ClaimRef(3, "a3", "Wire C", "asserts", "The giant spider in the Eastgate mall is real indeed"),
    ]
    assert cross_article_disputes(claims, stance_model=_Judge()) == [(2, 1, 0.667), (2, 3, 0.571)]
    assert cross_article_disputes(claims) == []  # without a model two assertions never dispute


def test_claims_one_shared_verb_no_named_subject_or_the_outlets_own_denial_dispute_nothing():
    claims = [
        ClaimRef(1, "a1", "Wire A", "asserts", "The senator released a statement after the vote", claimant="e1"),
        ClaimRef(2, "a2", "Wire B", "denies", "Released", claimant="e4"),  # one verb: released what?
        ClaimRef(3, "a3", "Wire C", "denies", "The courts released the defendants", claimant="reporter"),
        ClaimRef(4, "a4", "Wire D", "asserts", "The police arrested the protesters near the bridge", claimant="e2"),
        ClaimRef(5, "a5", "Wire E", "denies", "police arrested the protesters near the bridge", claimant="e3"),
        ClaimRef(6, "a6", "Wire F", "asserts", "Police in Lyon arrested the bakery bomber", claimant="e5"),
        ClaimRef(7, "a7", "Wire G", "denies", "Police in Lyon arrested the bakery bomber", claimant="e6"),
        ClaimRef(8, "a8", "Wire H", "denies", "Police in Lyon arrested the bakery bomber", claimant="reporter"),
    ]
    # 4 and 5 share every word but no name (which police, which bridge?); 8 is the outlet's own voice.
    assert cross_article_disputes(claims) == [(7, 6, 1.0)]
