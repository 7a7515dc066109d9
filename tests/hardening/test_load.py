"""The desk under concurrent load: a real `newsledger serve` on a free port of 127.0.0.1, 8 client threads,
bounded by request count and time. No request may fail; p50/p95 are printed (speed belongs to benchmarks/, see
benchmarks/load_api.py for the longer run). SQLite readers keep answering while an ingest writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.hardening.conftest import live_server
from tests.hardening.corpus import report
from tests.hardening.loadgen import READ_PATHS, hammer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(hostile_ledger: Path) -> Iterator[str]:
    with live_server(hostile_ledger) as base:
        yield base


def json_is_whole(path: str, response: httpx.Response) -> str | None:
    if path.startswith("/api/"):
        try:
            json.loads(response.content)
        except ValueError:
            return "a body that is not JSON"
    return None


def stored_articles(response: httpx.Response) -> int:
    # Counted from the items: an uncounted list's `total` is null while there is a next page.
    data = response.json()
    assert data["next_offset"] is None, "the ledger outgrew one page"
    return len(data["items"])


def test_load_concurrent_reads_all_succeed(server):
    result = hammer(server, READ_PATHS, threads=8, max_requests=600, max_seconds=12, check=json_is_whole)
    print(f"\nload: {result.line()}")
    assert result.errors == []
    assert result.requests >= 50  # the bound is on time too; this only checks the generator ran
    assert set(result.by_status) == {200}


def test_load_readers_keep_answering_while_an_ingest_writes(server, hostile_ledger, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    writes = 30
    for marker in range(1000, 1000 + writes):
        (folder / f"r{marker}.txt").write_text(report(marker), encoding="utf-8")
    before = stored_articles(httpx.get(server + "/api/articles", params={"limit": 500}))
    command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", f"sqlite:///{hostile_ledger}"]
    command += ["--nlp", "tests.hardening.records_pipeline:make_nlp", "--json", "--no-fetch"]
    env = {**os.environ, "NEWSLEDGER_HARDENING_DELAY": "0.05"}
    ingest = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    seen: list[int] = []
    rounds: list[str] = []
    results = []
    stop = threading.Event()

    def watch_totals() -> None:
        with httpx.Client(base_url=server, timeout=30) as client:
            while not stop.is_set():
                seen.append(stored_articles(client.get("/api/articles", params={"limit": 500})))

    watcher = threading.Thread(target=watch_totals, daemon=True)
    watcher.start()
    try:
        while ingest.poll() is None:
            results.append(hammer(server, READ_PATHS, threads=2, max_requests=60, max_seconds=4))
            rounds.append(results[-1].line())
    finally:
        stop.set()
        watcher.join(timeout=30)
        out, _ = ingest.communicate(timeout=120)
    assert ingest.returncode == 0, out[-3000:]
    assert json.loads(out.strip().splitlines()[-1])["ingested"] == writes, out[-3000:]
    errors = [error for result in results for error in result.errors]
    served = sum(result.requests for result in results)
    print(f"\nreads during the ingest: {served} requests, {len(errors)} errors; " + " | ".join(rounds[:3]))
    assert errors == []
    assert served > 0
    # Readers never see an article disappear, and see the writer's commits as they land.
    assert seen == sorted(seen)
    assert seen[0] >= before
    after = stored_articles(httpx.get(server + "/api/articles", params={"limit": 500}))
    assert after == before + writes
