from __future__ import annotations

import pytest
import spacy

from newsledger.model import Article, ArticleRecord
from newsledger.nlp import process_article, process_articles

pytestmark = pytest.mark.model

TEXTS = [
    "Rebels attacked the town of Kunduz on Monday, officials said.",
    "The United Nations said it would send aid to Yemen next week.",
    "Police arrested 12 protesters in Lagos, witnesses told Reuters.",
]


def test_process_spans_match_the_text(nlp):
    record = process_article(nlp, Article.from_text(TEXTS[0], published="2021-09-06"))
    text = record.article.text
    for entity in record.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    assert record.pipeline.startswith("newsledger-")


def test_process_batched_equals_one_by_one(nlp):
    articles = [Article.from_text(t, published="2021-09-06") for t in TEXTS]
    one_by_one = [process_article(nlp, a).to_json() for a in articles]
    batched = [r.to_json() for r in process_articles(nlp, articles, batch_size=2) if isinstance(r, ArticleRecord)]
    assert batched == one_by_one


def test_process_components_work_in_a_users_pipeline():
    import newsledger.extract  # noqa: F401 - registers the components
    from newsledger.nlp.pipeline import MODEL

    user_nlp = spacy.load(MODEL)
    user_nlp.add_pipe("newsledger_entities")
    doc = user_nlp("Officials in Kabul said the talks would go on.")
    state = doc._.newsledger
    assert state is not None
    assert any(e.name == "Kabul" for e in state.entities)
