"""Commands of the analyst's desk: `serve`, `demo` and `token create`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from newsledger.cli import command_group
from newsledger.cli.common import DbOption, fail, print_error
from newsledger.errors import NewsledgerError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
DEMO_DB = Path("var") / "demo.db"
# Metadata of a bundled example comes from `<name>.meta.json` beside it ({"published": …, "outlet": …}).
META_FIELDS = ("url", "outlet", "title", "published")


def example_meta(path: Path) -> dict[str, str]:
    sidecar = path.with_suffix(".meta.json")
    if sidecar.is_file():
        import json

        try:
            found = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise fail(f"{sidecar}: unreadable metadata ({exc})") from None
        return {key: str(value) for key, value in found.items() if key in META_FIELDS and value is not None}
    return {}


def _run(
    db: str | Path,
    *,
    host: str,
    port: int,
    read_requires_token: bool,
    watch: list[str] | None = None,
    every: str = "10m",
    nlp_spec: str | None = None,
) -> None:
    import uvicorn

    from newsledger.api.app import create_app
    from newsledger.api.settings import Settings

    try:
        app = create_app(db, settings=Settings(read_requires_token=read_requires_token))
    except NewsledgerError as exc:
        raise fail(exc) from None
    watcher = (
        _start_watch(db, watch, every=every, base_url=f"http://{host}:{port}", nlp_spec=nlp_spec) if watch else None
    )
    typer.echo(f"newsledger: serving {db} on http://{host}:{port}/ (API docs at /api/docs)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        if watcher is not None:
            watcher.stop()


def _start_watch(db: str | Path, sources: list[str], *, every: str, base_url: str, nlp_spec: str | None) -> Any:
    """`newsledger watch` in a thread beside the desk, on a store of its own (the pipeline loads in the thread,
    so the desk answers at once)."""
    import threading

    from newsledger.cli.watch import make_watcher
    from newsledger.store import Store
    from newsledger.watch.run import parse_interval

    try:
        interval = parse_interval(every)
    except ValueError as exc:
        raise fail(f"--every: {exc}", code=2) from None

    class Holder:
        watcher: Any = None
        stopped = threading.Event()

        def stop(self) -> None:
            self.stopped.set()
            if self.watcher is not None:
                self.watcher.stop()

    holder = Holder()

    def work() -> None:
        with Store.open(db) as store:
            holder.watcher = make_watcher(store, sources, every=interval, nlp_spec=nlp_spec, base_url=base_url)
            if not holder.stopped.is_set():
                holder.watcher.run()

    threading.Thread(target=work, name="newsledger-watch", daemon=True).start()
    typer.echo(f"newsledger: watching {len(sources)} source(s) every {every}", err=True)
    return holder


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps the desk on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    read_requires_token: Annotated[
        bool, typer.Option("--read-requires-token", help="Require a token for reading too, not only for review.")
    ] = False,
    watch: Annotated[
        list[str] | None,
        typer.Option("--watch", help="A feed URL, feed file or drop folder to watch beside the desk (repeatable)."),
    ] = None,
    every: Annotated[str, typer.Option(help="With --watch: how often to poll (30s, 10m, 1h).")] = "10m",
    nlp_spec: Annotated[
        str | None, typer.Option("--nlp", help="MODULE:FUNCTION returning the spaCy pipeline to use.", hidden=True)
    ] = None,
) -> None:
    """Serve the analyst's desk (web pages and JSON API) over the ledger."""
    from newsledger.store import database_url

    _run(
        database_url(db),
        host=host,
        port=port,
        read_requires_token=read_requires_token,
        watch=watch,
        every=every,
        nlp_spec=nlp_spec,
    )


def demo(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    db: Annotated[Path, typer.Option("--db", help="SQLite file made fresh for the demo.")] = DEMO_DB,
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve once the examples are in.")] = True,
    examples_dir: Annotated[
        Path,
        typer.Option(
            "--examples",
            help="Folder of example reports (*.txt, each with an optional NAME.meta.json); the checkout's examples/.",
        ),
    ] = EXAMPLES,
) -> None:
    """Ingest the bundled example report(s) into a fresh SQLite file under var/ and serve the desk over it."""
    from newsledger.ingest import ArticleMeta, read_path
    from newsledger.nlp import load_nlp
    from newsledger.service import ingest_articles, resolve_ledger
    from newsledger.store import Store

    examples = sorted(examples_dir.glob("*.txt"))
    if not examples:
        raise fail(f"{examples_dir}: no example reports (*.txt) found (give a folder with --examples)")
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    try:
        nlp = load_nlp()
        with Store.open(db) as store:
            for path in examples:
                meta = ArticleMeta(**example_meta(path))
                summary = ingest_articles(store, nlp, read_path(path, meta=meta))
                for error in summary.rejected:
                    print_error(error)
            resolve_ledger(store)
            typer.echo(
                f"newsledger: demo ledger {db}: {store.count('articles')} articles, "
                f"{store.count('events')} events, {store.count('claims')} claims",
                err=True,
            )
    except NewsledgerError as exc:
        raise fail(exc) from None
    if serve_after:
        _run(db, host=host, port=port, read_requires_token=False)


def token_create(
    name: Annotated[str, typer.Argument(help="Who the token is for; reviews are signed with this name.")],
    db: DbOption = None,
    replace: Annotated[bool, typer.Option(help="Replace an existing token of the same name.")] = False,
) -> None:
    """Create an API token and print it once (only its hash is stored)."""
    from newsledger.api.auth import create_token, token_exists
    from newsledger.store import Store

    if not name.strip() or len(name) > 200:
        raise fail("the token name must be 1 to 200 characters", code=2)
    try:
        with Store.open(db) as store:
            if token_exists(store, name) and not replace:
                raise fail(f"a token named {name!r} exists; use --replace to make a new one", code=2)
            token = create_token(store, name, replace=replace)
    except NewsledgerError as exc:
        raise fail(exc) from None
    typer.echo(token)


def token_revoke(
    name: Annotated[str, typer.Argument(help="Whose token to revoke.")],
    db: DbOption = None,
) -> None:
    """Revoke a token: API requests and desk log-ins made with it stop working at once."""
    from newsledger.api.auth import revoke_token
    from newsledger.store import Store

    try:
        with Store.open(db) as store:
            revoked = revoke_token(store, name)
    except NewsledgerError as exc:
        raise fail(exc) from None
    if not revoked:
        raise fail(f"no token named {name!r}")
    typer.echo(f"revoked the token of {name!r}")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the newsledger CLI."""
    app.command()(serve)
    app.command()(demo)
    tokens = command_group(app, "token")
    tokens.command(name="create")(token_create)
    tokens.command(name="revoke")(token_revoke)
