"""The extractors' speed-ups only save work: with each one switched off, the records are the same.

A filter tests words in the per-doc arrays before the rules make Tokens of them (`events._REPORTING_WORDS`,
`events._may_report`); it must accept every word a rule could take, so a rule that learns a new word must teach
its filter too. These tests run the seed report and sentences that reach each rule's own words with the filter on
and off. The events component embeds the unsure sentences of a batch of docs in one MiniLM call
(`events.extract_events_of_batch`): the records are those of one doc at a time. The violence and cue searches run
case-sensitive on lowered text where that finds what the case-blind search finds (`event_classifier.shows_violence`,
`_cue_counts`).
"""

from __future__ import annotations

import pytest

from newsledger.extract import event_classifier, events
from newsledger.extract.event_lexicon import acled_cue_counts
from newsledger.model import Article
from newsledger.nlp import process_article, process_articles
from tests.conftest import SEED_TEXT

TEXTS = (
    "A suicide bomber blew himself up at a checkpoint in Kabul on Monday, killing five soldiers.",
    "Two bombs went off near the market. Militants set off a car bomb outside the embassy.",
    "Thousands took to the streets of Khartoum. Nurses went on strike over pay; a general strike was called.",
    "Shootings in Belfast continued. Clashes Erupt In Gaza As Protesters Rally.",
    "The rebels said they were ready to negotiate. He was charged with treason and the army opened fire.",
    "Warnings were telephoned before each explosion, police said. Police are hunting a suspect.",
    "A truck crashed into a patrol in Mosul. The convoy carried food aid to the town; the militia pressured "
    "villagers to leave. Airstrikes hit the school and three people died.",
    "The government called on the rebels to withdraw. They were evacuated after the floods killed 45 people.",
)


class _EveryWord:
    def __contains__(self, word: object) -> bool:
        return True


def _records(nlp, texts):
    return [process_article(nlp, Article.from_text(text, published="2021-09-06")).to_json() for text in texts]


@pytest.mark.model
def test_speedups_trigger_filter_keeps_every_trigger(nlp, monkeypatch):
    texts = (SEED_TEXT.read_text(encoding="utf-8"), *TEXTS)
    filtered = _records(nlp, texts)
    monkeypatch.setattr(events, "_REPORTING_WORDS", _EveryWord())
    monkeypatch.setattr(events, "_may_report", lambda *args: True)
    assert _records(nlp, texts) == filtered


# Sentences the sub-type classifier is unsure of (CASE-2021 dev snippets): each doc asks MiniLM for one.
UNSURE = (
    "Multiple workers at a Pittsburgh area gas plant were hurt when a tank at the plant exploded Thursday night. "
    "Four people were injured, and airlifted to nearby hospitals",
    "Georgia Tech students rioted on campus Monday after police fatally shot a student who was carrying a small "
    "knife over the weekend",
    "Taliban spokesman Zabiullah Mujahid denied his group was responsible for the attack, killing 17 people and "
    "wounding dozens",
    "A quiet day in the capital: the parliament met and adjourned.",
)


@pytest.mark.model
def test_speedups_a_batch_embeds_once_with_the_records_of_one_doc_at_a_time(nlp, monkeypatch):
    alone = _records(nlp, UNSURE)
    asked: list[int] = []
    embed = event_classifier.embed_sentences

    def counted(texts):
        asked.append(len(texts))
        return embed(texts)

    monkeypatch.setattr(event_classifier, "embed_sentences", counted)
    articles = [Article.from_text(text, published="2021-09-06") for text in UNSURE]
    batched = [record.to_json() for record in process_articles(nlp, articles, batch_size=4)]
    assert batched == alone
    assert asked == [3]


def test_speedups_cue_searches_on_lowered_text_find_what_the_case_blind_ones_find():
    texts = [
        *TEXTS,
        "AIRSTRIKES HIT THE TOWN",
        "Gunmen Opened Fire On Protesters",
        "a quiet day",
        "BOMB\u212aED",  # the Kelvin sign folds to an ASCII k under IGNORECASE
        "the b\u0131mb",  # dotless i
        "\u0130ED blast",  # dotted capital I lowers to two characters
        "air \u017ftrike",  # long s
        "Caf\u00e9 bombing",
        "\uff21ir strike",  # a full-width letter
    ]
    assert event_classifier._VIOLENCE_LOWERED is not None
    assert event_classifier._LOWERED_CUES is not None
    for text in texts:
        assert event_classifier.shows_violence(text) == (event_classifier._VIOLENCE.search(text) is not None), text
        assert event_classifier._cue_counts(text) == acled_cue_counts(text), text
