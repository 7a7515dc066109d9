"""The Store: one object for the ledger database, SQLite (default) or PostgreSQL, same schema and API.

Writes: `save_record(record)` stores an article and all its records in one transaction (or nothing), and is a
no-op for an article already stored by the same pipeline version. On SQLite the database runs in WAL mode:
one writer at a time (a lock in this process, SQLite's own lock across processes, with a busy timeout) and
readers in parallel. Reads: `newsledger.store.queries` (mixed into Store) returns plain dicts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, delete, event, func, select, text, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError, StatementError

from newsledger.errors import Errors, InputError, Invalid, NewsledgerError, code_of
from newsledger.model import ArticleRecord
from newsledger.store import schema
from newsledger.store.queries import QueryMixin
from newsledger.store.rows import article_row, record_rows

DEFAULT_URL = "sqlite:///var/newsledger.db"
MIGRATIONS = Path(__file__).parent / "migrations"
_WRITE_OPTION = "newsledger_write"
SaveResult = Literal["inserted", "updated", "unchanged"]

# Children are deleted before their parents' rows are replaced (explicitly: SQLite only cascades with
# foreign_keys on, and we do not rely on it).
_CHILD_TABLES_IN_DELETE_ORDER = (
    schema.event_cluster_members,
    schema.event_reviews,
    schema.claim_disputes,
    schema.mentions,
    schema.entities,
    schema.places,
    schema.times,
    schema.quotes,
    schema.quantities,
    schema.events,
    schema.claims,
)


def newest_revision() -> str:
    """The newest migration's revision, from the file names (`NNNN_topic.py` holds revision "NNNN" and the
    revisions form one line). tests/store/test_db.py checks it against Alembic's head."""
    numbers = [path.name[:4] for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    return max(numbers, default="")


def database_url(url: str | Path | None) -> str:
    """Accept a SQLAlchemy URL, `postgresql://…` (driven by psycopg 3), or a plain file path (SQLite)."""
    if url is None or str(url) == "":
        return DEFAULT_URL
    text_url = str(url)
    if text_url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text_url.split("://", 1)[1]
    if "://" not in text_url:
        return f"sqlite:///{text_url}"
    return text_url


class Store(QueryMixin):
    """The ledger database. Open with `Store.open(url)`; use as a context manager or call `close()`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name
        self._write_lock = threading.Lock()

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | Path | None = None, *, upgrade: bool = True) -> Store:
        """Open (and create or migrate, unless `upgrade=False`) the database at `url`; default
        `sqlite:///var/newsledger.db`. Raises NewsledgerError (E301/E302) with a one-line reason."""
        full_url = database_url(url)
        try:
            parsed = make_url(full_url)
            if parsed.get_backend_name() == "sqlite":
                database = parsed.database or ""
                if database and database != ":memory:" and not database.startswith("file:"):
                    Path(database).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(full_url, connect_args={"timeout": 30, "check_same_thread": False})
                _configure_sqlite(engine)
            else:
                engine = create_engine(full_url, pool_pre_ping=True)
            store = cls(engine, full_url)
            store.migrate(upgrade=upgrade)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:300]
            raise NewsledgerError(Errors.E301.format(url=_safe_url(full_url), reason=reason)) from None
        except OSError as exc:
            raise NewsledgerError(Errors.E301.format(url=_safe_url(full_url), reason=str(exc))) from None
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- migrations ------------------------------------------------------------------------------

    def _alembic_config(self, conn: Connection) -> Any:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        return config

    def revision(self) -> tuple[str | None, str]:
        """(revision of the database, newest revision this version knows)."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            head = ScriptDirectory.from_config(self._alembic_config(conn)).get_current_head()
        return current, head or ""

    def _stored_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None
        return str(found) if found is not None else None

    def migrate(self, *, upgrade: bool = True) -> None:
        """Bring the schema to the newest revision (or check it is there, with `upgrade=False`)."""
        # A ledger already at the newest revision is the common case: told by one query, without loading
        # Alembic (half a second of imports, paid by every command).
        if self._stored_revision() == newest_revision():
            return
        current, head = self.revision()
        if current == head:
            return
        from alembic.script import ScriptDirectory

        with self.engine.connect() as conn:
            known = {s.revision for s in ScriptDirectory.from_config(self._alembic_config(conn)).walk_revisions()}
        if not upgrade or (current is not None and current not in known):
            raise NewsledgerError(Errors.E302.format(found=current or "none", needed=head))
        from alembic import command

        with self.writing() as conn:
            command.upgrade(self._alembic_config(conn), "head")

    # --- writing ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction: one writer at a time; committed on success, rolled back on any error."""
        with self._write_lock, self.engine.connect() as conn:
            conn = conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def save_record(self, record: ArticleRecord) -> SaveResult:
        """Store one article with all its records atomically. Same text and same pipeline version: nothing
        changes ("unchanged"); same text from another pipeline version: its records are replaced ("updated").
        Raises Invalid when the database refuses one of its values (a NUL on PostgreSQL, a field wider than its
        column): that is the article's fault, and nothing of it is stored. A database that cannot be reached
        raises as it is: that is no input's fault."""
        try:
            return self._save_record(record)
        except (DataError, IntegrityError) as exc:
            raise Invalid(str(exc.orig or exc).splitlines()[0][:200]) from None
        except StatementError as exc:
            if not isinstance(exc.orig, ValueError):  # UnicodeEncodeError and the drivers' value errors
                raise
            raise Invalid(str(exc.orig).splitlines()[0][:200]) from None

    def _save_record(self, record: ArticleRecord) -> SaveResult:
        article_id = record.article.id
        now = dt.datetime.now(dt.UTC)
        rows = record_rows(record)
        with self.writing() as conn:
            row = conn.execute(
                select(schema.articles.c.pipeline, schema.articles.c.outlet_home).where(
                    schema.articles.c.id == article_id
                )
            ).one_or_none()
            stored = row.pipeline if row is not None else None
            if row is not None and (row.pipeline, row.outlet_home) == (record.pipeline, record.article.outlet_home):
                return "unchanged"
            reviews: list[dict[str, Any]] = []
            if stored is not None:
                reviews = self._reviews_of_article(conn, article_id)
                self._delete_children(conn, [article_id])
                values = article_row(record, now=now)
                conn.execute(update(schema.articles).where(schema.articles.c.id == article_id).values(**values))
                result: SaveResult = "updated"
            else:
                conn.execute(schema.articles.insert().values(**article_row(record, now=now)))
                result = "inserted"
            for table in schema.RECORD_TABLES:
                table_rows = rows[table.name]
                if table_rows:
                    conn.execute(table.insert(), table_rows)
            self._link_record_disputes(conn, article_id)
            if reviews:
                self._carry_reviews_over(conn, article_id, reviews, pipeline=record.pipeline, now=now)
        return result

    def _reviews_of_article(self, conn: Connection, article_id: str) -> list[dict[str, Any]]:
        """The analyst's reviews of an article's events, with the trigger that identifies each event's evidence."""
        ev, rv = schema.events, schema.event_reviews
        query = (
            select(
                ev.c.id.label("event_id"),
                ev.c.trigger_start,
                ev.c.trigger_end,
                ev.c.trigger_text,
                rv.c.status,
                rv.c.corrections,
                rv.c.reviewer,
                rv.c.reviewed_at,
            )
            .join(rv, rv.c.event_pk == ev.c.pk)
            .where(ev.c.article_id == article_id)
        )
        return [dict(row) for row in conn.execute(query).mappings()]

    def _carry_reviews_over(
        self, conn: Connection, article_id: str, reviews: list[dict[str, Any]], *, pipeline: str, now: dt.datetime
    ) -> None:
        """Re-attach reviews to the re-processed article's events: an analyst's work must survive a new pipeline.

        An event is the same when its trigger is the same stretch of the same text (the article id is the text's
        hash, so offsets are comparable). A review whose event the new pipeline no longer finds is not dropped in
        silence: it goes to the audit log as `review_orphaned`, with everything it held.
        """
        ev = schema.events
        new_events = conn.execute(
            select(ev.c.pk, ev.c.trigger_start, ev.c.trigger_end, ev.c.trigger_text).where(
                ev.c.article_id == article_id
            )
        ).all()
        pk_of_trigger = {(e.trigger_start, e.trigger_end, e.trigger_text): e.pk for e in new_events}
        for review in reviews:
            pk = pk_of_trigger.pop((review["trigger_start"], review["trigger_end"], review["trigger_text"]), None)
            if pk is not None:
                # The new pipeline's values are now the originals the analyst's corrections stand over.
                corrections = {k: v for k, v in (review["corrections"] or {}).items() if k in ev.c}
                fresh = conn.execute(select(ev).where(ev.c.pk == pk)).mappings().one()
                conn.execute(
                    schema.event_reviews.insert().values(
                        event_pk=pk,
                        status=review["status"],
                        corrections=review["corrections"],
                        originals={column: fresh[column] for column in corrections},
                        reviewer=review["reviewer"],
                        reviewed_at=review["reviewed_at"],
                    )
                )
                if corrections:
                    conn.execute(update(ev).where(ev.c.pk == pk).values(**corrections))
                continue
            kept = {**review, "reviewed_at": review["reviewed_at"].isoformat() if review["reviewed_at"] else None}
            conn.execute(
                schema.audit_log.insert().values(
                    at=now,
                    who=f"pipeline {pipeline}",
                    action="review_orphaned",
                    target=f"article:{article_id}",
                    before=kept,
                    after=None,
                )
            )

    def save_records(self, records: Iterable[ArticleRecord]) -> dict[str, int]:
        """`save_record` for each; returns counts by result."""
        counts = {"inserted": 0, "updated": 0, "unchanged": 0}
        for record in records:
            counts[self.save_record(record)] += 1
        return counts

    def _delete_children(self, conn: Connection, article_ids: list[str]) -> None:
        event_pks = select(schema.events.c.pk).where(schema.events.c.article_id.in_(article_ids))
        claim_pks = select(schema.claims.c.pk).where(schema.claims.c.article_id.in_(article_ids))
        conn.execute(delete(schema.event_cluster_members).where(schema.event_cluster_members.c.event_pk.in_(event_pks)))
        conn.execute(delete(schema.event_reviews).where(schema.event_reviews.c.event_pk.in_(event_pks)))
        conn.execute(
            delete(schema.claim_disputes).where(
                schema.claim_disputes.c.claim_pk.in_(claim_pks) | schema.claim_disputes.c.disputed_pk.in_(claim_pks)
            )
        )
        for table in _CHILD_TABLES_IN_DELETE_ORDER[3:]:
            conn.execute(delete(table).where(table.c.article_id.in_(article_ids)))

    def _link_record_disputes(self, conn: Connection, article_id: str) -> None:
        """The extractor's own `disputes` (claim ids within the article) as claim_disputes rows."""
        claims = schema.claims
        found = conn.execute(
            select(claims.c.pk, claims.c.id, claims.c.disputes).where(claims.c.article_id == article_id)
        ).all()
        pk_of = {row.id: row.pk for row in found}
        links = [
            {"claim_pk": row.pk, "disputed_pk": pk_of[other], "cross_article": False, "origin": "record", "score": 1.0}
            for row in found
            for other in dict.fromkeys(row.disputes or [])
            if other in pk_of and other != row.id
        ]
        if links:
            conn.execute(schema.claim_disputes.insert(), links)

    def delete_article(self, article_id: str) -> bool:
        with self.writing() as conn:
            self._delete_children(conn, [article_id])
            deleted = conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id)).rowcount
        return bool(deleted)

    def reject(self, source: str, reason: str, *, code: str | None = None) -> None:
        """Quarantine a bad input: where it came from, why, and the error number."""
        if code is None:
            code = code_of(reason)
        # A NUL (which PostgreSQL refuses) or a lone surrogate (which no database encodes) in a name or reason
        # must not cost the rejection itself: they are stored escaped.
        source, reason = (_storable(value[:2000]) for value in (source, reason))
        with self.writing() as conn:
            conn.execute(
                schema.rejected.insert().values(source=source, reason=reason, code=code, at=dt.datetime.now(dt.UTC))
            )

    def reject_error(self, error: InputError) -> None:
        self.reject(error.source, error.reason, code=error.code)

    # --- reading records -------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return bool(self.stored_pipelines([article_id]))

    def stored_pipelines(self, article_ids: Iterable[str]) -> dict[str, str]:
        """{article id: pipeline version} for the given ids that are stored (to skip work before the NLP)."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = select(schema.articles.c.id, schema.articles.c.pipeline).where(schema.articles.c.id.in_(chunk))
                found.update({row.id: row.pipeline for row in conn.execute(query)})
        return found

    def outlet_reports(self, outlet: str, min_score: float) -> list[tuple[str, list[tuple[Any, ...]]]]:
        """Each stored report of `outlet`, in the order stored, with the (country, admin1, feature, score) of its
        places of at least `min_score` (none for a report without such a place): what gazetteer/homes.py learns
        the outlet's home from."""
        ar, pl = schema.articles, schema.places
        query = (
            select(ar.c.id, pl.c.country, pl.c.admin1, pl.c.feature, pl.c.score)
            .select_from(ar.outerjoin(pl, (pl.c.article_id == ar.c.id) & (pl.c.score >= min_score)))
            .where(ar.c.outlet == outlet)
            .order_by(ar.c.ingested_at, ar.c.id, pl.c.pk)
        )
        reports: dict[str, list[tuple[Any, ...]]] = {}
        with self.engine.connect() as conn:
            for article_id, *place in conn.execute(query):
                places = reports.setdefault(article_id, [])
                if place[3] is not None:  # a report with no confident place joins no row of places
                    places.append(tuple(place))
        return list(reports.items())

    def homes_read_with(self, outlets: Iterable[str] | None = None) -> dict[str, tuple[str, str | None]]:
        """{article id: (outlet, the outlet home it was read with)} for the articles of `outlets` (all outlets
        when None), in the order they were stored."""
        ar = schema.articles
        query = select(ar.c.id, ar.c.outlet, ar.c.outlet_home, ar.c.ingested_at).where(ar.c.outlet.is_not(None))
        rows: list[Any] = []
        with self.engine.connect() as conn:
            if outlets is None:
                rows.extend(conn.execute(query))
            else:
                names = sorted(set(outlets))
                for start in range(0, len(names), 500):
                    rows.extend(conn.execute(query.where(ar.c.outlet.in_(names[start : start + 500]))))
        rows.sort(key=lambda row: (row.ingested_at, row.id))
        return {row.id: (row.outlet, row.outlet_home) for row in rows}

    def get_record(self, article_id: str) -> ArticleRecord | None:
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(schema.articles.c.record).where(schema.articles.c.id == article_id)
            ).scalar_one_or_none()
        return ArticleRecord.from_json(stored) if stored is not None else None

    def iter_records(self, *, pipeline_not: str | None = None, batch_size: int = 200) -> Iterator[ArticleRecord]:
        """Every stored record in id order (only those made by another pipeline version with `pipeline_not`).
        Pages through the table by key, so a long iteration holds no read transaction open."""
        last = ""
        while True:
            query = select(schema.articles.c.id, schema.articles.c.record).where(schema.articles.c.id > last)
            if pipeline_not is not None:
                query = query.where(schema.articles.c.pipeline != pipeline_not)
            query = query.order_by(schema.articles.c.id).limit(batch_size)
            with self.engine.connect() as conn:
                page = conn.execute(query).all()
            if not page:
                return
            for row in page:
                yield ArticleRecord.from_json(row.record)
            last = page[-1].id

    def count(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def ledger_fingerprint(self, conn: Connection) -> str:
        """How many articles the ledger holds and when the newest was stored: changes whenever a record is
        stored, replaced or removed."""
        count, newest = conn.execute(
            select(func.count(), func.max(schema.articles.c.ingested_at)).select_from(schema.articles)
        ).one()
        return f"{count}|{newest.isoformat() if newest is not None else ''}"

    def note_resolved(self, conn: Connection) -> None:
        """Record, in the resolve's own transaction, which state of the ledger it resolved."""
        state = schema.ledger_state
        conn.execute(delete(state).where(state.c.key == "resolved"))
        conn.execute(state.insert().values(key="resolved", value=self.ledger_fingerprint(conn)))

    def resolve_pending(self) -> bool:
        """Whether the ledger holds records newer than its last resolve (or was never resolved at all)."""
        state = schema.ledger_state
        with self.engine.connect() as conn:
            current = self.ledger_fingerprint(conn)
            resolved = conn.execute(select(state.c.value).where(state.c.key == "resolved")).scalar_one_or_none()
        return not current.startswith("0|") and resolved != current

    def counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in schema.metadata.tables}

    def integrity_problems(self) -> list[str]:
        """Checks that every stored article is whole: its child rows match its stored record exactly, and no
        child row points at a missing article. Empty list = consistent."""
        problems: list[str] = []
        if self.dialect == "sqlite":
            with self.engine.connect() as conn:
                result = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                if result != "ok":
                    problems.append(f"sqlite integrity_check: {result}")
        for record in self.iter_records():
            expected = record_rows(record)
            with self.engine.connect() as conn:
                for table in schema.RECORD_TABLES:
                    found = conn.execute(
                        select(func.count()).select_from(table).where(table.c.article_id == record.article.id)
                    ).scalar_one()
                    if found != len(expected[table.name]):
                        wanted = len(expected[table.name])
                        problems.append(f"{record.article.id}: {table.name} has {found} rows, record has {wanted}")
        with self.engine.connect() as conn:
            for table in schema.RECORD_TABLES:
                orphans = conn.execute(
                    select(func.count()).select_from(table).where(~table.c.article_id.in_(select(schema.articles.c.id)))
                ).scalar_one()
                if orphans:
                    problems.append(f"{table.name}: {orphans} rows of no stored article")
        return problems


def _storable(text: str) -> str:
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so that SQLAlchemy's transactions are SQLite's transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, nor it them
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; safe against corruption in WAL
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front (IMMEDIATE) so it waits its turn (busy_timeout) instead of
        # failing when it would have to upgrade a read lock another writer holds.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE_OPTION) else "BEGIN")


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "<database>"
