# ruff: noqa: E501  (the grammar is written as regular expressions, which read best unbroken)
"""The words and patterns time expressions are made of: months, weekdays, seasons, parts of the day, units,
number words, tense words, and the regular-expression pieces the rules are built from."""

from __future__ import annotations

import re

from newsledger.extract.lexicon.numbers import TENS_WORDS, UNIT_WORDS

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
MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY_RE = (
    r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?)\.?"
)
DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR_RE = r"(?P<year>1[0-9]{3}|20[0-9]{2}|'\d\d)"
NUM_RE = r"(?P<num>\d+(?:\.\d+)?(?: 1/2)?|[a-z]+(?:[- ][a-z]+)?)"
UNIT_RE = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie)|millennium)s?"
LEADING_WORDS = re.compile(
    r"^(?:(?:as early as|as late as|as soon as|no later than|as of|at least|at most|more than|less than|up to|"
    r"the whole|the entire|the rest of|the remainder of|the course of|some time|sometime|on|in|at|by|during|"
    r"over|since|until|till|for|from|of|about|around|within|throughout|through|before|after|into|nearly|"
    r"almost|approximately|roughly|just|only|all|its|their|his|her|our|an(?= (?:[a-z]{3}\.? \d|\d)))\s+)+"
)
MODIFIERS = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:(?:early|small|wee|late) hours of|earlier|later|early|late|mid|middle of|end of|beginning of|start of|close of|"
    r"turn of|first half of|second half of|latter part of|early part of|later part of|the end of|"
    r"the beginning of|the start of|the middle of)[\s-]+)+"
)
