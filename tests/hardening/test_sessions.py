"""Desk sessions on the server, through the desk (TestClient) and the CLI, on SQLite and a real PostgreSQL.

The attacks: a cookie replayed after logging out, a CSRF value copied from another session (or from before the
log-in), a session id planted before the log-in, and the session of a revoked or replaced token."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from newsledger.api import create_app
from newsledger.api.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    create_token,
    csrf_value,
    end_session,
    session_owner,
    start_session,
)
from newsledger.api.settings import Settings
from newsledger.cli import app as cli
from newsledger.store import Store, schema

HOUR = dt.timedelta(hours=1)
T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def tokens(store_url: str) -> dict[str, str]:
    with Store.open(store_url) as store:
        return {name: create_token(store, name) for name in ("ana", "ben")}


@pytest.fixture
def desk(store_url: str, tokens: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(store_url, settings=Settings(read_requires_token=True))) as client:
        yield client


def csrf_on(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found is not None, page
    return found.group(1)


def log_in(client: TestClient, token: str) -> str:
    """Log in through the form; the session id the browser was given."""
    response = client.post(
        "/login", data={CSRF_FIELD: csrf_on(client, "/login"), "token": token, "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return client.cookies[SESSION_COOKIE]


def alert_form(client: TestClient, csrf: str) -> str:
    """Save a search through the desk's form (a write that needs no event in the ledger): "saved", "login" (sent
    to the login page by a desk that needs a session even to read) or the refusal's status code."""
    response = client.post(
        "/alerts", data={CSRF_FIELD: csrf, "name": "Protests", "type": "PROTEST"}, follow_redirects=False
    )
    location = response.headers.get("location", "")
    if response.status_code == 303:
        return "saved" if location.startswith("/alerts/") else "login" if location.startswith("/login") else location
    return str(response.status_code)


def test_sessions_the_cookie_holds_a_random_session_id_and_the_ledger_only_its_hash(desk, tokens, store_url):
    response = desk.post(
        "/login",
        data={CSRF_FIELD: csrf_on(desk, "/login"), "token": tokens["ana"], "next": "/"},
        follow_redirects=False,
    )
    set_cookie = next(v for v in response.headers.get_list("set-cookie") if v.startswith(SESSION_COOKIE + "="))
    session_id = desk.cookies[SESSION_COOKIE]
    assert tokens["ana"] not in set_cookie and tokens["ana"] not in session_id
    assert "httponly" in set_cookie.lower() and "samesite=strict" in set_cookie.lower()
    assert "secure" not in set_cookie.lower()  # plain http on 127.0.0.1: a Secure cookie would never come back
    with Store.open(store_url) as store, store.engine.connect() as conn:
        stored = conn.execute(select(schema.auth_sessions.c.id_hash)).scalars().all()
    assert stored == [hashlib.sha256(session_id.encode()).hexdigest()]
    assert "<span>ana</span>" in desk.get("/").text


def test_sessions_cookies_are_secure_when_the_desk_is_served_over_https(store_url, tokens):
    with TestClient(create_app(store_url), base_url="https://desk.test") as client:
        response = client.post(
            "/login",
            data={CSRF_FIELD: csrf_on(client, "/login"), "token": tokens["ana"], "next": "/"},
            follow_redirects=False,
        )
    cookies = [v.lower() for v in response.headers.get_list("set-cookie") if v.startswith(SESSION_COOKIE + "=")]
    assert cookies and all("; secure" in v for v in cookies)


def test_sessions_a_cookie_replayed_after_logout_opens_nothing(desk, tokens, store_url):
    session_id = log_in(desk, tokens["ana"])
    csrf = csrf_on(desk, "/")
    assert desk.get("/api/events").status_code == 200  # reads need a session on this desk
    assert desk.post("/logout", data={CSRF_FIELD: csrf}, follow_redirects=False).status_code == 303
    assert SESSION_COOKIE not in desk.cookies
    # The attacker kept a copy of the cookie (and of the page's CSRF value): the server ended the session.
    desk.cookies.set(SESSION_COOKIE, session_id)
    assert desk.get("/api/events").status_code == 401
    assert desk.get("/", follow_redirects=False).status_code == 303  # to the login page
    assert alert_form(desk, csrf) == "login"
    with TestClient(create_app(store_url)) as open_desk:  # where reads are open, the write is still refused
        open_desk.cookies.set(SESSION_COOKIE, session_id)
        assert alert_form(open_desk, csrf) == "401"
    with Store.open(store_url) as store:
        assert session_owner(store, session_id, idle=HOUR) is None
        assert store.count("saved_searches") == 0


def test_sessions_a_csrf_value_from_another_session_is_refused(store_url, tokens):
    app = create_app(store_url)
    with TestClient(app) as ana, TestClient(app) as ben:
        log_in(ana, tokens["ana"])
        log_in(ben, tokens["ben"])
        ana_csrf, ben_csrf = csrf_on(ana, "/"), csrf_on(ben, "/")
        assert ana_csrf != ben_csrf
        assert alert_form(ana, ben_csrf) == "403"
        assert alert_form(ana, "") == "403"
        # The value the login page carried was the logged-out visitor's: a log-in changes it.
        visitor_csrf = csrf_on(TestClient(app), "/login")
        assert alert_form(ana, visitor_csrf) == "403"
        with Store.open(store_url) as store:
            assert store.count("saved_searches") == 0
        assert alert_form(ana, ana_csrf) == "saved"  # the control: the session's own value is accepted
        with Store.open(store_url) as store:
            assert store.count("saved_searches") == 1


def test_sessions_a_second_login_of_one_token_is_a_session_of_its_own(store_url, tokens):
    app = create_app(store_url)
    with TestClient(app) as laptop, TestClient(app) as phone:
        log_in(laptop, tokens["ana"])
        log_in(phone, tokens["ana"])
        phone.post("/logout", data={CSRF_FIELD: csrf_on(phone, "/")}, follow_redirects=False)
        assert "<span>ana</span>" in laptop.get("/").text  # logging out ends that session only
        assert "<span>ana</span>" not in phone.get("/").text


def test_sessions_a_session_id_planted_before_login_is_replaced(desk, tokens, store_url):
    # Session fixation: whatever session id the browser held, logging in gives a fresh one and ends the old.
    planted = log_in(desk, tokens["ben"])
    fresh = log_in(desk, tokens["ana"])
    assert fresh != planted
    with Store.open(store_url) as store:
        assert session_owner(store, planted, idle=HOUR) is None
        assert session_owner(store, fresh, idle=HOUR) == "ana"


def test_sessions_token_revoke_ends_the_tokens_sessions_through_the_cli(desk, tokens, store_url):
    log_in(desk, tokens["ana"])
    csrf = csrf_on(desk, "/")
    result = CliRunner().invoke(cli, ["token", "revoke", "ana", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert desk.get("/api/events").status_code == 401
    assert alert_form(desk, csrf) == "login"
    with Store.open(store_url) as store, store.engine.connect() as conn:
        assert conn.execute(select(schema.auth_sessions)).all() == []
    with TestClient(desk.app) as other:  # ben's sessions are not touched
        log_in(other, tokens["ben"])
        assert other.get("/api/events").status_code == 200


def test_sessions_token_create_replace_ends_the_old_tokens_sessions(desk, tokens, store_url):
    log_in(desk, tokens["ana"])
    result = CliRunner().invoke(cli, ["token", "create", "ana", "--replace", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert desk.get("/api/events").status_code == 401
    log_in(desk, result.output.strip())
    assert desk.get("/api/events").status_code == 200


def test_sessions_end_after_their_lifetime_and_when_idle(store_url, tokens):
    with Store.open(store_url) as store:
        lasting = start_session(store, tokens["ana"], lifetime=8 * HOUR, now=T0)
        assert lasting is not None
        assert session_owner(store, lasting, idle=2 * HOUR, now=T0 + HOUR) == "ana"
        assert session_owner(store, lasting, idle=2 * HOUR, now=T0 + 2 * HOUR) == "ana"  # seen at T0+1h
        assert session_owner(store, lasting, idle=2 * HOUR, now=T0 + 4 * HOUR + dt.timedelta(minutes=1)) is None
        busy = start_session(store, tokens["ana"], lifetime=3 * HOUR, now=T0)
        assert busy is not None
        for hour in (1, 2):
            assert session_owner(store, busy, idle=2 * HOUR, now=T0 + hour * HOUR) == "ana"
        assert session_owner(store, busy, idle=2 * HOUR, now=T0 + 3 * HOUR) is None  # used, but its time is up
        assert start_session(store, tokens["ana"] + "x", lifetime=HOUR, now=T0) is None
        assert session_owner(store, "", idle=HOUR) is None
        assert not end_session(store, "not-a-session")


def test_sessions_survive_a_restart_and_their_csrf_secret_is_the_ledgers(store_url, tokens):
    # Two desk processes over one ledger (or one restarted) agree on sessions and on CSRF values.
    with TestClient(create_app(store_url)) as first:
        session_id = log_in(first, tokens["ana"])
        csrf = csrf_on(first, "/")
    with TestClient(create_app(store_url)) as second:
        second.cookies.set(SESSION_COOKIE, session_id)
        assert alert_form(second, csrf) == "saved"
    with Store.open(store_url) as store:
        assert csrf == csrf_value(store, "session", session_id)
        assert csrf != csrf_value(store, "visitor", session_id)


def test_sessions_a_page_read_never_waits_for_a_writer(store_url, tokens):
    # Marking a session seen is a write. While the store's writer is busy (an ingest, a resolve in `serve
    # --watch`), a read must neither queue behind it nor lose the session. The lock is held by this very thread,
    # so a read that waited for it would never return (the test's timeout), whatever the machine's speed.
    with Store.open(store_url) as store:
        session_id = start_session(store, tokens["ana"], lifetime=8 * HOUR, now=T0)
        with store._write_lock:
            assert session_owner(store, session_id, idle=2 * HOUR, now=T0 + HOUR) == "ana"
        with store.engine.connect() as conn:
            seen = conn.execute(select(schema.auth_sessions.c.last_seen_at)).scalar_one()
        assert seen.replace(tzinfo=dt.UTC) == T0  # not marked then; the next read marks it
        assert session_owner(store, session_id, idle=2 * HOUR, now=T0 + HOUR) == "ana"
        with store.engine.connect() as conn:
            seen = conn.execute(select(schema.auth_sessions.c.last_seen_at)).scalar_one()
        assert seen.replace(tzinfo=dt.UTC) == T0 + HOUR


def test_sessions_the_csrf_secret_is_made_by_the_migration_not_by_a_page_view(tmp_path):
    with Store.open(tmp_path / "fresh.db") as store, store.engine.connect() as conn:
        state = schema.ledger_state
        secret = conn.execute(select(state.c.value).where(state.c.key == "csrf_secret")).scalar_one()
    assert len(secret) == 64 and int(secret, 16) >= 0
