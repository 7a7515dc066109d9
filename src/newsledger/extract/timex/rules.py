# ruff: noqa: E501  (the grammar is written as regular expressions, which read best unbroken)
"""The rules: `normalize` tries each in turn on a cleaned expression; the first that reads it gives the value."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

from newsledger.extract.lexicon.numbers import TENS_WORDS, UNIT_WORDS
from newsledger.extract.timex.dates import (
    FUTURE,
    PAST,
    Timex,
    add_months,
    calendar_unit_from,
    duration_value,
    iso_week,
    number_value,
    quarter_of,
    weekday_date,
    weekend_days,
    year_from,
    year_of_month,
)
from newsledger.extract.timex.vocabulary import (
    DAY_RE,
    FUTURE_WORDS,
    LEADING_WORDS,
    MODIFIERS,
    MONTH_RE,
    MONTHS,
    NUM_RE,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    PAST_WORDS,
    PRESENT_WORDS,
    SEASON_START_MONTH,
    SEASONS,
    UNIT_RE,
    VAGUE_NUMBERS,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
)


def _clean(text: str) -> str:
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"[\"“”,;!?()`]+|:(?!\d)", " ", text)
    text = re.sub(r"^an? (?=\d|first|second|third|fourth|fifth|last|final|one-|two-|three-)", "", text.strip())
    text = re.sub(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", "", text)
    text = re.sub(r"\b(?:each|all|any|both|either|most|much|part|some) of (?=the )", "", text)
    text = re.sub(r"^(?:no|not) (?:more|less|later|earlier|sooner) than ", "", text)
    text = text.replace("a couple of ", "two ").replace("couple of ", "two ")
    text = _spelled_years(text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(".")
    return text


_SPELLED_UNITS = "|".join(word for word, value in UNIT_WORDS.items() if value)
_SPELLED_TENS = "|".join(TENS_WORDS)
_SPELLED_YEAR = re.compile(
    rf"\b(?P<century>nineteen|eighteen)(?: hundred(?: and)?)? (?P<rest>(?:{_SPELLED_TENS})(?:[- ](?:{_SPELLED_UNITS}))?"
    rf"|{_SPELLED_UNITS}|oh[- ](?:{_SPELLED_UNITS}))\b"
    rf"|\btwo thousand(?:(?: and)? (?P<rest2>(?:{_SPELLED_TENS})(?:[- ](?:{_SPELLED_UNITS}))?|{_SPELLED_UNITS}))?\b"
)


def _spelled_years(text: str) -> str:
    """Years read out ("nineteen ninety-six", "two thousand and one") as digits, as broadcast transcripts give them."""
    if "thousand" not in text and not re.search(r"\b(?:nineteen|eighteen) ", text):
        return text

    def digits(match: re.Match[str]) -> str:
        if match.group("century"):
            rest = match.group("rest").replace("oh ", "").replace("oh-", "")
            return str(NUMBER_WORDS[match.group("century")] * 100 + (number_value(rest) or 0))
        return str(2000 + (number_value(match.group("rest2")) or 0 if match.group("rest2") else 0))

    return _SPELLED_YEAR.sub(digits, text)


@functools.lru_cache(maxsize=65536)
def normalize(text: str, reference: date, tense: str | None = None, *, previous: str | None = None) -> Timex | None:
    """The TIMEX3 value, type and precision of one time expression; None when it cannot be read."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    result = _normalize_range(cleaned, reference, tense, previous)
    if result is not None:
        return result
    return _normalize_one(cleaned, reference, tense, previous)


_RANGE_SPLIT = re.compile(r"^(?:from |between )?(?P<a>.+?)\s*(?: to | through | until | till | and |-|/)\s*(?P<b>.+)$")


def _normalize_range(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    # "1996 to 2001", "2009-2010", "from Monday to Wednesday", "August 15-20"
    match = re.fullmatch(
        r"(?:from |between )?(?P<a>1\d{3}|20\d{2})\s*(?:-|/| to | through | until | and )\s*(?P<b>\d{2,4})s?", text
    )
    if match:
        start, end = match.group("a"), match.group("b")
        if len(end) == 2:
            end = start[:2] + end
        if int(end) > int(start):
            return Timex(f"{start}/{end}", "DATE", "year")
    match = re.fullmatch(
        rf"(?:from |between )?{MONTH_RE} (?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|to|and|through)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?: {YEAR_RE})?",
        text,
    )
    if match:
        month = MONTHS[match.group("month")]
        year = (
            year_from(match.group("year"), reference)
            if match.group("year")
            else year_of_month(month, int(match.group("d1")), reference, tense)
        )
        try:
            first, last = date(year, month, int(match.group("d1"))), date(year, month, int(match.group("d2")))
        except ValueError:
            return None
        return Timex(f"{first.isoformat()}/{last.isoformat()}", "DATE", "day")
    if not re.search(r" to | through | until | till |-| and ", text) or not re.match(r"^(?:from|between) ", text):
        return None
    match = _RANGE_SPLIT.match(text)
    if not match:
        return None
    start = _normalize_one(match.group("a"), reference, tense, previous)
    end = _normalize_one(match.group("b"), reference, tense, previous)
    if start is None or end is None or start.type != "DATE" or end.type != "DATE":
        return None
    if not start.value or not end.value or "/" in start.value or not start.value[:1].isdigit():
        return None
    return Timex(f"{start.value}/{end.value}", "DATE", start.precision)


def _normalize_one(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    text = LEADING_WORDS.sub("", text).strip()
    for rule in _RULES:
        result = rule(text, reference, tense, previous)
        if result is not None:
            return result
    stripped = MODIFIERS.sub("", text).strip()
    if stripped and stripped != text:
        unit = re.fullmatch(r"the (?P<unit>week|month|year|decade|century)", stripped)
        if unit:
            # "the end of the year", "the middle of the month": a part of the current one, valued as the whole
            # (TimeML puts the part in mod="END"), not the length "the year" alone may be
            value, precision = calendar_unit_from(reference, unit.group("unit"), 0)
            return Timex(value, "DATE", precision)
        for rule in _RULES:
            result = rule(stripped, reference, tense, previous)
            if result is not None:
                return result
    return None


def _vague(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    if text in PRESENT_WORDS:
        return Timex("PRESENT_REF", "DATE", "vague")
    if text in PAST_WORDS:
        return Timex("PAST_REF", "DATE", "vague")
    if text in FUTURE_WORDS:
        return Timex("FUTURE_REF", "DATE", "vague")
    if re.fullmatch(r"(?:the )?(?:past|recent|last|previous) (?:several|few|many)? ?(?:decades|centuries)", text):
        return Timex("PAST_REF", "DATE", "vague")
    if re.fullmatch(r"(?:several|many|some|few|a few) (?:years|decades|months) ago", text):
        return Timex("PAST_REF", "DATE", "vague")
    if re.fullmatch(r"(?:the )?coming (?:days|weeks|months|years|decades)", text):
        # "in the coming years" is a stretch of unstated length ahead, as "recent days" is one behind: PXY
        return Timex(duration_value(None, text.split()[-1][:-1]), "DURATION", "duration")
    if re.fullmatch(r"some ?day|(?:in )?(?:the )?(?:coming|future) (?:years|decades)", text):
        return Timex("FUTURE_REF", "DATE", "vague")
    return None


def _deictic_day(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    words = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    if text in words:
        day = reference + timedelta(days=words[text])
        if text == "tonight":
            return Timex(f"{day.isoformat()}TNI", "TIME", "night")
        return Timex(day.isoformat(), "DATE", "day")
    if text in ("overnight", "last night overnight"):
        return Timex(f"{(reference - timedelta(days=1)).isoformat()}/{reference.isoformat()}", "TIME", "night")
    match = re.fullmatch(
        r"(?P<rel>today|yesterday|tomorrow|this|last|tonight) ?(?P<part>morning|afternoon|evening|night)?", text
    )
    if match and match.group("part"):
        rel = match.group("rel")
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(rel, 0)
        day = reference + timedelta(days=offset)
        return Timex(f"{day.isoformat()}T{PARTS_OF_DAY[match.group('part')]}", "TIME", "part of day")
    match = re.fullmatch(r"(?:the )?(?P<part>morning|afternoon|evening|night)(?: of)?", text)
    if match:
        day_value = reference.isoformat()
        if previous and re.fullmatch(r"\d{4}-\d\d-\d\d", previous) and tense != FUTURE:
            day_value = previous  # "dashed Friday ... orders in the morning": the morning of the day just named
        return Timex(f"{day_value}T{PARTS_OF_DAY[match.group('part')]}", "TIME", "part of day")
    if re.fullmatch(r"(?:the )?(?:day|date)", text):
        return None
    return None


def _clock(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    match = re.fullmatch(
        r"(?P<h>1[0-2]|0?\d)(?::(?P<m>[0-5]\d))?(?: o'clock)? in the (?P<part>morning|afternoon|evening|night)", text
    )
    if match:
        evening = match.group("part") in ("afternoon", "evening", "night") and int(match.group("h")) != 12
        hour = int(match.group("h")) % 12 + (12 if evening else 0)
        return Timex(f"{reference.isoformat()}T{hour:02d}:{int(match.group('m') or 0):02d}", "TIME", "time")
    match = re.fullmatch(r"(?:mid-|early |late )?(?P<part>morning|afternoon|evening|night) (?:on )?(?P<rest>.+)", text)
    if match:
        day = _normalize_one(match.group("rest"), reference, tense, previous)
        if day is not None and day.value and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
            return Timex(f"{day.value}T{PARTS_OF_DAY[match.group('part')]}", "TIME", "part of day")
    # "5 p.m.", "5:30 pm Tuesday", "noon Thursday", "9 a.m. local time", "midnight"
    match = re.fullmatch(
        r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?|o'clock|gmt|utc|est|edt|"
        r"h|hrs|hours)?|(?P<word>noon|midnight|midday))"
        r"(?:\s+(?:local time|[a-z]{2,4}t|gmt|utc))?(?:\s+(?:on\s+)?(?P<rest>.+))?",
        text,
    )
    if not match or (match.group("h") and not (match.group("ampm") or match.group("m"))):
        return None
    if match.group("word"):
        hour, minute = (0 if match.group("word") == "midnight" else 12), 0
    else:
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        ampm = (match.group("ampm") or "").replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
    day_value = reference.isoformat()
    if previous and re.fullmatch(r"\d{4}-\d\d-\d\d", previous) and tense != FUTURE:
        day_value = previous  # "at 10:35 a.m." in a story about Friday's blast is that Friday's
    if match.group("rest"):
        rest = _normalize_one(match.group("rest"), reference, tense, previous)
        if rest is None or not rest.value or not re.fullmatch(r"\d{4}-\d\d-\d\d(?:T[A-Z]{2})?", rest.value):
            return None
        day_value = rest.value[:10]
    return Timex(f"{day_value}T{hour:02d}:{minute:02d}", "TIME", "time")


def _calendar_date(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    # ISO and numeric dates first: 2021-09-13, 2021-09
    match = re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d\d)(?:-(?P<d>\d\d))?", text)
    if match:
        return Timex(text, "DATE", "day" if match.group("d") else "month")
    weekday_prefix = rf"(?:{WEEKDAY_RE}\s+)?(?:the\s+)?"
    # "Monday, August 15, 2021", "August 15th", "Aug. 15 2021"
    match = re.fullmatch(rf"{weekday_prefix}{MONTH_RE}\s+{DAY_RE}(?:\s+{YEAR_RE})?", text)
    if match is None:
        # "15 August 2021", "the 15th of August"
        match = re.fullmatch(rf"{weekday_prefix}{DAY_RE}\s+(?:of\s+)?{MONTH_RE}(?:\s+{YEAR_RE})?", text)
    if match:
        month, day = MONTHS[match.group("month")], int(match.group("day"))
        year = (
            year_from(match.group("year"), reference)
            if match.group("year")
            else year_of_month(month, day, reference, tense)
        )
        try:
            return Timex(date(year, month, day).isoformat(), "DATE", "day")
        except ValueError:
            return None
    # "August 2021", "August of 2021", "last August", "August this year"
    match = re.fullmatch(
        rf"(?P<rel>last|next|this|early|late|mid|)\s*{MONTH_RE}(?:\s+(?:of\s+)?(?:{YEAR_RE}|(?P<yrel>this|last|next) year))?",
        text,
    )
    if match:
        month = MONTHS[match.group("month")]
        if match.group("year"):
            year = year_from(match.group("year"), reference)
        elif match.group("yrel"):
            year = reference.year + {"this": 0, "last": -1, "next": 1}[match.group("yrel")]
        elif match.group("rel") == "last":
            year = reference.year if month < reference.month else reference.year - 1
        elif match.group("rel") == "next":
            year = reference.year if month > reference.month else reference.year + 1
        elif match.group("rel") == "this":
            year = reference.year
        else:
            year = year_of_month(month, None, reference, tense)
        return Timex(f"{year}-{month:02d}", "DATE", "month")
    # weekdays: "Monday", "last Monday", "Monday morning", "Monday, Sept. 13", "the previous Friday"
    match = re.fullmatch(
        rf"(?P<rel>last|next|this|coming|this coming|this past|past|(?:the )?(?:previous|preceding))?\s*{WEEKDAY_RE}(?:\s+(?P<part>morning|afternoon|evening|night))?",
        text,
    )
    if match:
        relation = {"coming": "next", "this coming": "next", "this past": "last", "past": "last"}.get(
            match.group("rel") or "", match.group("rel")
        )
        weekday = WEEKDAYS[match.group("weekday")]
        if relation and relation.endswith(("previous", "preceding")):
            # "down from the previous Friday": the one before the day just named, else before the reference
            relation = "last"
            if previous and re.fullmatch(r"\d{4}-\d\d-\d\d", previous):
                reference = date.fromisoformat(previous)
        named_day = weekday_date(weekday, reference, tense, relation=relation)
        if match.group("part") in ("evening", "afternoon"):
            # TimeBank writes a named day's evening or afternoon with its part (2021-09-03TEV) ...
            return Timex(f"{named_day.isoformat()}T{PARTS_OF_DAY[match.group('part')]}", "TIME", "part of day")
        # ... and its night or morning mostly by the day alone, the day the events of that night are dated by
        return Timex(named_day.isoformat(), "DATE", "day")
    return None


def _week_of(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    match = re.fullmatch(r"(?:the )?week of (?P<rest>.+)", text)
    if match:
        day = _calendar_date(match.group("rest"), reference, tense, previous)
        if day is not None and day.value and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
            return Timex(iso_week(date.fromisoformat(day.value)), "DATE", "week")
    match = re.fullmatch(r"(?P<rel>last|this|next) (?P<rest>[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?)", text)
    if match and re.match(MONTH_RE, match.group("rest")):
        tense_of = {"last": PAST, "next": FUTURE}.get(match.group("rel"))
        return _calendar_date(match.group("rest"), reference, tense_of or tense, previous)
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth given weekday of a month (nth = -1: the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# Holidays news reports date events by (US and Western calendars), each as a function of the year.
_HOLIDAY_DATES = {
    "thanksgiving": lambda year: _nth_weekday(year, 11, 3, 4),  # the fourth Thursday of November
    "christmas eve": lambda year: date(year, 12, 24),
    "christmas": lambda year: date(year, 12, 25),
    "new year's eve": lambda year: date(year, 12, 31),
    "new year's day": lambda year: date(year, 1, 1),
    "independence day": lambda year: date(year, 7, 4),
    "fourth of july": lambda year: date(year, 7, 4),
    "july fourth": lambda year: date(year, 7, 4),
    "halloween": lambda year: date(year, 10, 31),
    "valentine's day": lambda year: date(year, 2, 14),
    "veterans day": lambda year: date(year, 11, 11),
    "labor day": lambda year: _nth_weekday(year, 9, 0, 1),
    "memorial day": lambda year: _nth_weekday(year, 5, 0, -1),
    "columbus day": lambda year: _nth_weekday(year, 10, 0, 2),
    "martin luther king day": lambda year: _nth_weekday(year, 1, 0, 3),
    "presidents day": lambda year: _nth_weekday(year, 2, 0, 3),
    "mother's day": lambda year: _nth_weekday(year, 5, 6, 2),
    "father's day": lambda year: _nth_weekday(year, 6, 6, 3),
    # US federal elections: the Tuesday after the first Monday of November
    "election day": lambda year: _nth_weekday(year, 11, 0, 1) + timedelta(days=1),
}
_HOLIDAY = re.compile(
    r"(?P<rel>last |this |next |this year |last year |next year )?(?:the )?"
    r"(?P<name>thanksgiving(?: day)?|christmas eve|christmas(?: day)?|new year(?:'s)? (?:eve|day)|"
    r"independence day|fourth of july|july (?:fourth|4th|4)|halloween|valentine(?:'s)? day|veterans(?:')? day|"
    r"labor day|memorial day|columbus day|martin luther king(?: jr\.?)? day|presidents(?:')? day|"
    r"mother(?:'s)? day|father(?:'s)? day|election day)"
)


def names_holiday(text: str) -> bool:
    """Whether the text is a holiday's name ("Election Day"), whose words are no time words themselves."""
    return _HOLIDAY.fullmatch(_clean(text)) is not None


def _holidays(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    """Fixed and movable holidays news reports date events by (US and Western calendars)."""
    match = _HOLIDAY.fullmatch(text)
    if not match:
        return None
    name = re.sub(r"'|(?<=christmas) day$|(?<=thanksgiving) day$| jr\.?(?= day)", "", match.group("name"))
    name = {
        "new year eve": "new year's eve",
        "new year day": "new year's day",
        "valentine day": "valentine's day",
        "valentines day": "valentine's day",
        "mother day": "mother's day",
        "mothers day": "mother's day",
        "father day": "father's day",
        "fathers day": "father's day",
    }.get(name, name)
    if name.startswith("july "):
        name = "july fourth"
    on = _HOLIDAY_DATES[name]
    relation = (match.group("rel") or "").strip()
    if relation.endswith("year"):
        day = on(reference.year + {"this year": 0, "last year": -1, "next year": 1}[relation])
    elif relation == "last":
        day = on(reference.year) if on(reference.year) < reference else on(reference.year - 1)
    elif relation == "next":
        day = on(reference.year) if on(reference.year) > reference else on(reference.year + 1)
    elif tense == PAST and on(reference.year) > reference:
        day = on(reference.year - 1)  # "was found on Thanksgiving Day" in October: last year's
    elif tense == FUTURE and on(reference.year) < reference:
        day = on(reference.year + 1)
    else:
        # otherwise the year a month and day without one would have (the nearest, mostly)
        this_year = on(reference.year)
        day = on(year_of_month(this_year.month, this_year.day, reference, tense))
    return Timex(day.isoformat(), "DATE", "day")


_DECADE_WORDS = {
    word: str(index + 2)
    for index, word in enumerate(
        ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
    )
}


def _years(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    match = re.fullmatch(
        r"(?:the )?(?:(?:calendar|fiscal|financial|the year|year|fy|model year)\s*|pre-|post-)?(?P<year>1[0-9]{3}|20[0-9]{2})",
        text,
    )  # "post-1959 politics": the year, which TimeML marks with mod="AFTER"
    if match:
        return Timex(match.group("year"), "DATE", "year")
    match = re.fullmatch(r"(?:the )?(?:fiscal |financial )?'(?P<yy>\d\d)", text)
    if match:
        return Timex(str(year_from("'" + match.group("yy"), reference)), "DATE", "year")
    # decades: "the 1990s", "the '80s", "the nineties", "the mid-1990s"
    match = re.fullmatch(r"(?:the )?(?:early |late |mid[- ]?)?(?P<decade>1\d\d|20\d)0'?s", text)
    if match:
        return Timex(match.group("decade"), "DATE", "decade")
    match = re.fullmatch(
        r"(?:the )?(?:early |late |mid[- ]?)?(?:nineteen[- ])?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
        text,
    )
    if match:
        return Timex(f"19{_DECADE_WORDS[match.group('word')]}", "DATE", "decade")
    match = re.fullmatch(r"(?:the )?(?:early |late |mid[- ]?)?'(?P<dd>\d)0s", text)
    if match:
        century = 19 if int(match.group("dd")) >= 3 else 20
        return Timex(f"{century}{match.group('dd')}", "DATE", "decade")
    # centuries: "the 20th century", "the nineteenth century"
    match = re.fullmatch(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) century", text)
    if match:
        return Timex(f"{int(match.group('n')) - 1:02d}", "DATE", "century")
    return None


def _quarters(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    text = text.replace("-", " ")
    match = re.fullmatch(
        r"(?:the )?(?:(?P<yrel>this|last|next) year ?'?s? )?(?:(?P<year1>\d{4}) )?(?:fiscal )?(?:year ago |year earlier )?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)(?: fiscal)? (?P<unit>quarter|half)"
        r"(?: of (?:(?:fiscal |the year |calendar )?(?P<year2>\d{4})|(?P<yrel2>this|last|next) year))?",
        text,
    )
    if match:
        number = ORDINALS[match.group("ord")]
        unit = "Q" if match.group("unit") == "quarter" else "H"
        if unit == "H":
            number = min(number, 2)
        year_text = match.group("year1") or match.group("year2")
        relation = match.group("yrel") or match.group("yrel2")
        if year_text:
            year = int(year_text)
        elif relation:
            year = reference.year + {"this": 0, "last": -1, "next": 1}[relation]
        else:
            current = (reference.month - 1) // 3 + 1 if unit == "Q" else (reference.month - 1) // 6 + 1
            year = reference.year
            if tense == PAST and number > current:
                year -= 1
            elif tense == FUTURE and number < current - 1:
                year += 1  # results of the quarter just ended are still to come
        if "year ago" in text or "year earlier" in text:
            year -= 1
        return Timex(f"{year}-{unit}{number}", "DATE", "quarter" if unit == "Q" else "half")
    match = re.fullmatch(
        r"(?:the )?(?P<which>first|second|last|latter) (?:half|two quarters) of (?:(?P<year>\d{4})|(?P<rel>this|last|next|the) year)",
        text,
    )
    if match:
        year = (
            int(match.group("year"))
            if match.group("year")
            else reference.year + {"this": 0, "the": 0, "last": -1, "next": 1}[match.group("rel")]
        )
        return Timex(f"{year}-H{1 if match.group('which') == 'first' else 2}", "DATE", "half")
    match = re.fullmatch(
        r"(?:the )?(?:quarter|period) a year (?:ago|earlier)|last year ?'?s? quarter|(?:the )?corresponding period (?:a year ago|last year)",
        text,
    )
    if match and previous and re.fullmatch(r"\d{4}-Q\d", previous):
        return Timex(f"{int(previous[:4]) - 1}{previous[4:]}", "DATE", "quarter")
    match = re.fullmatch(r"(?:the )?(?P<year>\d{4}) (?:period|quarter)", text)
    if match and previous and re.fullmatch(r"\d{4}-Q\d", previous):
        return Timex(f"{match.group('year')}{previous[4:]}", "DATE", "quarter")
    if text in ("the quarter", "quarter", "the fiscal quarter", "the period", "the latest period"):
        if previous and re.fullmatch(r"\d{4}-Q\d", previous):
            return Timex(previous, "DATE", "quarter")
        if text in ("the period", "quarter"):
            return None
        return Timex(quarter_of(add_months(reference, -3 if tense != FUTURE else 0)), "DATE", "quarter")
    match = re.fullmatch(
        r"(?:the )?(?P<rel>latest|last|past|previous|recent|most recent|current|this|next|coming|same|year ago|year earlier|comparable year ago|comparable year earlier|comparable|year ago|prior year) ?(?:fiscal )?quarter",
        text,
    )
    if match:
        rel = match.group("rel")
        quarter = add_months(reference, 0)
        if rel in ("latest", "last", "past", "previous", "recent", "most recent"):
            quarter = add_months(reference, -3)
        elif rel in ("next", "coming"):
            quarter = add_months(reference, 3)
        elif "year" in rel:
            if previous and re.fullmatch(r"\d{4}-Q\d", previous):
                return Timex(f"{int(previous[:4]) - 1}{previous[4:]}", "DATE", "quarter")
            quarter = add_months(reference, -15)
        return Timex(quarter_of(quarter), "DATE", "quarter")
    return None


def _seasons(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    match = re.fullmatch(
        r"(?P<rel>this|last|next|this past|this coming|the|)\s*(?P<season>spring|summer|fall|autumn|winter)(?: (?:of )?(?P<year>\d{4}))?",
        text,
    )
    if not match:
        return None
    season = SEASONS[match.group("season")]
    if match.group("year"):
        return Timex(f"{match.group('year')}-{season}", "DATE", "season")
    start = SEASON_START_MONTH[season]
    year = reference.year
    in_or_after = reference.month >= start or (season == "WI" and reference.month <= 2)
    if season == "WI" and reference.month <= 2:
        year -= 1
    rel = match.group("rel")
    if rel in ("last", "this past") or (rel in ("", "the", "this") and tense == PAST):
        if not in_or_after or (rel in ("last", "this past") and reference.month < start + 3):
            year -= 1 if not (in_or_after and rel not in ("last", "this past")) else 0
    elif rel in ("next", "this coming") or (rel in ("", "the", "this") and tense == FUTURE):
        if in_or_after and rel in ("next",):
            year += 1
    return Timex(f"{year}-{season}", "DATE", "season")


_RELATIVE_UNIT = r"(?P<unit>day|week|weekend|month|quarter|year|decade|century)"
_ANAPHORIC = re.compile(
    r"(?:the )?(?:same|following|previous|preceding|prior|that|subsequent) (?P<unit>day|week|month|year|quarter)"
    r"|the (?P<unit3>day|week|month|year) (?:before|after)"
    r"|the next (?P<unit2>day|morning)"
)


def _anaphoric(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    """Expressions dated by the one before them: "that year", "the following month", "the latest period"."""
    match = _ANAPHORIC.fullmatch(text) or re.fullmatch(
        r"(?:later|earlier) (?:that|in the|that same) (?P<unit>day|week|month|year)", text
    )
    if match:
        unit3 = match.groupdict().get("unit3")
        unit = match.group("unit") or match.groupdict().get("unit2") or unit3 or "day"
        unit = "day" if unit == "morning" else unit
        word = text.split()[0] if not text.startswith("the ") else text.split()[1]
        if unit3:
            word = "previous" if text.endswith("before") else "following"
        offset = {"following": 1, "next": 1, "subsequent": 1, "previous": -1, "preceding": -1, "prior": -1}.get(word, 0)
        if previous and re.match(r"\d{4}", previous):
            shifted = _shift_value(previous, unit, offset, keep=False)
            if shifted is not None:
                return shifted
        if word in ("next", "following"):
            return None  # "the next day" without an anchor: leave it to the relative rules
        value, precision = calendar_unit_from(reference, unit, offset)
        return Timex(value, "DATE", precision)
    if re.fullmatch(
        r"(?:earlier|later) in the (?:day|week|month|year)|(?:earlier|later) (?:today|this (?:day|week|month|year))",
        text,
    ):
        unit = text.split()[-1]
        unit = "day" if unit == "today" else unit
        value, precision = calendar_unit_from(reference, unit, 0)
        return Timex(value, "DATE", precision)
    if re.fullmatch(
        r"(?:the )?(?:latest|most recent|current|same|comparable) (?:period|quarter|three months)|(?:the )?(?:third|second|first|fourth) period",
        text,
    ):
        if (
            previous
            and re.fullmatch(r"\d{4}-Q\d", previous)
            and "period" in text
            and text.split()[-2] not in ("third", "second", "first", "fourth")
        ):
            return Timex(previous, "DATE", "quarter")
    if re.fullmatch(r"(?:the )?(?:end of the year|end of this year)", text):
        # TimeML values the year and keeps the part in mod="END"; a past-tense one has closed: last year's
        return Timex(str(reference.year - 1 if tense == PAST else reference.year), "DATE", "year")
    if re.fullmatch(r"(?:the )?(?:year[- ]end)", text):
        year = reference.year - 1 if tense == PAST else reference.year
        return Timex(f"{year}-12-31", "DATE", "day")  # the close of the (calendar) year
    return None


def _relative(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    text = text.replace("year-earlier", "year earlier").replace("year-ago", "year ago")
    # weekends
    match = re.fullmatch(r"(?P<rel>this|last|next|the|this past|this coming|past|coming|)\s*weekend", text)
    if match:
        relation = {
            "last": "last",
            "this past": "last",
            "past": "last",
            "next": "next",
            "this coming": "next",
            "coming": "next",
        }.get(match.group("rel"))
        saturday, sunday = weekend_days(reference, tense, relation=relation)
        return Timex(f"{saturday.isoformat()}/{sunday.isoformat()}", "DATE", "weekend")
    # "this week", "last month", "next year", "the past year", "the coming week"
    match = re.fullmatch(
        rf"(?:(?:earlier|later) )?(?P<rel>this|last|next|past|previous|coming|current|the past|the previous|the coming|"
        rf"the next|the last|the current|the latest|the same|the following|the preceding|the prior|prior|following|same|"
        rf"this past|this coming|the current fiscal|the latest fiscal|the last fiscal|the full|this fiscal|last fiscal|next fiscal)"
        rf" {_RELATIVE_UNIT}",
        text,
    )
    if match:
        rel, unit = match.group("rel"), match.group("unit")
        if unit == "century" and rel in ("past", "the past"):
            return Timex("P100Y", "DURATION", "duration")  # "the past century": the last hundred years
        rel = rel.replace("the ", "").replace(" fiscal", "").replace("fiscal", "this").replace("full", "this")
        offset = {
            "this": 0,
            "current": 0,
            "same": 0,
            "last": -1,
            "past": -1,
            "previous": -1,
            "preceding": -1,
            "prior": -1,
            "this past": -1,
            "latest": -1,
            "next": 1,
            "coming": 1,
            "following": 1,
            "this coming": 1,
        }.get(rel, 0)
        if unit == "quarter":
            return _quarters(f"{rel} quarter", reference, tense, previous)
        if rel in ("same", "following", "preceding", "prior") and previous:
            return None
        value, precision = calendar_unit_from(reference, unit, offset)
        return Timex(value, "DATE", precision)
    # "two years ago", "a week earlier", "three months later", "a year ago"
    match = re.fullmatch(
        rf"(?:about |some |nearly |almost |more than |less than |over )?{NUM_RE} (?:full )?{UNIT_RE}(?: and a half)?(?: or so)? (?P<dir>ago|earlier|before|later|after|from now|hence|back|since)",
        text,
    )
    if match and (number_value(match.group("num")) is not None or match.group("num") != "the"):
        amount = number_value(match.group("num"))
        unit = match.group("unit")
        sign = -1 if match.group("dir") in ("ago", "earlier", "before", "back", "since") else 1
        if amount is None:
            if match.group("num") not in VAGUE_NUMBERS | {"a few", "a number of"}:
                return None
            return Timex("PAST_REF" if sign < 0 else "FUTURE_REF", "DATE", "vague")
        anchor = reference
        if previous and (
            match.group("dir") in ("earlier", "later", "before", "after")
            or (unit == "year" and re.fullmatch(r"\d{4}-Q\d", previous))  # "up from a year ago": that quarter
        ):
            shifted = _shift_value(previous, unit, sign * amount)
            if shifted:
                return shifted
        return _relative_value(anchor, unit, sign * amount)
    match = re.fullmatch(
        r"(?:the )?(?:comparable )?(?:year earlier|year ago|prior year|previous year)(?: (?:period|quarter|level|figure|results|month))?",
        text,
    )
    if match:
        if previous:
            shifted = _shift_value(previous, "year", -1)
            if shifted:
                return shifted
        return Timex(str(reference.year - 1), "DATE", "year")
    match = re.fullmatch(r"(?P<rel>earlier|later) (?P<what>this|last|next) (?P<unit>week|month|year|decade)", text)
    if match:
        offset = {"this": 0, "last": -1, "next": 1}[match.group("what")]
        value, precision = calendar_unit_from(reference, match.group("unit"), offset)
        return Timex(value, "DATE", precision)
    return None


def _relative_value(reference: date, unit: str, amount: int) -> Timex:
    if unit in ("hour", "minute", "second"):
        delta = {
            "hour": timedelta(hours=amount),
            "minute": timedelta(minutes=amount),
            "second": timedelta(seconds=amount),
        }[unit]
        return Timex(
            (reference + delta).isoformat() if unit == "hour" and abs(amount) >= 24 else reference.isoformat(),
            "DATE",
            "day",
        )
    if unit == "week":
        return Timex(iso_week(reference + timedelta(weeks=amount)), "DATE", "week")
    value, precision = calendar_unit_from(reference, unit, amount)
    return Timex(value, "DATE", precision)


def _shift_value(previous: str, unit: str, amount: int, *, keep: bool = True) -> Timex | None:
    """An anaphoric shift of the previous expression's value ("a year earlier" after "the third quarter").

    With `keep` the previous value's granularity is kept (a quarter a year earlier is a quarter); without it
    the result has the unit's granularity ("that year" after a day is the day's year)."""
    if not keep:
        match = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", previous)
        if match is None:
            return None
        year = int(match.group(1))
        month = int(match.group(2) or 0)
        quarter = re.match(r"\d{4}-Q(\d)", previous)
        if unit == "year":
            return Timex(str(year + amount), "DATE", "year")
        if unit == "quarter" and (month or quarter):
            month = month or (int(quarter.group(1)) - 1) * 3 + 1 if quarter else month
            return Timex(quarter_of(add_months(date(year, month, 1), 3 * amount)), "DATE", "quarter")
        if unit == "month" and month:
            return Timex(add_months(date(year, month, 1), amount).isoformat()[:7], "DATE", "month")
        if unit in ("day", "week") and match.group(3):
            day = date(year, month, int(match.group(3)))
            value, precision = calendar_unit_from(day, unit, amount)
            return Timex(value, "DATE", precision)
        return None
    match = re.fullmatch(r"(\d{4})-Q(\d)", previous)
    if match and unit == "year":
        return Timex(f"{int(match.group(1)) + amount}-Q{match.group(2)}", "DATE", "quarter")
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", previous)
    if match and unit in ("year", "month", "week", "day"):
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if unit in ("year", "month"):
            return Timex(add_months(day, amount * (12 if unit == "year" else 1)).isoformat(), "DATE", "day")
        return Timex((day + timedelta(days=amount * (7 if unit == "week" else 1))).isoformat(), "DATE", "day")
    match = re.fullmatch(r"(\d{4})-(\d\d)", previous)
    if match and unit in ("year", "month"):
        first_day = date(int(match.group(1)), int(match.group(2)), 1)
        shifted = add_months(first_day, amount * (12 if unit == "year" else 1))
        return Timex(shifted.isoformat()[:7], "DATE", "month")
    return None


def _durations(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    text = re.sub(r"\b(?:trading|business|working|calendar) (?=days?\b)", "", text)
    text = re.sub(r"\byear[- ](?:earlier|ago) |-old\b", lambda m: " old" if "old" in m.group(0) else "", text)
    # "two to three weeks", "the next 12 to 18 months": the lower bound, as annotators of TimeML mostly do
    text = re.sub(r"\b(\w+)(?: to | or |-)(?:\w+)(?= (?:second|minute|hour|day|week|month|year|decade)s)", r"\1", text)
    text = re.sub(
        r"(\d|[a-z])-(?=(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)\b)", r"\1 ", text
    )
    # "two more weeks": the count is the length; "more" only says it follows another
    text = re.sub(
        r"(?<=[a-z0-9]) (?:more|additional|further) (?=(?:second|minute|hour|day|week|month|quarter|year)s?\b)",
        " ",
        text,
    )
    match = re.fullmatch(
        rf"(?:the |a |an )?(?:(?P<rel>past|last|next|previous|first|coming|following|latest|final|recent|additional|further|another|more|other|full|entire|whole)\s+)?"
        rf"(?:(?P<num>[\d.]+(?: 1/2)?|[a-z]+(?:[- ][a-z]+)?|a couple of|a few|a number of|half a dozen)\s+)?(?:more |additional |full |straight |consecutive |long |odd |trading |business |working |calendar )?{UNIT_RE}"
        rf"(?P<half> and a half)?(?: or (?:so|more|longer|two|three))?(?: (?:long|old|running|in a row|ahead|to come|since|straight))?",
        text,
    )
    if not match:
        match = re.fullmatch(r"(?P<num>half) an? (?P<unit>hour|day|year|century|decade)(?P<half>)(?P<rel>)", text)
        if match:
            return Timex(
                {"hour": "PT30M", "day": "PT12H", "year": "P6M", "decade": "P5Y", "century": "P50Y"}[
                    match.group("unit")
                ],
                "DURATION",
                "duration",
            )
        return None
    unit = match.group("unit")
    if unit == "centurie":
        unit = "century"
    number_text = (match.group("num") or "").strip()
    plural = text.rstrip().endswith("s") or re.search(rf"{unit}s\b", text) is not None
    half = bool(match.group("half")) or number_text.endswith("1/2")
    number_text = number_text.replace(" 1/2", "")
    if number_text in ("a couple of",):
        amount: int | None = 2
    elif number_text:
        amount = number_value(number_text)
        if amount is None and number_text not in VAGUE_NUMBERS and number_text not in ("a few", "a number of"):
            return None
        if number_text in ("a", "an") and plural:
            return None
    else:
        amount = None if plural else 1
        if not plural and not match.group("rel") and not text.startswith(("a ", "an ")):
            return None  # a bare "week" or "the year" is too ambiguous to call a duration
    if amount is not None and "." in number_text:
        amount = None
    value = duration_value(amount, unit, half=half)
    return Timex(value, "DURATION", "duration")


def _periods(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    """A year as a stretch of time ("in the fiscal year", "for the full year")."""
    if re.fullmatch(r"the (?:fiscal |financial |whole |entire |calendar )?year", text):
        return Timex("P1Y", "DURATION", "duration")
    return None


def _sets(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    adverbs = {
        "daily": "P1D",
        "nightly": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "quarterly": "P3M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
        "annual": "P1Y",
        "every day": "P1D",
        "each day": "P1D",
        "every week": "P1W",
        "each week": "P1W",
        "every month": "P1M",
        "each month": "P1M",
        "every year": "P1Y",
        "each year": "P1Y",
        "a year": "P1Y",
        "per year": "P1Y",
        "a day": "P1D",
        "per day": "P1D",
        "a week": "P1W",
        "a month": "P1M",
        "every hour": "PT1H",
        "twice a year": "P1Y",
        "twice a week": "P1W",
        "twice a month": "P1M",
        "once a year": "P1Y",
        "once a week": "P1W",
        "once a month": "P1M",
        "every other day": "P2D",
        "every other week": "P2W",
        "every other year": "P2Y",
    }
    if text in adverbs and not text.startswith("a "):
        return Timex(adverbs[text], "SET", "set")
    match = re.fullmatch(rf"(?:every|each) {WEEKDAY_RE}", text) or re.fullmatch(rf"{WEEKDAY_RE}s", text)
    if match:
        return Timex(f"XXXX-WXX-{WEEKDAYS[match.group('weekday')] + 1}", "SET", "set")
    match = re.fullmatch(r"every (?P<num>\S+) (?P<unit>day|week|month|year|hour)s", text)
    if match and number_value(match.group("num")):
        return Timex(duration_value(number_value(match.group("num")), match.group("unit")), "SET", "set")
    match = re.fullmatch(
        r"(?:every|each) (?P<part>morning|afternoon|evening|night)|(?P<part2>morning|afternoon|evening|night)s", text
    )
    if match:
        part = match.group("part") or match.group("part2")
        return Timex(f"XXXX-XX-XXT{PARTS_OF_DAY[part]}", "SET", "set")
    match = re.fullmatch(rf"(?:every|each) {MONTH_RE}", text)
    if match:
        return Timex(f"XXXX-{MONTHS[match.group('month')]:02d}", "SET", "set")
    match = re.fullmatch(r"(?:every|each) (?P<season>spring|summer|fall|autumn|winter)", text)
    if match:
        return Timex(f"XXXX-{SEASONS[match.group('season')]}", "SET", "set")
    return None


def _absolute_fallback(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    """Absolute dates in forms our rules don't spell out ("13/09/2021", "Sept. 13th, 2021 at noon")."""
    if not re.search(r"\d", text) or not re.search(r"\d{4}|[a-z]{3}", text):
        return None
    if not (re.search(r"\b\d{4}\b", text) and (re.search(MONTH_RE, text) or re.search(r"\d+[/.]\d+[/.]\d+", text))):
        return None
    parsed = _dateparser_parse(text, reference)
    if parsed is None:
        return None
    return Timex(parsed.isoformat(), "DATE", "day")


def _dateparser_parse(text: str, reference: date) -> date | None:
    import datetime as _dt

    import dateparser  # slow to import; only the rare absolute forms get here

    settings = {
        "RELATIVE_BASE": _dt.datetime(reference.year, reference.month, reference.day),
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _unit_before_date(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    """ "the day before last Tuesday", "the week after Christmas": the date named, shifted by one unit."""
    match = re.fullmatch(r"(?:the )?(?P<unit>day|week|month|year) (?P<dir>before|after) (?P<rest>.+)", text)
    if match is None:
        return None
    named = _normalize_one(match.group("rest"), reference, tense, previous)
    if named is None or not named.value or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", named.value):
        return None
    return _shift_value(named.value, match.group("unit"), -1 if match.group("dir") == "before" else 1, keep=False)


def _day_of_month(text: str, reference: date, tense: str | None, previous: str | None) -> Timex | None:
    """A bare day of the month after a date ("24 and 25" after "April 24"): that day of the date's month."""
    match = re.fullmatch(r"(?:the )?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?", text)
    if match is None or previous is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", previous):
        return None
    try:
        return Timex(date(int(previous[:4]), int(previous[5:7]), int(match.group("day"))).isoformat(), "DATE", "day")
    except ValueError:
        return None


_RULES = (
    _day_of_month,
    _unit_before_date,
    _anaphoric,
    _vague,
    _deictic_day,
    _sets,
    _clock,
    _calendar_date,
    _week_of,
    _holidays,
    _years,
    _quarters,
    _seasons,
    _relative,
    _periods,
    _durations,
    _absolute_fallback,
)
