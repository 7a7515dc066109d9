"""Only http and https URLs become links on the desk: an article URL read from an ingested file may be a
`javascript:` or `data:` URL, which is then shown as text (regression: it was a clickable "source" link, and only
the CSP stood between it and the reader)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import protest_record

HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.test/path",
]


def _article_page(tmp_path, url: str) -> str:
    from newsledger.api import create_app
    from newsledger.store import Store

    record = protest_record()
    record = dataclasses.replace(record, article=dataclasses.replace(record.article, url=url))
    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        store.save_record(record)
    with TestClient(create_app(db)) as client:
        return client.get(f"/articles/{record.article.id}").text


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_links_other_schemes_are_text_not_links(tmp_path, url):
    html = _article_page(tmp_path, url)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert not [
        href
        for href in hrefs
        if "alert" in href or href.lower().lstrip().startswith(("data:", "vbscript:", "file:", "//"))
    ]
    assert "source <span" in html


@pytest.mark.parametrize("url", ["https://news.test/a?b=1&c=2", "HTTP://news.test/x"])
def test_links_http_and_https_are_links(tmp_path, url):
    html = _article_page(tmp_path, url)
    assert re.search(r'<a href="[^"]*news\.test[^"]*" rel="noopener noreferrer nofollow">source</a>', html)
