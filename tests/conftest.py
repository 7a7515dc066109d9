"""Shared fixtures. Model-backed tests load the pipeline once per test process."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "panjshir.txt"
SEED_GOLD = SHARED / "seed" / "panjshir.gold.json"
EVAL = SHARED / "eval"


def skip_or_fail(reason: str) -> None:
    """Skip a test whose server or browser is missing on a developer's machine; fail in CI, which always
    provides them (.ci/run sets NEWSLEDGER_REQUIRE_SERVICES=1), so a green CI never hides a skipped backend."""
    import os

    if os.environ.get("NEWSLEDGER_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def nlp():
    """The full newsledger pipeline (English model + our components)."""
    from newsledger.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_record(nlp):
    """The record of the founding example report, as `extract` would produce it."""
    from newsledger.model import Article
    from newsledger.nlp import process_article

    text = SEED_TEXT.read_text(encoding="utf-8")
    article = Article.from_text(text, outlet="Iran News", published="2021-09-06")
    return process_article(nlp, article)


@pytest.fixture
def make_record(nlp):
    """Process a text the test writes itself."""
    from newsledger.model import Article
    from newsledger.nlp import process_article

    def make(text: str, *, published: str = "2021-09-06", outlet: str | None = None):
        return process_article(nlp, Article.from_text(text, published=published, outlet=outlet))

    return make


@pytest.fixture(scope="session")
def parsed_doc():
    """Build a parsed Doc by hand, as spaCy's own tests do (no trained model): one row per token,
    `word head dep pos tag lemma` (head as an absolute index; a trailing `_` on the word means no space after it),
    and entities as (start, end, label) token spans."""
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab

    def make(rows: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
        fields = [line.split() for line in rows.strip().splitlines()]
        words = [f[0].removesuffix("_") if f[0] != "_" else f[0] for f in fields]
        spaces = [not f[0].endswith("_") or f[0] == "_" for f in fields]
        spaces[-1] = False
        doc = Doc(
            vocab,
            words=words,
            spaces=spaces,
            heads=[int(f[1]) for f in fields],
            deps=[f[2] for f in fields],
            pos=[f[3] for f in fields],
            tags=[f[4] for f in fields],
            lemmas=[f[5] for f in fields],
        )
        doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label) for s, e, label in ents]
        return doc

    return make
