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
    # "the coming years" is a length ahead of unstated size, as "recent days" is one behind
    ("the coming years", TUESDAY, FUTURE, None, "PXY"),
    ("in the coming months", SATURDAY, None, None, "PXM"),
    ("the coming weeks", SATURDAY, FUTURE, None, "PXW"),
    ("recent days", SATURDAY, PAST, None, "PXD"),
    # someone's future is FUTURE_REF, a recent or current thing's time PAST_REF / PRESENT_REF
    ("future", TUESDAY, None, None, "FUTURE_REF"),
    ("recent", TUESDAY, None, None, "PAST_REF"),
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


@pytest.mark.model
def test_timex_someone_s_future_is_a_time_and_a_plain_future_adjective_is_not(make_record):
    text = "The ruling decides the boy's future. Analysts expect future growth to slow."
    times = make_record(text, published="2000-02-10").times
    assert [(t.text, t.value) for t in times] == [("future", "FUTURE_REF")]
    assert times[0].start == text.index("future")


@pytest.mark.model
def test_timex_recent_before_an_adjective_and_its_noun_is_a_time(make_record):
    times = make_record("The recent heavy rains flooded the valley.", published="2000-02-10").times
    assert [(t.text, t.value) for t in times] == [("recent", "PAST_REF")]
