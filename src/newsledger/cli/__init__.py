"""The `newsledger` command: the application layer. One module per command group adds its commands through a
`register(app)` function, and LAZY_COMMANDS below is the table of contents; `common` holds what they share (one
`fail`). Commands parse options, call the library (service, store, resolve, export, batch, eval, gazetteer) and
print; they hold no SQL and no extraction."""

from __future__ import annotations

import importlib
import re
from typing import Annotated, Any

import typer
from typer import _click as click  # the click Typer bundles (its classes are what TyperGroup builds on)
from typer.core import TyperGroup

import newsledger
from newsledger.cli.common import fail

__all__ = ["LAZY_COMMANDS", "app", "command_group", "fail", "main", "module_commands"]

# Each command by name: the module whose `register(app)` adds it, and its one-line help. A command's module is
# imported only when that command runs (or its own --help is asked), so `newsledger --version`, `--help` and the
# query commands never load spaCy, torch, scikit-learn or Dask. tests/cli/test_extract.py checks this table
# against the commands the modules really register.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "extract": (
        "newsledger.cli.extract",
        "Extract the record of one report (or of each line of a .jsonl file) and print it.",
    ),
    "ingest": (
        "newsledger.cli.ledger",
        "Read reports into the ledger: each text once (re-ingesting is a no-op), bad inputs quarantined.",
    ),
    "reprocess": (
        "newsledger.cli.ledger",
        "Re-run the pipeline on stored articles from another pipeline version or read without their outlet's home.",
    ),
    "resolve": (
        "newsledger.cli.ledger",
        "Recompute actors, event clusters and cross-article disputes over the whole store.",
    ),
    "events": ("newsledger.cli.ledger", "List events in the ledger (newest first) with filters."),
    "claims": ("newsledger.cli.ledger", "List claims, each with the claims that dispute it (across articles too)."),
    "actors": ("newsledger.cli.ledger", "List actors resolved across articles, with their aliases."),
    "export": (
        "newsledger.cli.ledger",
        "Export the ledger: ACLED-style CSV, PLOVER JSON, GeoJSON, JSONL of records, or Parquet of events.",
    ),
    "db": ("newsledger.cli.ledger", "The ledger database: create, migrate, check."),
    "serve": ("newsledger.cli.serve", "Serve the analyst's desk (web pages and JSON API) over the ledger."),
    "demo": (
        "newsledger.cli.serve",
        "Ingest the bundled example report(s) into a fresh SQLite file under var/ and serve the desk over it.",
    ),
    "token": ("newsledger.cli.serve", "API tokens for review (writes)."),
    "batch": (
        "newsledger.cli.batch",
        "Process many articles on a Dask cluster into Parquet; run it again to resume an interrupted batch.",
    ),
    "load": (
        "newsledger.cli.batch",
        "Bring a batch output into the store (loading it again changes nothing), then resolve across articles.",
    ),
    "watch": (
        "newsledger.cli.watch",
        "Poll feeds and drop folders on a schedule; store what is new, resolve, and tell the saved searches.",
    ),
    "eval": (
        "newsledger.cli.eval",
        "Score newsledger on public gold data (by path; gold files are never copied into the project).",
    ),
    "gazetteer": ("newsledger.cli.gazetteer", "The embedded gazetteer (GeoNames data from PyPI packages)."),
}
COMMAND_MODULES = tuple(dict.fromkeys(module for module, _ in LAZY_COMMANDS.values()))


class LazyGroup(TyperGroup):
    """The top-level group: commands listed from LAZY_COMMANDS, each built from its module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *(name for name in LAZY_COMMANDS if name not in self.commands)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        return module_commands(LAZY_COMMANDS[cmd_name][0]).get(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Typer's rich help builds every command to list it, which would import them all: plain help here.
        super(TyperGroup, self).format_help(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(limit=150)) for name, command in self.commands.items()]
        rows += [(name, short) for name, (_, short) in LAZY_COMMANDS.items() if name not in self.commands]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


_PLAIN_INT = re.compile(r"0|[1-9][0-9]{0,17}")


def plain_value(descriptor: Any, value: Any) -> tuple[bool, Any]:
    """(True, the coerced value) when Typer's Pydantic adapter would return `value` as it is (a str for a plain
    str option, an int for a plain int one), else (False, None). Typer 0.29 builds a Pydantic TypeAdapter for
    every option it parses, defaults included, and importing Pydantic and building them is about a third of a
    query command's start-up; these values need neither. Anything else (ranges, parsers, choices, paths, files,
    text that is not plainly a number) still goes through Typer's adapter, with its own error messages."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return False, None
    if descriptor.annotation is str and type(value) is str:
        return True, value
    if descriptor.annotation is int and info.min is None and info.max is None:
        if type(value) is int:
            return True, value
        if type(value) is str and _PLAIN_INT.fullmatch(value):
            return True, int(value)
    return False, None


def _install_plain_coercion() -> None:
    """Typer parameters skip the Pydantic adapter for None (which every adapter passes through untouched) and for
    `plain_value`s; everything else is coerced by Typer as before."""
    parameter_class = typer.core._TyperParameter
    typer_process_value = parameter_class.process_value

    def process_value(self: Any, ctx: click.Context, value: Any) -> Any:
        is_multi_value = self.multiple or self.nargs == -1
        plain, coerced = (
            (True, None) if value is None and not is_multi_value else plain_value(self.type_descriptor, value)
        )
        if not plain or is_multi_value:
            return typer_process_value(self, ctx, value)
        if self.required and self.value_is_missing(coerced):
            raise click.exceptions.MissingParameter(ctx=ctx, param=self)
        if self.callback is not None:
            coerced = self.callback(ctx, self, coerced)
        return coerced

    setattr(parameter_class, "process_value", process_value)  # noqa: B010 - mypy forbids assigning a method


_install_plain_coercion()


def command_group(app: typer.Typer, name: str) -> typer.Typer:
    """`newsledger NAME SUBCOMMAND`: a group added to `app`, its help the line LAZY_COMMANDS gives it."""
    group = typer.Typer(help=LAZY_COMMANDS[name][1], no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


def module_commands(module_name: str) -> dict[str, click.Command]:
    """The click commands a module's `register(app)` adds, built from a Typer app of their own."""
    holder = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importlib.import_module(module_name).register(holder)
    return dict(typer.main.get_group(holder).commands)


app = typer.Typer(
    name="newsledger",
    cls=LazyGroup,
    help="Read news reports and turn them into a sourced ledger of events, claims, quotes and places.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


def main() -> None:
    app()
