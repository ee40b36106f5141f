"""Credit quality page queries (SPEC §4.3): delinquency series, mixes, vintage, roll rates, write-offs, early warning.

Credit figures are stocks measured at *snapshot dates* (every month-end and every
biweekly period end, plus the build's as-of date, table dim_snapshot_dates), not
flows over a period. The period filter chooses which snapshot is "the period's
figure": the latest snapshot date on or before the period's last day (the comparison
period chooses its own the same way), so a biweekly period and the one before it
read different snapshots. Series stop at that snapshot. Vintage curves, roll rates
and the early warning's history use only the *month-end series* (the month-ends and
the as-of date), so they read as in a monthly book. Write-offs are a flow: loans written off in the
period. Every function reads the pre-aggregated agg_* tables; the dimension filters
apply to the loan's own dimensions (its officer's current team and region, its
product line, channel and customer type).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from pipelines.metrics import MetricDefinition
from pipelines.queries._sql import frame, scalar
from pipelines.queries.filters import Filters, dimension_clause

FIVE_TIER_LABELS: dict[str, tuple[str, str]] = {
    "normal": ("Normal", "正常"),
    "special_mention": ("Special mention", "关注"),
    "substandard": ("Substandard", "次级"),
    "doubtful": ("Doubtful", "可疑"),
    "loss": ("Loss", "损失"),
}
"""English and Chinese labels of the five-tier classification."""

GROUPED_FROM_BUCKET_NO = 4
"""With `m4_plus`, buckets from this position on (M4, M5, M6, M7+ by default) are shown as one "M4+"."""

VINTAGE_THRESHOLDS: dict[int, str] = {30: "balance_dpd30", 60: "balance_dpd60", 90: "balance_dpd90"}
"""Vintage curves: dpd strictly above the threshold → the agg_vintage column holding that balance."""

ROLL_TREND_FROM_BUCKETS = (0, 1, 2)
"""The roll-rate trend follows bucket k → k + 1 for these k: M0→M1, M1→M2, M2→M3."""

EARLY_WARNING_DIMENSIONS: tuple[str, ...] = ("region", "team", "officer", "product_line", "channel")
_EW_COLUMNS = {
    "region": "region_id",
    "team": "team_id",
    "officer": "officer_id",
    "product_line": "product_line",
    "channel": "channel_id",
}

# Ratio name → (numerator column, denominator column) in agg_delinquency_snapshot.
_RATIOS: dict[str, tuple[str, str]] = {
    "overdue_rate": ("balance_dpd1", "balance"),
    "par30": ("balance_par30", "balance"),
    "par90": ("balance_par90", "balance"),
    "npl_ratio": ("balance_npl", "balance"),
    "overdue_rate_by_count": ("loans_dpd1", "active_loans"),
    "par30_by_count": ("loans_par30", "active_loans"),
    "par90_by_count": ("loans_par90", "active_loans"),
    "npl_ratio_by_count": ("loans_npl", "active_loans"),
}
_AMOUNTS = (
    "active_loans",
    "balance",
    "balance_dpd1",
    "balance_par30",
    "balance_par90",
    "balance_npl",
    "loans_dpd1",
    "loans_par30",
    "loans_par90",
    "loans_npl",
)
_COUNTS = {c for c in _AMOUNTS if c.endswith("loans") or c.startswith("loans_")}
CREDIT_FIGURES: tuple[str, ...] = ("balance", "active_loans", *_RATIOS)
"""The figures credit_at_period_end returns, in display order."""


def _table(name: str, filters: Filters) -> str:
    """The officer-grain aggregate when the view is filtered by officer, else its smaller team-grain twin."""
    return name if filters.officer_ids or filters.scope.officer_ids else f"{name}_by_team"


def _sums(alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    # Counts come back as BIGINT, money as DECIMAL.
    return ",\n".join(
        f"cast(coalesce(sum({prefix}{c}), 0) as bigint) as {c}"
        if c in _COUNTS
        else f"coalesce(sum({prefix}{c}), 0) as {c}"
        for c in _AMOUNTS
    )


def _ratios() -> str:
    # Money ratios in DOUBLE; null (undefined) when nothing is outstanding under the filters.
    return ",\n".join(
        f"cast({num} as double) / nullif(cast({den} as double), 0) as {name}" for name, (num, den) in _RATIOS.items()
    )


def snapshot_on_or_before(con: duckdb.DuckDBPyConnection, day: date | None) -> date | None:
    """The latest snapshot date on or before `day`; None if there is none (or `day` is None)."""
    if day is None:
        return None
    return scalar(con, "select max(snapshot_date) from dim_snapshot_dates where snapshot_date <= ?", [day])


def series_date_on_or_before(con: duckdb.DuckDBPyConnection, day: date | None) -> date | None:
    """The latest date of the month-end series (a month-end or the as-of date) on or before `day`; None if none."""
    if day is None:
        return None
    return scalar(
        con, "select max(snapshot_date) from dim_snapshot_dates where in_month_end_series and snapshot_date <= ?", [day]
    )


def snapshot_dates(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every snapshot date with its flags and neighbours, oldest first."""
    return frame(con, "select * from dim_snapshot_dates order by snapshot_date", [])


def _period_snapshot(con: duckdb.DuckDBPyConnection, filters: Filters, snapshot_date: date | None) -> date | None:
    return snapshot_date if snapshot_date is not None else snapshot_on_or_before(con, filters.period.end)


# --------------------------------------------------------------------------------------------
# Balance, overdue rate, PAR30/90, NPL ratio


def credit_series(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    start: date | None = None,
    month_ends_only: bool = False,
) -> pl.DataFrame:
    """Balance and every delinquency ratio (balance- and count-based) at each snapshot date up to the period's end."""
    end = snapshot_on_or_before(con, filters.period.end)
    where, params = dimension_clause(filters, "a")
    return frame(
        con,
        f"""
        with dates as (
            select snapshot_date, is_month_end, is_as_of
            from dim_snapshot_dates
            where snapshot_date <= ? and snapshot_date >= coalesce(?, date '0001-01-01')
                and (is_month_end or is_as_of or not ?)
        ),
        totals as (
            select a.snapshot_date, {_sums("a")}
            from {_table("agg_delinquency_snapshot", filters)} as a
            where a.snapshot_date in (select snapshot_date from dates) and {where}
            group by a.snapshot_date
        ),
        filled as (
            select d.snapshot_date, d.is_month_end, d.is_as_of,
                {", ".join(f"coalesce(t.{c}, 0) as {c}" for c in _AMOUNTS)}
            from dates as d
            left join totals as t on t.snapshot_date = d.snapshot_date
        )
        select *, {_ratios()}
        from filled
        order by snapshot_date
        """,
        [end, start, month_ends_only, *params],
    )


def credit_snapshot(con: duckdb.DuckDBPyConnection, filters: Filters, snapshot_date: date | None) -> pl.DataFrame:
    """One row: balance, counts and every delinquency ratio at one snapshot date (zeros/nulls when none)."""
    where, params = dimension_clause(filters, "a")
    return frame(
        con,
        f"""
        with totals as (
            select {_sums("a")}
            from {_table("agg_delinquency_snapshot", filters)} as a
            where a.snapshot_date = ? and {where}
        )
        select cast(? as date) as snapshot_date, *, {_ratios()}
        from totals
        """,
        [snapshot_date, *params, snapshot_date],
    )


def credit_at_period_end(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Each credit figure at the period's snapshot and at the comparison period's snapshot, with the change."""
    current_date = snapshot_on_or_before(con, filters.period.end)
    comparison_date = snapshot_on_or_before(con, filters.comparison.end) if filters.comparison else None
    current = credit_snapshot(con, filters, current_date).row(0, named=True)
    comparison = credit_snapshot(con, filters, comparison_date).row(0, named=True) if comparison_date else None
    rows = []
    for key in CREDIT_FIGURES:
        value = current[key] if current_date else None
        before = comparison[key] if comparison else None
        rows.append(
            {
                "metric": key,
                "value": None if value is None else float(value),
                "snapshot_date": current_date,
                "comparison_value": None if before is None else float(before),
                "comparison_snapshot_date": comparison_date,
                "change": None if value is None or before is None else float(value) - float(before),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "metric": pl.String,
            "value": pl.Float64,
            "snapshot_date": pl.Date,
            "comparison_value": pl.Float64,
            "comparison_snapshot_date": pl.Date,
            "change": pl.Float64,
        },
    )


# --------------------------------------------------------------------------------------------
# Bucket and five-tier mix


def _bucket_sql(table: str, where: str, m4_plus: bool, single_date: bool) -> str:
    # With m4_plus the buckets from GROUPED_FROM_BUCKET_NO on collapse into one, named after the
    # first of them with a "+" (M4 → M4+).
    group = f"""
        case when b.bucket_no >= {GROUPED_FROM_BUCKET_NO} and ?
            then (select dpd_bucket from cfg_dpd_buckets where bucket_no = {GROUPED_FROM_BUCKET_NO}) || '+'
            else b.dpd_bucket end
    """
    first = GROUPED_FROM_BUCKET_NO
    group_no = f"case when b.bucket_no >= {first} and ? then {first} else b.bucket_no end"
    date_filter = "a.snapshot_date = ?" if single_date else "a.snapshot_date <= ?"
    dates = (
        "select cast(? as date) as snapshot_date"
        if single_date
        else "select snapshot_date from dim_snapshot_dates where snapshot_date <= ?"
    )
    return f"""
        with dates as ({dates}),
        buckets as (
            select {group} as dpd_bucket, {group_no} as bucket_no, b.bucket_no as source_bucket_no
            from cfg_dpd_buckets as b
        ),
        cells as (
            select a.snapshot_date, a.bucket_no, cast(sum(a.active_loans) as bigint) as active_loans,
                sum(a.balance) as balance
            from {table} as a
            where {date_filter} and {where}
            group by a.snapshot_date, a.bucket_no
        ),
        grouped as (
            select d.snapshot_date, b.dpd_bucket, b.bucket_no,
                cast(coalesce(sum(c.active_loans), 0) as bigint) as active_loans,
                coalesce(sum(c.balance), 0) as balance
            from dates as d
            cross join buckets as b
            left join cells as c on c.snapshot_date = d.snapshot_date and c.bucket_no = b.source_bucket_no
            group by d.snapshot_date, b.dpd_bucket, b.bucket_no
        )
        select *,
            cast(balance as double) / nullif(cast(sum(balance) over (partition by snapshot_date) as double), 0)
                as balance_share,
            active_loans / nullif(sum(active_loans) over (partition by snapshot_date), 0) as loans_share
        from grouped
        order by snapshot_date, bucket_no
    """


def bucket_mix(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    snapshot_date: date | None = None,
    *,
    m4_plus: bool = False,
) -> pl.DataFrame:
    """Active loans and balance by DPD bucket (every bucket, shares of the total) at the period's snapshot."""
    day = _period_snapshot(con, filters, snapshot_date)
    where, params = dimension_clause(filters, "a")
    sql = _bucket_sql(_table("agg_delinquency_mix", filters), where, m4_plus, True)
    return frame(con, sql, [day, m4_plus, m4_plus, day, *params])


def bucket_mix_series(con: duckdb.DuckDBPyConnection, filters: Filters, *, m4_plus: bool = False) -> pl.DataFrame:
    """Bucket mix at every snapshot date up to the period's end (for a stacked chart)."""
    day = snapshot_on_or_before(con, filters.period.end)
    where, params = dimension_clause(filters, "a")
    sql = _bucket_sql(_table("agg_delinquency_mix", filters), where, m4_plus, False)
    return frame(con, sql, [day, m4_plus, m4_plus, day, *params])


def _tier_sql(table: str, where: str, single_date: bool) -> str:
    date_filter = "a.snapshot_date = ?" if single_date else "a.snapshot_date <= ?"
    dates = (
        "select cast(? as date) as snapshot_date"
        if single_date
        else "select snapshot_date from dim_snapshot_dates where snapshot_date <= ?"
    )
    return f"""
        with dates as ({dates}),
        labels as (
            select unnest(?::varchar[]) as five_tier, unnest(?::varchar[]) as label_en,
                unnest(?::varchar[]) as label_zh
        ),
        cells as (
            select a.snapshot_date, a.tier_no, cast(sum(a.active_loans) as bigint) as active_loans,
                sum(a.balance) as balance
            from {table} as a
            where {date_filter} and {where}
            group by a.snapshot_date, a.tier_no
        ),
        tiers as (
            select d.snapshot_date, t.five_tier, t.tier_no, labels.label_en, labels.label_zh,
                coalesce(c.active_loans, 0) as active_loans,
                coalesce(c.balance, 0) as balance
            from dates as d
            cross join cfg_five_tier as t
            left join labels on labels.five_tier = t.five_tier
            left join cells as c on c.snapshot_date = d.snapshot_date and c.tier_no = t.tier_no
        )
        select *,
            cast(balance as double) / nullif(cast(sum(balance) over (partition by snapshot_date) as double), 0)
                as balance_share,
            active_loans / nullif(sum(active_loans) over (partition by snapshot_date), 0) as loans_share
        from tiers
        order by snapshot_date, tier_no
    """


def _label_params() -> list:
    labels = FIVE_TIER_LABELS.values()
    return [list(FIVE_TIER_LABELS), [en for en, _ in labels], [zh for _, zh in labels]]


def five_tier_mix(con: duckdb.DuckDBPyConnection, filters: Filters, snapshot_date: date | None = None) -> pl.DataFrame:
    """Active loans and balance by five-tier class (正常/关注/次级/可疑/损失 labels) at the period's snapshot."""
    day = _period_snapshot(con, filters, snapshot_date)
    where, params = dimension_clause(filters, "a")
    sql = _tier_sql(_table("agg_delinquency_mix", filters), where, True)
    return frame(con, sql, [day, *_label_params(), day, *params])


def five_tier_mix_series(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Five-tier mix at every snapshot date up to the period's end."""
    day = snapshot_on_or_before(con, filters.period.end)
    where, params = dimension_clause(filters, "a")
    sql = _tier_sql(_table("agg_delinquency_mix", filters), where, False)
    return frame(con, sql, [day, *_label_params(), day, *params])


# --------------------------------------------------------------------------------------------
# Vintage


def vintage_curves(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    threshold: int = 30,
    *,
    first_vintage: date | None = None,
) -> pl.DataFrame:
    """Per vintage and MOB: balance with dpd above `threshold` (30/60/90) over the vintage's original principal.

    Measured on the month-end series only (one date per month on book), up to the period's snapshot.
    """
    if threshold not in VINTAGE_THRESHOLDS:
        raise ValueError(f"vintage threshold must be one of {sorted(VINTAGE_THRESHOLDS)}, got {threshold}")
    column = VINTAGE_THRESHOLDS[threshold]
    day = snapshot_on_or_before(con, filters.period.end)
    where_p, params_p = dimension_clause(filters, "p")
    where_v, params_v = dimension_clause(filters, "v")
    return frame(
        con,
        f"""
        with vintages as (
            select p.vintage_month, cast(sum(p.loans) as bigint) as loans, sum(p.principal) as principal
            from agg_vintage_principal as p
            where p.vintage_month <= ? and p.vintage_month >= coalesce(?, date '0001-01-01') and {where_p}
            group by p.vintage_month
        ),
        cells as (
            -- Every snapshot from the vintage's own month on: a vintage whose loans have all closed
            -- still has its cells (at 0).
            select v.vintage_month, v.loans, v.principal, d.snapshot_date,
                (year(d.snapshot_date) - year(v.vintage_month)) * 12
                    + month(d.snapshot_date) - month(v.vintage_month) as mob
            from vintages as v
            inner join dim_snapshot_dates as d
                on d.snapshot_month >= v.vintage_month and d.snapshot_date <= ? and d.in_month_end_series
        ),
        numerators as (
            select v.vintage_month, v.mob, sum(v.{column}) as balance_over
            from agg_vintage as v
            where v.snapshot_date <= ? and {where_v}
            group by v.vintage_month, v.mob
        )
        select
            c.vintage_month,
            cast(c.mob as integer) as mob,
            c.snapshot_date,
            cast(? as integer) as threshold,
            c.loans,
            c.principal,
            coalesce(n.balance_over, 0) as balance_over,
            cast(coalesce(n.balance_over, 0) as double) / nullif(cast(c.principal as double), 0) as ratio
        from cells as c
        left join numerators as n on n.vintage_month = c.vintage_month and n.mob = c.mob
        order by c.vintage_month, c.mob
        """,
        [day, first_vintage, *params_p, day, day, *params_v, threshold],
    )


def vintage_triangle(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    threshold: int = 30,
    *,
    first_vintage: date | None = None,
) -> pl.DataFrame:
    """The vintage triangle: one row per vintage, one column per MOB ("0", "1", …) holding the ratio."""
    curves = vintage_curves(con, filters, threshold, first_vintage=first_vintage)
    if curves.is_empty():
        return pl.DataFrame(schema={"vintage_month": pl.Date, "principal": pl.Decimal(38, 2)})
    wide = curves.pivot(on="mob", index=["vintage_month", "principal"], values="ratio", sort_columns=True)
    mobs = sorted(int(c) for c in wide.columns if c not in ("vintage_month", "principal"))
    return wide.select("vintage_month", "principal", *[str(m) for m in mobs]).sort("vintage_month")


# --------------------------------------------------------------------------------------------
# Roll rates


@dataclass(frozen=True)
class RollRateMatrix:
    """Roll-rate matrix over the chosen snapshot pairs: `matrix` is wide (one share column per state at t+1)."""

    matrix: pl.DataFrame
    cells: pl.DataFrame
    pairs: list[tuple[date, date]]
    states: list[str]


def roll_rate_pairs(con: duckdb.DuckDBPyConnection, filters: Filters, to_snapshot_date: date | None = None) -> list:
    """The pairs (t, t+1) of consecutive month-end-series dates a period's matrix pools: those whose t+1
    falls in the period.

    When no t+1 falls in the period (a short period between month-ends, e.g. a biweekly one), the
    latest pair whose t+1 is on or before the period's end. With `to_snapshot_date`, just the pair
    ending there. Biweekly ends are never roll-rate dates.
    """
    if to_snapshot_date is not None:
        rows = con.sql(
            "select prev_series_date, snapshot_date from dim_snapshot_dates "
            "where snapshot_date = ? and in_month_end_series and prev_series_date is not null",
            params=[to_snapshot_date],
        ).fetchall()
        return [tuple(r) for r in rows]
    rows = con.sql(
        """
        select prev_series_date, snapshot_date from dim_snapshot_dates
        where in_month_end_series and prev_series_date is not null and snapshot_date between ? and ?
        order by snapshot_date
        """,
        params=[filters.period.start, filters.period.end],
    ).fetchall()
    if not rows:
        rows = con.sql(
            """
            select prev_series_date, snapshot_date from dim_snapshot_dates
            where in_month_end_series and prev_series_date is not null and snapshot_date <= ?
            order by snapshot_date desc limit 1
            """,
            params=[filters.period.end],
        ).fetchall()
    return [tuple(r) for r in rows]


def roll_state_order(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The columns of the roll-rate matrix in order: every bucket, then closed, then written_off."""
    buckets = [r[0] for r in con.sql("select dpd_bucket from cfg_dpd_buckets order by bucket_no").fetchall()]
    return [*buckets, "closed", "written_off"]


def roll_rate_matrix(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    to_snapshot_date: date | None = None,
) -> RollRateMatrix:
    """Balance-weighted roll rates, bucket at t → bucket/closed/written_off at t+1, pooled over the period's pairs."""
    pairs = roll_rate_pairs(con, filters, to_snapshot_date)
    states = roll_state_order(con)
    where, params = dimension_clause(filters, "r")
    cells = frame(
        con,
        f"""
        with cells as (
            select r.from_bucket, r.from_bucket_no, r.to_state, r.to_state_no,
                cast(sum(r.loans) as bigint) as loans, sum(r.balance_at_t) as balance_at_t
            from {_table("agg_roll_rates", filters)} as r
            where list_contains(?::date[], r.to_snapshot_date) and {where}
            group by all
        )
        select *,
            cast(balance_at_t as double)
                / nullif(cast(sum(balance_at_t) over (partition by from_bucket_no) as double), 0) as share
        from cells
        order by from_bucket_no, to_state_no
        """,
        [[p[1] for p in pairs], *params],
    )
    if cells.is_empty():
        matrix = pl.DataFrame(
            schema={"from_bucket": pl.String, "from_bucket_no": pl.Int32, "balance_at_t": pl.Float64}
            | {s: pl.Float64 for s in states}
        )
    else:
        totals = cells.group_by("from_bucket", "from_bucket_no").agg(
            pl.col("balance_at_t").cast(pl.Float64).sum().alias("balance_at_t")
        )
        wide = cells.pivot(on="to_state", index=["from_bucket", "from_bucket_no"], values="share")
        for state in states:
            if state not in wide.columns:
                wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(state))
        # A row exists only for a bucket that held balance at t; an empty cell in it is a 0 share.
        matrix = (
            totals.join(wide, on=["from_bucket", "from_bucket_no"])
            .with_columns([pl.col(s).fill_null(0.0) for s in states])
            .select("from_bucket", "from_bucket_no", "balance_at_t", *states)
            .sort("from_bucket_no")
        )
    return RollRateMatrix(matrix=matrix, cells=cells, pairs=pairs, states=states)


def roll_rate_trend(con: duckdb.DuckDBPyConnection, filters: Filters, *, start: date | None = None) -> pl.DataFrame:
    """M0→M1, M1→M2, M2→M3 roll rates (balance-weighted) for every month-end-series pair up to the period's end."""
    where, params = dimension_clause(filters, "r")
    return frame(
        con,
        f"""
        with pairs as (
            select prev_series_date as from_snapshot_date, snapshot_date as to_snapshot_date
            from dim_snapshot_dates
            where in_month_end_series and prev_series_date is not null and snapshot_date <= ?
                and snapshot_date >= coalesce(?, date '0001-01-01')
        ),
        transitions as (
            select b.dpd_bucket as from_bucket, b.bucket_no as from_bucket_no,
                nxt.dpd_bucket as to_bucket, nxt.bucket_no as to_bucket_no
            from cfg_dpd_buckets as b
            inner join cfg_dpd_buckets as nxt on nxt.bucket_no = b.bucket_no + 1
            where list_contains(?::integer[], b.bucket_no)
        ),
        cells as (
            select r.to_snapshot_date, r.from_bucket_no,
                sum(r.balance_at_t) as balance_at_t,
                sum(r.balance_at_t) filter (where r.to_state_no = r.from_bucket_no + 1) as rolled_balance
            from {_table("agg_roll_rates", filters)} as r
            where r.to_snapshot_date <= ? and {where}
            group by r.to_snapshot_date, r.from_bucket_no
        )
        select p.from_snapshot_date, p.to_snapshot_date,
            t.from_bucket || '→' || t.to_bucket as transition,
            t.from_bucket, t.to_bucket,
            coalesce(c.balance_at_t, 0) as balance_at_t,
            coalesce(c.rolled_balance, 0) as rolled_balance,
            cast(coalesce(c.rolled_balance, 0) as double) / nullif(cast(c.balance_at_t as double), 0) as roll_rate
        from pairs as p
        cross join transitions as t
        left join cells as c on c.to_snapshot_date = p.to_snapshot_date and c.from_bucket_no = t.from_bucket_no
        order by p.to_snapshot_date, t.from_bucket_no
        """,
        [filters.period.end, start, list(ROLL_TREND_FROM_BUCKETS), filters.period.end, *params],
    )


# --------------------------------------------------------------------------------------------
# Write-offs


def writeoffs(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Loans written off and principal outstanding at write-off, in the period and in the comparison period."""
    where, params = dimension_clause(filters, "w")
    periods = [("current", filters.period)] + ([("comparison", filters.comparison)] if filters.comparison else [])
    frames = []
    for label, period in periods:
        frames.append(
            frame(
                con,
                f"""
                select cast(? as varchar) as period, cast(? as date) as start, cast(? as date) as "end",
                    cast(coalesce(sum(w.loans), 0) as bigint) as loans,
                    coalesce(sum(w.written_off_principal), 0) as written_off_principal
                from agg_writeoffs as w
                where w.written_off_date between ? and ? and {where}
                """,
                [label, period.start, period.end, period.start, period.end, *params],
            )
        )
    return pl.concat(frames)


def writeoffs_by_month(con: duckdb.DuckDBPyConnection, filters: Filters, *, start: date | None = None) -> pl.DataFrame:
    """Write-offs per calendar month up to the period's end (months with none are left out)."""
    where, params = dimension_clause(filters, "w")
    return frame(
        con,
        f"""
        select cast(date_trunc('month', w.written_off_date) as date) as month,
            cast(sum(w.loans) as bigint) as loans, sum(w.written_off_principal) as written_off_principal
        from agg_writeoffs as w
        where w.written_off_date <= ? and w.written_off_date >= coalesce(?, date '0001-01-01') and {where}
        group by 1
        order by 1
        """,
        [filters.period.end, start, *params],
    )


# --------------------------------------------------------------------------------------------
# Early warning


def _is_unfiltered(filters: Filters) -> bool:
    return dimension_clause(filters)[0] == "true"


def _ew_inputs_sql(filters: Filters, dates: list[date]) -> tuple[str, list]:
    """Balance and overdue balance per dimension value at the given snapshot dates, as SQL and its params."""
    if _is_unfiltered(filters):
        # The whole book: precomputed.
        return (
            "select dimension, dimension_value, snapshot_date, balance, balance_dpd1 from agg_early_warning "
            "where list_contains(?::date[], snapshot_date)",
            [dates],
        )
    where, params = dimension_clause(filters, "a")
    unions = "\nunion all\n".join(
        f"select '{name}' as dimension, {column} as dimension_value, snapshot_date, "
        f"sum(balance) as balance, sum(balance_dpd1) as balance_dpd1 from filtered group by all"
        for name, column in _EW_COLUMNS.items()
    )
    filtered = (
        "with filtered as (select snapshot_date, region_id, team_id, officer_id, product_line, channel_id, "
        "balance, balance_dpd1 from agg_delinquency_snapshot as a "
        f"where list_contains(?::date[], a.snapshot_date) and {where})"
    )
    return f"{filtered}\n{unions}", [dates, *params]


def early_warning_history_dates(con: duckdb.DuckDBPyConnection, day: date | None) -> list[date]:
    """The lookback_month_ends month-end snapshots just before `day` (not including it), oldest first."""
    if day is None:
        return []
    rows = con.sql(
        """
        select snapshot_date from (
            select snapshot_date, row_number() over (order by snapshot_date desc) as back
            from dim_snapshot_dates
            where is_month_end and snapshot_date < ?
        )
        where back <= (select ew_lookback_month_ends from cfg_params)
        order by snapshot_date
        """,
        params=[day],
    ).fetchall()
    return [r[0] for r in rows]


def early_warning(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    dimensions: tuple[str, ...] = EARLY_WARNING_DIMENSIONS,
    snapshot_date: date | None = None,
) -> pl.DataFrame:
    """Every region/team/officer/product line/channel value at the period's snapshot, flagged or not, with the figures.

    Flagged when its overdue rate exceeds mean + sigmas × sample standard deviation of its own
    overdue rates at the previous lookback_month_ends month-ends (at least two of them with a
    balance), and its balance is above min_balance (cfg_params). `overdue_above_threshold` is the
    money at risk, balance × (overdue rate − threshold) (0 at or below the threshold); flags come
    first, largest money at risk first (SPEC §4.3), then the rest the same way.
    """
    unknown = set(dimensions) - set(EARLY_WARNING_DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown early-warning dimension(s) {sorted(unknown)}")
    day = _period_snapshot(con, filters, snapshot_date)
    history_dates = early_warning_history_dates(con, day)
    inputs, params = _ew_inputs_sql(filters, [*history_dates, day])
    return frame(
        con,
        f"""
        with params as (
            select ew_lookback_month_ends as lookback, ew_sigmas as sigmas, ew_min_balance as min_balance
            from cfg_params
        ),
        inputs as ({inputs}),
        rates as (
            select *, cast(balance_dpd1 as double) / nullif(cast(balance as double), 0) as overdue_rate
            from inputs
            where list_contains(?::varchar[], dimension)
        ),
        history as (
            select dimension, dimension_value,
                count(overdue_rate) as history_points,
                avg(overdue_rate) as history_mean,
                stddev_samp(overdue_rate) as history_stddev
            from rates
            where list_contains(?::date[], snapshot_date)
            group by dimension, dimension_value
        ),
        latest as (
            select * from rates where snapshot_date = ? and balance > 0
        ),
        names as (
            select 'region' as dimension, region_id as dimension_value, region_name as dimension_name
            from stg_regions
            union all select 'team', team_id, team_name from stg_teams
            union all select 'officer', officer_id, officer_name from stg_officers
            union all select 'channel', channel_id, channel_name from stg_channels
        ),
        judged as (
            select
                l.dimension,
                l.dimension_value,
                coalesce(n.dimension_name, l.dimension_value) as dimension_name,
                l.snapshot_date,
                l.balance,
                l.balance_dpd1,
                l.overdue_rate,
                coalesce(h.history_points, 0) as history_points,
                h.history_mean,
                h.history_stddev,
                h.history_mean + params.sigmas * h.history_stddev as threshold,
                params.min_balance
            from latest as l
            cross join params
            left join history as h on h.dimension = l.dimension and h.dimension_value = l.dimension_value
            left join names as n on n.dimension = l.dimension and n.dimension_value = l.dimension_value
        )
        select *,
            -- Null without a threshold (greatest() would skip the null and say 0).
            case when threshold is not null
                then greatest(cast(balance as double) * (overdue_rate - threshold), 0)
            end as overdue_above_threshold,
            coalesce(history_points >= 2 and overdue_rate > threshold and balance > min_balance, false) as flagged
        from judged
        order by flagged desc, overdue_above_threshold desc nulls last, overdue_rate - threshold desc nulls last,
            dimension, dimension_value
        """,
        [*params, list(dimensions), history_dates, day],
    )


def early_warning_history(
    con: duckdb.DuckDBPyConnection, filters: Filters, dimension: str, *, start: date | None = None
) -> pl.DataFrame:
    """Overdue rate of every value of one dimension at each month-end-series date up to the period's snapshot,
    and at that snapshot (the dates the early warning judges by)."""
    if dimension not in EARLY_WARNING_DIMENSIONS:
        raise ValueError(f"unknown early-warning dimension {dimension!r}")
    day = snapshot_on_or_before(con, filters.period.end)
    dates = [
        r[0]
        for r in con.sql(
            "select snapshot_date from dim_snapshot_dates where snapshot_date <= ? "
            "and (in_month_end_series or snapshot_date = ?) "
            "and snapshot_date >= coalesce(?, date '0001-01-01')",
            params=[day, day, start],
        ).fetchall()
    ]
    inputs, params = _ew_inputs_sql(filters, dates)
    return frame(
        con,
        f"""
        with inputs as ({inputs})
        select dimension, dimension_value, snapshot_date, balance, balance_dpd1,
            cast(balance_dpd1 as double) / nullif(cast(balance as double), 0) as overdue_rate
        from inputs
        where dimension = ?
        order by dimension_value, snapshot_date
        """,
        [*params, dimension],
    )


# --------------------------------------------------------------------------------------------

_AT_SNAPSHOT = (
    "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a period shows "
    "its latest snapshot on or before its last day, so a biweekly period and the one before it read different "
    "snapshots. Active loans only (closed and written-off loans have no balance). Undefined (blank) "
    "when nothing is outstanding."
)

DEFINITIONS: list[MetricDefinition] = [
    MetricDefinition(
        "outstanding_balance",
        "Outstanding balance",
        "Principal still owed on active loans: principal minus the principal of installments settled by the "
        "snapshot date",
        None,
        "Measured at a snapshot date; closed and written-off loans count 0. An installment is settled when "
        "everything due up to and including it (principal and interest, in due-date order) has been paid, "
        "within 0.01.",
        unit="money",
        higher_is_better=None,
    ),
    MetricDefinition(
        "active_loans",
        "Active loans",
        "Loans neither closed (every installment settled) nor written off at the snapshot date",
        None,
        "Measured at a snapshot date.",
        unit="count",
        higher_is_better=None,
    ),
    MetricDefinition(
        "overdue_rate",
        "Overdue rate (M1+)",
        "Outstanding balance of active loans 1 or more days past due",
        "Outstanding balance of active loans",
        "Days past due count from the earliest unsettled installment whose due date is before the snapshot "
        "date; on the due date itself a loan is not yet past due. " + _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "par30",
        "PAR30",
        "Outstanding balance of active loans more than 30 days past due",
        "Outstanding balance of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "par90",
        "PAR90",
        "Outstanding balance of active loans more than 90 days past due",
        "Outstanding balance of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "npl_ratio",
        "NPL ratio",
        "Outstanding balance of active loans classed substandard, doubtful or loss (by days past due, with the "
        "configured five-tier minimums: 91, 271 and 361 days by default)",
        "Outstanding balance of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "overdue_rate_by_count",
        "Overdue rate (M1+), by count",
        "Number of active loans 1 or more days past due",
        "Number of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "par30_by_count",
        "PAR30, by count",
        "Number of active loans more than 30 days past due",
        "Number of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "par90_by_count",
        "PAR90, by count",
        "Number of active loans more than 90 days past due",
        "Number of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "npl_ratio_by_count",
        "NPL ratio, by count",
        "Number of active loans classed substandard, doubtful or loss",
        "Number of active loans",
        _AT_SNAPSHOT,
        higher_is_better=False,
    ),
    MetricDefinition(
        "dpd_bucket_mix",
        "DPD bucket mix",
        "Outstanding balance (or number) of active loans in each days-past-due bucket: M0 = 0, M1 = 1–30, "
        "M2 = 31–60, M3 = 61–90, M4 = 91–120, M5 = 121–150, M6 = 151–180, M7+ = over 180 (configurable)",
        "Outstanding balance (or number) of all active loans",
        "Measured at a snapshot date (a month-end, a biweekly period end or the as-of date). M4+ groups M4 to M7+ "
        "where space is short.",
        higher_is_better=None,
    ),
    MetricDefinition(
        "five_tier_mix",
        "Five-tier classification mix",
        "Outstanding balance (or number) of active loans in each class by days past due: normal (正常) 0, "
        "special mention (关注) 1–90, substandard (次级) 91–270, doubtful (可疑) 271–360, loss (损失) over 360 "
        "(configurable minimums)",
        "Outstanding balance (or number) of all active loans",
        "Measured at a snapshot date.",
        higher_is_better=None,
    ),
    MetricDefinition(
        "vintage_ratio",
        "Vintage curve (30+/60+/90+)",
        "Outstanding balance, at months-on-book n, of the vintage's active loans more than 30 (or 60, or 90) "
        "days past due",
        "Original principal of every loan disbursed in the vintage month, including loans already closed or "
        "written off",
        "Vintage = disbursement month; months on book = calendar months from the vintage month to the snapshot "
        "date's month (a December loan is at MOB 1 at the end of January). Measured on the month-end series only: "
        "each cell at its month-end, the as-of month's at the as-of date, never at a biweekly period end, so the "
        "curves read as in a monthly book. The triangle shows the cells up to the period's snapshot.",
        higher_is_better=False,
    ),
    MetricDefinition(
        "roll_rate",
        "Roll rate",
        "Outstanding balance at month-end t of active loans in bucket b at t that are in bucket b′ (or closed, or "
        "written off) at the next month-end t+1",
        "Outstanding balance at t of all active loans in bucket b at t",
        "Pairs of consecutive dates of the month-end series (the month-ends and the as-of date), never biweekly "
        "period ends, so the rates read as in a monthly book; a loan that closed mid-month counts as closed at "
        "the next month-end. Each row of the matrix sums to 100%. A period's matrix pools every pair whose later "
        "date falls in the period (when none does, e.g. a biweekly period inside a month, the latest pair ending "
        "before the period's end). The last pair runs from the last month-end to the as-of date, a part month. "
        "The trend shows M0→M1, M1→M2 and M2→M3 for each pair.",
        higher_is_better=None,
    ),
    MetricDefinition(
        "write_offs",
        "Write-offs",
        "Principal outstanding on the write-off date (principal minus the principal of installments settled by "
        "that day) of loans written off in the period",
        None,
        "By write-off date; payments on the write-off day count, later recoveries do not. Write-off dates after "
        "the as-of date are not yet write-offs. A loan already closed at an earlier month-end (or repaid in full "
        "in an earlier month) is not counted.",
        unit="money",
        higher_is_better=False,
    ),
    MetricDefinition(
        "early_warning",
        "Early-warning flag",
        "Overdue rate (M1+, by balance) of a region, team, account manager, product line or channel at the "
        "period's snapshot",
        "Compared with its threshold: the mean plus 2 sample standard deviations of its own overdue rates at the "
        "previous 6 month-ends",
        "Flagged when the rate exceeds the threshold and the outstanding balance is above the configured minimum "
        "(1,000,000 by default). The history uses month-ends only (strictly before the snapshot), also when the "
        "period's snapshot is a biweekly period end. Month-ends with nothing outstanding do not count; at least "
        "two are needed. Flags are listed by the overdue balance above the threshold, balance × (rate − "
        "threshold), largest first: money at risk, not percentage points. Lookback, number of standard "
        "deviations and minimum balance are configurable. Under dimension filters the rates are those of the "
        "filtered book.",
        unit="ratio",
        higher_is_better=False,
    ),
]
