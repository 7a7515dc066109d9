"""The `newsledger` command: the application layer. One module per command group adds its commands through a
`register(app)` function, so this file stays the table of contents; `common` holds what they share (one `fail`).

Commands parse options, call the library (ingest, nlp, store, resolve, export, batch, eval, gazetteer) and print;
they hold no SQL and no extraction."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

import newsledger
from newsledger.cli.common import fail

__all__ = ["app", "fail", "main"]

app = typer.Typer(
    name="newsledger",
    help="Read news reports and turn them into a sourced ledger of events, claims, quotes and places.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# The command groups, in the order `newsledger --help` lists them; each has `register(app: typer.Typer) -> None`.
COMMAND_MODULES = (
    "newsledger.cli.extract",
    "newsledger.cli.eval",
    "newsledger.cli.gazetteer",
    "newsledger.cli.ledger",
    "newsledger.cli.serve",
    "newsledger.cli.batch",
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newsledger {newsledger.__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """newsledger: what happened, where, when, who did it, who says so, and who disputes it."""


def _register_commands() -> None:
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(app)


_register_commands()


def main() -> None:
    app()
