"""The batch output folder: manifest, staged writes, stale files, and readers refusing an unfinished batch."""

from __future__ import annotations

import pytest

from newsledger.batch.output import (
    MANIFEST,
    PartitionEntry,
    append_manifest,
    iter_records,
    read_manifest,
    remove_unlisted_files,
    write_partition,
)
from newsledger.batch.tables import record_tables
from newsledger.batch.worker import PartitionResult
from newsledger.errors import NewsledgerError
from newsledger.model import Article, ArticleRecord


def _result(index: int, text: str) -> PartitionResult:
    record = ArticleRecord(article=Article.from_text(text, published="2024-04-04"))
    return PartitionResult(index=index, digest=f"{index:064d}", tables=record_tables([record]), articles=1, rejected=())


def test_output_manifest_ignores_a_torn_last_line_and_missing_files(tmp_path):
    entry = write_partition(tmp_path, _result(0, "A ferry sank near the port."), partition_name="part-0")
    append_manifest(tmp_path, entry)
    gone = PartitionEntry(index=1, digest="1" * 64, articles=1, files=("articles/published=2024-04-04/gone.parquet",))
    append_manifest(tmp_path, gone)
    with open(tmp_path / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write('{"partition": 2, "digest": "2')  # a run killed mid-write
    assert list(read_manifest(tmp_path)) == [(0, "0" * 64)]
    assert not (tmp_path / "_tmp" / "part-0").exists()


def test_output_removes_files_no_partition_lists(tmp_path):
    kept = write_partition(tmp_path, _result(0, "A bridge collapsed after the storm."), partition_name="part-0")
    write_partition(tmp_path, _result(1, "Rain flooded the old town."), partition_name="part-1")
    assert remove_unlisted_files(tmp_path, [kept]) == 1
    assert sorted(p.name for p in tmp_path.rglob("*.parquet")) == ["part-0.parquet"]


def test_output_readers_refuse_an_unfinished_batch(tmp_path):
    with pytest.raises(NewsledgerError, match=r"\[E704\]"):
        list(iter_records(tmp_path))
    append_manifest(tmp_path, write_partition(tmp_path, _result(0, "Talks ended."), partition_name="p"))
    with pytest.raises(NewsledgerError, match=r"\[E706\]"):
        list(iter_records(tmp_path))
