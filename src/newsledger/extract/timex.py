# ruff: noqa: E501  (the grammar is written as regular expressions, which read best unbroken)
"""Normalizing time expressions to TIMEX3-style values: plain functions over (text, reference date, tense).

No spaCy here, so the rules can be unit-tested in bulk and benchmarked. `normalize("over the weekend",
date(2021, 9, 6), tense="past")` gives `Timex("2021-09-04/2021-09-05", "DATE", "weekend")`.

Values follow TIMEX3 (ISO 8601 with TimeML's extensions): days `2021-09-13`, months `2021-09`, years `2021`,
decades `202`, centuries `20`, weeks `2021-W36`, quarters `2021-Q3`, halves `2021-H2`, seasons `2021-SU`,
parts of day `2021-09-06TMO`, times `2021-09-06T17:00`, durations `P1W`/`PT3H`/`PXY`, sets `XXXX-WXX-5`,
and vague references `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`. Ranges (weekends, "overnight", "from 1996 to
2001") are two values joined by `/`, as ISO 8601 intervals are.

Tense is what the governing verb says about when the expression lies relative to the reference date:
"past", "present", "future" or None (unknown). It decides which Monday "Monday" is, and which year a month
without a year belongs to. `previous` is the value of the last time expression before this one, for
anaphoric expressions ("a year earlier" after "the third quarter" is the third quarter a year before).
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsledger.extract.numbers import TENS_WORDS, UNIT_WORDS

PAST, PRESENT, FUTURE = "past", "present", "future"


@dataclass(frozen=True)
class Timex:
    value: str | None
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    precision: str | None = None  # day, week, weekend, month, quarter, year, decade, night, time, ...


# --- vocabulary ----------------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **{word: value for word, value in UNIT_WORDS.items() if value},
    **TENS_WORDS,
    "hundred": 100,
    "couple": 2,
    "a couple of": 2,
    "a dozen": 12,
    "dozen": 12,
    "half a dozen": 6,
}
VAGUE_NUMBERS = {"few", "a few", "several", "some", "many", "a number of", "numerous", "multiple", "the", "recent"}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
}
# unit -> (ISO designator, is a time-of-day unit, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "centurie": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}
PRESENT_WORDS = {
    "now",
    "right now",
    "just now",
    "currently",
    "current",
    "presently",
    "at present",
    "the present",
    "present",
    "nowadays",
    "these days",
    "at the moment",
    "this time",
    "the moment",
    "today's",
    "already",
    "immediately",
    "now-",
}
PAST_WORDS = {
    "recently",
    "recent",
    "lately",
    "the past",
    "in the past",
    "previously",
    "formerly",
    "once",
    "earlier",
    "before",
    "former",
    "then",
    "at the time",
    "at that time",
    "then current",  # "the then-current chairman": current at a past time
    "then-current",
    "long ago",
    "years ago",
    "in recent years",
    "past years",
    "recent weeks and months",
}
FUTURE_WORDS = {
    "soon",
    "shortly",
    "the future",
    "future",
    "in the future",
    "eventually",
    "later",
    "someday",
    "in the coming days",
    "the near future",
    "the foreseeable future",
    "the long term",
    "the long run",
    "the short term",
    "the near term",
    "forthcoming",
    "upcoming",
}

_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = (
    r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?)\.?"
)
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>1[0-9]{3}|20[0-9]{2}|'\d\d)"
_NUM_RE = r"(?P<num>\d+(?:\.\d+)?(?: 1/2)?|[a-z]+(?:[- ][a-z]+)?)"
_UNIT_RE = (
    r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie)|millennium)s?"
)

_LEADING_WORDS = re.compile(
    r"^(?:(?:as early as|as late as|as soon as|no later than|as of|at least|at most|more than|less than|up to|"
    r"the whole|the entire|the rest of|the remainder of|the course of|some time|sometime|on|in|at|by|during|"
    r"over|since|until|till|for|from|of|about|around|within|throughout|through|before|after|into|nearly|"
    r"almost|approximately|roughly|just|only|all|its|their|his|her|our|an(?= (?:[a-z]{3}\.? \d|\d)))\s+)+"
)
_MODIFIERS = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:(?:early|small|wee|late) hours of|earlier|later|early|late|mid|middle of|end of|beginning of|start of|close of|"
    r"turn of|first half of|second half of|latter part of|early part of|later part of|the end of|"
    r"the beginning of|the start of|the middle of)[\s-]+)+"
)


# --- date arithmetic and formatting --------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _shift(reference: date, unit: str, amount: int) -> tuple[str, str]:
    """The calendar unit `amount` units from the reference, at that unit's granularity: (value, precision)."""
    if unit in ("day", "night"):
        return (reference + timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        return _iso_week(reference + timedelta(weeks=amount)), "week"
    if unit == "fortnight":
        return _iso_week(reference + timedelta(weeks=2 * amount)), "week"
    if unit == "month":
        return _add_months(reference, amount).isoformat()[:7], "month"
    if unit == "quarter":
        return _quarter(_add_months(reference, 3 * amount)), "quarter"
    if unit == "year":
        return str(reference.year + amount), "year"
    if unit == "decade":
        return str((reference.year + 10 * amount) // 10), "decade"
    if unit in ("century", "centurie"):
        return str((reference.year + 100 * amount) // 100), "century"
    return reference.isoformat(), "day"


def _number(word: str) -> int | None:
    """'3', 'three', 'twenty-five', 'a' -> int; vague quantities -> None."""
    word = word.strip()
    if not word:
        return None
    if word.replace(".", "", 1).isdigit():
        return round(float(word))
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens >= 20 and ones < 10:
            return tens + ones
    return None


def _duration(amount: int | None, unit: str, *, half: bool = False) -> str:
    designator, is_time, multiplier = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        # ISO 8601 has no decade or century designator: "two decades" is P20Y, so "decades" is PXY
        return f"{prefix}X{designator}"
    if half:
        if designator == "H":
            return f"PT{amount}H30M" if amount else "PT30M"
        if designator == "M" and is_time:
            return f"PT{amount}M30S" if amount else "PT30S"
        if designator == "Y" and multiplier == 1:
            return f"P{amount}Y6M" if amount else "P6M"
        if designator == "D":
            return f"PT{amount * 24 + 12}H"
    return f"{prefix}{amount * multiplier}{designator}"


def _year_from(text: str, reference: date) -> int:
    if text.startswith("'"):
        two = int(text[1:])
        century = reference.year // 100 * 100
        year = century + two
        return year - 100 if year > reference.year + 10 else year
    return int(text)


def _weekday_date(weekday: int, reference: date, tense: str | None, *, relation: str | None = None) -> date:
    """Which date a weekday name means, from the verb's tense (or 'last'/'next'/'this')."""
    delta = weekday - reference.weekday()
    if relation == "last":
        back = (reference.weekday() - weekday) % 7 or 7
        return reference - timedelta(days=back)
    if relation == "next":
        forward = delta % 7 or 7
        return reference + timedelta(days=forward)
    if relation == "this":
        return reference + timedelta(days=delta)  # the same ISO week
    if delta == 0:
        return reference  # wire reports name their own day ("said Monday" in Monday's report)
    if tense == FUTURE:
        return reference + timedelta(days=delta % 7)
    if tense == PRESENT:
        return reference + timedelta(days=delta % 7)  # "meets on Thursday": another day is a coming one
    return reference - timedelta(days=(-delta) % 7)


def _month_year(month: int, day: int | None, reference: date, tense: str | None) -> int:
    """The year of a month (and day) named without one, from the tense of its verb."""
    year = reference.year
    candidate = date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
    later = candidate > reference if day else month > reference.month
    earlier = candidate < reference if day else month < reference.month
    # A past-tense sentence names a later date of this year for what was then arranged ("was set for
    # March 12"); a month at least two months after publication, or a day more than six weeks after, is last
    # year's.
    if tense == PAST and later:
        if (day and (candidate - reference).days > 45) or (not day and month - reference.month >= 2):
            return year - 1
    if tense == FUTURE and earlier:
        return year + 1
    if tense in (None, PRESENT):
        # Unknown tense: news is mostly about the recent past, so a date more than two months ahead is last
        # year's, and one more than ten months back is next year's.
        days_ahead = (candidate - reference).days
        if days_ahead > 61:
            return year - 1
        if days_ahead < -240:
            return year + 1
    return year


def _weekend(reference: date, tense: str | None, *, relation: str | None = None) -> tuple[date, date]:
    """The Saturday and Sunday a weekend expression means."""
    weekday = reference.weekday()
    saturday = reference - timedelta(days=weekday - 5)  # Saturday of this ISO week
    if relation == "last":
        saturday -= timedelta(weeks=1) if weekday >= 5 else timedelta(0)
        if weekday < 5:
            saturday -= timedelta(weeks=1)
    elif relation == "next":
        saturday += timedelta(weeks=1) if weekday >= 5 else timedelta(0)
    elif weekday < 5 and tense == PAST:
        saturday -= timedelta(weeks=1)
    elif weekday < 5 and tense is None and weekday <= 1:
        saturday -= timedelta(weeks=1)  # early in the week, "the weekend" is the one just gone
    return saturday, saturday + timedelta(days=1)


# --- the rules -----------------------------------------------------------------------------------


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
            return str(NUMBER_WORDS[match.group("century")] * 100 + (_number(rest) or 0))
        return str(2000 + (_number(match.group("rest2")) or 0 if match.group("rest2") else 0))

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
        rf"(?:from |between )?{_MONTH_RE} (?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|to|and|through)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?: {_YEAR_RE})?",
        text,
    )
    if match:
        month = MONTHS[match.group("month")]
        year = (
            _year_from(match.group("year"), reference)
            if match.group("year")
            else _month_year(month, int(match.group("d1")), reference, tense)
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
    text = _LEADING_WORDS.sub("", text).strip()
    for rule in _RULES:
        result = rule(text, reference, tense, previous)
        if result is not None:
            return result
    stripped = _MODIFIERS.sub("", text).strip()
    if stripped and stripped != text:
        unit = re.fullmatch(r"the (?P<unit>week|month|year|decade|century)", stripped)
        if unit:
            # "the end of the year", "the middle of the month": a part of the current one, valued as the whole
            # (TimeML puts the part in mod="END"), not the length "the year" alone may be
            value, precision = _shift(reference, unit.group("unit"), 0)
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
        return Timex(_duration(None, text.split()[-1][:-1]), "DURATION", "duration")
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
    weekday_prefix = rf"(?:{_WEEKDAY_RE}\s+)?(?:the\s+)?"
    # "Monday, August 15, 2021", "August 15th", "Aug. 15 2021"
    match = re.fullmatch(rf"{weekday_prefix}{_MONTH_RE}\s+{_DAY_RE}(?:\s+{_YEAR_RE})?", text)
    if match is None:
        # "15 August 2021", "the 15th of August"
        match = re.fullmatch(rf"{weekday_prefix}{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}(?:\s+{_YEAR_RE})?", text)
    if match:
        month, day = MONTHS[match.group("month")], int(match.group("day"))
        year = (
            _year_from(match.group("year"), reference)
            if match.group("year")
            else _month_year(month, day, reference, tense)
        )
        try:
            return Timex(date(year, month, day).isoformat(), "DATE", "day")
        except ValueError:
            return None
    # "August 2021", "August of 2021", "last August", "August this year"
    match = re.fullmatch(
        rf"(?P<rel>last|next|this|early|late|mid|)\s*{_MONTH_RE}(?:\s+(?:of\s+)?(?:{_YEAR_RE}|(?P<yrel>this|last|next) year))?",
        text,
    )
    if match:
        month = MONTHS[match.group("month")]
        if match.group("year"):
            year = _year_from(match.group("year"), reference)
        elif match.group("yrel"):
            year = reference.year + {"this": 0, "last": -1, "next": 1}[match.group("yrel")]
        elif match.group("rel") == "last":
            year = reference.year if month < reference.month else reference.year - 1
        elif match.group("rel") == "next":
            year = reference.year if month > reference.month else reference.year + 1
        elif match.group("rel") == "this":
            year = reference.year
        else:
            year = _month_year(month, None, reference, tense)
        return Timex(f"{year}-{month:02d}", "DATE", "month")
    # weekdays: "Monday", "last Monday", "Monday morning", "Monday, Sept. 13", "the previous Friday"
    match = re.fullmatch(
        rf"(?P<rel>last|next|this|coming|this coming|this past|past|(?:the )?(?:previous|preceding))?\s*{_WEEKDAY_RE}(?:\s+(?P<part>morning|afternoon|evening|night))?",
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
        named_day = _weekday_date(weekday, reference, tense, relation=relation)
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
            return Timex(_iso_week(date.fromisoformat(day.value)), "DATE", "week")
    match = re.fullmatch(r"(?P<rel>last|this|next) (?P<rest>[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?)", text)
    if match and re.match(_MONTH_RE, match.group("rest")):
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
        day = on(_month_year(this_year.month, this_year.day, reference, tense))
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
        return Timex(str(_year_from("'" + match.group("yy"), reference)), "DATE", "year")
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
        return Timex(_quarter(_add_months(reference, -3 if tense != FUTURE else 0)), "DATE", "quarter")
    match = re.fullmatch(
        r"(?:the )?(?P<rel>latest|last|past|previous|recent|most recent|current|this|next|coming|same|year ago|year earlier|comparable year ago|comparable year earlier|comparable|year ago|prior year) ?(?:fiscal )?quarter",
        text,
    )
    if match:
        rel = match.group("rel")
        quarter = _add_months(reference, 0)
        if rel in ("latest", "last", "past", "previous", "recent", "most recent"):
            quarter = _add_months(reference, -3)
        elif rel in ("next", "coming"):
            quarter = _add_months(reference, 3)
        elif "year" in rel:
            if previous and re.fullmatch(r"\d{4}-Q\d", previous):
                return Timex(f"{int(previous[:4]) - 1}{previous[4:]}", "DATE", "quarter")
            quarter = _add_months(reference, -15)
        return Timex(_quarter(quarter), "DATE", "quarter")
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
        value, precision = _shift(reference, unit, offset)
        return Timex(value, "DATE", precision)
    if re.fullmatch(
        r"(?:earlier|later) in the (?:day|week|month|year)|(?:earlier|later) (?:today|this (?:day|week|month|year))",
        text,
    ):
        unit = text.split()[-1]
        unit = "day" if unit == "today" else unit
        value, precision = _shift(reference, unit, 0)
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
        saturday, sunday = _weekend(reference, tense, relation=relation)
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
        value, precision = _shift(reference, unit, offset)
        return Timex(value, "DATE", precision)
    # "two years ago", "a week earlier", "three months later", "a year ago"
    match = re.fullmatch(
        rf"(?:about |some |nearly |almost |more than |less than |over )?{_NUM_RE} (?:full )?{_UNIT_RE}(?: and a half)?(?: or so)? (?P<dir>ago|earlier|before|later|after|from now|hence|back|since)",
        text,
    )
    if match and (_number(match.group("num")) is not None or match.group("num") != "the"):
        amount = _number(match.group("num"))
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
        value, precision = _shift(reference, match.group("unit"), offset)
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
        return Timex(_iso_week(reference + timedelta(weeks=amount)), "DATE", "week")
    value, precision = _shift(reference, unit, amount)
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
            return Timex(_quarter(_add_months(date(year, month, 1), 3 * amount)), "DATE", "quarter")
        if unit == "month" and month:
            return Timex(_add_months(date(year, month, 1), amount).isoformat()[:7], "DATE", "month")
        if unit in ("day", "week") and match.group(3):
            day = date(year, month, int(match.group(3)))
            value, precision = _shift(day, unit, amount)
            return Timex(value, "DATE", precision)
        return None
    match = re.fullmatch(r"(\d{4})-Q(\d)", previous)
    if match and unit == "year":
        return Timex(f"{int(match.group(1)) + amount}-Q{match.group(2)}", "DATE", "quarter")
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", previous)
    if match and unit in ("year", "month", "week", "day"):
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if unit in ("year", "month"):
            return Timex(_add_months(day, amount * (12 if unit == "year" else 1)).isoformat(), "DATE", "day")
        return Timex((day + timedelta(days=amount * (7 if unit == "week" else 1))).isoformat(), "DATE", "day")
    match = re.fullmatch(r"(\d{4})-(\d\d)", previous)
    if match and unit in ("year", "month"):
        first_day = date(int(match.group(1)), int(match.group(2)), 1)
        shifted = _add_months(first_day, amount * (12 if unit == "year" else 1))
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
        rf"(?:(?P<num>[\d.]+(?: 1/2)?|[a-z]+(?:[- ][a-z]+)?|a couple of|a few|a number of|half a dozen)\s+)?(?:more |additional |full |straight |consecutive |long |odd |trading |business |working |calendar )?{_UNIT_RE}"
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
        amount = _number(number_text)
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
    value = _duration(amount, unit, half=half)
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
    match = re.fullmatch(rf"(?:every|each) {_WEEKDAY_RE}", text) or re.fullmatch(rf"{_WEEKDAY_RE}s", text)
    if match:
        return Timex(f"XXXX-WXX-{WEEKDAYS[match.group('weekday')] + 1}", "SET", "set")
    match = re.fullmatch(r"every (?P<num>\S+) (?P<unit>day|week|month|year|hour)s", text)
    if match and _number(match.group("num")):
        return Timex(_duration(_number(match.group("num")), match.group("unit")), "SET", "set")
    match = re.fullmatch(
        r"(?:every|each) (?P<part>morning|afternoon|evening|night)|(?P<part2>morning|afternoon|evening|night)s", text
    )
    if match:
        part = match.group("part") or match.group("part2")
        return Timex(f"XXXX-XX-XXT{PARTS_OF_DAY[part]}", "SET", "set")
    match = re.fullmatch(rf"(?:every|each) {_MONTH_RE}", text)
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
    if not (re.search(r"\b\d{4}\b", text) and (re.search(_MONTH_RE, text) or re.search(r"\d+[/.]\d+[/.]\d+", text))):
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


def timex3_value(value: str | None, precision: str | None) -> str | None:
    """Our value in TimeML's own spelling, for scoring against TIMEX3 gold: a weekend range is `YYYY-Www-WE`,
    a night range (overnight) is the evening's day with `TNI`; every other value is already TIMEX3."""
    if not value or "/" not in value:
        return value
    first, _, _last = value.partition("/")
    if precision == "weekend" and re.fullmatch(r"\d{4}-\d\d-\d\d", first):
        return f"{_iso_week(date.fromisoformat(first))}-WE"
    if precision == "night" and re.fullmatch(r"\d{4}-\d\d-\d\d", first):
        return f"{first}TNI"
    return value
