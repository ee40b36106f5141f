"""The retrospective's scoreboard: the twelve core indicators against the previous period and last year, their
eight-period trend, and target attainment and pacing per region and per team.

Nothing here defines a metric. The indicators are `overview.core_indicators` (called once
against the previous period and once against the same dates last year), the trend is
`overview.indicator_history`, attainment and bands come from `disbursement.leaderboard` and
pacing from `disbursement.disbursement_summary`.

**Pacing.** The reviewed period has normally ended, and a finished period has no pacing
(SPEC §4.2: pacing is for an unfinished period). What a meeting wants to know is how each
region and team is pacing on the *month in progress*: so next to the period's attainment the
targets frame gives the calendar month that contains the period's last day, measured at the
warehouse's as-of date — its attainment so far and, while the month is unfinished, its
pacing. If the reviewed period itself is unfinished (the current period was picked), its
own pacing is given too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import polars as pl

from pipelines import periods
from pipelines.queries.coverage import change_coverage, data_starts
from pipelines.queries.disbursement import disbursement_summary, leaderboard
from pipelines.queries.filters import Filters, Period
from pipelines.queries.overview import INDICATORS, core_indicators, indicator_history
from pipelines.retro import RetroPeriod
from pipelines.retro.periods import KIND, TREND_PERIODS, biweekly_anchor, warehouse_as_of

TARGET_LEVELS: tuple[str, ...] = ("region", "team")

_INDICATOR_SCHEMA = {
    "indicator": pl.String,
    "unit": pl.String,
    "value": pl.Float64,
    "previous_value": pl.Float64,
    "change": pl.Float64,
    "relative_change": pl.Float64,
    "last_year_value": pl.Float64,
    "change_vs_last_year": pl.Float64,
    "relative_change_vs_last_year": pl.Float64,
    "base_target": pl.Float64,
    "stretch_target": pl.Float64,
    "stretch_attainment": pl.Float64,
    "band": pl.String,
    "snapshot_date": pl.Date,
    "previous_snapshot_date": pl.Date,
    "last_year_snapshot_date": pl.Date,
    "previous_covered_days": pl.Int64,
    "previous_days": pl.Int64,
    "last_year_covered_days": pl.Int64,
    "last_year_days": pl.Int64,
    # Lead → disbursed conversion only: the day the previous period's / last year's cohort is evaluated as of
    # when compared at the same age with a cohort still converting (SPEC §4.1); null otherwise.
    "previous_as_of": pl.Date,
    "last_year_as_of": pl.Date,
}

_TARGET_SCHEMA = {
    "level": pl.String,
    "value": pl.String,
    "name": pl.String,
    "region_id": pl.String,
    "region_name": pl.String,
    "amount": pl.Decimal(18, 2),
    "base_target": pl.Float64,
    "stretch_target": pl.Float64,
    "attainment": pl.Float64,
    "stretch_attainment": pl.Float64,
    "band": pl.String,
    "period_complete": pl.Boolean,
    "pacing": pl.Float64,
    "pacing_band": pl.String,
    "month_start": pl.Date,
    "month_end": pl.Date,
    "month_amount": pl.Decimal(18, 2),
    "month_base_target": pl.Float64,
    "month_attainment": pl.Float64,
    "month_band": pl.String,
    "month_complete": pl.Boolean,
    "month_elapsed_share": pl.Float64,
    "month_pacing": pl.Float64,
    "month_pacing_band": pl.String,
}


@dataclass(frozen=True)
class Scoreboard:
    """The scoreboard of one retrospective (see the module docstring for each frame's meaning)."""

    retro: RetroPeriod
    indicators: pl.DataFrame  # one row per core indicator: value, previous period, last year, changes, target
    trend: pl.DataFrame  # long: period_start, period_end, indicator, value (+ targets for the amount)
    targets: pl.DataFrame  # one row per region and per team: period attainment, month attainment and pacing


def indicators(con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod) -> pl.DataFrame:
    """The twelve core indicators of the period with the previous period's and last year's values and changes.

    `change` / `change_vs_last_year` are value − the other value (ratio points for ratios);
    the relative changes divide by the other value's size. Overdue rate and PAR30 are
    measured at the latest snapshot on or before each period's last day (dates given).
    A change is left empty when the data does not cover both periods (pipelines.queries.coverage:
    last year's dates before the first lead, loan or snapshot); `*_covered_days` of `*_days` say
    how much of the other period the data covers (the reviewed period's own days when it is the one
    only partly covered).
    Lead → disbursed conversion is compared at the same age while the reviewed cohort is still
    converting (`previous_as_of` / `last_year_as_of`: the day each other cohort is evaluated as of).
    """
    base = filters.for_period(retro.period)
    starts = data_starts(con)
    against_previous = core_indicators(con, replace(base, comparison=retro.previous))
    against_last_year = core_indicators(con, replace(base, comparison=retro.last_year)).select(
        "indicator",
        pl.col("comparison_value").alias("last_year_value"),
        pl.col("change").alias("change_vs_last_year"),
        pl.col("relative_change").alias("relative_change_vs_last_year"),
        pl.col("comparison_snapshot_date").alias("last_year_snapshot_date"),
        pl.col("comparison_as_of").alias("last_year_as_of"),
    )
    covered_rows = []
    for indicator in INDICATORS:
        row: dict = {"indicator": indicator}
        for prefix, other in (("previous", retro.previous), ("last_year", retro.last_year)):
            both = change_coverage(replace(base, comparison=other), starts, indicator)
            # The partly covered one of the two periods: the other period, or else the reviewed one.
            shown = both.comparison if not both.comparison.complete else both.period
            row[f"{prefix}_covered_days"], row[f"{prefix}_days"] = shown.covered_days, shown.total_days
        covered_rows.append(row)
    covered = pl.DataFrame(covered_rows)
    previous_ok = pl.col("previous_covered_days") == pl.col("previous_days")
    last_year_ok = pl.col("last_year_covered_days") == pl.col("last_year_days")
    return (
        against_previous.rename(
            {
                "comparison_value": "previous_value",
                "comparison_snapshot_date": "previous_snapshot_date",
                "comparison_as_of": "previous_as_of",
            }
        )
        .join(against_last_year, on="indicator", how="left", maintain_order="left")
        .join(covered, on="indicator", how="left", maintain_order="left")
        .with_columns(
            *(pl.when(previous_ok).then(pl.col(c)) for c in ("change", "relative_change")),
            *(pl.when(last_year_ok).then(pl.col(c)) for c in ("change_vs_last_year", "relative_change_vs_last_year")),
        )
        .select(list(_INDICATOR_SCHEMA))
        .cast(_INDICATOR_SCHEMA)
    )


def trend(con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod, n: int = TREND_PERIODS) -> pl.DataFrame:
    """Each core indicator over the `n` biweekly periods ending with the reviewed one (long format, oldest first)."""
    return indicator_history(con, filters.for_period(retro.period), KIND, biweekly_anchor(con), n)


def _month_of(period: Period) -> Period:
    """The calendar month that contains the period's last day."""
    return Period(period.end.replace(day=1), periods.containing("month", period.end, period.end).end)


def _narrowed(filters: Filters, level: str, value: str) -> Filters:
    attribute = {"region": "region_ids", "team": "team_ids"}[level]
    return replace(filters, comparison=None, **{attribute: (value,)})


def targets(con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod) -> pl.DataFrame:
    """Per region and per team: the period's amount, target, attainment and band (pacing if it is unfinished),
    and the month containing the period's last day: attainment so far and pacing while it is unfinished.

    Empty when the filters have no meaningful target (an officer, channel or customer-type filter).
    """
    as_of = warehouse_as_of(con)
    month = _month_of(retro.period)
    period_complete = retro.period.end <= as_of
    month_complete = month.end <= as_of
    rows = []
    for level in TARGET_LEVELS:
        board = leaderboard(con, filters.for_period(retro.period), level)
        month_board = {r["value"]: r for r in leaderboard(con, filters.for_period(month), level).iter_rows(named=True)}
        for r in board.iter_rows(named=True):
            if r["base_target"] is None:
                continue
            m = month_board.get(r["value"], {})
            row = {
                "level": level,
                "value": r["value"],
                "name": r["name"],
                "region_id": r["region_id"],
                "region_name": r["region_name"],
                "amount": r["amount"],
                "base_target": r["base_target"],
                "stretch_target": r["stretch_target"],
                "attainment": r["attainment"],
                "stretch_attainment": r["stretch_attainment"],
                "band": r["band"],
                "period_complete": period_complete,
                "pacing": None,
                "pacing_band": None,
                "month_start": month.start,
                "month_end": month.end,
                "month_amount": m.get("amount"),
                "month_base_target": m.get("base_target"),
                "month_attainment": m.get("attainment"),
                "month_band": m.get("band"),
                "month_complete": month_complete,
                "month_elapsed_share": periods.elapsed_share(month, as_of),
                "month_pacing": None,
                "month_pacing_band": None,
            }
            # Pacing is disbursement_summary's; only unfinished periods have one.
            member = _narrowed(filters, level, r["value"])
            if not period_complete:
                summary = disbursement_summary(con, member.for_period(retro.period)).row(0, named=True)
                row["pacing"], row["pacing_band"] = summary["pacing"], summary["pacing_band"]
            if not month_complete:
                summary = disbursement_summary(con, member.for_period(month)).row(0, named=True)
                row["month_pacing"], row["month_pacing_band"] = summary["pacing"], summary["pacing_band"]
            rows.append(row)
    return pl.DataFrame(rows, schema=_TARGET_SCHEMA)


def scoreboard(con: duckdb.DuckDBPyConnection, filters: Filters, retro: RetroPeriod) -> Scoreboard:
    """The scoreboard of the reviewed period under the filters (their own period and comparison are ignored)."""
    return Scoreboard(
        retro=retro,
        indicators=indicators(con, filters, retro),
        trend=trend(con, filters, retro),
        targets=targets(con, filters, retro),
    )


__all__ = ["INDICATORS", "TARGET_LEVELS", "Scoreboard", "indicators", "scoreboard", "targets", "trend"]
