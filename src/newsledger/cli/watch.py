"""The `watch` command: the ledger kept up to date from feeds and drop folders while the analyst works."""

from __future__ import annotations

import signal
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsledger.cli.common import DbOption, fail, load_pipeline
from newsledger.errors import NewsledgerError

if TYPE_CHECKING:
    from newsledger.store.db import Store
    from newsledger.watch.run import Round, Watcher


def make_watcher(
    store: Store,
    sources: list[str],
    *,
    every: float,
    nlp_spec: str | None,
    fetch: bool = True,
    settle_seconds: float = 2.0,
    base_url: str = "http://127.0.0.1:8000",
    report: Any = None,
) -> Watcher:
    """A watcher that stores through the pipeline, resolves after new articles, then tells the saved searches."""
    import httpx

    import newsledger
    from newsledger.alerts.notify import deliver_due, queue_new_matches
    from newsledger.service import ingest_articles
    from newsledger.watch.run import Watcher

    say = report or (lambda line: typer.echo(line, err=True))
    nlp = load_pipeline(nlp_spec)
    client = httpx.Client(
        timeout=httpx.Timeout(30.0),
        follow_redirects=True,
        headers={"User-Agent": f"newsledger/{newsledger.__version__} (watch)"},
    )

    def ingest(results: list[Any]) -> None:
        ingest_articles(store, nlp, results, on_reject=lambda error: None)

    # Whether the ledger was resolved when the round began: then only what the round's articles touch needs
    # resolving again; else (a first round after a crash, or articles stored by someone else) the whole ledger.
    resolved_before = {"round": False}

    def before_round() -> None:
        resolved_before["round"] = not store.resolve_pending()

    def after_round(round_: Round) -> None:
        if round_.new_items or store.resolve_pending():
            from newsledger.service import resolve_ledger

            scoped = resolved_before["round"]
            say(
                f"newsledger: watch: resolve: {round_.new_items} new item(s) in, resolving "
                + ("what they touch" if scoped else "the whole ledger")
            )
            started = time.monotonic()
            resolved = resolve_ledger(store, scope=round_.article_ids if scoped else None)
            say(
                f"newsledger: watch: resolve: done in {time.monotonic() - started:.1f} s "
                f"({resolved.clusters} event clusters)"
            )
            queue_new_matches(store, base_url=base_url)
        sent = deliver_due(store, client)
        if sent["delivered"] or sent["failed"]:
            say(f"newsledger: watch: webhooks: {sent['delivered']} delivered, {sent['failed']} failed (retried later)")

    return Watcher(
        store,
        sources,
        ingest=ingest,
        client=client,
        every=every,
        after_round=after_round,
        before_round=before_round,
        report=say,
        fetch_pages=fetch,
        settle_seconds=settle_seconds,
    )


def watch(
    sources: Annotated[
        list[str], typer.Argument(help="Feed URLs (RSS/Atom), feed files, or folders files are dropped into.")
    ],
    every: Annotated[str, typer.Option(help="How often to poll: 30s, 10m, 1h.")] = "10m",
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, then exit (for cron).")] = False,
    fetch: Annotated[
        bool, typer.Option(help="Fetch the pages feed entries link to (else use the feed's content).")
    ] = True,
    settle: Annotated[
        float, typer.Option(help="Seconds a dropped file must rest unchanged before it is read (half-written files).")
    ] = 2.0,
    base_url: Annotated[
        str, typer.Option(help="Address of the desk, for the links in webhook payloads.")
    ] = "http://127.0.0.1:8000",
    nlp_spec: Annotated[
        str | None, typer.Option("--nlp", help="MODULE:FUNCTION returning the spaCy pipeline to use.", hidden=True)
    ] = None,
) -> None:
    """Poll feeds and drop folders on a schedule; store what is new, resolve, and tell the saved searches."""
    from newsledger.store import Store
    from newsledger.watch.run import parse_interval

    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise fail(f"--every: {exc}", code=2) from None
    if interval <= 0:
        raise fail("--every must be more than zero", code=2)
    try:
        store = Store.open(db)
    except NewsledgerError as exc:
        raise fail(exc) from None
    with store:
        watcher = make_watcher(
            store, sources, every=interval, nlp_spec=nlp_spec, fetch=fetch, settle_seconds=settle, base_url=base_url
        )
        signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
        typer.echo(
            f"newsledger: watch: {len(watcher.sources)} source(s), every {every}" + (" (once)" if once else ""),
            err=True,
        )
        try:
            watcher.run(rounds=1 if once else None)
        except KeyboardInterrupt:
            watcher.stop()
        failing = [s for s in _sources_state(store, watcher.sources) if s["failures"]]
    if once and failing:
        raise typer.Exit(1)


def _sources_state(store: Store, sources: list[str]) -> list[dict[str, Any]]:
    from newsledger.store import desk

    wanted = set(sources)
    return [s for s in desk.watch_sources(store) if s["source"] in wanted]


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the newsledger CLI."""
    app.command()(watch)
