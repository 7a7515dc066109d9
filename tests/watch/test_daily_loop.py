"""The daily loop end to end, with the real pipeline: `newsledger watch --once` reads a feed from the test's own
HTTP server, stores and resolves its reports, and the saved search's webhook (the same server) receives the new
matching events once, signed; the saved search's Atom feed lists them. A second run after the feed gained a report
reads only that report and announces only its events."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from newsledger.alerts.notify import SIGNATURE_HEADER, verify
from newsledger.store import Store, desk
from tests.conftest import ROOT
from tests.watch.conftest import LocalServer, rss

pytestmark = [pytest.mark.model, pytest.mark.slow]

ATTACK = "Rebels attacked an army post near Mosul in Iraq on Sunday, killing five soldiers, a police officer said."
PROTEST = "Hundreds of farmers protested in Basra on Monday against new water charges, witnesses said."
LATER = "Gunmen attacked a checkpoint near Kirkuk in Iraq on Tuesday, killing two policemen, officials said."


def _item(n: int, text: str) -> dict[str, str]:
    return {
        "guid": f"urn:loop:{n}",
        "title": f"Report {n}",
        "description": text,
        "pubDate": "Mon, 01 Jan 2024 10:00:00 GMT",
    }


def _watch_once(db: Path, feed: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", "watch", feed, "--db", str(db), "--once", "--no-fetch"],
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_daily_loop_feed_to_webhook_and_atom(tmp_path: Path, local_server: LocalServer) -> None:
    items = [_item(1, ATTACK), _item(2, PROTEST)]
    local_server.routes["/feed.rss"] = lambda headers: (200, {"Content-Type": "application/rss+xml"}, rss(items))
    local_server.routes["/hook"] = lambda headers: (204, {}, b"")
    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        desk.create_saved_search(
            store,
            slug="attacks-in-iraq",
            name="Attacks in Iraq",
            filters={"type": "ASSAULT", "country": "IQ"},
            created_by="analyst",
            webhook_url=local_server.url("/hook"),
            webhook_secret="s3cret",
        )

    first = _watch_once(db, local_server.url("/feed.rss"))
    assert first.returncode == 0, first.stderr
    [posted] = local_server.hits("/hook")
    assert verify("s3cret", posted.body, posted.headers[SIGNATURE_HEADER.lower()])
    events = json.loads(posted.body)["events"]
    assert events and {e["type"] for e in events} == {"ASSAULT"} and {e["country"] for e in events} == {"IQ"}
    assert all("Mosul" in e["sentence"] for e in events)

    with Store.open(db) as store:
        from newsledger.api.app import create_app

        client = TestClient(create_app(db))
        feed = feedparser.parse(client.get("/alerts/attacks-in-iraq", params={"format": "atom"}).content)
        assert {entry.id for entry in feed.entries} == {
            f"urn:newsledger:event:{e['article_id']}:{e['id']}" for e in events
        }
        assert store.count("articles") == 2

    items.append(_item(3, LATER))
    second = _watch_once(db, local_server.url("/feed.rss"))
    assert second.returncode == 0, second.stderr
    assert "1 new item(s)" in second.stderr  # the two reports read before are not read again
    assert len(local_server.hits("/hook")) == 2  # one delivery per round with news
    later = json.loads(local_server.hits("/hook")[1].body)["events"]
    assert later and all("Kirkuk" in e["sentence"] for e in later)
    assert not {e["pk"] for e in later} & {e["pk"] for e in events}
