"""The single path from an Article to an ArticleRecord, used by the CLI, the store, the API and the batch runner."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import Errors, InputError
from newsledger.model import Article, ArticleRecord
from newsledger.nlp.budget import ARTICLE_CHAR_BUDGET, ARTICLE_TIME_BUDGET, OverTimeBudget, time_budget
from newsledger.nlp.pipeline import pipeline_version
from newsledger.nlp.state import attach_article, get_state


def process_article(nlp: Language, article: Article) -> ArticleRecord:
    """Run the pipeline on one article and return its record. Raises InputError if a component fails."""
    (result,) = process_articles(nlp, [article])
    if isinstance(result, InputError):
        raise result
    return result


# Articles per nlp.pipe batch. Measured on 32 PolNeAR articles of 5-11 kB (all components): peak RSS 822 MB at
# 1, 892 MB at 4, 978 MB at 8 and 1,148 MB at 16, with 4 as fast as any; larger batches only hold more parser
# activations at once, which is what pushed a batch worker over 1 GB.
PIPE_BATCH_SIZE = 4


def process_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = PIPE_BATCH_SIZE,
    max_chars: int = ARTICLE_CHAR_BUDGET,
    max_seconds: float | None = ARTICLE_TIME_BUDGET,
) -> Iterator[ArticleRecord | InputError]:
    """Batched `process_article` through `nlp.pipe`, in input order (see `pipe_articles`)."""
    version = pipeline_version(nlp)
    for result in pipe_articles(nlp, articles, batch_size=batch_size, budget=Budget(max_chars, max_seconds)):
        yield result if isinstance(result, InputError) else record_from_doc(result, version)


@dataclass(frozen=True)
class Budget:
    """What one article may cost (`nlp/budget.py`): characters, never more than spaCy's own limit, and seconds
    for a batch (None: no time limit)."""

    chars: int = ARTICLE_CHAR_BUDGET
    seconds: float | None = ARTICLE_TIME_BUDGET

    def rejection(self, article: Article, nlp: Language) -> InputError | None:
        if len(article.text) <= min(self.chars, nlp.max_length):
            return None
        if len(article.text) > nlp.max_length:  # spaCy's own limit (its E088)
            reason = Errors.E103.format(chars=len(article.text), limit=nlp.max_length)
        else:
            reason = Errors.E106.format(chars=len(article.text), limit=self.chars)
        return InputError(article.source or article.id, reason)


def pipe_articles(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = PIPE_BATCH_SIZE, budget: Budget = Budget()
) -> Iterator[Doc | InputError]:
    """Each article's processed Doc, through `nlp.pipe` in batches, in input order; for extract/'s evaluation
    runners, which read more of a Doc than its record keeps (the Docs stay in nlp/ and extract/).

    A component that fails on one article must not take its batch with it: the batch is then re-run one
    article at a time and the failing one comes back as an InputError naming it. An article over the budget
    of characters or time (`nlp/budget.py`) comes back as an InputError too.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _pipe_batch(nlp, batch, budget)
            batch = []
    if batch:
        yield from _pipe_batch(nlp, batch, budget)


def _pipe_batch(nlp: Language, batch: list[Article], budget: Budget) -> Iterator[Doc | InputError]:
    over = {index: error for index, article in enumerate(batch) if (error := budget.rejection(article, nlp))}
    if over:
        # Rejected here, before any component: spaCy would refuse a text over its limit and fail the whole batch.
        fitting = iter(_pipe_batch(nlp, [a for i, a in enumerate(batch) if i not in over], budget))
        for index in range(len(batch)):
            yield over[index] if index in over else next(fitting)
        return
    try:
        with time_budget(budget.seconds):
            docs = list(nlp.pipe((_make_doc(nlp, a) for a in batch), batch_size=len(batch)))
    except (Exception, OverTimeBudget):  # noqa: BLE001 - isolate the failing (or slow) article below
        docs = None
    if docs is not None:
        yield from docs
        return
    for article in batch:
        try:
            with time_budget(budget.seconds):
                doc = nlp(_make_doc(nlp, article))
        except OverTimeBudget:
            yield InputError(article.source or article.id, Errors.E107.format(seconds=budget.seconds))
            continue
        except Exception as exc:  # noqa: BLE001 - reported per article, the run goes on
            reason = Errors.E101.format(name=type(exc).__name__, reason=str(exc)[:200])
            yield InputError(article.source or article.id, reason)
            continue
        yield doc


def _make_doc(nlp: Language, article: Article) -> Doc:
    return attach_article(nlp.make_doc(article.text), article)


def record_from_doc(doc: Doc, version: str = "") -> ArticleRecord:
    state = get_state(doc)
    return ArticleRecord(
        article=state.article,
        entities=tuple(state.entities),
        places=tuple(state.places),
        times=tuple(state.times),
        quotes=tuple(state.quotes),
        quantities=tuple(state.quantities),
        events=tuple(state.events),
        claims=tuple(state.claims),
        pipeline=version,
        warnings=tuple(state.warnings),
    )
