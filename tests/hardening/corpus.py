"""Generators of hostile inputs, written by the tests into a temporary folder (no committed binaries).

Each writer returns what the run must do with the input: stored (the marker phrase of each article that must
be found in the ledger) or rejected (the error code expected for each source, matched by a suffix of the source
name). The good reports are distinct because each carries its own marker number.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

CITIES = ("Nairobi", "Lima", "Hanoi", "Oslo", "Dakar", "Quito", "Accra", "Tbilisi")


def report(marker: int, *, city: str | None = None) -> str:
    """A short English news report; `marker` makes it distinct and findable ("market number N")."""
    city = city or CITIES[marker % len(CITIES)]
    return (
        f"Officials in {city} said on Monday that {marker % 9 + 2} people were hurt in a fire at market number "
        f"{marker}. The mayor said the market would reopen next week after repairs, and the police were "
        f"investigating the cause of the fire."
    )


def marker_phrase(marker: int) -> str:
    return f"market number {marker}."


@dataclass
class Expectations:
    stored: dict[str, int] = field(default_factory=dict)  # input name -> marker that must be stored
    rejected: dict[str, str] = field(default_factory=dict)  # suffix of the rejected source -> error code
    either: set[str] = field(default_factory=set)  # inputs that may be stored or rejected, never lost
    inputs: int = 0  # how many inputs (files, lines, feed entries, WARC records) were written

    def store(self, name: str, marker: int) -> None:
        self.stored[name] = marker
        self.inputs += 1

    def allow(self, name: str) -> None:
        self.either.add(name)
        self.inputs += 1

    def reject(self, source_suffix: str, code: str) -> None:
        self.rejected[source_suffix] = code
        self.inputs += 1


def billion_laughs_doctype(root: str, *, levels: int = 9) -> str:
    """The classic entity-expansion bomb: each level repeats the one below it ten times (10**levels 'lol')."""
    lines = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        lines.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return f"<!DOCTYPE {root} [{''.join(lines)}]>"


def warc_bytes(records: list[tuple[str, str]], *, truncate_last: bool) -> bytes:
    """An uncompressed WARC of HTML responses; the last record cut in the middle of its payload."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    offsets = []
    for uri, html in records:
        offsets.append(buffer.tell())
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = html.encode("utf-8")
        # a known length: warcio then never spools the payload to a temp file it leaves open (a ResourceWarning)
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http_headers
        )
        writer.write_record(record)
    data = buffer.getvalue()
    if truncate_last:
        last = offsets[-1]
        data = data[: last + (len(data) - last) * 2 // 3]
    return data


def write_corpus(folder: Path, *, seed: int = 7) -> Expectations:
    """The whole bad-input corpus beside good reports, in one folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expect = Expectations()

    # Good inputs beside the bad ones: they must all be stored.
    (folder / "good_plain.txt").write_text(report(1), encoding="utf-8")
    expect.store("good_plain.txt", 1)
    (folder / "good_page.html").write_text(
        f"<html><head><title>Fire at the market</title></head><body><article><h1>Fire at the market</h1>"
        f"<p>{report(2)}</p><p>{report(3, city='Lima')}</p></article></body></html>",
        encoding="utf-8",
    )
    expect.store("good_page.html", 2)

    # Empty and blank files.
    (folder / "empty.txt").write_bytes(b"")
    expect.reject("empty.txt", "E001")
    (folder / "blank.txt").write_text(" \n\t\n  ", encoding="utf-8")
    expect.reject("blank.txt", "E001")

    # Binary data: random bytes with NULs, and a PNG header under a .html name.
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)) + b"\x00")
    expect.reject("binary.txt", "E003")
    (folder / "image.html").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2048))
    )
    expect.reject("image.html", "E003")

    # Invalid UTF-8 that is no other encoding either (lone continuation and over-long sequences).
    invalid = bytes(rng.choice([0x80, 0x81, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF]) for _ in range(600))
    (folder / "invalid_utf8.txt").write_bytes(invalid)
    expect.allow("invalid_utf8.txt")
    # A legacy encoding that can be read: Latin-1 English text with accented names.
    latin1 = report(4).replace("The mayor", "The mayor, José Peña,") + " Café owners were evacuated."
    (folder / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    expect.store("latin1.txt", 4)
    # Mixed encodings in one file: UTF-8 text with a Latin-1 byte in the middle.
    mixed = report(5).encode("utf-8") + " Caf\xe9 ".encode("latin-1") + "naïve résumé.".encode()
    (folder / "mixed_encoding.txt").write_bytes(mixed)
    expect.allow("mixed_encoding.txt")

    # Size: a 50 MB text (rejected by its size, never read whole) and a 10 MB single line.
    line = report(6) + " "
    with (folder / "huge_50mb.txt").open("w", encoding="utf-8") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line + "\n")
    expect.reject("huge_50mb.txt", "E002")
    words = "the council said talks would resume next week in the capital "
    (folder / "one_line_10mb.txt").write_text(words * (10_000_000 // len(words) + 1), encoding="utf-8")
    expect.reject("one_line_10mb.txt", "E103")

    # HTML with no body, HTML that is nothing but scripts, and scripts around a real article.
    (folder / "no_body.html").write_text("<html><head><title>Nothing here</title></head></html>", encoding="utf-8")
    expect.reject("no_body.html", "E007")
    script = "<script>document.write('The minister said the talks would resume'); alert(1);</script>"
    style = "<style>body { color: red } p::after { content: 'the capital said on Monday' }</style>"
    (folder / "only_scripts.html").write_text(f"<html><head>{style}</head><body>{script * 300}</body></html>")
    expect.reject("only_scripts.html", "E007")
    (folder / "scripts_around_article.html").write_text(
        f"<html><head>{style}{script}</head><body>{script * 50}<article><p>{report(7)}</p></article>"
        f"{script * 50}<noscript>Enable JavaScript to read the capital's news</noscript></body></html>",
        encoding="utf-8",
    )
    expect.store("scripts_around_article.html", 7)

    # Entity bombs: billion laughs in an XHTML page and in an RSS feed (beside a good entry).
    (folder / "laughs.html").write_text(
        f'<?xml version="1.0"?>{billion_laughs_doctype("html")}<html><body><p>&lol9;</p></body></html>',
        encoding="utf-8",
    )
    expect.allow("laughs.html")
    (folder / "laughs.rss").write_text(
        f'<?xml version="1.0"?>{billion_laughs_doctype("rss")}<rss version="2.0"><channel><title>Bomb Wire</title>'
        f"<item><title>&lol9;</title><description>&lol9;</description><link>http://feed.test/bomb</link></item>"
        f"<item><title>Fire</title><description>{report(8)}</description><link>http://feed.test/good</link></item>"
        f"</channel></rss>",
        encoding="utf-8",
    )
    expect.allow("laughs.rss#http://feed.test/bomb")
    expect.store("laughs.rss#http://feed.test/good", 8)

    # A feed with malformed entries: no content, good CDATA, a NUL character reference, an unclosed tag.
    (folder / "malformed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken Wire</title>'
        "<item><title>No content at all</title></item>"
        f"<item><description><![CDATA[<p>{report(9)}</p>]]></description><link>http://feed.test/ok</link></item>"
        "<item><description>&#0;&#1;&#2; &bogus; <unclosed></description></item>"
        "</channel>",
        encoding="utf-8",
    )
    expect.reject("malformed.rss#0", "E013")
    expect.store("malformed.rss#http://feed.test/ok", 9)
    expect.allow("malformed.rss#2")

    # A WARC whose last record is cut short (a crawler killed mid-write).
    pages = [
        (f"http://warc.test/{m}", f"<html><body><article><p>{report(m)}</p></article></body></html>")
        for m in (10, 11, 12)
    ]
    (folder / "crawl.warc").write_bytes(warc_bytes(pages, truncate_last=True))
    expect.store("crawl.warc#http://warc.test/10", 10)
    expect.store("crawl.warc#http://warc.test/11", 11)
    expect.reject("crawl.warc#http://warc.test/12", "E014")

    # Right-to-left overrides, zero-width characters and combining marks inside English text: read as is.
    tricky = report(13).replace("Officials", "Offi\u200bcials").replace("mayor", "ma\u200dyor")
    tricky = tricky.replace("police", "\u202epolice\u202c") + " \u200fThe e\u0301lan of the crowd\u200e was noted."
    (folder / "rtl_zero_width.txt").write_text(tricky, encoding="utf-8")
    expect.store("rtl_zero_width.txt", 13)

    # Non-English text: rejected by language, not fed to an English pipeline.
    (folder / "arabic.txt").write_text(
        "قال المتحدث باسم الوزارة يوم الاثنين إن المحادثات ستستأنف في العاصمة الأسبوع المقبل بعد توقف دام شهرا.",
        encoding="utf-8",
    )
    expect.reject("arabic.txt", "E008")
    (folder / "chinese.txt").write_text(
        "外交部发言人周一表示，谈判将于下周在首都恢复，双方代表团已经抵达。", encoding="utf-8"
    )
    expect.reject("chinese.txt", "E008")
    (folder / "french.txt").write_text(
        "Le porte-parole du ministère a déclaré lundi que les discussions reprendront la semaine prochaine dans "
        "la capitale, et que les deux délégations sont déjà arrivées sur place pour la réunion.",
        encoding="utf-8",
    )
    expect.reject("french.txt", "E008")

    # JSONL with broken lines among good ones.
    lines = [
        json.dumps({"text": report(14), "outlet": "Line Wire", "published": "2024-03-01"}),
        '{"text": "an unterminated string',
        json.dumps({"text": report(15), "title": "Fire <b>again</b>", "published": "2024-03-02"}),
        json.dumps({"title": "no text field"}),
        "[1, 2, 3]",
        json.dumps({"text": report(16), "published": "not a date"}),
        "\x07\x08 garbage ][ not json",
        json.dumps({"text": report(17), "published": "2024-03-03T10:00:00Z"}),
    ]
    (folder / "mixed_lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expect.store("mixed_lines.jsonl:1", 14)
    expect.reject("mixed_lines.jsonl:2", "E005")
    expect.store("mixed_lines.jsonl:3", 15)
    expect.reject("mixed_lines.jsonl:4", "E006")
    expect.reject("mixed_lines.jsonl:5", "E005")
    expect.reject("mixed_lines.jsonl:6", "E011")
    expect.reject("mixed_lines.jsonl:7", "E005")
    expect.store("mixed_lines.jsonl:8", 17)

    # A type nobody reads.
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    expect.reject("scan.pdf", "E009")
    return expect
