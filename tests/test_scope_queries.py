"""The access scope holds in every query function of the small demo, whatever the filters ask for.

A region head restricted to R01 gets, from every public function that reads the warehouse:
- unfiltered, exactly what a region filter of R01 gives (the scope is a filter nobody can lift);
- with filters naming another region, team or account manager, exactly what an empty selection gives
  (never the other region's rows);
and no region, team or account manager id outside R01 anywhere in the result.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.queries import credit, customers, disbursement, funnel, overview, teams
from pipelines.queries._sales import prorated_targets, prorated_targets_by
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters, Period, Scope
from pipelines.retro import findings, scoreboard
from pipelines.retro.periods import default_retro_period
from pipelines.retro.report import build_report

PERIOD = Period(date(2026, 11, 2), date(2026, 11, 15))
COMPARISON = Period(date(2026, 10, 19), date(2026, 11, 1))
REGION = "R01"
NOTHING = "__no_such_id__"


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def org(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """The ids of R01's own teams and account managers, and another region's."""
    dims = dimensions(con)
    inside_teams = set(dims.teams.filter(pl.col("region_id") == REGION)["team_id"])
    inside_officers = set(dims.officers.filter(pl.col("region_id") == REGION)["officer_id"])
    other_region = sorted(set(dims.regions["region_id"]) - {REGION})[0]
    return {
        "regions": {REGION},
        "teams": inside_teams,
        "officers": inside_officers,
        "other_region": {other_region},
        "other_team": {dims.teams.filter(pl.col("region_id") == other_region)["team_id"][0]},
        "other_officer": {dims.officers.filter(pl.col("region_id") == other_region)["officer_id"][0]},
        "outside": (set(dims.regions["region_id"]) | set(dims.teams["team_id"]) | set(dims.officers["officer_id"]))
        - {REGION}
        - inside_teams
        - inside_officers,
    }


def _retro(con):
    return default_retro_period(con)


# name → call(con, filters); each public function that reads rows, with a sensible argument set.
QUERIES: dict[str, Callable] = {
    "credit.bucket_mix": lambda con, f: credit.bucket_mix(con, f),
    "credit.bucket_mix_m4": lambda con, f: credit.bucket_mix(con, f, m4_plus=True),
    "credit.bucket_mix_series": lambda con, f: credit.bucket_mix_series(con, f),
    "credit.credit_at_period_end": lambda con, f: credit.credit_at_period_end(con, f),
    "credit.credit_series": lambda con, f: credit.credit_series(con, f),
    "credit.credit_snapshot": lambda con, f: credit.credit_snapshot(con, f, None),
    "credit.early_warning": lambda con, f: credit.early_warning(con, f),
    "credit.early_warning_history_region": lambda con, f: credit.early_warning_history(con, f, "region"),
    "credit.early_warning_history_officer": lambda con, f: credit.early_warning_history(con, f, "officer"),
    "credit.five_tier_mix": lambda con, f: credit.five_tier_mix(con, f),
    "credit.five_tier_mix_series": lambda con, f: credit.five_tier_mix_series(con, f),
    "credit.roll_rate_matrix": lambda con, f: credit.roll_rate_matrix(con, f),
    "credit.roll_rate_pairs": lambda con, f: credit.roll_rate_pairs(con, f),
    "credit.roll_rate_trend": lambda con, f: credit.roll_rate_trend(con, f),
    "credit.vintage_curves": lambda con, f: credit.vintage_curves(con, f),
    "credit.vintage_triangle": lambda con, f: credit.vintage_triangle(con, f),
    "credit.writeoffs": lambda con, f: credit.writeoffs(con, f),
    "credit.writeoffs_by_month": lambda con, f: credit.writeoffs_by_month(con, f),
    "customers.as_of_dates": lambda con, f: customers.as_of_dates(con, f),
    "customers.segment_grid": lambda con, f: customers.segment_grid(con, f),
    "customers.segment_summary": lambda con, f: customers.segment_summary(con, f),
    "customers.tier_grade_matrix": lambda con, f: customers.tier_grade_matrix(con, f),
    "customers.segment_migration": lambda con, f: customers.segment_migration(con, f),
    "customers.strategic_at_risk": lambda con, f: customers.strategic_at_risk(con, f, limit=None),
    "customers.repeat_loan_candidates": lambda con, f: customers.repeat_loan_candidates(con, f, limit=None),
    "customers.moved_into_risk": lambda con, f: customers.moved_into_risk(con, f, date(2026, 8, 31), limit=None),
    "disbursement.summary": lambda con, f: disbursement.disbursement_summary(con, f),
    "disbursement.series": lambda con, f: disbursement.disbursement_series(con, f, "week"),
    "disbursement.mix_channel": lambda con, f: disbursement.disbursement_mix(con, f, "channel"),
    "disbursement.mix_line": lambda con, f: disbursement.disbursement_mix(con, f, "product_line"),
    "disbursement.leaderboard_region": lambda con, f: disbursement.leaderboard(con, f, "region"),
    "disbursement.leaderboard_team": lambda con, f: disbursement.leaderboard(con, f, "team"),
    "disbursement.leaderboard_officer": lambda con, f: disbursement.leaderboard(con, f, "officer"),
    "disbursement.amount_change_region": lambda con, f: disbursement.amount_change_by(con, f, "region"),
    "disbursement.amount_change_team": lambda con, f: disbursement.amount_change_by(con, f, "team"),
    "disbursement.amount_change_channel": lambda con, f: disbursement.amount_change_by(con, f, "channel"),
    "sales.prorated_targets": lambda con, f: prorated_targets(con, f, f.period),
    "sales.prorated_targets_by_region": lambda con, f: prorated_targets_by(con, f, f.period, "region_id"),
    "sales.prorated_targets_by_team": lambda con, f: prorated_targets_by(con, f, f.period, "team_id"),
    "funnel.by_stage": lambda con, f: funnel.funnel_by_stage(con, f),
    "funnel.breakdown_region": lambda con, f: funnel.funnel_breakdown(con, f, "region"),
    "funnel.breakdown_officer": lambda con, f: funnel.funnel_breakdown(con, f, "officer"),
    "funnel.conversion_movers_team": lambda con, f: funnel.conversion_movers(con, f, "team"),
    "funnel.conversion_trend": lambda con, f: funnel.conversion_trend(con, f),
    "funnel.time_to_convert": lambda con, f: funnel.time_to_convert(con, f),
    "funnel.dropped_leads": lambda con, f: funnel.dropped_leads(con, f, "contacted"),
    "funnel.dropped_counts": lambda con, f: funnel.dropped_counts(con, f),
    "funnel.activity_counts": lambda con, f: funnel.activity_counts(con, f),
    "funnel.new_leads": lambda con, f: funnel.new_leads(con, f),
    "overview.core_indicators": lambda con, f: overview.core_indicators(con, f),
    "overview.indicator_history": lambda con, f: overview.indicator_history(con, f, "month", date(2026, 1, 5), 3),
    "teams.book_quality_region": lambda con, f: teams.book_quality(con, f, "region"),
    "teams.book_quality_officer": lambda con, f: teams.book_quality(con, f, "officer"),
    "teams.scorecard_region": lambda con, f: teams.scorecard(con, f, "region"),
    "teams.scorecard_team": lambda con, f: teams.scorecard(con, f, "team"),
    "teams.scorecard_officer": lambda con, f: teams.scorecard(con, f, "officer"),
    "teams.lead_list": lambda con, f: teams.lead_list(con, f),
    "teams.loan_list": lambda con, f: teams.loan_list(con, f),
    "retro.change_decomposition": lambda con, f: findings.change_decomposition(con, f, _retro(con), "team"),
    "retro.disbursement_change_findings": lambda con, f: findings.disbursement_change_findings(con, f, _retro(con)),
    "retro.early_warning_findings": lambda con, f: findings.early_warning_findings(con, f, _retro(con)),
    "retro.funnel_flag_findings": lambda con, f: findings.funnel_flag_findings(con, f, _retro(con)),
    "retro.growth_quality_findings": lambda con, f: findings.growth_quality_findings(con, f, _retro(con)),
    "retro.growth_with_poor_quality": lambda con, f: findings.growth_with_poor_quality(con, f, _retro(con)),
    "retro.stage_lead_values": lambda con, f: findings.stage_lead_values(con, f, PERIOD.end),
    "retro.strategic_customer_findings": lambda con, f: findings.strategic_customer_findings(con, f, _retro(con)),
    "retro.target_findings": lambda con, f: findings.target_findings(con, f, _retro(con)),
    "retro.find_all": lambda con, f: findings.find_all(con, f, _retro(con)),
    "retro.scoreboard": lambda con, f: scoreboard.scoreboard(con, f, _retro(con)),
    "retro.report": lambda con, f: _report_content(build_report(con, f, _retro(con), None, generated_at="now")),
}


def _report_content(report) -> object:
    # The key and the scope's words name the filters by design; the figures must follow the scope.
    return (report.scoreboard, report.findings)


def plain(value: object) -> object:
    """A result as plain, comparable Python (frames as rows, dataclasses as dicts, NaN as a marker)."""
    if isinstance(value, pl.DataFrame):
        return [plain(row) for row in value.to_dicts()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        # A finding's link carries the filters it was found under, by design; the figures are compared.
        return {str(k): plain(v) for k, v in value.items() if k != "link_params"}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float):
        # NaN compares equal to itself here; sums in another order may differ in the last bit.
        return "NaN" if math.isnan(value) else float(f"{value:.12g}")
    if isinstance(value, Fraction):
        return str(value)
    return value


def ids_in(value: object) -> set[str]:
    """Every string anywhere in a result."""
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in ids_in(k) | ids_in(v)}
    if isinstance(value, list):
        return {s for v in value for s in ids_in(v)}
    return {value} if isinstance(value, str) else set()


def _with(**dimension_filters) -> Filters:
    return Filters(PERIOD, comparison=COMPARISON, **dimension_filters)


@pytest.mark.parametrize("name", list(QUERIES))
def test_a_region_heads_scope_is_a_filter_nobody_can_lift(
    con: duckdb.DuckDBPyConnection, org: dict[str, set[str]], name: str
) -> None:
    query = QUERIES[name]
    scope = Scope(region_ids=(REGION,))
    scoped = plain(query(con, dataclasses.replace(_with(), scope=scope)))
    assert scoped == plain(query(con, _with(region_ids=(REGION,))))
    assert not ids_in(scoped) & org["outside"], "ids of another region in the result"

    empty = plain(query(con, _with(region_ids=(NOTHING,))))
    elsewhere = (("region_ids", "other_region"), ("team_ids", "other_team"), ("officer_ids", "other_officer"))
    for attribute, key in elsewhere:
        asking_elsewhere = _with(**{attribute: tuple(org[key])}, product_lines=())
        got = plain(query(con, dataclasses.replace(asking_elsewhere, scope=scope)))
        assert not ids_in(got) & org["outside"], f"{attribute} outside the scope leaked"
        assert got == empty or got == plain(query(con, _with(**{attribute: tuple(org[key])}, region_ids=(REGION,))))


def test_a_team_leads_totals_are_the_sum_of_their_teams(con: duckdb.DuckDBPyConnection, org) -> None:
    two_teams = tuple(sorted(org["teams"]))[:2]
    scope = Scope(team_ids=two_teams)
    total = disbursement.disbursement_summary(con, Filters(PERIOD, scope=scope)).row(0, named=True)
    each = [
        disbursement.disbursement_summary(con, Filters(PERIOD, team_ids=(team,))).row(0, named=True)
        for team in two_teams
    ]
    assert total["amount"] == sum(e["amount"] for e in each)
    assert total["loans"] == sum(e["loans"] for e in each)
    leads = funnel.new_leads(con, Filters(PERIOD, scope=scope))
    assert leads == sum(funnel.new_leads(con, Filters(PERIOD, team_ids=(t,))) for t in two_teams)
    board = disbursement.leaderboard(con, Filters(PERIOD, scope=scope), "team")
    assert set(board["value"]) <= set(two_teams)


def test_dimension_lists_offer_only_the_scope(con: duckdb.DuckDBPyConnection, org) -> None:
    everything = dimensions(con)
    region_head = dimensions(con, Scope(region_ids=(REGION,)))
    assert list(region_head.regions["region_id"]) == [REGION]
    assert set(region_head.teams["team_id"]) == org["teams"]
    assert set(region_head.officers["officer_id"]) == org["officers"]
    # Not organisation: the same for everyone.
    assert region_head.channels.equals(everything.channels)
    assert (region_head.as_of, region_head.first_date) == (everything.as_of, everything.first_date)

    two_teams = tuple(sorted(org["teams"]))[:2]
    team_lead = dimensions(con, Scope(team_ids=two_teams))
    assert list(team_lead.regions["region_id"]) == [REGION]
    assert set(team_lead.teams["team_id"]) == set(two_teams)
    assert set(team_lead.officers["team_id"]) == set(two_teams)
    assert set(team_lead.officers["officer_id"]) == set(
        everything.officers.filter(pl.col("team_id").is_in(two_teams))["officer_id"]
    )
    # A team lead's teams in two regions: both regions, only those teams.
    other_team = next(iter(org["other_team"]))
    spread = dimensions(con, Scope(team_ids=(two_teams[0], other_team)))
    assert set(spread.regions["region_id"]) == {REGION} | org["other_region"]
    assert set(spread.teams["team_id"]) == {two_teams[0], other_team}
    # Levels intersect: a region head of R01 who is also limited to another region's team sees nothing.
    nobody = dimensions(con, Scope(region_ids=(REGION,), team_ids=(other_team,)))
    assert nobody.regions.is_empty() and nobody.teams.is_empty() and nobody.officers.is_empty()

    officer = sorted(org["officers"])[0]
    one = dimensions(con, Scope(officer_ids=(officer,)))
    assert list(one.officers["officer_id"]) == [officer]
    assert list(one.teams["team_id"]) == list(one.officers["team_id"])
    assert list(one.regions["region_id"]) == [REGION]

    assert dimensions(con, Scope()).teams.equals(everything.teams)


def test_the_data_pages_tables_are_company_wide_so_empty_under_a_scope(con: duckdb.DuckDBPyConnection) -> None:
    from pipelines.queries import data

    for query in (data.row_counts, data.build_steps, data.data_quality):
        assert not query(con).is_empty() or query is data.data_quality
        scoped = query(con, Scope(region_ids=(REGION,)))
        assert scoped.is_empty() and scoped.columns == query(con).columns
