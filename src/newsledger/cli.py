"""The `newsledger` command. Each stage adds its own commands through a `register(app)` function, so this file
stays the table of contents: extract here, then eval, store, api, batch and gazetteer commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer import _click as click  # the click Typer bundles (its classes are what TyperGroup builds on)
from typer.core import TyperGroup

import newsledger
from newsledger.errors import InputError, NewsledgerError

# Each command by name: the module whose `register(app)` adds it, and its one-line help. A command's module is
# imported only when that command runs (or its own --help is asked), so `newsledger --version`, `--help` and the
# query commands never load spaCy, torch, scikit-learn or Dask. tests/test_cli.py checks this table against the
# commands the modules really register.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": (
        "newsledger.store.commands",
        "Read reports into the ledger: each text once (re-ingesting is a no-op), bad inputs quarantined.",
    ),
    "reprocess": (
        "newsledger.store.commands",
        "Re-run the pipeline on stored articles whose records came from another pipeline version.",
    ),
    "resolve": (
        "newsledger.store.commands",
        "Recompute actors, event clusters and cross-article disputes over the whole store.",
    ),
    "events": ("newsledger.store.commands", "List events in the ledger (newest first) with filters."),
    "claims": ("newsledger.store.commands", "List claims, each with the claims that dispute it (across articles too)."),
    "actors": ("newsledger.store.commands", "List actors resolved across articles, with their aliases."),
    "export": (
        "newsledger.store.commands",
        "Export the ledger: ACLED-style CSV, PLOVER JSON, GeoJSON, JSONL of records, or Parquet of events.",
    ),
    "db": ("newsledger.store.commands", "The ledger database: create, migrate, check."),
    "serve": ("newsledger.api.commands", "Serve the analyst's desk (web pages and JSON API) over the ledger."),
    "demo": (
        "newsledger.api.commands",
        "Ingest the bundled example report(s) into a fresh SQLite file under var/ and serve the desk over it.",
    ),
    "token": ("newsledger.api.commands", "API tokens for review (writes)."),
    "batch": (
        "newsledger.batch.commands",
        "Process many articles on a Dask cluster into Parquet; run it again to resume an interrupted batch.",
    ),
    "load": (
        "newsledger.batch.commands",
        "Bring a batch output into the store (loading it again changes nothing), then resolve across articles.",
    ),
    "watch": (
        "newsledger.watch.commands",
        "Poll feeds and drop folders on a schedule; store what is new, resolve, and tell the saved searches.",
    ),
    "eval": (
        "newsledger.eval.commands",
        "Score newsledger on public gold data (by path; gold files are never copied into the project).",
    ),
    "gazetteer": ("newsledger.gazetteer.commands", "The embedded gazetteer (GeoNames data from PyPI packages)."),
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


def fail(message: str, *, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise: bad input never shows a traceback."""
    typer.echo(f"newsledger: error: {message}", err=True)
    return typer.Exit(code)


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


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="Article file (.txt, .html, .json, .jsonl) or '-' for standard input.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD; times are resolved against it.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Name of the outlet that published the report.")] = None,
    url: Annotated[str | None, typer.Option(help="URL of the report.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the report.")] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="json (the public record) or table (for reading).")
    ] = "json",
    input_format: Annotated[str, typer.Option(help="How to read standard input: txt, html, json or jsonl.")] = "txt",
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this many bytes.")] = 20_000_000,
) -> None:
    """Extract the record of one report (or of each line of a .jsonl file) and print it."""
    from newsledger.ingest import ArticleMeta, read_bytes, read_path
    from newsledger.ingest.read import parse_published

    if output_format not in ("json", "table"):
        raise fail(f"--format must be json or table, not {output_format!r}", code=2)
    try:
        parse_published(published, "--published")
    except InputError as exc:
        raise fail(str(exc), code=2) from None
    meta = ArticleMeta(url=url, outlet=outlet, title=title, published=published)
    if file == "-":
        results = list(
            read_bytes(
                sys.stdin.buffer.read(), source="<stdin>", suffix="." + input_format, meta=meta, max_bytes=max_bytes
            )
        )
    else:
        path = Path(file)
        if not path.is_file():
            raise fail(f"{file}: no such file")
        results = list(read_path(path, meta=meta, max_bytes=max_bytes))

    articles = [r for r in results if not isinstance(r, InputError)]
    rejected = [r for r in results if isinstance(r, InputError)]
    for error in rejected:
        typer.echo(f"newsledger: error: {error}", err=True)
    if articles:
        from newsledger.nlp import load_nlp, process_articles

        try:
            nlp = load_nlp()
        except NewsledgerError as exc:
            raise fail(str(exc)) from None
        for result in process_articles(nlp, articles):
            if isinstance(result, InputError):
                typer.echo(f"newsledger: error: {result}", err=True)
                rejected.append(result)
            elif output_format == "json":
                typer.echo(result.to_json())
            else:
                from newsledger.export.table import print_record

                print_record(result)
    if rejected:
        raise typer.Exit(1)


def main() -> None:
    app()
