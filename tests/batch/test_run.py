"""`run_batch` and `newsledger batch` on a real local 2-worker Dask cluster, over a few dozen short articles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.batch.inputs import iter_inputs
from newsledger.batch.output import MANIFEST, REJECTED, SUMMARY, iter_record_json, iter_records, read_manifest
from newsledger.batch.run import dask_client, run_batch
from newsledger.cli import app
from newsledger.errors import NewsledgerError
from newsledger.model import Article
from newsledger.nlp import process_article
from tests.batch.conftest import article_texts, write_jsonl

pytestmark = pytest.mark.model

ARTICLES = 30
BROKEN_LINES = ('{"text": ""}', "this line is not JSON")


@pytest.fixture(scope="module")
def batch_input(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch-input")
    return write_jsonl(folder / "articles.jsonl", article_texts(ARTICLES), extra_lines=BROKEN_LINES)


@pytest.fixture(scope="module")
def finished_batch(dask_client, batch_input, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch-out")
    summary = run_batch([batch_input], out, client=dask_client, partition_size=7)
    return out, summary


def test_run_writes_every_article_once_with_valid_spans(finished_batch):
    out, summary = finished_batch
    records = list(iter_records(out))
    assert summary.complete
    assert summary.partitions == 5  # 30 articles in partitions of 7
    assert summary.articles == ARTICLES
    assert len({record.article.id for record in records}) == ARTICLES
    assert len(records) == ARTICLES
    mentions = [m for record in records for entity in record.entities for m in entity.mentions]
    assert mentions, "the entity stage found nothing in articles that name cities"
    for record in records:
        text = record.article.text
        for entity in record.entities:
            for mention in entity.mentions:
                assert text[mention.start : mention.end] == mention.text
        for time_expr in record.times:
            assert text[time_expr.start : time_expr.end] == time_expr.text


def test_run_writes_one_dataset_per_kind_partitioned_by_date(finished_batch):
    import pyarrow.dataset as ds

    out, _ = finished_batch
    articles = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert articles.num_rows == ARTICLES
    assert sorted(set(articles.column("published").to_pylist())) == ["2024-03-01", "2024-03-02", "2024-03-03"]
    entities = ds.dataset(out / "entities", format="parquet", partitioning="hive").to_table()
    expected_entities = sum(len(record.entities) for record in iter_records(out))
    assert entities.num_rows == expected_entities
    assert set(entities.column("article_id").to_pylist()) <= set(articles.column("id").to_pylist())


def test_run_lists_rejected_inputs(finished_batch, batch_input):
    out, summary = finished_batch
    lines = [json.loads(line) for line in (out / REJECTED).read_text(encoding="utf-8").splitlines()]
    assert [line["source"] for line in lines] == [f"{batch_input}:{ARTICLES + 1}", f"{batch_input}:{ARTICLES + 2}"]
    assert [line["code"] for line in lines] == ["E006", "E005"]
    assert len(summary.rejected) == 2


def test_run_records_are_byte_identical_to_process_article(finished_batch, batch_input, nlp):
    out, _ = finished_batch
    articles = [a for a in iter_inputs([batch_input]) if isinstance(a, Article)]
    expected = sorted(process_article(nlp, article).to_json() for article in articles)
    assert sorted(iter_record_json(out)) == expected


def test_run_records_are_byte_identical_to_extract(finished_batch, batch_input):
    out, _ = finished_batch
    result = CliRunner().invoke(app, ["extract", str(batch_input)])
    assert result.exit_code == 1  # the two broken lines are rejected
    printed = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert sorted(printed) == sorted(iter_record_json(out))


def test_run_records_are_byte_identical_to_ingest(finished_batch, batch_input, tmp_path):
    from newsledger.store import Store

    out, _ = finished_batch
    db = tmp_path / "ingested.db"
    result = CliRunner().invoke(app, ["ingest", str(batch_input), "--db", str(db), "--no-fetch", "--no-resolve"])
    assert result.exit_code == 1, result.output  # the two broken lines are rejected, the rest stored
    with Store.open(db) as store:
        stored = sorted(record.to_json() for record in store.iter_records())
    assert len(stored) == ARTICLES
    assert stored == sorted(iter_record_json(out))


def test_run_resumes_after_a_partial_run_without_reprocessing(dask_client, batch_input, tmp_path, finished_batch):
    partial = run_batch([batch_input], tmp_path, client=dask_client, partition_size=7, limit=14)
    assert (partial.partitions, partial.processed) == (2, 2)
    resumed = run_batch([batch_input], tmp_path, client=dask_client, partition_size=7)
    assert (resumed.skipped, resumed.processed) == (2, 3)
    assert resumed.complete
    reference_out, _ = finished_batch
    assert sorted(iter_record_json(tmp_path)) == sorted(iter_record_json(reference_out))


def test_run_redoes_a_partition_whose_files_are_missing(dask_client, batch_input, tmp_path):
    run_batch([batch_input], tmp_path, client=dask_client, partition_size=10)
    entry = next(e for e in read_manifest(tmp_path).values() if e.index == 1)
    (tmp_path / entry.files[0]).unlink()
    again = run_batch([batch_input], tmp_path, client=dask_client, partition_size=10)
    assert (again.skipped, again.processed) == (2, 1)
    ids = [record.article.id for record in iter_records(tmp_path)]
    assert len(ids) == len(set(ids)) == ARTICLES


def test_run_with_a_new_partition_size_leaves_no_stale_files(dask_client, batch_input, tmp_path):
    run_batch([batch_input], tmp_path, client=dask_client, partition_size=10)
    run_batch([batch_input], tmp_path, client=dask_client, partition_size=15)
    files = sorted(p.name for p in (tmp_path / "articles").rglob("*.parquet"))
    assert {name.split("-")[1] for name in files} == {"000000", "000001"}
    assert len(list(iter_records(tmp_path))) == ARTICLES


def test_run_resumes_after_the_process_is_killed(dask_cluster, tmp_path):
    source = write_jsonl(tmp_path / "many.jsonl", article_texts(60))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "newsledger", "batch", str(source), "--out", str(out)]
    command += ["--scheduler", dask_cluster.scheduler_address, "--partition-size", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if len((out / MANIFEST).read_text().splitlines() if (out / MANIFEST).exists() else []) >= 3:
                break
            time.sleep(0.02)
        killed = process.poll() is None
        if killed:
            os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    if not killed or (out / SUMMARY).exists():
        pytest.skip("the batch finished before it could be killed")
    finished_before = len(read_manifest(out))
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(source),
            "--out",
            str(out),
            "--scheduler",
            dask_cluster.scheduler_address,
            "--partition-size",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / SUMMARY).read_text())
    assert summary["skipped"] == finished_before >= 3
    assert summary["processed"] == 60 - finished_before
    ids = [record.article.id for record in iter_records(out)]
    assert len(ids) == len(set(ids)) == 60


def test_batch_command_reports_rejections_and_a_missing_input(dask_cluster, batch_input, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["batch", str(batch_input), "--out", str(tmp_path), "--scheduler", dask_cluster.scheduler_address]
    )
    assert result.exit_code == 1
    assert f"{batch_input}:{ARTICLES + 2}: [E005]" in result.stderr
    assert f"{ARTICLES} articles in 1 partitions" in result.stdout
    missing = runner.invoke(app, ["batch", str(tmp_path / "nowhere.jsonl"), "--out", str(tmp_path / "x")])
    assert missing.exit_code == 2
    assert "nowhere.jsonl: no such file or folder" in missing.stderr


def test_dask_client_names_an_unreachable_scheduler():
    with pytest.raises(NewsledgerError, match=r"\[E701\] cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with dask_client(scheduler="tcp://127.0.0.1:9", connect_timeout=1):
            pass


def test_run_local_cluster_starts_workers_without_dasks_malloc_trim_setting(monkeypatch):
    # Dask's default MALLOC_TRIM_THRESHOLD_=65536 made the pipeline take ~20% more CPU on a worker
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)  # a cluster started earlier may have set it here
    with dask_client(workers=1) as client:
        seen = client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        threads = client.run(os.environ.get, "OPENBLAS_NUM_THREADS")
    assert list(seen.values()) == [None]
    assert list(threads.values()) == ["1"]  # Dask's other settings stay: one BLAS thread per worker


def test_run_local_cluster_wakes_its_event_loops_less_often_than_dasks_defaults():
    # every wake-up of a worker's, nanny's or the scheduler's loop preempts a pipeline on the same cores
    def settings() -> tuple[float, float, float]:
        import dask
        from dask.utils import parse_timedelta

        return tuple(  # type: ignore[return-value]
            parse_timedelta(dask.config.get(key))
            for key in (
                "distributed.admin.tick.interval",
                "distributed.admin.system-monitor.interval",
                "distributed.worker.memory.monitor-interval",
            )
        )

    defaults = settings()
    with dask_client(workers=1) as client:
        on_workers = list(client.run(settings).values())
        on_scheduler = client.run_on_scheduler(settings)
    assert len(on_workers) == 1
    for seen in (on_workers[0], on_scheduler):
        assert all(ours > default for ours, default in zip(seen, defaults, strict=True))
    assert settings() == defaults  # the caller's own configuration is left as it was
