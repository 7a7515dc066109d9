"""Highlighted article text: overlapping spans, escaping of every piece."""

from __future__ import annotations

from newsledger.web.highlight import Span, highlighted_html


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
