"""Our quotes and textacy's `direct_quotations` from the same parse, as plain records, for side-by-side scoring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.model import Article, Quote
from newsledger.nlp.process import record_from_doc
from newsledger.nlp.state import attach_article


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
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _run(nlp, batch, baseline)
            batch = []
    if batch:
        yield from _run(nlp, batch, baseline)


def _run(nlp: Language, batch: list[Article], baseline: bool) -> Iterator[QuotesOfArticle]:
    try:
        docs = list(nlp.pipe(attach_article(nlp.make_doc(a.text), a) for a in batch))
    except Exception:  # noqa: BLE001 - retried one by one below so one article cannot take the batch
        docs = []
    if len(docs) == len(batch):
        for doc in docs:
            yield _result(doc, baseline)
        return
    for article in batch:
        try:
            doc = nlp(attach_article(nlp.make_doc(article.text), article))
        except Exception as exc:  # noqa: BLE001 - scored as no output, reported in the notes
            yield QuotesOfArticle((), (), f"{type(exc).__name__}: {str(exc)[:200]}")
            continue
        yield _result(doc, baseline)


def _result(doc: Doc, baseline: bool) -> QuotesOfArticle:
    record = record_from_doc(doc)
    return QuotesOfArticle(record.quotes, textacy_quotations(doc) if baseline else ())
