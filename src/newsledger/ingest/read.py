"""Reading articles from files: .txt, .html, .json, .jsonl.

Every reader yields `Article` or `InputError`, never raises for bad input, so a run over many inputs reports
each bad one (by name, with a reason) and goes on. Nothing here knows about spaCy.
"""

from __future__ import annotations

import codecs
import datetime as dt
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.deadline import OverTimeBudget, time_budget
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


def source_name(path: Path | str) -> str:
    """The name an input is reported and stored under: a file name that is not valid UTF-8 (bytes the file
    system keeps as they are) shows its odd bytes as `\\xe9`, so it can be printed and stored anywhere."""
    text = os.fspath(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


# Seconds a reader may spend on one article of an input (a page, a feed entry, a WARC record) before the input
# is rejected: trafilatura took minutes on one tag with 200,000 attributes. Main thread only (newsledger.deadline).
READ_TIME_BUDGET = 60.0


def guarded(source: str, results: Iterator[ReadResult], *, seconds: float | None = None) -> Iterator[ReadResult]:
    """The one guard around reading an input: whatever a reader or the libraries under it raise, or a reader
    that runs past the time budget for one article, becomes the rejection of that input alone, so the inputs
    after it are still read. The time is counted while the reader works, not while its caller does."""
    seconds = READ_TIME_BUDGET if seconds is None else seconds
    while True:
        try:
            with time_budget(seconds):
                result = next(results)
        except StopIteration:
            return
        except OverTimeBudget:
            yield InputError(source, Errors.E019.format(seconds=seconds))
            return
        except InputError as exc:
            yield exc
            return
        except Exception as exc:  # noqa: BLE001 - any failure while reading one input is that input's rejection
            yield InputError(source, Errors.E017.format(error=type(exc).__name__, reason=_one_line(str(exc))))
            return
        yield result


def _one_line(text: str, limit: int = 200) -> str:
    return json.dumps(text[:limit], ensure_ascii=False)[1:-1]


def not_a_file_reason(path: Path) -> str:
    """Why `path` cannot be read as a file: missing, a dangling link, a link loop, a FIFO, a device..."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "no such file or folder"
    if stat.S_ISLNK(mode):
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return "link loop"
        except OSError as exc:
            if exc.errno == 40:  # ELOOP
                return "link loop"
            return "broken link (its target does not exist)"
        mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "not a regular file (a FIFO)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def read_path(
    path: Path, *, meta: ArticleMeta = ArticleMeta(), max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ReadResult]:
    """Read one file and yield its articles (one for .txt/.html/.json, one per line for .jsonl)."""
    source = source_name(path)
    yield from guarded(source, _read_path(path, source=source, meta=meta, max_bytes=max_bytes))


def _read_path(path: Path, *, source: str, meta: ArticleMeta, max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputError(source, Errors.E009.format(suffix=_one_line(suffix, 20) or "(none)"))
        return
    try:
        data = read_limited(path, source=source, max_bytes=max_bytes)
    except OSError as exc:
        yield InputError(source, Errors.E010.format(reason=exc.strerror or exc.__class__.__name__))
        return
    yield from read_bytes(data, source=source, suffix=suffix, meta=meta, max_bytes=max_bytes)


def read_limited(path: Path, *, source: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; a FIFO or device is refused before it is opened
    (reading one would wait forever), and a huge file before it is read."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise InputError(source, Errors.E010.format(reason=not_a_file_reason(path)))
    if status.st_size > max_bytes:
        raise InputError(source, Errors.E002.format(size=status.st_size, limit=max_bytes))
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we read it
        raise InputError(source, Errors.E002.format(size=len(data), limit=max_bytes))
    return data


def read_bytes(
    data: bytes,
    *,
    source: str,
    suffix: str,
    meta: ArticleMeta = ArticleMeta(),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read raw bytes as the given kind of input (`suffix` as in a file name: '.txt', '.jsonl', ...)."""
    yield from guarded(source, _read_bytes(data, source=source, suffix=suffix, meta=meta, max_bytes=max_bytes))


def _read_bytes(data: bytes, *, source: str, suffix: str, meta: ArticleMeta, max_bytes: int) -> Iterator[ReadResult]:
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
    """A byte-order mark's encoding (UTF-8, UTF-16, UTF-32); UTF-16 or UTF-32 without one; UTF-8; otherwise the
    charset detector's best guess, if it is confident."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # UTF-32-LE's mark begins with UTF-16-LE's, so it is looked for first.
    for mark, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(source, Errors.E004.format(reason=str(exc))) from None
    sample = data[:65536]
    unmarked = _utf32_without_bom(sample) or _utf16_without_bom(sample)
    if unmarked is not None:
        try:
            return data.decode(unmarked)
        except UnicodeDecodeError as exc:
            raise InputError(source, Errors.E004.format(reason=str(exc))) from None
    if b"\x00" in sample:
        raise InputError(source, Errors.E003.format(reason="contains NUL bytes"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_mixed(data) or _decode_with_detector(data, source)
    _reject_control_heavy(text, source)
    return text


def _utf32_without_bom(sample: bytes) -> str | None:
    """'utf-32-le' or 'utf-32-be' for text saved as UTF-32 with no byte-order mark: every code point is four
    bytes, the highest always 0 and the next at most 0x10, and no character is NUL."""
    if len(sample) < 16:
        return None
    sample = sample[: len(sample) - len(sample) % 4]
    units = [sample[i : i + 4] for i in range(0, len(sample), 4)]
    if all(u[3] == 0 and u[2] <= 0x10 and any(u[:3]) for u in units):
        return "utf-32-le"
    if all(u[0] == 0 and u[1] <= 0x10 and any(u[1:]) for u in units):
        return "utf-32-be"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text saved as UTF-16 with no byte-order mark (Latin text then has a NUL in
    nearly every other byte, always on the same side), else None; binary data has NULs on both sides."""
    if len(sample) < 16 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * half and others.count(0) == 0:
            return codec
    return None


def _legacy_byte(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start : error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return byte.decode("latin-1"), error.start + 1


codecs.register_error("newsledger-legacy-byte", _legacy_byte)


def _decode_mixed(data: bytes) -> str | None:
    """A file that is UTF-8 with some Windows-1252 / Latin-1 bytes in it (text pasted together from two
    sources): every valid UTF-8 sequence is read as UTF-8 and only the bytes that are not UTF-8 as Windows-1252,
    so "Peña" stays "Peña" and "caf\xe9" becomes "café". None when the file holds no valid multi-byte UTF-8
    sequence at all, i.e. it is in one legacy encoding throughout (the detector reads those)."""
    if not _has_utf8_multibyte(data):
        return None
    return data.decode("utf-8", "newsledger-legacy-byte")


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_multibyte(data: bytes) -> bool:
    for match in _UTF8_MULTIBYTE.finditer(data):
        try:
            match.group().decode("utf-8")
        except UnicodeDecodeError:  # an over-long or surrogate form the pattern lets through
            continue
        return True
    return False


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


# C0 controls but tab and line breaks, DEL, and the C1 controls (what undefined legacy bytes decode to).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _reject_control_heavy(text: str, source: str) -> None:
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.01:
        raise InputError(source, Errors.E003.format(reason=f"{controls} control characters in the first {len(sample)}"))


def make_article(text: str, *, source: str, meta: ArticleMeta, language_check: bool = True) -> Article:
    """Normalize the text, check it is English prose, and attach metadata."""
    _reject_invalid_text("text", text, source, controls=False)
    for name in ("url", "outlet", "title", "published"):
        value = getattr(meta, name)
        if value is not None:
            _reject_invalid_text(name, value, source, controls=True)
            limit = METADATA_MAX_CHARS.get(name)
            if limit is not None and len(value) > limit:
                raise InputError(source, Errors.E020.format(field=name, chars=len(value), limit=limit))
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


# The widths the store gives these fields (PostgreSQL refuses a longer value; SQLite would keep it).
METADATA_MAX_CHARS = {"outlet": 200}
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_METADATA_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _reject_invalid_text(field: str, value: str, source: str, *, controls: bool) -> None:
    """Text that is not Unicode (a lone surrogate, which JSON's \\ud800 can carry) cannot be encoded, hashed or
    stored anywhere; a control character in a metadata field (a NUL in a title) is refused by PostgreSQL and
    is never meant. Both reject the input, naming the field, rather than fail later at the store."""
    found = _SURROGATE.search(value) or (_METADATA_CONTROL.search(value) if controls else None)
    if found is not None:
        kind = "a lone surrogate" if _SURROGATE.match(found.group()) else "a control character"
        reason = f"{kind} U+{ord(found.group()):04X} at character {found.start()}"
        raise InputError(source, Errors.E018.format(field=field, reason=reason))


# libxml2's HTML parser checks each attribute of a tag against the ones before it, so one tag with 200,000
# attributes took minutes inside C code, where no Python timer can stop it. No page needs a thousand.
MAX_ATTRIBUTES_PER_TAG = 1000
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{4000,}")


# trafilatura and lxml hold the whole tree several times over: a page of a million tiny elements took 60 s and
# 950 MB before the time budget stopped it. A news page has a few thousand; large ones with inline SVG, tens.
MAX_TAGS_PER_PAGE = 100_000
_TAG_START = re.compile(r"<[A-Za-z]")


def _reject_pathological_markup(html: str, source: str) -> None:
    tags = sum(1 for _ in itertools.islice(_TAG_START.finditer(html), MAX_TAGS_PER_PAGE + 1))
    if tags > MAX_TAGS_PER_PAGE:
        raise InputError(source, Errors.E007 + f" (over {MAX_TAGS_PER_PAGE} tags; a page is read only below that)")
    for match in _LONG_TAG.finditer(html):
        attributes = match.group().count("=")
        if attributes > MAX_ATTRIBUTES_PER_TAG:
            reason = f"a tag with about {attributes} attributes (at most {MAX_ATTRIBUTES_PER_TAG} are read)"
            raise InputError(source, Errors.E007 + f" ({reason})")


def _article_from_html(html: str, *, source: str, meta: ArticleMeta) -> Article:
    import trafilatura

    _reject_pathological_markup(html, source)

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
        if value is None or value == "":
            return fallback
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):  # a year, a numeric id: written as it reads
            return str(value)
        # A list, an object, a float or true/false would be stored as Python's text of it ("{'a': 1}", "nan").
        raise InputError(source, Errors.E021.format(field=key, kind=_json_kind(value)))

    merged = ArticleMeta(
        url=pick("url", meta.url),
        outlet=pick("outlet", meta.outlet),
        title=pick("title", meta.title),
        published=pick("published", meta.published),
    )
    return make_article(text, source=source, meta=merged)


def _json_kind(value: Any) -> str:
    kinds = {bool: "true/false", int: "number", float: "number", list: "list", dict: "object"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), type(value).__name__)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            # Readers disagree on which of two values wins (Python's json the last, others the first): refused.
            raise ValueError(f"the key {_one_line(key, 40)!r} appears twice in one object")
        found[key] = value
    return found


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _parse_json(text: str) -> Any:
    """json.loads, strict where Python's is lenient (a key twice in one object; NaN and Infinity), and with the
    ways it fails besides a syntax error (nesting deeper than the interpreter's stack, an integer of more digits
    than Python converts) as ValueErrors of that input."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_not_json)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _read_json(text: str, *, source: str, meta: ArticleMeta) -> Iterator[ReadResult]:
    try:
        record = _parse_json(text)
    except json.JSONDecodeError as exc:
        yield InputError(source, Errors.E005.format(reason=f"{exc.msg} at line {exc.lineno} column {exc.colno}"))
        return
    except ValueError as exc:
        yield InputError(source, Errors.E005.format(reason=_one_line(str(exc))))
        return
    records = record if isinstance(record, list) else [record]
    for index, item in enumerate(records):
        item_source = source if len(records) == 1 else f"{source}[{index}]"
        try:
            yield _record_to_article(item, source=item_source, meta=meta)
        except InputError as exc:
            yield exc


def _read_jsonl(text: str, *, source: str, meta: ArticleMeta) -> Iterator[ReadResult]:
    # Lines end at \n only: str.splitlines() would also cut at U+2028, U+0085 and \x1c-\x1e, which JSON strings
    # may hold raw, breaking a good record in two.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{lineno}"
        try:
            record = _parse_json(line)
        except json.JSONDecodeError as exc:
            yield InputError(line_source, Errors.E005.format(reason=f"{exc.msg} at column {exc.colno}"))
            continue
        except ValueError as exc:
            yield InputError(line_source, Errors.E005.format(reason=_one_line(str(exc))))
            continue
        try:
            yield _record_to_article(record, source=line_source, meta=meta)
        except InputError as exc:
            yield exc
