"""The `newsledger` command. Each stage adds its own commands through a `register(app)` function, so this file
stays the table of contents: extract here, then eval, store, api, batch and gazetteer commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer

import newsledger
from newsledger.errors import InputError, NewsledgerError

app = typer.Typer(
    name="newsledger",
    help="Read news reports and turn them into a sourced ledger of events, claims, quotes and places.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules that add commands to `app`; each has `register(app: typer.Typer) -> None`.
COMMAND_MODULES = (
    "newsledger.eval.commands",
    "newsledger.gazetteer.commands",
    "newsledger.store.commands",
    "newsledger.api.commands",
    "newsledger.batch.commands",
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


def _register_commands() -> None:
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(app)


_register_commands()


def main() -> None:
    app()
