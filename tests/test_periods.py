"""Reporting periods: containment, shifting, last complete period, the text forms used in URLs."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines import periods
from pipelines.queries.filters import Period

ANCHOR = date(2024, 1, 1)  # a Monday, the default anchor


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        ("week", date(2026, 11, 20), date(2026, 11, 16), date(2026, 11, 22)),  # Friday → its Monday..Sunday
        ("week", date(2026, 1, 1), date(2025, 12, 29), date(2026, 1, 4)),  # ISO week 2026-W01 starts in 2025
        # 2026-11-16 is 1050 days = 75 × 14 after the anchor: a biweekly period starts there.
        ("biweekly", date(2026, 11, 20), date(2026, 11, 16), date(2026, 11, 29)),
        ("biweekly", date(2026, 11, 15), date(2026, 11, 2), date(2026, 11, 15)),
        # Before the anchor: 2023-12-31 is a Sunday, in the period 2023-12-18..2023-12-31.
        ("biweekly", date(2023, 12, 31), date(2023, 12, 18), date(2023, 12, 31)),
        ("month", date(2024, 2, 10), date(2024, 2, 1), date(2024, 2, 29)),
        ("quarter", date(2026, 11, 20), date(2026, 10, 1), date(2026, 12, 31)),
        ("year", date(2026, 11, 20), date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_containing(kind: str, day: date, start: date, end: date) -> None:
    assert periods.containing(kind, day, ANCHOR) == Period(start, end)


def test_last_complete_biweekly_period() -> None:
    # As of Friday 2026-11-20 the current biweekly period (11-16..11-29) is unfinished,
    # so the last complete one is 11-02..11-15; on its last day it is itself complete.
    assert periods.last_complete("biweekly", date(2026, 11, 20), ANCHOR) == Period(
        date(2026, 11, 2), date(2026, 11, 15)
    )
    assert periods.last_complete("biweekly", date(2026, 11, 29), ANCHOR) == Period(
        date(2026, 11, 16), date(2026, 11, 29)
    )
    assert periods.last_complete("month", date(2026, 11, 20), ANCHOR) == Period(date(2026, 10, 1), date(2026, 10, 31))


def test_shift() -> None:
    assert periods.shift("quarter", Period(date(2026, 1, 1), date(2026, 3, 31)), -1, ANCHOR) == Period(
        date(2025, 10, 1), date(2025, 12, 31)
    )
    assert periods.shift("biweekly", Period(date(2026, 11, 2), date(2026, 11, 15)), -26, ANCHOR).start == date(
        2025, 11, 3
    )
    assert periods.shift("range", Period(date(2026, 1, 1), date(2026, 1, 10)), 1, ANCHOR) == Period(
        date(2026, 1, 11), date(2026, 1, 20)
    )


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-01-05..2026-01-18", "range", date(2026, 1, 5), date(2026, 1, 18)),
        ("2026-W03", "week", date(2026, 1, 12), date(2026, 1, 18)),
        ("2026-11-02/2w", "biweekly", date(2026, 11, 2), date(2026, 11, 15)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("2025", "year", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_text_forms_round_trip(text: str, kind: str, start: date, end: date) -> None:
    assert periods.parse(text, ANCHOR) == (kind, Period(start, end))
    assert periods.to_text(kind, Period(start, end)) == text


@pytest.mark.parametrize("text", ["2026-13", "2026-W60", "2026-11-09/2w", "2026-02-30..2026-03-01", "last week", ""])
def test_bad_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValueError, match="not a valid period"):
        periods.parse(text, ANCHOR)


def test_elapsed_share() -> None:
    november = Period(date(2026, 11, 1), date(2026, 11, 30))
    assert periods.elapsed_share(november, date(2026, 11, 20)) == 20 / 30
    assert periods.elapsed_share(november, date(2026, 10, 31)) == 0.0
    assert periods.elapsed_share(november, date(2026, 11, 30)) == 1.0
