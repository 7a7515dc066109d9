"""Batch inputs: files and folders of articles read in a fixed order, cut into partitions that are the same every
time the same inputs are given, so a restarted batch recognizes the partitions it has already written.

Text, HTML, JSON and JSONL files go through the ingest readers, so a batch reads an article exactly as
`newsledger extract` does; Parquet files (one article per row: `text`, and optionally `url`, `outlet`, `title`,
`published`) are read row by row through the same JSON reader.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.errors import Errors, InputError
from newsledger.ingest import DEFAULT_MAX_BYTES, read_bytes, read_path
from newsledger.ingest.read import SUPPORTED_SUFFIXES, guarded, source_name
from newsledger.ingest.sources import walk_folder
from newsledger.model import Article

PARQUET_SUFFIXES = {".parquet", ".pq"}
BATCH_SUFFIXES = SUPPORTED_SUFFIXES | PARQUET_SUFFIXES
PARQUET_ROWS_PER_READ = 1024


@dataclass(frozen=True)
class Partition:
    """A slice of the input stream, processed as one task. Its digest names its contents, not its position."""

    index: int
    articles: tuple[Article, ...]
    digest: str

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}-{self.digest[:16]}"


@dataclass
class InputTally:
    """What reading the inputs met besides articles: rejected inputs and repeated articles."""

    rejected: list[InputError] = field(default_factory=list)
    duplicates: int = 0
    articles: int = 0


def iter_inputs(paths: Sequence[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """Every article (or rejection) of the inputs, in a fixed order: arguments as given, folders sorted."""
    for path in paths:
        if path.is_dir():
            files = []
            # Hidden files are skipped; what cannot be read (a FIFO, a dangling link, a link out of the folder)
            # is rejected by name (the walk is ingest's, so both commands meet a folder the same way).
            for found in walk_folder(path):
                if isinstance(found, InputError):
                    yield found
                else:
                    files.append(found)
            for file in sorted(files, key=lambda file: file.relative_to(path).as_posix()):
                yield from _read_file(file, max_bytes=max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes=max_bytes)
        else:
            yield InputError(source_name(path), Errors.E702)


def _read_file(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    if path.suffix.lower() in PARQUET_SUFFIXES:
        yield from guarded(source_name(path), read_parquet(path, max_bytes=max_bytes))
    else:
        yield from read_path(path, max_bytes=max_bytes)


def read_parquet(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """One article per row; a row is read like a JSON object, so its checks and errors are the same."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = source_name(path)
    try:
        parquet_file = pq.ParquetFile(path)
        row_batches = parquet_file.iter_batches(batch_size=PARQUET_ROWS_PER_READ)
        row_number = 0
        for row_batch in row_batches:
            for row in row_batch.to_pylist():
                row_number += 1
                data = json.dumps(row, ensure_ascii=False, default=_json_scalar).encode("utf-8")
                yield from read_bytes(data, source=f"{source}:{row_number}", suffix=".json", max_bytes=max_bytes)
    except (OSError, pa.ArrowException) as exc:
        yield InputError(source, Errors.E703.format(reason=str(exc).splitlines()[0][:200]))


def _json_scalar(value: Any) -> str:
    # Parquet dates and timestamps become ISO text, which the reader's date parser accepts.
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def article_digest(article: Article) -> str:
    """Fingerprint of everything that goes into an article's record (text and metadata)."""
    canonical = json.dumps(article.__dict__, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def partition_inputs(
    results: Iterable[Article | InputError], *, partition_size: int, tally: InputTally, limit: int | None = None
) -> Iterator[Partition]:
    """Cut the stream into partitions of `partition_size` articles.

    An article whose id was already seen is counted as a duplicate and not processed again (the store keeps one
    article per id anyway). Rejections are collected in `tally`. With `limit`, stops after that many articles.
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    seen: set[str] = set()
    pending: list[Article] = []
    index = 0
    for result in results:
        if isinstance(result, InputError):
            tally.rejected.append(result)
            continue
        if result.id in seen:
            tally.duplicates += 1
            continue
        if limit is not None and tally.articles >= limit:
            break
        seen.add(result.id)
        tally.articles += 1
        pending.append(result)
        if len(pending) == partition_size:
            yield _make_partition(index, pending)
            index += 1
            pending = []
    if pending:
        yield _make_partition(index, pending)


def _make_partition(index: int, articles: list[Article]) -> Partition:
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article_digest(article).encode("ascii"))
    return Partition(index=index, articles=tuple(articles), digest=digest.hexdigest())
