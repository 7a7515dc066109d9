"""Commands of the ledger: ingest, reprocess, resolve, db upgrade, and the queries and exports over the store."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from newsledger.cli import command_group
from newsledger.cli.common import (
    DbOption,
    error_line,
    fail,
    load_pipeline,
    open_store,
    stderr_console,
    terminal_text,
)
from newsledger.errors import NewsledgerError
from newsledger.export.csv_cells import SafeDictWriter

FORMATS = ("table", "json", "csv")
ListFormat = Annotated[str, typer.Option("--format", help="table, json or csv.")]


def _progress() -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        transient=False,
        console=stderr_console(),
    )


class _RateTracker:
    """Advances the progress bar and shows articles per second since the start."""

    def __init__(self, progress: Any, task: Any) -> None:
        self.progress, self.task, self.done = progress, task, 0
        self.started = time.monotonic()

    def __call__(self, n: int) -> None:
        self.done += n
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self.progress.update(self.task, advance=n, rate=f"{self.done / elapsed:.1f}")


def _print_summary(summary: Any, resolved: Any | None, *, as_json: bool) -> None:
    data = summary.as_dict()
    if resolved is not None:
        data["resolved"] = resolved.as_dict()
    if as_json:
        typer.echo(json.dumps(data))
        return
    typer.echo(
        f"ingested {data['ingested']}, updated {data['updated']}, unchanged {data['unchanged']}, "
        f"rejected {data['rejected']}"
    )
    for reason, n in sorted(data["rejected_by_reason"].items(), key=lambda item: -item[1]):
        typer.echo(f"  rejected {n}: {terminal_text(reason)}")
    if resolved is not None:
        r = data["resolved"]
        typer.echo(
            f"resolved: {r['actors']} actors, {r['clusters']} event clusters "
            f"({r['multi_report_clusters']} across articles), {r['cross_article_disputes']} cross-article disputes"
        )


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), feed files or URLs, WARC files.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date for inputs that carry none.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that carry none.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per stored transaction.")] = 32,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this many bytes.")] = 20_000_000,
    fetch: Annotated[bool, typer.Option(help="Fetch feed URLs and the article pages feeds link to.")] = True,
    resolve: Annotated[bool, typer.Option(help="Resolve actors, event clusters and disputes afterwards.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
    nlp_spec: Annotated[
        str | None, typer.Option("--nlp", help="MODULE:FUNCTION returning the spaCy pipeline to use.", hidden=True)
    ] = None,
) -> None:
    """Read reports into the ledger: each text once (re-ingesting is a no-op), bad inputs quarantined."""
    from newsledger.ingest import ArticleMeta
    from newsledger.ingest.read import parse_published
    from newsledger.ingest.sources import estimate_count, fetch_page, iter_articles
    from newsledger.service import ingest_articles

    try:
        parse_published(published, "--published")
    except NewsledgerError as exc:
        raise fail(exc, code=2) from None
    meta = ArticleMeta(outlet=outlet, published=published)
    store = open_store(db)
    console = stderr_console()
    with console.status("counting inputs"):
        expected = estimate_count(paths)
    # Inputs are read as the run goes (not all held in memory); the count above is for the ETA.
    inputs = iter_articles(paths, meta=meta, max_bytes=max_bytes, fetch=fetch_page if fetch else None)
    nlp = load_pipeline(nlp_spec)

    def report(error: Any) -> None:
        console.print(error_line(error), markup=False, highlight=False, soft_wrap=True)

    with store, _progress() as progress:
        task = progress.add_task("ingest", total=expected, rate="0.0")
        tracker = _RateTracker(progress, task)
        summary = ingest_articles(store, nlp, inputs, batch_size=batch_size, progress=tracker, on_reject=report)
        progress.update(task, total=tracker.done)  # feeds and archives hold more (or fewer) than estimated
        resolved = None
        if resolve and (summary.changed or store.resolve_pending()):
            from newsledger.service import resolve_ledger

            # The second stage: resolution runs over the whole ledger, so the bar says so instead of resting
            # at N/N.
            stage = progress.add_task("resolve", total=1, rate="-")
            resolved = resolve_ledger(store)
            progress.update(stage, completed=1)
    _print_summary(summary, resolved, as_json=as_json)
    if summary.rejected:
        raise typer.Exit(1)


def reprocess(
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per stored transaction.")] = 32,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
    nlp_spec: Annotated[
        str | None, typer.Option("--nlp", help="MODULE:FUNCTION returning the spaCy pipeline to use.", hidden=True)
    ] = None,
) -> None:
    """Re-run the pipeline on stored articles from another pipeline version or read without their outlet's home."""
    from newsledger.service import reprocess_stored, resolve_ledger, stale_count

    nlp = load_pipeline(nlp_spec)
    with open_store(db) as store, _progress() as progress:
        stale = stale_count(store, nlp)
        task = progress.add_task("reprocess", total=stale, rate="0.0")
        summary = reprocess_stored(store, nlp, batch_size=batch_size, progress=_RateTracker(progress, task))
        resolved = resolve_ledger(store) if summary.changed or store.resolve_pending() else None
    _print_summary(summary, resolved, as_json=as_json)
    if summary.rejected:
        raise typer.Exit(1)


def resolve_command(db: DbOption = None) -> None:
    """Recompute actors, event clusters and cross-article disputes over the whole store."""
    from newsledger.service import resolve_ledger

    with open_store(db) as store:
        summary = resolve_ledger(store)
    typer.echo(json.dumps(summary.as_dict()))


def db_upgrade(db: DbOption = None) -> None:
    """Create the database or migrate it to the newest schema."""
    with open_store(db) as store:
        current, head = store.revision()
    typer.echo(f"database at revision {current} (newest {head})")


def db_check(db: DbOption = None) -> None:
    """Check that every stored article is whole (its rows match its record) and the ledger is resolved; exit 1
    if not."""
    with open_store(db) as store:
        problems = store.integrity_problems()
        if store.resolve_pending():
            problems.append("the ledger holds records newer than its last resolve; run `newsledger resolve`")
        counts = store.counts()
    for problem in problems:
        typer.echo(f"problem: {terminal_text(problem)}", err=True)
    typer.echo(json.dumps({"ok": not problems, "counts": counts}))
    if problems:
        raise typer.Exit(1)


EVENT_COLUMNS = (
    "pk",
    "event_date",
    "type",
    "acled_type",
    "status",
    "source_name",
    "trigger_text",
    "target_name",
    "location",
    "country",
    "fatalities",
    "outlet",
    "cluster_id",
)


def _emit_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], output_format: str, title: str) -> None:
    if output_format == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, default=str))
    elif output_format == "csv":
        writer = SafeDictWriter(sys.stdout, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(*columns, title=title)
        for row in rows:
            # Text, not str: a stored name is never read as rich markup ("[link=...]"), nor printed raw.
            table.add_row(*(Text(terminal_text(_cell(row.get(c)))) for c in columns))
        Console().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _check_format(output_format: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if output_format not in allowed:
        raise fail(f"--format must be one of {', '.join(allowed)}, not {output_format!r}", code=2)


def _country_code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    from newsledger.countries import country_code

    code = country_code(value)
    if code is None:
        raise fail(f"--country: no country is called {value!r} (give a name or an ISO code)", code=2)
    return code


def events(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, typer.Option(help="Country: a name or an ISO 3166 code (Iraq, iraq, IQ).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER or ACLED type (comma separated).")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name (any alias) or actor id.")] = None,
    status: Annotated[str | None, typer.Option(help="reported, claimed, denied, … (comma separated).")] = None,
    disputed: Annotated[bool, typer.Option("--disputed", help="Only events that some source disputes.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many events first.")] = 0,
    output_format: ListFormat = "table",
) -> None:
    """List events in the ledger (newest first) with filters."""
    _check_format(output_format)
    with open_store(db) as store:
        rows = store.events(
            since=since,
            until=until,
            country=_country_code(country),
            type=event_type,
            actor=actor,
            status=status,
            disputed=True if disputed else None,
            limit=limit,
            offset=offset,
        )
    columns = tuple(rows[0].keys()) if rows and output_format == "csv" else EVENT_COLUMNS
    _emit_rows(rows, columns, output_format, "events")


def claims(
    db: DbOption = None,
    disputed: Annotated[bool, typer.Option("--disputed", help="Only claims that dispute or are disputed.")] = False,
    claimant: Annotated[str | None, typer.Option(help="Claimant name (substring).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many claims first.")] = 0,
    output_format: ListFormat = "table",
) -> None:
    """List claims, each with the claims that dispute it (across articles too)."""
    _check_format(output_format)
    with open_store(db) as store:
        # --disputed is the board: each disputing pair once, under the claim that disputes.
        rows = store.claims(
            disputed=True if disputed else None, board=disputed, claimant=claimant, limit=limit, offset=offset
        )
    for row in rows:
        row["disputed_by_outlets"] = sorted({d["outlet"] or "?" for d in row["disputed_by"]})
        row["disputes_outlets"] = sorted({d["outlet"] or "?" for d in row["disputes"]})
        row["n_disputes"] = len(row["disputes"]) + len(row["disputed_by"])
    columns = (
        "pk",
        "published",
        "outlet",
        "claimant_name",
        "stance",
        "proposition",
        "n_disputes",
        "disputes_outlets",
        "disputed_by_outlets",
    )
    _emit_rows(rows, columns, output_format, "claims")


def actors(
    db: DbOption = None,
    q: Annotated[str | None, typer.Option("--name", help="Name or alias (substring).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many actors.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many actors first.")] = 0,
    output_format: ListFormat = "table",
) -> None:
    """List actors resolved across articles, with their aliases."""
    _check_format(output_format)
    with open_store(db) as store:
        rows = store.actors(q=q, limit=limit, offset=offset)
    columns = ("id", "name", "type", "kind", "country", "aliases", "roles", "n_articles", "n_mentions")
    _emit_rows(rows, columns, output_format, "actors")


def export(
    output_format: Annotated[str, typer.Option("--format", help="acled, plover, geojson, jsonl or parquet.")],
    db: DbOption = None,
    out: Annotated[Path | None, typer.Option(help="Write to this file (default: standard output).")] = None,
    reviewed_only: Annotated[bool, typer.Option(help="Only events an analyst confirmed or corrected.")] = False,
    since: Annotated[str | None, typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date.")] = None,
    country: Annotated[str | None, typer.Option(help="Country: a name or an ISO 3166 code (Iraq, iraq, IQ).")] = None,
) -> None:
    """Export the ledger: ACLED-style CSV, PLOVER JSON, GeoJSON, JSONL of records, or Parquet of events."""
    from newsledger.export import ledger

    _check_format(output_format, ledger.EXPORT_FORMATS)
    options: dict[str, Any] = {
        "reviewed_only": reviewed_only,
        "since": since,
        "until": until,
        "country": _country_code(country),
    }
    with open_store(db) as store:
        if output_format == "parquet":
            if out is None:
                raise fail("--format parquet needs --out FILE", code=2)
            n = ledger.write_parquet(store, out, **options)
        else:
            writer = {
                "acled": ledger.write_acled,
                "plover": ledger.write_plover,
                "geojson": ledger.write_geojson,
                "jsonl": ledger.write_jsonl,
            }[output_format]
            if out is None:
                n = writer(store, sys.stdout, **options)
            else:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    n = writer(store, handle, **options)
    if out is not None:
        typer.echo(f"wrote {n} items to {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the newsledger CLI."""
    app.command()(ingest)
    app.command()(reprocess)
    app.command(name="resolve")(resolve_command)
    app.command()(events)
    app.command()(claims)
    app.command()(actors)
    app.command()(export)
    database = command_group(app, "db")
    database.command(name="upgrade")(db_upgrade)
    database.command(name="check")(db_check)
