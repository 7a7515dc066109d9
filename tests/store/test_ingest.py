from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import Store
from tests.conftest import ROOT

STUB = "tests.store.stub_pipeline:make_nlp"


def write_reports(folder, n: int, *, start: int = 0) -> None:
    """n distinct short reports, spread over sub-folders and formats."""
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(start, start + n):
        text = f"Report number {i}: officials in the northern district said that market number {i} reopened today."
        if i % 3 == 0:
            lines.append(json.dumps({"text": text, "outlet": f"Outlet {i % 4}", "published": "2021-09-06"}))
        else:
            target = folder / ("sub" if i % 2 else ".") / f"report_{i:04d}.txt"
            target.write_text(text, encoding="utf-8")
    if lines:
        (folder / f"batch_{start}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_ingest(*args: str):
    return CliRunner().invoke(app, ["ingest", *args, "--nlp", STUB, "--json", "--no-fetch"])


def summary_of(result) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_ingest_folder_twice_stores_each_article_once(tmp_path, store_url):
    write_reports(tmp_path / "in", 7)
    first = run_ingest(str(tmp_path / "in"), "--db", store_url)
    assert first.exit_code == 0, first.output
    assert summary_of(first)["ingested"] == 7
    second = run_ingest(str(tmp_path / "in"), "--db", store_url)
    assert second.exit_code == 0
    assert summary_of(second) | {"rejected_by_reason": {}} == {
        "ingested": 0,
        "updated": 0,
        "unchanged": 7,
        "rejected": 0,
        "rejected_by_reason": {},
        "read_again_for_outlet_home": 0,
    }
    with Store.open(store_url) as store:
        assert store.count("articles") == 7
        assert store.integrity_problems() == []


def test_ingest_records_rejected_inputs_and_exits_1(tmp_path, store_url):
    folder = tmp_path / "in"
    write_reports(folder, 2)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (folder / "broken.jsonl").write_text('{"text": "A fine line of English text about the town council."}\n{broken\n')
    (folder / ".hidden.txt").write_text("Editors keep backups that are not reports and are skipped.")
    result = run_ingest(str(folder), "--db", store_url)
    assert result.exit_code == 1
    summary = summary_of(result)
    assert summary["ingested"] == 3
    assert summary["rejected"] == 3
    assert "empty.txt: [E001]" in result.stderr
    with Store.open(store_url) as store:
        codes = sorted(r["code"] for r in store.rejected_inputs())
        sources = " ".join(r["source"] for r in store.rejected_inputs())
    assert codes == ["E001", "E003", "E005"]
    assert "broken.jsonl:2" in sources


def test_ingest_reprocess_updates_records_of_another_pipeline_version(tmp_path, store_url, monkeypatch):
    write_reports(tmp_path / "in", 3)
    assert run_ingest(str(tmp_path / "in"), "--db", store_url).exit_code == 0
    monkeypatch.setenv("NEWSLEDGER_STUB_VERSION", "2.0.0")
    result = CliRunner().invoke(app, ["reprocess", "--db", store_url, "--nlp", STUB, "--json"])
    assert result.exit_code == 0, result.output
    assert summary_of(result)["updated"] == 3
    with Store.open(store_url) as store:
        assert {r.pipeline for r in store.iter_records()} == {"newsledger-0.1.0+stub-2.0.0"}
    again = CliRunner().invoke(app, ["reprocess", "--db", store_url, "--nlp", STUB, "--json"])
    assert summary_of(again)["updated"] == 0


def test_ingest_killed_mid_run_leaves_whole_articles_and_resumes(tmp_path, store_url):
    folder = tmp_path / "in"
    total = 24
    write_reports(folder, total)
    env = {**os.environ, "NEWSLEDGER_STUB_DELAY": "0.25"}
    command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", store_url, "--nlp", STUB]
    command += ["--batch-size", "4", "--json", "--no-fetch", "--no-resolve"]
    watcher = Store.open(store_url)  # the fixture's database is migrated already: polling is one cheap query
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None and watcher.count("articles") < 8:
            time.sleep(0.1)
        assert process.poll() is None, "ingest finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        process.stdout.close()  # type: ignore[union-attr]
        process.stderr.close()  # type: ignore[union-attr]
        watcher.close()
    assert process.returncode == -signal.SIGKILL
    with Store.open(store_url) as store:
        assert store.integrity_problems() == []
        before = store.count("articles")
    assert 8 <= before < total
    result = run_ingest(str(folder), "--db", store_url)  # the next run, in this process
    assert result.exit_code == 0, result.output
    summary = summary_of(result)
    assert summary["ingested"] == total - before
    assert summary["unchanged"] == before
    with Store.open(store_url) as store:
        assert store.count("articles") == total
        assert store.integrity_problems() == []


@pytest.mark.model
def test_ingest_real_pipeline_stores_what_extract_finds(tmp_path, store_url, nlp):
    from newsledger.model import Article
    from newsledger.nlp import process_article

    text = (
        "KABUL (Test Wire) - Mohammad Karimi, a spokesman for the provincial council, said on Sunday that "
        'flooding had destroyed 200 homes in Baghlan. "We need help now," Karimi told reporters.'
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flood.json").write_text(
        json.dumps({"text": text, "outlet": "Test Wire", "published": "2021-09-05"}), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", store_url, "--json"])
    assert result.exit_code == 0, result.output
    expected = process_article(nlp, Article.from_text(text, outlet="Test Wire", published="2021-09-05"))
    with Store.open(store_url) as store:
        stored = store.get_record(expected.article.id)
        assert stored is not None
        assert stored.to_dict() | {"article": None} == expected.to_dict() | {"article": None}
        assert store.count("entities") == len(expected.entities)
        assert store.integrity_problems() == []


def test_ingest_shows_resolve_as_a_second_progress_stage(tmp_path, store_url):
    write_reports(tmp_path / "in", 2)
    done = run_ingest(str(tmp_path / "in"), "--db", store_url)
    assert done.exit_code == 0, done.output
    stages = [line.split()[0] for line in done.stderr.splitlines() if line.strip()]
    assert stages.index("ingest") < stages.index("resolve")
    skipped = run_ingest(str(tmp_path / "in"), "--db", store_url, "--no-resolve")
    assert "resolve" not in [line.split()[0] for line in skipped.stderr.splitlines() if line.strip()]
