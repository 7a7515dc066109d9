"""What a watched source holds now: a feed URL (fetched with its ETag and Last-Modified, so an unchanged feed is a
304), a feed file, or a folder that files are dropped into. A poll lists the source's items, each with a key that
stays the same between polls and a way to read its articles; only the items not seen before are read."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsledger.errors import InputError
from newsledger.ingest.read import DEFAULT_MAX_BYTES, ArticleMeta, ReadResult
from newsledger.ingest.sources import FEED_SUFFIXES, is_url, read_feed_entry, read_source_file

if TYPE_CHECKING:
    import httpx

Reader = Callable[[], list[ReadResult]]


class SourceError(Exception):
    """The source could not be polled this time (network, HTTP status, a feed that does not parse)."""


@dataclass(frozen=True)
class Item:
    identity: str  # the entry's id or link, or a file's path, size and modification time
    read: Reader

    @property
    def key(self) -> str:
        return hashlib.sha256(self.identity.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Poll:
    changed: bool  # False: the source answered "not modified" (HTTP 304, the same file)
    items: list[Item] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None


def kind_of(source: str) -> str:
    if is_url(source):
        return "feed-url"
    path = Path(source)
    if path.is_dir():
        return "folder"
    return "feed-file"


def poll_source(
    source: str,
    *,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_pages: bool = True,
    settle_seconds: float = 2.0,
) -> Poll:
    kind = kind_of(source)
    if kind == "feed-url":
        return _poll_feed_url(
            source, etag=etag, last_modified=last_modified, client=client, max_bytes=max_bytes, fetch_pages=fetch_pages
        )
    if kind == "folder":
        return _poll_folder(Path(source), max_bytes=max_bytes, settle_seconds=settle_seconds)
    return _poll_feed_file(Path(source), last_modified=last_modified, client=client, max_bytes=max_bytes)


def _poll_feed_url(
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    max_bytes: int,
    fetch_pages: bool,
) -> Poll:
    import httpx

    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Poll(changed=False, etag=etag, last_modified=last_modified)
            if response.status_code != 200:
                raise SourceError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise SourceError(f"the feed is over {max_bytes} bytes")
            new_etag = response.headers.get("etag")
            new_modified = response.headers.get("last-modified")
    except httpx.HTTPError as exc:
        raise SourceError(f"{type(exc).__name__}: {exc}"[:300]) from None

    def fetch(link: str) -> str | None:
        return _fetch_page(client, link, max_bytes=max_bytes) if fetch_pages else None

    return Poll(
        changed=True,
        items=_feed_items(bytes(body), source=url, fetch=fetch, max_bytes=max_bytes),
        etag=new_etag,
        last_modified=new_modified,
    )


def _poll_feed_file(path: Path, *, last_modified: str | None, client: httpx.Client, max_bytes: int) -> Poll:
    try:
        stat = path.stat()
    except OSError as exc:
        raise SourceError(exc.strerror or type(exc).__name__) from None
    stamp = f"{stat.st_mtime_ns}:{stat.st_size}"
    if stamp == last_modified:
        return Poll(changed=False, last_modified=stamp)
    if stat.st_size > max_bytes:
        raise SourceError(f"the feed is over {max_bytes} bytes")
    if path.suffix.lower() not in FEED_SUFFIXES and not _looks_like_feed(path):
        raise SourceError("not a feed (RSS or Atom) nor a folder")
    data = path.read_bytes()
    return Poll(
        changed=True,
        items=_feed_items(data, source=str(path), fetch=lambda link: None, max_bytes=max_bytes),
        last_modified=stamp,
    )


def _looks_like_feed(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _feed_items(data: bytes, *, source: str, fetch: Callable[[str], str | None], max_bytes: int) -> list[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and parsed.get("bozo"):
        raise SourceError(f"not a feed: {parsed.get('bozo_exception')}"[:300])
    outlet = parsed.feed.get("title") or None
    items = []
    for index, entry in enumerate(parsed.entries):
        identity = entry.get("id") or entry.get("link") or _content_identity(entry)
        items.append(Item(identity=str(identity), read=_entry_reader(entry, index, source, outlet, fetch, max_bytes)))
    return items


def _content_identity(entry: Any) -> str:
    # An entry with neither id nor link is known by what it says.
    body = "\x1f".join(str(entry.get(key) or "") for key in ("title", "summary", "published"))
    return "content:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def _entry_reader(
    entry: Any, index: int, source: str, outlet: str | None, fetch: Callable[[str], str | None], max_bytes: int
) -> Reader:
    def read() -> list[ReadResult]:
        return list(
            read_feed_entry(
                entry, index, source=source, outlet=outlet, meta=ArticleMeta(), max_bytes=max_bytes, fetch=fetch
            )
        )

    return read


def _fetch_page(client: httpx.Client, url: str, *, max_bytes: int) -> str | None:
    """A linked page, or None (the entry's own content is used then)."""
    import httpx

    try:
        response = client.get(url)
    except httpx.HTTPError:
        return None
    if response.status_code != 200 or len(response.content) > max_bytes:
        return None
    return response.text


def _poll_folder(folder: Path, *, max_bytes: int, settle_seconds: float) -> Poll:
    """Files dropped into a folder. A file changed in the last `settle_seconds` may still be being written: it
    waits for the next poll (writers that rename a finished file into place are never read half-written)."""
    from newsledger.ingest.sources import walk_folder

    if not folder.is_dir():
        raise SourceError("the folder is gone")
    root = folder.resolve()
    now = time.time()
    items = []
    for path in walk_folder(folder):
        if isinstance(path, InputError):
            # A FIFO, a dangling link, an unlistable subfolder…: recorded as a rejection once, like a bad file.
            items.append(Item(identity=f"rejected|{path}", read=_rejection(path)))
            continue
        try:
            stat = path.stat()
        except OSError:
            continue  # removed between listing and looking: nothing to read
        if now - stat.st_mtime < settle_seconds:
            continue
        relative = path.relative_to(folder)
        identity = f"{relative}|{stat.st_size}|{stat.st_mtime_ns}"
        items.append(Item(identity=identity, read=_file_reader(path, root, max_bytes)))
    return Poll(changed=True, items=items)


def _rejection(error: InputError) -> Reader:
    def read() -> list[ReadResult]:
        return [error]

    return read


def _file_reader(path: Path, root: Path, max_bytes: int) -> Reader:
    def read() -> list[ReadResult]:
        from newsledger.errors import Errors

        if not path.resolve().is_relative_to(root):
            return [InputError(str(path), Errors.E015)]
        return list(read_source_file(path, max_bytes=max_bytes))

    return read
