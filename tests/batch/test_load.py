"""`newsledger load`: a batch output into a SQLite store, idempotently and without loss."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsledger.batch.load import load_batch
from newsledger.batch.output import SUMMARY, iter_records
from newsledger.batch.run import run_batch
from newsledger.cli import app
from tests.batch.conftest import article_texts, write_jsonl

pytestmark = pytest.mark.model

ARTICLES = 12


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory, nlp):
    from distributed import Client

    folder = tmp_path_factory.mktemp("load")
    source = write_jsonl(folder / "in.jsonl", article_texts(ARTICLES), extra_lines=("{not json",))
    # Threads in this process: the pipeline is already loaded here (the `nlp` fixture), so no model load.
    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address="127.0.0.1:0") as client:
        run_batch([source], folder / "out", client=client, partition_size=5)
    return folder / "out"


def test_load_stores_each_record_once_and_losslessly(batch_out, tmp_path):
    from newsledger.store import Store

    records = {record.article.id: record for record in iter_records(batch_out)}
    with Store.open(tmp_path / "ledger.db") as store:
        first = load_batch(batch_out, store).as_dict()
        second = load_batch(batch_out, store).as_dict()
        assert (first["ingested"], first["rejected_recorded"]) == (ARTICLES, 1)
        assert (second["ingested"], second["unchanged"], second["rejected_recorded"]) == (0, ARTICLES, 0)
        assert store.count("articles") == ARTICLES
        assert len(store.rejected_inputs()) == 1
        for article_id, record in records.items():
            assert store.get_record(article_id) == record


def test_load_command_resolves_and_refuses_an_unfinished_batch(batch_out, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["load", str(batch_out), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ingested"] == ARTICLES and "resolved" in data
    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    (unfinished / "_manifest.jsonl").write_text("", encoding="utf-8")
    refused = runner.invoke(app, ["load", str(unfinished), "--db", db])
    assert refused.exit_code == 1
    assert "[E706]" in refused.stderr
    assert not (unfinished / SUMMARY).exists()
