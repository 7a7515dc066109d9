"""Running the whole pipeline over plain texts for the arguments evaluation, with a naive dependency baseline.

The baseline takes our events' triggers and reads their arguments off the parse the simplest way: the verb's
nsubj is the source, its dobj or nsubjpass the target, the GPE or LOC name nearest the trigger the place. Kept
in extract/ so that no spaCy object leaves it: callers get the record and plain character spans back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsledger.model import Article, ArticleRecord
from newsledger.nlp.pipeline import pipeline_version
from newsledger.nlp.process import PIPE_BATCH_SIZE, record_from_doc
from newsledger.nlp.state import attach_article

Span = tuple[int, int]


@dataclass(frozen=True)
class BaselineArguments:
    source: Span | None
    target: Span | None
    place: Span | None


def records_with_baseline(
    nlp: Language, articles: Iterable[Article]
) -> Iterator[tuple[ArticleRecord, dict[str, BaselineArguments]]]:
    """For each article: its record (what `process_article` returns) and the baseline's arguments of each of its
    events, by event id."""
    version = pipeline_version(nlp)
    docs = (attach_article(nlp.make_doc(article.text), article) for article in articles)
    for doc in nlp.pipe(docs, batch_size=PIPE_BATCH_SIZE):
        record = record_from_doc(doc, version)
        yield record, {event.id: _baseline(doc, event.trigger.start) for event in record.events}


def _baseline(doc: Doc, trigger_start: int) -> BaselineArguments:
    span = doc.char_span(trigger_start, trigger_start + 1, alignment_mode="expand")
    if span is None:
        return BaselineArguments(None, None, None)
    token = span.root
    source = next((c for c in token.children if c.dep_ == "nsubj"), None)
    target = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    places = [ent for ent in doc.ents if ent.label_ in ("GPE", "LOC")]
    nearest = min(places, key=lambda ent: abs(ent.start_char - trigger_start), default=None)
    return BaselineArguments(
        _token_span(source), _token_span(target), (nearest.start_char, nearest.end_char) if nearest else None
    )


def _token_span(token: Token | None) -> Span | None:
    return (token.idx, token.idx + len(token.text)) if token is not None else None
