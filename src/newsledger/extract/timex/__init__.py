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

from newsledger.extract.timex.dates import FUTURE, PAST, PRESENT, Timex, timex3_value
from newsledger.extract.timex.rules import names_holiday, normalize

__all__ = ["FUTURE", "PAST", "PRESENT", "Timex", "names_holiday", "normalize", "timex3_value"]
