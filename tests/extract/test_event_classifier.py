"""The runtime sub-type classifier (`extract/event_classifier.py`): its cue features and the violence gate, on
sentences the tests write."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from newsledger.extract import event_classifier
from newsledger.extract.event_lexicon import COMPILED_ACLED_CUES, VIOLENCE_CUE_GROUPS, acled_cue_counts

SENTENCES = [
    "Warplanes bombed the market and killed twelve civilians, local officials said.",
    "Police fired tear gas at protesters who had blocked the main road.",
    "The rebels seized the town after heavy fighting with government troops.",
    "A suicide bomber blew himself up at a checkpoint near the airport.",
    "Gunmen abducted two aid workers on their way to the camp.",
    "The minister said talks on the new budget would resume next week.",
    "Floods destroyed hundreds of homes in the north of the country.",
    "",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_event_classifier_cue_counts_equal_the_lexicons_own(sentence):
    # the per-group prefilter may only skip groups that match nothing
    assert event_classifier._cue_counts(sentence) == acled_cue_counts(sentence)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_event_classifier_violence_gate_agrees_with_the_violence_cue_groups(sentence):
    expected = any(pattern.search(sentence) for group in VIOLENCE_CUE_GROUPS for pattern in COMPILED_ACLED_CUES[group])
    assert event_classifier.shows_violence(sentence) is expected


def test_event_classifier_violence_gate_tells_violence_from_politics():
    assert event_classifier.shows_violence(SENTENCES[0])
    assert not event_classifier.shows_violence(SENTENCES[5])


def test_event_classifier_runs_blas_on_one_thread_inside_its_limit():
    with event_classifier._single_threaded():
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
