"""Which biweekly period a retrospective reviews, and what it is compared with.

A retrospective reviews one biweekly period (two ISO weeks counted from the configured
anchor Monday). It is compared with

- the **previous period**: the biweekly period just before it, and
- **last year**: the same calendar dates one year earlier (`Period.last_year`; 29 February
  becomes 28 February). Biweekly periods do not repeat on the same dates from year to year
  (364 days is 26 periods, a year is 365 or 366 days), so "the same period last year" is
  the same dates, not the biweekly period that happened to be running then. It is what the
  filter bar's `yoy` comparison means too, so a link from a finding shows the same figures.

The trend of a retrospective is the eight biweekly periods ending with the one reviewed.
"""

from __future__ import annotations

from datetime import date

import duckdb

from pipelines import periods
from pipelines.queries._sql import scalar
from pipelines.queries.filters import Period
from pipelines.queries.overview import history_periods
from pipelines.retro import RetroPeriod

KIND = "biweekly"
TREND_PERIODS = 8
"""The scoreboard's trend shows this many biweekly periods, ending with the one reviewed."""

LATEST = "latest"
"""The text that names the default period (the last complete one), e.g. on the command line."""


def retro_period(as_of: date, anchor: date, period_text: str | None = None) -> RetroPeriod:
    """The period to review with its previous period and the same dates last year.

    Without `period_text` (or with "latest") the last complete biweekly period on or before
    `as_of`; otherwise the biweekly period named by its text form (`2026-11-02/2w`). Any
    other kind of period is refused: the retrospective is biweekly.
    """
    if period_text is None or period_text.strip() in ("", LATEST):
        period = periods.last_complete(KIND, as_of, anchor)
    else:
        kind, period = periods.parse(period_text, anchor)
        if kind != KIND:
            example = periods.to_text(KIND, periods.last_complete(KIND, as_of, anchor))
            raise ValueError(f"a retrospective reviews a biweekly period such as {example}, not {period_text!r}")
    return RetroPeriod(period=period, previous=periods.shift(KIND, period, -1, anchor), last_year=period.last_year())


def period_text(retro: RetroPeriod) -> str:
    """The URL text form of the reviewed period (`2026-11-02/2w`)."""
    return periods.to_text(KIND, retro.period)


def trend_periods(retro: RetroPeriod, anchor: date, n: int = TREND_PERIODS) -> list[Period]:
    """The `n` biweekly periods ending with the reviewed one, oldest first."""
    return history_periods(KIND, retro.period, anchor, n)


def biweekly_anchor(con: duckdb.DuckDBPyConnection) -> date:
    """The configured anchor Monday of the biweekly periods, as the warehouse was built with it."""
    return scalar(con, "select biweekly_anchor_monday from cfg_params")


def warehouse_as_of(con: duckdb.DuckDBPyConnection) -> date:
    """The warehouse's as-of date."""
    return scalar(con, "select as_of from build_params")


def default_retro_period(con: duckdb.DuckDBPyConnection, period_text: str | None = None) -> RetroPeriod:
    """`retro_period` with the warehouse's own as-of date and anchor."""
    return retro_period(warehouse_as_of(con), biweekly_anchor(con), period_text)
