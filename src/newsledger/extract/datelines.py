"""Datelines: "LAGOS (Reuters) –", "NAIROBI, Kenya —", "KYIV, March 3 (Reuters) -",
"KANDAHAR, Afghanistan, Oct. 3 (Xinhua) --" open a report, or its first paragraph after a one-line headline, and
say where the report was filed. They are not part of any sentence's content."""

from __future__ import annotations

import re

# "Oct. 3", "March 3, 2015", "Sept 12": the filing date a dateline may carry between its place and its outlet.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FILING_DATE = rf"{_MONTH}\s\d{{1,2}}(?:,\s*\d{{4}})?"
DATELINE = re.compile(
    rf"(?P<city>[A-Z][A-Z .'’-]{{1,40}}?[A-Z])(?:,\s*(?!{_FILING_DATE})(?P<region>[A-Z][A-Za-z0-9 .]{{1,40}}?))?"
    rf"(?:,\s*(?P<date>{_FILING_DATE}))?\s*"
    r"(?:\((?P<outlet>[^)\n]{1,60})\))?\s*[–—-]{1,2}\s"
)
HEADLINE_MAX_CHARS = 200
_LEADING_SPACE = re.compile(r"\s*")


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of the text, or at the start of the paragraph after a headline line."""
    leading = _LEADING_SPACE.match(text)  # called per event and per quote: no copy of the text
    start = leading.end() if leading is not None else 0
    found = DATELINE.match(text, start)
    if found is not None:
        return found
    line_end = text.find("\n", start)
    if start < line_end <= start + HEADLINE_MAX_CHARS:
        after = line_end
        while after < len(text) and text[after].isspace():
            after += 1
        return DATELINE.match(text, after)
    return None
