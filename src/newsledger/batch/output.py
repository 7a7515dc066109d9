"""The batch output folder: Parquet datasets, the manifest of finished partitions, the rejected inputs.

    OUT/_manifest.jsonl          one line per finished partition (appended once its files are in place)
    OUT/_batch.json              the summary, written when a run ends; `complete` says whether load may read it
    OUT/rejected.jsonl           one line per rejected input: source, code, reason
    OUT/<kind>/published=<YYYY-MM-DD>/part-<index>-<digest>.parquet   kind: articles, entities, places, ...

A partition's files are written under OUT/_tmp first and renamed into place (a rename is atomic), then the
manifest line is appended and synced. A run killed at any point therefore leaves either a finished partition
listed in the manifest, or files that the next run overwrites with identical names: never a partition listed
but missing, and never one counted twice. Readers (`newsledger load`) read only the files the manifest lists.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.batch.tables import KINDS, NO_DATE, RECORD_COLUMN
from newsledger.batch.worker import PartitionResult, Rejection
from newsledger.errors import UNNUMBERED, Errors, InputError, NewsledgerError
from newsledger.model import ArticleRecord

MANIFEST = "_manifest.jsonl"
SUMMARY = "_batch.json"
REJECTED = "rejected.jsonl"
STAGING = "_tmp"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PartitionEntry:
    """A finished partition as the manifest records it."""

    index: int
    digest: str
    articles: int
    files: tuple[str, ...]  # relative to the output folder
    rejected: tuple[Rejection, ...] = ()

    @property
    def key(self) -> tuple[int, str]:
        return (self.index, self.digest)

    def to_json(self) -> str:
        data = {
            "partition": self.index,
            "digest": self.digest,
            "articles": self.articles,
            "files": list(self.files),
            "rejected": [{"source": r.source, "code": r.code, "reason": r.reason} for r in self.rejected],
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> PartitionEntry:
        data = json.loads(line)
        return cls(
            index=int(data["partition"]),
            digest=str(data["digest"]),
            articles=int(data["articles"]),
            files=tuple(str(f) for f in data["files"]),
            rejected=tuple(_rejection(item) for item in data.get("rejected", [])),
        )


def _rejection(item: dict[str, str] | list[str]) -> Rejection:
    if isinstance(item, dict):
        return Rejection(str(item["source"]), str(item["code"]), str(item["reason"]))
    # A manifest written before the code had a field of its own kept [source, reason]: the reason is kept as it
    # was, and the code is unknown (E000) rather than read out of the text.
    source, reason = item
    return Rejection(str(source), UNNUMBERED, str(reason))


def read_manifest(out: Path) -> dict[tuple[int, str], PartitionEntry]:
    """Finished partitions by (index, digest). A torn last line (a run killed mid-write) is not a partition."""
    entries: dict[tuple[int, str], PartitionEntry] = {}
    path = out / MANIFEST
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = PartitionEntry.from_json(line)
        except (ValueError, KeyError, TypeError):
            continue
        if all((out / f).is_file() for f in entry.files):
            entries[entry.key] = entry
    return entries


def rewrite_manifest(out: Path, entries: Iterable[PartitionEntry]) -> None:
    ordered = sorted(entries, key=lambda e: e.index)
    write_atomic(out / MANIFEST, "".join(e.to_json() + "\n" for e in ordered))


def append_manifest(out: Path, entry: PartitionEntry) -> None:
    with open(out / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write(entry.to_json() + "\n")
        manifest.flush()
        os.fsync(manifest.fileno())


def write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def partition_file(kind: str, date: str, partition_name: str) -> str:
    folder_date = date if _DATE.fullmatch(date) else NO_DATE
    return f"{kind}/published={folder_date}/{partition_name}.parquet"


def write_partition(out: Path, result: PartitionResult, *, partition_name: str) -> PartitionEntry:
    """Write a partition's files (staged, then renamed into place) and return its manifest entry."""
    staging = out / STAGING / partition_name
    staging.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, str]] = []
    # Staged side by side in one folder: a partition writes a file per kind and date (8 kinds x 4 dates for 4
    # articles of different days), and a copy of the dataset's folder tree per partition cost a batch client more
    # in making and removing folders than in writing Parquet.
    for (kind, date), data in sorted(result.files.items()):
        relative = partition_file(kind, date, partition_name)
        temporary = staging / relative.replace("/", "~")
        temporary.write_bytes(data)
        staged.append((temporary, relative))
    folders: set[Path] = set()
    for temporary, relative in staged:
        folder = (out / relative).parent
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        os.replace(temporary, out / relative)
    shutil.rmtree(staging, ignore_errors=True)
    return PartitionEntry(
        index=result.index,
        digest=result.digest,
        articles=result.articles,
        files=tuple(relative for _, relative in staged),
        rejected=result.rejected,
    )


def remove_unlisted_files(out: Path, entries: Iterable[PartitionEntry]) -> int:
    """Delete dataset files no finished partition lists (left by a changed input or an interrupted write)."""
    listed = {f for entry in entries for f in entry.files}
    removed = 0
    for kind in KINDS:
        folder = out / kind
        if not folder.is_dir():
            continue
        for file in folder.rglob("*.parquet"):
            if file.relative_to(out).as_posix() not in listed:
                file.unlink()
                removed += 1
        for date_folder in folder.iterdir():
            if date_folder.is_dir() and not any(date_folder.iterdir()):
                date_folder.rmdir()
    return removed


def write_rejected(out: Path, rejected: Iterable[InputError]) -> None:
    lines = (json.dumps({"source": e.source, "code": e.code, "reason": e.reason}, ensure_ascii=False) for e in rejected)
    write_atomic(out / REJECTED, "".join(line + "\n" for line in lines))


def read_summary(out: Path) -> dict[str, Any]:
    """The summary of the last run; raises NewsledgerError when OUT is not a finished batch output."""
    if not (out / MANIFEST).exists():
        raise NewsledgerError(Errors.E704.format(path=out, manifest=MANIFEST))
    try:
        summary: dict[str, Any] = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
    except FileNotFoundError:
        done = len(read_manifest(out))
        raise NewsledgerError(Errors.E706.format(path=out, done=done, planned="?")) from None
    except (OSError, ValueError) as exc:
        raise NewsledgerError(Errors.E707.format(path=out, reason=str(exc)[:200])) from None
    if not summary.get("complete"):
        raise NewsledgerError(
            Errors.E706.format(path=out, done=summary.get("finished", "?"), planned=summary.get("partitions", "?"))
        )
    return summary


def iter_records(out: Path) -> Iterator[ArticleRecord]:
    """Every record of a finished batch output, partition by partition, read from the lossless record JSON."""
    for text in iter_record_json(out):
        yield ArticleRecord.from_json(text)


def iter_record_json(out: Path) -> Iterator[str]:
    """The record JSON strings as written (byte for byte what `ArticleRecord.to_json()` gave), in partition order."""
    import pyarrow.parquet as pq

    read_summary(out)
    root = out.resolve()
    for entry in sorted(read_manifest(out).values(), key=lambda e: e.index):
        for relative in entry.files:
            if relative.startswith("articles/"):
                if not (out / relative).resolve().is_relative_to(root):  # a crafted manifest ("articles/../..")
                    raise NewsledgerError(Errors.E707.format(path=out, reason=f"{Errors.E015}: {relative}"))
                yield from pq.read_table(out / relative, columns=[RECORD_COLUMN]).column(RECORD_COLUMN).to_pylist()
