"""The desk's commands: safe defaults."""

from __future__ import annotations

import typer

from newsledger.cli import app


def _option_default(command_name: str, option: str) -> object:
    group = typer.main.get_command(app)
    command = group.commands[command_name]  # type: ignore[attr-defined]
    return next(param.default for param in command.params if param.name == option)


def test_commands_bind_localhost_by_default() -> None:
    assert _option_default("serve", "host") == "127.0.0.1"
    assert _option_default("demo", "host") == "127.0.0.1"


def test_commands_reads_open_unless_asked() -> None:
    assert _option_default("serve", "read_requires_token") is False
