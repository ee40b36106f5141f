"""Funnel and disbursement on the small demo: the facts against an independent polars recomputation from the
staging tables, and every aggregate and query function against a direct computation over the facts, for
several filter combinations and periods."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.contract import STAGES
from pipelines.queries import disbursement, funnel
from pipelines.queries.filters import DIMENSIONS, Filters, Period, Scope, dimension_clause

FUNNEL_STAGES = STAGES[1:]

PERIODS = [
    Period(date(2026, 11, 1), date(2026, 11, 20)),  # up to the demo's as-of day
    Period(date(2026, 8, 1), date(2026, 8, 31)),
    Period(date(2026, 1, 20), date(2026, 2, 10)),  # across a month boundary (and the Chinese New Year dip)
    Period(date(2025, 10, 1), date(2025, 12, 31)),  # a quarter
]


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def leads(con) -> pl.DataFrame:
    return con.sql("select * from fct_leads").pl()


@pytest.fixture(scope="module")
def loans(con) -> pl.DataFrame:
    return con.sql("select * from fct_loans").pl()


@pytest.fixture(scope="module")
def as_of(con) -> date:
    return con.sql("select as_of from build_params").fetchall()[0][0]


@pytest.fixture(scope="module")
def filter_sets(con) -> list[Filters]:
    """Unfiltered, dimensions alone and combined, a scope, and a region with a team of another region (empty)."""

    def first(sql: str, *params: str) -> str:
        return con.sql(sql, params=list(params)).fetchall()[0][0]

    region = first("select region_id from fct_loans group by 1 order by count(*) desc, 1 limit 1")
    team = first(
        "select team_id from fct_loans where region_id = ? group by 1 order by count(*) desc, 1 limit 1", region
    )
    other_region_team = first("select team_id from stg_teams where region_id <> ? order by team_id limit 1", region)
    officer = first("select officer_id from fct_loans group by 1 order by count(*) desc, 1 limit 1")
    channel = first("select channel_id from fct_loans group by 1 order by count(*) desc, 1 limit 1")
    period = PERIODS[0]
    return [
        Filters(period),
        Filters(period, region_ids=(region,)),
        Filters(period, team_ids=(team,), product_lines=("credit", "mortgage")),
        Filters(period, officer_ids=(officer,)),
        Filters(period, channel_ids=(channel,), customer_types=("business",)),
        Filters(period, region_ids=(region,), team_ids=(other_region_team,)),
        Filters(period, product_lines=("pledge",), customer_types=("individual",)),
        Filters(period, scope=Scope(region_ids=(region,))),
    ]


def cases(filter_sets: list[Filters]) -> Iterator[Filters]:
    """Every filter set over the first period, and the unfiltered and two filtered sets over every period."""
    yield from filter_sets
    for period in PERIODS[1:]:
        for filters in (filter_sets[0], filter_sets[1], filter_sets[2], filter_sets[4]):
            yield filters.for_period(period)


def narrow(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The rows of a fact that the dimension filters and the scope keep — computed in polars, not via SQL."""
    for attribute, column in DIMENSIONS:
        values = getattr(filters, attribute)
        if values:
            frame = frame.filter(pl.col(column).is_in(list(values)))
    for attribute, column in (("region_ids", "region_id"), ("team_ids", "team_id"), ("officer_ids", "officer_id")):
        values = getattr(filters.scope, attribute)
        if values:
            frame = frame.filter(pl.col(column).is_in(list(values)))
    return frame


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def within(frame: pl.DataFrame, column: str, period: Period) -> pl.DataFrame:
    return frame.filter(pl.col(column).is_between(period.start, period.end))


# --- the facts against an independent recomputation ---------------------------------------------------


def test_facts_have_one_row_per_source_row(con):
    assert (
        con.sql("select count(*), count(distinct lead_id) from fct_leads").fetchall()[0]
        == (con.sql("select count(*) from stg_leads").fetchall()[0][0],) * 2
    )
    assert (
        con.sql("select count(*), count(distinct loan_id) from fct_loans").fetchall()[0]
        == (con.sql("select count(*) from stg_loans").fetchall()[0][0],) * 2
    )


def test_stage_times_match_a_recomputation_from_the_events(con, leads):
    events = con.sql("select lead_id, stage, occurred_at from stg_lead_events").pl()
    stage_no = {stage: i for i, stage in enumerate(STAGES)}
    events = events.with_columns(pl.col("stage").replace_strict(stage_no, default=-1).alias("stage_no"))
    expected = leads.select("lead_id")
    for k, stage in enumerate(FUNNEL_STAGES, 1):
        first = events.filter(pl.col("stage_no") >= k).group_by("lead_id").agg(pl.col("occurred_at").min().alias(stage))
        expected = expected.join(first, on="lead_id", how="left")
    actual = leads.select("lead_id", *[pl.col(f"{s}_at").alias(s) for s in FUNNEL_STAGES])
    assert actual.sort("lead_id").equals(expected.sort("lead_id"))
    assert events.filter(pl.col("stage_no") == -1)["stage"].unique().sort().to_list() == ["lost", "rejected"]


def test_reached_furthest_outcome_and_window_match_the_rules(con, leads, as_of):
    window = timedelta(days=con.sql("select conversion_window_days from cfg_params").fetchall()[0][0])
    events = con.sql("select lead_id, stage from stg_lead_events").pl()
    rejected = set(events.filter(stage="rejected")["lead_id"])
    lost = set(events.filter(stage="lost")["lead_id"])
    mismatches = 0
    for row in leads.iter_rows(named=True):
        end = row["created_at"] + window
        reached = [row[f"{s}_at"] is not None and row[f"{s}_at"] <= end for s in FUNNEL_STAGES]
        furthest = max((k for k, r in enumerate(reached, 1) if r), default=0)
        if row["disbursed_at"] is not None:
            outcome = "disbursed"
        elif row["lead_id"] in rejected:
            outcome = "rejected"
        elif row["lead_id"] in lost:
            outcome = "lost"
        else:
            outcome = "open"
        # The as-of day counts in full: complete when the window's end is before the next midnight.
        complete = end < datetime.combine(as_of + timedelta(days=1), datetime.min.time())
        days = None
        if row["disbursed_at"] is not None:
            days = round((row["disbursed_at"] - row["created_at"]) / timedelta(days=1), 9)
        actual = (
            [row[f"reached_{s}"] for s in FUNNEL_STAGES],
            row["furthest_stage_no"],
            row["furthest_stage"],
            row["outcome"],
            row["window_complete"],
            None if row["days_to_disburse"] is None else round(row["days_to_disburse"], 9),
        )
        mismatches += actual != (reached, furthest, STAGES[furthest], outcome, complete, days)
    assert mismatches == 0
    # The demo exercises every outcome and both sides of the window.
    assert set(leads["outcome"]) == {"disbursed", "rejected", "lost", "open"}
    assert leads["window_complete"].any() and not leads["window_complete"].all()


def test_lead_dimensions_follow_the_officer_product_and_customer(con):
    mismatches = con.sql(
        """
        select count(*)
        from fct_leads as l
        join stg_leads as s using (lead_id)
        join stg_officers as o on o.officer_id = s.officer_id
        join stg_teams as t on t.team_id = o.team_id
        join stg_products as p on p.product_id = s.product_id
        join stg_customers as c on c.customer_id = s.customer_id
        where l.team_id <> o.team_id or l.region_id <> t.region_id or l.product_line <> p.product_line
           or l.segment <> p.segment or l.customer_type <> c.customer_type or l.channel_id <> s.channel_id
        """
    ).fetchall()[0][0]
    assert mismatches == 0


def test_is_repeat_matches_the_definition(loans):
    earlier = (
        loans.select("loan_id", "customer_id", "disbursed_date")
        .join(loans.select("customer_id", pl.col("disbursed_date").alias("other_date")), on="customer_id")
        .group_by("loan_id")
        .agg((pl.col("other_date") < pl.col("disbursed_date")).any().alias("expected"))
    )
    checked = loans.select("loan_id", "is_repeat").join(earlier, on="loan_id")
    assert checked.height == loans.height
    assert (checked["is_repeat"] == checked["expected"]).all()
    assert 0 < loans["is_repeat"].mean() < 1


# --- aggregates against the facts ---------------------------------------------------------------------


def test_funnel_aggregate_matches_the_fact(con, leads, filter_sets):
    for filters in cases(filter_sets):
        cohort = within(narrow(leads, filters), "created_date", filters.period)
        clause, params = dimension_clause(filters)
        sums = ", ".join(
            f"coalesce(sum({c}), 0)"
            for c in [
                "leads",
                "window_complete_leads",
                *[f"reached_{s}" for s in FUNNEL_STAGES],
                "outcome_disbursed",
                "outcome_rejected",
                "outcome_lost",
                "outcome_open",
            ]
        )
        aggregated = con.sql(
            f"select {sums} from agg_funnel_daily where created_date between ? and ? and {clause}",
            params=[filters.period.start, filters.period.end, *params],
        ).fetchall()[0]
        direct = (
            cohort.height,
            cohort["window_complete"].sum(),
            *[cohort[f"reached_{s}"].sum() for s in FUNNEL_STAGES],
            *[(cohort["outcome"] == o).sum() for o in ("disbursed", "rejected", "lost", "open")],
        )
        assert tuple(aggregated) == direct, filters


def test_lead_events_aggregate_matches_first_events(con, leads, filter_sets):
    events = con.sql("select lead_id, stage, occurred_at from stg_lead_events").pl()
    first = events.group_by("lead_id", "stage").agg(pl.col("occurred_at").min().dt.date().alias("day"))
    first = first.join(leads.select("lead_id", *[c for _, c in DIMENSIONS]), on="lead_id")
    for filters in cases(filter_sets):
        happened = within(narrow(first, filters), "day", filters.period)
        counts = {s: (happened["stage"] == s).sum() for s in ("application", "approved", "rejected")}
        activity = funnel.activity_counts(con, filters).row(0, named=True)
        assert (activity["applications"], activity["approvals"], activity["rejections"]) == (
            counts["application"],
            counts["approved"],
            counts["rejected"],
        ), filters
        decided = counts["approved"] + counts["rejected"]
        expected_rate = counts["approved"] / decided if decided else None
        assert activity["approval_rate"] == pytest.approx(expected_rate), filters


def test_disbursement_aggregate_matches_the_fact(con, loans, leads, filter_sets):
    for filters in cases(filter_sets):
        chosen = within(narrow(loans, filters), "disbursed_date", filters.period)
        row = disbursement.disbursement_summary(con, filters).row(0, named=True)
        assert row["amount"] == sum(chosen["principal"], Decimal(0)), filters
        assert row["loans"] == chosen.height
        assert row["repeat_loans"] == chosen["is_repeat"].sum()
        if chosen.height:
            assert row["average_ticket"] == pytest.approx(float(sum(chosen["principal"], Decimal(0))) / chosen.height)
        disbursed = within(narrow(leads, filters), "disbursed_date", filters.period)
        assert row["disbursed_leads"] == disbursed.height
        assert row["conversion_cycle_days"] == pytest.approx(disbursed["days_to_disburse"].median()), filters


def test_funnel_queries_match_the_fact(con, leads, filter_sets):
    for filters in cases(filter_sets):
        cohort = within(narrow(leads, filters), "created_date", filters.period)
        stages = funnel.funnel_by_stage(con, filters)
        assert stages["reached"].to_list() == [cohort.height, *[cohort[f"reached_{s}"].sum() for s in FUNNEL_STAGES]]
        if cohort.height:
            assert stages["window_complete_share"][0] == pytest.approx(cohort["window_complete"].mean())
        # Breakdowns add up to the funnel.
        for by in funnel.BREAKDOWNS:
            breakdown = funnel.funnel_breakdown(con, filters, by)
            totals = breakdown.group_by("stage_no").agg(pl.col("reached").sum()).sort("stage_no")
            if cohort.height:
                assert totals["reached"].to_list() == stages["reached"].to_list()[1:], (filters, by)
        # Time to convert counts every disbursed lead of the cohort.
        histogram = funnel.time_to_convert(con, filters)
        assert histogram["leads"].sum() == cohort["disbursed_at"].is_not_null().sum()
        # Leads that stopped at a stage = reached there − reached at the next stage = dropped out (listed) +
        # still converting (open, window not over: not listed).
        reached = stages["reached"].to_list()
        dropped = funnel.dropped_leads(con, filters, "application", limit=1_000_000)
        counts = funnel.dropped_counts(con, filters).filter(stage="application").row(0, named=True)
        assert dropped.height == counts["dropped"]
        assert counts["dropped"] + counts["converting"] == reached[3] - reached[4]
        stopped = cohort.filter(pl.col("furthest_stage") == "application")
        out = stopped.filter(pl.col("outcome").is_in(["lost", "rejected"]) | pl.col("window_complete"))
        assert sorted(dropped["lead_id"].to_list()) == sorted(out["lead_id"].to_list())


def test_age_matched_comparison_matches_the_fact(con, leads, filter_sets, as_of):
    # Each filter set's period against the previous month-long range, and the running November against
    # October 1–20 (cut like-for-like); the comparison cohort is counted in polars as of A − Δ.
    for filters in filter_sets[:5]:
        for comparison in (Period(date(2026, 10, 1), date(2026, 10, 20)), Period(date(2026, 9, 2), date(2026, 9, 30))):
            stages = funnel.funnel_by_stage(con, replace(filters, comparison=comparison))
            if stages["cohort_complete"][0] is not False:
                continue
            cut = as_of - (filters.period.start - comparison.start)
            assert stages["comparison_as_of"][0] == cut
            cohort = within(narrow(leads, filters), "created_date", Period(comparison.start, min(comparison.end, cut)))
            expected = [cohort.height] + [
                cohort.filter(pl.col(f"reached_{s}") & (pl.col(f"{s}_at").cast(pl.Date) <= cut)).height
                for s in FUNNEL_STAGES
            ]
            assert stages["comparison_reached"].to_list() == expected, (filters, comparison)


def test_conversion_trend_matches_the_fact(con, leads, filter_sets):
    for filters in filter_sets[:3]:
        trend = funnel.conversion_trend(con, filters, "week", 8).filter(stage="disbursed")
        for row in trend.iter_rows(named=True):
            cohort = within(narrow(leads, filters), "created_date", Period(row["cohort_start"], row["cohort_end"]))
            assert row["leads"] == cohort.height
            assert row["reached"] == cohort["reached_disbursed"].sum()
            if cohort.height:
                assert row["cohort_complete"] == cohort["window_complete"].all()


def test_series_mix_and_leaderboards_add_up_to_the_summary(con, filter_sets):
    for filters in cases(filter_sets):
        row = disbursement.disbursement_summary(con, filters).row(0, named=True)
        for grain in disbursement.SERIES_GRAINS:
            series = disbursement.disbursement_series(con, filters, grain)
            assert series["bucket_start"][0] == filters.period.start and series["bucket_end"][-1] == filters.period.end
            assert sum(series["amount"], Decimal(0)) == row["amount"], (filters, grain)
            assert series["loans"].sum() == row["loans"]
            if row["base_target"] is None:
                assert series["base_target"].null_count() == series.height
            else:
                assert series["base_target"].sum() == pytest.approx(row["base_target"])
                assert series["stretch_target"].sum() == pytest.approx(row["stretch_target"])
        for by in disbursement.MIX_DIMENSIONS:
            mix = disbursement.disbursement_mix(con, filters, by)
            assert sum(mix["amount"], Decimal(0)) == row["amount"], (filters, by)
        for level in disbursement.LEADERBOARD_LEVELS:
            board = disbursement.leaderboard(con, filters, level)
            assert sum(board["amount"], Decimal(0)) == row["amount"], (filters, level)
            if level != "officer" and row["base_target"] is not None:
                assert board["base_target"].sum() == pytest.approx(row["base_target"])


def test_targets_match_a_day_by_day_proration(con, filter_sets):
    targets = con.sql(
        "select t.month, t.team_id, s.region_id, t.product_line, t.base_amount, t.stretch_amount "
        "from stg_targets as t join stg_teams as s using (team_id)"
    ).pl()
    for filters in cases(filter_sets):
        row = disbursement.disbursement_summary(con, filters).row(0, named=True)
        if filters.officer_ids or filters.channel_ids or filters.customer_types:
            assert row["base_target"] is None
            continue
        # Targets are per team and product line: only those filters (and the scope) apply to them.
        chosen = narrow(
            targets,
            Filters(
                filters.period,
                region_ids=filters.region_ids,
                team_ids=filters.team_ids,
                product_lines=filters.product_lines,
                scope=filters.scope,
            ),
        )
        by_month = chosen.group_by("month").agg(pl.col("base_amount").sum(), pl.col("stretch_amount").sum())
        monthly = {r["month"]: (r["base_amount"], r["stretch_amount"]) for r in by_month.iter_rows(named=True)}
        base = stretch = 0.0
        day = filters.period.start
        while day <= filters.period.end:
            amounts = monthly.get(day.replace(day=1))
            if amounts:
                days_in_month = calendar.monthrange(day.year, day.month)[1]
                base += float(amounts[0]) / days_in_month
                stretch += float(amounts[1]) / days_in_month
            day += timedelta(days=1)
        if not any(m <= filters.period.end and month_end(m) >= filters.period.start for m in monthly):
            assert row["base_target"] is None, filters
            continue
        assert row["base_target"] == pytest.approx(base), filters
        assert row["stretch_target"] == pytest.approx(stretch), filters
        assert row["attainment"] == pytest.approx(float(row["amount"]) / base), filters
