"""A record the database refuses costs that article alone: it is rejected (E303) and the run goes on.

Regression: a NUL in stored text raised psycopg's DataError out of the whole run on PostgreSQL (SQLite stores it)."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.model import Article, Entity, Mention
from newsledger.nlp.state import get_state
from newsledger.service import ingest_articles
from tests.hardening.corpus import report


@Language.component("newsledger_test_nul_entity")
def nul_entity(doc: Doc) -> Doc:
    if "poison" in doc.text:
        start = doc.text.index("poison")
        mention = Mention(start, start + 6, "poison")
        get_state(doc).entities.append(Entity(id="e1", name="poi\x00son", type="ORG", mentions=(mention,)))
    return doc


def test_ingest_guard_a_record_the_database_refuses_is_rejected_alone(store):
    nlp = spacy.blank("en")
    nlp.add_pipe("newsledger_test_nul_entity")
    articles = [
        Article.from_text(report(1), source="a.txt"),
        Article.from_text(report(2) + " The poison was found.", source="b.txt"),
        Article.from_text(report(3), source="c.txt"),
    ]
    summary = ingest_articles(store, nlp, articles)
    stored = {row["source"] for row in store.articles(limit=10)}
    assert {"a.txt", "c.txt"} <= stored
    if store.dialect == "postgresql":  # PostgreSQL refuses a NUL in text; SQLite keeps it
        assert summary.ingested == 2 and [e.code for e in summary.rejected] == ["E303"]
        assert [r["source"] for r in store.rejected_inputs()] == ["b.txt"]
    else:
        assert summary.ingested == 3 and not summary.rejected
