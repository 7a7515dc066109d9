"""Upgrading a ledger built before the identity rule (migration 0007), on SQLite and a real PostgreSQL.

The old rule hashed the text as it was stored; the new one ignores runs of spaces, NBSP, zero-width characters
and trailing spaces. The ledger here is built by the ingest flow at revision 0006 with the old rule, resolved and
reviewed; after the upgrade every id follows the new rule, everything that named an article follows it, and
re-ingesting the same files through the CLI stores nothing again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select, update

import newsledger.model
from newsledger.ingest.sources import iter_articles
from newsledger.model import article_id_for
from newsledger.resolve.ledger import resolve_store
from newsledger.service import ingest_articles
from newsledger.store import Store, schema
from newsledger.store.db import MIGRATIONS, database_url
from newsledger.store.review import save_event_review
from tests.conftest import skip_or_fail
from tests.hardening.corpus import report
from tests.hardening.records_pipeline import make_nlp
from tests.hardening.test_adversarial import run_ingest

NBSP, ZWSP = "\u00a0", "\u200b"


def old_article_id(text: str) -> str:
    """The rule before 0007: the SHA-256 of the stored (NFC, newline-unified) text."""
    return hashlib.sha256(newsledger.model.normalize_text(text).encode("utf-8")).hexdigest()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    template = request.getfixturevalue("postgres_template")
    if template is None:
        skip_or_fail("no PostgreSQL server configured (run .ci/services or set NEWSLEDGER_TEST_PG_URL)")
    import psycopg

    maintenance, prefix, _name = template
    name = f"nl_old_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield prefix + name
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def write_reports(folder: Path) -> dict[str, str]:
    """{file name: text}: texts whose spaces the new rule reads differently, and plain ones it reads the same."""
    folder.mkdir()
    texts = {
        "nbsp.txt": report(1).replace(" ", NBSP, 3),
        "trailing.txt": report(2).replace(".", ".  \n", 1) + "   ",
        "zero_width.txt": report(3).replace("market", f"mar{ZWSP}ket", 1),
        "plain.txt": report(4),
        # One text twice under the old rule (two spacings): one article under the new.
        "twin_a.txt": report(5),
        "twin_b.txt": report(5).replace(" ", "  ", 2),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return texts


def build_old_ledger(url: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The ledger as the old version left it: schema at 0006, articles under old ids, resolved, one review.
    Built by today's code at the head revision (today's rows have columns 0006 lacks), then taken down to 0006."""
    engine = create_engine(database_url(url))

    def migrate(to: str) -> None:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            if to == "head":
                command.upgrade(config, to)
            else:
                command.downgrade(config, to)

    migrate("head")
    store = Store(engine, database_url(url))
    with monkeypatch.context() as patch:
        patch.setattr(newsledger.model, "article_id_for", old_article_id)
        summary = ingest_articles(store, make_nlp(), iter_articles([folder], fetch=None))
    assert summary.ingested == 6, summary
    resolve_store(store)
    with store.engine.connect() as conn:
        event = conn.execute(
            select(schema.events.c.pk, schema.events.c.article_id).order_by(schema.events.c.pk)
        ).first()
        cluster = conn.execute(select(schema.event_clusters.c.id, schema.event_clusters.c.key)).first()
    assert event is not None and cluster is not None
    save_event_review(store, event.pk, who="ana", action="confirm", status="confirmed", corrections={}, fields=())
    with store.writing() as conn:
        conn.execute(
            update(schema.event_clusters)
            .where(schema.event_clusters.c.id == cluster.id)
            .values(fatalities_by_source=[{"outlet": "Wire", "article_id": event.article_id, "count": 3}])
        )
        conn.execute(
            schema.audit_log.insert().values(
                at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                who="ana",
                action="note",
                target=f"article:{event.article_id}",
                before=None,
                after={},
            )
        )
    counts = {name: store.count(name) for name in schema.metadata.tables if name != "auth_sessions"}
    migrate("0006")
    engine.dispose()
    return {"event_pk": event.pk, "event_article": event.article_id, "cluster": cluster.id, "counts": counts}


def test_identity_migration_moves_old_ids_and_reingest_stores_nothing_again(empty_url, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    texts = write_reports(folder)
    old = build_old_ledger(empty_url, folder, monkeypatch)
    old_ids = {old_article_id(text) for text in texts.values()}
    new_ids = {article_id_for(text) for text in texts.values()}
    assert len(old_ids) == 6 and len(new_ids) == 5  # the twins are one text now
    moved = {old_article_id(t): article_id_for(t) for t in texts.values() if old_article_id(t) != article_id_for(t)}
    assert len(moved) >= 4  # nbsp, trailing, zero-width and one twin

    with Store.open(empty_url) as store:  # the upgrade
        assert store.revision()[0] == store.revision()[1]  # upgraded to the head
        assert store.integrity_problems() == []
        counts = store.counts()
        for table, count in old["counts"].items():  # type: ignore[union-attr]
            if table not in ("audit_log", "ledger_state"):  # the moves are logged; 0007 stores the CSRF secret
                assert counts[table] == count, table
        with store.engine.connect() as conn:
            rows = conn.execute(select(schema.articles.c.id, schema.articles.c.text, schema.articles.c.record)).all()
            stored = {row.id for row in rows}
            # Every article follows the new rule but the later twin, kept (nothing deleted) under its old id.
            followers = {row.id for row in rows if row.id == article_id_for(row.text)}
            assert followers == new_ids and len(stored - followers) == 1
            assert all(json.loads(row.record)["article"]["id"] == row.id for row in rows)
            review = conn.execute(
                select(schema.events.c.article_id)
                .join(schema.event_reviews, schema.event_reviews.c.event_pk == schema.events.c.pk)
                .where(schema.events.c.pk == old["event_pk"])
            ).scalar_one()
            assert review == moved.get(str(old["event_article"]), old["event_article"])
            clusters = conn.execute(
                select(schema.event_clusters.c.key, schema.event_clusters.c.fatalities_by_source)
            ).all()
            assert all(key.split(":")[1] in stored for key, _ in clusters)
            named = [s["article_id"] for _, sources in clusters for s in sources]
            assert named and set(named) <= stored
            members = conn.execute(select(schema.event_cluster_members.c.article_id)).scalars().all()
            assert set(members) <= stored
            audit = conn.execute(
                select(schema.audit_log.c.action, schema.audit_log.c.target, schema.audit_log.c.before)
            ).all()
        changed = {a.before["id"] for a in audit if a.action == "article_id_changed"}
        assert changed == set(moved) - {next(iter(stored - followers))}
        assert [a.action for a in audit].count("article_same_text") == 1
        assert all(a.target.split(":")[1] in stored for a in audit if a.target.startswith("article:"))

    result = run_ingest([folder], empty_url)  # re-ingesting the same files through the CLI
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ingested"] == 0 and summary["unchanged"] == 6
    with Store.open(empty_url) as store:
        assert store.count("articles") == 6
