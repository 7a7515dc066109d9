"""Running the time extractor over plain texts for evaluation, with the spaCy + dateparser baseline beside it.

Kept in extract/ so that no spaCy object leaves it: callers get plain `TimeExpr` records back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import InputError
from newsledger.model import Article, TimeExpr
from newsledger.nlp.process import Budget, pipe_articles
from newsledger.nlp.state import get_state


def times_with_baseline(
    nlp: Language, items: Iterable[tuple[str, str]], *, baseline: bool = True
) -> Iterator[tuple[list[TimeExpr], list[TimeExpr]]]:
    """For each (text, publication date): our time expressions, and the baseline's (spaCy DATE/TIME spans
    valued by dateparser against the publication date)."""
    articles = (Article.from_text(text, published=published) for text, published in items)
    # No time limit: a slow article under load must not change a score.
    for doc in pipe_articles(nlp, articles, batch_size=8, budget=Budget(nlp.max_length, seconds=None)):
        if isinstance(doc, InputError):
            raise doc  # the gold document cannot be scored
        yield list(get_state(doc).times), (_baseline(doc) if baseline else [])


def _baseline(doc: Doc) -> list[TimeExpr]:
    import dateparser

    published = get_state(doc).article.published or ""
    # without a publication date the baseline values nothing (never the day it runs, so runs repeat)
    base = dt.datetime.fromisoformat(published[:10]) if published else None
    settings = {"RELATIVE_BASE": base}
    out = []
    for index, ent in enumerate(e for e in doc.ents if e.label_ in ("DATE", "TIME")):
        parsed = dateparser.parse(ent.text, languages=["en"], settings=settings) if base else None
        value = None
        if parsed is not None:
            value = parsed.date().isoformat() if ent.label_ == "DATE" else parsed.isoformat(timespec="minutes")
        out.append(
            TimeExpr(
                id=f"t{index + 1}",
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                value=value,
                type=ent.label_,
            )
        )
    return out
