"""The `Timex` record, the tenses, and the date arithmetic and formatting the rules share (ISO weeks, quarters,
shifts by a calendar unit, durations, which year a month or weekday falls in)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsledger.extract.timex.vocabulary import (
    NUMBER_WORDS,
    UNITS,
)

PAST, PRESENT, FUTURE = "past", "present", "future"


@dataclass(frozen=True)
class Timex:
    value: str | None
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    precision: str | None = None  # day, week, weekend, month, quarter, year, decade, night, time, ...


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def calendar_unit_from(reference: date, unit: str, amount: int) -> tuple[str, str]:
    """The calendar unit `amount` units from the reference, at that unit's granularity: (value, precision)."""
    if unit in ("day", "night"):
        return (reference + timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        return iso_week(reference + timedelta(weeks=amount)), "week"
    if unit == "fortnight":
        return iso_week(reference + timedelta(weeks=2 * amount)), "week"
    if unit == "month":
        return add_months(reference, amount).isoformat()[:7], "month"
    if unit == "quarter":
        return quarter_of(add_months(reference, 3 * amount)), "quarter"
    if unit == "year":
        return str(reference.year + amount), "year"
    if unit == "decade":
        return str((reference.year + 10 * amount) // 10), "decade"
    if unit in ("century", "centurie"):
        return str((reference.year + 100 * amount) // 100), "century"
    return reference.isoformat(), "day"


def number_value(word: str) -> int | None:
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


def duration_value(amount: int | None, unit: str, *, half: bool = False) -> str:
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


def year_from(text: str, reference: date) -> int:
    if text.startswith("'"):
        two = int(text[1:])
        century = reference.year // 100 * 100
        year = century + two
        return year - 100 if year > reference.year + 10 else year
    return int(text)


def weekday_date(weekday: int, reference: date, tense: str | None, *, relation: str | None = None) -> date:
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


def year_of_month(month: int, day: int | None, reference: date, tense: str | None) -> int:
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


def weekend_days(reference: date, tense: str | None, *, relation: str | None = None) -> tuple[date, date]:
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


def timex3_value(value: str | None, precision: str | None) -> str | None:
    """Our value in TimeML's own spelling, for scoring against TIMEX3 gold: a weekend range is `YYYY-Www-WE`,
    a night range (overnight) is the evening's day with `TNI`; every other value is already TIMEX3."""
    if not value or "/" not in value:
        return value
    first, _, _last = value.partition("/")
    if precision == "weekend" and re.fullmatch(r"\d{4}-\d\d-\d\d", first):
        return f"{iso_week(date.fromisoformat(first))}-WE"
    if precision == "night" and re.fullmatch(r"\d{4}-\d\d-\d\d", first):
        return f"{first}TNI"
    return value
