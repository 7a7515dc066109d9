"""The per-article budget: a text over the character budget, or an article that runs past the time budget, is
rejected alone with its reason; the articles beside it in the same batch are processed."""

from __future__ import annotations

import signal
import threading
import time

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import InputError
from newsledger.model import Article, ArticleRecord
from newsledger.nlp import process_articles
from newsledger.nlp.budget import OverTimeBudget, time_budget

SLOW_WORD = "glacial"


@Language.component("newsledger_test_slow_on_word")
def slow_on_word(doc: Doc) -> Doc:
    if SLOW_WORD in doc.text:
        time.sleep(60)  # stopped by the budget long before
    return doc


def make_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsledger_test_slow_on_word")
    return nlp


def article(text: str, source: str) -> Article:
    return Article.from_text(text, source=source)


def test_budget_text_over_the_character_budget_is_rejected_alone():
    articles = [article("The army said.", "a"), article("word " * 50, "long"), article("The mayor said.", "b")]
    results = list(process_articles(make_nlp(), articles, batch_size=8, max_chars=100))
    assert [type(r).__name__ for r in results] == ["ArticleRecord", "InputError", "ArticleRecord"]
    error = results[1]
    assert isinstance(error, InputError) and error.code == "E106" and error.source == "long"
    assert "250 characters" in error.reason and "budget of 100" in error.reason


def test_budget_article_past_the_time_budget_is_rejected_alone():
    articles = [article("The army said.", "a"), article(f"A {SLOW_WORD} report.", "slow"), article("Then.", "b")]
    results = list(process_articles(make_nlp(), articles, batch_size=8, max_seconds=0.5))
    assert [r.source if isinstance(r, InputError) else r.article.source for r in results] == ["a", "slow", "b"]
    assert [type(r) for r in results] == [ArticleRecord, InputError, ArticleRecord]
    assert isinstance(results[1], InputError) and results[1].code == "E107"


def test_budget_timer_puts_back_a_timer_the_caller_had_set():
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_budget(5):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 20 < remaining <= 30
        assert signal.getsignal(signal.SIGALRM) is not None and fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_budget_timer_is_a_no_op_outside_the_main_thread():
    outcome: list[str] = []

    def work() -> None:
        with time_budget(0.01):
            time.sleep(0.1)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


def test_budget_timer_raises_in_the_main_thread():
    with pytest.raises(OverTimeBudget), time_budget(0.05):
        time.sleep(5)
