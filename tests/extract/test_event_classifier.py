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


def test_event_classifier_embeds_sentences_on_one_blas_thread(monkeypatch):
    seen = []

    class Encoder:
        def embed(self, texts):
            seen.append({pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"})
            return [[1.0, 0.0] for _ in texts]

    monkeypatch.setattr(event_classifier, "minilm_encoder", Encoder)
    vectors = event_classifier.embed_sentences(SENTENCES[:2])
    assert vectors is not None and vectors.shape == (2, 2)
    assert seen == [{1}]
