"""API tokens in the ledger: only their SHA-256 hashes and who they were made for (`newsledger.api.auth` makes
and checks them)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from newsledger.store import schema
from newsledger.store.sessions import delete_sessions_of_tokens

if TYPE_CHECKING:
    from newsledger.store.db import Store


def save_token_hash(store: Store, name: str, token_hash: str, *, replace: bool = False) -> None:
    """Store a token's hash for `name` (first removing the tokens of that name with `replace`)."""
    with store.writing() as conn:
        if replace:
            delete_sessions_of_tokens(conn, _token_ids(conn, name))
            conn.execute(delete(schema.api_tokens).where(schema.api_tokens.c.name == name))
        conn.execute(
            schema.api_tokens.insert().values(name=name, token_hash=token_hash, created_at=dt.datetime.now(dt.UTC))
        )


def token_with_hash(store: Store, token_hash: str) -> tuple[str, str] | None:
    """(name, stored hash) of the token with this hash, or None."""
    tokens = schema.api_tokens
    with store.engine.connect() as conn:
        row = conn.execute(select(tokens.c.name, tokens.c.token_hash).where(tokens.c.token_hash == token_hash)).first()
    return None if row is None else (str(row.name), str(row.token_hash))


def token_exists(store: Store, name: str) -> bool:
    with store.engine.connect() as conn:
        found = conn.execute(select(schema.api_tokens.c.id).where(schema.api_tokens.c.name == name)).first()
    return found is not None


def delete_token(store: Store, name: str) -> bool:
    """Delete the token of `name` and end every desk session opened with it; whether there was one."""
    with store.writing() as conn:
        delete_sessions_of_tokens(conn, _token_ids(conn, name))
        deleted = conn.execute(delete(schema.api_tokens).where(schema.api_tokens.c.name == name)).rowcount
    return bool(deleted)


def _token_ids(conn: Connection, name: str) -> list[int]:
    return list(conn.execute(select(schema.api_tokens.c.id).where(schema.api_tokens.c.name == name)).scalars())
