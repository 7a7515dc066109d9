"""`newsledger extract`: one report in, its record out (nothing is stored)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsledger.cli.common import fail, load_pipeline, print_error
from newsledger.errors import InputError


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
        raise fail(exc, code=2) from None
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
        print_error(error)
    if articles:
        from newsledger.nlp import process_articles

        nlp = load_pipeline(None)
        for result in process_articles(nlp, articles):
            if isinstance(result, InputError):
                print_error(result)
                rejected.append(result)
            elif output_format == "json":
                typer.echo(result.to_json())
            else:
                from newsledger.export.table import print_record

                print_record(result)
    if rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the newsledger CLI."""
    app.command()(extract)
