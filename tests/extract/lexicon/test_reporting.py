from __future__ import annotations

from newsledger.extract.lexicon.reporting import (
    CLAIM_VERBS,
    DENY_VERBS,
    HEADLINE_PRESENT_VERBS,
    NARRATING_VERBS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    SPOKEN_POLARITIES,
    UNCOMPARED_REPORTING_WORDS,
)


def test_reporting_every_subset_is_drawn_from_the_base_list():
    verbs = set(REPORTING_VERBS)
    assert NARRATING_VERBS <= HEADLINE_PRESENT_VERBS <= verbs
    assert SPOKEN_POLARITIES <= set(REPORTING_VERBS.values())
    assert SPEECH_VERBS <= verbs and CLAIM_VERBS <= verbs and DENY_VERBS <= verbs
    assert {REPORTING_VERBS[verb] for verb in DENY_VERBS} == {"deny", "dismiss"}
    # the inflected forms are the only words of the claims list that are not lemmas of the base list
    assert UNCOMPARED_REPORTING_WORDS - verbs == {"says", "said", "reports"}


def test_reporting_polarity_of_a_word_in_two_groups_is_the_later_one():
    # "claim" is a plain saying verb and a claim; the claim group, added later, decides
    assert REPORTING_VERBS["claim"] == "claim"
    assert REPORTING_VERBS["deny"] == "deny"
    assert REPORTING_VERBS["say"] == "say"
