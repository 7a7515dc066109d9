"""Resolve runs whenever the ledger holds records newer than the last resolve, not only after new articles.

Regression: a `kill -9` just after the last article was stored left the ledger unresolved; the re-run said
"ingested 0, unchanged 6", skipped resolve (0 actors, 0 clusters), and `db check` still reported ok."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.model import Article
from newsledger.nlp import process_articles
from tests.hardening.corpus import report
from tests.hardening.records_pipeline import make_nlp

RECORDS_PIPELINE = "tests.hardening.records_pipeline:make_nlp"


def test_resolve_freshness_killed_before_resolve_is_found_and_resolved(store, store_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [report(marker) for marker in range(3)]
    for marker, text in enumerate(texts):
        (folder / f"{marker}.txt").write_text(text, encoding="utf-8")
    # What a kill between the last save and resolve leaves: every article stored, nothing resolved.
    for record in process_articles(
        make_nlp(), [Article.from_text(text, source=f"{folder}/{i}.txt") for i, text in enumerate(texts)]
    ):
        store.save_record(record)  # type: ignore[arg-type]
    assert store.resolve_pending()
    runner = CliRunner()
    check = runner.invoke(app, ["db", "check", "--db", store_url])
    assert check.exit_code == 1 and "newer than its last resolve" in check.stderr
    assert json.loads(check.stdout.strip().splitlines()[-1])["ok"] is False

    rerun = runner.invoke(
        app, ["ingest", str(folder), "--db", store_url, "--nlp", RECORDS_PIPELINE, "--json", "--no-fetch"]
    )
    summary = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert (summary["ingested"], summary["unchanged"]) == (0, 3)
    assert summary["resolved"]["actors"] > 0 and summary["resolved"]["clusters"] > 0
    assert not store.resolve_pending()
    check = runner.invoke(app, ["db", "check", "--db", store_url])
    assert check.exit_code == 0, check.stderr


def test_resolve_freshness_a_resolved_ledger_is_not_resolved_again(store, store_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(report(1), encoding="utf-8")
    runner = CliRunner()
    command = ["ingest", str(folder), "--db", store_url, "--nlp", RECORDS_PIPELINE, "--json", "--no-fetch"]
    first = json.loads(runner.invoke(app, command).stdout.strip().splitlines()[-1])
    assert "resolved" in first and not store.resolve_pending()
    second = json.loads(runner.invoke(app, command).stdout.strip().splitlines()[-1])
    assert second["unchanged"] == 1 and "resolved" not in second
