"""API tokens: created once (`newsledger token create NAME` prints it), stored only as a SHA-256 hash.

Tokens are 32 random bytes, so a plain SHA-256 is enough (no salt or slow hash needed: nothing to brute-force)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import delete, select

from newsledger.store import Store, schema

TOKEN_PREFIX = "nl_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, *, replace: bool = False) -> str:
    """A new token for `name`; returns the token itself (shown once, never stored)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.writing() as conn:
        if replace:
            conn.execute(delete(schema.api_tokens).where(schema.api_tokens.c.name == name))
        conn.execute(
            schema.api_tokens.insert().values(
                name=name, token_hash=hash_token(token), created_at=dt.datetime.now(dt.UTC)
            )
        )
    return token


def token_owner(store: Store, token: str | None) -> str | None:
    """The name the token was created for, or None for a missing or unknown token."""
    if not token:
        return None
    wanted = hash_token(token)
    with store.engine.connect() as conn:
        row = conn.execute(
            select(schema.api_tokens.c.name, schema.api_tokens.c.token_hash).where(
                schema.api_tokens.c.token_hash == wanted
            )
        ).first()
    if row is None or not hmac.compare_digest(row.token_hash, wanted):
        return None
    return str(row.name)


def token_exists(store: Store, name: str) -> bool:
    with store.engine.connect() as conn:
        found = conn.execute(select(schema.api_tokens.c.id).where(schema.api_tokens.c.name == name)).first()
    return found is not None


def revoke_token(store: Store, name: str) -> bool:
    """Delete the token of `name` (only its hash was stored); whether there was one. A revoked token is unknown
    to `token_owner`, so the API and the desk refuse it from the next request on, cookies included."""
    with store.writing() as conn:
        deleted = conn.execute(delete(schema.api_tokens).where(schema.api_tokens.c.name == name)).rowcount
    return bool(deleted)
