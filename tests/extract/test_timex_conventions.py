"""TimeML / TempEval-3 conventions for English news: one table row per rule, and how spans are cut."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.timex import FUTURE, PAST, normalize

TUESDAY = date(1999, 2, 9)  # a Tuesday
SATURDAY = date(2000, 1, 15)

# (text, reference date, tense, value of the expression before it, expected value)
CONVENTIONS = [
    # a bare day of the month after a date ("April 24 and 25") is that day of the date's month
    ("25", TUESDAY, FUTURE, "1999-04-24", "1999-04-25"),
    ("the 3rd", SATURDAY, PAST, "1999-12-01", "1999-12-03"),
]


@pytest.mark.parametrize(("text", "reference", "tense", "previous", "value"), CONVENTIONS)
def test_timex_conventions_table(text, reference, tense, previous, value):
    timex = normalize(text, reference, tense, previous=previous)
    assert timex is not None, text
    assert timex.value == value


@pytest.mark.parametrize(("text", "previous"), [("25", None), ("25", "1999-04"), ("31", "1999-04-24")])
def test_timex_day_of_month_needs_a_day_before_it(text, previous):
    assert normalize(text, TUESDAY, None, previous=previous) is None  # April has no 31st


@pytest.mark.model
def test_timex_days_joined_by_and_are_two_expressions(make_record):
    text = "The summit will be held on April 24 and 25. He was 25 and 30 then."
    times = make_record(text, published="1999-02-10").times
    assert [(t.text, t.value) for t in times if t.value != "PAST_REF"] == [
        ("April 24", "1999-04-24"),
        ("25", "1999-04-25"),
    ]
