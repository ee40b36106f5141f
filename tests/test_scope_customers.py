"""Customer lists follow the officer's organisation (SPEC §2): a customer is in a scope when the officer of their
latest loan is, and the list shows only such customers and their officers. Worked by hand.

Two customers scored at the as-of (n = 2, so percent_rank is 0 or 1 and a score is 1 or 5):

    customer  lives in  loans                                             recency  f  m   r f m  fm  segment
    KA        R1        1 × 1,000 by O1 (R1), 10 days ago                      10  1  1k  5 1 1  1   new
    KB        R2        6,000,000 by O3 (R2) 400 days ago, then
                        6,000,000 by O1 (R1) 300 days ago                     300  2 12M  1 5 5  5   cant_lose

KB is strategic (largest loan ≥ 5,000,000) and in cant_lose, so it is on the strategic-at-risk list. It lives in
R2 and its first loan was with R2's officer O3, but its latest loan is with O1 of team T1 in R1: it is R1's
customer, shown with O1, and R2's head does not see it.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

from pipelines.queries import customers as q
from pipelines.queries.filters import Filters, Period, Scope
from tests.factory import build_warehouse, customer, loan

AS_OF = date(2026, 11, 20)
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def days_before(days: int) -> str:
    return (AS_OF - timedelta(days=days)).isoformat()


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return build_warehouse(
        tmp_path_factory.mktemp("two"),
        as_of=AS_OF.isoformat(),
        config="[rfm]\nhistory_month_ends = 0\n",
        customers=[customer("KA"), customer("KB", region_id="R2")],
        loans=[
            loan("KA-1", 1_000, days_before(10), customer_id="KA"),
            loan("KB-1", 6_000_000, days_before(400), customer_id="KB", officer_id="O3"),
            loan("KB-2", 6_000_000, days_before(300), customer_id="KB", officer_id="O1"),
        ],
    )


def listed(con: duckdb.DuckDBPyConnection, scope: Scope, **filters) -> list[tuple]:
    frame = q.strategic_at_risk(con, Filters(NOVEMBER, scope=scope, **filters))
    return [(r["customer_id"], r["region_id"], r["team_id"], r["officer_id"]) for r in frame.iter_rows(named=True)]


def test_a_customer_is_in_the_region_of_their_latest_loans_officer(two: duckdb.DuckDBPyConnection) -> None:
    assert listed(two, Scope()) == [("KB", "R1", "T1", "O1")]
    assert listed(two, Scope(region_ids=("R1",))) == [("KB", "R1", "T1", "O1")]
    assert listed(two, Scope(team_ids=("T1",))) == [("KB", "R1", "T1", "O1")]
    # R2's head: KB lives in R2 and was once served there, but is not theirs.
    assert listed(two, Scope(region_ids=("R2",))) == []
    assert listed(two, Scope(team_ids=("T3",))) == []
    # Nor can R2's head reach it by filtering on R1.
    assert listed(two, Scope(region_ids=("R2",)), region_ids=("R1",)) == []


def test_the_segment_figures_count_the_customer_in_the_officers_region(two: duckdb.DuckDBPyConnection) -> None:
    def counted(scope: Scope) -> dict[str, int]:
        frame = q.segment_summary(two, Filters(NOVEMBER, scope=scope))
        return {r["segment"]: r["customers"] for r in frame.iter_rows(named=True) if r["customers"]}

    assert counted(Scope(region_ids=("R1",))) == {"new": 1, "cant_lose": 1}
    assert counted(Scope(region_ids=("R2",))) == {}


def test_the_customers_own_region_is_kept(two: duckdb.DuckDBPyConnection) -> None:
    row = two.sql("select officer_region_id, region_id from fct_customer_rfm where customer_id = 'KB'").fetchall()
    assert row == [("R1", "R2")]
