"""Outlet boilerplate: a passage an outlet repeats word for word across its articles ("Editor's note: …", a
standing disclaimer, a subscription plea) tells of no happening in the story that carries it. Its events and
claims must not form clusters or disputes: read as events, one note repeated in four articles becomes a "cluster"
of four reports.

A passage (an event's sentence, a claim's evidence) is cut into paragraphs and sentences. A piece is boilerplate
when, after normalizing case, punctuation and spacing, it appears in at least two articles of one outlet, or in at
least three articles of any outlets, counting only articles in which it is a small part: an article more than half
of whose pieces appear elsewhere is a copy of a story (syndicated wire copy, an update of a report), and what it
shares is that story, not boilerplate. The work is linear in the passages (an index from normalized text to articles),
never over pairs of articles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_WORDS = 6  # shorter passages ("He said no.") repeat by chance
SAME_OUTLET_ARTICLES = 2
ANY_OUTLET_ARTICLES = 3
COPY_SHARE = 0.5  # an article with more than this share of its pieces repeated elsewhere is a copy of a story

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Passage:
    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str


def normalized(text: str) -> str:
    """Words only, lower case: the same note with other quotes, dashes or line breaks is the same note."""
    return " ".join(_WORD.findall(text.lower()))


_SEGMENT_END = re.compile(r"\n[\s\u00a0]*\n|(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def segments(passage: Passage) -> list[tuple[int, int, str]]:
    """The passage cut at paragraph breaks and sentence ends, as (start, end, normalized text) in article offsets:
    a note the sentence splitter glued to the paragraph before it is still found on its own."""
    found: list[tuple[int, int, str]] = []
    position = 0
    for match in [*_SEGMENT_END.finditer(passage.text), None]:
        end = match.start() if match else len(passage.text)
        text = normalized(passage.text[position:end])
        if text:
            found.append((passage.start + position, passage.start + end, text))
        if match:
            position = match.end()
    return found


def boilerplate_spans(passages: Iterable[Passage]) -> dict[str, list[tuple[int, int]]]:
    """{article id: [(start, end), …]} of the passages' segments that are boilerplate."""
    by_text: dict[str, set[str]] = defaultdict(set)
    texts_of: dict[str, set[str]] = defaultdict(set)
    outlet_of: dict[str, str | None] = {}
    kept: set[tuple[str, int, int, str]] = set()
    for passage in passages:
        for start, end, text in segments(passage):
            if len(text.split()) < MIN_WORDS:
                continue
            kept.add((passage.article_id, start, end, text))
            by_text[text].add(passage.article_id)
            texts_of[passage.article_id].add(text)
            outlet_of[passage.article_id] = passage.outlet
    copies = {article for article, texts in texts_of.items() if _repeated_share(texts, by_text) > COPY_SHARE}
    repeated = {text for text, articles in by_text.items() if _is_boilerplate(articles - copies, outlet_of)}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end, text in sorted(kept):
        if text in repeated:
            spans[article_id].append((start, end))
    return dict(spans)


def _repeated_share(texts: set[str], by_text: Mapping[str, set[str]]) -> float:
    return sum(1 for text in texts if len(by_text[text]) > 1) / len(texts)


def _is_boilerplate(articles: set[str], outlet_of: Mapping[str, str | None]) -> bool:
    if len(articles) >= ANY_OUTLET_ARTICLES:
        return True
    outlets = [outlet_of[article] for article in articles if outlet_of[article]]
    return any(outlets.count(outlet) >= SAME_OUTLET_ARTICLES for outlet in set(outlets))


def overlaps(spans: Mapping[str, list[tuple[int, int]]], article_id: str, start: int, end: int) -> bool:
    """Whether [start, end) of an article overlaps one of its boilerplate passages."""
    return any(start < other_end and other_start < end for other_start, other_end in spans.get(article_id, ()))
