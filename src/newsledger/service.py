"""The ledger's one flow: articles in, records stored, then resolved across articles. `ingest`, `reprocess`,
`demo`, `watch` (also inside `serve --watch`) and `load` (a batch output) all go through here, so each text is
processed and saved the same way whoever asks.

Texts already stored by the same pipeline version are skipped before the pipeline runs; the rest go through
`process_articles` (nlp.pipe) in batches and are saved one article per transaction, so a run killed at any moment
leaves only whole articles and the next run does the rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsledger.errors import Errors, InputError
from newsledger.model import Article, ArticleRecord

if TYPE_CHECKING:
    from spacy.language import Language

    from newsledger.resolve import ResolveSummary
    from newsledger.store.db import SaveResult, Store

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    ingested: int = 0
    updated: int = 0  # stored before by another pipeline version, now re-processed
    unchanged: int = 0  # stored before by this pipeline version (or repeated within the run)
    rejected: list[InputError] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the run stored anything new (and resolution across articles has something to do)."""
        return bool(self.ingested or self.updated)

    def rejected_by_reason(self) -> Counter[str]:
        return Counter(error.reason.split(":")[0] if error.code != "E000" else error.reason for error in self.rejected)

    def as_dict(self) -> dict[str, object]:
        return {
            "ingested": self.ingested,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
            "rejected_by_reason": dict(self.rejected_by_reason()),
        }

    def count(self, result: SaveResult) -> None:
        if result == "inserted":
            self.ingested += 1
        elif result == "updated":
            self.updated += 1
        else:
            self.unchanged += 1


def ingest_articles(
    store: Store,
    nlp: Language,
    inputs: Iterable[Article | InputError],
    *,
    batch_size: int = 32,
    progress: Progress | None = None,
    on_reject: Callable[[InputError], None] | None = None,
) -> IngestSummary:
    """Store the records of `inputs`; InputErrors (and articles the pipeline fails on) are recorded in the store
    and go to `rejected`. `progress(n)` is called as n more inputs are done."""
    from newsledger.nlp import pipeline_version, process_articles

    version = pipeline_version(nlp)
    summary = IngestSummary()
    seen: set[str] = set()

    def rejected(error: InputError) -> None:
        store.reject_error(error)
        summary.rejected.append(error)
        if on_reject is not None:
            on_reject(error)

    for chunk in _chunks(inputs, batch_size):
        articles: list[Article] = []
        for item in chunk:
            if isinstance(item, InputError):
                rejected(item)
            else:
                articles.append(item)
        stored = store.stored_pipelines(a.id for a in articles)
        todo: list[Article] = []
        for article in articles:
            if article.id in seen or stored.get(article.id) == version:
                summary.unchanged += 1
            else:
                todo.append(article)
            seen.add(article.id)
        done_without_pipeline = len(chunk) - len(todo)
        if progress is not None and done_without_pipeline:
            progress(done_without_pipeline)
        for result in process_articles(nlp, todo):
            if isinstance(result, InputError):
                rejected(result)
            else:
                saved = _save(store, result)
                if isinstance(saved, InputError):
                    rejected(saved)
                else:
                    summary.count(saved)
            if progress is not None:
                progress(1)
    return summary


def _save(store: Store, record: ArticleRecord) -> SaveResult | InputError:
    """Save one record; a value the database refuses (a NUL on PostgreSQL, a field wider than its column) is
    that article's rejection. A database that cannot be reached stops the run: that is no input's fault."""
    try:
        return store.save_record(record)
    except ValueError as exc:  # Invalid: a value the database refused; a text the driver cannot encode
        reason = str(exc).splitlines()[0][:200]
    return InputError(record.article.source or record.article.id, Errors.E303.format(reason=reason))


def _chunks(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    chunk: list[Article | InputError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def stale_count(store: Store, nlp: Language) -> int:
    """How many stored articles have records from another pipeline version than `nlp`'s."""
    from newsledger.nlp import pipeline_version

    return sum(1 for _ in store.iter_records(pipeline_not=pipeline_version(nlp)))


def reprocess_stored(
    store: Store, nlp: Language, *, batch_size: int = 32, progress: Progress | None = None
) -> IngestSummary:
    """Re-run the pipeline on every stored article whose record came from another pipeline version."""
    from newsledger.nlp import pipeline_version

    version = pipeline_version(nlp)
    articles = (record.article for record in store.iter_records(pipeline_not=version))
    return ingest_articles(store, nlp, articles, batch_size=batch_size, progress=progress)


def save_records(store: Store, records: Iterable[ArticleRecord]) -> IngestSummary:
    """Records made elsewhere (`newsledger batch`) into the store, idempotently."""
    summary = IngestSummary()
    for record in records:
        summary.count(store.save_record(record))
    return summary


def resolve_ledger(store: Store, *, scope: Collection[str] | None = None) -> ResolveSummary:
    """Actors, event clusters and cross-article disputes, recomputed over the whole store (or, with `scope`, the
    ids of the articles stored since the last resolve, only what those articles touch)."""
    from newsledger.resolve import resolve_store

    return resolve_store(store, scope=scope)
