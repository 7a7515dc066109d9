"""The timeline's geometry: dates to scale, bins that fit, one look per type."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.model import PLOVER_TYPES
from newsledger.web.timeline import PALETTE, bin_unit, timeline_chart, type_fills, zoom_ranges


def counts(*rows: tuple[str, str, int]) -> dict[str, list[dict[str, object]]]:
    return {"counts": [{"day": day, "type": t, "n": n} for day, t, n in rows]}


def test_timeline_every_plover_type_looks_different() -> None:
    fills = type_fills(list(PLOVER_TYPES))
    assert len({f["fill"] for f in fills.values()}) == len(PLOVER_TYPES)
    assert len({(f["colour"], f["pattern"]) for f in fills.values()}) == len(PLOVER_TYPES)
    solid = [t for t, f in fills.items() if f["pattern"] == "solid"]
    assert len(solid) == len(PALETTE)  # the palette first, then the same colours hatched or dotted
    assert fills["ASSAULT"]["pattern"] == "solid" and fills["ASSAULT"]["colour"] != fills["THREATEN"]["colour"]


def test_timeline_a_type_keeps_its_fill_in_any_view() -> None:
    assert type_fills(["PROTEST"])["PROTEST"] == type_fills(list(PLOVER_TYPES))["PROTEST"]


def test_timeline_dates_are_placed_by_distance_so_gaps_show() -> None:
    chart = timeline_chart(
        counts(("1990-06-01", "ASSAULT", 1), ("2009-06-01", "ASSAULT", 1), ("2010-06-01", "ASSAULT", 1))
    )
    xs = sorted(r["x"] for r in chart["rects"])
    assert chart["unit"] == "year"
    assert xs[1] - xs[0] > 15 * (xs[2] - xs[1])  # 19 years apart against 1 year apart
    assert max(r["x"] + r["w"] for r in chart["rects"]) <= chart["width"]  # the latest data is inside the box
    assert chart["last"] == "2010-06-01"


@pytest.mark.parametrize(("days", "unit"), [(30, "day"), (300, "week"), (5 * 365, "month"), (40 * 365, "year")])
def test_timeline_bin_size_follows_the_span(days: int, unit: str) -> None:
    first = dt.date(2000, 1, 1)
    assert bin_unit(first, first + dt.timedelta(days=days)) == unit


def test_timeline_bars_stack_per_bin_and_link_to_their_range() -> None:
    chart = timeline_chart(
        counts(("2024-03-01", "ASSAULT", 2), ("2024-03-01", "PROTEST", 1), ("2024-03-09", "PROTEST", 4))
    )
    first_day = [r for r in chart["rects"] if r["since"] == "2024-03-01"]
    assert {r["type"] for r in first_day} == {"ASSAULT", "PROTEST"}
    assert first_day[0]["x"] == first_day[1]["x"]
    assert first_day[0]["since"] == first_day[0]["until"] == "2024-03-01"
    tallest = max(chart["rects"], key=lambda r: r["h"])
    assert tallest["since"] == "2024-03-09"


def test_timeline_without_dated_events_is_empty() -> None:
    assert timeline_chart(counts())["empty"] is True
    assert timeline_chart(counts(("undated", "ASSAULT", 3)))["empty"] is True


def test_timeline_zoom_ranges_end_at_the_latest_event() -> None:
    ranges = zoom_ranges("2024-03-09")
    assert ranges[0] == {"label": "last 30 days", "since": "2024-02-09", "until": "2024-03-09"}
    assert zoom_ranges(None) == []
