"""Funnel page queries (SPEC §4.1): stage conversion of a cohort, breakdowns, cohort trend, dropped leads, activity.

The funnel of a period is its *cohort*: the leads created in the period. A lead has reached
a stage when it got there (or to any later stage) within the conversion window counted from
its creation. A cohort whose leads' windows have not all ended by the as-of day can still
improve; every result says how much of the cohort has a complete window. Activity counts
(applications, approvals, rejections) are different: they count events by the day they
happened, whichever cohort the lead belongs to.

Everything here reads the daily aggregates (agg_funnel_daily, agg_funnel_disbursed_leads,
agg_lead_events_daily) except what needs the leads themselves: the dropped-lead list and counts,
and the age-matched comparison cohort (SPEC §4.1: while the period's cohort is still converting,
the comparison cohort is counted as of A − Δ, and the aggregate does not know when a stage was
reached; see `comparison_basis` and `_reached_by_day`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import duckdb
import polars as pl

from pipelines.contract import STAGES
from pipelines.metrics import MetricDefinition
from pipelines.queries._sales import (
    Settings,
    as_float,
    divide,
    exact,
    on_comparison,
    period_where,
    settings,
    stage_thresholds,
)
from pipelines.queries._sql import frame
from pipelines.queries.filters import Filters, Period

__all__ = [
    "BREAKDOWNS",
    "COHORT_GRAINS",
    "DEFINITIONS",
    "STAGES",
    "activity_counts",
    "comparison_basis",
    "conversion_movers",
    "conversion_trend",
    "dropped_counts",
    "dropped_leads",
    "funnel_breakdown",
    "funnel_by_stage",
    "new_leads",
    "on_comparison",
    "time_to_convert",
]

FUNNEL_STAGES: tuple[str, ...] = STAGES[1:]
"""contacted … disbursed: the stages a lead can reach (stage 0, `lead`, is where every lead starts)."""

_REACHED = [f"reached_{stage}" for stage in FUNNEL_STAGES]
_COUNTS = ["leads", "window_complete_leads", *_REACHED]

BREAKDOWNS: dict[str, tuple[str, str | None]] = {
    # breakdown → (column in the aggregates, query giving (value, value_name) for display)
    "region": ("region_id", "select region_id, region_name from stg_regions"),
    "team": ("team_id", "select team_id, team_name from stg_teams"),
    "officer": ("officer_id", "select officer_id, officer_name from stg_officers"),
    "channel": ("channel_id", "select channel_id, channel_name from stg_channels"),
    "product_line": ("product_line", None),
}

COHORT_GRAINS: dict[str, str] = {"week": "1 week", "month": "1 month"}
"""Cohort trend grains (ISO weeks starting Monday, calendar months) and their SQL interval."""

DEFAULT_TIME_TO_CONVERT_EDGES: tuple[int, ...] = (7, 14, 30, 60, 90)
"""Histogram bucket edges in days: [0, 7), [7, 14), …, [90, ∞)."""

DEFAULT_DROPPED_LIMIT = 200

_STAGE_FRAME_SCHEMA = {
    "stage": pl.String,
    "stage_no": pl.Int32,
    "reached": pl.Int64,
    "step_conversion": pl.Float64,
    "overall_conversion": pl.Float64,
    "step_loss": pl.Float64,
    "loss_threshold": pl.Float64,
    "comparison_reached": pl.Int64,
    "comparison_step_loss": pl.Float64,
    "loss_change": pl.Float64,
    "over_threshold": pl.Boolean,
    "worsened": pl.Boolean,
    "flagged": pl.Boolean,
    "cohort_leads": pl.Int64,
    "window_complete_share": pl.Float64,
    "cohort_complete": pl.Boolean,
    # Added with SPEC §4.1's age-matched comparison (after the original columns, which keep their order).
    "comparison_overall_conversion": pl.Float64,
    "comparison_age_matched": pl.Boolean,
    "comparison_as_of": pl.Date,
    "threshold_applies": pl.Boolean,
}


@dataclass(frozen=True)
class ComparisonBasis:
    """How the comparison cohort is read (SPEC §4.1, "comparing a cohort that is still converting").

    `cohort` is the comparison period's cohort (cut to the leads created by `as_of` when age-matched);
    `as_of` is the day its stages are counted up to (the warehouse's as-of day when not age-matched).
    """

    cohort: Period
    as_of: date
    age_matched: bool


def comparison_basis(as_of: date, period: Period, comparison: Period, cohort_complete: bool | None) -> ComparisonBasis:
    """The comparison cohort and the day it is evaluated as of, for a period whose cohort is (not) complete.

    With A the as-of day and Δ = start(period) − start(comparison) in days: while the period's cohort is
    still converting (`cohort_complete` False) the comparison cohort is evaluated as of A − Δ — a stage
    counts only if reached by the end of that day — and holds only the leads created by then, so both
    cohorts have had the same time to convert. A complete cohort, or an empty one (None, nothing to
    compare), is compared with the comparison cohort as it stands.
    """
    if cohort_complete is not False:
        return ComparisonBasis(comparison, as_of, False)
    matched_as_of = as_of - (period.start - comparison.start)
    if matched_as_of < comparison.start:  # no lead of the comparison cohort was created by then
        return ComparisonBasis(comparison, matched_as_of, True)
    return ComparisonBasis(Period(comparison.start, min(comparison.end, matched_as_of)), matched_as_of, True)


def _reached_by_day(stage: str) -> str:
    """The one definition of "reached by day X" (column `reached_by`): within the window and on or before day X."""
    return f"(reached_{stage} and cast({stage}_at as date) <= reached_by)"


def _cohort_counts_by(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    period: Period,
    column: str | None = None,
    reached_by: date | None = None,
) -> dict[str | None, dict[str, int]]:
    """Cohort counts (leads, window-complete leads, reached_*) per value of `column` (None: one total under None).

    Without `reached_by`, stages reached by the as-of day (the daily aggregate). With it, stages reached
    by the end of that day (the age-matched comparison): the leads themselves, since the aggregate does
    not know when a stage was reached; the cohort is a period's leads, a short scan of fct_leads (stored
    in creation order). Window-complete leads are then those whose window ended by `reached_by`.
    """
    where, params = period_where(filters, period, "created_date")
    group = column or "null::VARCHAR"
    if reached_by is None:
        sums = ", ".join(f"coalesce(sum({c}), 0)::BIGINT as {c}" for c in _COUNTS)
        sql = f"select {group} as value, {sums} from agg_funnel_daily where {where} group by 1"
        rows = con.execute(sql, params).fetchall()
    else:
        counts = ", ".join(
            [
                "count(*) as leads",
                "count(*) filter (where cast(window_end as date) <= reached_by) as window_complete_leads",
                *(f"count(*) filter (where {_reached_by_day(stage)}) as reached_{stage}" for stage in FUNNEL_STAGES),
            ]
        )
        sql = f"""
            with cutoff as (select ?::DATE as reached_by)
            select {group} as value, {counts}
            from fct_leads cross join cutoff
            where {where}
            group by 1
        """
        rows = con.execute(sql, [reached_by, *params]).fetchall()
    out = {row[0]: dict(zip(_COUNTS, row[1:], strict=True)) for row in rows}
    if column is None and None not in out:
        out[None] = dict.fromkeys(_COUNTS, 0)
    return out


def _cohort_counts(
    con: duckdb.DuckDBPyConnection, filters: Filters, period: Period, reached_by: date | None = None
) -> dict[str, int]:
    return _cohort_counts_by(con, filters, period, None, reached_by)[None]


def _is_complete(counts: dict[str, int]) -> bool | None:
    """A cohort is complete when every lead's window is; an empty cohort is neither (None)."""
    return None if counts["leads"] == 0 else counts["window_complete_leads"] == counts["leads"]


def _comparison_counts(
    con: duckdb.DuckDBPyConnection, filters: Filters, s: Settings, cohort_complete: bool | None
) -> tuple[dict[str, int] | None, ComparisonBasis | None]:
    """The comparison cohort's counts, age-matched when the period's cohort is still converting."""
    if filters.comparison is None:
        return None, None
    basis = comparison_basis(s.as_of, filters.period, filters.comparison, cohort_complete)
    if basis.age_matched and basis.as_of < filters.comparison.start:
        return dict.fromkeys(_COUNTS, 0), basis
    return _cohort_counts(con, filters, basis.cohort, basis.as_of if basis.age_matched else None), basis


def _reached(counts: dict[str, int], stage_no: int) -> int:
    return counts["leads"] if stage_no == 0 else counts[f"reached_{STAGES[stage_no]}"]


def _step_loss(counts: dict[str, int], stage_no: int) -> Fraction | None:
    step = divide(_reached(counts, stage_no), _reached(counts, stage_no - 1))
    return None if step is None else 1 - step


def funnel_by_stage(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The period's cohort stage by stage: reached, step / overall conversion, step loss and its flag.

    The comparison columns are age-matched while the cohort is still converting (`comparison_age_matched`,
    evaluated as of `comparison_as_of`; see `comparison_basis`). The absolute loss threshold is evaluated only
    for a complete cohort: for one still converting (or an empty one) `threshold_applies` is False and
    `over_threshold` is null, and a stage is flagged only when it worsened against the age-matched comparison.
    """
    s = settings(con)
    thresholds = stage_thresholds(con)
    counts = _cohort_counts(con, filters, filters.period)
    complete = _is_complete(counts)
    comparison, basis = _comparison_counts(con, filters, s, complete)
    leads = counts["leads"]
    complete_share = divide(counts["window_complete_leads"], leads)
    threshold_applies = complete is True
    rows = []
    for stage_no, stage in enumerate(STAGES):
        reached = _reached(counts, stage_no)
        row = {
            "stage": stage,
            "stage_no": stage_no,
            "reached": reached,
            "overall_conversion": as_float(divide(reached, leads)),
            "comparison_reached": None if comparison is None else _reached(comparison, stage_no),
            "comparison_overall_conversion": None
            if comparison is None
            else as_float(divide(_reached(comparison, stage_no), comparison["leads"])),
            "cohort_leads": leads,
            "window_complete_share": as_float(complete_share),
            "cohort_complete": complete,
            "threshold_applies": threshold_applies,
            "comparison_age_matched": None if basis is None else basis.age_matched,
            "comparison_as_of": None if basis is None else basis.as_of,
            "over_threshold": False if threshold_applies else None,
            "worsened": False,
        }
        if stage_no > 0:
            loss = _step_loss(counts, stage_no)
            threshold = thresholds[stage]
            previous_loss = None if comparison is None else _step_loss(comparison, stage_no)
            row["step_conversion"] = as_float(divide(reached, _reached(counts, stage_no - 1)))
            row["step_loss"] = as_float(loss)
            row["loss_threshold"] = threshold
            row["comparison_step_loss"] = as_float(previous_loss)
            row["loss_change"] = as_float(None if loss is None or not previous_loss else loss / previous_loss - 1)
            # Exact comparisons: a loss of exactly the threshold, or exactly relative_worsening
            # worse than before, is not flagged.
            if threshold_applies:
                row["over_threshold"] = loss is not None and loss > exact(threshold)
            row["worsened"] = (
                loss is not None and previous_loss is not None and loss > previous_loss * (1 + s.relative_worsening)
            )
        row["flagged"] = bool(row["over_threshold"]) or row["worsened"]
        rows.append(row)
    return pl.DataFrame(rows, schema=_STAGE_FRAME_SCHEMA)


def funnel_breakdown(con: duckdb.DuckDBPyConnection, filters: Filters, by: str) -> pl.DataFrame:
    """The period's cohort by region / team / officer / channel / product line: conversion per stage, long format."""
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown funnel breakdown {by!r}; expected one of {', '.join(BREAKDOWNS)}")
    column, names_sql = BREAKDOWNS[by]
    where, params = period_where(filters, filters.period, "created_date")
    sums = ", ".join(f"sum({c})::BIGINT as {c}" for c in _COUNTS)
    names = (
        f"left join ({names_sql}) as names(value, value_name) using (value)"
        if names_sql
        else "cross join (select null::VARCHAR as value_name) as names"
    )
    sql = f"""
        with counts as (
            select {column} as value, {sums}
            from agg_funnel_daily
            where {where}
            group by 1
        ),

        named as (
            select counts.*, coalesce(names.value_name, counts.value) as value_name
            from counts {names}
        ),

        long as (
            select
                value, value_name, leads, window_complete_leads,
                unnest(?::VARCHAR[]) as stage,
                unnest(range(1, 7)) as stage_no,
                unnest([{", ".join(_REACHED)}]) as reached,
                unnest([leads, {", ".join(_REACHED[:-1])}]) as previous_reached
            from named
        ),

        final as (
            select
                value, value_name, stage, stage_no::INTEGER as stage_no, reached,
                reached / nullif(previous_reached, 0) as step_conversion,
                reached / nullif(leads, 0) as overall_conversion,
                leads,
                window_complete_leads / nullif(leads, 0) as window_complete_share
            from long
        )

        select * from final
        order by leads desc, value, stage_no
    """
    return frame(con, sql, [*params, list(FUNNEL_STAGES)])


_MOVERS_SCHEMA = {
    "value": pl.String,
    "value_name": pl.String,
    "leads": pl.Int64,
    "disbursed": pl.Int64,
    "conversion": pl.Float64,
    "comparison_leads": pl.Int64,
    "comparison_disbursed": pl.Int64,
    "comparison_conversion": pl.Float64,
    "change": pl.Float64,
    "rate_effect": pl.Float64,
    "mix_effect": pl.Float64,
    "contribution": pl.Float64,
    "share_of_change": pl.Float64,
    "total_conversion": pl.Float64,
    "total_comparison_conversion": pl.Float64,
    "total_change": pl.Float64,
    "comparison_age_matched": pl.Boolean,
    "comparison_as_of": pl.Date,
}


def conversion_movers(con: duckdb.DuckDBPyConnection, filters: Filters, by: str) -> pl.DataFrame:
    """Who moved lead → disbursed conversion: each value of `by`, its conversion now and in the comparison
    cohort (age-matched as in funnel_by_stage), and its contribution to the change of the total conversion.

    With L, L′ the cohort sizes, lᵢ, l′ᵢ a value's leads and rᵢ, r′ᵢ its conversions, the total conversion
    is Σ (lᵢ/L)·rᵢ, so contributionᵢ = (lᵢ/L)·rᵢ − (l′ᵢ/L′)·r′ᵢ (its disbursed leads over the cohort now minus
    then) and the contributions add up exactly to the total change. Each splits into a rate effect (the
    value's conversion change weighted by its average lead share) and a mix effect (the change of its lead
    share times its average conversion); a value absent from one cohort has only a mix effect. Sorted by the
    size of the contribution; `share_of_change` = contribution / total change (empty when it is 0). Empty
    without a comparison period or when the period's cohort is empty.
    """
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown funnel breakdown {by!r}; expected one of {', '.join(BREAKDOWNS)}")
    column, names_sql = BREAKDOWNS[by]
    current = _cohort_counts_by(con, filters, filters.period, column)
    total = _merged(current.values())
    if filters.comparison is None or total["leads"] == 0:
        return pl.DataFrame(schema=_MOVERS_SCHEMA)
    basis = comparison_basis(settings(con).as_of, filters.period, filters.comparison, _is_complete(total))
    before = (
        {}
        if basis.age_matched and basis.as_of < filters.comparison.start
        else _cohort_counts_by(con, filters, basis.cohort, column, basis.as_of if basis.age_matched else None)
    )
    total_before = _merged(before.values())
    names = dict(con.execute(names_sql).fetchall()) if names_sql else {}
    leads, leads_before = total["leads"], total_before["leads"]
    rate = divide(total["reached_disbursed"], leads)
    rate_before = divide(total_before["reached_disbursed"], leads_before)
    total_change = None if rate_before is None else rate - rate_before
    rows = []
    for value in sorted(set(current) | set(before), key=lambda v: (v is None, v or "")):
        now, then = current.get(value), before.get(value)
        share = divide(now["leads"], leads) if now else Fraction(0)
        share_before = (divide(then["leads"], leads_before) or Fraction(0)) if then else Fraction(0)
        conversion = divide(now["reached_disbursed"], now["leads"]) if now else None
        conversion_before = divide(then["reached_disbursed"], then["leads"]) if then else None
        change = None if conversion is None or conversion_before is None else conversion - conversion_before
        row = {
            "value": value,
            "value_name": names.get(value, value),
            "leads": now["leads"] if now else 0,
            "disbursed": now["reached_disbursed"] if now else 0,
            "conversion": as_float(conversion),
            "comparison_leads": then["leads"] if then else 0,
            "comparison_disbursed": then["reached_disbursed"] if then else 0,
            "comparison_conversion": as_float(conversion_before),
            "change": as_float(change),
        }
        if total_change is not None:
            if change is not None:
                rate_effect = (share + share_before) / 2 * change
                mix_effect = (share - share_before) * (conversion + conversion_before) / 2
            else:  # only in one cohort: all of its contribution is mix
                rate_effect = Fraction(0)
                mix_effect = share * (conversion or 0) - share_before * (conversion_before or 0)
            contribution = rate_effect + mix_effect
            row |= {
                "rate_effect": float(rate_effect),
                "mix_effect": float(mix_effect),
                "contribution": float(contribution),
                "share_of_change": as_float(divide(contribution, total_change)),
            }
        rows.append(row)
    common = {
        "total_conversion": as_float(rate),
        "total_comparison_conversion": as_float(rate_before),
        "total_change": as_float(total_change),
        "comparison_age_matched": basis.age_matched,
        "comparison_as_of": basis.as_of,
    }
    frame_ = pl.DataFrame([row | common for row in rows], schema=_MOVERS_SCHEMA)
    return frame_.sort(pl.col("contribution").abs(), "value", descending=[True, False], nulls_last=True)


def _merged(counts) -> dict[str, int]:
    """The sum of several cohort counts."""
    out = dict.fromkeys(_COUNTS, 0)
    for c in counts:
        for key in _COUNTS:
            out[key] += c[key]
    return out


def _cohort_starts(grain: str, end: date, cohorts: int) -> tuple[date, date, date]:
    """First cohort start, last cohort start and last cohort end for `cohorts` buckets ending at `end`'s bucket."""
    if grain == "week":
        last = end - timedelta(days=end.weekday())
        return last - timedelta(weeks=cohorts - 1), last, last + timedelta(days=6)
    index = end.year * 12 + end.month - 1
    first_index = index - (cohorts - 1)
    last = date(end.year, end.month, 1)
    next_month = date(index // 12 + (index % 12 == 11), (index + 1) % 12 + 1, 1)
    return date(first_index // 12, first_index % 12 + 1, 1), last, next_month - timedelta(days=1)


def conversion_trend(
    con: duckdb.DuckDBPyConnection, filters: Filters, grain: str = "week", cohorts: int = 12
) -> pl.DataFrame:
    """Conversion per stage of the last `cohorts` weekly or monthly cohorts to the period's end, incomplete marked."""
    if grain not in COHORT_GRAINS:
        raise ValueError(f"unknown cohort grain {grain!r}; expected one of {', '.join(COHORT_GRAINS)}")
    if cohorts < 1:
        raise ValueError("cohorts must be at least 1")
    first, last, last_end = _cohort_starts(grain, filters.period.end, cohorts)
    where, params = period_where(filters, Period(first, last_end), "created_date")
    sums = ", ".join(f"sum({c})::BIGINT as {c}" for c in _COUNTS)
    sql = f"""
        with buckets as (
            select cast(unnest(generate_series(?::DATE, ?::DATE, ?::INTERVAL)) as date) as cohort_start
        ),

        counts as (
            select cast(date_trunc(?, created_date) as date) as cohort_start, {sums}
            from agg_funnel_daily
            where {where}
            group by 1
        ),

        cohorts as (
            select
                buckets.cohort_start,
                cast(buckets.cohort_start + ?::INTERVAL - interval 1 day as date) as cohort_end,
                coalesce(counts.leads, 0) as leads,
                coalesce(counts.window_complete_leads, 0) as window_complete_leads,
                {", ".join(f"coalesce(counts.{c}, 0) as {c}" for c in _REACHED)}
            from buckets
            left join counts using (cohort_start)
        ),

        long as (
            select
                cohort_start, cohort_end, leads, window_complete_leads,
                unnest(?::VARCHAR[]) as stage,
                unnest(range(1, 7)) as stage_no,
                unnest([{", ".join(_REACHED)}]) as reached,
                unnest([leads, {", ".join(_REACHED[:-1])}]) as previous_reached
            from cohorts
        ),

        final as (
            select
                cohort_start, cohort_end, stage, stage_no::INTEGER as stage_no, reached,
                reached / nullif(previous_reached, 0) as step_conversion,
                reached / nullif(leads, 0) as overall_conversion,
                leads,
                window_complete_leads / nullif(leads, 0) as window_complete_share,
                -- An empty cohort is neither complete nor incomplete.
                case when leads > 0 then window_complete_leads = leads end as cohort_complete
            from long
        )

        select * from final
        order by cohort_start, stage_no
    """
    interval = COHORT_GRAINS[grain]
    return frame(con, sql, [first, last, interval, grain, *params, interval, list(FUNNEL_STAGES)])


def time_to_convert(
    con: duckdb.DuckDBPyConnection, filters: Filters, edges: tuple[float, ...] = DEFAULT_TIME_TO_CONVERT_EDGES
) -> pl.DataFrame:
    """Histogram of days from creation to disbursement for the cohort's disbursed leads (buckets [edge, next edge))."""
    if not edges or any(e <= 0 for e in edges) or any(a >= b for a, b in zip(edges, edges[1:], strict=False)):
        raise ValueError(f"edges must be positive and strictly increasing, got {edges!r}")
    where, params = period_where(filters, filters.period, "created_date")
    counts = dict(
        con.execute(
            f"""
            select len(list_filter(?::DOUBLE[], lambda e: e <= days_to_disburse)) as bucket_no, count(*)
            from agg_funnel_disbursed_leads
            where {where}
            group by 1
            """,
            [list(edges), *params],
        ).fetchall()
    )
    total = sum(counts.values())
    lows = [0, *edges]
    highs = [*edges, None]
    rows = []
    for bucket_no, (low, high) in enumerate(zip(lows, highs, strict=True)):
        leads = counts.get(bucket_no, 0)
        rows.append(
            {
                "bucket_no": bucket_no,
                "bucket": f"{low:g}–{high:g}" if high is not None else f"{low:g}+",
                "min_days": float(low),
                "max_days": None if high is None else float(high),
                "leads": leads,
                "share": leads / total if total else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "bucket_no": pl.Int32,
            "bucket": pl.String,
            "min_days": pl.Float64,
            "max_days": pl.Float64,
            "leads": pl.Int64,
            "share": pl.Float64,
        },
    )


_DROPPED = "(l.outcome in ('lost', 'rejected') or l.window_complete)"
"""A lead has dropped out (rather than still converting) when it was lost or rejected, or its window is over."""


def dropped_leads(
    con: duckdb.DuckDBPyConnection, filters: Filters, stage: str, limit: int = DEFAULT_DROPPED_LIMIT
) -> pl.DataFrame:
    """The cohort's leads that dropped out at `stage`, newest first, at most `limit`.

    A lead dropped at a stage when that is its furthest stage within the window and it is out of the
    running: its outcome is lost or rejected, or its window is complete. An open lead still inside its
    window is converting, not dropped.
    """
    if stage not in STAGES[:-1]:
        raise ValueError(f"leads drop at one of {', '.join(STAGES[:-1])}, not {stage!r}")
    where, params = period_where(filters, filters.period, "created_date", alias="l")
    at_columns = ", ".join(f"l.{s}_at" for s in FUNNEL_STAGES[:-1])
    sql = f"""
        select
            l.lead_id, l.created_at, l.created_date, l.furthest_stage,
            -- When the lead got to its furthest stage (its creation for `lead`).
            [l.created_at, {at_columns}][l.furthest_stage_no + 1] as furthest_stage_at,
            l.outcome,
            case when l.rejected_at is not null then 'rejected' when l.lost_at is not null then 'lost' end
                as reason_event,
            case when l.rejected_at is not null then l.rejected_reason else l.lost_reason end as reason,
            l.window_complete,
            l.customer_id, l.customer_type, l.officer_id, o.officer_name, l.team_id, t.team_name,
            l.region_id, l.channel_id, l.product_id, l.product_line
        from fct_leads as l
        left join stg_officers as o on o.officer_id = l.officer_id
        left join stg_teams as t on t.team_id = l.team_id
        where {where} and l.furthest_stage = ? and {_DROPPED}
        order by l.created_at desc, l.lead_id
        limit ?
    """
    return frame(con, sql, [*params, stage, int(limit)])


def dropped_counts(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Per stage before disbursed: the cohort's leads whose furthest stage it is, split into dropped out
    (as `dropped_leads` lists them) and still converting (open, window not over)."""
    where, params = period_where(filters, filters.period, "created_date", alias="l")
    sql = f"""
        with stages as (
            select unnest(?::VARCHAR[]) as stage, unnest(range(0, 6))::INTEGER as stage_no
        ),

        counts as (
            select
                l.furthest_stage as stage,
                count(*) filter (where {_DROPPED}) as dropped,
                count(*) filter (where not {_DROPPED}) as converting
            from fct_leads as l
            where {where} and l.furthest_stage_no < 6
            group by 1
        ),

        final as (
            select stages.stage, stages.stage_no, coalesce(dropped, 0) as dropped,
                   coalesce(converting, 0) as converting
            from stages left join counts using (stage)
        )

        select * from final order by stage_no
    """
    return frame(con, sql, [list(STAGES[:-1]), *params])


def activity_counts(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Applications, approvals and rejections that happened in the period, and the approval rate (one row)."""
    where, params = period_where(filters, filters.period, "occurred_date")
    return frame(
        con,
        f"""
        with counts as (
            select
                coalesce(sum(leads) filter (where stage = 'application'), 0)::BIGINT as applications,
                coalesce(sum(leads) filter (where stage = 'approved'), 0)::BIGINT as approvals,
                coalesce(sum(leads) filter (where stage = 'rejected'), 0)::BIGINT as rejections
            from agg_lead_events_daily
            where {where}
        )

        select *, approvals / nullif(approvals + rejections, 0) as approval_rate
        from counts
        """,
        params,
    )


def new_leads(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """Number of leads created in the period."""
    return _cohort_counts(con, filters, filters.period)["leads"]


_AGE_MATCHED_RULE = (
    "Compared at the same age: while the cohort is still converting, the comparison period's cohort is "
    "evaluated as of the as-of day minus the days between the two periods' starts (a stage counts only if "
    "reached within the window and by the end of that day; only its leads created by then), so both have had "
    "the same time to convert. A complete cohort is compared with the comparison cohort as it stands; an empty "
    "cohort has nothing to compare."
)

_COHORT_RULE = (
    "The cohort is the leads created in the period. A lead reaches a stage when it has an event of that stage "
    "or any later stage no later than its creation time plus the conversion window (default 90 days; an event "
    "exactly at the window's end counts). Rejected and lost are outcomes, not stages. While some leads' windows "
    "have not ended by the as-of day the cohort is marked incomplete and its conversion can still rise. "
    + _AGE_MATCHED_RULE
)

DEFINITIONS: list[MetricDefinition] = [
    MetricDefinition(
        key="new_leads",
        name="New leads",
        numerator="Leads created in the period",
        denominator=None,
        rules="Counted by the lead's creation date.",
        unit="count",
    ),
    MetricDefinition(
        key="stage_reached",
        name="Leads reaching a stage",
        numerator="Leads of the cohort that reached the stage within the conversion window",
        denominator=None,
        rules=_COHORT_RULE,
        unit="count",
    ),
    MetricDefinition(
        key="step_conversion",
        name="Step conversion",
        numerator="Leads of the cohort that reached the stage",
        denominator="Leads of the cohort that reached the stage before it (for contacted: all leads of the cohort)",
        rules=_COHORT_RULE + " Empty when no lead reached the stage before.",
    ),
    MetricDefinition(
        key="overall_conversion",
        name="Overall conversion",
        numerator="Leads of the cohort that reached the stage",
        denominator="All leads of the cohort",
        rules=_COHORT_RULE + " Empty when the cohort has no leads.",
    ),
    MetricDefinition(
        key="lead_to_disbursed_conversion",
        name="Lead → disbursed conversion",
        numerator="Leads of the cohort disbursed within the conversion window",
        denominator="All leads of the cohort",
        rules=_COHORT_RULE + " Empty when the cohort has no leads.",
    ),
    MetricDefinition(
        key="step_loss",
        name="Stage loss",
        numerator="Leads that reached the stage before but not this stage",
        denominator="Leads of the cohort that reached the stage before",
        rules=(
            "Equals 1 − step conversion. A stage is flagged when its loss is above the stage's configured threshold "
            "(default 15%; exactly the threshold is not flagged), or — when a comparison period is chosen — when "
            "its loss is more than the configured share (default 15%) higher than the comparison period's loss "
            "(loss > comparison loss × 1.15; a comparison loss of 0 makes any loss a worsening). The threshold is "
            "evaluated only for a complete cohort: while the cohort is still converting it is not applicable and "
            "a stage is flagged only when it worsened against the comparison cohort at the same age (evaluated as "
            "of the as-of day minus the days between the two periods' starts)."
        ),
        higher_is_better=False,
    ),
    MetricDefinition(
        key="window_complete_share",
        name="Cohort window complete",
        numerator="Leads of the cohort whose conversion window has ended by the end of the as-of day",
        denominator="All leads of the cohort",
        rules=(
            "A lead's window is complete when creation time + window falls on or before the as-of day (the as-of "
            "day counts in full). A cohort is complete when every lead's window is."
        ),
        higher_is_better=None,
    ),
    MetricDefinition(
        key="time_to_convert",
        name="Time to convert",
        numerator="Leads of the cohort that were disbursed, by days from creation to first disbursement",
        denominator="All disbursed leads of the cohort (for the share)",
        rules=(
            "Days are fractional (to the second). Buckets include their lower edge and exclude their upper edge; "
            "the last bucket is open-ended. Leads disbursed after the conversion window are included."
        ),
        unit="count",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="dropped_leads",
        name="Leads dropped at a stage",
        numerator="Leads of the cohort whose furthest stage reached within the window is the stage and that are out "
        "of the running: lost or rejected, or with a complete window",
        denominator=None,
        rules=(
            'An open lead still inside its window is still converting, not dropped: it is counted apart ("still '
            'converting") and not listed. So dropped plus still converting equals leads reaching the stage minus '
            "leads reaching the next one. The reason is that of the lead's first rejected event, else its first "
            "lost event."
        ),
        unit="count",
        higher_is_better=False,
    ),
    MetricDefinition(
        key="conversion_contribution",
        name="Contribution to the change of conversion",
        numerator="A value's (region, team, channel, product line) disbursed leads, in the cohort and in the "
        "comparison cohort",
        denominator="All leads of the cohort, and of the comparison cohort: the contribution is the first share "
        "minus the second",
        rules=(
            "Lead → disbursed conversion is the lead-weighted average of the values' conversions, Σ (leadsᵢ / "
            "leads) × conversionᵢ, so contributionᵢ = (leadsᵢ / leads) × conversionᵢ − (leads′ᵢ / leads′) × "
            "conversion′ᵢ, and the contributions add up exactly to the change of the total conversion. Each splits "
            "into a rate effect (the change of the value's own conversion × its average lead share) and a mix "
            "effect (the change of its lead share × its average conversion); a value with leads in only one of "
            "the two cohorts has only a mix effect. Share of the change = contribution / total change (empty when "
            "the total did not change). " + _AGE_MATCHED_RULE
        ),
        unit="ratio",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="applications",
        name="Applications",
        numerator="Leads with an application event in the period",
        denominator=None,
        rules=(
            "Counted by the day the event happened, whichever period the lead was created in. A lead counts once, "
            "on the day of its first application event; later-stage events do not add applications."
        ),
        unit="count",
    ),
    MetricDefinition(
        key="approvals",
        name="Approvals",
        numerator="Leads with an approved event in the period",
        denominator=None,
        rules="Counted by event day; a lead counts once, on the day of its first approved event.",
        unit="count",
    ),
    MetricDefinition(
        key="rejections",
        name="Rejections",
        numerator="Leads with a rejected event in the period",
        denominator=None,
        rules="Counted by event day; a lead counts once, on the day of its first rejected event.",
        unit="count",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="approval_rate",
        name="Approval rate",
        numerator="Approvals in the period",
        denominator="Approvals plus rejections in the period",
        rules="Events counted by the day they happened, as for approvals and rejections. Empty when both are 0.",
    ),
]
