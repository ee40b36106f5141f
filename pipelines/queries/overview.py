"""Overview page queries (SPEC §5, page 1): the twelve core indicators and their recent history.

Nothing here defines a metric: each indicator is the figure its own query module computes
(disbursement_summary, funnel_by_stage, activity_counts, credit_at_period_end), gathered into
one frame with its comparison value and target. The history for the sparklines computes the
same figures for the last few periods of the same kind with one grouped query per family
of indicators (disbursement, cohort, events, cycle) instead of one call per period;
tests check that every point equals the per-period function's value.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from pipelines import periods
from pipelines.metrics import MetricDefinition
from pipelines.queries._sales import as_float, divide, period_where, prorated_targets
from pipelines.queries.credit import credit_at_period_end, credit_series
from pipelines.queries.disbursement import disbursement_summary
from pipelines.queries.filters import Filters, Period
from pipelines.queries.funnel import activity_counts, funnel_by_stage

INDICATORS: tuple[str, ...] = (
    "disbursed_amount",
    "disbursed_count",
    "average_ticket",
    "attainment",
    "new_leads",
    "lead_to_disbursed_conversion",
    "applications",
    "approval_rate",
    "conversion_cycle",
    "overdue_rate",
    "par30",
    "repeat_loan_rate",
)
"""The twelve core indicators in display order; each is a metric key of its query module's DEFINITIONS."""

UNITS: dict[str, str] = {
    "disbursed_amount": "money",
    "disbursed_count": "count",
    "average_ticket": "money",
    "attainment": "ratio",
    "new_leads": "count",
    "lead_to_disbursed_conversion": "ratio",
    "applications": "count",
    "approval_rate": "ratio",
    "conversion_cycle": "days",
    "overdue_rate": "ratio",
    "par30": "ratio",
    "repeat_loan_rate": "ratio",
}

DEFAULT_HISTORY_PERIODS = 8

_COHORT_KEYS = ("new_leads", "lead_to_disbursed_conversion")
"""Indicators measured on the period's lead cohort."""

DEFINITIONS: list[MetricDefinition] = []
"""No metric of its own: every indicator is defined by the module that computes it."""

_SCHEMA = {
    "indicator": pl.String,
    "unit": pl.String,
    "value": pl.Float64,
    "comparison_value": pl.Float64,
    "change": pl.Float64,
    "relative_change": pl.Float64,
    "base_target": pl.Float64,
    "stretch_target": pl.Float64,
    "stretch_attainment": pl.Float64,
    "band": pl.String,
    "snapshot_date": pl.Date,
    "comparison_snapshot_date": pl.Date,
    # Lead → disbursed conversion only: the day the comparison cohort is evaluated as of when it is
    # age-matched with a cohort still converting (SPEC §4.1); null otherwise.
    "comparison_as_of": pl.Date,
}


def _float(value) -> float | None:
    return None if value is None else float(value)


def _sales_figures(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """The sales indicators of one period (filters.period), with the attainment's target details."""
    summary = disbursement_summary(con, filters).row(0, named=True)
    disbursed = funnel_by_stage(con, filters.for_period(filters.period)).filter(pl.col("stage") == "disbursed")
    activity = activity_counts(con, filters).row(0, named=True)
    return {
        "disbursed_amount": _float(summary["amount"]),
        "disbursed_count": _float(summary["loans"]),
        "average_ticket": summary["average_ticket"],
        "attainment": summary["attainment"],
        "new_leads": _float(disbursed["cohort_leads"][0]),
        "lead_to_disbursed_conversion": disbursed["overall_conversion"][0],
        "applications": _float(activity["applications"]),
        "approval_rate": activity["approval_rate"],
        "conversion_cycle": summary["conversion_cycle_days"],
        "repeat_loan_rate": summary["repeat_rate"],
        "_targets": (
            summary["base_target"],
            summary["stretch_target"],
            summary["stretch_attainment"],
            summary["band"],
        ),
    }


def core_indicators(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The twelve core indicators of the period: value, comparison value, change, and target where there is one.

    `change` is value − comparison value (in the indicator's unit: ratio points for ratios);
    `relative_change` is change / comparison value (for amounts and counts). Overdue rate and
    PAR30 are measured at the latest snapshot date on or before the period's (and the
    comparison period's) last day, whose dates are given. Lead → disbursed conversion is
    compared with the comparison cohort at the same age while the period's cohort is still
    converting (funnel_by_stage's age-matched comparison; `comparison_as_of` says as of when).
    """
    current = _sales_figures(con, filters)
    before = _sales_figures(con, filters.for_period(filters.comparison)) if filters.comparison else None
    matched_as_of = None
    if before is not None:
        disbursed = funnel_by_stage(con, filters).filter(pl.col("stage") == "disbursed").row(0, named=True)
        before["lead_to_disbursed_conversion"] = disbursed["comparison_overall_conversion"]
        if disbursed["comparison_age_matched"]:
            matched_as_of = disbursed["comparison_as_of"]
    credit = {row["metric"]: row for row in credit_at_period_end(con, filters).iter_rows(named=True)}
    base, stretch, stretch_attainment, band = current["_targets"]
    rows = []
    for key in INDICATORS:
        if key in credit:
            value = credit[key]["value"]
            previous = credit[key]["comparison_value"]
            snapshot, comparison_snapshot = credit[key]["snapshot_date"], credit[key]["comparison_snapshot_date"]
        else:
            value = current[key]
            previous = before[key] if before else None
            snapshot = comparison_snapshot = None
        change = None if value is None or previous is None else value - previous
        has_target = key in ("disbursed_amount", "attainment")
        rows.append(
            {
                "indicator": key,
                "unit": UNITS[key],
                "value": value,
                "comparison_value": previous,
                "change": change,
                "relative_change": None if change is None or not previous else change / abs(previous),
                "base_target": base if has_target else None,
                "stretch_target": stretch if has_target else None,
                "stretch_attainment": stretch_attainment if has_target else None,
                "band": band if key == "attainment" else None,
                "snapshot_date": snapshot,
                "comparison_snapshot_date": comparison_snapshot,
                "comparison_as_of": matched_as_of if key == "lead_to_disbursed_conversion" else None,
            }
        )
    return pl.DataFrame(rows, schema=_SCHEMA)


def history_periods(kind: str, period: Period, anchor: date, n: int = DEFAULT_HISTORY_PERIODS) -> list[Period]:
    """The `n` periods of `kind` ending with `period`, oldest first (consecutive, so they tile a date range)."""
    if n < 1:
        raise ValueError("a history needs at least one period")
    return [periods.shift(kind, period, -k, anchor) for k in range(n - 1, -1, -1)]


def _bucketed(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    spans: list[Period],
    table: str,
    date_column: str,
    measures: str,
) -> dict[int, tuple]:
    """`measures` over `table`, grouped by which of the consecutive `spans` the row's date falls in (0 = oldest)."""
    where, params = period_where(filters, Period(spans[0].start, spans[-1].end), date_column)
    rows = con.execute(
        f"""
        select len(list_filter(?::DATE[], lambda s: s <= {date_column})) - 1 as bucket, {measures}
        from {table}
        where {where}
        group by 1
        """,
        [[p.start for p in spans], *params],
    ).fetchall()
    return {row[0]: row[1:] for row in rows}


def indicator_history(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    kind: str,
    anchor: date,
    n: int = DEFAULT_HISTORY_PERIODS,
) -> pl.DataFrame:
    """Each core indicator over the last `n` periods of `kind` up to the filters' period (long format, oldest first).

    Columns: period_start, period_end, indicator, value, for the disbursed amount its
    period's base and stretch target, and for the cohort indicators whether the cohort is complete
    (a cohort still converting is not comparable with older ones). A period without data gives an empty
    (null) value where
    the indicator is a ratio, 0 where it is an amount or a count.
    """
    spans = history_periods(kind, filters.period, anchor, n)
    loans = _bucketed(
        con,
        filters,
        spans,
        "agg_disbursement_daily",
        "disbursed_date",
        "sum(amount), sum(loans)::BIGINT, sum(repeat_loans)::BIGINT",
    )
    cohorts = _bucketed(
        con,
        filters,
        spans,
        "agg_funnel_daily",
        "created_date",
        "sum(leads)::BIGINT, sum(reached_disbursed)::BIGINT, sum(window_complete_leads)::BIGINT",
    )
    events = _bucketed(
        con,
        filters,
        spans,
        "agg_lead_events_daily",
        "occurred_date",
        "coalesce(sum(leads) filter (where stage = 'application'), 0)::BIGINT, "
        "coalesce(sum(leads) filter (where stage = 'approved'), 0)::BIGINT, "
        "coalesce(sum(leads) filter (where stage = 'rejected'), 0)::BIGINT",
    )
    cycles = _bucketed(con, filters, spans, "agg_funnel_disbursed_leads", "disbursed_date", "median(days_to_disburse)")
    # Credit figures: the latest snapshot on or before each period's end (snapshots are few).
    snapshots = credit_series(con, filters.for_period(spans[-1])).select("snapshot_date", "overdue_rate", "par30")

    rows = []
    for i, span in enumerate(spans):
        amount, count, repeats = loans.get(i, (0, 0, 0))
        leads, disbursed_leads, complete_leads = cohorts.get(i, (0, 0, 0))
        applications, approvals, rejections = events.get(i, (0, 0, 0))
        targets = prorated_targets(con, filters, span)
        at_end = snapshots.filter(pl.col("snapshot_date") <= span.end).tail(1)
        values = {
            "disbursed_amount": float(amount),
            "disbursed_count": float(count),
            "average_ticket": as_float(divide(amount, count)),
            "attainment": as_float(divide(amount, targets[0])) if targets else None,
            "new_leads": float(leads),
            "lead_to_disbursed_conversion": as_float(divide(disbursed_leads, leads)),
            "applications": float(applications),
            "approval_rate": as_float(divide(approvals, approvals + rejections)),
            "conversion_cycle": cycles.get(i, (None,))[0],
            "overdue_rate": at_end["overdue_rate"][0] if at_end.height else None,
            "par30": at_end["par30"][0] if at_end.height else None,
            "repeat_loan_rate": as_float(divide(repeats, count)),
        }
        base, stretch = targets if targets else (None, None)
        rows.extend(
            {
                "period_start": span.start,
                "period_end": span.end,
                "indicator": key,
                "value": values[key],
                "base_target": as_float(base) if key == "disbursed_amount" else None,
                "stretch_target": as_float(stretch) if key == "disbursed_amount" else None,
                # Cohort figures only: whether every lead of the period's cohort has a complete window
                # (null for an empty cohort and for the other indicators).
                "cohort_complete": (complete_leads == leads if leads else None) if key in _COHORT_KEYS else None,
            }
            for key in INDICATORS
        )
    return pl.DataFrame(
        rows,
        schema={
            "period_start": pl.Date,
            "period_end": pl.Date,
            "indicator": pl.String,
            "value": pl.Float64,
            "base_target": pl.Float64,
            "stretch_target": pl.Float64,
            "cohort_complete": pl.Boolean,
        },
    )


__all__ = [
    "DEFINITIONS",
    "INDICATORS",
    "UNITS",
    "core_indicators",
    "history_periods",
    "indicator_history",
]
