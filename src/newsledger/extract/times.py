"""Times: every time expression found, normalized against the publication date; and the date of an event.

Detection takes spaCy's DATE/TIME entities as one source, cleans them (ages and bare numbers are not dates,
a leading "earlier," is not part of the date) and adds what the model never tags ("now", "currently",
"overnight", "recently", "every Friday"). Each expression is normalized by `newsledger.extract.timex.normalize`
from its text, the reference date and the tense of the verb that governs it. Inside a direct quotation the
reference is the day the statement was made when the text allows (a date governing the reporting verb, or a
past-tense reporting verb in a report that narrates the present in the present tense: the day before
publication), with `TimeExpr.anchor` = "quote"; otherwise publication, with `anchor` = "quote-unknown".
Expressions the rules cannot value ("the day", "a fiscal year") are not reported. An article without a
publication date gets no relative value resolved (`unanchored`: "August 15" is `XXXX-08-15`, "yesterday" has
no value, precision "unanchored"), so a record never depends on the day it is made.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy
from spacy.attrs import LEMMA, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.lexicon.reporting import HEADLINE_PRESENT_VERBS, NARRATING_VERBS
from newsledger.extract.syntax import governing_verb
from newsledger.extract.timex import FUTURE, PAST, PRESENT, Timex, names_holiday, normalize
from newsledger.extract.timex.dates import quarter_of
from newsledger.model import TimeExpr, TimeRef
from newsledger.nlp.state import doc_text, get_state, records_attrs

# Words the model does not tag as DATE/TIME but TimeML counts as time expressions. Words that are time
# expressions only some of the time ("soon", "previously", "quarterly") are left out: in TimeBank they are
# annotated in fewer than half of their uses.
_EXTRA_PATTERN = re.compile(
    r"\b(?:right now|now|currently|presently|nowadays|these days|at present|recently|lately|overnight|"
    r"tonight|today|yesterday|tomorrow|the past|the future|the near future|daily|weekly|then[- ]current|"
    r"current|recent|future|"
    r"the latest (?:period|quarter)|the (?:near|short) term|"
    r"(?:last |this |next )?(?:thanksgiving(?: day)?|christmas(?: day| eve)?|new year's (?:day|eve)|"
    r"(?:independence|labor|memorial|veterans'?|columbus|presidents'?|election|mother's|father's|valentine's) day|"
    r"martin luther king(?: jr\.?)? day|the fourth of july|july fourth|halloween)|"
    r"(?:pre|post)-(?:1\d{3}|20\d\d)|"
    r"every (?:day|week|month|year|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:nineteen|eighteen) (?:hundred )?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ][a-z]+)?|"
    r"two thousand(?: and)?(?: one| two| three| four| five| six| seven| eight| nine| ten)?|"
    # a month and day the model tags as part of a name ("the Aug. 7 embassy bombings")
    r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.? [0-3]?\d(?:st|nd|rd|th)?(?:,? (?:1\d|20)\d\d)?|"
    r"(?:january|february|march|april|june|july|august|september|october|november|december) [0-3]?\d(?:st|nd|rd|th)?"
    r"(?:,? (?:1\d|20)\d\d)?|"
    # a count of units the model tags as a bare number ("at least two more weeks")
    r"(?:\d+(?: 1/2)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
    r" (?:more |additional |full )?(?:second|minute|hour|day|week|month|year|decade)s?(?![- ]old)|"
    # a rate's unit after a quantity ("$33 million a year"): checked against the word before it below
    r"(?:a|per) (?:year|day|week|month))\b",
    re.IGNORECASE,
)
# The same pattern, case-sensitive, for a lowered text: 3x faster than IGNORECASE (which folds every character it
# tries), with the same matches wherever lowering keeps every offset and folds as IGNORECASE does (see below).
# Every alternative starts with a letter or a digit, so a match starts only where a word does: the look-ahead turns
# away the word ends `\b` also stands at before some thirty alternatives are tried there (~30% faster).
_EXTRA_PATTERN_LOWERED = re.compile(r"\b(?=\w)" + _EXTRA_PATTERN.pattern.removeprefix(r"\b"))


def _extra_matches(text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of _EXTRA_PATTERN in the text."""
    # The pattern is all lower case and ASCII: lowering ASCII letters is exactly what IGNORECASE does to them, and
    # any other character matches a pattern letter under neither, unless one of its cases is ASCII or it lowers to
    # two characters (the Kelvin sign, dotless i, long s, dotted I): a text holding one of those takes the slow path.
    if text.isascii() or all(_folds_apart_from_ascii(c) for c in set(text)):
        return [match.span() for match in _EXTRA_PATTERN_LOWERED.finditer(text.lower())]
    return [match.span() for match in _EXTRA_PATTERN.finditer(text)]


def _folds_apart_from_ascii(char: str) -> bool:
    if char.isascii():
        return True
    lower = char.lower()
    return len(lower) == 1 and not lower.isascii() and not char.upper().isascii()


# Single words of the pattern above that need a part of speech to be a time ("the party daily Granma").
_NEEDS_ADVERB_OR_ADJECTIVE = {"daily", "weekly", "current", "now", "recent", "future"}
# Adjectives the model tags DATE that TimeML leaves alone when they modify a noun ("quarterly dividend").
_FREQUENCY_ADJECTIVES = {"quarterly", "annual", "daily", "weekly", "monthly", "yearly"}
_QUANTITY_WORDS = {"million", "billion", "percent", "times", "twice", "once", "thousand", "hundred", "dozen"}
_CONNECTORS = {"and", "or", "to", "through", "until", "till", "ended", "ending", "-", "–", "thru"}
# Words that may start a time expression although they are not time words themselves.
_MODIFIER_WORDS = {
    "the", "a", "an", "this", "that", "these", "those", "last", "next", "past", "coming", "early", "late", "mid",
    "recent", "several", "few", "some", "many", "each", "every", "at", "least", "most", "more", "less", "than",
    "about", "nearly", "almost", "over", "up", "no", "only", "just", "fiscal", "first", "second", "third",
    "fourth", "latest", "current", "same", "following", "previous", "prior", "earlier", "later", "all", "whole",
    "entire", "couple", "of", "half", "another", "additional", "further", "full", "final", "around", "roughly",
    "approximately", "other", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "twelve", "twenty", "thirty", "fifty", "hundred", "dozen", "mid-", "late-", "early-",
    "year", "noon", "midnight",
}  # fmt: skip
_LEADING_PREPOSITIONS = {"on", "in", "by", "since", "until", "of", "from", "between", "during", "as", "for", "and"}
_TIME_WORD = re.compile(
    r"(?:year|month|week|day|night|hour|minute|second|quarter|decade|centur|season|spring|summer|fall|autumn|"
    r"winter|morning|afternoon|evening|noon|midnight|today|tomorrow|yesterday|tonight|weekend|now|ago|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|a\.?m\b|p\.?m\b|"
    r"past|future|recent|current|annual|daily|fiscal|\b\d{4}\b|'\d\d|\d+'?s\b|period|thousand|nineteen)",
    re.IGNORECASE,
)
# "(1530 UTC)", "at 0930 GMT", "1400 hours": a four-digit clock time, never a year or a length of time
_CLOCK_DIGITS = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_CLOCK_AFTER = {"utc", "gmt", "zulu", "z", "hours", "hrs", "hrs.", "local", "cet", "cest", "est", "edt", "bst", "ist"}
_AGE = re.compile(r"\d+[- ]years?[- ]old|\b(?:aged?|age of)\b|years? of age|-year-old", re.IGNORECASE)
_FUTURE_MARKERS = {"will", "wo", "shall", "'ll", "going", "gon"}
_PLANNING_WORDS = {
    "expect", "schedule", "plan", "due", "set", "intend", "hope", "aim", "prepare", "propose", "slate", "to",
    "postpone", "delay", "defer", "adjourn", "extend", "reschedule",
}  # fmt: skip
_PROBE_DATE = date(2000, 6, 15)


def detect_spans(doc: Doc) -> list[Span]:
    """The time expressions of a doc, in text order, without overlaps."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if len(ent) == 1 and (
            (ent[0].lower_ in _FREQUENCY_ADJECTIVES and ent[0].dep_ != "advmod") or ent[0].lower_ == "annually"
        ):
            continue  # "quarterly dividend", "rise 8% annually": rates, which TimeML leaves unannotated
        cleaned = _clean_span(ent)
        if cleaned is not None:
            spans.extend(
                p
                for s in _split_span(cleaned)
                if _is_second_day(s) or _clean_span(s) is not None
                for p in _valued_parts(s)
            )
    taken = {i for span in spans for i in range(span.start, span.end)}
    for match_start, match_end in _extra_matches(doc_text(doc)):
        span = doc.char_span(match_start, match_end, alignment_mode="contract")
        if span is None or len(span) == 0 or any(i in taken for i in range(span.start, span.end)):
            continue
        if _is_clock_time(span):
            continue
        if _owned_future(span):
            pass  # "the boy's future": the time ahead of someone, FUTURE_REF
        elif len(span) == 1 and span[0].lower_ in _NEEDS_ADVERB_OR_ADJECTIVE and span[0].pos_ not in ("ADV", "ADJ"):
            continue
        elif span[0].lower_ == "future" or (
            span[0].lower_ in ("current", "recent") and (len(span) > 1 or not _modifies_noun(span[0]))
        ):
            continue  # "future" alone is mostly a plain adjective ("future growth"): only someone's future is kept
        if span[0].lower_ in ("a", "per") and not (span.start > 0 and _is_quantity(doc[span.start - 1])):
            continue  # "$33 million a year" is a rate; "a year" alone is left to the model
        spans.append(span)
        taken.update(range(span.start, span.end))
    spans = _merge_adjacent(sorted(spans, key=lambda span: span.start))
    return [_drop_later(_extend_right(span)) for span in spans if not _is_bare_part_of_day(span)]


def _modifies_noun(token: Token) -> bool:
    """ "future talks", "future medical disasters": an adjective before the noun it qualifies."""
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN"):
        return True
    return token.dep_ == "amod" and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN")


def _owned_future(span: Span) -> bool:
    """ "Elian's future", "their future": the noun with an owner is someone's time ahead (TimeML: FUTURE_REF)."""
    token = span[0]
    return (
        len(span) == 1
        and token.lower_ == "future"
        and token.pos_ == "NOUN"
        and any(child.dep_ == "poss" for child in token.children)
    )


_LENGTH_THEN_LATER = re.compile(
    r"(?:second|minute|hour|day|night|week|month|year|decade)s?(?: and a half)? later$", re.IGNORECASE
)


def _drop_later(span: Span) -> Span:
    """ "three days later": TimeML annotates the length, a DURATION, and leaves "later" as the signal that
    relates it to the event before ("a year earlier" and "two years ago" stay whole, as dates)."""
    if len(span) > 2 and _LENGTH_THEN_LATER.search(span.text):
        return span[:-1]
    return span


def _is_bare_part_of_day(span: Span) -> bool:
    # "the night", and "(only) minutes apart", "seconds before": a bare count-less span of seconds or minutes
    # measures how close two events were, not a time TimeML annotates
    return (
        span.text.lower() in ("the night", "the evening", "the afternoon")
        or _BARE_SHORT_UNITS.fullmatch(span.text) is not None
    )


_BARE_SHORT_UNITS = re.compile(r"(?:(?:only|just|mere) )?(?:seconds|minutes)", re.IGNORECASE)


def _clean_span(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end:
        token = doc[start]
        lower = token.lower_
        if token.is_punct or lower in _LEADING_PREPOSITIONS:
            start += 1
        elif lower in ("earlier", "later") and start + 1 < end and doc[start + 1].is_punct:
            start += 2  # "Earlier, ..." is a discourse adverb, not part of the date after it
        elif lower == "at" and not (start + 1 < end and doc[start + 1].lower_ in ("least", "most")):
            start += 1
        elif token.like_num and start + 1 < end and doc[start + 1].lower_ in ("a", "an"):
            start += 1  # "up from seven a year ago": the count belongs to the sentence, not the date
        elif lower in ("a", "an", "the") and start + 1 < end and _is_foreign(doc[start + 1]):
            start += 1  # "an interview several months": the model's span started too early
        elif _is_foreign(token) and not names_holiday(doc[start:end].text):
            start += 1
        else:
            break
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].lower_ in ("'s", "'", "and", "or", "but", "of")
        or (doc[end - 1].pos_ == "NOUN" and not _TIME_WORD.search(doc[end - 1].text) and end - 1 > start)
    ):
        end -= 1  # "1987 level", "now and": words after the date
    if start >= end:
        return None
    cleaned = doc[start:end]
    text = cleaned.text
    if _AGE.search(text) or (end < len(doc) and doc[end].lower_ in ("old", "-old")):
        return None
    if _is_clock_time(doc[start:end]):
        return None
    if not _TIME_WORD.search(text):
        return None  # bare numbers ("18", "two") and model numbers ("80486") are not dates
    return cleaned


def _is_foreign(token: Token) -> bool:
    """A word inside a model's DATE span that is no part of a time expression."""
    return (
        token.lower_ not in _MODIFIER_WORDS
        and not token.like_num
        and not _TIME_WORD.search(token.text)
        and token.pos_ in ("NOUN", "PROPN", "VERB", "ADV", "ADJ", "X", "DET", "CCONJ")
    )


def _split_span(span: Span) -> list[Span]:
    """One span the model merged, split where it holds two expressions.

    "Monday and Tuesday", "between now and Feb. 10" and "April 24 and 25" are two expressions; "the six months
    ended Aug. 12" is a duration and a date; "from 1996 to 2001" and "2009-2010" stay one range (valued
    `1996/2001`), as the ledger records a stretch of years."""
    doc = span.doc
    for token in span:
        if token.i <= span.start or token.i >= span.end - 1:
            continue
        if token.text == "," and _YEAR.fullmatch(doc[token.i - 1].text) and _YEAR.fullmatch(doc[token.i + 1].text):
            # "in 1994, 1995 and 1997": a list of years, each an expression
            return [doc[span.start : token.i], *_split_span(doc[token.i + 1 : span.end])]
        if token.lower_ not in _CONNECTORS:
            continue
        if token.text in ("-", "–") and not (doc[token.i - 1].like_num and doc[token.i + 1].like_num):
            continue  # "year-earlier" is one word
        left, right = doc[span.start : token.i], doc[token.i + 1 : span.end]
        left_value = normalize(left.text, _PROBE_DATE)
        if _is_second_day(right) and left_value is not None and _DAY_VALUE.fullmatch(left_value.value or ""):
            return [left, right]  # "April 24 and 25": two days, the second dated by the first
        right_value = normalize(right.text, _PROBE_DATE)
        if left_value is None or right_value is None or not left_value.value or not right_value.value:
            continue
        if token.lower_ in ("ended", "ending"):
            return [left, right]
        years = re.fullmatch(r"\d{4}", left_value.value) and re.fullmatch(r"\d{4}", right_value.value)
        if years and token.lower_ not in ("or", "and"):
            continue  # "from 1996 to 2001", "2009-2010": one range of years, valued 1996/2001
        return [left, right]
    return [span]


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_YEAR = re.compile(r"1\d{3}|20\d\d")
_DAY_NUMBER = re.compile(r"[0-3]?\d(?:st|nd|rd|th)?")
_MONTH_WORD = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?", re.IGNORECASE)


def _is_second_day(span: Span) -> bool:
    """A bare day of the month after a date and "and"/"or" ("April 24 and 25"): TimeML annotates it as a date
    of its own, in the month of the date before ("May 3 to 5" stays one range, as "from 1996 to 2001" does)."""
    doc = span.doc
    return (
        len(span) == 1
        and _DAY_NUMBER.fullmatch(span.text) is not None
        and span.start >= 3
        and doc[span.start - 1].lower_ in ("and", "or")
        and _DAY_NUMBER.fullmatch(doc[span.start - 2].text) is not None
        and _MONTH_WORD.fullmatch(doc[span.start - 3].text) is not None
    )


_PROBE_PREVIOUS = (None, _PROBE_DATE.isoformat(), "2000-Q2")  # anaphoric expressions need an expression before


def _has_value(text: str) -> bool:
    for previous in _PROBE_PREVIOUS:
        found = normalize(text, _PROBE_DATE, previous=previous)
        if found is not None and found.value:
            return True
    return False


_LONGEST_SEARCHED = 8  # tokens: the model's time spans are short; longer ones are not searched word by word


def _valued_parts(span: Span) -> list[Span]:
    """The time expressions inside a span the normalizer cannot value as a whole.

    TimeML annotates "the first nine months of 1997" as two expressions (a duration and a year), and "the day
    Friday" by the expression inside (the longest part that has a value); a span that yields nothing is kept
    as it is (and dropped later for having no value)."""
    if _has_value(span.text):
        return [span]
    doc = span.doc
    for token in span[1:-1]:
        if token.lower_ == "of":
            left, right = doc[span.start : token.i], doc[token.i + 1 : span.end]
            if _has_value(left.text) and _has_value(right.text):
                return [left, right]
    if len(span) > _LONGEST_SEARCHED:
        return [span]
    for length in range(len(span) - 1, 0, -1):
        for start in range(span.start, span.end - length + 1):
            part = doc[start : start + length]
            if part[0].is_punct or part[-1].is_punct or part[0].lower_ in _LEADING_PREPOSITIONS:
                continue
            if _TIME_WORD.search(part.text) and _has_value(part.text):
                return [part]
    return [span]


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """'noon' + 'Saturday', 'Friday' + 'Oct. 13': one expression when read together."""
    merged: list[Span] = []
    text = doc_text(spans[0].doc) if spans else ""
    for span in spans:
        if merged:
            last = merged[-1]
            gap = text[last.end_char : span.start_char]
            if gap.strip() in ("", ",", "on", "of") and len(gap) <= 4:
                combined = span.doc[last.start : span.end]
                value = normalize(combined.text, _PROBE_DATE)
                if value is not None and value.value and re.match(r"\d{4}-\d\d-\d\d", value.value):
                    merged[-1] = combined
                    continue
        merged.append(span)
    return merged


_LEFT_MODIFIERS = {"this", "last", "next", "past", "coming"}
_UNIT_NOUNS = {"year", "week", "month", "quarter", "weekend", "century", "decade", "summer", "winter", "spring", "fall"}


def _extend_right(span: Span) -> Span:
    doc = span.doc
    start = span.start
    if start > 0 and doc[start - 1].lower_ in _LEFT_MODIFIERS and span[0].lower_ in _UNIT_NOUNS:
        start -= 1  # "this year's results": the model tags only "year"
    if (
        start >= 2
        and doc[start - 1].lower_ in ("before", "after")
        and doc[start - 2].lower_ in ("day", "week", "month", "year")
        and not (start >= 3 and doc[start - 3].lower_ in ("every", "each", "a", "one", "per"))
    ):
        # "the day before last Tuesday's hearing": TimeML annotates the shifted date as one expression
        start -= 3 if start >= 3 and doc[start - 3].lower_ == "the" else 2
    if start != span.start:
        span = doc[start : span.end]
    end = span.end
    if span.start > 0 and doc[span.start - 1].lower_ in ("each", "every") and len(span) == 1:
        return doc[span.start - 1 : end]  # "each July", "every Friday": a set
    if end + 1 < len(doc) and span[-1].lower_ == "year" and doc[end].text == "-" and doc[end + 1].lower_ == "end":
        return doc[span.start : end + 2]  # "year-end"
    if end < len(doc) and span[-1].lower_ == "year" and doc[end].lower_ in ("end", "-end"):
        return doc[span.start : end + 1]
    if (
        end < len(doc)
        and doc[end].lower_ in ("period", "quarter", "level", "months")
        and re.search(r"year-(?:ago|earlier)$|year (?:ago|earlier)$|\b\d{4}$", span.text.lower())
    ):
        return doc[span.start : end + 1]
    return span


# --- tense ---------------------------------------------------------------------------------------


_DEADLINE_PREPOSITIONS = {"until", "till", "to", "by", "through", "before"}
_DEADLINE_WORDS = {"payable", "due", "effective", "expire", "deadline", "scheduled"}


def expression_tense(span: Span) -> str | None:
    """The tense that places an expression: its governing verb's, except for deadlines and arrangements
    ("was extended to Nov. 16", "payable Dec. 7"), which a past-tense verb does not place in the past."""
    if span.root.dep_ in ("poss", "compound", "nmod", "amod") or (
        span.root.head.pos_ in ("NOUN", "PROPN") and span.root.head not in span
    ):
        return None  # "Thursday's closing price": a noun's modifier, not placed by a verb's tense
    if span.start > 0 and span.doc[span.start - 1].lower_ == "since" and verb_tense(governing_verb(span)) != FUTURE:
        return PAST  # "the change since year-end": what a present or past statement counts from lies behind it
    verb = governing_verb(span)
    tense = verb_tense(verb)
    if tense is None and _after_words(span, _EARLIEST_BOUND):
        return FUTURE  # "could come as early as Tuesday": an earliest date is a coming one
    if tense == PRESENT and verb is not None and verb.lemma_ in HEADLINE_PRESENT_VERBS:
        return PAST  # "the ministry says Monday": the headline present of what was said
    if tense != PAST:
        return tense
    head = span.root.head
    if head.lower_ in ("until", "till", "by"):
        if verb is not None and any(c.lower_ in ("had", "'d") for c in verb.children):
            return PAST  # "until Thursday, they had not called him a suspect"
        return FUTURE  # a deadline set in the past lies ahead: "were given until Tuesday"
    if head.lower_ in _DEADLINE_PREPOSITIONS or head.lower_ in _DEADLINE_WORDS or head.lemma_ in _DEADLINE_WORDS:
        return None
    if verb is not None and verb.lemma_ in _PLANNING_WORDS and verb.lemma_ != "to":
        return None  # "was set for March 12": what was arranged may lie ahead of the report
    return tense


_WEEKDAY_NAME = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)


def _arranged_weekday(span: Span) -> bool:
    """A weekday arranged in the past tense ("planned a rally on Saturday", "was scheduled for Monday"): the
    arrangement does not say whether the day has come yet. A weekday set before the verb ("On Friday, the
    government planned to pay") dates the arranging itself, which is past."""
    verb = governing_verb(span)
    return (
        len(span) == 1
        and _WEEKDAY_NAME.fullmatch(span.text) is not None
        and verb is not None
        and verb.i < span.start
        and verb.lemma_ in _PLANNING_WORDS
        and verb_tense(verb) == PAST
    )


def _nearest_day(text: str, published: date, previous: str | None) -> Timex | None:
    """Of the weekday's last and next occurrence, the one nearer publication (the last on a tie)."""
    past = normalize(text, published, PAST, previous=previous)
    future = normalize(text, published, FUTURE, previous=previous)
    if past is None or future is None or not past.value or not future.value:
        return None
    if not (_DAY_VALUE.fullmatch(past.value) and _DAY_VALUE.fullmatch(future.value)):
        return None
    ahead = (date.fromisoformat(future.value) - published).days
    behind = (published - date.fromisoformat(past.value)).days
    return future if ahead < behind else past


_EARLIEST_BOUND = (("as", "early", "as"), ("as", "soon", "as"))


def _after_words(span: Span, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the span comes right after one of the phrases (lowercase words)."""
    doc = span.doc
    for phrase in phrases:
        start = span.start - len(phrase)
        if start >= 0 and tuple(token.lower_ for token in doc[start : span.start]) == phrase:
            return True
    return False


_PROSPECTIVE_MODALS = {"would", "could", "might", "may", "should", "can", "ca", "must"}
_INTENT_VERBS = _PLANNING_WORDS | {
    "want", "need", "agree", "promise", "decide", "threaten", "vow", "pledge", "be", "go",
    "ask", "urge", "seek", "try", "wish", "like", "begin", "start", "order",
}  # fmt: skip
_MOVING_VERBS = {"go", "come", "leave", "travel", "fly", "meet", "visit", "hold", "return", "arrive", "head", "begin"}


def verb_tense(verb: Token | None, *, depth: int = 0) -> str | None:
    """past, present or future, from the verb, its auxiliaries and the verbs it depends on."""
    if verb is None or depth > 4:
        return None
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    lowers = {child.lower_ for child in auxiliaries}
    tags = {verb.tag_} | {child.tag_ for child in auxiliaries}
    if lowers & _FUTURE_MARKERS or verb.lower_ in _FUTURE_MARKERS:
        return FUTURE
    if lowers & _PROSPECTIVE_MODALS:
        if lowers & {"have", "'ve"}:
            return PAST
        return None if lowers & {"could", "can", "ca"} else FUTURE  # "could not be reached Wednesday"
    if "to" in lowers and verb.tag_ == "VB":
        # an infinitive: what is planned, expected or wanted lies ahead; otherwise it takes its head's tense
        head = verb.head
        if head.i == verb.i:
            return None
        if verb.dep_ in ("csubj", "advcl"):
            # a subject ("the first to join on Friday were ...") or a purpose ("extended its offer to buy
            # the company Friday") is not what the head plans: it takes the head's tense
            return verb_tense(head, depth=depth + 1)
        if head.lemma_.lower() in _INTENT_VERBS or head.lower_ in ("due", "set", "likely", "scheduled", "about"):
            head_auxiliaries = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
            if head.dep_ == "acomp":  # "had been due to expire": the auxiliaries hang on "been"
                head_auxiliaries |= {c.lower_ for c in head.head.children if c.dep_ in ("aux", "auxpass")}
            if head_auxiliaries & {"had", "'d"}:
                return PAST  # "had been due to expire Friday": the plan's day has passed
            return FUTURE
        return verb_tense(head, depth=depth + 1)
    if verb.tag_ == "VBG" and lowers & {"is", "are", "am", "'s", "'re"}:
        return FUTURE if verb.lemma_ in _MOVING_VERBS else PRESENT
    if verb.lemma_.lower() in _PLANNING_WORDS and tags & {"VBZ", "VBP"}:
        return FUTURE  # "is expected", "are scheduled", "plans"
    if "VBD" in tags or lowers & {"has", "have", "had", "'ve", "was", "were", "'d"}:
        return PAST
    if verb.tag_ == "VBN" and not auxiliaries:
        return PAST  # "the treaty signed Monday"
    if tags & {"VBZ", "VBP"}:
        return PRESENT
    if verb.tag_ == "MD":
        return FUTURE if verb.lower_ in _FUTURE_MARKERS | _PROSPECTIVE_MODALS else None
    if verb.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl") or verb.tag_ in ("VBG", "VB"):
        head = verb.head
        return None if head.i == verb.i else verb_tense(head, depth=depth + 1)
    return None


# --- quotations ----------------------------------------------------------------------------------


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of direct quotations (inside the marks)."""
    ranges = []
    for match in re.finditer(r"[“«]([^”»]{1,2000})[”»]|\"([^\"\n]{1,2000})\"", text):
        group = 1 if match.group(1) is not None else 2
        ranges.append((match.start(group), match.end(group)))
    return ranges


def _quote_reference(
    doc: Doc, quote: tuple[int, int], published: date, dated: list[tuple[Span, Timex]]
) -> tuple[date, str]:
    """The day a quoted statement was made, and how we know: 'quote' or 'quote-unknown'."""
    inside = doc.char_span(quote[0], quote[1], alignment_mode="contract")
    if inside is None or len(inside) == 0:
        return published, "quote-unknown"
    token = inside[0]
    for _ in range(20):
        if token.idx < quote[0] - 1 or token.idx >= quote[1] + 1:
            break
        if token.head.i == token.i:
            break
        token = token.head
    else:
        return published, "quote-unknown"
    if quote[0] - 1 <= token.idx < quote[1] + 1:
        # the quote's own root: the reporting verb is whatever the quote hangs from, if anything
        return published, "quote-unknown"
    cue = token
    for _ in range(4):  # "put out a statement saying “…”": the finite verb above the participle
        if cue.tag_ in ("VBD", "VBZ", "VBP", "MD") or cue.head.i == cue.i:
            break
        cue = cue.head
    # A date outside the quote that governs its reporting verb dates the statement.
    for span, timex in dated:
        if quote[0] <= span.start_char < quote[1] or timex.type != "DATE" or not timex.value:
            continue
        if span.sent != inside.sent:
            continue
        head = governing_verb(span)
        if head is not None and head in (token, cue) and re.fullmatch(r"\d{4}-\d\d-\d\d", timex.value):
            return date.fromisoformat(timex.value), "quote"
    # A statement reported in the past tense in a report that narrates the present in the present tense was
    # made before publication day: the day before is the likeliest reading.
    if cue.tag_ == "VBD" and _narrates_in_present(doc):
        return published - timedelta(days=1), "quote"
    return published, "quote-unknown"


def _narrates_in_present(doc: Doc) -> bool:
    # asked once per quoted time expression: one pass over the doc, remembered on it
    cached = doc.user_data.get("newsledger_narrates_in_present")
    if cached is None:
        strings = doc.vocab.strings
        reporting = {strings.add(lemma) for lemma in NARRATING_VERBS}
        present_tags = {strings.add("VBZ"), strings.add("VBP")}
        past_tag = strings.add("VBD")
        # token attributes read as one array: creating a Token object per word costs more than the count
        attrs = doc.to_array([LEMMA, TAG])
        tags = attrs[numpy.isin(attrs[:, 0], list(reporting)), 1]
        present = int(numpy.isin(tags, list(present_tags)).sum())
        past = int((tags == past_tag).sum())
        cached = doc.user_data["newsledger_narrates_in_present"] = present > past
    return bool(cached)


# --- the component -------------------------------------------------------------------------------


def _publication_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def extract_times(doc: Doc, published: date | None) -> list[TimeExpr]:
    """The doc's time expressions as records, ids t1, t2, … in text order.

    Without a publication date nothing relative is resolved (the records must not depend on the day they
    are made): see `unanchored`."""
    quotes = quote_ranges(doc_text(doc))
    spans = detect_spans(doc)
    dated: list[tuple[Span, Timex]] = []
    anchors: list[str] = []
    recent: list[str] = []  # values of the last expressions that can anchor an anaphoric one
    current_quarter = quarter_of(published) if published else "9999-Q4"
    for span in spans:
        tense = expression_tense(span)
        # "a year earlier" in an earnings report is the quarter a year before, when a quarter was just named
        # (year-ago comparisons are made for reported results: a quarter after publication's, as in an
        # outlook, is not their anchor)
        anchors_so_far = [v for v in recent if "-Q" not in v or v <= current_quarter]
        previous = next(
            (v for v in reversed(anchors_so_far[-3:]) if "-Q" in v),
            anchors_so_far[-1] if anchors_so_far else None,
        )
        if published is None:
            found = unanchored(_as_read(span), tense, previous=previous)
        else:
            found = normalize(_as_read(span), published, tense, previous=previous)
            if tense is None and _arranged_weekday(span):
                found = _nearest_day(_as_read(span), published, previous) or found
        if span.text.lower() in ("one day", "some day") and span.start > 0 and span.doc[span.start - 1].tag_ == "MD":
            found = Timex("FUTURE_REF", "DATE", "vague")  # "will one day be": someday, not a day's length
        if found is None or not (found.value or found.precision == UNANCHORED):
            continue  # an expression we cannot value ("the day", "a fiscal year") is not reported
        timex = found
        dated.append((span, timex))
        anchors.append("publication" if published else "none")
        if timex.value and timex.type == "DATE" and timex.value[:1].isdigit() and not _ANAPHORIC_TEXT.search(span.text):
            recent.append(timex.value)
    records = []
    for index, (span, timex) in enumerate(dated):
        anchor = anchors[index]
        quote = next((q for q in quotes if q[0] <= span.start_char and span.end_char <= q[1]), None)
        if quote is not None and published is not None and _is_deictic(span.text):
            quote_date, anchor = _quote_reference(doc, quote, published, dated)
            if quote_date != published:
                timex = normalize(span.text, quote_date, expression_tense(span)) or timex
        records.append(
            TimeExpr(
                id=f"t{index + 1}",
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                value=timex.value,
                type=timex.type,
                precision=timex.precision,
                anchor=anchor if timex.value else "none",
            )
        )
    return records


UNANCHORED = "unanchored"
# Two reference dates that differ in every part a relative expression can depend on (year, quarter, month,
# ISO week, day, weekday): what an expression's value shares under both does not depend on the reference.
_UNANCHORED_PROBES = (date(2001, 3, 14), date(2012, 8, 27))


def unanchored(text: str, tense: str | None = None, *, previous: str | None = None) -> Timex | None:
    """An expression's value when the article has no publication date to anchor it.

    Absolute dates, durations, sets and vague references keep their values. The parts of a value that
    depend on the reference date are written X, as TIMEX3 writes an unknown part ("September 13" is
    `XXXX-09-13`, "5 p.m." `XXXX-XX-XXT17:00`), with precision "unanchored"; an expression with nothing left
    ("yesterday", "last week", "over the weekend") keeps no value, precision "unanchored". Never the day the
    record happens to be made."""
    first, second = (normalize(text, probe, tense, previous=previous) for probe in _UNANCHORED_PROBES)
    if first is None or second is None:
        return None
    if first == second:
        return first
    value = _shared_value(first.value or "", second.value or "")
    return Timex(value, first.type, UNANCHORED)


def _shared_value(first: str, second: str) -> str | None:
    """The parts two values share, each differing part's digits written X; None when no digit is left."""
    first_parts, second_parts = re.split(r"([-/T])", first), re.split(r"([-/T])", second)
    if len(first_parts) != len(second_parts):
        return None
    shared = []
    for one, other in zip(first_parts, second_parts, strict=True):
        if one != other:
            one = re.sub(r"\d", "X", one)
            if one != re.sub(r"\d", "X", other):
                return None
        shared.append(one)
    value = "".join(shared)
    return value if re.search(r"\d", value) else None


_RATE_UNIT = re.compile(r"(?:a|per) (?:year|day|week|month)", re.IGNORECASE)


def _is_clock_time(span: Span) -> bool:
    """A four-digit clock time with its zone or "hours" after it, inside or just after the span."""
    doc = span.doc
    first = span[0]
    if not _CLOCK_DIGITS.fullmatch(first.text):
        return False
    after = span[1] if len(span) > 1 else (doc[span.end] if span.end < len(doc) else None)
    if after is None:
        return False
    # the word's letters only: text with a missing space glues "UTC)." to what follows
    letters = re.match(r"[a-z]*\.?", after.lower_)
    return letters is not None and letters.group() in _CLOCK_AFTER


def _is_quantity(token: Token) -> bool:
    return token.like_num or token.lower_ in _QUANTITY_WORDS


_DEFINITE_YEAR = re.compile(r"the (?:fiscal |financial |calendar )?year", re.IGNORECASE)
_LENGTH_OF_YEAR_AFTER = {"ended", "ending", "to", "through", "until"}
_LENGTH_OF_YEAR_BEFORE = {"throughout", "over"}


_EACH_OF_UNITS = re.compile(
    r"(?:the )?(?:last|past|next|first|previous|coming) \w+ (?P<unit>day|week|month|year)s", re.IGNORECASE
)
_UNIT_BEFORE = re.compile(r"the (?:day|week|month|year)", re.IGNORECASE)


def _as_read(span: Span) -> str:
    """The text to normalize: the span's, except where the words around it decide what it is.

    A rate's unit after a quantity ("$33 million a year") is a set, as TimeML annotates it. "For the year,
    volume rose" names the year under discussion (valued like "that year"), while "the year ended Sept. 30"
    and "throughout the year" are a year's length (P1Y)."""
    text = span.text
    doc = span.doc
    if _RATE_UNIT.fullmatch(text) and span.start > 0 and _is_quantity(doc[span.start - 1]):
        return "per " + text.split()[-1]  # "$33 million a year": a rate, which TimeML annotates as a set
    each_unit = _EACH_OF_UNITS.fullmatch(text)
    if each_unit and span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ == "each":
        return f"each {each_unit.group('unit')}"  # "in each of the last three years": a set, one every year
    after_next = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if (
        _UNIT_BEFORE.fullmatch(text)
        and span.end < len(doc)
        and doc[span.end].lower_ in ("before", "after")
        and (after_next is None or after_next.is_punct)
    ):
        return f"{text} {doc[span.end].lower_}"  # "than the year before.": the year before the one just named
    if not _DEFINITE_YEAR.fullmatch(text):
        return text
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if after in _LENGTH_OF_YEAR_AFTER or before in _LENGTH_OF_YEAR_BEFORE:
        return text
    return "that year"


_ANAPHORIC_TEXT = re.compile(
    r"\b(?:earlier|later|ago|that|same|following|previous|prior|preceding|period|year-earlier|year-ago)\b",
    re.IGNORECASE,
)
_DEICTIC = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|now|this|last|next|ago|overnight|coming|past|recent|"
    r"mon|tues|wednes|thurs|fri|satur|sun)",
    re.IGNORECASE,
)


def _is_deictic(text: str) -> bool:
    return bool(_DEICTIC.search(text))


@Language.component(
    "newsledger_times",
    requires=["doc.ents", "token.dep", "token.tag", "token.lemma"],
    assigns=["doc._.newsledger", *records_attrs("times")],
)
def times_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.times = extract_times(doc, _publication_date(state.article.published))
    return doc


# --- dating events -------------------------------------------------------------------------------

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?:T.*)?")


def acled_precision(value: str | None) -> int | None:
    """ACLED time precision of a value: 1 a day (or a weekend or night), 2 a week, 3 a month or vaguer."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        if _DAY_VALUE.fullmatch(first) and _DAY_VALUE.fullmatch(last):
            span_days = (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
            return 1 if span_days <= 2 else 2 if span_days <= 7 else 3
        return 3
    if _DAY_VALUE.fullmatch(value):
        return 1
    if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", value):
        return 2
    return 3


def _is_datable(expression: TimeExpr) -> bool:
    value = expression.value or ""
    return bool(value) and expression.type in ("DATE", "TIME") and value[:1].isdigit() and "X" not in value


def event_when(doc: Doc, sentence: Span, trigger: Token) -> TimeRef:
    """When an event happened: the time expression governing the trigger, else the publication date with a
    precision that says it was defaulted (ACLED time precision 1 day, 2 week, 3 month or vaguer)."""
    state = get_state(doc)
    candidates = [
        t for t in state.times if sentence.start_char <= t.start and t.end <= sentence.end_char and _is_datable(t)
    ]
    if candidates:
        chosen = _governing_expression(doc, candidates, trigger)
        return TimeRef(value=chosen.value, precision=acled_precision(chosen.value), time=chosen.id)
    return TimeRef(value=state.article.published, precision=3, time=None)


def _governing_expression(doc: Doc, candidates: list[TimeExpr], trigger: Token) -> TimeExpr:
    """Dependency path first (the expression hangs from the trigger or a verb above it), then nearness."""
    ancestors = [trigger, *trigger.ancestors]
    best: tuple[int, int, TimeExpr] | None = None
    for expression in candidates:
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        path_rank = 99
        for rank, ancestor in enumerate(ancestors):
            if root.head.i == ancestor.i or ancestor in root.ancestors:
                head_verb = governing_verb(span)
                if head_verb is None or head_verb.i == ancestor.i or rank == 0:
                    path_rank = rank
                    break
        if path_rank == 99 and root in trigger.subtree:
            path_rank = 0
        distance = min(abs(trigger.i - span.start), abs(trigger.i - (span.end - 1)))
        key = (path_rank, distance, expression)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best is not None else candidates[0]
