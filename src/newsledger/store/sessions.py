"""Desk log-in sessions and the server secret the CSRF values are derived from (`newsledger.api.auth` makes and
checks them). A session row is keyed by the SHA-256 of the id the browser holds; the id itself is never stored."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store.db import Store

CSRF_SECRET_KEY = "csrf_secret"  # in ledger_state; migration 0007 stores one
BUSY_WAIT_MS = 200


def save_session(
    store: Store, id_hash: str, token_hash: str, *, now: dt.datetime, expires_at: dt.datetime, replaces: str | None
) -> bool:
    """Open a session for the token with `token_hash` (ending the session `replaces`, the one the browser held
    before logging in, so an id planted before the log-in is worth nothing after it). Sessions that expired or
    ended are deleted on the way. False when the token is unknown (revoked meanwhile)."""
    sessions, tokens = schema.auth_sessions, schema.api_tokens
    with store.writing() as conn:
        token_id = conn.execute(select(tokens.c.id).where(tokens.c.token_hash == token_hash)).scalar_one_or_none()
        if token_id is None:
            return False
        conn.execute(delete(sessions).where((sessions.c.expires_at <= now) | sessions.c.revoked_at.is_not(None)))
        if replaces is not None:
            conn.execute(delete(sessions).where(sessions.c.id_hash == replaces))
        conn.execute(
            sessions.insert().values(
                id_hash=id_hash, token_id=token_id, created_at=now, last_seen_at=now, expires_at=expires_at
            )
        )
    return True


def session_owner(store: Store, id_hash: str, *, now: dt.datetime, idle_since: dt.datetime) -> str | None:
    """The token name of a live session: not ended, not expired, seen after `idle_since`, its token not revoked.
    Marks it seen (at most once a minute, so reading pages does not write on every request)."""
    sessions, tokens = schema.auth_sessions, schema.api_tokens
    query = (
        select(tokens.c.name, sessions.c.last_seen_at, sessions.c.expires_at)
        .join(tokens, tokens.c.id == sessions.c.token_id)
        .where(sessions.c.id_hash == id_hash, sessions.c.revoked_at.is_(None))
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or _aware(row.expires_at) <= now or _aware(row.last_seen_at) <= idle_since:
        return None
    if now - _aware(row.last_seen_at) > dt.timedelta(minutes=1):
        _mark_seen(store, id_hash, now)
    return str(row.name)


def _mark_seen(store: Store, id_hash: str, now: dt.datetime) -> None:
    """Move the session's last-seen time, never waiting for another writer: a page read must not queue behind an
    ingest or a resolve (in this process or another). A session still live is marked by a later request."""
    lock = store._write_lock  # the store's own writers, in this process
    if not lock.acquire(blocking=False):
        return
    try:
        with store.engine.connect() as conn:
            waited = None
            if store.dialect == "sqlite":  # another process's writer: wait a moment, not the store's 30 s
                waited = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
                conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")
            try:
                sessions = schema.auth_sessions
                conn.execute(update(sessions).where(sessions.c.id_hash == id_hash).values(last_seen_at=now))
                conn.commit()
            except OperationalError:
                conn.rollback()
            finally:
                if waited is not None:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={int(waited)}")
                    conn.commit()
    finally:
        lock.release()


def end_session(store: Store, id_hash: str, *, now: dt.datetime) -> bool:
    """Log out: the session is marked ended (its cookie no longer opens it); whether it was live."""
    sessions = schema.auth_sessions
    with store.writing() as conn:
        ended = conn.execute(
            update(sessions)
            .where(sessions.c.id_hash == id_hash, sessions.c.revoked_at.is_(None))
            .values(revoked_at=now)
        ).rowcount
    return bool(ended)


def delete_sessions_of_tokens(conn: Connection, token_ids: list[int]) -> None:
    """Every session opened with these tokens (explicitly: SQLite cascades only with foreign keys on)."""
    if token_ids:
        conn.execute(delete(schema.auth_sessions).where(schema.auth_sessions.c.token_id.in_(token_ids)))


def server_secret(store: Store, key: str, make: str) -> str:
    """The secret stored under `key` in ledger_state, storing `make` first when there is none yet (two servers
    starting together agree on whichever was stored first)."""
    state = schema.ledger_state
    with store.engine.connect() as conn:
        found = conn.execute(select(state.c.value).where(state.c.key == key)).scalar_one_or_none()
    if found is not None:
        return str(found)
    try:
        with store.writing() as conn:
            conn.execute(state.insert().values(key=key, value=make))
    except IntegrityError:
        pass
    with store.engine.connect() as conn:
        return str(conn.execute(select(state.c.value).where(state.c.key == key)).scalar_one())


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes for timezone-aware columns; they were written in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
