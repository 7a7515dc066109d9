"""Highlighted article text: overlapping spans, escaping of every piece."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from newsledger.web.highlight import KINDS, Span, highlighted_html


def test_highlight_overlapping_spans_cut_at_every_boundary() -> None:
    text = "He said the army attacked."
    html = str(highlighted_html(text, [Span(8, 26, "quote", "quote:q1"), Span(12, 16, "entity", "entity:e1")]))
    assert html == (
        'He said <mark class="hl hl-quote" data-refs="quote:q1">the </mark>'
        '<mark class="hl hl-entity hl-quote" data-refs="entity:e1 quote:q1">army</mark>'
        '<mark class="hl hl-quote" data-refs="quote:q1"> attacked.</mark>'
    )


def test_highlight_escapes_text_and_ignores_bad_spans() -> None:
    text = "<b>x</b> & y"
    html = str(highlighted_html(text, [Span(3, 4, "entity", 'e"1'), Span(5, 99, "time", "time:t1")]))
    assert html == '&lt;b&gt;<mark class="hl hl-entity" data-refs="e&#34;1">x</mark>&lt;/b&gt; &amp; y'


def _covering_by_definition(text: str, spans: list[Span]) -> list[tuple[str, tuple[str, ...]]]:
    """(piece, refs covering it innermost first) straight from the definition: every span checked at every cut."""
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    result = []
    for left, right in itertools.pairwise(cuts):
        covering = sorted((s for s in usable if s.start <= left and right <= s.end), key=lambda s: s.end - s.start)
        result.append((text[left:right], tuple(dict.fromkeys(s.ref for s in covering))))
    return result


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    text=st.text(alphabet="ab <&\"'", max_size=40),
    bounds=st.lists(st.tuples(st.integers(-2, 45), st.integers(-2, 45), st.sampled_from(KINDS)), max_size=10),
)
def test_highlight_sweep_matches_the_definition(text, bounds):
    # regression: each piece checked every span, so the page was quadratic in the article's length; the sweep
    # must still wrap each piece in exactly the spans covering it, innermost first
    spans = [Span(start, end, kind, f"{kind}:{i % 4}") for i, (start, end, kind) in enumerate(bounds)]
    html = str(highlighted_html(text, spans))
    expected = "".join(
        str(escape(piece)) if not refs else f'data-refs="{escape(" ".join(refs))}">{escape(piece)}</mark>'
        for piece, refs in _covering_by_definition(text, spans)
    )
    marks = re.sub(r'<mark class="[^"]*" ', "", html)
    assert marks == expected
