"""Teams page queries (SPEC §5, page 6): organisation scorecards and an account manager's leads and loans.

A scorecard puts side by side, for each region, team or account manager (officer) under the
filters: the sales figures (disbursement.leaderboard), the cohort's lead → disbursed conversion
(funnel.funnel_breakdown) and the quality of the loans they produced — the PAR30 of their own
book at the period's snapshot and the early delinquency of their recent vintages (30+ days
past due at three months on book). The drill-down of the Teams page is expressed as filters:
a region's teams are the team scorecard with that region selected, and so on.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from pipelines.metrics import MetricDefinition
from pipelines.queries._sales import frame
from pipelines.queries.credit import series_date_on_or_before, snapshot_on_or_before
from pipelines.queries.disbursement import LEADERBOARD_LEVELS, leaderboard
from pipelines.queries.filters import Filters, dimension_clause
from pipelines.queries.funnel import funnel_breakdown

LEVELS: tuple[str, ...] = ("region", "team", "officer")
"""The organisation levels, top down."""

_COLUMNS = {"region": "region_id", "team": "team_id", "officer": "officer_id"}

EARLY_MOB = 3
"""Early delinquency is read at this many months on book."""

EARLY_VINTAGES = 12
"""…over this many vintages: the latest ones that have reached EARLY_MOB by the period's snapshot."""

DEFAULT_LIST_LIMIT = 1000

_QUALITY_SCHEMA = {
    "value": pl.String,
    "snapshot_date": pl.Date,
    "active_loans": pl.Int64,
    "balance": pl.Float64,
    "overdue_rate": pl.Float64,
    "par30": pl.Float64,
    "early_principal": pl.Float64,
    "early_balance_dpd30": pl.Float64,
    "early_dpd30": pl.Float64,
}


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown organisation level {level!r}; expected one of {', '.join(LEVELS)}")
    return _COLUMNS[level]


def _add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def early_vintages(snapshot_date: date | None) -> tuple[date, date] | None:
    """First and last vintage month whose early-delinquency cell (MOB 3) is measured by `snapshot_date`."""
    if snapshot_date is None:
        return None
    last = _add_months(snapshot_date.replace(day=1), -EARLY_MOB)
    return _add_months(last, -(EARLY_VINTAGES - 1)), last


def book_quality(con: duckdb.DuckDBPyConnection, filters: Filters, level: str) -> pl.DataFrame:
    """Per region / team / officer: their book's balance, overdue rate and PAR30 at the period's snapshot, and
    the 30+ rate at MOB 3 of their latest vintages (see DEFINITIONS)."""
    column = _check_level(level)
    day = snapshot_on_or_before(con, filters.period.end)
    # Vintages are read on the month-end series: a biweekly end inside month M has no MOB cell of its own.
    vintages = early_vintages(series_date_on_or_before(con, filters.period.end))
    if day is None or vintages is None:
        return pl.DataFrame(schema=_QUALITY_SCHEMA)
    # The team-grain twin is much smaller; it has no officer column.
    officer_grain = level == "officer" or filters.officer_ids or filters.scope.officer_ids
    snapshot_table = "agg_delinquency_snapshot" if officer_grain else "agg_delinquency_snapshot_by_team"
    where_s, params_s = dimension_clause(filters, "s")
    where_v, params_v = dimension_clause(filters, "v")
    where_p, params_p = dimension_clause(filters, "p")
    first, last = vintages
    sql = f"""
        with book as (
            select s.{column} as value, sum(s.active_loans)::BIGINT as active_loans, sum(s.balance) as balance,
                sum(s.balance_dpd1) as balance_dpd1, sum(s.balance_par30) as balance_par30
            from {snapshot_table} as s
            where s.snapshot_date = ? and {where_s}
            group by 1
        ),

        early_over as (
            -- Each vintage's MOB-3 cell has one snapshot date, at or before the period's snapshot.
            select v.{column} as value, sum(v.balance_dpd30) as balance_dpd30
            from agg_vintage as v
            where v.mob = ? and v.vintage_month between ? and ? and v.snapshot_date <= ? and {where_v}
            group by 1
        ),

        early_principal as (
            select p.{column} as value, sum(p.principal) as principal
            from agg_vintage_principal as p
            where p.vintage_month between ? and ? and {where_p}
            group by 1
        ),

        final as (
            select
                coalesce(book.value, early_principal.value, early_over.value) as value,
                cast(? as date) as snapshot_date,
                coalesce(book.active_loans, 0) as active_loans,
                cast(coalesce(book.balance, 0) as double) as balance,
                cast(book.balance_dpd1 as double) / nullif(cast(book.balance as double), 0) as overdue_rate,
                cast(book.balance_par30 as double) / nullif(cast(book.balance as double), 0) as par30,
                cast(coalesce(early_principal.principal, 0) as double) as early_principal,
                cast(coalesce(early_over.balance_dpd30, 0) as double) as early_balance_dpd30,
                cast(coalesce(early_over.balance_dpd30, 0) as double)
                    / nullif(cast(early_principal.principal as double), 0) as early_dpd30
            from book
            full outer join early_principal on early_principal.value = book.value
            full outer join early_over on early_over.value = coalesce(book.value, early_principal.value)
        )

        select * from final
        order by value
    """
    params = [day, *params_s, EARLY_MOB, first, last, day, *params_v, first, last, *params_p, day]
    return frame(con, sql, params).cast(_QUALITY_SCHEMA)


_SCORECARD_SCHEMA = {
    "level": pl.String,
    "value": pl.String,
    "name": pl.String,
    "team_id": pl.String,
    "team_name": pl.String,
    "region_id": pl.String,
    "region_name": pl.String,
    "amount": pl.Float64,
    "loans": pl.Int64,
    "average_ticket": pl.Float64,
    "base_target": pl.Float64,
    "stretch_target": pl.Float64,
    "attainment": pl.Float64,
    "stretch_attainment": pl.Float64,
    "band": pl.String,
    "leads": pl.Int64,
    "disbursed_leads": pl.Int64,
    "conversion": pl.Float64,
    "balance": pl.Float64,
    "overdue_rate": pl.Float64,
    "par30": pl.Float64,
    "early_principal": pl.Float64,
    "early_dpd30": pl.Float64,
    "snapshot_date": pl.Date,
}


def scorecard(con: duckdb.DuckDBPyConnection, filters: Filters, level: str) -> pl.DataFrame:
    """One row per region / team / officer with any sales, leads, target or book under the filters:
    amount, count, attainment (regions and teams), cohort conversion to disbursed, overdue rate, PAR30 and the
    early 30+ rate of their vintages. Largest amount first."""
    _check_level(level)
    board = leaderboard(con, filters, level).select(
        "value",
        pl.col("amount").cast(pl.Float64),
        "loans",
        "average_ticket",
        "base_target",
        "stretch_target",
        "attainment",
        "stretch_attainment",
        "band",
    )
    funnel = (
        funnel_breakdown(con, filters, level)
        .filter(pl.col("stage") == "disbursed")
        .select(
            "value",
            "leads",
            pl.col("reached").alias("disbursed_leads"),
            pl.col("overall_conversion").alias("conversion"),
        )
    )
    quality = book_quality(con, filters, level).select(
        "value", "balance", "overdue_rate", "par30", "early_principal", "early_dpd30", "snapshot_date"
    )
    values = pl.concat([board.select("value"), funnel.select("value"), quality.select("value")]).unique()
    names = frame(con, LEADERBOARD_LEVELS[level][1])
    out = (
        values.join(names, on="value", how="left")
        .join(board, on="value", how="left")
        .join(funnel, on="value", how="left")
        .join(quality, on="value", how="left")
        .with_columns(
            pl.lit(level).alias("level"),
            pl.coalesce("name", "value").alias("name"),
            pl.col("amount").fill_null(0.0),
            pl.col("loans").fill_null(0),
            pl.col("leads").fill_null(0),
            pl.col("disbursed_leads").fill_null(0),
            pl.col("balance").fill_null(0.0),
            pl.col("early_principal").fill_null(0.0),
            pl.col("snapshot_date").fill_null(snapshot_on_or_before(con, filters.period.end)),
        )
    )
    return (
        out.select(list(_SCORECARD_SCHEMA)).cast(_SCORECARD_SCHEMA).sort(["amount", "value"], descending=[True, False])
    )


def lead_list(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = DEFAULT_LIST_LIMIT) -> pl.DataFrame:
    """The leads created in the period under the filters (the cohort), newest first, at most `limit`."""
    where, params = dimension_clause(filters, "l")
    return frame(
        con,
        f"""
        select
            l.lead_id, l.created_date, l.customer_id, l.customer_type, l.product_line, p.product_name,
            c.channel_name, l.furthest_stage, l.outcome, l.disbursed_date, l.days_to_disburse, l.window_complete,
            l.officer_id, o.officer_name, l.team_id
        from fct_leads as l
        left join stg_products as p on p.product_id = l.product_id
        left join stg_channels as c on c.channel_id = l.channel_id
        left join stg_officers as o on o.officer_id = l.officer_id
        where l.created_date between ? and ? and {where}
        order by l.created_at desc, l.lead_id
        limit ?
        """,
        [filters.period.start, filters.period.end, *params, int(limit)],
    )


def loan_list(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = DEFAULT_LIST_LIMIT) -> pl.DataFrame:
    """The loans disbursed in the period under the filters with their standing at their latest snapshot.

    The latest snapshot is the as-of date for a loan still active; for a loan that has closed
    or been written off, the snapshot at which it did (its history ends there). Newest first,
    at most `limit`.
    """
    where, params = dimension_clause(filters, "l")
    where_s, params_s = dimension_clause(filters, "s")
    return frame(
        con,
        f"""
        with loans as (
            select l.*
            from fct_loans as l
            where l.disbursed_date between ? and ? and {where}
            order by l.disbursed_date desc, l.loan_id
            limit ?
        ),

        latest as (
            select s.loan_id,
                max(s.snapshot_date) as status_date,
                arg_max(s.status, s.snapshot_date) as status,
                arg_max(s.dpd, s.snapshot_date) as dpd,
                arg_max(s.dpd_bucket, s.snapshot_date) as dpd_bucket,
                arg_max(s.outstanding_principal, s.snapshot_date) as outstanding_principal
            from fct_loan_snapshots as s
            where s.disbursed_date between ? and ? and {where_s}
                and s.loan_id in (select loan_id from loans)
            group by s.loan_id
        )

        select
            loans.loan_id, loans.disbursed_date, loans.customer_id, loans.customer_type, loans.product_line,
            p.product_name, c.channel_name, loans.principal, loans.annual_rate, loans.term_months,
            loans.is_repeat, latest.status, latest.dpd, latest.dpd_bucket, latest.outstanding_principal,
            latest.status_date, loans.officer_id, o.officer_name, loans.team_id
        from loans
        left join latest using (loan_id)
        left join stg_products as p on p.product_id = loans.product_id
        left join stg_channels as c on c.channel_id = loans.channel_id
        left join stg_officers as o on o.officer_id = loans.officer_id
        order by loans.disbursed_date desc, loans.loan_id
        """,
        [
            filters.period.start,
            filters.period.end,
            *params,
            int(limit),
            filters.period.start,
            filters.period.end,
            *params_s,
        ],
    )


DEFINITIONS: list[MetricDefinition] = [
    MetricDefinition(
        key="early_dpd30",
        name="Early delinquency (30+ at MOB 3)",
        numerator=(
            "Outstanding balance, at three months on book, of the loans more than 30 days past due, over the last "
            "12 vintages that have reached three months on book by the period's snapshot"
        ),
        denominator="Original principal of every loan disbursed in those 12 vintages",
        rules=(
            "The vintage curve's 30+ ratio at MOB 3, pooled over 12 disbursement months, on the month-end series. "
            "With the latest month-end (or the as-of date) on or before the period's end in month M, the vintages "
            "are M−14 to M−3; the vintage M−3 is measured at that date (a period ending at a biweekly end inside "
            "a month reads the month-end before it). Loans count for the account manager, team and region that "
            "produced them (the officer's current organisation) and under the product line, channel and customer "
            "type filters. Empty when those vintages disbursed nothing."
        ),
        higher_is_better=False,
    ),
]
