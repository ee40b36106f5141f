"""Disbursement page queries (SPEC §4.2): volume against prorated targets, pacing, mix, leaderboard.

Amounts are sums of principal over loans disbursed in the period, exact DECIMAL. Average
ticket, targets, attainment and pacing are ratios and come back as DOUBLE; a prorated
target is computed exactly (as a fraction) before it is converted, and the attainment band
is decided on the exact value, so 80% of target is amber and never red by rounding.

Targets are set per team × product line and month. They roll up team → region → company
and product line → all lines, following the region, team and product-line filters. An
officer, channel or customer-type filter has no meaningful target: targets, attainment,
band and pacing are then empty (null), not zero.

Everything here reads the daily aggregates (agg_disbursement_daily, agg_funnel_disbursed_leads)
and fct_targets_monthly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import duckdb
import polars as pl

from pipelines.metrics import MetricDefinition
from pipelines.queries._sales import (
    BANDS,
    as_float,
    band,
    divide,
    on_comparison,
    period_where,
    prorated_targets,
    prorated_targets_by,
    settings,
    target_clause,
    targets_apply,
)
from pipelines.queries._sql import frame
from pipelines.queries.filters import Filters, Period

__all__ = [
    "BANDS",
    "BRIDGE_MEMBERS",
    "CHANGE_LEVELS",
    "DEFINITIONS",
    "LEADERBOARD_LEVELS",
    "MIX_DIMENSIONS",
    "SERIES_GRAINS",
    "amount_bridge",
    "amount_change_by",
    "disbursement_mix",
    "disbursement_series",
    "disbursement_summary",
    "leaderboard",
    "on_comparison",
]

SERIES_GRAINS: tuple[str, ...] = ("day", "week", "month", "quarter")
"""Series buckets: days, ISO weeks (from Monday), calendar months and quarters, clipped to the period."""

MIX_DIMENSIONS: dict[str, tuple[str, str | None]] = {
    # mix → (column in agg_disbursement_daily, query giving (value, value_name) for display)
    "product_line": ("product_line", None),
    "channel": ("channel_id", "select channel_id, channel_name from stg_channels"),
    "segment": ("segment", None),
    "customer_type": ("customer_type", None),
}

LEADERBOARD_LEVELS: dict[str, tuple[str, str]] = {
    # level → (column in agg_disbursement_daily, query giving the value's name and its parents)
    "region": (
        "region_id",
        "select region_id as value, region_name as name, null::VARCHAR as team_id, null::VARCHAR as team_name, "
        "region_id, region_name from stg_regions",
    ),
    "team": (
        "team_id",
        "select t.team_id as value, t.team_name as name, t.team_id, t.team_name, t.region_id, r.region_name "
        "from stg_teams as t left join stg_regions as r using (region_id)",
    ),
    "officer": (
        "officer_id",
        "select o.officer_id as value, o.officer_name as name, o.team_id, t.team_name, t.region_id, r.region_name "
        "from stg_officers as o left join stg_teams as t using (team_id) left join stg_regions as r using (region_id)",
    ),
}

_SUMMARY_SCHEMA = {
    "period_start": pl.Date,
    "period_end": pl.Date,
    "amount": pl.Decimal(18, 2),
    "loans": pl.Int64,
    "average_ticket": pl.Float64,
    "targets_apply": pl.Boolean,
    "base_target": pl.Float64,
    "stretch_target": pl.Float64,
    "attainment": pl.Float64,
    "stretch_attainment": pl.Float64,
    "band": pl.String,
    "period_complete": pl.Boolean,
    "elapsed_share": pl.Float64,
    "pacing": pl.Float64,
    "pacing_band": pl.String,
    "repeat_loans": pl.Int64,
    "repeat_rate": pl.Float64,
    "conversion_cycle_days": pl.Float64,
    "disbursed_leads": pl.Int64,
}


def _elapsed_days(period: Period, as_of: date) -> int:
    """Days of the period from its start through the as-of day (0 before it starts, all once it has ended)."""
    return min(period.days, max(0, (as_of - period.start).days + 1))


def disbursement_summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The period's amount, count, average ticket, targets, attainment, pacing, repeat rate and cycle (one row)."""
    s = settings(con)
    period = filters.period
    where, params = period_where(filters, period, "disbursed_date")
    amount, loans, repeat_loans = con.execute(
        f"""
        select coalesce(sum(amount), 0)::DECIMAL(18, 2), coalesce(sum(loans), 0)::BIGINT,
               coalesce(sum(repeat_loans), 0)::BIGINT
        from agg_disbursement_daily
        where {where}
        """,
        params,
    ).fetchall()[0]
    # Conversion cycle: leads disbursed in the period (by the day of their first disbursed
    # event), whichever period they were created in. median = mean of the two middle values
    # for an even count.
    cycle, disbursed_leads = con.execute(
        f"select median(days_to_disburse), count(*) from agg_funnel_disbursed_leads where {where}", params
    ).fetchall()[0]
    targets = prorated_targets(con, filters, period)
    base, stretch = targets if targets else (None, None)
    attainment = divide(amount, base)
    elapsed = _elapsed_days(period, s.as_of)
    complete = elapsed == period.days
    pacing = None
    if not complete and elapsed > 0 and base:
        # amount / (target × elapsed share), elapsed share = elapsed days / days of the period
        pacing = Fraction(amount) / (base * Fraction(elapsed, period.days))
    row = {
        "period_start": period.start,
        "period_end": period.end,
        "amount": Decimal(amount),
        "loans": loans,
        "average_ticket": as_float(divide(amount, loans)),
        "targets_apply": targets_apply(filters),
        "base_target": as_float(base),
        "stretch_target": as_float(stretch),
        "attainment": as_float(attainment),
        "stretch_attainment": as_float(divide(amount, stretch)),
        "band": band(attainment, s),
        "period_complete": complete,
        "elapsed_share": elapsed / period.days,
        "pacing": as_float(pacing),
        "pacing_band": band(pacing, s),
        "repeat_loans": repeat_loans,
        "repeat_rate": as_float(divide(repeat_loans, loans)),
        "conversion_cycle_days": cycle,
        "disbursed_leads": disbursed_leads,
    }
    return pl.DataFrame([row], schema=_SUMMARY_SCHEMA)


def disbursement_series(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str = "day") -> pl.DataFrame:
    """Amount and count per day / week / month / quarter of the period with its prorated base and stretch target."""
    if grain not in SERIES_GRAINS:
        raise ValueError(f"unknown series grain {grain!r}; expected one of {', '.join(SERIES_GRAINS)}")
    period = filters.period
    where, params = period_where(filters, period, "disbursed_date")
    targets_where, target_params = target_clause(filters)
    sql = f"""
        with days as (
            select cast(unnest(generate_series(?::DATE, ?::DATE, interval 1 day)) as date) as day
        ),

        bucketed as (
            -- Buckets are clipped to the period: a week that starts before it starts with it.
            select
                day,
                greatest(cast(date_trunc(?, day) as date), ?::DATE) as bucket_start,
                cast(date_trunc('month', day) as date) as month
            from days
        ),

        amounts as (
            select disbursed_date as day, sum(amount) as amount, sum(loans) as loans
            from agg_disbursement_daily
            where {where}
            group by 1
        ),

        month_targets as (
            select month, days_in_month, sum(base_amount) as base_amount, sum(stretch_amount) as stretch_amount
            from fct_targets_monthly
            where month <= ? and month_end >= ? and {targets_where} and ?::BOOLEAN
            group by 1, 2
        ),

        bucket_targets as (
            -- Each month's target × (days of the month inside the bucket / days in the month).
            select
                bucket_days.bucket_start,
                sum(month_targets.base_amount * bucket_days.days / month_targets.days_in_month) as base_target,
                sum(month_targets.stretch_amount * bucket_days.days / month_targets.days_in_month) as stretch_target
            from (select bucket_start, month, count(*) as days from bucketed group by 1, 2) as bucket_days
            inner join month_targets using (month)
            group by 1
        ),

        bucket_amounts as (
            select
                bucketed.bucket_start,
                max(bucketed.day) as bucket_end,
                coalesce(sum(amounts.amount), 0)::DECIMAL(18, 2) as amount,
                coalesce(sum(amounts.loans), 0)::BIGINT as loans
            from bucketed
            left join amounts using (day)
            group by 1
        ),

        final as (
            select
                bucket_amounts.bucket_start,
                bucket_amounts.bucket_end,
                bucket_amounts.amount,
                bucket_amounts.loans,
                bucket_amounts.amount / nullif(bucket_amounts.loans, 0) as average_ticket,
                bucket_targets.base_target,
                bucket_targets.stretch_target,
                cast(sum(bucket_amounts.amount) over running as DECIMAL(18, 2)) as cumulative_amount,
                sum(bucket_targets.base_target) over running as cumulative_base_target,
                sum(bucket_targets.stretch_target) over running as cumulative_stretch_target
            from bucket_amounts
            left join bucket_targets using (bucket_start)
            window running as (order by bucket_amounts.bucket_start)
        )

        select * from final
        order by bucket_start
    """
    return frame(
        con,
        sql,
        [
            period.start,
            period.end,
            grain,
            period.start,
            *params,
            period.end,
            period.start,
            *target_params,
            targets_apply(filters),
        ],
    )


def disbursement_mix(con: duckdb.DuckDBPyConnection, filters: Filters, by: str) -> pl.DataFrame:
    """The period's amount and count by product line / channel / segment / customer type, with shares."""
    if by not in MIX_DIMENSIONS:
        raise ValueError(f"unknown mix dimension {by!r}; expected one of {', '.join(MIX_DIMENSIONS)}")
    column, names_sql = MIX_DIMENSIONS[by]
    where, params = period_where(filters, filters.period, "disbursed_date")
    names = (
        f"left join ({names_sql}) as names(value, value_name) using (value)"
        if names_sql
        else "cross join (select null::VARCHAR as value_name) as names"
    )
    return frame(
        con,
        f"""
        with totals as (
            select {column} as value, sum(amount) as amount, sum(loans) as loans, sum(repeat_loans) as repeat_loans
            from agg_disbursement_daily
            where {where}
            group by 1
        ),

        final as (
            select
                totals.value,
                coalesce(names.value_name, totals.value) as value_name,
                totals.amount::DECIMAL(18, 2) as amount,
                totals.loans::BIGINT as loans,
                totals.amount / nullif(totals.loans, 0) as average_ticket,
                totals.amount / nullif(sum(totals.amount) over (), 0) as amount_share,
                totals.loans / nullif(sum(totals.loans) over (), 0) as count_share,
                totals.repeat_loans / nullif(totals.loans, 0) as repeat_rate
            from totals {names}
        )

        select * from final
        order by amount desc, value
        """,
        params,
    )


def leaderboard(con: duckdb.DuckDBPyConnection, filters: Filters, level: str) -> pl.DataFrame:
    """Regions, teams or officers ranked by amount, with count, average ticket and attainment where a target exists."""
    if level not in LEADERBOARD_LEVELS:
        raise ValueError(f"unknown leaderboard level {level!r}; expected one of {', '.join(LEADERBOARD_LEVELS)}")
    s = settings(con)
    column, names_sql = LEADERBOARD_LEVELS[level]
    # Officers have no targets of their own (targets are per team × product line).
    targets = {} if level == "officer" else prorated_targets_by(con, filters, filters.period, column)
    by_value = _amounts_by(con, filters, filters.period, column)
    rows = []
    for value in sorted(set(by_value) | set(targets)):
        amount, loans = by_value.get(value, (Decimal(0), 0))
        base, stretch = targets.get(value, (None, None))
        attainment = divide(amount, base)
        rows.append(
            {
                "value": value,
                "amount": Decimal(amount),
                "loans": loans,
                "average_ticket": as_float(divide(amount, loans)),
                "base_target": as_float(base),
                "stretch_target": as_float(stretch),
                "attainment": as_float(attainment),
                "stretch_attainment": as_float(divide(amount, stretch)),
                "band": band(attainment, s),
            }
        )
    board = pl.DataFrame(
        rows,
        schema={
            "value": pl.String,
            "amount": pl.Decimal(18, 2),
            "loans": pl.Int64,
            "average_ticket": pl.Float64,
            "base_target": pl.Float64,
            "stretch_target": pl.Float64,
            "attainment": pl.Float64,
            "stretch_attainment": pl.Float64,
            "band": pl.String,
        },
    )
    names = frame(con, names_sql)
    total = sum((r["amount"] for r in rows), Decimal(0))
    return (
        board.join(names, on="value", how="left")
        .with_columns(
            # Ties share a rank (1, 2, 2, 4).
            pl.col("amount").cast(pl.Float64).rank(method="min", descending=True).cast(pl.Int32).alias("rank"),
            (pl.col("amount").cast(pl.Float64) / float(total) if total else pl.lit(None, pl.Float64)).alias(
                "amount_share"
            ),
        )
        .sort(["rank", "value"])
        .select(
            "rank",
            "value",
            "name",
            "team_id",
            "team_name",
            "region_id",
            "region_name",
            "amount",
            "amount_share",
            "loans",
            "average_ticket",
            "base_target",
            "stretch_target",
            "attainment",
            "stretch_attainment",
            "band",
        )
    )


CHANGE_LEVELS: dict[str, tuple[str, str | None]] = {
    # level → (column in agg_disbursement_daily, query giving the value's name and its parents, if it has names)
    **LEADERBOARD_LEVELS,
    "product_line": ("product_line", None),
    "channel": (
        "channel_id",
        "select channel_id as value, channel_name as name, null::VARCHAR as team_id, null::VARCHAR as team_name, "
        "null::VARCHAR as region_id, null::VARCHAR as region_name from stg_channels",
    ),
}
"""The levels "who moved it" splits the change of the disbursed amount by."""

BRIDGE_MEMBERS = 8
"""A bridge (waterfall) shows this many members by absolute change; the rest are one "others" step."""

_CHANGE_SCHEMA = {
    "level": pl.String,
    "value": pl.String,
    "name": pl.String,
    "team_id": pl.String,
    "team_name": pl.String,
    "region_id": pl.String,
    "region_name": pl.String,
    "amount": pl.Decimal(18, 2),
    "loans": pl.Int64,
    "previous_amount": pl.Decimal(18, 2),
    "previous_loans": pl.Int64,
    "change": pl.Decimal(18, 2),
    "share_of_change": pl.Float64,
    "rank": pl.Int32,
}
_NAME_COLUMNS = ("name", "team_id", "team_name", "region_id", "region_name")


def _amounts_by(con: duckdb.DuckDBPyConnection, filters: Filters, period: Period, column: str) -> dict:
    where, params = period_where(filters, period, "disbursed_date")
    rows = con.execute(
        f"""
        select {column} as value, sum(amount)::DECIMAL(18, 2) as amount, sum(loans)::BIGINT as loans
        from agg_disbursement_daily
        where {where}
        group by 1
        """,
        params,
    ).fetchall()
    return {value: (Decimal(amount), loans) for value, amount, loans in rows if loans}


def amount_change_by(con: duckdb.DuckDBPyConnection, filters: Filters, level: str) -> pl.DataFrame:
    """Who moved the disbursed amount: per region / team / officer / product line / channel, the period's amount,
    the comparison period's, the change and its share of the total change; the largest change (either way) first.

    change = amount − previous amount (exact, DECIMAL), for every member that disbursed in either
    period, so the changes add up to the cent to the change of the total under the filters.
    share_of_change = change / total change; empty when the total did not change (the members'
    changes cancel out). Shares are signed: with the total down, a member that grew has a
    negative share, and the shares of those that fell add up to more than 100%.
    Without a comparison period (filters.comparison None) only the amounts are given, largest
    first; previous amount, change and share are empty.
    """
    if level not in CHANGE_LEVELS:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(CHANGE_LEVELS)}")
    column, names_sql = CHANGE_LEVELS[level]
    now = _amounts_by(con, filters, filters.period, column)
    before = _amounts_by(con, filters, filters.comparison, column) if filters.comparison else {}
    compared = filters.comparison is not None
    zero = (Decimal(0), 0)
    changes = {value: now.get(value, zero)[0] - before.get(value, zero)[0] for value in set(now) | set(before)}
    total_change = sum(changes.values(), Decimal(0))
    rows = []
    for value, change in changes.items():
        amount, loans = now.get(value, zero)
        previous_amount, previous_loans = before.get(value, zero)
        rows.append(
            {
                "level": level,
                "value": value,
                "amount": amount,
                "loans": loans,
                "previous_amount": previous_amount if compared else None,
                "previous_loans": previous_loans if compared else None,
                "change": change if compared else None,
                "share_of_change": as_float(divide(change, total_change)) if compared else None,
            }
        )
    # The largest change either way first (the largest amount without a comparison); ties by id.
    size = (lambda r: abs(r["change"])) if compared else (lambda r: r["amount"])
    rows.sort(key=lambda r: (-size(r), r["value"] is None, r["value"] or ""))
    for i, row in enumerate(rows):
        # Equal sizes share a rank (1, 2, 2, 4).
        row["rank"] = rows[i - 1]["rank"] if i and size(rows[i - 1]) == size(row) else i + 1
    out = pl.DataFrame(rows, schema={k: v for k, v in _CHANGE_SCHEMA.items() if k not in _NAME_COLUMNS})
    if names_sql:
        names = frame(con, names_sql).cast({c: pl.String for c in _NAME_COLUMNS})
        out = out.join(names, on="value", how="left", maintain_order="left")
    else:
        out = out.with_columns([pl.lit(None, pl.String).alias(c) for c in _NAME_COLUMNS if c != "value"])
    return out.select(list(_CHANGE_SCHEMA)).cast(_CHANGE_SCHEMA)


def amount_bridge(changes: pl.DataFrame, members: int = BRIDGE_MEMBERS) -> pl.DataFrame:
    """The steps of a bridge (waterfall) from the comparison total to the period's total, from amount_change_by.

    Steps: the comparison total; the `members` largest changes (as ranked); one "others" step with
    the sum of the remaining changes (when there are any); the period's total. The changes
    and "others" add up exactly to period total − comparison total. Empty without a comparison.
    """
    schema = {
        "step": pl.String,
        "value": pl.String,
        "name": pl.String,
        "amount": pl.Decimal(18, 2),
        "members": pl.Int64,
    }
    if changes.is_empty() or changes["change"].is_null().all():
        return pl.DataFrame(schema=schema)
    rows = changes.to_dicts()
    start = sum((r["previous_amount"] for r in rows), Decimal(0))
    end = sum((r["amount"] for r in rows), Decimal(0))
    shown, rest = rows[:members], rows[members:]
    if len(rest) == 1:  # one "others" bar for a single member says less than the member itself
        shown, rest = rows, []
    steps = [{"step": "comparison_total", "value": None, "name": None, "amount": start, "members": None}]
    steps += [
        {"step": "member", "value": r["value"], "name": r["name"], "amount": r["change"], "members": 1} for r in shown
    ]
    if rest:
        others = sum((r["change"] for r in rest), Decimal(0))
        steps.append({"step": "others", "value": None, "name": None, "amount": others, "members": len(rest)})
    steps.append({"step": "period_total", "value": None, "name": None, "amount": end, "members": None})
    return pl.DataFrame(steps, schema=schema)


_TARGET_RULE = (
    "Targets are monthly per team and product line; the target of a date range is, for each month, the monthly "
    "target × (days of the month inside the range / days in the month), summed. They add up from teams to regions "
    "to the company and from product lines to all lines, following the region, team and product-line filters. "
    "With an officer, channel or customer-type filter there is no target and the figure is empty."
)
_BANDS_RULE = (
    "Band: below 80% red, from 80% up to 100% amber, from 100% up to 120% green, 120% and above bonus tier "
    "(bounds configured; a value exactly on a bound takes the higher band)."
)

DEFINITIONS: list[MetricDefinition] = [
    MetricDefinition(
        key="disbursed_amount",
        name="Disbursed amount",
        numerator="Principal of the loans disbursed in the period",
        denominator=None,
        rules="By disbursement date; exact to the cent.",
        unit="money",
    ),
    MetricDefinition(
        key="disbursed_count",
        name="Disbursed count",
        numerator="Loans disbursed in the period",
        denominator=None,
        rules="By disbursement date.",
        unit="count",
    ),
    MetricDefinition(
        key="average_ticket",
        name="Average ticket",
        numerator="Disbursed amount",
        denominator="Disbursed count",
        rules="Empty when no loan was disbursed.",
        unit="money",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="base_target",
        name="Base target",
        numerator="Monthly base targets prorated to the period's days",
        denominator=None,
        rules=_TARGET_RULE + " Empty as well when no target is set for the selected teams and lines.",
        unit="money",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="stretch_target",
        name="Stretch target",
        numerator="Monthly stretch targets prorated to the period's days",
        denominator=None,
        rules=_TARGET_RULE,
        unit="money",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="attainment",
        name="Target attainment",
        numerator="Disbursed amount",
        denominator="Base target of the period",
        rules=_TARGET_RULE + " " + _BANDS_RULE + " Empty when the target is 0.",
    ),
    MetricDefinition(
        key="stretch_attainment",
        name="Stretch attainment",
        numerator="Disbursed amount",
        denominator="Stretch target of the period",
        rules=_TARGET_RULE + " Empty when the stretch target is 0.",
    ),
    MetricDefinition(
        key="pacing",
        name="Pacing",
        numerator="Disbursed amount so far",
        denominator="Base target × elapsed share of the period",
        rules=(
            "Only for a period that ends after the as-of day. Elapsed share = days from the period's start through "
            "the as-of day / days of the period. Empty before the period starts, for finished periods and without a "
            "target. Banded like attainment. " + _TARGET_RULE
        ),
    ),
    MetricDefinition(
        key="repeat_loan_rate",
        name="Repeat-loan rate",
        numerator="Repeat loans disbursed in the period",
        denominator="Loans disbursed in the period",
        rules=(
            "A loan is a repeat loan when its customer has another loan disbursed on a strictly earlier date "
            "(two loans on the customer's first day are neither of them repeats). Earlier loans outside the "
            "period count. Empty when no loan was disbursed."
        ),
        higher_is_better=None,
    ),
    MetricDefinition(
        key="conversion_cycle",
        name="Conversion cycle",
        numerator="Median days from a lead's creation to its first disbursed event",
        denominator=None,
        rules=(
            "Over the leads whose first disbursed event falls in the period (whenever they were created, in or out "
            "of the conversion window); days are fractional; with an even number of leads, the mean of the two "
            "middle values. Filters apply to the lead's officer, channel, product and customer. Empty when no lead "
            "was disbursed."
        ),
        unit="days",
        higher_is_better=False,
    ),
    MetricDefinition(
        key="amount_share",
        name="Share of amount",
        numerator="Disbursed amount of the product line, channel, segment, customer type, region, team or officer",
        denominator="Disbursed amount of all of them under the same filters",
        rules="Empty when nothing was disbursed.",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="amount_change",
        name="Amount change",
        numerator=(
            "Disbursed amount of the region, team, account manager, product line or channel in the period − its "
            "disbursed amount in the comparison period"
        ),
        denominator=None,
        rules=(
            "For every member that disbursed in either period (one that disbursed only in the comparison period "
            "changes by minus what it disbursed then), exact to the cent, so the members' changes add up exactly "
            "to the change of the total under the same filters. Ranked by the size of the change, either way. "
            "The comparison is the filter bar's (previous period or the same dates last year); with no "
            "comparison only the amounts are shown. The bridge (waterfall) goes from the comparison total to the "
            "period's total: the largest changes, then the rest summed as one 'others' step."
        ),
        unit="money",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="share_of_change",
        name="Share of the change",
        numerator="Amount change of the region, team, account manager, product line or channel",
        denominator="Change of the total disbursed amount under the same filters",
        rules=(
            "Signed: with the total down, a member that fell has a positive share and one that grew a negative "
            "one, so shares can exceed 100% and always add up to 100%. Empty (—) when the total did not change: "
            "the members' changes then cancel out and the change column shows them. Empty without a comparison."
        ),
        higher_is_better=None,
    ),
]
