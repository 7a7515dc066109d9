"""Commands of the batch stage: `newsledger batch` (inputs to Parquet on a Dask cluster) and `newsledger load`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsledger.batch.run import DEFAULT_PARTITION_SIZE, DEFAULT_WORKERS
from newsledger.cli.common import DbOption, fail, print_error
from newsledger.errors import NewsledgerError


def batch(
    inputs: Annotated[
        list[Path], typer.Argument(help="Article files (.txt, .html, .json, .jsonl, .parquet) or folders of them.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder (Parquet datasets, manifest, rejected inputs).")],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a Dask scheduler (tcp://HOST:PORT); without it a local cluster is started."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes of the local cluster.")] = DEFAULT_WORKERS,
    partition_size: Annotated[
        int, typer.Option(min=1, help="Articles per partition (the unit of work and of resuming).")
    ] = DEFAULT_PARTITION_SIZE,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Make the batch the first N articles only (to try it out).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Reject input files larger than this many bytes.")] = 20_000_000,
) -> None:
    """Process many articles on a Dask cluster into Parquet; run it again to resume an interrupted batch."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsledger.batch.run import dashboard_address, dask_client, run_batch

    console = Console(stderr=True)
    for path in inputs:
        if not path.exists():
            raise fail(f"{path}: no such file or folder", code=2)
    try:
        with (
            dask_client(scheduler=scheduler, workers=workers) as client,
            Progress(
                TextColumn("[bold]batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("partitions{task.description}"),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            ) as progress,
        ):
            if scheduler is None and dashboard_address() is not None:
                console.print(f"Dask dashboard: {client.dashboard_link}")
            task = progress.add_task(" (reading inputs)", total=None)

            def show(finished: int, planned: int, reading_done: bool) -> None:
                description = "" if reading_done else " (reading inputs)"
                progress.update(task, completed=finished, total=planned, description=description)

            summary = run_batch(
                inputs,
                out,
                client=client,
                partition_size=partition_size,
                limit=limit,
                max_bytes=max_bytes,
                progress=show,
            )
    except NewsledgerError as exc:
        raise fail(exc) from None
    for error in summary.rejected:
        print_error(error)
    for failure in summary.failed:
        print_error(failure)
    typer.echo(
        f"{summary.articles} articles in {summary.partitions} partitions "
        f"({summary.processed} processed, {summary.skipped} already done), "
        f"{len(summary.rejected)} rejected, {summary.duplicates} duplicates -> {out}"
    )
    if not summary.complete:
        print_error("the batch is unfinished; run the same command again to resume")
    if summary.rejected or not summary.complete:
        raise typer.Exit(1)


def load(
    out: Annotated[Path, typer.Argument(help="Output folder of a finished `newsledger batch`.")],
    db: DbOption = None,
    resolve: Annotated[bool, typer.Option(help="Resolve actors, event clusters and disputes afterwards.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")] = False,
) -> None:
    """Bring a batch output into the store (loading it again changes nothing), then resolve across articles."""
    import json

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsledger.batch.load import batch_size_of, load_batch
    from newsledger.store import Store

    try:
        total = batch_size_of(out)
        store = Store.open(db)
    except NewsledgerError as exc:
        raise fail(exc) from None
    columns = (TextColumn("[bold]load"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"), TimeElapsedColumn())
    with store, Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("load", total=total)
        try:
            summary = load_batch(out, store, progress=lambda n: progress.advance(task, n))
        except NewsledgerError as exc:
            raise fail(exc) from None
        data = summary.as_dict()
        if resolve and (data["ingested"] or data["updated"]):
            from newsledger.service import resolve_ledger

            data["resolved"] = resolve_ledger(store).as_dict()
    if as_json:
        typer.echo(json.dumps(data))
        return
    typer.echo(
        f"loaded {out}: ingested {data['ingested']}, updated {data['updated']}, unchanged {data['unchanged']}; "
        f"rejected inputs recorded {data['rejected_recorded']} ({data['rejected_known']} already there)"
    )
    if "resolved" in data:
        resolved = data["resolved"]
        typer.echo(
            f"resolved: {resolved['actors']} actors, {resolved['clusters']} event clusters "
            f"({resolved['multi_report_clusters']} across articles), "
            f"{resolved['cross_article_disputes']} cross-article disputes"
        )


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the newsledger CLI."""
    app.command(name="batch")(batch)
    app.command(name="load")(load)
