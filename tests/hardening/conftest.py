"""Fixtures of the hardening tests: a ledger with hostile strings in every field, and a real server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsledger.model import Article, ArticleRecord, Claim, Entity, Event, Mention, Place, Quote, TextSpan, TimeRef
from tests.conftest import ROOT
from tests.hardening.corpus import report
from tests.store.conftest import postgres_template, sqlite_template, store_url  # noqa: F401 - the store fixtures

# Each payload carries its own tag ("xss-N") so a test can say which field leaked.
PAYLOADS = (
    '<script>alert("xss-1")</script>',
    "<img src=x onerror=\"alert('xss-2')\">",
    '"><svg onload=alert("xss-3")>',
    "javascript:alert('xss-4')",
    "</textarea><iframe srcdoc='<script>alert(5)</script>' title=xss-5>",
)
LIVE_MARKUP = ("<script>alert(", "<img src=x onerror", "<svg onload", "<iframe srcdoc")


def _mention(text: str, part: str) -> Mention:
    start = text.index(part)
    return Mention(start, start + len(part), part)


def hostile_record(index: int) -> ArticleRecord:
    """A report whose title, outlet, text, quote, entity, place and claim each carry an XSS payload."""
    payload = PAYLOADS[index % len(PAYLOADS)]
    name = f"{payload} Brigade"
    quote = f"We hold the bridge {payload}"
    place = f"Fort {payload}"
    text = (
        f"Fighters of the {name} attacked {place} on Monday, officials said. "
        f'"{quote}," said a spokesman of the {name}. Report {index}.'
    )
    article = Article.from_text(
        text, title=f"Clashes {payload}", outlet=f"Wire {payload}", url="https://example.test/a", published="2024-03-04"
    )
    text = article.text
    trigger = _mention(text, "attacked")
    quote_span = _mention(text, quote)
    return ArticleRecord(
        article=article,
        entities=(Entity(id="e1", name=name, type="ORG", mentions=(_mention(text, name),), aliases=(payload,)),),
        places=(Place(id="p1", name=place, mentions=(_mention(text, place),), lat=1.5, lon=2.5, country="KE"),),
        quotes=(
            Quote(
                id="q1",
                text=quote,
                start=quote_span.start,
                end=quote_span.end,
                kind="direct",
                speaker="e1",
                speaker_text=name,
                cue="said",
            ),
        ),
        events=(
            Event(
                id="v1",
                type="ASSAULT",
                trigger=trigger,
                sentence=TextSpan(0, text.index(".") + 1),
                source="e1",
                place="p1",
                when=TimeRef(value="2024-03-04", precision=1),
                status="claimed",
                according_to="e1",
                claim="c1",
            ),
        ),
        claims=(Claim(id="c1", claimant="e1", stance="asserts", proposition=quote, evidence=(quote_span,)),),
        pipeline="hardening",
    )


def build_ledger(db: Path, *, reports: int = 60) -> Path:
    """Hostile records plus `reports` ordinary ones (through the records pipeline), resolved."""
    from newsledger.nlp import process_articles
    from newsledger.resolve import resolve_store
    from newsledger.store import Store
    from tests.hardening.records_pipeline import make_nlp

    nlp = make_nlp()
    articles = [
        Article.from_text(report(m), published=f"2024-03-{1 + m % 28:02d}", outlet="Wire") for m in range(reports)
    ]
    with Store.open(db) as store:
        for index in range(len(PAYLOADS)):
            store.save_record(hostile_record(index))
        for record in process_articles(nlp, articles):
            assert isinstance(record, ArticleRecord)
            store.save_record(record)
        resolve_store(store)
    return db


@pytest.fixture(scope="module")
def hostile_ledger(tmp_path_factory) -> Path:
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def live_server(db: Path, *, extra: tuple[str, ...] = ()) -> Iterator[str]:
    """`newsledger serve` as a subprocess on a free port of 127.0.0.1; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "newsledger", "serve", "--db", str(db), "--port", str(port), *extra]
    process = subprocess.Popen(
        command, cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 120 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()  # type: ignore[union-attr]
