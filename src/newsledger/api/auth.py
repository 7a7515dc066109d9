"""API tokens: created once (`newsledger token create NAME` prints it), stored only as a SHA-256 hash.

Tokens are 32 random bytes, so a plain SHA-256 is enough (no salt or slow hash needed: nothing to brute-force)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from newsledger.store import Store
from newsledger.store.tokens import save_token_hash, token_exists, token_with_hash

__all__ = ["TOKEN_PREFIX", "create_token", "hash_token", "token_exists", "token_owner"]

TOKEN_PREFIX = "nl_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, *, replace: bool = False) -> str:
    """A new token for `name`; returns the token itself (shown once, never stored)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    save_token_hash(store, name, hash_token(token), replace=replace)
    return token


def token_owner(store: Store, token: str | None) -> str | None:
    """The name the token was created for, or None for a missing or unknown token."""
    if not token:
        return None
    wanted = hash_token(token)
    found = token_with_hash(store, wanted)
    if found is None or not hmac.compare_digest(found[1], wanted):
        return None
    return found[0]
