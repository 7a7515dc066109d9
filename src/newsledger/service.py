"""The ledger's one flow: articles in, records stored, then resolved across articles. `ingest`, `reprocess`,
`demo`, `watch` (also inside `serve --watch`) and `load` (a batch output) all go through here, so each text is
processed and saved the same way whoever asks.

Texts already stored by the same pipeline version are skipped before the pipeline runs; the rest go through
`process_articles` (nlp.pipe) in batches and are saved one article per transaction, so a run killed at any moment
leaves only whole articles and the next run does the rest.

Each article is read with its outlet's home as the ledger has learnt it from the outlet's stored reports
(gazetteer/homes.py: local news names its towns bare); at the end of a run, the reports of the outlets it
touched whose home has changed since they were read (the first reports of a new outlet, read before any home
was known) are read again with it."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsledger.errors import Errors, InputError
from newsledger.model import Article, ArticleRecord

if TYPE_CHECKING:
    from spacy.language import Language

    from newsledger.gazetteer.homes import OutletHomes, PlaceVote
    from newsledger.resolve import ResolveSummary
    from newsledger.store.db import SaveResult, Store

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    ingested: int = 0
    updated: int = 0  # stored before by another pipeline version, now re-processed
    unchanged: int = 0  # stored before by this pipeline version (or repeated within the run)
    rejected: list[InputError] = field(default_factory=list)
    read_again: int = 0  # stored reports read again with their outlet's home, learnt since they were read

    @property
    def changed(self) -> bool:
        """Whether the run stored anything new (and resolution across articles has something to do)."""
        return bool(self.ingested or self.updated or self.read_again)

    def rejected_by_reason(self) -> Counter[str]:
        return Counter(error.reason.split(":")[0] if error.code != "E000" else error.reason for error in self.rejected)

    def as_dict(self) -> dict[str, object]:
        return {
            "ingested": self.ingested,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
            "rejected_by_reason": dict(self.rejected_by_reason()),
            "read_again_for_outlet_home": self.read_again,
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
    every_outlet: bool = False,
) -> IngestSummary:
    """Store the records of `inputs`; InputErrors (and articles the pipeline fails on) are recorded in the store
    and go to `rejected`. `progress(n)` is called as n more inputs are done. At the end, reports whose outlet's
    home has changed since they were read are read again: those of the outlets the run stored reports of, or
    (`every_outlet`) of any outlet."""
    from newsledger.nlp import pipeline_version, process_articles

    version = pipeline_version(nlp)
    summary = IngestSummary()
    seen: set[str] = set()
    homes = learnt_homes(store)
    touched: set[str] = set()

    def rejected(error: InputError) -> None:
        store.reject_error(error)
        summary.rejected.append(error)
        if on_reject is not None:
            on_reject(error)

    def with_home(article: Article) -> Article:  # asked as the pipeline reaches the article, so it is current
        return dataclasses.replace(article, outlet_home=homes.home(article.outlet))

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
        for result in process_articles(nlp, (with_home(article) for article in todo)):
            if isinstance(result, InputError):
                rejected(result)
            else:
                saved = _save(store, result)
                if isinstance(saved, InputError):
                    rejected(saved)
                else:
                    summary.count(saved)
                    homes.add_record(result)
                    if result.article.outlet:
                        touched.add(result.article.outlet)
            if progress is not None:
                progress(1)
    outlets = None if every_outlet else touched
    summary.read_again = read_again_for_homes(store, nlp, homes, outlets, on_reject=rejected)
    return summary


def learnt_homes(store: Store) -> OutletHomes:
    """Every outlet's home as the ledger's stored places make it (gazetteer/homes.py); an outlet's reports are
    read from the store the first time the outlet is asked about."""
    from newsledger.gazetteer.homes import CONFIDENT, OutletHomes, votes_of
    from newsledger.gazetteer.index import get_gazetteer

    def load(outlet: str) -> list[tuple[str, list[PlaceVote]]]:
        return [(article_id, votes_of(places)) for article_id, places in store.outlet_reports(outlet, CONFIDENT)]

    return OutletHomes(get_gazetteer(), load=load)


def read_again_for_homes(
    store: Store,
    nlp: Language,
    homes: OutletHomes,
    outlets: Collection[str] | None,
    *,
    on_reject: Callable[[InputError], None] | None = None,
) -> int:
    """Read again each stored report of `outlets` (None: of every outlet) that was read with another home than
    its outlet's as learnt now, in the order they were stored; each report read again adds its votes before
    the next is asked about (as the evaluation does). Once per run: a home that moves again is taken up by the
    next. Returns how many were stored anew."""
    from newsledger.nlp import process_articles

    if outlets is not None and not outlets:
        return 0
    read_with = store.homes_read_with(outlets)

    def stale() -> Iterator[Article]:
        for article_id, (outlet, home) in read_with.items():
            if homes.home(outlet) == home:
                continue
            record = store.get_record(article_id)
            if record is not None:
                yield dataclasses.replace(record.article, outlet_home=homes.home(outlet))

    done = 0
    for result in process_articles(nlp, stale()):
        saved = result if isinstance(result, InputError) else _save(store, result)
        if isinstance(saved, InputError):
            if on_reject is not None:
                on_reject(saved)
        elif not isinstance(result, InputError):
            homes.add_record(result)
            done += saved == "updated"
    return done


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
    """Re-run the pipeline on every stored article whose record came from another pipeline version, then on
    every one read with another home than its outlet's as the ledger has learnt it."""
    from newsledger.nlp import pipeline_version

    version = pipeline_version(nlp)
    articles = (record.article for record in store.iter_records(pipeline_not=version))
    # Records loaded from a batch run (`newsledger load`) were read without the ledger's homes: taken up here.
    return ingest_articles(store, nlp, articles, batch_size=batch_size, progress=progress, every_outlet=True)


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
