"""The batch output folder: manifest, staged writes, stale files, and readers refusing an unfinished batch."""

from __future__ import annotations

import json
from dataclasses import replace

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
from newsledger.batch.tables import parquet_files, record_tables
from newsledger.batch.worker import PartitionResult, Rejection
from newsledger.errors import Errors, InputError, NewsledgerError
from newsledger.model import Article, ArticleRecord


def _result(index: int, text: str) -> PartitionResult:
    record = ArticleRecord(article=Article.from_text(text, published="2024-04-04"))
    return PartitionResult(
        index=index, digest=f"{index:064d}", files=parquet_files(record_tables([record])), articles=1, rejected=()
    )


def test_output_manifest_ignores_a_torn_last_line_and_missing_files(tmp_path):
    entry = write_partition(tmp_path, _result(0, "A ferry sank near the port."), partition_name="part-0")
    append_manifest(tmp_path, entry)
    gone = PartitionEntry(index=1, digest="1" * 64, articles=1, files=("articles/published=2024-04-04/gone.parquet",))
    append_manifest(tmp_path, gone)
    with open(tmp_path / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write('{"partition": 2, "digest": "2')  # a run killed mid-write
    assert list(read_manifest(tmp_path)) == [(0, "0" * 64)]
    assert not (tmp_path / "_tmp" / "part-0").exists()


def test_output_partition_of_several_days_lands_in_each_days_folder_and_leaves_no_staging(tmp_path):
    records = [
        ArticleRecord(article=Article.from_text("A ferry sank near the port.", published="2024-04-04")),
        ArticleRecord(article=Article.from_text("Rain flooded the old town.", published="2024-04-05")),
    ]
    result = PartitionResult(
        index=3, digest="3" * 64, files=parquet_files(record_tables(records)), articles=2, rejected=()
    )
    entry = write_partition(tmp_path, result, partition_name="part-3")
    assert "articles/published=2024-04-04/part-3.parquet" in entry.files
    assert "articles/published=2024-04-05/part-3.parquet" in entry.files
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet")) == sorted(entry.files)
    assert not (tmp_path / "_tmp" / "part-3").exists()


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


def test_output_manifest_keeps_each_rejections_code_in_its_own_field(tmp_path):
    failed = InputError("feed.xml#3", Errors.E101.format(name="x", reason="[E999] odd text"))
    entry = write_partition(tmp_path, _result(0, "Talks resumed."), partition_name="part-0")
    append_manifest(tmp_path, replace(entry, rejected=(Rejection.of(failed),)))
    line = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert line["rejected"] == [{"source": "feed.xml#3", "code": "E101", "reason": str(failed.reason)}]
    (read_back,) = read_manifest(tmp_path).values()
    error = read_back.rejected[0].error()
    assert (error.source, error.code, error.reason) == ("feed.xml#3", "E101", failed.reason)


def test_output_manifest_written_before_codes_had_a_field_still_reads(tmp_path):
    entry = write_partition(tmp_path, _result(0, "Talks resumed."), partition_name="part-0")
    old = json.loads(entry.to_json())
    old["rejected"] = [["a.txt", "[E101] pipeline component 'x' failed: y"]]
    (tmp_path / MANIFEST).write_text(json.dumps(old) + "\n", encoding="utf-8")
    (read_back,) = read_manifest(tmp_path).values()
    (rejection,) = read_back.rejected
    # the reason as it was; the number unknown rather than read out of the text
    assert rejection == Rejection("a.txt", "E000", "[E101] pipeline component 'x' failed: y")
