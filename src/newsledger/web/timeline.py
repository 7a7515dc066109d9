"""The timeline's geometry: a real time axis (dates placed by their distance, so gaps show as gaps), binned by
day, week, month or year so that the whole range fits the box the page gives it, and the latest data is on screen
when the page loads. One fill per event type: a colour-blind-safe colour, and past the palette the same colours
with a hatch, so no two types look alike; the legend and each bar's title name the type as well."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

# Paul Tol's "muted" scheme: nine colours told apart with any of the common colour-vision deficiencies.
PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
PATTERNS = ("solid", "hatch", "dots")
# Types in the order they get fills, so a type keeps its look from one filtered view to the next: the kinds of
# event a conflict desk sees most get the plain colours.
TYPE_ORDER = (
    "ASSAULT",
    "COERCE",
    "MOBILIZE",
    "PROTEST",
    "THREATEN",
    "CONSULT",
    "ACCUSE",
    "DEMAND",
    "AID",
    "AGREE",
    "COOPERATE",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
)
BIN_LIMITS = ((120, "day"), (2 * 366, "week"), (15 * 366, "month"))  # longest span in days for each bin size
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 1000, 260, 44, 12, 10, 46


def type_fills(types: list[str]) -> dict[str, dict[str, str]]:
    """Each type's colour and pattern; unknown types follow the known ones, in the order given."""
    ordered = [t for t in TYPE_ORDER if t in types] + [t for t in types if t not in TYPE_ORDER]
    rank = {t: TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER) + ordered.index(t) for t in ordered}
    fills = {}
    for t in ordered:
        index = rank[t]
        colour = PALETTE[index % len(PALETTE)]
        pattern = PATTERNS[(index // len(PALETTE)) % len(PATTERNS)]
        pattern_id = f"fill-{pattern}-{colour[1:].lower()}"
        fills[t] = {
            "colour": colour,
            "pattern": pattern,
            "fill": colour if pattern == "solid" else f"url(#{pattern_id})",
            "pattern_id": pattern_id,
        }
    return fills


def bin_unit(first: dt.date, last: dt.date) -> str:
    span = (last - first).days
    for limit, unit in BIN_LIMITS:
        if span <= limit:
            return unit
    return "year"


def bin_start(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def bin_end(start: dt.date, unit: str) -> dt.date:
    """The first day after the bin."""
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def _parse(day: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day[:10])
    except ValueError:
        return None


def timeline_chart(data: dict[str, Any]) -> dict[str, Any]:
    """SVG geometry from `{"counts": [{"day", "type", "n"}…]}` (the timeline's JSON twin), in a 1000-unit-wide
    viewBox the page scales to its width."""
    counts = [(d, c["type"], int(c["n"])) for c in data["counts"] if (d := _parse(str(c["day"]))) is not None]
    types = sorted({t for _, t, _ in counts}, key=lambda t: (-sum(n for _, u, n in counts if u == t), t))
    fills = type_fills(types)
    if not counts:
        return {"empty": True, "width": WIDTH, "height": HEIGHT + TOP + BOTTOM, "legend": [], "patterns": []}
    first, last = min(d for d, _, _ in counts), max(d for d, _, _ in counts)
    unit = bin_unit(first, last)
    start, stop = bin_start(first, unit), bin_end(bin_start(last, unit), unit)
    total_days = max(1, (stop - start).days)
    plot = WIDTH - LEFT - RIGHT

    def x_of(day: dt.date) -> float:
        return LEFT + (day - start).days / total_days * plot

    bins: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, t, n in counts:
        bins[bin_start(day, unit)][t] += n
    peak = max(sum(by_type.values()) for by_type in bins.values())
    rects = []
    for begin in sorted(bins):
        end = bin_end(begin, unit)
        x0, x1 = x_of(begin), x_of(end)
        width = max(1.5, (x1 - x0) * 0.9)  # a single day in a decade is still a visible mark
        stacked = 0.0
        for t in sorted(bins[begin], key=lambda t: types.index(t)):
            n = bins[begin][t]
            h = n / peak * HEIGHT
            last_day = end - dt.timedelta(days=1)
            rects.append(
                {
                    "x": round(x0, 2),
                    "y": round(TOP + HEIGHT - stacked - h, 2),
                    "w": round(width, 2),
                    "h": round(max(h, 0.5), 2),
                    "fill": fills[t]["fill"],
                    "type": t,
                    "since": begin.isoformat(),
                    "until": last_day.isoformat(),
                    "label": f"{_bin_label(begin, unit)}: {n} {t}",
                }
            )
            stacked += h
    return {
        "empty": False,
        "width": WIDTH,
        "height": HEIGHT + TOP + BOTTOM,
        "base": TOP + HEIGHT,
        "left": LEFT,
        "unit": unit,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "rects": rects,
        "ticks": [{"y": round(TOP + HEIGHT - n / peak * HEIGHT, 1), "n": n} for n in sorted({0, peak // 2, peak})],
        "axis": [
            {"x": round(x_of(day), 2), "label": label, "anchor": "end" if x_of(day) > WIDTH - 40 else "middle"}
            for day, label in _axis_ticks(start, stop)
        ],
        "legend": [{"type": t, **fills[t]} for t in types],
        "patterns": [
            {"id": f["pattern_id"], "pattern": f["pattern"], "colour": f["colour"]}
            for f in {f["pattern_id"]: f for f in fills.values() if f["pattern"] != "solid"}.values()
        ],
    }


def zoom_ranges(last: str | None) -> list[dict[str, str]]:
    """Ranges ending at the latest event, for the zoom buttons."""
    end = _parse(last or "")
    if end is None:
        return []
    ranges = []
    for label, days in (("last 30 days", 30), ("last 90 days", 90), ("last year", 365), ("last 5 years", 5 * 365)):
        ranges.append(
            {"label": label, "since": (end - dt.timedelta(days=days - 1)).isoformat(), "until": end.isoformat()}
        )
    return ranges


def _bin_label(begin: dt.date, unit: str) -> str:
    if unit == "day":
        return begin.isoformat()
    if unit == "week":
        return f"week of {begin.isoformat()}"
    if unit == "month":
        return begin.strftime("%Y-%m")
    return str(begin.year)


def _axis_ticks(start: dt.date, stop: dt.date) -> list[tuple[dt.date, str]]:
    """About eight evenly spaced, round dates: years, months or days depending on the span."""
    span = (stop - start).days
    ticks: list[tuple[dt.date, str]] = []
    if span > 3 * 366:
        step = max(1, round(span / 365 / 8))
        year = start.year + (-start.year % step)
        while dt.date(year, 1, 1) <= stop:
            if dt.date(year, 1, 1) >= start:
                ticks.append((dt.date(year, 1, 1), str(year)))
            year += step
    elif span > 90:
        months = max(1, round(span / 30 / 8))
        day = start.replace(day=1)
        index = 0
        while day <= stop:
            if day >= start and index % months == 0:
                ticks.append((day, day.strftime("%Y-%m")))
            day = bin_end(day, "month")
            index += 1
    else:
        step = max(1, round(span / 8))
        day = start
        while day <= stop:
            ticks.append((day, day.isoformat()))
            day += dt.timedelta(days=step)
    return ticks
