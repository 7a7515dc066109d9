"""The watch loop against feeds served by the test's own HTTP server, into a real SQLite ledger, through the stub
pipeline (the NLP is not the point here; tests/watch/test_commands.py runs the whole command)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsledger.service import ingest_articles
from newsledger.store import Store, desk
from newsledger.watch.run import Watcher, backoff_seconds, parse_interval
from tests.store.stub_pipeline import make_nlp
from tests.watch.conftest import LocalServer, conditional, item, report, rss, static


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "ledger.db") as opened:
        yield opened


def watcher(store: Store, sources: list[str], *, seen: list[object] | None = None, **options) -> Watcher:
    """A watcher storing through the stub pipeline; `seen` collects everything it reads."""
    nlp = make_nlp()

    def ingest(results: list[object]) -> None:
        if seen is not None:
            seen.extend(results)
        ingest_articles(store, nlp, results)  # type: ignore[arg-type]

    return Watcher(
        store,
        sources,
        ingest=ingest,
        client=httpx.Client(timeout=5),
        every=options.pop("every", 60.0),
        settle_seconds=options.pop("settle_seconds", 0.0),
        **options,
    )


def article_sources(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [row[0] for row in conn.exec_driver_sql("SELECT source FROM articles ORDER BY source")]


def test_run_feed_that_changes_between_polls_stores_only_new_items(store: Store, local_server: LocalServer) -> None:
    items = [item(1), item(2)]
    local_server.routes["/changing.rss"] = lambda headers: (200, {}, rss(items))
    feed = local_server.url("/changing.rss")
    watch = watcher(store, [feed])
    first = watch.poll_once()
    assert first.sources[0].outcome == "new" and first.new_items == 2
    assert store.count("articles") == 2
    items.append(item(3))
    second = watch.poll_once()
    assert second.new_items == 1
    assert store.count("articles") == 3
    third = watch.poll_once()
    assert third.new_items == 0
    assert store.count("articles") == 3


def test_run_feed_answering_304_is_not_read_again(store: Store, local_server: LocalServer) -> None:
    local_server.routes["/etag.rss"] = conditional(lambda: rss([item(4)]), lambda: '"v1"')
    feed = local_server.url("/etag.rss")
    watch = watcher(store, [feed])
    watch.poll_once()
    again = watch.poll_once()
    assert again.sources[0].outcome == "unchanged"
    hits = local_server.hits("/etag.rss")
    assert "if-none-match" not in hits[0].headers
    assert hits[1].headers["if-none-match"] == '"v1"'
    assert "if-modified-since" in hits[1].headers
    state = desk.watch_source(store, feed)
    assert state["etag"] == '"v1"' and state["failures"] == 0


def test_run_failing_feed_backs_off_and_never_stops_the_others(store: Store, local_server: LocalServer) -> None:
    local_server.routes["/broken.rss"] = static(b"oops", status=500)
    local_server.routes["/good.rss"] = static(rss([item(5)]))
    broken, good = local_server.url("/broken.rss"), local_server.url("/good.rss")
    lines: list[str] = []
    watch = watcher(store, [broken, good], report=lines.append)
    first = watch.poll_once()
    assert [s.outcome for s in first.sources] == ["failed", "new"]
    assert "HTTP 500" in (first.sources[0].error or "")
    assert store.count("articles") == 1
    assert any(broken in line and "HTTP 500" in line for line in lines)
    state = desk.watch_source(store, broken)
    assert state["failures"] == 1 and "500" in state["last_error"]
    second = watch.poll_once()  # still resting: not asked again
    assert second.sources[0].outcome == "waiting"
    assert len(local_server.hits("/broken.rss")) == 1


def test_run_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n, every=60) for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff_seconds(30, every=60, cap=3600) == 3600


def test_run_failing_feed_recovers_when_it_answers_again(store: Store, local_server: LocalServer) -> None:
    answers = [static(b"", status=500), static(rss([item(6)]))]
    local_server.routes["/flaky.rss"] = lambda headers: answers[0](headers)
    feed = local_server.url("/flaky.rss")
    watch = watcher(store, [feed], every=0.0)  # no rest between attempts
    assert watch.poll_once().sources[0].outcome == "failed"
    answers.pop(0)
    assert watch.poll_once().sources[0].outcome == "new"
    state = desk.watch_source(store, feed)
    assert state["failures"] == 0 and state["last_error"] is None
    assert store.count("articles") == 1


def test_run_malformed_item_is_rejected_once_and_the_rest_stored(store: Store, local_server: LocalServer) -> None:
    empty_entry = {"guid": "urn:test:item:empty", "title": "Nothing here"}  # no content, no link
    local_server.routes["/mixed.rss"] = static(rss([item(7), empty_entry, item(8)]))
    watch = watcher(store, [local_server.url("/mixed.rss")])
    first = watch.poll_once()
    assert first.new_items == 3 and first.sources[0].rejected_items == 1
    assert store.count("articles") == 2
    rejected = store.rejected_inputs()
    assert len(rejected) == 1 and rejected[0]["code"] == "E013"
    watch.poll_once()
    assert len(store.rejected_inputs()) == 1  # reported once, not at every poll


def test_run_feed_that_is_not_xml_counts_as_a_failure(store: Store, local_server: LocalServer) -> None:
    local_server.routes["/junk.rss"] = static(b"\x00\x01 this is not a feed <<<")
    result = watcher(store, [local_server.url("/junk.rss")]).poll_once()
    assert result.sources[0].outcome == "failed"


def test_run_drop_folder_reads_each_file_once(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text(report(10), encoding="utf-8")
    watch = watcher(store, [str(folder)])
    assert watch.poll_once().new_items == 1
    (folder / "b.txt").write_text(report(11), encoding="utf-8")
    (folder / ".partial.txt").write_text(report(12), encoding="utf-8")  # hidden: still being written
    assert watch.poll_once().new_items == 1
    assert watch.poll_once().new_items == 0
    assert store.count("articles") == 2


def test_run_drop_folder_waits_for_a_file_to_settle(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "fresh.txt").write_text(report(13), encoding="utf-8")
    assert watcher(store, [str(folder)], settle_seconds=3600).poll_once().new_items == 0
    assert watcher(store, [str(folder)], settle_seconds=0).poll_once().new_items == 1


def test_run_restart_repeats_nothing(store: Store, local_server: LocalServer) -> None:
    local_server.routes["/feed.rss"] = static(rss([item(n) for n in range(20, 25)]))
    feed = local_server.url("/feed.rss")
    watcher(store, [feed]).poll_once()
    read_again: list[object] = []
    assert watcher(store, [feed], seen=read_again).poll_once().new_items == 0
    assert read_again == []
    assert store.count("articles") == 5


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("10m", 600), ("1h30m", 5400), ("45", 45)])
def test_run_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "ten minutes", "10x", "m10"])
def test_run_parse_interval_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_run_a_source_that_breaks_the_reader_is_a_failure_not_a_crash(
    store: Store, local_server: LocalServer, monkeypatch
) -> None:
    import newsledger.watch.run as run

    local_server.routes["/good.rss"] = static(rss([item(30)]))
    real_poll = run.poll_source

    def poll(source: str, **options):
        if source.endswith("/bad.rss"):
            raise RuntimeError("reader bug")
        return real_poll(source, **options)

    monkeypatch.setattr(run, "poll_source", poll)
    result = watcher(store, [local_server.url("/bad.rss"), local_server.url("/good.rss")]).poll_once()
    assert [s.outcome for s in result.sources] == ["failed", "new"]
    assert "reader bug" in (result.sources[0].error or "")
    assert desk.watch_source(store, local_server.url("/bad.rss"))["failures"] == 1
