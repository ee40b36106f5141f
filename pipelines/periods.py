"""Reporting periods: day ranges, ISO weeks, biweekly periods, months, quarters, years.

Each kind has a compact text form used in URLs and on the command line:

    range      2026-01-05..2026-01-18
    week       2026-W03           (ISO week)
    biweekly   2026-01-05/2w      (the Monday it starts on; two ISO weeks counted from the anchor Monday)
    month      2026-01
    quarter    2026-Q1
    year       2026
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pipelines.queries.filters import Period

KINDS: tuple[str, ...] = ("range", "week", "biweekly", "month", "quarter", "year")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def containing(kind: str, day: date, anchor: date) -> Period:
    """The period of `kind` that contains `day` (for `range`, the single day)."""
    if kind == "range":
        return Period(day, day)
    if kind == "week":
        start = _monday(day)
        return Period(start, start + timedelta(days=6))
    if kind == "biweekly":
        offset = (_monday(day) - anchor).days // 14
        start = anchor + timedelta(days=14 * offset)
        return Period(start, start + timedelta(days=13))
    if kind == "month":
        return Period(day.replace(day=1), _month_end(day.year, day.month))
    if kind == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return Period(date(day.year, first, 1), _month_end(day.year, first + 2))
    if kind == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31))
    raise ValueError(f"unknown period kind {kind!r}; expected one of {', '.join(KINDS)}")


def shift(kind: str, period: Period, steps: int, anchor: date) -> Period:
    """The period `steps` periods of the same kind before (negative) or after (positive) `period`."""
    if kind == "range":
        return Period(
            period.start + timedelta(days=steps * period.days), period.end + timedelta(days=steps * period.days)
        )
    if kind in ("week", "biweekly"):
        days = 7 if kind == "week" else 14
        return containing(kind, period.start + timedelta(days=days * steps), anchor)
    months = {"month": 1, "quarter": 3, "year": 12}[kind] * steps
    index = period.start.year * 12 + period.start.month - 1 + months
    return containing(kind, date(index // 12, index % 12 + 1, 1), anchor)


def last_complete(kind: str, as_of: date, anchor: date) -> Period:
    """The latest period of `kind` that has ended on or before `as_of`."""
    current = containing(kind, as_of, anchor)
    return current if current.end <= as_of else shift(kind, current, -1, anchor)


def to_text(kind: str, period: Period) -> str:
    """The compact text form of a period (see the module docstring)."""
    if kind == "range":
        return f"{period.start.isoformat()}..{period.end.isoformat()}"
    if kind == "week":
        year, week, _ = period.start.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "biweekly":
        return f"{period.start.isoformat()}/2w"
    if kind == "month":
        return f"{period.start.year}-{period.start.month:02d}"
    if kind == "quarter":
        return f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}"
    if kind == "year":
        return str(period.start.year)
    raise ValueError(f"unknown period kind {kind!r}")


_PATTERNS = {
    "range": re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"),
    "week": re.compile(r"^(\d{4})-W(\d{2})$"),
    "biweekly": re.compile(r"^(\d{4}-\d{2}-\d{2})/2w$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}


def parse(text: str, anchor: date) -> tuple[str, Period]:
    """Read a period's text form; raises ValueError with the accepted forms when it is not one."""
    text = text.strip()
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if not match:
            continue
        try:
            if kind == "range":
                return kind, Period(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
            if kind == "week":
                return kind, containing("week", date.fromisocalendar(int(match[1]), int(match[2]), 1), anchor)
            if kind == "biweekly":
                start = date.fromisoformat(match[1])
                period = containing("biweekly", start, anchor)
                if period.start != start:
                    raise ValueError(f"{start} does not start a biweekly period (they start on {period.start})")
                return kind, period
            if kind == "month":
                return kind, containing("month", date(int(match[1]), int(match[2]), 1), anchor)
            if kind == "quarter":
                return kind, containing("quarter", date(int(match[1]), 3 * int(match[2]) - 2, 1), anchor)
            return kind, containing("year", date(int(match[1]), 1, 1), anchor)
        except ValueError as exc:
            raise ValueError(f"not a valid period: {text!r} ({exc})") from None
    raise ValueError(
        f"not a valid period: {text!r}; expected e.g. 2026-01-05..2026-01-18, 2026-W03, 2026-01-05/2w, "
        "2026-01, 2026-Q1 or 2026"
    )


def elapsed_share(period: Period, as_of: date) -> float:
    """The share of the period's days up to and including `as_of` (0 before it starts, 1 once it has ended)."""
    if as_of < period.start:
        return 0.0
    if as_of >= period.end:
        return 1.0
    return ((as_of - period.start).days + 1) / period.days
