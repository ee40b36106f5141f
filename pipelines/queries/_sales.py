"""Helpers shared by the funnel and disbursement queries: settings, period filters, prorated targets, bands.

Ratios that are compared with a configured bound (stage loss against its threshold,
attainment against the band bounds) are compared as exact fractions, so that a loss of
exactly 15% or an attainment of exactly 80% lands on the side of the bound the
definition says, whatever binary rounding would have done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

import duckdb

from pipelines.queries._sql import frame  # noqa: F401  (re-exported for the sales modules)
from pipelines.queries.filters import Filters, Period, dimension_clause

T = TypeVar("T")

BANDS: tuple[str, ...] = ("red", "amber", "green", "bonus")
"""Attainment bands, worst first."""


@dataclass(frozen=True)
class Settings:
    """The build's as-of date and the configured bounds the sales metrics use."""

    as_of: date
    conversion_window_days: int
    relative_worsening: Fraction
    band_red_below: Fraction
    band_green_from: Fraction
    band_bonus_from: Fraction


def exact(value: float) -> Fraction:
    """A configured decimal as the exact fraction it was written as (0.15 → 3/20, not the binary double)."""
    return Fraction(repr(float(value)))


def settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """Read the as-of date and the funnel / target settings from the warehouse."""
    row = con.execute(
        """
        select b.as_of, p.conversion_window_days, p.relative_worsening,
               p.band_red_below, p.band_green_from, p.band_bonus_from
        from build_params as b cross join cfg_params as p
        """
    ).fetchall()[0]
    return Settings(row[0], row[1], exact(row[2]), exact(row[3]), exact(row[4]), exact(row[5]))


def stage_thresholds(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """The configured step-loss threshold of each stage 1–6."""
    return dict(con.execute("select stage, loss_threshold from cfg_stage_thresholds").fetchall())


def period_where(filters: Filters, period: Period, date_column: str, alias: str = "") -> tuple[str, list]:
    """`date_column` within the period and the dimension filters, as one SQL condition with its parameters."""
    clause, params = dimension_clause(filters, alias)
    prefix = f"{alias}." if alias else ""
    return f"{prefix}{date_column} between ? and ? and {clause}", [period.start, period.end, *params]


def targets_apply(filters: Filters) -> bool:
    """Targets are set per team × product line only: an officer, channel or customer-type filter has none."""
    return not (filters.officer_ids or filters.channel_ids or filters.customer_types or filters.scope.officer_ids)


def target_clause(filters: Filters, alias: str = "") -> tuple[str, list]:
    """The region / team / product-line filters and the access scope, as a condition on fct_targets_monthly."""
    prefix = f"{alias}." if alias else ""
    conditions: list[str] = []
    params: list = []
    for values, column in (
        (filters.region_ids, "region_id"),
        (filters.team_ids, "team_id"),
        (filters.product_lines, "product_line"),
        (filters.scope.region_ids, "region_id"),
        (filters.scope.team_ids, "team_id"),
    ):
        if values:
            conditions.append(f"list_contains(?::VARCHAR[], {prefix}{column})")
            params.append(list(values))
    return (" and ".join(conditions) or "true"), params


def overlap_days(period: Period, first: date, last: date) -> int:
    """Days of [first, last] inside the period (0 when they do not meet)."""
    return max(0, (min(period.end, last) - max(period.start, first)).days + 1)


def prorated_targets_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, period: Period, column: str | None = None
) -> dict[str | None, tuple[Fraction, Fraction]]:
    """Exact base and stretch target of the period per value of `column` (region_id, team_id, product_line).

    Target of a date range = Σ over months of the monthly target × days of the month inside
    the range / days in the month. Empty when the filters have no meaningful target (see
    `targets_apply`) or no target row of the selected teams and product lines touches the
    period. `column` None gives the single total under the key None.
    """
    if not targets_apply(filters):
        return {}
    if column not in (None, "region_id", "team_id", "product_line"):
        raise ValueError(f"targets are set per team and product line; cannot split them by {column!r}")
    clause, params = target_clause(filters)
    group = column or "null::VARCHAR"
    rows = con.execute(
        f"""
        select {group} as value, month, month_end, days_in_month, sum(base_amount), sum(stretch_amount)
        from fct_targets_monthly
        where month <= ? and month_end >= ? and {clause}
        group by all
        """,
        [period.end, period.start, *params],
    ).fetchall()
    totals: dict[str | None, tuple[Fraction, Fraction]] = {}
    for value, month, month_end, days_in_month, base_amount, stretch_amount in rows:
        share = Fraction(overlap_days(period, month, month_end), days_in_month)
        base, stretch = totals.get(value, (Fraction(0), Fraction(0)))
        totals[value] = (
            base + Fraction(Decimal(base_amount)) * share,
            stretch + Fraction(Decimal(stretch_amount)) * share,
        )
    return totals


def prorated_targets(
    con: duckdb.DuckDBPyConnection, filters: Filters, period: Period
) -> tuple[Fraction, Fraction] | None:
    """Exact base and stretch target of the period over the selected teams and product lines; None if there is none."""
    return prorated_targets_by(con, filters, period).get(None)


def band(ratio: Fraction | None, s: Settings) -> str | None:
    """red below red_below, amber up to green_from, green up to bonus_from, bonus at or above it."""
    if ratio is None:
        return None
    if ratio < s.band_red_below:
        return "red"
    if ratio < s.band_green_from:
        return "amber"
    if ratio < s.band_bonus_from:
        return "green"
    return "bonus"


def divide(numerator: Fraction | Decimal | int, denominator: Fraction | Decimal | int | None) -> Fraction | None:
    """numerator / denominator as an exact fraction; None when the denominator is missing or zero."""
    if denominator is None or denominator == 0 or numerator is None:
        return None
    return Fraction(numerator) / Fraction(denominator)


def as_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def on_comparison(
    query: Callable[..., T], con: duckdb.DuckDBPyConnection, filters: Filters, *args, **kwargs
) -> T | None:
    """The same query over the comparison period (same dimension filters); None when no comparison is set."""
    if filters.comparison is None:
        return None
    return query(con, filters.for_period(filters.comparison), *args, **kwargs)
