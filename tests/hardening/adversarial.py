"""The adversarial corpus: one input of each kind that once crashed a whole run or was skipped without a word,
each between two good reports, written by the tests into a temporary folder (no committed binaries).

Every writer records what the run must do with its input (the `Expectations` of `corpus.py`): the good
reports around the bad inputs must all be stored, and each bad input must be rejected with its own code. File
names start with a number so that, read in sorted order, good and bad inputs alternate: a bad input that
stopped the run would leave the good report after it unstored.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from tests.hardening.corpus import Expectations, report

# A small --max-bytes for the run, so the over-the-limit inputs stay small on disk.
MAX_BYTES = 200_000


class Corpus:
    """Writes numbered inputs, a good report after every bad one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.expect = Expectations()
        self.index = 0
        self.marker = 100
        folder.mkdir(parents=True, exist_ok=True)

    def name(self, stem: str) -> str:
        self.index += 1
        return f"{self.index:02d}_{stem}"

    def good(self) -> None:
        self.marker += 1
        name = self.name("good.txt")
        (self.folder / name).write_text(report(self.marker), encoding="utf-8")
        self.expect.store(name, self.marker)

    def bad(self, stem: str, data: bytes, code: str, *, part: str = "") -> str:
        name = self.name(stem)
        (self.folder / name).write_bytes(data)
        self.expect.reject(name + part, code)
        self.good()
        return name

    def stored(self, stem: str, data: bytes, marker: int, *, part: str = "") -> str:
        """An input that looks odd but is a good report: it must be stored."""
        name = self.name(stem)
        (self.folder / name).write_bytes(data)
        self.expect.store(name + part, marker)
        self.good()
        return name


def _json(record: dict[str, object]) -> bytes:
    return json.dumps(record).encode("utf-8")


def _warc(records: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for uri, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = html.encode("utf-8")
        # a known length: warcio then never spools the payload to a temp file it leaves open (a ResourceWarning)
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def write_adversarial_corpus(folder: Path) -> Expectations:
    corpus = Corpus(folder)
    corpus.good()

    # 1. A lone surrogate, which JSON can write as \ud800, in the text of a .json and a .jsonl record and in a title.
    corpus.bad("surrogate_text.json", b'{"text": "' + report(1).encode() + b' \\ud800"}', "E018")
    line = b'{"text": "' + report(2).encode() + b'", "title": "Fire \\udfff"}\n'
    corpus.bad("surrogate_title.jsonl", line, "E018", part=":1")

    # 2. A character reference to a surrogate in a feed's channel title: feedparser itself fails on it.
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire &#55296;</title>'
        f"<item><description>{report(3)}</description><link>http://feed.test/3</link></item></channel></rss>"
    )
    corpus.bad("surrogate_channel.rss", feed.encode(), "E013")

    # 3. JSON nested deeper than the interpreter's stack (200 kB), and an integer of more digits than Python reads.
    corpus.bad("nested.json", b"[" * 100_000 + b"]" * 100_000, "E005")
    corpus.bad("long_integer.json", b'{"text": "' + report(4).encode() + b'", "n": ' + b"9" * 5000 + b"}", "E005")

    # 4. A file name that is not UTF-8 (Latin-1 "café"): the report is good, stored under its escaped name.
    name = corpus.name("caf").encode() + b"\xe9.txt"
    (folder / os.fsdecode(name)).write_text(report(5), encoding="utf-8")
    corpus.expect.store(name[:-5].decode() + "\\xe9.txt", 5)
    corpus.good()

    # 5. Control characters in metadata: a NUL in a title (PostgreSQL refuses it), an escape in an outlet.
    corpus.bad("nul_title.json", _json({"text": report(6), "title": "a\u0000b"}), "E018")
    corpus.bad("escape_outlet.jsonl", _json({"text": report(7), "outlet": "\u001b[2JWire"}) + b"\n", "E018", part=":1")

    # 11. A file name that would forge an output line and drive the terminal: printed escaped (checked by the test).
    corpus.bad("forged\ningested 999, updated 0, unchanged 0, rejected 0\x1b[2J\x1b]0;title\x07.txt", b"", "E001")

    # Held out: an outlet wider than its column (PostgreSQL refused it at save; SQLite kept it).
    corpus.bad("wide_outlet.json", _json({"text": report(18), "outlet": "Wire " * 60}), "E020")

    # 7. What a folder walk meets besides files: a FIFO, a dangling link, a link loop, a link to its own folder.
    fifo = corpus.name("fifo.txt")
    os.mkfifo(folder / fifo)
    corpus.expect.reject(fifo, "E010")
    corpus.good()
    dangling = corpus.name("dangling.txt")
    (folder / dangling).symlink_to(folder / "no-such-file.txt")
    corpus.expect.reject(dangling, "E010")
    corpus.good()
    loop_a, loop_b = corpus.name("loop_a.txt"), corpus.name("loop_b.txt")
    (folder / loop_a).symlink_to(folder / loop_b)
    (folder / loop_b).symlink_to(folder / loop_a)
    corpus.expect.reject(loop_a, "E010")
    corpus.expect.reject(loop_b, "E010")
    corpus.good()
    sub = corpus.name("sub")
    (folder / sub).mkdir()
    (folder / sub / "up").symlink_to(folder)
    corpus.expect.reject(f"{sub}/up", "E010")
    corpus.good()
    if os.geteuid() != 0:  # root reads any folder
        locked = corpus.name("locked")
        (folder / locked).mkdir()
        (folder / locked / "report.txt").write_text(report(8), encoding="utf-8")
        (folder / locked).chmod(0)
        corpus.expect.reject(locked, "E010")
        corpus.good()

    # 10. A report over the per-article budget of characters: rejected before the pipeline, never run for minutes.
    corpus.bad("over_budget.txt", ((report(14) + "\n") * 600).encode(), "E106")

    # 12. Mixed UTF-8 and Latin-1 in one file: both readings kept (checked by the test), the report stored.
    mixed = report(9).encode() + " The mayor, José Peña,".encode() + " said the caf\xe9 would reopen.".encode("latin-1")
    corpus.stored("mixed_encoding.txt", mixed, 9)
    # Persian, and English that goes on in Arabic after its first 20,000 characters: not English.
    persian = "خبرگزاری ایران گزارش داد که نیروهای دولتی روز دوشنبه وارد شهر شدند و درگیری‌ها ادامه دارد. " * 3
    corpus.bad("persian.txt", persian.encode(), "E008")
    arabic = "قال المتحدث باسم الوزارة يوم الاثنين إن المحادثات ستستأنف في العاصمة الأسبوع المقبل. "
    corpus.bad("english_then_arabic.txt", ((report(10) + " ") * 120 + arabic * 800).encode(), "E008")
    # A WARC record over the limit is named as a record, not as a file of that size; the record after it is read.
    huge_page = "<html><body><article><p>" + report(11) * 1500 + "</p></article></body></html>"
    warc = _warc(
        [
            ("http://warc.test/huge", huge_page),
            ("http://warc.test/ok", f"<html><body><p>{report(12)}</p></body></html>"),
        ]
    )
    warc_name = corpus.name("crawl.warc")
    (folder / warc_name).write_bytes(warc)
    corpus.expect.reject(f"{warc_name}#http://warc.test/huge", "E016")
    corpus.expect.store(f"{warc_name}#http://warc.test/ok", 12)
    corpus.good()
    # Held out: UTF-16 saved without a byte-order mark was rejected as binary (a NUL in every other byte).
    corpus.stored("utf16_no_bom.txt", report(15).encode("utf-16-le"), 15)
    corpus.stored("utf16be_no_bom.txt", report(16).encode("utf-16-be"), 16)
    # Held out: libxml2 spends minutes (in C, past any timer) on a tag with 200,000 attributes.
    many = " ".join(f"a{i}=x" for i in range(5000))
    corpus.bad("many_attributes.html", f"<html><body><p {many}>{report(17)}</p></body></html>".encode(), "E007")
    # A JSON string may hold a raw line separator (U+2028): the JSONL record around it is whole and good.
    corpus.stored("line_separator.jsonl", _json({"text": report(13) + " Next\u2028line."}) + b"\n", 13, part=":1")
    # Held out (session 5): UTF-32, with either byte-order mark or none, was rejected as binary or as no words.
    corpus.stored("utf32le_bom.txt", report(19).encode("utf-32"), 19)
    corpus.stored("utf32be_bom.txt", b"\x00\x00\xfe\xff" + report(20).encode("utf-32-be"), 20)
    corpus.stored("utf32_no_bom.txt", report(21).encode("utf-32-le"), 21)
    # Held out: a key twice in one object (Python keeps the last value, other readers the first), and NaN,
    # which is not JSON, were taken silently.
    twice = b'{"text": "' + report(22).encode() + b'", "text": "' + report(23).encode() + b'"}'
    corpus.bad("duplicate_key.json", twice, "E005")
    corpus.bad("nan_title.jsonl", b'{"text": "' + report(24).encode() + b'", "title": NaN}\n', "E005", part=":1")
    # Held out: metadata of another JSON type was stored as Python's text of it ("{'a': 1}", "['http://x']", "inf").
    corpus.bad("object_title.json", _json({"text": report(25), "title": {"a": 1}}), "E021")
    corpus.bad("list_url.jsonl", _json({"text": report(26), "url": ["https://x.test"]}) + b"\n", "E021", part=":1")
    corpus.bad("overflowing_date.json", b'{"text": "' + report(27).encode() + b'", "published": 1e999}', "E021")
    corpus.stored("number_as_title.json", _json({"text": report(28), "title": 1984}), 28)  # an integer reads as written
    return corpus.expect


def whitespace_variants(marker: int) -> list[str]:
    """The same report written with trailing spaces, no-break spaces, zero-width spaces and extra blank lines."""
    text = report(marker) + "\n\n" + report(marker + 1)
    return [
        text,
        text + "   \n",
        text.replace(" ", "\u00a0", 3),
        text.replace("market", "mar\u200bket", 1),
        text.replace("\n\n", "  \n \n\n\t\n", 1),
        "\ufeff" + text.replace(" the", " \u2009the", 2),
    ]
