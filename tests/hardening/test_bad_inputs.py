"""The bad-input corpus through `newsledger ingest` (a real subprocess, the real pipeline, a real SQLite file).

Every input is either stored or rejected with a one-line error and a row in `rejected`; none is lost, the good
inputs beside the bad ones are all stored, and the exit code and the summary say what happened.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest import read_bytes, read_path
from newsledger.ingest.sources import read_source_file
from tests.conftest import ROOT
from tests.hardening.corpus import (
    Expectations,
    billion_laughs_doctype,
    marker_phrase,
    report,
    warc_bytes,
    write_corpus,
)

pytestmark = pytest.mark.model

ERROR_LINE = re.compile(r"^newsledger: error: (?P<source>.+?): \[(?P<code>E\d{3})\] (?P<reason>.+)$")


class CorpusRun:
    def __init__(self, folder: Path, db: Path, expect: Expectations, result: subprocess.CompletedProcess[str]):
        self.folder, self.db, self.expect, self.result = folder, db, expect, result
        self.summary = json.loads(result.stdout.strip().splitlines()[-1])
        with sqlite3.connect(db) as conn:
            self.articles = conn.execute("SELECT id, source, text, title FROM articles").fetchall()
            self.rejected = conn.execute("SELECT source, code, reason FROM rejected").fetchall()

    def stored_source(self, name: str) -> tuple[str, str, str, str | None] | None:
        return next((row for row in self.articles if row[1] == f"{self.folder}/{name}"), None)

    def rejected_code(self, suffix: str) -> str | None:
        return next((code for source, code, _ in self.rejected if source == f"{self.folder}/{suffix}"), None)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> CorpusRun:
    root = tmp_path_factory.mktemp("bad-inputs")
    folder = root / "in"
    expect = write_corpus(folder)
    db = root / "ledger.db"
    command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", f"sqlite:///{db}"]
    command += ["--json", "--no-fetch", "--no-resolve"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=dict(os.environ))
    return CorpusRun(folder, db, expect, result)


def test_bad_inputs_run_exits_1_and_its_summary_counts_every_input(corpus_run):
    run = corpus_run
    assert run.result.returncode == 1, run.result.stderr[-2000:]
    assert "Traceback" not in run.result.stderr
    summary = run.summary
    assert summary["ingested"] == len(run.articles)
    assert summary["rejected"] == len(run.rejected)
    assert sum(summary["rejected_by_reason"].values()) == summary["rejected"]
    # Nothing lost: every input written is either stored or rejected.
    assert summary["ingested"] + summary["rejected"] == run.expect.inputs
    print(
        f"\nbad-input corpus: {run.expect.inputs} inputs, {summary['ingested']} stored, {summary['rejected']} rejected"
    )
    for reason, n in sorted(summary["rejected_by_reason"].items()):
        print(f"  {n} x {reason}")


def test_bad_inputs_good_reports_beside_bad_ones_are_all_stored(corpus_run):
    run = corpus_run
    for name, marker in run.expect.stored.items():
        row = run.stored_source(name)
        assert row is not None, f"{name} was not stored; rejected as {run.rejected_code(name)}"
        assert marker_phrase(marker) in row[2], name


def test_bad_inputs_each_bad_input_is_rejected_with_its_reason(corpus_run):
    run = corpus_run
    for suffix, code in run.expect.rejected.items():
        assert run.rejected_code(suffix) == code, f"{suffix}: expected {code}, rejected {run.rejected}"
    for name in run.expect.either:
        stored, rejected = run.stored_source(name), run.rejected_code(name)
        assert (stored is None) != (rejected is None), f"{name}: stored={stored is not None} rejected={rejected}"


def test_bad_inputs_each_rejection_is_one_line_naming_the_input(corpus_run):
    run = corpus_run
    lines = [line for line in run.result.stderr.splitlines() if line.startswith("newsledger: error:")]
    assert len(lines) == len(run.rejected)
    for line in lines:
        match = ERROR_LINE.match(line)
        assert match, line
        assert match["source"].startswith(str(run.folder)), line
        assert len(line) < 600, line
    assert {(m["source"], m["code"]) for m in map(ERROR_LINE.match, lines) if m} == {
        (source, code) for source, code, _ in run.rejected
    }


def test_bad_inputs_stored_texts_carry_no_markup_script_or_expanded_entities(corpus_run):
    for _id, source, text, title in corpus_run.articles:
        assert "<script" not in text and "alert(" not in text and "document.write" not in text, source
        assert "lollollol" not in text and "lollollol" not in (title or ""), source
        assert "\x00" not in text, source


def test_bad_inputs_hostile_characters_are_kept_as_written(corpus_run):
    row = corpus_run.stored_source("rtl_zero_width.txt")
    assert row is not None
    text = row[2]
    for char in ("\u200b", "\u200d", "\u202e", "\u202c", "\u200f"):
        assert char in text
    assert "élan" in text  # NFC: e + combining acute is one character in the stored text
    latin1 = corpus_run.stored_source("latin1.txt")
    assert latin1 is not None and "José Pe" in latin1[2] and "Café owners" in latin1[2]


def test_bad_inputs_latin1_text_keeps_its_letters():
    # regression: Latin-1 text was decoded by charset_normalizer's guess (a Central European page): ñ became ń
    text = report(4).replace("The mayor", "The mayor, José Peña,") + " Café owners were evacuated."
    (article,) = read_bytes(text.encode("latin-1"), source="latin1.txt", suffix=".txt")
    assert not isinstance(article, InputError)
    assert "José Peña" in article.text


def test_bad_inputs_database_is_whole_after_the_run(corpus_run):
    from newsledger.store import Store

    with Store.open(f"sqlite:///{corpus_run.db}") as store:
        assert store.integrity_problems() == []


def test_bad_inputs_huge_text_is_rejected_by_size_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    line = report(1) + "\n"
    with huge.open("w", encoding="utf-8") as handle:
        handle.writelines(line for _ in range(50_000_000 // len(line) + 1))
    tracemalloc.start()
    try:
        results = list(read_path(huge))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(results) == 1 and isinstance(results[0], InputError) and results[0].code == "E002"
    assert peak < 1_000_000, f"reading a rejected 50 MB file allocated {peak} bytes"


@pytest.mark.parametrize("name", ["huge.rss", "huge.xml"])
def test_bad_inputs_huge_feed_is_rejected_without_reading_it(tmp_path, name):
    huge = tmp_path / name
    with huge.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>')
        chunk = f"<item><description>{report(2)}</description></item>\n"
        handle.writelines(chunk for _ in range(30_000_000 // len(chunk) + 1))
    tracemalloc.start()
    try:
        results = list(read_source_file(huge, max_bytes=1_000_000))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.code for r in results if isinstance(r, InputError)] == ["E002"] and len(results) == 1
    assert peak < 1_000_000, f"reading a rejected 30 MB {name} allocated {peak} bytes"


def test_bad_inputs_huge_warc_record_is_rejected_reading_only_the_limit(tmp_path):
    page = f"<html><body><article>{'<p>' + report(3) + '</p>' * 1}" + "<p>filler text</p>" * 1_500_000 + "</article>"
    archive = tmp_path / "huge.warc"
    archive.write_bytes(
        warc_bytes(
            [
                ("http://warc.test/huge", page),
                ("http://warc.test/ok", f"<html><body><article><p>{report(4)}</p></article></body></html>"),
            ],
            truncate_last=False,
        )
    )
    # trafilatura loads its word lists on first use: a one-off cost that is not the reader's.
    list(read_bytes(f"<html><body><p>{report(5)}</p></body></html>".encode(), source="warm-up", suffix=".html"))
    tracemalloc.start()
    try:
        results = list(read_source_file(archive, max_bytes=1_000_000))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # regression: the record was reported as a file of max_bytes + 1 bytes (E002); it is a record over the limit
    errors = [r for r in results if isinstance(r, InputError)]
    assert [(r.code, r.source) for r in errors] == [("E016", f"{archive}#http://warc.test/huge")]
    assert "WARC record (Content-Length" in errors[0].reason
    assert any(marker_phrase(4) in r.text for r in results if not isinstance(r, InputError))
    assert peak < 8_000_000, f"reading a WARC with a {len(page)}-byte record allocated {peak} bytes"


@pytest.mark.parametrize("content", [b"", b"this is not a WARC file\n" * 20, b"WARC/1.0\r\n" + b"<p>x</p>\n" * 1000])
def test_bad_inputs_broken_warc_is_reported_not_dropped(tmp_path, content):
    # Regression: an empty or non-WARC file yielded nothing at all, so it vanished from the run's summary.
    archive = tmp_path / "broken.warc"
    archive.write_bytes(content)
    results = list(read_source_file(archive))
    assert [(r.source, r.code) for r in results if isinstance(r, InputError)] == [(str(archive), "E014")]


def test_bad_inputs_truncated_warc_record_is_rejected_not_stored_cut_short(tmp_path):
    # Regression: the last record of a WARC cut mid-payload was stored as an article of its first few words.
    pages = [(f"http://warc.test/{m}", f"<html><body><p>{report(m)}</p></body></html>") for m in (1, 2)]
    archive = tmp_path / "cut.warc"
    archive.write_bytes(warc_bytes(pages, truncate_last=True))
    results = list(read_source_file(archive))
    assert [r.source for r in results if not isinstance(r, InputError)] == [f"{archive}#http://warc.test/1"]
    assert [(r.source, r.code) for r in results if isinstance(r, InputError)] == [
        (f"{archive}#http://warc.test/2", "E014")
    ]


def test_bad_inputs_entity_bomb_in_a_feed_is_not_expanded(tmp_path):
    from newsledger.ingest.sources import read_feed

    feed = (
        f'<?xml version="1.0"?>{billion_laughs_doctype("rss", levels=12)}<rss version="2.0"><channel><title>x</title>'
        f"<item><description>&lol12;</description></item>"
        f"<item><description>{report(3)}</description><link>http://feed.test/ok</link></item></channel></rss>"
    ).encode()
    tracemalloc.start()
    try:
        results = list(read_feed(feed, source="bomb.rss"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    texts = [r.text for r in results if not isinstance(r, InputError)]
    assert any(marker_phrase(3) in text for text in texts)
    assert all(len(text) < 10_000 for text in texts)
    assert peak < 200_000_000, f"the bomb expanded to {peak} bytes"


@pytest.mark.parametrize("data", [b"\xfe\xff", b"\xef\xbb\xbf\n\n", "\n \n".encode("utf-16")])
def test_bad_inputs_jsonl_of_only_a_byte_order_mark_is_rejected_not_dropped(data):
    # Regression (found by test_fuzz): such a file decoded to blank text and yielded nothing at all.
    results = list(read_bytes(data, source="bom.jsonl", suffix=".jsonl"))
    assert [(r.source, r.code) for r in results if isinstance(r, InputError)] == [("bom.jsonl", "E001")]
    assert len(results) == 1


def test_bad_inputs_invalid_date_with_a_newline_is_reported_on_one_line():
    # Regression (found by test_fuzz): the date was echoed as is, so a newline in it split the error line.
    line = json.dumps({"text": report(1), "published": "2024\n03-01 " + "x" * 500})
    (result,) = read_bytes(line.encode(), source="dates.jsonl", suffix=".jsonl")
    assert isinstance(result, InputError) and result.code == "E011"
    assert "\n" not in str(result) and len(str(result)) < 200


def test_bad_inputs_text_over_the_pipeline_limit_is_rejected_alone_before_the_pipeline():
    # Regression: spaCy refused the text (its E088) inside nlp.pipe, so the whole batch failed, was re-run one
    # article at a time, and the rejection read "pipeline component 'ValueError' failed".
    from newsledger.model import Article
    from newsledger.nlp import process_articles
    from tests.hardening.records_pipeline import make_nlp

    nlp = make_nlp()
    nlp.max_length = 1_000
    articles = [
        Article.from_text(report(1)),
        Article.from_text(report(2) * 10, source="long.txt"),
        Article.from_text(report(3)),
    ]
    results = list(process_articles(nlp, articles, batch_size=8))
    assert [type(r).__name__ for r in results] == ["ArticleRecord", "InputError", "ArticleRecord"]
    assert [r.article.text for r in results if not isinstance(r, InputError)] == [articles[0].text, articles[2].text]
    error = results[1]
    assert isinstance(error, InputError) and error.code == "E103" and error.source == "long.txt"
