"""Property tests: the readers and `process_article` on any input never raise, and every span they report is a
true slice of the article text; records survive a JSON round trip byte for byte.

Bounded for CI (the whole file in well under a minute); `HYPOTHESIS_PROFILE=long` (what `make fuzz` runs) tries
many more examples. The settings are per test, not a global profile, so other test files are not affected.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.errors import InputError
from newsledger.ingest import read_bytes
from newsledger.ingest.sources import read_feed
from newsledger.model import Article, ArticleRecord, article_id_for

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def fuzz_settings(ci_examples: int, long_examples: int) -> settings:
    return settings(
        max_examples=long_examples if LONG else ci_examples,
        deadline=None,  # the machine is shared; speed is measured in benchmarks/, not here
        derandomize=not LONG,  # CI runs the same examples every time; the long run explores
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


# --- inputs ---------------------------------------------------------------------------------------

WORDS = (
    "the minister said on Monday that talks with the rebels would resume in the capital next week . , ; "
    "Officials police told reporters denied claimed killed at least 12 about 300 people soldiers army "
    "United Nations Kabul Geneva Lima President General Mullah spokesman according to sources "
    "yesterday 3 September 2021 last week tonight 10:30 am PM % percent dollars $ 1,200 2.5 million "
    "“ ” \" ' ‘ ’ — – - ( ) [ ] : ! ? … \n \n\n"
).split(" ")
HOSTILE = ["\u200b", "\u200d", "\u202e", "\u202c", "\u200f", "\ufeff", "\u0301", "\x0b", "\t", "\u2028", "\U0001f600"]


@st.composite
def news_like_text(draw: st.DrawFn) -> str:
    """Words that trigger the extractors, interleaved with arbitrary Unicode and hostile characters."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(WORDS),
                st.sampled_from(HOSTILE),
                st.text(max_size=6),
                st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
                st.integers(min_value=0, max_value=10**7).map(str),
            ),
            max_size=60,
        )
    )
    separators = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", ", ", ". "]), min_size=len(pieces)))
    return "".join(piece + separators[i] for i, piece in enumerate(pieces))


any_text = st.one_of(st.text(max_size=300), news_like_text())
suffixes = st.sampled_from([".txt", ".html", ".json", ".jsonl"])


def check_read_results(results: list[Article | InputError], source: str) -> None:
    assert results, "a reader must yield something for every input"
    for result in results:
        assert isinstance(result, Article | InputError)
        if isinstance(result, InputError):
            assert result.source.startswith(source)
            assert result.reason.startswith("[E") and "\n" not in result.reason
        else:
            assert result.text.strip()
            assert result.id == article_id_for(result.text)
            assert result.language == "en"


# --- readers --------------------------------------------------------------------------------------


@fuzz_settings(150, 5000)
@given(data=st.binary(max_size=2000), suffix=suffixes)
def test_fuzz_read_bytes_never_raises_on_any_bytes(data, suffix):
    check_read_results(list(read_bytes(data, source="fuzz", suffix=suffix)), "fuzz")


@fuzz_settings(100, 3000)
@given(text=any_text, suffix=suffixes)
def test_fuzz_read_bytes_never_raises_on_any_text(text, suffix):
    check_read_results(list(read_bytes(text.encode("utf-8"), source="fuzz", suffix=suffix)), "fuzz")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
json_records = st.fixed_dictionaries(
    {},
    optional={
        "text": any_text,
        "title": json_values,
        "url": json_values,
        "outlet": json_values,
        "published": st.one_of(json_values, st.dates().map(str), st.datetimes().map(lambda d: d.isoformat())),
    },
)


@fuzz_settings(80, 3000)
@given(
    records=st.lists(st.one_of(json_records, json_values), max_size=5),
    broken=st.lists(st.text(max_size=30), max_size=3),
)
def test_fuzz_jsonl_reader_keeps_every_line_accounted_for(records, broken):
    lines = [json.dumps(record) for record in records] + broken
    data = "\n".join(lines).encode("utf-8")
    results = list(read_bytes(data, source="fuzz.jsonl", suffix=".jsonl"))
    check_read_results(results, "fuzz.jsonl")
    if any((ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) and c not in "\t\n\r" for c in data.decode()) or not data.strip():
        return  # control-heavy or empty files are rejected whole, with one error
    nonblank = [line for line in "\n".join(lines).split("\n") if line.strip()]  # JSONL lines end at \n only
    assert len(results) == len(nonblank), "every non-blank line is an article or an error, none dropped"


def rss(entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{body}</description></item>"
        for title, link, body in entries
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fuzz</title>{items}</channel></rss>'.encode()


@fuzz_settings(60, 2000)
@given(
    entries=st.lists(st.tuples(any_text, st.text(max_size=20), any_text), min_size=1, max_size=4),
    cut=st.integers(min_value=0, max_value=400),
)
def test_fuzz_feed_reader_never_raises(entries, cut):
    data = rss(entries)
    for candidate in (data, data[: len(data) - cut]):
        check_read_results(list(read_feed(candidate, source="fuzz.rss", fetch=None)), "fuzz.rss")


@fuzz_settings(100, 3000)
@given(data=st.binary(max_size=1500))
def test_fuzz_feed_reader_never_raises_on_any_bytes(data):
    check_read_results(list(read_feed(data, source="fuzz.rss", fetch=None)), "fuzz.rss")


# --- process_article ------------------------------------------------------------------------------


def spans_of(record: ArticleRecord) -> list[tuple[str, int, int, str | None]]:
    """(what, start, end, text it claims) for every span the record holds."""
    spans: list[tuple[str, int, int, str | None]] = []
    for entity in record.entities:
        spans += [(f"entity {entity.id}", m.start, m.end, m.text) for m in entity.mentions]
    for place in record.places:
        spans += [(f"place {place.id}", m.start, m.end, m.text) for m in place.mentions]
    spans += [(f"time {t.id}", t.start, t.end, t.text) for t in record.times]
    for quote in record.quotes:
        spans.append((f"quote {quote.id}", quote.start, quote.end, quote.text))
        if quote.cue_start is not None or quote.cue_end is not None:
            spans.append((f"cue of {quote.id}", quote.cue_start, quote.cue_end, quote.cue))  # type: ignore[arg-type]
        spans += [(f"part of {quote.id}", part.start, part.end, None) for part in quote.parts]
    spans += [(f"quantity {q.id}", q.start, q.end, q.text) for q in record.quantities]
    for event in record.events:
        spans.append((f"trigger of {event.id}", event.trigger.start, event.trigger.end, event.trigger.text))
        spans.append((f"sentence of {event.id}", event.sentence.start, event.sentence.end, None))
    for claim in record.claims:
        spans += [(f"evidence of {claim.id}", m.start, m.end, m.text) for m in claim.evidence]
    return spans


def check_record(record: ArticleRecord, text: str) -> None:
    assert record.article.text == text
    for what, start, end, claimed in spans_of(record):
        assert isinstance(start, int) and isinstance(end, int), what
        assert 0 <= start <= end <= len(text), f"{what}: [{start}, {end}) outside a text of {len(text)}"
        if claimed is not None:
            assert text[start:end] == claimed, f"{what}: text[{start}:{end}]={text[start:end]!r} != {claimed!r}"
    entity_ids = {e.id for e in record.entities}
    for quote in record.quotes:
        assert quote.speaker is None or quote.speaker in entity_ids
    again = ArticleRecord.from_json(record.to_json())
    assert again == record
    assert again.to_json() == record.to_json()


@pytest.mark.model
@fuzz_settings(40, 1500)
@given(text=any_text.filter(lambda t: t.strip() != ""))
def test_fuzz_process_article_spans_match_the_text_on_any_unicode(nlp, text):
    from newsledger.nlp import process_article

    article = Article.from_text(text, published="2021-09-06", outlet="Fuzz Wire")
    check_record(process_article(nlp, article), article.text)


@pytest.mark.model
@fuzz_settings(25, 800)
@given(sentences=st.lists(news_like_text(), min_size=2, max_size=6))
def test_fuzz_process_article_longer_reports_keep_spans_and_round_trip(nlp, sentences):
    from newsledger.nlp import process_article

    text = "\n\n".join(sentences)
    if not text.strip():
        return
    article = Article.from_text(text, published="2024-03-01")
    check_record(process_article(nlp, article), article.text)


# --- the whole run over mixed folders -------------------------------------------------------------

RECORDS_PIPELINE = "tests.hardening.records_pipeline:make_nlp"


def _good_input(marker: int, kind: str) -> tuple[str, bytes]:
    from tests.hardening.corpus import report

    text = report(marker)
    if kind == ".json":
        return kind, json.dumps({"text": text, "outlet": "Fuzz Wire"}).encode()
    if kind == ".jsonl":
        return kind, (json.dumps({"text": text}) + "\n").encode()
    if kind == ".html":
        return kind, f"<html><body><article><p>{text}</p></article></body></html>".encode()
    return kind, text.encode("utf-8")


# Inputs that must be rejected, each with the reason it must be rejected for.
BAD_INPUTS: list[tuple[str, bytes, str]] = [
    (".txt", b"", "E001"),
    (".txt", b"\x00\x01\x02binary\x00" * 40, "E003"),
    (".json", b'{"text": "Officials said the talks would resume on Monday in the capital \\ud800"}', "E018"),
    (".json", b'{"text": "Officials said the talks would resume on Monday.", "title": "a\\u0000b"}', "E018"),
    (".json", b"[" * 50_000 + b"]" * 50_000, "E005"),
    (".json", b'{"text": "x", "n": ' + b"7" * 5000 + b"}", "E005"),
    (".jsonl", b'{"text": "an unterminated\n', "E005"),
    (".json", b'{"title": "no text"}', "E006"),
    (".html", b"<html><head><title>t</title></head></html>", "E007"),
    (".txt", "Le porte-parole a déclaré lundi que les discussions reprendront la semaine prochaine.".encode(), "E008"),
    (".pdf", b"%PDF-1.4\n", "E009"),
    (
        ".rss",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>&#55296;</title><item><description>Officials said'
        b" the talks would resume.</description></item></channel></rss>",
        "E013",
    ),
]
# Odd but valid file names: not UTF-8, a newline, a terminal escape, a right-to-left override.
ODD_STEMS = [b"caf\xe9", b"two\nlines", b"esc\x1b[31mred", b"rtl\xe2\x80\xaetxt", b"plain"]


@st.composite
def mixed_folders(draw: st.DrawFn) -> list[tuple[bytes, bytes, str | None, int | None]]:
    """(file name, content, expected rejection code or None, marker of a good report or None), in a random order."""
    entries: list[tuple[bytes, bytes, str | None, int | None]] = []
    n_good = draw(st.integers(min_value=1, max_value=4))
    bad = draw(st.lists(st.sampled_from(range(len(BAD_INPUTS))), min_size=1, max_size=5))
    for marker in range(n_good):
        suffix, content = _good_input(1000 + marker, draw(st.sampled_from([".txt", ".json", ".jsonl", ".html"])))
        entries.append((draw(st.sampled_from(ODD_STEMS)) + suffix.encode(), content, None, 1000 + marker))
    for index in bad:
        suffix, content, code = BAD_INPUTS[index]
        entries.append((draw(st.sampled_from(ODD_STEMS)) + suffix.encode(), content, code, None))
    order = draw(st.permutations(range(len(entries))))
    # A number first keeps names distinct; the permutation decides which input is read after which.
    return [(f"{rank:02d}_".encode() + entries[i][0], *entries[i][1:]) for rank, i in enumerate(order)]


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory):
    from newsledger.store import Store

    path = tmp_path_factory.mktemp("fuzz-template") / "ledger.db"
    Store.open(path).close()
    return path


@fuzz_settings(12, 300)
@given(folder_inputs=mixed_folders())
def test_fuzz_run_over_mixed_folders_stores_every_good_input(migrated_sqlite, folder_inputs):
    import os
    import shutil
    import sqlite3
    import tempfile

    from typer.testing import CliRunner

    from newsledger.cli import app
    from newsledger.ingest.read import source_name
    from tests.hardening.corpus import marker_phrase

    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "in").encode()
        os.mkdir(folder)
        db = os.path.join(tmp, "ledger.db")
        shutil.copyfile(migrated_sqlite, db)
        for name, content, _code, _marker in folder_inputs:
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(content)
        command = ["ingest", os.fsdecode(folder), "--db", f"sqlite:///{db}", "--nlp", RECORDS_PIPELINE, "--json"]
        result = CliRunner().invoke(app, [*command, "--no-fetch", "--no-resolve"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        with sqlite3.connect(db) as conn:
            stored = dict(conn.execute("SELECT source, text FROM articles").fetchall())
            rejected = dict(conn.execute("SELECT source, code FROM rejected").fetchall())
        texts = " ".join(stored.values())
        for name, _content, code, marker in folder_inputs:
            source = source_name(os.fsdecode(os.path.join(folder, name)))
            if marker is not None:
                assert marker_phrase(marker) in texts, f"good input {name!r} not stored; rejected: {rejected}"
            else:
                codes = {c for s, c in rejected.items() if s == source or s.startswith((f"{source}:", f"{source}#"))}
                assert codes == {code}, f"bad input {name!r}: expected {code}, rejected: {rejected}"
        assert result.exit_code == 1
