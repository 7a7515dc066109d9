"""Our quotes and textacy's `direct_quotations` from the same parse, as plain records, for side-by-side scoring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import InputError
from newsledger.model import Article, Quote
from newsledger.nlp.process import Budget, pipe_articles, record_from_doc


@dataclass(frozen=True)
class QuotesOfArticle:
    ours: tuple[Quote, ...]
    textacy: tuple[Quote, ...]
    error: str | None = None  # why the article could not be processed (it is then scored with no output)


def textacy_quotations(doc: Doc) -> tuple[Quote, ...]:
    """textacy's direct quotations as Quote records; an article it gives up on (odd mark count) yields none."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return ()
    quotes = []
    for n, triple in enumerate(triples, start=1):
        content = triple.content
        speaker = triple.speaker
        cue = triple.cue
        quotes.append(
            Quote(
                id=f"t{n}",
                text=content.text,
                start=content.start_char,
                end=content.end_char,
                kind="direct",
                speaker_text=" ".join(t.text for t in speaker),
                speaker_start=speaker[0].idx if speaker else None,
                speaker_end=speaker[-1].idx + len(speaker[-1]) if speaker else None,
                cue=" ".join(t.text for t in cue),
                cue_start=cue[0].idx if cue else None,
                cue_end=cue[-1].idx + len(cue[-1]) if cue else None,
            )
        )
    return tuple(quotes)


def quotes_with_baseline(
    nlp: Language, articles: Iterable[Article], *, baseline: bool = True, batch_size: int = 8
) -> Iterator[QuotesOfArticle]:
    """One result per article, in order; an article the pipeline fails on comes back empty with its error."""
    # No time limit: a slow article under load must not change a score.
    docs = pipe_articles(nlp, articles, batch_size=batch_size, budget=Budget(nlp.max_length, seconds=None))
    for doc in docs:
        yield QuotesOfArticle((), (), doc.reason) if isinstance(doc, InputError) else _result(doc, baseline)


def _result(doc: Doc, baseline: bool) -> QuotesOfArticle:
    record = record_from_doc(doc)
    return QuotesOfArticle(record.quotes, textacy_quotations(doc) if baseline else ())
