"""A local HTTP server the watch and alert tests control: each path answers what the test sets (a feed that
changes between polls, one that honours ETag with 304, one that fails with 500), and every request is recorded.
It binds to 127.0.0.1 on a free port; nothing leaves the machine."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest

Answer = tuple[int, dict[str, str], bytes]
Handler = Callable[[dict[str, str]], Answer]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def rss(items: list[dict[str, str]], *, title: str = "Test Wire") -> bytes:
    """An RSS 2.0 document; each item may have guid, title, link, description, pubDate."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>']
    for item in items:
        parts.append("<item>")
        for key in ("guid", "title", "link", "description", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{escape(item[key])}</{key}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


PLACES = ("the northern province", "the river port", "the border town", "the capital's outskirts", "the coastal road")
WHAT = ("flooding closed three roads", "a bridge collapsed", "a fire destroyed a market", "a storm cut power")


def report(n: int) -> str:
    """A short English news text, different for each n."""
    place, what = PLACES[n % len(PLACES)], WHAT[n % len(WHAT)]
    return (
        f"Officials in {place} said on Monday that {what}, report number {n}. "
        f"Residents told reporters that repairs would take at least {n + 2} weeks and that schools stayed shut."
    )


def item(n: int, **extra: str) -> dict[str, str]:
    return {"guid": f"urn:test:item:{n}", "title": f"Report {n}", "description": report(n), **extra}


def static(body: bytes, *, status: int = 200, headers: dict[str, str] | None = None) -> Handler:
    return lambda request_headers: (status, headers or {"Content-Type": "application/rss+xml"}, body)


def conditional(body_of: Callable[[], bytes], etag_of: Callable[[], str]) -> Handler:
    """A feed that answers 304 when the client already has the current version (by ETag)."""

    def answer(request_headers: dict[str, str]) -> Answer:
        etag = etag_of()
        if request_headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        last = format_datetime(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), usegmt=True)
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag, "Last-Modified": last}, body_of()

    return answer


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server_state = LocalServer(base="")

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            server_state.requests.append(Request(self.command, self.path, headers, body))
            route = server_state.routes.get(self.path)
            status, out_headers, out = route(headers) if route else (404, {}, b"not found")
            self.send_response(status)
            for key, value in out_headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            if status != 304:
                self.wfile.write(out)

        do_GET = _answer
        do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
