"""`newsledger serve --watch`: the desk answers while the watcher, in a thread beside it, stores a feed served by
the test's own HTTP server (through the stub pipeline); the desk's alerts page reports the watched feed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT
from tests.watch.conftest import LocalServer, item, local_server, rss, static  # noqa: F401 - the fixture


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_watch_stores_the_feed_beside_the_desk(tmp_path: Path, local_server: LocalServer) -> None:  # noqa: F811
    local_server.routes["/feed.rss"] = static(rss([item(40), item(41)]))
    feed = local_server.url("/feed.rss")
    port = _free_port()
    with subprocess.Popen(
        [
            *(sys.executable, "-m", "newsledger", "serve", "--db", str(tmp_path / "ledger.db"), "--port", str(port)),
            *("--watch", feed, "--every", "1s", "--nlp", "tests.store.stub_pipeline:make_nlp"),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:  # on leaving: its stderr pipe closed
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            stored = 0
            while stored < 2:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the watcher stored nothing"
                try:
                    stored = len(httpx.get(f"{base}/api/articles", timeout=2).json()["items"])
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            # generous: under a loaded machine the first page render can take seconds (no timing is asserted)
            feeds = httpx.get(f"{base}/api/alerts", timeout=60).json()["feeds"]
            assert [(f["source"], f["item_count"], f["failures"]) for f in feeds] == [(feed, 2, 0)]
            assert feed in httpx.get(f"{base}/alerts", timeout=60).text
        finally:
            server.terminate()
