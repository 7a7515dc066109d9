"""Where articles come from, beyond one file: folders (recursive), RSS/Atom feeds (a file or a URL), WARC archives.

`iter_articles(paths)` yields `Article` or `InputError` for every input it finds, in a stable order (folders
sorted), and never raises for bad input. Single files are read by `ingest/read.py`; a feed's entries become
articles through their linked pages (fetched and extracted by trafilatura) or, when a page cannot be fetched,
through the content the feed itself carries.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsledger.errors import Errors, InputError
from newsledger.ingest.read import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    ArticleMeta,
    ReadResult,
    guarded,
    not_a_file_reason,
    read_bytes,
    read_limited,
    read_path,
    source_name,
)

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = (".warc", ".warc.gz")
Fetcher = Callable[[str], str | None]


def is_url(text: str) -> bool:
    return re.match(r"^https?://", text, re.IGNORECASE) is not None


def fetch_page(url: str) -> str | None:
    """Download a page with trafilatura (its own timeouts and size limits); None when it cannot."""
    import trafilatura

    try:
        return trafilatura.fetch_url(url)
    except Exception:  # noqa: BLE001 - any network failure means: use what the feed carries
        return None


def iter_articles(
    paths: Iterable[str | Path],
    *,
    meta: ArticleMeta = ArticleMeta(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: Fetcher | None = fetch_page,
) -> Iterator[ReadResult]:
    """Every article under the given paths: files, folders, feed files or feed URLs, WARC files.
    `fetch=None` never touches the network (feed entries then use the content the feed carries)."""
    for raw in paths:
        text = os.fspath(raw)
        if is_url(text):
            yield from guarded(text, read_feed_url(text, meta=meta, max_bytes=max_bytes, fetch=fetch))
            continue
        path = Path(text)
        if path.is_dir():
            for child in walk_folder(path):
                if isinstance(child, InputError):
                    yield child
                    continue
                yield from guarded(
                    source_name(child), read_source_file(child, meta=meta, max_bytes=max_bytes, fetch=fetch)
                )
        elif path.is_file():
            yield from guarded(source_name(path), read_source_file(path, meta=meta, max_bytes=max_bytes, fetch=fetch))
        else:
            yield InputError(source_name(text), Errors.E010.format(reason=not_a_file_reason(path)))


def estimate_count(paths: Iterable[str | Path]) -> int:
    """About how many inputs `iter_articles` will yield (exact for text, HTML, JSON and JSONL files; one per
    feed, WARC file or URL), read cheaply so that a progress bar can show an ETA without holding every
    article in memory."""
    total = 0
    for raw in paths:
        text = os.fspath(raw)
        path = Path(text)
        files = [] if is_url(text) else list(walk_folder(path)) if path.is_dir() else [path] if path.is_file() else []
        if not files:
            total += 1
        for file in files:
            if isinstance(file, Path) and file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += max(1, sum(1 for line in handle if line.strip()))
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def walk_folder(folder: Path) -> Iterator[Path | InputError]:
    """Every regular file under `folder`, in sorted order, skipping hidden files and folders (editor backups,
    .git), and a rejection for everything else it meets: a subfolder it cannot list, a FIFO, socket or device,
    a dangling link, a link loop, a link out of the folder (a shared drop folder must not expose the rest of
    the disk). Links to files and folders inside it are followed."""
    root = folder.resolve()
    yield from _walk(folder, root=root, ancestors=(root,))


def _walk(folder: Path, *, root: Path, ancestors: tuple[Path, ...]) -> Iterator[Path | InputError]:
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing)
    except OSError as exc:
        yield InputError(source_name(folder), Errors.E010.format(reason=f"cannot list the folder: {exc.strerror}"))
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        try:
            target = path.resolve(strict=True)
            mode = path.stat().st_mode
        except (OSError, RuntimeError):
            yield InputError(source_name(path), Errors.E010.format(reason=not_a_file_reason(path)))
            continue
        if not target.is_relative_to(root):
            yield InputError(source_name(path), Errors.E015)
        elif stat.S_ISDIR(mode):
            if target in ancestors:  # a link to a folder that holds it: following it would never end
                yield InputError(source_name(path), Errors.E010.format(reason="link loop"))
            else:
                yield from _walk(path, root=root, ancestors=(*ancestors, target))
        elif stat.S_ISREG(mode):
            yield path
        else:
            yield InputError(source_name(path), Errors.E010.format(reason=not_a_file_reason(path)))


def read_source_file(
    path: Path, *, meta: ArticleMeta = ArticleMeta(), max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None
) -> Iterator[ReadResult]:
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, meta=meta, max_bytes=max_bytes)
        return
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES or (suffix not in SUPPORTED_SUFFIXES and _looks_like_feed(path)):
        source = source_name(path)
        try:
            data = read_limited(path, source=source, max_bytes=max_bytes)  # the size is checked before reading
        except InputError as exc:
            yield exc
            return
        except OSError as exc:
            yield InputError(source, Errors.E010.format(reason=exc.strerror or type(exc).__name__))
            return
        yield from read_feed(data, source=source, meta=meta, max_bytes=max_bytes, fetch=fetch)
        return
    yield from read_path(path, meta=meta, max_bytes=max_bytes)


def _looks_like_feed(path: Path) -> bool:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # opening a FIFO would wait for a writer
        with path.open("rb") as handle:
            head = handle.read(2048).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


# --- feeds -----------------------------------------------------------------------------------------


def read_feed_url(
    url: str, *, meta: ArticleMeta = ArticleMeta(), max_bytes: int = DEFAULT_MAX_BYTES, fetch: Fetcher | None = None
) -> Iterator[ReadResult]:
    if fetch is None:
        yield InputError(url, Errors.E010.format(reason="fetching from the network is disabled"))
        return
    body = fetch(url)
    if not body:
        yield InputError(url, Errors.E010.format(reason="cannot download the feed"))
        return
    yield from read_feed(body.encode("utf-8"), source=url, meta=meta, max_bytes=max_bytes, fetch=fetch)


def read_feed(
    data: bytes,
    *,
    source: str,
    meta: ArticleMeta = ArticleMeta(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: Fetcher | None = None,
) -> Iterator[ReadResult]:
    """One article per feed entry: the linked page when it can be fetched, else the entry's own content."""
    import feedparser

    if len(data) > max_bytes:
        yield InputError(source, Errors.E002.format(size=len(data), limit=max_bytes))
        return
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser fails in many ways (a surrogate &#55296; in a title)
        yield InputError(source, Errors.E013.format(reason=f"{type(exc).__name__}: {str(exc)[:160]}"))
        return
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")
        yield InputError(source, Errors.E013.format(reason=reason[:200]))
        return
    outlet = meta.outlet or parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        yield from read_feed_entry(
            entry, index, source=source, outlet=outlet, meta=meta, max_bytes=max_bytes, fetch=fetch
        )


def read_feed_entry(
    entry: Any,
    index: int,
    *,
    source: str,
    outlet: str | None,
    meta: ArticleMeta = ArticleMeta(),
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: Fetcher | None = None,
) -> Iterator[ReadResult]:
    """The article(s) of one parsed feed entry (`newsledger watch` reads new entries one at a time)."""
    link = entry.get("link") or None
    entry_source = f"{source}#{link or index}"
    entry_meta = ArticleMeta(
        url=link or meta.url,
        outlet=outlet,
        title=entry.get("title") or meta.title,
        published=meta.published or _entry_date(entry),
    )
    page = fetch(link) if (fetch is not None and link) else None
    if page and len(page) > max_bytes:
        yield InputError(entry_source, Errors.E016.format(part="the linked page", limit=max_bytes))
        return
    if page:
        results = list(
            read_bytes(page.encode("utf-8"), source=entry_source, suffix=".html", meta=entry_meta, max_bytes=max_bytes)
        )
        if any(not isinstance(r, InputError) for r in results):
            yield from results
            return
    content = _entry_content(entry)
    if not content:
        yield InputError(entry_source, Errors.E013.format(reason="entry has no content and its page was not fetched"))
        return
    yield from read_bytes(
        content.encode("utf-8"), source=entry_source, suffix=".html", meta=entry_meta, max_bytes=max_bytes
    )


def _entry_content(entry: Any) -> str | None:
    for item in entry.get("content") or []:
        value = item.get("value")
        if value and value.strip():
            return _as_html(str(value))
    summary = entry.get("summary")
    return _as_html(str(summary)) if summary and summary.strip() else None


def _as_html(fragment: str) -> str:
    # trafilatura wants a page; a feed's content is a fragment, so it gets a minimal document around it.
    return f"<html><body><article>{fragment}</article></body></html>"


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None


# --- WARC ------------------------------------------------------------------------------------------


def read_warc(
    path: Path, *, meta: ArticleMeta = ArticleMeta(), max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ReadResult]:
    """One article per HTML `response` record (or `resource` record) of a WARC file (.warc or .warc.gz)."""
    from warcio.archiveiterator import ArchiveIterator

    source = source_name(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            yield InputError(source, Errors.E010.format(reason=not_a_file_reason(path)))
            return
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(source, Errors.E010.format(reason=exc.strerror or type(exc).__name__))
        return
    with handle:
        index = 0
        yielded = 0
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type not in ("response", "resource"):
                    continue
                index += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {index}"
                record_source = f"{source}#{uri}"
                content_type = ""
                if record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        continue  # redirects and errors carry no article
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if content_type and not any(kind in content_type.lower() for kind in ("html", "text/plain")):
                    continue  # images, scripts and style sheets are not articles
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) > max_bytes:  # only the limit was read: the record's own size is in its header
                    declared = record.rec_headers.get_header("Content-Length") or "unknown"
                    yielded += 1
                    part = f"WARC record (Content-Length {declared})"
                    yield InputError(record_source, Errors.E016.format(part=part, limit=max_bytes))
                    continue
                missing = getattr(record.raw_stream, "limit", 0)
                if len(payload) <= max_bytes and missing > 0:  # the archive ends inside this record
                    yielded += 1
                    yield InputError(
                        record_source, Errors.E014.format(reason=f"record cut short ({missing} bytes missing)")
                    )
                    continue
                warc_date = record.rec_headers.get_header("WARC-Date")
                record_meta = ArticleMeta(
                    url=meta.url or (uri if is_url(uri) else None),
                    outlet=meta.outlet,
                    title=meta.title,
                    published=meta.published or (warc_date[:10] if warc_date else None),
                )
                suffix = ".txt" if "text/plain" in content_type.lower() else ".html"
                for result in read_bytes(
                    payload, source=record_source, suffix=suffix, meta=record_meta, max_bytes=max_bytes
                ):
                    yielded += 1
                    yield result
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds (even AttributeError) on broken files
            reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            yielded += 1
            yield InputError(source, Errors.E014.format(reason=reason))
        if not yielded:  # an empty or non-WARC file, or one with no page in it: reported, never silently dropped
            yield InputError(source, Errors.E014.format(reason="no HTML or text records found"))
