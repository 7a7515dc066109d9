"""Shared fixtures. Model-backed tests load the pipeline once per test process."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "panjshir.txt"
SEED_GOLD = SHARED / "seed" / "panjshir.gold.json"
EVAL = SHARED / "eval"


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
