"""Comparison periods as a director reads them: previous calendar period, last year, like-for-like while running."""

from __future__ import annotations

from datetime import date

from pipelines.queries.filters import Period
from ui.filters import comparison_period

ANCHOR = date(2024, 1, 1)
AS_OF = date(2026, 11, 20)


def test_previous_calendar_period_not_equal_length() -> None:
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    # The month before October is September (30 days), not the 31 days ending 30 September.
    assert comparison_period("prev", october, "month", ANCHOR, AS_OF) == Period(date(2026, 9, 1), date(2026, 9, 30))
    assert comparison_period("yoy", october, "month", ANCHOR, AS_OF) == Period(date(2025, 10, 1), date(2025, 10, 31))
    assert comparison_period("none", october, "month", ANCHOR, AS_OF) is None


def test_a_range_compares_with_the_range_of_equal_length_before_it() -> None:
    ten_days = Period(date(2026, 10, 11), date(2026, 10, 20))
    assert comparison_period("prev", ten_days, "range", ANCHOR, AS_OF) == Period(date(2026, 10, 1), date(2026, 10, 10))


def test_a_running_period_is_compared_like_for_like() -> None:
    november = Period(date(2026, 11, 1), date(2026, 11, 30))
    # As of 20 November, 1–20 November is compared with 1–20 October (20 days each), not all of October.
    assert comparison_period("prev", november, "month", ANCHOR, AS_OF) == Period(date(2026, 10, 1), date(2026, 10, 20))
    assert comparison_period("yoy", november, "month", ANCHOR, AS_OF) == Period(date(2025, 11, 1), date(2025, 11, 20))
    # Q4 to date: 1 Oct–20 Nov is 51 days; the previous quarter's first 51 days run 1 Jul–20 Aug.
    q4 = Period(date(2026, 10, 1), date(2026, 12, 31))
    assert comparison_period("prev", q4, "quarter", ANCHOR, AS_OF) == Period(date(2026, 7, 1), date(2026, 8, 20))
    # A period ending on the as-of date is complete: no cut.
    done = Period(date(2026, 11, 7), date(2026, 11, 20))
    assert comparison_period("prev", done, "range", ANCHOR, AS_OF) == Period(date(2026, 10, 24), date(2026, 11, 6))
