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
