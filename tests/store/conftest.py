"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL URL comes from NEWSLEDGER_TEST_PG_URL or from var/pg_url, which `.ci/services` writes after
starting a server on 127.0.0.1 (CI always does).
Each test process has a database of its own (dropped at the end), emptied before each test."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, skip_or_fail


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


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file migrated once per test process; each test starts from a copy (migrations are not free)."""
    from newsledger.store import Store

    path = tmp_path_factory.mktemp("template") / "ledger.db"
    Store.open(path).close()
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[tuple[str, str, str] | None]:
    """(maintenance URL, URL prefix, database name) of a database of this test process, migrated once."""
    url = postgres_url()
    if not url:
        yield None
        return
    import psycopg

    from newsledger.store import Store

    maintenance, prefix = _admin(url)
    name = f"nl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    Store.open(prefix + name).close()
    try:
        yield maintenance, prefix, name
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty (migrated) database URL on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "ledger.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("postgres_template")
    if template is None:
        skip_or_fail("no PostgreSQL server configured (run .ci/services or set NEWSLEDGER_TEST_PG_URL)")
    import psycopg

    from newsledger.store import schema

    _maintenance, prefix, name = template
    url = prefix + name
    # Emptying the process's own database is much cheaper than creating one per test.
    tables = ", ".join(f'"{table.name}"' for table in schema.metadata.sorted_tables)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    yield url


@pytest.fixture
def store(store_url: str):
    from newsledger.store import Store

    with Store.open(store_url) as opened:
        yield opened
