"""Datelines on openings written here: at the start, after a headline line, with a date or an outlet."""

from __future__ import annotations

import pytest

from newsledger.extract.datelines import find_dateline


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("LAGOS (Reuters) – The talks resumed.", "LAGOS"),
        ("NAIROBI, Kenya — Gunmen attacked a school.", "NAIROBI"),
        ("KYIV, March 3 (Reuters) - Forces repelled an attack.", "KYIV"),
        ("HERAT, Afghanistan, Oct. 3 (Xinhua) -- A bomb exploded.", "HERAT"),
        ("DAYTON, Ohio, March 3, 2015 (AP) — The plant closed.", "DAYTON"),
        ("Protests spread\n\nKHARTOUM, Sudan — Security forces fired tear gas.", "KHARTOUM"),
        ("A quiet day - nothing happened.", None),
        ("A headline line\nNot a dateline - at all.", None),
        ("US-led forces - withdrew.", None),
    ],
)
def test_datelines_found_at_the_opening_or_after_a_headline(text, city):
    found = find_dateline(text)
    assert (found.group("city") if found else None) == city


@pytest.mark.model
def test_datelines_are_not_part_of_a_reported_statement(make_record):
    record = make_record(
        "Clashes in the capital\n\nKHARTOUM, Sudan — Security forces fired tear gas at protesters on Thursday, "
        "killing three people, a doctors' group said."
    )
    statement = next(q for q in record.quotes if "tear gas" in q.text)
    assert statement.text.startswith("Security forces")
    assert record.article.text[statement.start : statement.start + 15] == "Security forces"
    khartoum = next(p for p in record.places if p.dateline)
    assert khartoum.country == "SD"


def test_datelines_filing_date_is_not_the_region():
    found = find_dateline("HERAT, Afghanistan, Oct. 3 (Xinhua) -- A bomb exploded.")
    assert found is not None
    assert (found.group("region"), found.group("date"), found.group("outlet")) == ("Afghanistan", "Oct. 3", "Xinhua")
    found = find_dateline("KYIV, March 3 (Reuters) - Forces repelled an attack.")
    assert found is not None
    assert (found.group("region"), found.group("date")) == (None, "March 3")
