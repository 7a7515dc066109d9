"""TimeML / TempEval-3 conventions for English news: one table row per rule, and how spans are cut."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.timex import FUTURE, PAST, normalize

TUESDAY = date(1999, 2, 9)  # a Tuesday
SATURDAY = date(2000, 1, 15)
OCTOBER = date(1998, 10, 26)  # a Monday

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
    # a part of the current year, month or week is valued as that unit (TimeML keeps the part in mod)
    ("the beginning of the year", OCTOBER, None, None, "1998"),
    ("the end of the month", OCTOBER, None, None, "1998-10"),
    ("the second half of the year", OCTOBER, FUTURE, None, "1998-H2"),
    ("the first half of the year", OCTOBER, PAST, None, "1998-H1"),
    ("the end of the year", OCTOBER, FUTURE, None, "1998"),
    ("the end of the year", date(1999, 2, 1), PAST, None, "1998"),
    # a year with "pre-"/"post-" is the year (TimeML keeps the side in mod)
    ("post-1959", OCTOBER, None, None, "1959"),
    ("pre-1990", OCTOBER, None, None, "1990"),
    # decades spelled out, and "the past century" as the last hundred years
    ("the nineties", OCTOBER, None, None, "199"),
    ("the early eighties", OCTOBER, None, None, "198"),
    ("the past century", OCTOBER, None, None, "P100Y"),
    ("last century", OCTOBER, None, None, "18"),
    # "the day before" / "the year after" with nothing after them: a shift of the expression before
    ("the day before", OCTOBER, PAST, "1998-10-20", "1998-10-19"),
    ("the year before", OCTOBER, PAST, "1997", "1996"),
    ("the year after", OCTOBER, PAST, "1995-03-02", "1996"),
    ("the day before", OCTOBER, PAST, None, "1998-10-25"),
    # a unit before or after a date named: that date shifted by the unit
    ("the day before last Tuesday", date(2000, 2, 24), PAST, None, "2000-02-21"),
    ("the week after Christmas", date(2000, 2, 24), PAST, None, "1999-W52"),
    ("the year before 1990", OCTOBER, None, None, "1989"),
    # holidays: fixed days and the nth weekday of a month, in the year the tense places them
    ("Election Day", OCTOBER, FUTURE, None, "1998-11-03"),
    ("Election Day", date(2000, 6, 1), FUTURE, None, "2000-11-07"),
    ("Labor Day", OCTOBER, PAST, None, "1998-09-07"),
    ("Memorial Day", date(1999, 6, 2), PAST, None, "1999-05-31"),
    ("the Fourth of July", OCTOBER, None, None, "1998-07-04"),
    ("Thanksgiving Day", OCTOBER, PAST, None, "1997-11-27"),
    ("Thanksgiving Day", SATURDAY, PAST, None, "1999-11-25"),
    ("New Year's Day", OCTOBER, FUTURE, None, "1999-01-01"),
    ("Martin Luther King Jr. Day", SATURDAY, FUTURE, None, "2000-01-17"),
    ("Halloween", OCTOBER, None, None, "1998-10-31"),
    ("last Christmas", OCTOBER, None, None, "1997-12-25"),
    ("next Christmas", SATURDAY, None, None, "2000-12-25"),
]


@pytest.mark.parametrize(("text", "reference", "tense", "previous", "value"), CONVENTIONS)
def test_timex_conventions_table(text, reference, tense, previous, value):
    timex = normalize(text, reference, tense, previous=previous)
    assert timex is not None, text
    assert timex.value == value


@pytest.mark.parametrize("text", ["election", "labor", "the memorial", "independence"])
def test_timex_holiday_word_alone_is_no_day(text):
    assert normalize(text, OCTOBER, None) is None


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


@pytest.mark.model
def test_timex_a_list_of_years_is_one_expression_each(make_record):
    text = "The car crossed the border in 1994, 1995 and 1997, and again on Friday, Oct. 13, 1998."
    times = make_record(text, published="1999-04-19").times
    assert [(t.text, t.value) for t in times] == [
        ("1994", "1994"),
        ("1995", "1995"),
        ("1997", "1997"),
        ("Friday, Oct. 13, 1998", "1998-10-13"),
    ]


@pytest.mark.parametrize("text", ["in his 30s", "the 30s"])
def test_timex_decade_digits_need_an_apostrophe_or_a_century(text):
    assert normalize(text, OCTOBER, None) is None  # "in his 30s" is an age, "the 30s" a temperature


@pytest.mark.model
def test_timex_unit_before_at_the_end_of_a_clause_is_anaphoric(make_record):
    text = "Sales fell to $300 million last year, down from $450 million the year before."
    times = make_record(text, published="1998-09-07").times
    assert [(t.text, t.value) for t in times] == [("last year", "1997"), ("the year before", "1996")]


@pytest.mark.model
def test_timex_holiday_names_are_found_whole(make_record):
    text = "Abortion will be a theme of the campaign from now to Election Day. Stores closed on Labor Day."
    times = make_record(text, published="1998-10-26").times
    assert [(t.text, t.value) for t in times] == [
        ("now", "PRESENT_REF"),
        ("Election Day", "1998-11-03"),
        ("Labor Day", "1998-09-07"),
    ]


@pytest.mark.model
def test_timex_weekday_arranged_in_the_past_is_the_nearer_one(make_record):
    # published on a Friday: the Saturday planned is tomorrow; a Friday set before the verb dates the planning
    text = (
        "Protesters planned a large demonstration on Saturday. "
        "On Wednesday, the government planned to pay the first claims. They met Saturday."
    )
    times = make_record(text, published="2000-01-07").times
    assert [(t.text, t.value) for t in times] == [
        ("Saturday", "2000-01-08"),
        ("Wednesday", "2000-01-05"),
        ("Saturday", "2000-01-01"),
    ]


@pytest.mark.model
def test_timex_year_after_pre_or_post_is_found(make_record):
    times = make_record("The post-1959 politics split families.", published="2000-02-24").times
    assert [(t.text, t.value) for t in times] == [("post-1959", "1959")]


@pytest.mark.model
def test_timex_day_before_a_date_is_one_expression(make_record):
    text = "The day before last Tuesday's hearing, he went home. Every day before Christmas he prayed."
    times = make_record(text, published="2000-02-24").times
    assert [(t.text, t.value) for t in times][:2] == [
        ("The day before last Tuesday", "2000-02-21"),
        ("Every day", "P1D"),
    ]


@pytest.mark.model
def test_timex_bare_seconds_or_minutes_between_events_are_no_time(make_record):
    text = "The two bombs went off only minutes apart on Friday. The meeting lasted 45 minutes."
    times = make_record(text, published="1998-08-08").times
    assert [(t.text, t.value) for t in times] == [("Friday", "1998-08-07"), ("45 minutes", "PT45M")]


@pytest.mark.model
def test_timex_each_of_the_last_years_is_a_set(make_record):
    text = "He was arrested at the march in each of the last three years. Prices rose in the last three years."
    times = make_record(text, published="1999-01-22").times
    assert [(t.value, t.type) for t in times] == [("P1Y", "SET"), ("P3Y", "DURATION")]
