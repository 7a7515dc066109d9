from __future__ import annotations

import io
from pathlib import Path

from newsledger.errors import InputError
from newsledger.ingest import ArticleMeta
from newsledger.ingest.sources import iter_articles, read_feed

STORY_A = "Engineers restored power to the eastern suburbs on Tuesday after a storm cut the lines, the utility said."
STORY_B = "The city council approved a new budget for schools and roads after a long debate on Wednesday evening."

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Courier</title><link>https://courier.example/</link>
<item><title>Power restored</title><link>https://courier.example/power</link>
<pubDate>Tue, 07 Sep 2021 10:00:00 GMT</pubDate><description><![CDATA[<p>{STORY_A}</p>]]></description></item>
<item><title>Budget approved</title><link>https://courier.example/budget</link>
<pubDate>Wed, 08 Sep 2021 18:00:00 GMT</pubDate><description><![CDATA[<p>{STORY_B}</p>]]></description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Gazette</title><id>urn:x</id>
<updated>2021-09-07T00:00:00Z</updated>
<entry><title>Power back</title><link href="https://gazette.example/a"/><id>urn:a</id>
<updated>2021-09-07T09:00:00Z</updated><content type="html">&lt;p&gt;{STORY_A}&lt;/p&gt;</content></entry>
</feed>"""


def articles_and_errors(results):
    return [r for r in results if not isinstance(r, InputError)], [r for r in results if isinstance(r, InputError)]


def test_sources_folder_is_read_recursively_in_order_skipping_hidden_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text(STORY_A)
    (tmp_path / "b" / "c.txt").write_text(STORY_B)
    (tmp_path / ".git" / "d.txt").write_text("A file in a hidden folder is not a report of anything.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not supported")
    articles, errors = articles_and_errors(list(iter_articles([tmp_path], fetch=None)))
    assert [a.text for a in articles] == [STORY_A, STORY_B]
    assert len(errors) == 1 and "E009" in errors[0].reason


def test_sources_rss_file_entries_become_articles_with_feed_metadata(tmp_path: Path):
    feed = tmp_path / "courier.rss"
    feed.write_text(RSS)
    articles, errors = articles_and_errors(list(iter_articles([feed], fetch=None)))
    assert errors == []
    assert [a.text for a in articles] == [STORY_A, STORY_B]
    first = articles[0]
    assert first.outlet == "Valley Courier"
    assert first.url == "https://courier.example/power"
    assert first.title == "Power restored"
    assert first.published == "2021-09-07"


def test_sources_atom_feed_detected_by_content_in_a_folder(tmp_path: Path):
    (tmp_path / "feed.xml").write_text(ATOM)
    articles, errors = articles_and_errors(list(iter_articles([tmp_path], fetch=None)))
    assert errors == []
    assert [(a.text, a.outlet, a.url) for a in articles] == [(STORY_A, "Hill Gazette", "https://gazette.example/a")]


def test_sources_feed_pages_are_fetched_when_possible_else_feed_content_is_used():
    page_text = "The full story: " + STORY_B + " Officials said work on the roads would begin in spring next year."
    pages = {"https://courier.example/budget": f"<html><body><article><p>{page_text}</p></article></body></html>"}
    fetched: list[str] = []

    def fetch(url: str) -> str | None:
        fetched.append(url)
        return pages.get(url)

    articles, errors = articles_and_errors(list(read_feed(RSS.encode(), source="courier.rss", fetch=fetch)))
    assert errors == []
    assert fetched == ["https://courier.example/power", "https://courier.example/budget"]
    assert articles[0].text == STORY_A  # page not reachable: the feed's own content
    assert articles[1].text == page_text  # page fetched and extracted


def test_sources_feed_url_is_downloaded_through_the_fetcher():
    def fetch(url: str) -> str | None:
        return RSS if url == "https://courier.example/feed" else None

    articles, errors = articles_and_errors(list(iter_articles(["https://courier.example/feed"], fetch=fetch)))
    assert errors == []
    assert len(articles) == 2


def test_sources_broken_feed_is_rejected_with_its_name(tmp_path: Path):
    feed = tmp_path / "broken.rss"
    feed.write_text("<rss><channel><title>x</title><item><title>no close")
    articles, errors = articles_and_errors(list(iter_articles([feed], fetch=None)))
    assert articles == []
    assert errors[0].source.startswith(str(feed))
    assert "E013" in errors[0].reason


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),  # a known length: warcio then never spools the payload to a temp file it leaves open
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-09-07T10:00:00Z"},
            )
            writer.write_record(record)


def test_sources_warc_html_responses_become_articles(tmp_path: Path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc,
        [
            (
                "https://news.example/power",
                "text/html; charset=utf-8",
                f"<html><body><article><p>{STORY_A}</p></article></body></html>".encode(),
            ),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n0000"),
            (
                "https://news.example/budget",
                "text/html",
                f"<html><body><article><p>{STORY_B}</p></article></body></html>".encode(),
            ),
        ],
    )
    articles, errors = articles_and_errors(list(iter_articles([warc], meta=ArticleMeta(outlet="Crawl"))))
    assert errors == []
    assert [(a.text, a.url, a.published, a.outlet) for a in articles] == [
        (STORY_A, "https://news.example/power", "2021-09-07", "Crawl"),
        (STORY_B, "https://news.example/budget", "2021-09-07", "Crawl"),
    ]


def test_sources_broken_warc_is_rejected_not_raised(tmp_path: Path):
    warc = tmp_path / "broken.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ntruncated")
    results = list(iter_articles([warc]))
    assert results and all(isinstance(r, InputError) for r in results)
    assert "E014" in results[0].reason


def test_sources_missing_path_is_an_input_error():
    (error,) = list(iter_articles(["/nonexistent/place/for/reports"]))
    assert isinstance(error, InputError)
    assert "E010" in error.reason


def test_sources_estimate_count_matches_what_is_read(tmp_path: Path):
    from newsledger.ingest.sources import estimate_count

    (tmp_path / "a.txt").write_text(STORY_A)
    (tmp_path / "many.jsonl").write_text(
        "\n".join(f'{{"text": "{STORY_B} Line {i}."}}' for i in range(5)) + "\n\n", encoding="utf-8"
    )
    assert estimate_count([tmp_path]) == 6 == len(list(iter_articles([tmp_path], fetch=None)))
