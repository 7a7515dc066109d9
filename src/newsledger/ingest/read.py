"""Reading articles from files: .txt, .html, .json, .jsonl.

Every reader yields `Article` or `InputError`, never raises for bad input, so a run over many inputs reports
each bad one (by name, with a reason) and goes on. Nothing here knows about spaCy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.errors import Errors, InputError
from newsledger.ingest.language import guess_language
from newsledger.model import Article, normalize_text

DEFAULT_MAX_BYTES = 20_000_000  # a news article is rarely over 1 MB; 20 MB leaves room for HTML pages
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

ReadResult = Article | InputError


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata supplied from outside the text (command line, feed, crawler); the file's own wins."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


def parse_published(value: str | None, source: str) -> str | None:
    """Accept YYYY-MM-DD or an ISO datetime; keep the date part (events are dated by day)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        # Escaped and cut short: the error is printed on one line, whatever the file put in the field.
        shown = json.dumps(text[:60], ensure_ascii=False)[1:-1]
        raise InputError(source, Errors.E011.format(value=shown)) from None


def read_path(
    path: Path, *, meta: ArticleMeta = ArticleMeta(), max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ReadResult]:
    """Read one file and yield its articles (one for .txt/.html/.json, one per line for .jsonl)."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputError(source, Errors.E009.format(suffix=suffix or "(none)"))
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(source, Errors.E002.format(size=size, limit=max_bytes))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, Errors.E010.format(reason=exc.strerror or exc.__class__.__name__))
        return
    yield from read_bytes(data, source=source, suffix=suffix, meta=meta, max_bytes=max_bytes)


def read_bytes(
    data: bytes,
    *,
    source: str,
    suffix: str,
    meta: ArticleMeta = ArticleMeta(),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read raw bytes as the given kind of input (`suffix` as in a file name: '.txt', '.jsonl', ...)."""
    try:
        if len(data) > max_bytes:
            raise InputError(source, Errors.E002.format(size=len(data), limit=max_bytes))
        if not data.strip():
            raise InputError(source, Errors.E001)
        text = decode_bytes(data, source)
        if not text.strip():  # only a byte-order mark, or whitespace in UTF-16
            raise InputError(source, Errors.E001)
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(text, source=source, meta=meta)
            return
        if suffix in JSON_SUFFIXES:
            yield from _read_json(text, source=source, meta=meta)
            return
        if suffix in HTML_SUFFIXES:
            yield _article_from_html(text, source=source, meta=meta)
            return
        yield make_article(text, source=source, meta=meta)
    except InputError as exc:
        yield exc


def decode_bytes(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) first; otherwise the charset detector's best guess, if it is confident."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, Errors.E004.format(reason=str(exc))) from None
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(source, Errors.E003.format(reason="contains NUL bytes"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_with_detector(data, source)
    _reject_control_heavy(text, source)
    return text


def _decode_with_detector(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, Errors.E004.format(reason="not UTF-8 and no other encoding fits"))
    if best.chaos > 0.2:  # the detector itself thinks the result is mostly noise
        raise InputError(source, Errors.E004.format(reason=f"not UTF-8; best guess {best.encoding} reads as noise"))
    if best.encoding in _LATIN_CODE_PAGES:
        # The Latin code pages differ only in a few letters, so a detector confuses them on short texts
        # ("Peña" read as "Peńa" in a Central European page); an English report in a legacy encoding is
        # nearly always Windows-1252 / Latin-1, so that reading wins whenever the bytes allow it.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


_LATIN_CODE_PAGES = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "mac_latin2",
    "mac_roman",
    "mac_iceland",
}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _reject_control_heavy(text: str, source: str) -> None:
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise InputError(source, Errors.E003.format(reason=f"{controls} control characters in the first {len(sample)}"))


def make_article(text: str, *, source: str, meta: ArticleMeta, language_check: bool = True) -> Article:
    """Normalize the text, check it is English prose, and attach metadata."""
    normalized = normalize_text(text).strip("\n\ufeff")
    normalized = _CONTROL.sub(" ", normalized)
    if not re.search(r"\w{2,}", normalized):
        raise InputError(source, Errors.E012)
    language = guess_language(normalized)
    if language_check and language != "en":
        raise InputError(source, Errors.E008.format(language=language))
    return Article.from_text(
        normalized,
        url=meta.url,
        outlet=meta.outlet,
        title=meta.title,
        published=parse_published(meta.published, source),
        language="en",
        source=source,
    )


def _article_from_html(html: str, *, source: str, meta: ArticleMeta) -> Article:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml raise many kinds on broken markup
        raise InputError(source, Errors.E007 + f" ({exc.__class__.__name__})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(source, Errors.E007)
    found_title = getattr(document, "title", None)
    found_date = getattr(document, "date", None)
    found_url = getattr(document, "url", None)
    found_outlet = getattr(document, "sitename", None)
    merged = ArticleMeta(
        url=meta.url or found_url,
        outlet=meta.outlet or found_outlet,
        title=meta.title or found_title,
        published=meta.published or found_date,
    )
    return make_article(text, source=source, meta=merged)


def _record_to_article(record: Any, *, source: str, meta: ArticleMeta) -> Article:
    if not isinstance(record, dict):
        raise InputError(source, Errors.E005.format(reason=f"expected an object, got {type(record).__name__}"))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, Errors.E006)

    def pick(key: str, fallback: str | None) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else fallback

    merged = ArticleMeta(
        url=pick("url", meta.url),
        outlet=pick("outlet", meta.outlet),
        title=pick("title", meta.title),
        published=pick("published", meta.published),
    )
    return make_article(text, source=source, meta=merged)


def _read_json(text: str, *, source: str, meta: ArticleMeta) -> Iterator[ReadResult]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(source, Errors.E005.format(reason=f"{exc.msg} at line {exc.lineno} column {exc.colno}"))
        return
    records = record if isinstance(record, list) else [record]
    for index, item in enumerate(records):
        item_source = source if len(records) == 1 else f"{source}[{index}]"
        try:
            yield _record_to_article(item, source=item_source, meta=meta)
        except InputError as exc:
            yield exc


def _read_jsonl(text: str, *, source: str, meta: ArticleMeta) -> Iterator[ReadResult]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(line_source, Errors.E005.format(reason=f"{exc.msg} at column {exc.colno}"))
            continue
        try:
            yield _record_to_article(record, source=line_source, meta=meta)
        except InputError as exc:
            yield exc
