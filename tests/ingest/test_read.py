from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest import ArticleMeta, read_path
from newsledger.model import Article

ENGLISH = (
    "The government said on Monday that talks with the rebels would resume in the capital next week, "
    "after a pause of several months in which fighting had spread to the north of the country."
)


def _one(path: Path, **kwargs) -> Article | InputError:
    (result,) = list(read_path(path, **kwargs))
    return result


def test_read_txt_normalizes_and_hashes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(("Cafe\u0301 owners said. " + ENGLISH + "\r\n").encode("utf-8"))
    article = _one(path, meta=ArticleMeta(published="2021-09-06", outlet="X"))
    assert isinstance(article, Article)
    assert article.text.startswith("Caf\u00e9 owners")
    assert "\r" not in article.text
    assert article.published == "2021-09-06" and article.outlet == "X"
    assert article.source == str(path)


def test_read_latin1_is_detected(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(("Le café ouvert. " + ENGLISH + " The café’s owner fled.").replace("’", "'").encode("latin-1"))
    article = _one(path)
    assert isinstance(article, Article)
    assert "café" in article.text


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "E001"),
        ("blank.txt", b"   \n\n  ", "E001"),
        ("binary.txt", bytes(range(256)) * 40, "E003"),
        ("broken.json", b'{"text": "unterminated', "E005"),
        ("notext.json", json.dumps({"title": "no body"}).encode(), "E006"),
        ("array.json", b"[1, 2]", "E005"),
        ("nobody.html", b"<html><head><title>x</title></head><body></body></html>", "E007"),
        (
            "german.txt",
            (
                "Die Regierung hat am Montag erklärt, dass die Gespräche mit den Rebellen in der Hauptstadt "
                "nächste Woche wieder aufgenommen werden, nachdem die Kämpfe sich auf den Norden des Landes "
                "ausgeweitet hatten und die Lage für die Menschen nicht besser wurde."
            ).encode(),
            "E008",
        ),
        ("doc.pdf", b"%PDF-1.4", "E009"),
        ("symbols.txt", b"---- *** ----", "E012"),
    ],
)
def test_read_bad_input_names_file_and_reason(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    results = list(read_path(path))
    errors = [r for r in results if isinstance(r, InputError)]
    assert errors, f"{name} was accepted"
    assert errors[0].code == code
    assert str(path) in str(errors[0])
    assert "\n" not in str(errors[0])


def test_read_undecodable_bytes_are_rejected(tmp_path):
    path = tmp_path / "noise.txt"
    # invalid UTF-8 lead bytes without any plausible single-byte reading
    path.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 400)
    result = _one(path)
    assert isinstance(result, InputError)
    # the detector may find some codec that "fits"; then it reads as a foreign script and is still rejected
    assert result.code in {"E003", "E004", "E008"}


def test_read_over_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 20)
    result = _one(path, max_bytes=100)
    assert isinstance(result, InputError) and result.code == "E002"
    assert "100" in result.reason


def test_read_jsonl_keeps_good_lines_and_names_bad_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": ENGLISH, "url": "http://a", "published": "2021-09-01T10:00:00Z", "outlet": "A"}),
        "{broken",
        json.dumps({"text": ""}),
        "",
        json.dumps({"text": ENGLISH + " Again.", "title": "B"}),
    ]
    path.write_text("\n".join(lines))
    results = list(read_path(path))
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, InputError)]
    assert [a.url for a in good] == ["http://a", None]
    assert good[0].published == "2021-09-01"
    assert good[1].title == "B"
    assert [e.source for e in bad] == [f"{path}:2", f"{path}:3"]
    assert [e.code for e in bad] == ["E005", "E006"]


def test_read_html_takes_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    body = "".join(f"<p>{ENGLISH} Paragraph {i}.</p>" for i in range(3))
    path.write_text(
        "<html><head><title>Rebels and talks</title>"
        '<meta property="article:published_time" content="2021-09-06T08:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article>{body}</article><script>alert('x')</script></body></html>"
    )
    article = _one(path)
    assert isinstance(article, Article)
    assert "talks with the rebels" in article.text
    assert "alert" not in article.text
    assert article.title == "Rebels and talks"
    assert article.published == "2021-09-06"


def test_read_bad_published_date_is_an_input_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH)
    result = _one(path, meta=ArticleMeta(published="6 Sept"))
    assert isinstance(result, InputError) and result.code == "E011"
