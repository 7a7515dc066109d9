"""`newsledger watch` as a process: killed with SIGKILL in the middle of a feed and started again, it stores every
item exactly once. The stub pipeline (slowed down) keeps the kill inside the work; the NLP is not the point."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.watch.conftest import LocalServer, item, rss, static

STUB = "tests.store.stub_pipeline:make_nlp"
ITEMS = 12


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _watch(db: Path, feed: str, *extra: str, delay: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NEWSLEDGER_STUB_DELAY": delay, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsledger", "watch", feed, "--db", str(db), "--nlp", STUB, "--no-fetch", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_commands_watch_killed_and_restarted_loses_and_repeats_nothing(
    tmp_path: Path, local_server: LocalServer
) -> None:
    local_server.routes["/feed.rss"] = static(rss([item(n) for n in range(ITEMS)]))
    feed = local_server.url("/feed.rss")
    db = tmp_path / "ledger.db"
    with _watch(db, feed, "--every", "1h", delay="0.3") as first:  # on leaving: its pipes closed, the process waited
        try:
            deadline = time.monotonic() + 120
            while _count(db, "articles") < 3:
                assert first.poll() is None, first.stderr.read() if first.stderr else ""
                assert time.monotonic() < deadline, "watch stored nothing"
                time.sleep(0.05)
        finally:
            first.send_signal(signal.SIGKILL)  # in the middle of the feed; on a failed assertion, so the wait ends
    stored_before, seen_before = _count(db, "articles"), _count(db, "watch_items")
    assert 3 <= stored_before < ITEMS
    assert seen_before <= stored_before

    second = _watch(db, feed, "--once", delay="0")
    _, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr
    assert _count(db, "articles") == ITEMS
    assert _count(db, "watch_items") == ITEMS
    reported = re.search(r"(\d+) new item\(s\)", stderr)
    assert reported is not None and int(reported.group(1)) == ITEMS - seen_before  # nothing read twice
    with sqlite3.connect(db) as conn:
        sources = [row[0] for row in conn.execute("SELECT source FROM articles")]
    assert len(sources) == len(set(sources)) == ITEMS


def test_commands_watch_once_exits_1_when_a_source_fails(tmp_path: Path, local_server: LocalServer) -> None:
    local_server.routes["/down.rss"] = static(b"", status=500)
    run = _watch(tmp_path / "ledger.db", local_server.url("/down.rss"), "--once", delay="0")
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 1
    assert "HTTP 500" in stderr and "next attempt in" in stderr


def test_commands_watch_refuses_a_bad_interval(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "newsledger", "watch", str(tmp_path), "--every", "soon"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "--every" in run.stderr
