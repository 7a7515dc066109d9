"""Derived columns of the event rows: the day an event is filed under."""

from __future__ import annotations

import pytest

from newsledger.store.rows import event_day


@pytest.mark.parametrize(
    ("when_value", "day"),
    [
        ("2021-09-04", "2021-09-04"),
        ("2021-09-04/2021-09-05", "2021-09-04"),
        ("2021-W36", "2021-09-06"),  # the week's Monday
        ("2015-11", "2015-11-01"),
        ("1985", "1985-01-01"),
    ],
)
def test_rows_event_day_is_the_first_day_of_the_events_own_date(when_value: str, day: str) -> None:
    assert event_day(when_value) == day


@pytest.mark.parametrize("when_value", [None, "", "P1W", "198X", "2021-13-40"])
def test_rows_event_day_unknown_date_is_no_day_never_the_reports(when_value: str | None) -> None:
    # Regression: a background event with no date of its own was filed under the report's publication day.
    assert event_day(when_value) is None
