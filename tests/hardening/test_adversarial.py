"""The adversarial corpus through `newsledger ingest` (a real subprocess) on SQLite and on a real PostgreSQL server.

Each input once crashed the whole run (so the good reports after it were never read) or was skipped without a
word. Now every good report is stored, every bad input is in `rejected` with its numbered reason, and the exit
code is 1. The fast records pipeline stands in for the model: what is tested is reading, guarding and storing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newsledger.errors import InputError
from newsledger.ingest.read import make_article, read_bytes
from newsledger.ingest.sources import iter_articles, walk_folder
from newsledger.model import Article
from tests.conftest import ROOT
from tests.hardening.adversarial import MAX_BYTES, whitespace_variants, write_adversarial_corpus
from tests.hardening.corpus import marker_phrase, report

RECORDS_PIPELINE = "tests.hardening.records_pipeline:make_nlp"


def run_ingest(paths: list[Path], url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsledger", "ingest", *map(str, paths), "--db", url, "--nlp", RECORDS_PIPELINE]
    command += ["--json", "--no-fetch", "--max-bytes", str(MAX_BYTES), *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=dict(os.environ))


def stored_and_rejected(url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            articles = [(row[0], row[1]) for row in conn.execute(text("SELECT source, text FROM articles"))]
            rejected = [(row[0], row[1]) for row in conn.execute(text("SELECT source, code FROM rejected"))]
    finally:
        engine.dispose()
    return articles, rejected


def test_adversarial_corpus_good_reports_stored_bad_ones_rejected_with_their_code(tmp_path, store_url):
    folder = tmp_path / "in"
    expect = write_adversarial_corpus(folder)
    result = run_ingest([folder], store_url)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    articles, rejected = stored_and_rejected(store_url)
    sources = {source: body for source, body in articles}
    for name, marker in expect.stored.items():
        body = sources.get(f"{folder}/{name}")
        assert body is not None, f"{name} was not stored; rejected: {rejected}"
        assert marker_phrase(marker) in body
    codes = dict(rejected)
    for suffix, code in expect.rejected.items():
        assert codes.get(f"{folder}/{suffix}") == code, f"{suffix}: expected {code}, rejected {rejected}"
    # File names are printed escaped: no forged line, no escape sequence reaches the terminal.
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("ingested 999")]
    assert "forged\\ningested 999" in result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ingested"] == len(expect.stored)
    assert summary["rejected"] == len(expect.rejected) == len(rejected)


def test_adversarial_corpus_mixed_encoding_keeps_both_readings(tmp_path):
    folder = tmp_path / "in"
    write_adversarial_corpus(folder)
    (mixed,) = folder.glob("*_mixed_encoding.txt")
    (article,) = iter_articles([mixed], fetch=None)
    assert isinstance(article, Article)
    assert "José Peña" in article.text and "café" in article.text  # regression: read as cp1252, "PeÃ±a"


def test_adversarial_whitespace_and_zero_width_variants_are_one_article(tmp_path, store_url):
    folder = tmp_path / "variants"
    folder.mkdir()
    for index, variant in enumerate(whitespace_variants(1)):
        (folder / f"{index}.txt").write_text(variant, encoding="utf-8")
    (folder / "other.txt").write_text(report(1).replace("fire", "flood"), encoding="utf-8")
    result = run_ingest([folder], store_url)
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["ingested"], summary["unchanged"]) == (2, len(whitespace_variants(1)) - 1)


def test_adversarial_walk_reports_a_folder_it_cannot_list(tmp_path, monkeypatch):
    # As root every folder can be listed, so the refusal is simulated where the walk lists folders.
    (tmp_path / "a.txt").write_text(report(1), encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "z.txt").write_text(report(2), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(walk_folder(tmp_path))
    assert [f.name for f in found if isinstance(f, Path)] == ["a.txt", "z.txt"]
    (error,) = [f for f in found if isinstance(f, InputError)]
    assert error.source == str(tmp_path / "locked") and error.code == "E010" and "Permission denied" in error.reason


def test_adversarial_a_reader_that_raises_rejects_only_its_input(tmp_path, monkeypatch):
    # The guard is where each input is read: any exception a library raises is that input's rejection.
    import newsledger.ingest.read as read_module

    real = read_module._article_from_html

    def exploding(html: str, **kwargs):  # type: ignore[no-untyped-def]
        if "explode" in html:
            raise MemoryError("the parser gave up")
        return real(html, **kwargs)

    monkeypatch.setattr(read_module, "_article_from_html", exploding)
    (tmp_path / "a.html").write_text(f"<html><body><article><p>{report(1)}</p></article></body></html>")
    (tmp_path / "b.html").write_text(f"<html><body><article><p>explode {report(2)}</p></article></body></html>")
    (tmp_path / "c.html").write_text(f"<html><body><article><p>{report(3)}</p></article></body></html>")
    results = list(iter_articles([tmp_path], fetch=None))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "Article"]
    assert results[1].source == str(tmp_path / "b.html") and results[1].code == "E017"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("خبرگزاری ایران گزارش داد که نیروهای دولتی روز دوشنبه وارد شهر شدند و درگیری‌ها ادامه دارد", "fa"),
        ("قال المتحدث باسم الوزارة يوم الاثنين إن المحادثات ستستأنف في العاصمة الأسبوع المقبل", "ar"),
        ("وزیر اعظم نے کہا کہ پاکستان میں انتخابات اگلے ہفتے ہوں گے اور عوام ووٹ ڈالیں گے", "ur"),
        ("Міністр заявив у понеділок, що переговори відновляться наступного тижня в столиці", "uk"),
        ("Министр заявил в понедельник, что переговоры возобновятся на следующей неделе в столице", "ru"),
        ("外務省の報道官は月曜日、交渉は来週首都で再開されると述べた", "ja"),
    ],
)
def test_adversarial_languages_sharing_a_script_are_told_apart(text, language):
    (result,) = read_bytes(text.encode(), source="x.txt", suffix=".txt")
    assert isinstance(result, InputError) and result.code == "E008"
    assert f"looks like {language})" in result.reason


def test_adversarial_a_reader_that_hangs_rejects_only_its_input(tmp_path, monkeypatch):
    # Held out: trafilatura spent minutes on one tag with 200,000 attributes and held the whole run.
    # No wall time decides the outcome: the budget is an hour, and the reader that hangs blocks until the alarm
    # the budget's timer would send arrives, sent here once it is blocked. What is tested is the real guard: its
    # signal handler, the rejection it makes and the reading of the inputs after it.
    import signal
    import threading

    import newsledger.ingest.read as read_module

    real = read_module._article_from_html
    blocked, released = threading.Event(), threading.Event()
    main_thread = threading.main_thread().ident
    assert main_thread is not None and threading.current_thread() is threading.main_thread()

    def alarm_once_blocked() -> None:
        blocked.wait()
        signal.pthread_kill(main_thread, signal.SIGALRM)

    def hanging(html: str, **kwargs):  # type: ignore[no-untyped-def]
        if "slowpoke" in html:
            threading.Thread(target=alarm_once_blocked, daemon=True).start()
            blocked.set()
            wait_for_the_alarm(released)  # never set: only the alarm ends this reader
            raise AssertionError("the time budget's alarm did not stop the reader")
        return real(html, **kwargs)

    monkeypatch.setattr(read_module, "_article_from_html", hanging)
    monkeypatch.setattr(read_module, "READ_TIME_BUDGET", 3600.0)
    handler_before = signal.getsignal(signal.SIGALRM)
    for name, marker in (("a", "1"), ("b", "slowpoke 2"), ("c", "3")):
        body = report(int(marker[-1])).replace("market", f"{marker} market", 1)
        (tmp_path / f"{name}.html").write_text(f"<html><body><article><p>{body}</p></article></body></html>")
    results = list(iter_articles([tmp_path], fetch=None))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "Article"]
    assert results[1].source == str(tmp_path / "b.html") and results[1].code == "E019"  # type: ignore[union-attr]
    assert signal.getsignal(signal.SIGALRM) is handler_before  # the guard put the caller's handler back


def wait_for_the_alarm(released: threading.Event) -> None:
    """Block for up to ten minutes in short waits. One long wait can miss the alarm: a signal that arrives after
    the interpreter's last check and before the wait begins is only handled when the wait ends."""
    for _ in range(12_000):
        if released.wait(0.05):
            return


def alarm_once(blocked: threading.Event) -> None:
    """Send the main thread the alarm a time budget's timer sends, once `blocked` is set: a reader that blocks
    meets the budget's end without any wall time deciding when."""
    main_thread = threading.main_thread().ident
    assert main_thread is not None

    def send() -> None:
        blocked.wait()
        signal.pthread_kill(main_thread, signal.SIGALRM)

    threading.Thread(target=send, daemon=True).start()


def test_adversarial_a_library_catching_every_exception_cannot_swallow_the_budget(tmp_path, monkeypatch):
    # Held out (session 5): trafilatura catches Exception around its work, so the budget's exception, an
    # Exception then, came out as "no article text found in the HTML (OverTimeBudget)" after the reader had
    # carried on; a library that returned a fallback instead would have run on past the budget.
    import newsledger.ingest.read as read_module

    blocked, released = threading.Event(), threading.Event()

    def stubborn(html: str, **kwargs):  # type: ignore[no-untyped-def]
        try:
            alarm_once(blocked)
            blocked.set()
            wait_for_the_alarm(released)  # never set: only the alarm ends this wait
        except Exception:  # noqa: BLE001 - what a library under a reader does
            return make_article(report(31), source=kwargs["source"], meta=kwargs["meta"])
        raise AssertionError("the time budget's alarm did not stop the reader")

    monkeypatch.setattr(read_module, "_article_from_html", stubborn)
    monkeypatch.setattr(read_module, "READ_TIME_BUDGET", 3600.0)
    (tmp_path / "a.html").write_text("<html><body><p>stubborn</p></body></html>")
    (tmp_path / "b.txt").write_text(report(32))
    results = list(iter_articles([tmp_path], fetch=None))
    assert [type(r).__name__ for r in results] == ["InputError", "Article"]
    assert results[0].code == "E019"  # type: ignore[union-attr]


def test_adversarial_a_page_of_too_many_tags_is_refused_before_parsing():
    # Held out (session 5): a page of a million tiny elements took 60 s and 950 MB before the budget stopped it.
    body = "<p>" + report(33) + "</p>"
    (refused,) = read_bytes(("<html><body>" + "<b>a</b>" * 1_000_000 + body).encode(), source="x.html", suffix=".html")
    assert isinstance(refused, InputError) and refused.code == "E007" and "tags" in refused.reason
    (kept,) = read_bytes(("<html><body>" + "<b>a</b> " * 5_000 + body).encode(), source="y.html", suffix=".html")
    assert isinstance(kept, Article) and marker_phrase(33) in kept.text
