"""Tokens are printed once and stored only as hashes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from newsledger.api.auth import create_token, hash_token, token_owner
from newsledger.store import Store, schema


def test_auth_token_stored_hashed(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        token = create_token(store, "ana")
        with store.engine.connect() as conn:
            stored = conn.execute(select(schema.api_tokens.c.token_hash)).scalars().all()
        assert stored == [hash_token(token)] and token not in stored
        assert token_owner(store, token) == "ana"
        assert token_owner(store, token + "x") is None
        assert token_owner(store, "") is None


def test_auth_token_create_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsledger.cli import app

    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["token", "create", "ana", "--db", str(db)])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    with Store.open(db) as store:
        assert token_owner(store, token) == "ana"
    again = CliRunner().invoke(app, ["token", "create", "ana", "--db", str(db)])
    assert again.exit_code == 2
