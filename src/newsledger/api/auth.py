"""API tokens and desk sessions.

Tokens: created once (`newsledger token create NAME` prints it), stored only as a SHA-256 hash. Tokens are 32
random bytes, so a plain SHA-256 is enough (no salt or slow hash needed: nothing to brute-force).

Sessions: logging in at the desk with a token opens a session on the server; the browser's cookie holds only
the session's random id (HttpOnly, SameSite=Strict, Secure over HTTPS), never the token. Logging out ends the
session on the server, so a copy of the cookie opens nothing afterwards; `token revoke` ends every session of
the token. A session also ends after `Settings.session_hours`, or after `Settings.session_idle_minutes` unseen.

CSRF: a form's hidden value is an HMAC, under a secret kept in the ledger, of the session id (or, before
logging in, of a random id in the visitor cookie). A value copied from another session or visitor, or one a
script planted in a cookie, never matches."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import weakref
from typing import Literal

from fastapi import Request, Response

from newsledger.store import Store
from newsledger.store.sessions import CSRF_SECRET_KEY, save_session, server_secret
from newsledger.store.sessions import end_session as end_stored_session
from newsledger.store.sessions import session_owner as stored_session_owner
from newsledger.store.tokens import delete_token, save_token_hash, token_exists, token_with_hash

__all__ = [
    "CSRF_FIELD",
    "LEGACY_TOKEN_COOKIE",
    "SESSION_COOKIE",
    "TOKEN_PREFIX",
    "VISITOR_COOKIE",
    "create_token",
    "csrf_matches",
    "csrf_value",
    "end_session",
    "hash_token",
    "request_csrf",
    "request_csrf_ok",
    "request_session",
    "revoke_token",
    "session_owner",
    "set_private_cookie",
    "start_session",
    "token_exists",
    "token_owner",
]

TOKEN_PREFIX = "nl_"
SESSION_COOKIE = "nl_session"
VISITOR_COOKIE = "nl_csrf"  # a logged-out browser's random id: the login form's CSRF value is bound to it
LEGACY_TOKEN_COOKIE = "nl_token"  # held the token itself before sessions; cleared at log-in and log-out
CSRF_FIELD = "csrf_token"
Binding = Literal["session", "visitor"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, *, replace: bool = False) -> str:
    """A new token for `name`; returns the token itself (shown once, never stored). With `replace`, the old
    token of that name and its desk sessions end."""
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


def revoke_token(store: Store, name: str) -> bool:
    """Delete the token of `name` (only its hash was stored) and every desk session opened with it; whether there
    was one. The API and the desk refuse it from the next request on."""
    return delete_token(store, name)


# --- sessions ---------------------------------------------------------------------------------------


def start_session(
    store: Store,
    token: str,
    *,
    lifetime: dt.timedelta,
    replaces: str | None = None,
    now: dt.datetime | None = None,
) -> str | None:
    """Open a session for a valid token and return its id (for the cookie), or None for an unknown token.
    `replaces` is the session id the browser held before, which ends: a log-in always gets a fresh id."""
    if token_owner(store, token) is None:
        return None
    now = now or dt.datetime.now(dt.UTC)
    session_id = secrets.token_urlsafe(32)
    opened = save_session(
        store,
        hash_token(session_id),
        hash_token(token),
        now=now,
        expires_at=now + lifetime,
        replaces=hash_token(replaces) if replaces else None,
    )
    return session_id if opened else None


def session_owner(
    store: Store, session_id: str | None, *, idle: dt.timedelta, now: dt.datetime | None = None
) -> str | None:
    """Who the session belongs to, or None when it is unknown, ended, expired, idle too long or its token was
    revoked."""
    if not session_id:
        return None
    now = now or dt.datetime.now(dt.UTC)
    return stored_session_owner(store, hash_token(session_id), now=now, idle_since=now - idle)


def end_session(store: Store, session_id: str | None, *, now: dt.datetime | None = None) -> bool:
    """Log out on the server; whether a live session ended."""
    if not session_id:
        return False
    return end_stored_session(store, hash_token(session_id), now=now or dt.datetime.now(dt.UTC))


_SECRETS: weakref.WeakKeyDictionary[Store, str] = weakref.WeakKeyDictionary()


def csrf_value(store: Store, binding: Binding, bound_to: str) -> str:
    """The CSRF value of a session (or of a logged-out visitor): an HMAC of its id under the ledger's secret
    (stored once and never changed, so each open store reads it once)."""
    secret = _SECRETS.get(store)
    if secret is None:
        secret = _SECRETS[store] = server_secret(store, CSRF_SECRET_KEY, secrets.token_hex(32))
    message = f"{binding}\0{bound_to}".encode()
    return hmac.new(secret.encode("ascii"), message, hashlib.sha256).hexdigest()


def csrf_matches(store: Store, binding: Binding, bound_to: str | None, sent: str | None) -> bool:
    if not bound_to or not sent:
        return False
    return hmac.compare_digest(csrf_value(store, binding, bound_to), sent)


# --- the request's view ----------------------------------------------------------------------------


def request_session(request: Request) -> tuple[str | None, str | None]:
    """(owner, session id) of the request's session cookie; (None, None) without a live session. Read once per
    request (the read gate, the route and the page all ask)."""
    cached: tuple[str | None, str | None] | None = getattr(request.state, "nl_session", None)
    if cached is not None:
        return cached
    session_id = request.cookies.get(SESSION_COOKIE)
    settings = request.app.state.settings
    owner = session_owner(request.app.state.store, session_id, idle=dt.timedelta(minutes=settings.session_idle_minutes))
    found = (owner, session_id) if owner is not None else (None, None)
    request.state.nl_session = found
    return found


def request_csrf(request: Request) -> tuple[str, str | None]:
    """(the CSRF value a form on this page carries, a new visitor id to set as cookie or None). Bound to the live
    session when there is one, else to the visitor cookie."""
    store: Store = request.app.state.store
    _owner, session_id = request_session(request)
    if session_id is not None:
        return csrf_value(store, "session", session_id), None
    visitor = request.cookies.get(VISITOR_COOKIE)
    new_visitor = None
    if not visitor or len(visitor) > 100:
        visitor = new_visitor = secrets.token_urlsafe(32)
    return csrf_value(store, "visitor", visitor), new_visitor


def request_csrf_ok(request: Request, sent: str | None, *, logged_in: bool) -> bool:
    """Whether a form's CSRF value is the one this browser was given: bound to its live session, or (where
    `logged_in` is not required: the log-in form, a log-out after the session ended) to its visitor cookie."""
    store: Store = request.app.state.store
    _owner, session_id = request_session(request)
    if session_id is not None:
        return csrf_matches(store, "session", session_id, sent)
    if logged_in:
        return False
    return csrf_matches(store, "visitor", request.cookies.get(VISITOR_COOKIE), sent)


def set_private_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """A cookie no script reads, sent only to this site, and only over HTTPS when the desk is served over it."""
    secure = bool(request.app.state.settings.secure_cookies) or request.url.scheme == "https"
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure, path="/")
