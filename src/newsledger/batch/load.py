"""A finished batch output into the store: each record saved through the store's own idempotent path (one
transaction per article; the same record again changes nothing), the batch's rejected inputs recorded once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsledger.batch.output import REJECTED, iter_records, read_summary
from newsledger.errors import InputError
from newsledger.model import ArticleRecord

if TYPE_CHECKING:
    from newsledger.service import IngestSummary
    from newsledger.store import Store


@dataclass
class LoadSummary:
    records: Any  # the service's IngestSummary: inserted, updated, unchanged
    rejected_recorded: int = 0
    rejected_known: int = 0  # already in the store's rejected table from an earlier load

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = self.records.as_dict()
        for key in ("rejected", "rejected_by_reason"):  # the store's pipeline rejections: none when loading
            data.pop(key, None)
        data.update(rejected_recorded=self.rejected_recorded, rejected_known=self.rejected_known)
        return data


def batch_size_of(out: Path) -> int:
    """How many records a finished batch output holds (raises NewsledgerError if it is not finished)."""
    return int(read_summary(out).get("articles", 0))


def read_rejected(out: Path) -> list[InputError]:
    path = out / REJECTED
    if not path.exists():
        return []
    errors = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            errors.append(InputError(str(data["source"]), str(data["reason"]), code=data.get("code")))
    return errors


def load_batch(out: Path, store: Store, *, progress: Callable[[int], None] | None = None) -> LoadSummary:
    """Save every record of the batch in `out` into `store`; a second load of the same output changes nothing."""
    from newsledger.service import save_records

    read_summary(out)  # refuses an unfinished batch before anything is written

    def counted(records: Iterator[ArticleRecord]) -> Iterator[ArticleRecord]:
        for record in records:
            yield record
            if progress is not None:
                progress(1)

    stored: IngestSummary = save_records(store, counted(iter_records(out)))
    summary = LoadSummary(records=stored)
    known = store.rejected_keys()
    for error in read_rejected(out):
        if (error.source, error.reason) in known:
            summary.rejected_known += 1
            continue
        store.reject_error(error)
        known.add((error.source, error.reason))
        summary.rejected_recorded += 1
    return summary
