"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL URL comes from NEWSLEDGER_TEST_PG_URL or from var/pg_url, which `.ci/services` writes after
starting a server on 127.0.0.1 (CI always does). Each test gets a database of its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT


def postgres_url() -> str | None:
    url = os.environ.get("NEWSLEDGER_TEST_PG_URL")
    if url:
        return url
    url_file = ROOT / "var" / "pg_url"
    return url_file.read_text(encoding="utf-8").strip() if url_file.is_file() else None


def _admin(url: str) -> tuple[str, str]:
    """(URL of the server's maintenance database, prefix for new database URLs)."""
    base = url.rsplit("/", 1)[0]
    return base + "/postgres", base + "/"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL server configured (run .ci/services or set NEWSLEDGER_TEST_PG_URL)")
    import psycopg

    maintenance, prefix = _admin(url)
    name = f"nl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield prefix + name
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(store_url: str):
    from newsledger.store import Store

    with Store.open(store_url) as opened:
        yield opened
