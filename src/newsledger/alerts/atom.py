"""An Atom 1.0 feed (RFC 4287) of a saved search's matches, newest first. Entry ids are stable across runs and
servers (the article's sha256 and the event's id in it), so a feed reader shows each match once."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree

ATOM = "http://www.w3.org/2005/Atom"


def event_entry_id(event: dict[str, Any]) -> str:
    return f"urn:newsledger:event:{event['article_id']}:{event['id']}"


def event_title(event: dict[str, Any]) -> str:
    where = event.get("location") or event.get("country") or "unknown place"
    when = event.get("event_date") or "undated"
    figure = f", {event['fatalities']} dead" if event.get("fatalities") is not None else ""
    return f"{event.get('type') or 'EVENT'} at {where}, {when}{figure} ({event.get('outlet') or 'unknown outlet'})"


def atom_feed(
    search: dict[str, Any], events: list[dict[str, Any]], *, base_url: str, updated: dt.datetime | None = None
) -> bytes:
    """The feed document: `search` needs slug and name; `events` are event rows as the store gives them."""
    ElementTree.register_namespace("", ATOM)
    base = base_url.rstrip("/")
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"{base}/alerts/{search['slug']}")
    _text(feed, "title", f"newsledger: {search['name']}")
    stamp = updated or _newest(events) or dt.datetime.now(dt.UTC)
    _text(feed, "updated", _iso(stamp))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/alerts/{search['slug']}?format=atom")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/alerts/{search['slug']}")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "newsledger")
    for event in events:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", event_entry_id(event))
        _text(entry, "title", event_title(event))
        _text(entry, "updated", _iso(_event_time(event) or stamp))
        ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/events/{event['pk']}")
        summary = event.get("sentence") or event.get("trigger_text") or ""
        _text(entry, "summary", str(summary))
        for key in ("type", "status"):
            if event.get(key):
                ElementTree.SubElement(entry, f"{{{ATOM}}}category", term=str(event[key]))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="utf-8")


def _text(parent: ElementTree.Element, name: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{name}").text = _xml_safe(value)


def _xml_safe(value: str) -> str:
    # Control characters are not allowed in XML 1.0 even escaped; article text may carry them.
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)


def _event_time(event: dict[str, Any]) -> dt.datetime | None:
    value = event.get("ingested_at") or event.get("published")
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.datetime.fromisoformat(value[:10]).replace(tzinfo=dt.UTC)
        except ValueError:
            return None
    return None


def _newest(events: list[dict[str, Any]]) -> dt.datetime | None:
    times = [t for t in (_event_time(e) for e in events) if t is not None]
    return max(times) if times else None


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
