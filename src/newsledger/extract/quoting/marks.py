"""Pairing quotation marks in raw text: which stretches of an article are quoted.

Works on characters, not tokens, so it needs no model. Double marks (“ ” " `` '' „ « ») open and close
top-level quotations; single marks (‘ ’ ') are taken as quotation marks only when an opening one pairs with a
closing one in the same paragraph, so apostrophes and plural possessives ("Debates’ 15 percent") never count.
A quotation may run over several paragraphs when each new paragraph reopens it (the newspaper convention).
Marks that cannot be paired are reported, never guessed, and the rest of the text is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = {"“", "„", "«", "``"}
_DOUBLE_CLOSE = {"”", "»"}
_DOUBLE_EITHER = {'"', "''"}
_MARK = re.compile(r"``|''|[“”\"„«»‘’']")
_OPEN_CONTEXT = set("([{—―–-/") | {"“", "‘", '"', "'"}
_CLOSE_CONTEXT = set(".,;:!?)]}—―–-/…") | {"”", "’", '"', "'"}
# markup left in a text (`<tweet author="@x" id="123">`): the marks around attribute values quote no one
_ATTRIBUTE = re.compile(r"""(?<=[\w-])=\s*(?:"[^"\n]*"|'[^'\n]*')""")  # anchored on "=": linear on any text
_MAX_SINGLE_QUOTE = 400  # characters; a longer single-quoted stretch is two apostrophes, not a quotation


@dataclass(frozen=True)
class QuotedSpan:
    """A quotation: offsets of its opening mark, its closing mark, and so of its content between them."""

    open_start: int
    open_end: int
    close_start: int
    close_end: int
    single: bool = False  # quoted with single marks (‘…’)

    @property
    def start(self) -> int:
        return self.open_end

    @property
    def end(self) -> int:
        return self.close_start


def _left_flanking(text: str, start: int, end: int) -> bool:
    """The mark can open: something follows it and space (or an opening sign) precedes it."""
    after = text[end] if end < len(text) else " "
    before = text[start - 1] if start > 0 else " "
    return not after.isspace() and (before.isspace() or before in _OPEN_CONTEXT)


def _right_flanking(text: str, start: int, end: int) -> bool:
    """The mark can close: something precedes it and space, punctuation or the end follows it."""
    after = text[end] if end < len(text) else " "
    before = text[start - 1] if start > 0 else " "
    return not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT)


def _role(text: str, mark: str, start: int, end: int) -> str:
    left, right = _left_flanking(text, start, end), _right_flanking(text, start, end)
    if mark in _DOUBLE_OPEN:
        return "close" if right and not left and mark == "“" and text[start - 1 : start].isalnum() else "open"
    if mark in _DOUBLE_CLOSE:
        return "open" if left and not right else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _paragraph_start(text: str, position: int) -> bool:
    """Only spaces lie between the previous line break (or the start) and `position`."""
    line_start = text.rfind("\n", 0, position) + 1
    return text[line_start:position].strip() == ""


def find_quoted_spans(text: str) -> tuple[list[QuotedSpan], list[str]]:
    """All top-level quotations in `text`, in order, and a warning for every mark left unpaired."""
    warnings: list[str] = []
    markup = [(m.start(), m.end()) for m in _ATTRIBUTE.finditer(text)] if "=" in text else []
    marks = [m for m in _MARK.finditer(text) if not any(a <= m.start() < b for a, b in markup)]
    doubles = [m for m in marks if m.group() not in {"‘", "’", "'"}]
    spans: list[QuotedSpan] = []
    open_mark: re.Match[str] | None = None
    reopened_at = 0  # where the open quotation was last (re)opened, for the paragraph check
    for mark in doubles:
        role = _role(text, mark.group(), mark.start(), mark.end())
        if open_mark is None:
            if role == "close":
                warnings.append(_unpaired(text, mark.start(), "closing quotation mark without an opening one"))
            else:
                open_mark, reopened_at = mark, mark.end()
            continue
        between = text[reopened_at : mark.start()]
        if "\n" in between:
            if role != "close" and _paragraph_start(text, mark.start()) and "\n" not in between.rstrip():
                reopened_at = mark.end()  # the next paragraph reopens the same quotation
                continue
            # the paragraph ended without closing the quotation and the next one does not continue it
            warnings.append(_unpaired(text, open_mark.start(), "quotation not closed before the paragraph ends"))
            if role == "close":
                warnings.append(_unpaired(text, mark.start(), "closing quotation mark without an opening one"))
                open_mark = None
            else:
                open_mark, reopened_at = mark, mark.end()
            continue
        if role == "open":
            warnings.append(_unpaired(text, open_mark.start(), "quotation mark opened again before it was closed"))
            open_mark, reopened_at = mark, mark.end()
            continue
        spans.append(QuotedSpan(open_mark.start(), open_mark.end(), mark.start(), mark.end()))
        open_mark = None
    if open_mark is not None:
        warnings.append(_unpaired(text, open_mark.start(), "quotation not closed by the end of the text"))
    spans.extend(_single_quoted(text, spans, warnings, [m for m in marks if m.group() in {"‘", "’", "'"}]))
    spans.sort(key=lambda s: s.open_start)
    return spans, warnings


def _single_quoted(
    text: str, doubles: list[QuotedSpan], warnings: list[str], marks: list[re.Match[str]]
) -> list[QuotedSpan]:
    """Top-level ‘…’ quotations (headlines, British style); single marks inside double quotes are nested."""
    inside = [(s.open_start, s.close_end) for s in doubles]
    found: list[QuotedSpan] = []
    k = 0
    while k < len(marks):
        mark = marks[k]
        k += 1
        if any(a <= mark.start() < b for a, b in inside):
            continue
        if not _left_flanking(text, mark.start(), mark.end()) or (
            mark.group() == "’" or (mark.group() == "'" and text[mark.end() : mark.end() + 1].isdigit())
        ):
            continue
        closer = None
        for j in range(k, len(marks)):
            candidate = marks[j]
            if candidate.start() - mark.end() > _MAX_SINGLE_QUOTE or "\n" in text[mark.end() : candidate.start()]:
                break
            if candidate.group() == "‘":
                break
            after = text[candidate.end() : candidate.end() + 1]
            if _right_flanking(text, candidate.start(), candidate.end()) and not after.isalnum():
                closer = j
                break
        if closer is None:
            if mark.group() == "‘":
                warnings.append(_unpaired(text, mark.start(), "single quotation mark without a closing one"))
            continue
        end_mark = marks[closer]
        found.append(QuotedSpan(mark.start(), mark.end(), end_mark.start(), end_mark.end(), single=True))
        k = closer + 1
    return found


def _unpaired(text: str, position: int, reason: str) -> str:
    context = text[max(0, position - 20) : position + 30].replace("\n", " ")
    return f"quotes: {reason} at character {position} (…{context}…)"
