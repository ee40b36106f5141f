"""Teams scorecards (pipelines/queries/teams.py) on a small hand-written book, every figure worked out by hand.

The book, as of 2025-10-31 (the as-of date is the snapshot of October; the MOB-3 vintages of
that snapshot are 2024-08 … 2025-07). Single-installment loans, interest 0, so a loan's balance
is its principal until it is paid:

    loan  principal  officer (team, region)  disbursed   due          paid          at 2025-10-31
    E1     300       O1 (T1, R1)             2025-07-10  2025-08-10   —             dpd 82 (M3)
    E2     700       O1 (T1, R1)             2025-07-20  2026-07-20   —             dpd 0
    E3    3000       O1 (T1, R1)             2025-05-15  2026-05-15   —             dpd 0
    E4    2000       O1 (T1, R1)             2024-06-15  2024-07-15   —             dpd 473 (vintage too old)
    E5    1000       O3 (T3, R2)             2025-09-10  2025-10-10   —             dpd 21
    E6     500       O2 (T2, R1)             2025-10-05  2026-10-05   —             dpd 0 (lead LA)
    E7     400       O1 (T1, R1)             2025-08-05  2025-09-05   2025-09-01    closed at 2025-09-30

Leads of October: LA (O2, created 10-02, disbursed 10-05) and LB (O2, created 10-03, nothing else).
Target: T2 credit, October 2025, base 1000, stretch 1200.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from pipelines.queries import teams
from pipelines.queries.filters import Filters, Period
from tests.factory import build_warehouse, event, lead, loan, payment, schedule

D = date.fromisoformat
OCTOBER = Period(D("2025-10-01"), D("2025-10-31"))
JULY = Period(D("2025-07-01"), D("2025-07-31"))
AUGUST = Period(D("2025-08-01"), D("2025-08-31"))


def approx(value: float):
    return pytest.approx(value, rel=1e-12)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    connection = build_warehouse(
        tmp_path_factory.mktemp("teams"),
        as_of="2025-10-31",
        loans=[
            loan("E1", 300, "2025-07-10"),
            loan("E2", 700, "2025-07-20"),
            loan("E3", 3000, "2025-05-15"),
            loan("E4", 2000, "2024-06-15"),
            loan("E5", 1000, "2025-09-10", officer_id="O3"),
            loan("E6", 500, "2025-10-05", officer_id="O2", lead_id="LA", customer_id="CULA"),
            loan("E7", 400, "2025-08-05"),
        ],
        installments=[
            *schedule("E1", ["2025-08-10"], [300]),
            *schedule("E2", ["2026-07-20"], [700]),
            *schedule("E3", ["2026-05-15"], [3000]),
            *schedule("E4", ["2024-07-15"], [2000]),
            *schedule("E5", ["2025-10-10"], [1000]),
            *schedule("E6", ["2026-10-05"], [500]),
            *schedule("E7", ["2025-09-05"], [400]),
        ],
        payments=[payment("P7", "E7", "2025-09-01", 400)],
        leads=[
            lead("LA", "2025-10-02 09:00:00", officer_id="O2"),
            lead("LB", "2025-10-03 09:00:00", officer_id="O2"),
        ],
        lead_events=[event("LA", "disbursed", "2025-10-05 10:00:00")],
        targets=[
            {
                "month": "2025-10-01",
                "team_id": "T2",
                "product_line": "credit",
                "base_amount": 1000,
                "stretch_amount": 1200,
            }
        ],
    )
    yield connection
    connection.close()


def test_early_vintages_are_the_twelve_that_reached_mob_3():
    assert teams.early_vintages(D("2025-10-31")) == (D("2024-08-01"), D("2025-07-01"))
    # A mid-month as-of snapshot reads the vintage three months back at that date.
    assert teams.early_vintages(D("2026-03-18")) == (D("2025-01-01"), D("2025-12-01"))
    assert teams.early_vintages(None) is None


def test_book_quality_of_a_biweekly_period_inside_a_month(con):
    # 2025-10-06 – 10-19 is a biweekly period (anchor 2024-01-01 + 46 × 14 days). The book is read at its own
    # snapshot, the Sunday 10-19; the early vintages on the month-end series, from 09-30: 2024-07 … 2025-06.
    biweekly = Period(D("2025-10-06"), D("2025-10-19"))
    o1 = next(
        r for r in teams.book_quality(con, Filters(biweekly), "officer").iter_rows(named=True) if r["value"] == "O1"
    )
    assert o1["snapshot_date"] == D("2025-10-19")
    # At 10-19: E1 70 days, E4 461 days past due; E2 and E3 current; E7 closed: 2300 / 6000.
    assert (o1["balance"], o1["overdue_rate"]) == (6000, approx(2300 / 6000))
    # Early: only E3 (2025-05, 3000) is in 2024-07 … 2025-06; current at its MOB 3 (2025-08-31). E1 and E2
    # (2025-07) would have their MOB-3 cell at 10-31, after the snapshot: not counted, not in the denominator.
    assert (o1["early_principal"], o1["early_dpd30"]) == (3000, 0.0)


def test_book_quality_by_officer(con):
    quality = {r["value"]: r for r in teams.book_quality(con, Filters(OCTOBER), "officer").iter_rows(named=True)}
    o1 = quality["O1"]
    assert o1["snapshot_date"] == D("2025-10-31")
    # Active: E1 300, E2 700, E3 3000, E4 2000 (E7 closed in September) → 6000.
    assert o1["active_loans"] == 4
    assert o1["balance"] == 6000
    assert o1["overdue_rate"] == approx(2300 / 6000)  # E1 (82 days) + E4 (473 days)
    assert o1["par30"] == approx(2300 / 6000)
    # Early: vintages 2024-08 … 2025-07 hold E1, E2 (2025-07) and E3 (2025-05): 4000 of principal.
    # E4 (2024-06) is too old, E7 (2025-08) too young. At MOB 3 only E1 is over 30 days: 300 / 4000.
    assert o1["early_principal"] == 4000
    assert o1["early_balance_dpd30"] == 300
    assert o1["early_dpd30"] == approx(0.075)
    o3 = quality["O3"]
    assert o3["balance"] == 1000 and o3["overdue_rate"] == 1.0 and o3["par30"] == 0.0  # 21 days: M1, not PAR30
    assert o3["early_principal"] == 0 and o3["early_dpd30"] is None  # vintage 2025-09 has not reached MOB 3
    assert quality["O2"]["balance"] == 500 and quality["O2"]["overdue_rate"] == 0.0


def test_scorecard_by_region(con):
    card = {r["value"]: r for r in teams.scorecard(con, Filters(OCTOBER), "region").iter_rows(named=True)}
    assert list(card) == ["R1", "R2"]  # largest amount first
    r1 = card["R1"]
    assert r1["name"] == "East China" and r1["level"] == "region"
    assert r1["amount"] == 500 and r1["loans"] == 1  # E6
    assert r1["base_target"] == 1000 and r1["attainment"] == 0.5 and r1["band"] == "red"
    assert r1["leads"] == 2 and r1["disbursed_leads"] == 1 and r1["conversion"] == 0.5  # LA of LA, LB
    assert r1["balance"] == 6500  # O1 6000 + O2 500
    assert r1["par30"] == approx(2300 / 6500)
    assert r1["early_dpd30"] == approx(0.075)  # O2's E6 is in vintage 2025-10, outside the window
    r2 = card["R2"]
    # Nothing sold and no target, but a book: the row is there with empty ratios.
    assert r2["amount"] == 0 and r2["loans"] == 0 and r2["leads"] == 0
    assert r2["attainment"] is None and r2["conversion"] is None
    assert r2["overdue_rate"] == 1.0 and r2["early_dpd30"] is None


def test_scorecard_of_a_regions_teams_follows_the_drill_filter(con):
    card = teams.scorecard(con, Filters(OCTOBER, region_ids=("R1",)), "team")
    assert card["value"].to_list() == ["T2", "T1"]  # T2 sold 500, T1 nothing
    assert card["team_name"].to_list() == ["East Channel", "East Direct"]
    t1 = card.row(1, named=True)
    assert t1["amount"] == 0 and t1["base_target"] is None and t1["balance"] == 6000


def test_officer_scorecard_has_no_targets(con):
    card = teams.scorecard(con, Filters(OCTOBER, team_ids=("T2",)), "officer")
    row = card.row(0, named=True)
    assert row["value"] == "O2" and row["name"] == "Li Wei" and row["team_id"] == "T2" and row["region_id"] == "R1"
    assert row["amount"] == 500 and row["attainment"] is None and row["base_target"] is None


def test_lead_list_is_the_cohort_newest_first(con):
    leads = teams.lead_list(con, Filters(OCTOBER, officer_ids=("O2",)))
    assert leads["lead_id"].to_list() == ["LB", "LA"]
    assert leads["furthest_stage"].to_list() == ["lead", "disbursed"]
    assert leads["outcome"].to_list() == ["open", "disbursed"]
    assert leads["disbursed_date"].to_list() == [None, D("2025-10-05")]
    assert teams.lead_list(con, Filters(OCTOBER, officer_ids=("O1",))).is_empty()


def test_loan_list_with_standing_at_the_latest_snapshot(con):
    loans = teams.loan_list(con, Filters(JULY, officer_ids=("O1",)))
    assert loans["loan_id"].to_list() == ["E2", "E1"]
    e1 = loans.row(1, named=True)
    assert e1["principal"] == Decimal("300.00")
    assert (e1["status"], e1["dpd"], e1["dpd_bucket"], e1["status_date"]) == ("active", 82, "M3", D("2025-10-31"))
    assert e1["outstanding_principal"] == Decimal("300.00")
    # A loan that closed: its history ends at the first snapshot at which it was closed.
    closed = teams.loan_list(con, Filters(AUGUST)).row(0, named=True)
    assert closed["loan_id"] == "E7"
    assert (closed["status"], closed["status_date"], closed["outstanding_principal"]) == (
        "closed",
        D("2025-09-30"),
        Decimal("0.00"),
    )
    assert teams.loan_list(con, Filters(JULY, officer_ids=("O1",)), limit=1)["loan_id"].to_list() == ["E2"]


def test_unknown_level_is_refused(con):
    with pytest.raises(ValueError, match="organisation level"):
        teams.scorecard(con, Filters(OCTOBER), "channel")
