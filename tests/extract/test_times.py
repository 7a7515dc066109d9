"""Time expressions: the normalizer over a table of expressions, and detection and anchoring in sentences."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.timex import FUTURE, PAST, PRESENT, normalize, timex3_value

MONDAY = date(2021, 9, 6)  # a Monday
WEDNESDAY = date(2010, 3, 17)

# (text, reference date, tense, expected value, expected type)
TABLE = [
    # weekends and nights are ranges
    ("over the weekend", MONDAY, PAST, "2021-09-04/2021-09-05", "DATE"),
    ("this weekend", MONDAY, PAST, "2021-09-04/2021-09-05", "DATE"),
    ("next weekend", MONDAY, FUTURE, "2021-09-11/2021-09-12", "DATE"),
    ("this weekend", WEDNESDAY, FUTURE, "2010-03-20/2010-03-21", "DATE"),
    ("overnight", MONDAY, PAST, "2021-09-05/2021-09-06", "TIME"),
    # year ranges, merged or spelled out
    ("from 1996 to 2001", MONDAY, None, "1996/2001", "DATE"),
    ("2009-2010", MONDAY, None, "2009/2010", "DATE"),
    ("between 1980 and 1985", MONDAY, PAST, "1980/1985", "DATE"),
    # days anchored with tense
    ("August 15", MONDAY, PAST, "2021-08-15", "DATE"),
    ("September 13", MONDAY, FUTURE, "2021-09-13", "DATE"),
    ("on August 31", MONDAY, PAST, "2021-08-31", "DATE"),
    ("Friday", MONDAY, PAST, "2021-09-03", "DATE"),
    ("on Monday", WEDNESDAY, PAST, "2010-03-15", "DATE"),
    ("on Monday", WEDNESDAY, FUTURE, "2010-03-22", "DATE"),
    ("Monday", MONDAY, PAST, "2021-09-06", "DATE"),
    ("Friday", WEDNESDAY, PAST, "2010-03-12", "DATE"),
    ("Friday", WEDNESDAY, FUTURE, "2010-03-19", "DATE"),
    ("last Tuesday", WEDNESDAY, None, "2010-03-16", "DATE"),
    ("Sept. 27, 1989", MONDAY, None, "1989-09-27", "DATE"),
    ("13 March 2020", MONDAY, None, "2020-03-13", "DATE"),
    ("2021-09-13", MONDAY, None, "2021-09-13", "DATE"),
    ("today", MONDAY, None, "2021-09-06", "DATE"),
    ("yesterday", MONDAY, PAST, "2021-09-05", "DATE"),
    ("tomorrow", WEDNESDAY, FUTURE, "2010-03-18", "DATE"),
    # a month without a year: last year's when a past-tense sentence names a month well after publication
    ("November", MONDAY, PAST, "2020-11", "DATE"),
    ("November", MONDAY, FUTURE, "2021-11", "DATE"),
    ("February", MONDAY, FUTURE, "2022-02", "DATE"),
    ("March", WEDNESDAY, None, "2010-03", "DATE"),
    ("June 1994", MONDAY, None, "1994-06", "DATE"),
    ("last month", MONDAY, None, "2021-08", "DATE"),
    # weeks, years, decades, centuries, quarters, seasons
    ("this week", MONDAY, FUTURE, "2021-W36", "DATE"),
    ("last week", MONDAY, PAST, "2021-W35", "DATE"),
    ("this year", MONDAY, None, "2021", "DATE"),
    ("last year", MONDAY, None, "2020", "DATE"),
    ("two years ago", MONDAY, None, "2019", "DATE"),
    ("in 1998", MONDAY, None, "1998", "DATE"),
    ("the 1990s", MONDAY, None, "199", "DATE"),
    ("the 20th century", MONDAY, None, "19", "DATE"),
    ("the third quarter", WEDNESDAY, PAST, "2009-Q3", "DATE"),
    ("the first quarter", WEDNESDAY, FUTURE, "2010-Q1", "DATE"),
    ("the third quarter of 1990", MONDAY, None, "1990-Q3", "DATE"),
    ("fourth-quarter", date(1989, 11, 2), PAST, "1989-Q4", "DATE"),
    ("this summer", MONDAY, None, "2021-SU", "DATE"),
    # durations
    ("a week", MONDAY, None, "P1W", "DURATION"),
    ("two years", MONDAY, None, "P2Y", "DURATION"),
    ("the past two months", MONDAY, None, "P2M", "DURATION"),
    ("several days", MONDAY, None, "PXD", "DURATION"),
    ("24 hours", MONDAY, None, "PT24H", "DURATION"),
    ("30-year", MONDAY, None, "P30Y", "DURATION"),
    ("two decades", MONDAY, None, "P20Y", "DURATION"),
    ("a minute and a half", MONDAY, None, "PT1M30S", "DURATION"),
    ("just over an hour", MONDAY, None, "PT1H", "DURATION"),
    ("the next couple of years", MONDAY, None, "P2Y", "DURATION"),
    # sets
    ("every Friday", MONDAY, None, "XXXX-WXX-5", "SET"),
    ("daily", MONDAY, None, "P1D", "SET"),
    ("every year", MONDAY, None, "P1Y", "SET"),
    # vague references
    ("now", MONDAY, PRESENT, "PRESENT_REF", "DATE"),
    ("currently", MONDAY, None, "PRESENT_REF", "DATE"),
    ("recently", MONDAY, PAST, "PAST_REF", "DATE"),
    ("the future", MONDAY, None, "FUTURE_REF", "DATE"),
    ("then-current", MONDAY, None, "PAST_REF", "DATE"),  # current at a past time
    ("then current", MONDAY, PAST, "PAST_REF", "DATE"),
    # vague decades and centuries in ISO 8601 years, as "two decades" is P20Y
    ("decades", MONDAY, None, "PXY", "DURATION"),
    ("centuries", MONDAY, None, "PXY", "DURATION"),
    # times and parts of day
    ("5 p.m.", MONDAY, None, "2021-09-06T17:00", "TIME"),
    ("this morning", MONDAY, None, "2021-09-06TMO", "TIME"),
    ("last night", MONDAY, PAST, "2021-09-05TNI", "TIME"),
    ("Tuesday night", WEDNESDAY, PAST, "2010-03-16", "DATE"),  # a named day's part is dated by the day
    ("noon Saturday", WEDNESDAY, PAST, "2010-03-13T12:00", "TIME"),
    # a named day's evening or afternoon keeps its part; its night or morning is dated by the day
    ("Wednesday evening", WEDNESDAY, PAST, "2010-03-17TEV", "TIME"),
    ("Friday afternoon", WEDNESDAY, FUTURE, "2010-03-19TAF", "TIME"),
    ("the early hours of Thursday morning", WEDNESDAY, PAST, "2010-03-11", "DATE"),
    # "more" between a count and its unit says the time follows another; the count is the length
    ("two more weeks", MONDAY, FUTURE, "P2W", "DURATION"),
    ("at least 20 more years", MONDAY, None, "P20Y", "DURATION"),
    # a rate's unit is a set
    ("per year", MONDAY, None, "P1Y", "SET"),
    # spoken years, as broadcast transcripts write them
    ("nineteen ninety-six", MONDAY, None, "1996", "DATE"),
    ("the year two thousand", MONDAY, None, "2000", "DATE"),
]


@pytest.mark.parametrize(("text", "reference", "tense", "value", "kind"), TABLE)
def test_times_normalize_table(text, reference, tense, value, kind):
    timex = normalize(text, reference, tense)
    assert timex is not None, text
    assert (timex.value, timex.type) == (value, kind)


def test_times_normalize_anaphora_follows_previous_quarter():
    reference = date(1989, 10, 26)
    assert normalize("a year earlier", reference, PAST, previous="1989-Q3").value == "1988-Q3"
    assert normalize("the year-ago quarter", reference, PAST, previous="1989-Q3").value == "1988-Q3"
    assert normalize("a year earlier", reference, PAST).value == "1988"
    assert normalize("the following month", reference, PAST, previous="1989-04").value == "1989-05"


@pytest.mark.parametrize("text", ["", "the United Nations", "we", "18", "a number of people", "May we"])
def test_times_normalize_rejects_non_dates(text):
    assert normalize(text, MONDAY, None) is None


def test_times_normalize_previous_weekday_is_before_the_day_just_named():
    # "down from the previous Friday" after Friday 2010-03-12 was named: the Friday a week before it
    assert normalize("the previous Friday", WEDNESDAY, PAST, previous="2010-03-12").value == "2010-03-05"
    assert normalize("the previous Friday", WEDNESDAY, PAST).value == "2010-03-12"
    # and "in the morning" after a named day is that day's morning
    assert normalize("the morning", WEDNESDAY, PAST, previous="2010-03-12").value == "2010-03-12TMO"
    assert normalize("the morning", WEDNESDAY, PAST).value == "2010-03-17TMO"


def test_times_normalize_duration_of_a_year_is_two_expressions():
    # TimeML annotates "the first nine months of 1997" as a duration and a year: neither reads the whole
    assert normalize("the first nine months", MONDAY, None).value == "P9M"
    assert normalize("the first nine months of 1997", MONDAY, None) is None


# (text, tense, value without a publication date, precision): only what no reference date changes is kept
UNANCHORED_TABLE = [
    ("Sept. 27, 1989", None, "1989-09-27", "day"),
    ("from 1996 to 2001", None, "1996/2001", "year"),
    ("two weeks", None, "P2W", "duration"),
    ("recently", PAST, "PAST_REF", "vague"),
    ("every Friday", None, "XXXX-WXX-5", "set"),
    ("August 15", PAST, "XXXX-08-15", "unanchored"),
    ("the third quarter", None, "XXXX-Q3", "unanchored"),
    ("5 p.m.", None, "XXXX-XX-XXT17:00", "unanchored"),
    ("yesterday", PAST, None, "unanchored"),
    ("last week", PAST, None, "unanchored"),
    ("Monday", PAST, None, "unanchored"),
    ("over the weekend", PAST, None, "unanchored"),
    ("overnight", PAST, None, "unanchored"),
    ("two years ago", PAST, None, "unanchored"),
]


@pytest.mark.parametrize(("text", "tense", "value", "precision"), UNANCHORED_TABLE)
def test_times_unanchored_keeps_only_what_no_reference_changes(text, tense, value, precision):
    from newsledger.extract.times import unanchored

    timex = unanchored(text, tense)
    assert timex is not None, text
    assert (timex.value, timex.precision) == (value, precision)


def test_times_normalize_possessive_and_quarter_anaphora():
    assert normalize("Monday's", WEDNESDAY, PAST).value == "2010-03-15"
    assert normalize("the quarter a year ago", MONDAY, PAST, previous="2021-Q2").value == "2020-Q2"
    assert normalize("Thanksgiving Day", date(2000, 1, 7), PAST).value == "1999-11-25"


def test_times_timex3_value_writes_ranges_as_timeml():
    assert timex3_value("2021-09-04/2021-09-05", "weekend") == "2021-W35-WE"
    assert timex3_value("2021-09-05/2021-09-06", "night") == "2021-09-05TNI"
    assert timex3_value("1996/2001", "year") == "1996/2001"
    assert timex3_value(None, None) is None


# --- detection and anchoring in sentences (need the model) ---------------------------------------


def _times(make_record, text, *, published="2021-09-06"):
    return make_record(text, published=published).times


@pytest.mark.model
def test_times_detect_skips_ages_and_bare_numbers(make_record):
    times = _times(make_record, "The 22-year-old soldier, who joined at 18, was wounded on Saturday.")
    texts = [t.text for t in times]
    assert not any("22" in t or t == "18" for t in texts)
    assert [t.value for t in times if t.text == "Saturday"] == ["2021-09-04"]


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "The package was left at the door around 5.30 p.m. local time (1530 UTC).",
        "The convoy was hit at 0930 GMT near the border.",
        "Troops left the base at 1400 hours, the army said.",
        'The parcel was left there at 5.30 p.m. (1530 UTC)."It shook the street," a witness said.',
    ],
)
def test_times_detect_four_digit_clock_time_is_no_year_or_length(make_record, sentence):
    times = _times(make_record, sentence)
    assert not any(t.value in ("1530", "0930") or (t.value or "").startswith("PT1400") for t in times)


@pytest.mark.model
def test_times_detect_year_after_of_stays_a_year(make_record):
    times = _times(make_record, "The treaty of 1530 still shapes the border.")
    assert [t.value for t in times] == ["1530"]


@pytest.mark.model
def test_times_detect_finds_now_currently_and_overnight(make_record):
    times = _times(make_record, "He is now in the capital and currently leads talks. Rockets fell overnight.")
    found = {t.text.lower(): t.value for t in times}
    assert found.get("now") == "PRESENT_REF"
    assert found.get("currently") == "PRESENT_REF"
    assert found.get("overnight") == "2021-09-05/2021-09-06"


@pytest.mark.model
def test_times_one_day_after_a_modal_is_someday(make_record):
    times = _times(make_record, "She said the valley will one day be a province. The trip took one day.")
    values = [t.value for t in times if t.text.lower() == "one day"]
    assert values == ["FUTURE_REF", "P1D"]


@pytest.mark.model
def test_times_length_before_later_is_a_duration(make_record):
    # TimeML: in "three days later" the TIMEX3 is the length; "later" is the signal tying it to an event
    times = _times(make_record, "The convoy left on Friday. Three days later, it reached the border.")
    later = [t for t in times if t.text.lower().startswith("three")]
    assert [(t.text, t.value, t.type) for t in later] == [("Three days", "P3D", "DURATION")]
    earlier = _times(make_record, "Sales rose 5%, up from $3 million a year earlier.", published="2021-10-20")
    assert [t.text for t in earlier if "year" in t.text] == ["a year earlier"]


@pytest.mark.model
def test_times_infinitive_subject_and_lapsed_deadline_are_past(make_record):
    # published on a Saturday; both Fridays are the day before
    text = (
        "The first two states to sign the accord on Friday were neighbours. "
        "The offer had been due to expire Friday, the company said."
    )
    times = _times(make_record, text, published="2021-09-11")
    assert [t.value for t in times if t.text == "Friday"] == ["2021-09-10", "2021-09-10"]


@pytest.mark.model
def test_times_earliest_bound_weekday_lies_ahead(make_record):
    # published on a Monday: "as early as Tuesday" is the coming Tuesday, not the one before
    times = _times(make_record, "The envoy could arrive in the capital as early as Tuesday, officials said.")
    assert [t.value for t in times if t.text == "Tuesday"] == ["2021-09-07"]


@pytest.mark.model
def test_times_year_ago_is_not_anchored_on_an_outlook_quarter(make_record):
    text = (
        "Profit in the third quarter rose 5%. The company expects growth in the second quarter of 2022. "
        "In the year-ago period, it earned $3 million."
    )
    times = _times(make_record, text, published="2021-10-20")
    assert [t.value for t in times if "year-ago" in t.text] == ["2020-Q3"]


@pytest.mark.model
def test_times_detect_year_range_and_earlier_not_absorbed(make_record):
    times = _times(make_record, "Earlier, the minister said prices rose sharply in 2009-2010.")
    assert [t.value for t in times if "2009" in t.text] == ["2009/2010"]
    assert not any(t.text.lower().startswith("earlier") for t in times)


@pytest.mark.model
def test_times_anchor_future_plan_and_past_offensive(make_record):
    times = _times(
        make_record,
        "On September 13, the ministers are expected to convene a conference. "
        "The rebels launched an offensive on August 15. The talks collapsed in November.",
    )
    values = {t.text: t.value for t in times}
    assert values["September 13"] == "2021-09-13"
    assert values["August 15"] == "2021-08-15"
    assert values["November"] == "2020-11"


@pytest.mark.model
def test_times_ids_in_text_order(make_record):
    times = _times(make_record, "The storm hit on Friday. Repairs will take two weeks, officials said on Sunday.")
    assert [t.id for t in times] == [f"t{i + 1}" for i in range(len(times))]
    assert [t.start for t in times] == sorted(t.start for t in times)


@pytest.mark.model
def test_times_quote_dated_by_its_reporting_verb(make_record):
    text = (
        "The ministry says the border is open. On Saturday, the governor said “the roads are closed today”. "
        "The group says more aid will come."
    )
    times = _times(make_record, text)
    today = next(t for t in times if t.text == "today")
    assert today.value == "2021-09-04"
    assert today.anchor == "quote"


# --- dating events (the helper the events extractor calls) ---------------------------------------


def _doc(nlp, text, *, published="2021-09-06"):
    from newsledger.model import Article
    from newsledger.nlp.state import attach_article

    article = Article.from_text(text, published=published)
    return nlp(attach_article(nlp.make_doc(article.text), article))


@pytest.mark.model
def test_times_event_when_takes_the_governing_expression(nlp):
    from newsledger.extract.times import event_when

    doc = _doc(nlp, "Rebels attacked the town on Saturday, and the army will respond this week.")
    sentence = next(iter(doc.sents))
    attacked = next(t for t in doc if t.text == "attacked")
    respond = next(t for t in doc if t.text == "respond")
    when_attack = event_when(doc, sentence, attacked)
    assert (when_attack.value, when_attack.precision) == ("2021-09-04", 1)
    assert when_attack.time is not None
    when_response = event_when(doc, sentence, respond)
    assert (when_response.value, when_response.precision) == ("2021-W36", 2)


@pytest.mark.model
def test_times_event_when_defaults_to_publication(nlp):
    from newsledger.extract.times import event_when

    doc = _doc(nlp, "Rebels attacked the town. Nobody was hurt.")
    sentence = next(iter(doc.sents))
    when = event_when(doc, sentence, next(t for t in doc if t.text == "attacked"))
    assert (when.value, when.precision, when.time) == ("2021-09-06", 3, None)


def test_times_acled_precision_of_values():
    from newsledger.extract.times import acled_precision

    assert acled_precision("2021-09-04") == 1
    assert acled_precision("2021-09-04/2021-09-05") == 1
    assert acled_precision("2021-W36") == 2
    assert acled_precision("2021-09") == 3
    assert acled_precision(None) is None


@pytest.mark.model
def test_times_quote_without_a_date_is_anchored_to_publication_and_marked(make_record):
    times = _times(make_record, "The minister says “the roads are closed today and will reopen tomorrow”.")
    found = {t.text: t for t in times}
    assert found["today"].value == "2021-09-06"
    assert found["today"].anchor == "quote-unknown"
    assert found["tomorrow"].value == "2021-09-07"


@pytest.mark.model
def test_times_without_publication_date_resolve_nothing_relative(make_record):
    # regression: without a publication date the stage anchored to date.today(), so a record depended on the
    # day it was made; now relative expressions keep no resolved value and say so
    text = "Rebels attacked the town yesterday. The siege began on August 15, 2021, and lasted two weeks."
    found = {t.text: t for t in make_record(text, published=None).times}
    assert (found["yesterday"].value, found["yesterday"].precision) == (None, "unanchored")
    assert found["yesterday"].anchor == "none"
    assert found["August 15, 2021"].value == "2021-08-15"
    assert found["two weeks"].value == "P2W"


@pytest.mark.model
def test_times_detect_expressions_inside_a_longer_span(make_record):
    text = (
        "During the day Thursday, the boy played in the yard. "
        "Jobs rose after averaging 242,000 for the first nine months of 1997. "
        "There were no cancellations after the Aug. 7 embassy bombings."
    )
    found = {t.text: t.value for t in _times(make_record, text, published="1998-08-14")}
    assert found.get("Thursday") == "1998-08-13"
    assert found.get("the first nine months") == "P9M"
    assert found.get("1997") == "1997"
    assert found.get("Aug. 7") == "1998-08-07"


@pytest.mark.model
def test_times_the_year_names_a_year_unless_it_is_a_length(make_record):
    text = (
        "Profit rose in the third quarter. For the year, volume was flat. "
        "Revenue was $5 million for the year ended June 30. Members send $1 billion a year home."
    )
    times = _times(make_record, text, published="1989-11-02")
    the_year = [(t.value, t.type) for t in times if t.text == "the year"]
    assert the_year == [("1989", "DATE"), ("P1Y", "DURATION")]
    assert [(t.value, t.type) for t in times if t.text == "a year"] == [("P1Y", "SET")]


@pytest.mark.model
def test_times_since_counts_from_behind(make_record):
    # what a statement counts "since" lies behind it: the year-end just gone, not the coming one
    times = _times(make_record, "The index has risen 12% since year-end, traders say.", published="1989-10-30")
    assert [t.value for t in times if "year" in t.text] == ["1988-12-31"]


@pytest.mark.model
def test_times_anaphoric_span_is_kept_whole(make_record):
    # regression: looking inside spans the normalizer cannot value alone cut "the next morning" to "morning"
    text = "He was arrested on Tuesday. Police released him the next morning, officials said."
    times = _times(make_record, text, published="2000-02-24")
    assert [(t.text, t.value) for t in times] == [("Tuesday", "2000-02-22"), ("the next morning", "2000-02-23")]


def test_times_extra_words_are_found_as_a_case_insensitive_search_finds_them():
    from newsledger.extract.times import _EXTRA_PATTERN, _extra_matches

    texts = [
        "TODAY the talks resume; Next Christmas Day they end. José Ünal spoke YESTERDAY at 1530 UTC.",
        "Three More Weeks, PER YEAR, pre-1990 and Nineteen Ninety-One, “Monday” — every DAY.",
        "Ankara’s İstanbul office said on \u017funday, and a \u212aelvin-sign text: last \u212aALENDAR Tuesday.",
    ]
    for text in texts:
        assert _extra_matches(text) == [match.span() for match in _EXTRA_PATTERN.finditer(text)]
    assert len(_extra_matches(texts[0])) >= 3  # TODAY, Next Christmas Day, YESTERDAY
