"""The retrospective's period and scoreboard: hand-worked on a small book, and consistent with the pages on the demo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from pytest import approx

from pipelines.queries.disbursement import disbursement_summary, leaderboard
from pipelines.queries.filters import Filters, Period
from pipelines.queries.overview import INDICATORS, core_indicators
from pipelines.retro import RetroPeriod
from pipelines.retro.periods import default_retro_period, period_text, retro_period, trend_periods
from pipelines.retro.scoreboard import scoreboard
from pipelines.warehouse import connect
from tests.factory import build_warehouse, loan

ANCHOR = date(2024, 1, 1)

# ---------------------------------------------------------------------------------------------
# The period
#
# Biweekly periods start every 14 days from the anchor Monday 2024-01-01. 2026-11-02 is
# 366 (2024) + 365 (2025) + 305 (1 Jan → 2 Nov 2026) = 1036 = 74 × 14 days after it: a period
# start. On the as-of 2026-11-20 the period 2026-11-16..11-29 is still running, so the last
# complete one is 2026-11-02..2026-11-15.


def test_default_period_is_the_last_complete_one():
    retro = retro_period(date(2026, 11, 20), ANCHOR)
    assert retro == RetroPeriod(
        period=Period(date(2026, 11, 2), date(2026, 11, 15)),
        previous=Period(date(2026, 10, 19), date(2026, 11, 1)),
        # The same calendar dates one year earlier (not a biweekly period of 2025: those start on 2025-11-10, …).
        last_year=Period(date(2025, 11, 2), date(2025, 11, 15)),
    )
    assert period_text(retro) == "2026-11-02/2w"
    assert retro_period(date(2026, 11, 20), ANCHOR, "latest") == retro
    # On its last day a period is complete; a day earlier the one before is the latest complete one.
    assert retro_period(date(2026, 11, 15), ANCHOR).period == Period(date(2026, 11, 2), date(2026, 11, 15))
    assert retro_period(date(2026, 11, 14), ANCHOR).period == Period(date(2026, 10, 19), date(2026, 11, 1))


def test_any_biweekly_period_can_be_picked():
    # 2025-12-29 = 2026-11-02 − 308 days = − 22 × 14: a period start, across the new year.
    retro = retro_period(date(2026, 11, 20), ANCHOR, "2025-12-29/2w")
    assert retro.period == Period(date(2025, 12, 29), date(2026, 1, 11))
    assert retro.previous == Period(date(2025, 12, 15), date(2025, 12, 28))
    assert retro.last_year == Period(date(2024, 12, 29), date(2025, 1, 11))
    # A period ending on 29 February (2032-02-29 is a Sunday, 2032-02-16 a period start): last year's
    # ends on 28 February.
    leap = retro_period(date(2032, 6, 1), ANCHOR, "2032-02-16/2w")
    assert leap.period == Period(date(2032, 2, 16), date(2032, 2, 29))
    assert leap.last_year == Period(date(2031, 2, 16), date(2031, 2, 28))


@pytest.mark.parametrize("text", ["2026-11", "2026-W45", "2026-11-03/2w", "soon"])
def test_other_periods_are_refused(text):
    with pytest.raises(ValueError):
        retro_period(date(2026, 11, 20), ANCHOR, text)


def test_trend_periods_end_with_the_reviewed_one():
    spans = trend_periods(retro_period(date(2026, 11, 20), ANCHOR), ANCHOR)
    # 2026-11-02 − 7 × 14 days = 2026-07-27.
    assert [p.start for p in spans] == [
        date(2026, 7, 27),
        date(2026, 8, 10),
        date(2026, 8, 24),
        date(2026, 9, 7),
        date(2026, 9, 21),
        date(2026, 10, 5),
        date(2026, 10, 19),
        date(2026, 11, 2),
    ]


# ---------------------------------------------------------------------------------------------
# A hand-worked scoreboard, as of 2026-11-20 (period 2026-11-02..15, previous 2026-10-19..11-01,
# last year 2025-11-02..15). O1 is team T1 (region R1), O3 team T3 (R2); every loan is product line credit.
#
#   loan  officer  date        principal  in
#   A1    O1       2026-10-20    1000.10  previous
#   A2    O1       2026-11-03    2500.25  period
#   A3    O1       2026-11-15     300.00  period
#   C1    O3       2026-11-01    5000.05  previous
#   C2    O3       2026-11-02    1200.40  period
#   X     O1       2026-11-16    9999.99  after the period, in November before the as-of
#   L     O1       2025-11-05    1234.56  last year
#   W     O3       2026-07-27     777.77  the first trend period
#   V     O3       2026-07-26     888.88  the day before the trend
#   E     O3       2025-10-01     100.00  the first loan: before every period, so the data covers last year's
#
# Disbursed amount: period 2500.25 + 300 + 1200.40 = 4000.65 (3 loans); previous 1000.10 + 5000.05
# = 6000.15 (2); change −1999.50; last year 1234.56 (1), change 4000.65 − 1234.56 = 2766.09.
# November targets (base): T1 3000, T3 4500 (stretch × 1.2). The period has 14 of 30 days:
#   T1 3000 × 14/30 = 1400 → 2800.25 / 1400 = 2.000179 bonus;  T3 4500 × 14/30 = 2100 → 1200.40 / 2100
#   = 0.571619 red; company 3500 → 4000.65 / 3500 = 1.143043 green. Regions R1 = T1, R2 = T3.
# November at the as-of 2026-11-20 (20 of 30 days elapsed, unfinished):
#   T1 2800.25 + 9999.99 = 12800.24; attainment 12800.24 / 3000 = 4.266747; pacing 12800.24 / (3000 × 20/30)
#   = 6.40012 bonus;  T3 5000.05 (C1, on 1 November) + 1200.40 = 6200.45; attainment 6200.45 / 4500
#   = 1.377878; pacing 6200.45 / 3000 = 2.066817 bonus.
# Trend of the amount, 2026-07-27 … 2026-11-02: 777.77, 0, 0, 0, 0, 0, 6000.15, 4000.65; base target of
# the previous period (its 1 November): 3000/30 + 4500/30 = 250.

LOANS = [
    loan("A1", 1000.10, "2026-10-20", officer_id="O1"),
    loan("A2", 2500.25, "2026-11-03", officer_id="O1"),
    loan("A3", 300.00, "2026-11-15", officer_id="O1"),
    loan("C1", 5000.05, "2026-11-01", officer_id="O3"),
    loan("C2", 1200.40, "2026-11-02", officer_id="O3"),
    loan("X", 9999.99, "2026-11-16", officer_id="O1"),
    loan("L", 1234.56, "2025-11-05", officer_id="O1"),
    loan("W", 777.77, "2026-07-27", officer_id="O3"),
    loan("V", 888.88, "2026-07-26", officer_id="O3"),
    loan("E", 100.00, "2025-10-01", officer_id="O3"),
]
TARGETS = [
    {"month": "2026-11-01", "team_id": "T1", "product_line": "credit", "base_amount": 3000, "stretch_amount": 3600},
    {"month": "2026-11-01", "team_id": "T3", "product_line": "credit", "base_amount": 4500, "stretch_amount": 5400},
]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("scoreboard"), as_of="2026-11-20", loans=LOANS, targets=TARGETS)
    yield con
    con.close()


def test_scoreboard_indicators_against_previous_period_and_last_year(book):
    retro = default_retro_period(book)
    board = scoreboard(book, Filters(period=retro.period), retro)
    assert board.retro == retro_period(date(2026, 11, 20), ANCHOR)
    assert board.indicators["indicator"].to_list() == list(INDICATORS)
    rows = {r["indicator"]: r for r in board.indicators.iter_rows(named=True)}
    amount = rows["disbursed_amount"]
    assert (amount["value"], amount["previous_value"], amount["last_year_value"]) == approx((4000.65, 6000.15, 1234.56))
    assert amount["change"] == approx(-1999.50)
    assert amount["relative_change"] == approx(-1999.50 / 6000.15)
    assert amount["change_vs_last_year"] == approx(2766.09)
    assert amount["relative_change_vs_last_year"] == approx(2766.09 / 1234.56)
    count = rows["disbursed_count"]
    assert (count["value"], count["previous_value"], count["last_year_value"]) == (3, 2, 1)
    attainment = rows["attainment"]
    assert attainment["value"] == approx(4000.65 / 3500)
    assert attainment["band"] == "green"
    assert attainment["base_target"] == approx(3500)
    # No leads at all: the cohort indicators are empty (ratios) or 0 (counts).
    assert rows["new_leads"]["value"] == 0
    assert rows["lead_to_disbursed_conversion"]["value"] is None


def test_scoreboard_trend(book):
    retro = default_retro_period(book)
    trend = scoreboard(book, Filters(period=retro.period), retro).trend
    amounts = trend.filter(pl.col("indicator") == "disbursed_amount")
    assert amounts["period_start"].to_list() == [p.start for p in trend_periods(retro, ANCHOR)]
    assert amounts["value"].to_list() == approx([777.77, 0, 0, 0, 0, 0, 6000.15, 4000.65])
    assert amounts["base_target"].to_list()[-2:] == approx([250, 3500])
    assert trend.height == 8 * len(INDICATORS)


def test_scoreboard_targets_and_pacing(book):
    retro = default_retro_period(book)
    targets = scoreboard(book, Filters(period=retro.period), retro).targets
    rows = {(r["level"], r["value"]): r for r in targets.iter_rows(named=True)}
    assert set(rows) == {("region", "R1"), ("region", "R2"), ("team", "T1"), ("team", "T3")}
    for region, team in (("R1", "T1"), ("R2", "T3")):
        assert {k: v for k, v in rows[("region", region)].items() if k not in ("level", "value", "name")} == {
            k: v for k, v in rows[("team", team)].items() if k not in ("level", "value", "name")
        }
    t1, t3 = rows[("team", "T1")], rows[("team", "T3")]
    assert (t1["amount"], t1["base_target"], t1["attainment"], t1["band"]) == (
        Decimal("2800.25"),
        approx(1400),
        approx(2800.25 / 1400),
        "bonus",
    )
    assert (t3["attainment"], t3["band"]) == (approx(1200.40 / 2100), "red")
    # The period has ended: no pacing of its own. November is running: attainment so far and pacing.
    assert (t1["period_complete"], t1["pacing"]) == (True, None)
    assert (t1["month_start"], t1["month_end"], t1["month_complete"]) == (date(2026, 11, 1), date(2026, 11, 30), False)
    assert t1["month_elapsed_share"] == approx(20 / 30)
    assert t1["month_amount"] == Decimal("12800.24")
    assert t1["month_attainment"] == approx(12800.24 / 3000)
    assert (t1["month_pacing"], t1["month_pacing_band"]) == (approx(6.40012), "bonus")
    assert t3["month_attainment"] == approx(6200.45 / 4500)
    assert (t3["month_pacing"], t3["month_pacing_band"]) == (approx(6200.45 / 3000), "bonus")


def test_scoreboard_targets_of_an_unfinished_period(book):
    # 2026-11-16..29 on 2026-11-20: 5 of 14 days; T1 has 9999.99 against 3000 × 14/30 = 1400:
    # pacing 9999.99 / (1400 × 5/14) = 9999.99 / 500 = 19.99998.
    retro = retro_period(date(2026, 11, 20), ANCHOR, "2026-11-16/2w")
    targets = scoreboard(book, Filters(period=retro.period), retro).targets
    t1 = targets.filter((pl.col("level") == "team") & (pl.col("value") == "T1")).row(0, named=True)
    assert (t1["period_complete"], t1["pacing"], t1["pacing_band"]) == (False, approx(19.99998), "bonus")


def test_no_targets_under_an_officer_filter(book):
    retro = default_retro_period(book)
    assert scoreboard(book, Filters(period=retro.period, officer_ids=("O1",)), retro).targets.is_empty()


# ---------------------------------------------------------------------------------------------
# On the demo: the scoreboard shows what the Overview and Disbursement pages show.


@pytest.fixture(scope="module")
def demo(demo_warehouse: Path) -> duckdb.DuckDBPyConnection:
    con = connect(demo_warehouse)
    yield con
    con.close()


def test_demo_scoreboard_equals_the_pages(demo):
    retro = default_retro_period(demo)
    assert retro.period == Period(date(2026, 11, 2), date(2026, 11, 15))
    filters = Filters(period=retro.period, region_ids=("R01", "R03"))
    board = scoreboard(demo, filters, retro)
    previous = core_indicators(demo, Filters(period=retro.period, comparison=retro.previous, region_ids=("R01", "R03")))
    last_year = core_indicators(
        demo, Filters(period=retro.period, comparison=retro.last_year, region_ids=("R01", "R03"))
    )
    assert board.indicators["value"].to_list() == previous["value"].to_list()
    assert board.indicators["previous_value"].to_list() == previous["comparison_value"].to_list()
    assert board.indicators["last_year_value"].to_list() == last_year["comparison_value"].to_list()
    teams = board.targets.filter(pl.col("level") == "team")
    expected = leaderboard(demo, filters, "team").filter(pl.col("base_target").is_not_null())
    assert sorted(teams["value"].to_list()) == sorted(expected["value"].to_list())
    assert set(teams["region_id"].to_list()) == {"R01", "R03"}
    first = teams.row(0, named=True)
    month = Filters(period=Period(date(2026, 11, 1), date(2026, 11, 30)), team_ids=(first["value"],))
    summary = disbursement_summary(demo, month).row(0, named=True)
    assert first["month_pacing"] == approx(summary["pacing"])
    assert first["month_pacing_band"] == summary["pacing_band"]
