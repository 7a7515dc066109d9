"""The article view's highlighted text, built server-side from character spans.

Spans overlap (a quote holds entities, a claim's evidence holds an event's trigger), so the text is cut at every
span boundary and each piece is wrapped once with all the spans covering it. Every piece of article text goes
through `escape`, so nothing in an article can become markup."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

KINDS = ("entity", "place", "time", "quote", "event", "claim")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    ref: str  # "kind:id", the key of the record in the page's records table


def record_spans(record: dict[str, Any]) -> list[Span]:
    """Every highlighted span of a public record (the `extract --format json` object)."""
    spans: list[Span] = []
    for entity in record.get("entities", []):
        spans += [Span(m["start"], m["end"], "entity", f"entity:{entity['id']}") for m in entity.get("mentions", [])]
    for place in record.get("places", []):
        spans += [Span(m["start"], m["end"], "place", f"place:{place['id']}") for m in place.get("mentions", [])]
    for time in record.get("times", []):
        spans.append(Span(time["start"], time["end"], "time", f"time:{time['id']}"))
    for quote in record.get("quotes", []):
        spans.append(Span(quote["start"], quote["end"], "quote", f"quote:{quote['id']}"))
    for event in record.get("events", []):
        trigger = event.get("trigger") or {}
        if "start" in trigger:
            spans.append(Span(trigger["start"], trigger["end"], "event", f"event:{event['id']}"))
    for claim in record.get("claims", []):
        spans += [Span(e["start"], e["end"], "claim", f"claim:{claim['id']}") for e in claim.get("evidence", [])]
    return spans


def record_index(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"kind:id": record} for the side panel."""
    index: dict[str, dict[str, Any]] = {}
    for kind, key in (
        ("entity", "entities"),
        ("place", "places"),
        ("time", "times"),
        ("quote", "quotes"),
        ("event", "events"),
        ("claim", "claims"),
    ):
        for item in record.get(key, []):
            index[f"{kind}:{item['id']}"] = item
    return index


def highlighted_html(text: str, spans: list[Span]) -> Markup:
    """The text as HTML with a <mark> around each piece covered by spans; classes name the kinds covering it
    and `data-refs` the records (innermost first)."""
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    pieces: list[str] = []
    for left, right in itertools.pairwise(cuts):
        piece = escape(text[left:right])
        covering = sorted((s for s in usable if s.start <= left and right <= s.end), key=lambda s: s.end - s.start)
        if not covering:
            pieces.append(piece)
            continue
        kinds = " ".join(f"hl-{kind}" for kind in KINDS if any(s.kind == kind for s in covering))
        refs = " ".join(dict.fromkeys(s.ref for s in covering))
        pieces.append(f'<mark class="hl {escape(kinds)}" data-refs="{escape(refs)}">{piece}</mark>')
    return Markup("".join(pieces))
