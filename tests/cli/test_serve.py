"""The desk's commands: safe defaults."""

from __future__ import annotations

import pytest
import typer

from newsledger.cli import app


def _option_default(command_name: str, option: str) -> object:
    group = typer.main.get_command(app)
    command = group.get_command(typer.Context(group), command_name)  # type: ignore[attr-defined]
    return next(param.default for param in command.params if param.name == option)


def test_commands_bind_localhost_by_default() -> None:
    assert _option_default("serve", "host") == "127.0.0.1"
    assert _option_default("demo", "host") == "127.0.0.1"


def test_commands_reads_open_unless_asked() -> None:
    assert _option_default("serve", "read_requires_token") is False


def test_commands_example_meta_from_sidecar(tmp_path) -> None:
    from newsledger.cli.serve import example_meta

    report = tmp_path / "harbour.txt"
    report.write_text("Dockers struck at the harbour on Monday.", encoding="utf-8")
    assert example_meta(report) == {}
    (tmp_path / "harbour.meta.json").write_text(
        '{"published": "2022-05-02", "outlet": "Coast Times", "unknown": "x"}', encoding="utf-8"
    )
    assert example_meta(report) == {"published": "2022-05-02", "outlet": "Coast Times"}


@pytest.mark.model
def test_commands_demo_reads_the_examples_folder_it_is_given(tmp_path) -> None:
    from typer.testing import CliRunner

    folder = tmp_path / "reports"
    folder.mkdir()
    db = tmp_path / "demo.db"
    empty = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db), "--examples", str(folder)])
    assert empty.exit_code == 1
    assert str(folder) in empty.stderr and "no example reports" in empty.stderr
    (folder / "harbour.txt").write_text("Dockers struck at the harbour in Mombasa on Monday.", encoding="utf-8")
    (folder / "harbour.meta.json").write_text('{"published": "2022-05-02"}', encoding="utf-8")
    done = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db), "--examples", str(folder)])
    assert done.exit_code == 0, done.output
    assert "1 articles" in done.stderr


def test_commands_token_revoke_ends_api_and_desk_access(tmp_path) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsledger.api import create_app
    from newsledger.api.auth import token_owner
    from newsledger.store import Store

    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    runner = CliRunner()
    created = runner.invoke(app, ["token", "create", "ana", "--db", db])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]

    def review_status() -> int:
        with TestClient(create_app(tmp_path / "ledger.db")) as client:
            headers = {"Authorization": f"Bearer {token}"}
            return client.post("/api/events/1/review", json={"status": "confirmed"}, headers=headers).status_code

    with Store.open(db) as store:
        assert token_owner(store, token) == "ana"
    assert review_status() != 401  # accepted (the event itself does not exist)
    revoked = runner.invoke(app, ["token", "revoke", "ana", "--db", db])
    assert revoked.exit_code == 0 and "revoked" in revoked.stdout
    with Store.open(db) as store:
        assert token_owner(store, token) is None
    assert review_status() == 401
    again = runner.invoke(app, ["token", "revoke", "ana", "--db", db])
    assert again.exit_code == 1 and "no token named 'ana'" in again.stderr
