"""Lines of their own start sentences (nlp/lines.py), on texts the tests write."""

from __future__ import annotations

import pytest

from newsledger.nlp.lines import line_starts


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.model
def test_lines_a_heading_without_a_full_stop_is_a_sentence_of_its_own(nlp):
    text = (
        "Police closed the street on Friday.\n"
        "Insufficient response\n"
        "Neither the interior ministry nor the city police responded to the claims.\n"
    )
    sentences = _sentences(nlp, text)
    assert "Insufficient response" in sentences
    assert any(s.startswith("Neither the interior ministry") for s in sentences)


@pytest.mark.model
def test_lines_a_caption_line_does_not_run_into_the_next_paragraph(nlp):
    text = (
        "image caption The province sees frequent attacks on security forces\n"
        "The region's Muslims generally steered clear of separatism.\n"
    )
    doc = nlp(text)
    attacks = next(t for t in doc if t.text == "attacks")
    assert "Muslims" not in attacks.sent.text


@pytest.mark.model
def test_lines_a_line_that_goes_on_in_lower_case_or_after_a_comma_starts_nothing(nlp):
    doc = nlp.make_doc("The minister said on Tuesday,\nthat the talks\nwould go on. Officials\nAgreed to meet.\n")
    starts = {doc[i].text for i in line_starts(doc)}
    assert "that" not in starts and "would" not in starts
    # a text wrapped at a width (several lines going on in lower case) is read as wrapped: no line starts anything
    assert "Agreed" not in starts


@pytest.mark.model
def test_lines_run_before_the_parser_in_the_loaded_pipeline(nlp):
    names = nlp.pipe_names
    assert names.index("newsledger_lines") < names.index("parser")
