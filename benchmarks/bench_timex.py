"""Normalizing time expressions: expressions per second, beside dateparser on the same expressions.

    .venv/bin/python benchmarks/bench_timex.py [--rounds 3] [--json]

The expressions are every TIMEX3 text of ../shared/eval/timex/TBAQ-cleaned/ with its document's creation date
when that corpus is present, else a generated mix of the forms news reports use. Each is normalized by
`newsledger.extract.timex.normalize` with its cache bypassed (every call does the work), and by
`dateparser.parse` with the same reference date, the baseline measured in the same run: the ratio travels
between machines, absolute rates do not. Target: 5,000 expressions/s or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
TBAQ = ROOT.parent / "shared" / "eval" / "timex" / "TBAQ-cleaned"
TENSES = ("past", "present", "future", None)


def expressions() -> list[tuple[str, dt.date]]:
    found: list[tuple[str, dt.date]] = []
    for path in sorted(TBAQ.rglob("*.tml")) if TBAQ.exists() else []:
        raw = path.read_text(encoding="utf-8")
        dct_value = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', raw)
        if dct_value is None:
            continue
        reference = dt.date.fromisoformat(dct_value.group(1))
        body = raw.split("<TEXT>", 1)[-1]
        for match in re.finditer(r"<TIMEX3[^>]*>(.*?)</TIMEX3>", body):
            found.append((re.sub(r"<[^>]+>", "", match.group(1)), reference))
    if found:
        return found
    rng = random.Random(7)
    forms = [
        "over the weekend", "overnight", "from 1996 to 2001", "August 15", "September 13", "this week", "a week",
        "last month", "two years ago", "the third quarter", "Monday", "every Friday", "now", "recently",
        "the past two months", "5 p.m.", "this morning", "Sept. 27, 1989", "the 1990s", "daily", "a year earlier",
    ]  # fmt: skip
    return [(rng.choice(forms), dt.date(2021, 9, 6) - dt.timedelta(days=rng.randrange(2000))) for _ in range(2000)]


def rate(
    function: Callable[[str, dt.date, str | None], object], items: list[tuple[str, dt.date]], rounds: int
) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for index, (text, reference) in enumerate(items):
            function(text, reference, TENSES[index % 4])
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-sample", type=int, default=400, help="expressions given to dateparser")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import dateparser

    from newsledger.extract.timex import normalize

    uncached = normalize.__wrapped__  # type: ignore[attr-defined]
    items = expressions()
    uncached(items[0][0], items[0][1])  # compile the patterns outside the timing

    def parse_with_dateparser(text: str, reference: dt.date, tense: str | None) -> object:
        base = dt.datetime(reference.year, reference.month, reference.day)
        return dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})

    ours = rate(uncached, items, args.rounds)
    sample = items[:: max(1, len(items) // args.baseline_sample)]
    parse_with_dateparser(*sample[0], None)
    theirs = rate(parse_with_dateparser, sample, 1)
    result = {
        "expressions": len(items),
        "normalize_per_s": round(ours),
        "dateparser_per_s": round(theirs),
        "ratio_to_dateparser": round(ours / theirs, 2),
        "target_per_s": 5000,
        "meets_target": ours >= 5000,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"time expressions: {len(items)} ({'TBAQ' if TBAQ.exists() else 'generated'})")
    print(f"newsledger normalize: {ours:,.0f} expressions/s (target 5,000)")
    print(f"dateparser.parse:     {theirs:,.0f} expressions/s (baseline, {len(sample)} expressions)")
    print(f"ratio: {ours / theirs:.1f}x dateparser")


if __name__ == "__main__":
    main()
