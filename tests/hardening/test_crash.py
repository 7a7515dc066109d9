"""kill -9 of `newsledger ingest` and of `newsledger batch` at random moments (fixed seeds), then the checks:
the database passes SQLite's and the store's integrity checks, no article is half-written, and a re-run does
exactly the missing work (no duplicates, nothing lost)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import Store
from tests.conftest import ROOT
from tests.hardening.corpus import report

RECORDS_PIPELINE = "tests.hardening.records_pipeline:make_nlp"
SEEDS = (11, 23, 37)
ARTICLES = 40


def write_reports(folder: Path, count: int) -> None:
    """`count` good reports (as .txt files and JSONL lines) and two bad inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for marker in range(count):
        if marker % 2:
            lines.append(json.dumps({"text": report(marker), "published": "2024-03-01"}))
        else:
            (folder / f"report_{marker:03d}.txt").write_text(report(marker), encoding="utf-8")
    (folder / "reports.jsonl").write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("")


def kill_at_a_random_moment(command: list[str], *, rng: random.Random, started, env: dict[str, str]) -> bool:
    """Start `command`, wait until `started()` says work is under way, then SIGKILL it after a random delay.
    Returns whether it was still running when killed."""
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not started():
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 1.5))
        alive = process.poll() is None
        if alive:
            os.killpg(process.pid, signal.SIGKILL)  # the whole group: a batch client's children too
    finally:
        process.wait(timeout=60)
    return alive


def article_row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "entities", "mentions", "quantities", "events", "claims")
        }


@pytest.mark.parametrize("seed", SEEDS)
def test_crash_ingest_killed_at_a_random_moment_leaves_whole_articles_and_resumes(tmp_path, seed):
    rng = random.Random(seed)
    folder = tmp_path / "in"
    write_reports(folder, ARTICLES)
    db = tmp_path / "ledger.db"
    Store.open(db).close()  # migrated up front, so the kill lands in the ingest, not in the migration
    env = {**os.environ, "NEWSLEDGER_HARDENING_DELAY": f"{rng.uniform(0.01, 0.06):.3f}"}
    command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", f"sqlite:///{db}"]
    command += ["--nlp", RECORDS_PIPELINE, "--batch-size", str(rng.choice([1, 4, 8])), "--json", "--no-fetch"]

    with Store.open(db) as watcher:
        killed = kill_at_a_random_moment(command, rng=rng, started=lambda: watcher.count("articles") > 0, env=env)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        before = store.count("articles")
        ids_before = {record.article.id for record in store.iter_records()}
    assert before <= ARTICLES
    print(f"\nseed {seed}: killed={killed} with {before} of {ARTICLES} articles stored")

    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--db", f"sqlite:///{db}", "--nlp", RECORDS_PIPELINE, "--json", "--no-fetch"]
    )
    assert result.exit_code == 1, result.output  # the two bad inputs are rejected again, and said so
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ingested"] == ARTICLES - before
    assert summary["unchanged"] == before
    assert summary["rejected"] == 2
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        records = list(store.iter_records())
    ids = [record.article.id for record in records]
    assert len(ids) == len(set(ids)) == ARTICLES
    assert ids_before <= set(ids)
    counts = article_row_counts(db)
    assert counts["events"] == counts["claims"] == ARTICLES  # one each per article: none half-written
    assert counts["mentions"] == sum(len(e.mentions) for r in records for e in r.entities)
    assert counts["quantities"] == sum(len(r.quantities) for r in records)


# --- batch ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster():
    """One local cluster of two worker processes for the batch kills (the model loads once per worker)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        yield cluster


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_crash_batch_killed_at_a_random_moment_resumes_without_loss_or_repeat(tmp_path, dask_cluster, seed):
    from newsledger.batch.output import MANIFEST, SUMMARY, iter_records, read_manifest

    rng = random.Random(seed)
    total = 24
    source = tmp_path / "reports.jsonl"
    source.write_text(
        "\n".join(json.dumps({"text": report(m), "published": f"2024-03-0{1 + m % 3}"}) for m in range(total)) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    partition_size = rng.choice([1, 2, 3])
    planned = -(-total // partition_size)
    wait_for = rng.randrange(0, planned // 2)
    base = ["batch", str(source), "--out", str(out), "--scheduler", dask_cluster.scheduler_address]
    base += ["--partition-size", str(partition_size)]

    def finished_lines() -> int:
        return len((out / MANIFEST).read_text().splitlines()) if (out / MANIFEST).exists() else 0

    killed = kill_at_a_random_moment(
        [sys.executable, "-m", "newsledger", *base],
        rng=rng,
        started=lambda: (out / MANIFEST).exists() and finished_lines() >= wait_for,
        env=dict(os.environ),
    )
    finished = read_manifest(out)
    # The manifest lists only whole partitions, each once, each with its files in place.
    assert len({entry.index for entry in finished.values()}) == len(finished)
    for entry in finished.values():
        for name in entry.files:
            assert (out / name).is_file(), f"partition {entry.index} lists a missing file {name}"
    if killed:
        assert not (out / SUMMARY).exists() or json.loads((out / SUMMARY).read_text())["complete"]
    print(f"\nseed {seed}: killed={killed} after {len(finished)} of {planned} partitions")

    result = CliRunner().invoke(app, base)
    assert result.exit_code == 0, result.output
    summary = json.loads((out / SUMMARY).read_text())
    assert summary["complete"]
    assert summary["skipped"] == len(finished)
    assert summary["processed"] == planned - len(finished)
    ids = [record.article.id for record in iter_records(out)]
    assert len(ids) == len(set(ids)) == total
