"""RFM scores, segments, tiers and credit grades (SPEC §4.4) on hand-written warehouses, worked out by hand.

Scores: score = least(5, 1 + floor(5 × percent_rank)), percent_rank = (rank − 1) / (n − 1)
over the n customers scored at one as-of, with ties sharing the lowest rank.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.queries import customers as q
from pipelines.queries.filters import Filters, Period
from tests.factory import build_warehouse, customer, loan, monthly_dates, payment, schedule

AS_OF = date(2026, 11, 20)
NOVEMBER = Filters(period=Period(date(2026, 11, 1), date(2026, 11, 30)))
NO_HISTORY = "[rfm]\nhistory_month_ends = 0\n"
ONE_MONTH_END = "[rfm]\nhistory_month_ends = 1\n"


def days_before(days: int, as_of: date = AS_OF) -> str:
    return (as_of - timedelta(days=days)).isoformat()


def rfm(con: duckdb.DuckDBPyConnection, as_of: date = AS_OF) -> dict[str, dict]:
    frame = con.sql("select * from fct_customer_rfm where as_of = ?", params=[as_of]).pl()
    return {row["customer_id"]: row for row in frame.iter_rows(named=True)}


def scores(rows: dict[str, dict]) -> dict[str, tuple[int, int, int, int, str]]:
    return {c: (r["r_score"], r["f_score"], r["m_score"], r["fm_score"], r["segment"]) for c, r in rows.items()}


def loans_of(customer_id: str, count: int, principal: float, disbursed: str, **kw) -> list[dict]:
    return [
        loan(f"{customer_id}-{i}", principal, disbursed, customer_id=customer_id, **kw) for i in range(1, count + 1)
    ]


# --- Eleven customers: ties, the fm rounding and the segment grid ---
#
# n = 11, so percent_rank = (rank − 1) / 10. Each of R, F and M has five levels of tied customers with
# 2, 2, 2, 2, 3 customers, so the levels start at ranks 1, 3, 5, 7, 9:
#   rank 1 → pr 0.0 → 1 + floor(0) = 1;  rank 3 → 0.2 → 1 + floor(1.0) = 2;  rank 5 → 0.4 → 1 + 2 = 3;
#   rank 7 → 0.6 → 1 + 3 = 4;            rank 9 → 0.8 → 1 + floor(4.0) = 5.
# Recency levels: 500, 400, 300, 200, 100 days before the as-of → r 1, 2, 3, 4, 5 (longer ago is worse).
# Frequency levels: 1, 2, 3, 4, 5 loans → f 1..5. Monetary levels: 10k, 20k, 30k, 40k, 50k → m 1..5.
#
#   customer  loans         monetary  days  r f m  fm = floor((f+m+1)/2)   segment (grid row r, column fm)
#   K1        1 × 10,000      10,000   100  5 1 1  floor(3/2)  = 1         new
#   K2        1 × 20,000      20,000   500  1 1 2  floor(4/2)  = 2         lost
#   K3        2 × 10,000      20,000   200  4 2 2  floor(5/2)  = 2         potential
#   K4        2 ×  5,000      10,000   400  2 2 1  floor(4/2)  = 2         hibernating
#   K5        3 × 10,000      30,000   300  3 3 3  floor(7/2)  = 3         need_attention
#   K6        3 × 10,000      30,000   400  2 3 3  floor(7/2)  = 3         at_risk
#   K7        4 × 12,500      50,000   500  1 4 5  floor(10/2) = 5         cant_lose
#   K8        4 × 10,000      40,000   200  4 4 4  floor(9/2)  = 4         loyal
#   K9        5 ×  8,000      40,000   100  5 5 4  floor(10/2) = 5         champions
#   K10       5 × 10,000      50,000   300  3 5 5  floor(11/2) = 5         loyal
#   K11       5 × 10,000      50,000   100  5 5 5  floor(11/2) = 5         champions
ELEVEN = [
    ("K1", 1, 10_000, 100, {"customer_type": "business"}, {}),
    ("K2", 1, 20_000, 500, {}, {}),
    ("K3", 2, 10_000, 200, {}, {}),
    ("K4", 2, 5_000, 400, {}, {}),
    ("K5", 3, 10_000, 300, {}, {"product_id": "P4"}),  # pledge
    ("K6", 3, 10_000, 400, {}, {}),
    ("K7", 4, 12_500, 500, {}, {"channel_id": "C2"}),
    ("K8", 4, 10_000, 200, {}, {}),
    ("K9", 5, 8_000, 100, {}, {"officer_id": "O3"}),  # officer O3 is in team T3, region R2
    ("K10", 5, 10_000, 300, {}, {}),
    ("K11", 5, 10_000, 100, {"region_id": "R2"}, {}),  # a customer of region R2 served by team T1 (region R1)
]


@pytest.fixture(scope="module")
def eleven(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    loans, customers = [], []
    for cid, count, principal, days, customer_kw, loan_kw in ELEVEN:
        loans += loans_of(cid, count, principal, days_before(days), **loan_kw)
        customers.append(customer(cid, **customer_kw))
    return build_warehouse(
        tmp_path_factory.mktemp("eleven"),
        as_of=AS_OF.isoformat(),
        config=NO_HISTORY,
        loans=loans,
        customers=customers,
    )


def test_ties_share_a_score_and_fm_rounds_half_up(eleven: duckdb.DuckDBPyConnection) -> None:
    assert scores(rfm(eleven)) == {
        "K1": (5, 1, 1, 1, "new"),
        "K2": (1, 1, 2, 2, "lost"),
        "K3": (4, 2, 2, 2, "potential"),
        "K4": (2, 2, 1, 2, "hibernating"),
        "K5": (3, 3, 3, 3, "need_attention"),
        "K6": (2, 3, 3, 3, "at_risk"),
        "K7": (1, 4, 5, 5, "cant_lose"),
        "K8": (4, 4, 4, 4, "loyal"),
        "K9": (5, 5, 4, 5, "champions"),
        "K10": (3, 5, 5, 5, "loyal"),
        "K11": (5, 5, 5, 5, "champions"),
    }


def test_recency_frequency_monetary_values(eleven: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(eleven)
    # K7: four loans of 12,500 all disbursed 500 days before the as-of.
    assert (rows["K7"]["recency_days"], rows["K7"]["frequency"]) == (500, 4)
    assert rows["K7"]["monetary"] == Decimal("50000.00")  # 4 × 12,500
    assert rows["K7"]["max_principal"] == Decimal("12500.00")
    assert rows["K7"]["latest_loan_date"] == AS_OF - timedelta(days=500)


def test_filter_dimensions_come_from_the_latest_loans_officer(eleven: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(eleven)

    def org(cid: str) -> tuple[str, str, str, str]:
        r = rows[cid]
        return r["officer_id"], r["team_id"], r["officer_region_id"], r["region_id"]

    # K9 lives in region R1 (the default) but its loans were made by officer O3 (team T3 of region R2):
    # like every other figure, it counts in the officer's region (SPEC §2).
    assert org("K9") == ("O3", "T3", "R2", "R1")
    # K11 lives in region R2 but was served by officer O1 of team T1 (region R1).
    assert org("K11") == ("O1", "T1", "R1", "R2")
    assert rows["K5"]["product_line"] == "pledge"
    assert rows["K7"]["channel_id"] == "C2"
    assert rows["K1"]["customer_type"] == "business"


def cell(grid, r: int, fm: int) -> tuple[str, int, Decimal]:
    row = grid.filter((grid["r_score"] == r) & (grid["fm_score"] == fm)).row(0, named=True)
    return row["segment"], row["customers"], row["monetary"]


def test_segment_grid_cells(eleven: duckdb.DuckDBPyConnection) -> None:
    grid = q.segment_grid(eleven, NOVEMBER)
    assert grid.height == 25
    assert cell(grid, 5, 1) == ("new", 1, Decimal("10000.00"))  # K1
    assert cell(grid, 5, 5) == ("champions", 2, Decimal("90000.00"))  # K9 40,000 + K11 50,000
    assert cell(grid, 1, 2) == ("lost", 1, Decimal("20000.00"))  # K2
    assert cell(grid, 3, 5) == ("loyal", 1, Decimal("50000.00"))  # K10
    assert cell(grid, 4, 4) == ("loyal", 1, Decimal("40000.00"))  # K8
    assert cell(grid, 1, 5) == ("cant_lose", 1, Decimal("50000.00"))  # K7
    assert cell(grid, 4, 1) == ("promising", 0, Decimal("0"))  # nobody
    assert cell(grid, 2, 3) == ("at_risk", 1, Decimal("30000.00"))  # K6


def test_segment_summary_shares(eleven: duckdb.DuckDBPyConnection) -> None:
    summary = {r["segment"]: r for r in q.segment_summary(eleven, NOVEMBER).iter_rows(named=True)}
    assert len(summary) == 10
    # Total monetary = 10+20+20+10+30+30+50+40+40+50+50 thousand = 350,000 over 11 customers.
    assert summary["champions"]["customers"] == 2
    assert summary["champions"]["customer_share"] == pytest.approx(2 / 11)
    assert summary["champions"]["monetary_share"] == pytest.approx(90_000 / 350_000)
    assert summary["loyal"]["monetary"] == Decimal("90000.00")  # K8 40,000 + K10 50,000
    assert summary["promising"]["customers"] == 0
    assert summary["promising"]["customer_share"] == 0


def test_region_and_team_filters_are_the_latest_loans_officers(
    eleven: duckdb.DuckDBPyConnection,
) -> None:
    def counted(filters: Filters) -> dict[str, int]:
        s = q.segment_summary(eleven, filters)
        return {r["segment"]: r["customers"] for r in s.iter_rows(named=True) if r["customers"]}

    # K9 lives in R1 but was served by O3 of team T3 (R2): it is R2's customer; K11 (living in R2) is R1's.
    assert counted(Filters(period=NOVEMBER.period, region_ids=("R2",))) == {"champions": 1}  # K9 only
    assert counted(Filters(period=NOVEMBER.period, team_ids=("T3",))) == {"champions": 1}  # K9 only
    assert counted(Filters(period=NOVEMBER.period, region_ids=("R2",), team_ids=("T3",))) == {"champions": 1}
    assert counted(Filters(period=NOVEMBER.period, region_ids=("R1",), team_ids=("T3",))) == {}
    assert counted(Filters(period=NOVEMBER.period, channel_ids=("C2",))) == {"cant_lose": 1}  # K7
    assert counted(Filters(period=NOVEMBER.period, product_lines=("pledge",))) == {"need_attention": 1}  # K5
    assert counted(Filters(period=NOVEMBER.period, customer_types=("business",))) == {"new": 1}  # K1


def test_period_chooses_the_latest_as_of_on_or_before_its_end(eleven: duckdb.DuckDBPyConnection) -> None:
    # This warehouse keeps no month-end history: its only as-of is 2026-11-20.
    assert q.selected_as_of(eleven, Filters(period=Period(date(2026, 11, 20), date(2026, 11, 20)))) == AS_OF
    assert q.selected_as_of(eleven, Filters(period=Period(date(2026, 12, 1), date(2026, 12, 31)))) == AS_OF
    before = Filters(period=Period(date(2026, 11, 1), date(2026, 11, 19)))
    assert q.selected_as_of(eleven, before) is None
    grid = q.segment_grid(eleven, before)
    assert grid.height == 25 and grid["customers"].sum() == 0


# --- percent_rank on 5 and 6 customers ---
#
# One loan each (so every f ties: rank 1 → f = 1). E1..E5 are disbursed a month apart from January to May
# with principals 100k..500k; E6 (600k) arrives on 2026-11-10, after the month-end 2026-10-31.
# At 2026-10-31, n = 5: pr = 0, 1/4, 2/4, 3/4, 1 → 5 × pr = 0, 1.25, 2.5, 3.75, 5 → scores 1, 2, 3, 4, 5.
# At 2026-11-20, n = 6: pr = 0, 0.2, 0.4, 0.6, 0.8, 1 → 5 × pr = 0, 1, 2, 3, 4, 5 → scores 1, 2, 3, 4, 5, 5
# (exact fifths stay exact: 1 + floor(1.0) = 2, and the top one is capped: least(5, 6) = 5).
# fm with f = 1: m 1 → floor(3/2) = 1; m 2 → floor(4/2) = 2; m 3 → floor(5/2) = 2; m 4 → 3; m 5 → floor(7/2) = 3.


@pytest.fixture(scope="module")
def ranks(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    loans = [loan(f"E{k}", 100_000 * k, f"2026-0{k}-10", customer_id=f"E{k}") for k in range(1, 6)] + [
        loan("E6", 600_000, "2026-11-10", customer_id="E6")
    ]
    return build_warehouse(tmp_path_factory.mktemp("ranks"), as_of=AS_OF.isoformat(), config=ONE_MONTH_END, loans=loans)


def test_percent_rank_on_five_customers(ranks: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(ranks, date(2026, 10, 31))
    assert {c: (r["r_score"], r["f_score"], r["m_score"], r["fm_score"]) for c, r in rows.items()} == {
        "E1": (1, 1, 1, 1),
        "E2": (2, 1, 2, 2),
        "E3": (3, 1, 3, 2),
        "E4": (4, 1, 4, 3),
        "E5": (5, 1, 5, 3),
    }


def test_percent_rank_on_six_customers(ranks: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(ranks)
    assert {c: (r["r_score"], r["m_score"]) for c, r in rows.items()} == {
        "E1": (1, 1),
        "E2": (2, 2),
        "E3": (3, 3),
        "E4": (4, 4),
        "E5": (5, 5),
        "E6": (5, 5),
    }
    # E6: disbursed 10 days before the as-of, one loan of 600,000.
    assert (rows["E6"]["recency_days"], rows["E6"]["frequency"], rows["E6"]["monetary"]) == (
        10,
        1,
        Decimal("600000.00"),
    )


def test_single_scored_customer_scores_one_everywhere(tmp_path: Path) -> None:
    # n = 1: percent_rank is 0 → every score is 1 + floor(0) = 1, fm = floor(3/2) = 1, grid (1, 1) = lost,
    # however recent and large the customer's loans are.
    con = build_warehouse(
        tmp_path,
        as_of=AS_OF.isoformat(),
        config=NO_HISTORY,
        loans=loans_of("ONLY", 3, 9_000_000, days_before(1)),
    )
    rows = rfm(con)
    assert scores(rows) == {"ONLY": (1, 1, 1, 1, "lost")}
    assert (rows["ONLY"]["recency_days"], rows["ONLY"]["frequency"]) == (1, 3)
    assert rows["ONLY"]["tier"] == "strategic"


# --- The lookback window and the month-end history ---
#
# As-of 2026-11-20, window 730 days: A − W = 2024-11-20 (2024-11-20 → 2025-11-20 → 2026-11-20 is 365 + 365 days).
# X is disbursed exactly at A − W (out), Y a day later (in, recency 729), Z on the as-of date (recency 0).


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    loans = [
        loan("X", 100, "2024-11-20", customer_id="X"),
        loan("Y", 200, "2024-11-21", customer_id="Y"),
        loan("Z", 300, "2026-11-20", customer_id="Z"),
    ]
    return build_warehouse(tmp_path_factory.mktemp("window"), as_of=AS_OF.isoformat(), loans=loans)


def test_window_lower_bound_is_exclusive(window: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(window)
    assert set(rows) == {"Y", "Z"}
    assert rows["Y"]["recency_days"] == 729
    assert rows["Z"]["recency_days"] == 0
    # n = 2: pr 0 or 1 → scores 1 or 5. Y is older and smaller: r 1, m 1; Z: r 5, m 5; both one loan: f 1.
    assert scores(rows) == {"Y": (1, 1, 1, 1, "lost"), "Z": (5, 1, 5, 3, "potential")}


def test_month_end_history_dates(window: duckdb.DuckDBPyConnection) -> None:
    dates = [r[0] for r in window.sql("select as_of from dim_rfm_dates order by as_of").fetchall()]
    # As-of 2026-11-20 and the 12 month-ends before it: 2025-11-30 ... 2026-10-31.
    assert dates == [
        date(2025, 11, 30),
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        AS_OF,
    ]


def test_month_end_history_rows(window: duckdb.DuckDBPyConnection) -> None:
    by_customer = {
        c: sorted(d)
        for c, d in window.sql("select customer_id, list(as_of) from fct_customer_rfm group by customer_id").fetchall()
    }
    all_dates = [r[0] for r in window.sql("select as_of from dim_rfm_dates order by as_of").fetchall()]
    # X (2024-11-20) is inside every month-end window: at 2025-11-30 the window opens after 2023-12-01,
    # at 2026-10-31 after 2024-10-31. Only the as-of's window (after 2024-11-20) leaves it out.
    assert by_customer["X"] == all_dates[:-1]
    assert by_customer["Y"] == all_dates
    # Z's loan is after every month-end: it is scored on the as-of date only.
    assert by_customer["Z"] == [AS_OF]
    # X at 2025-11-30: 2024-11-20 → 2025-11-20 is 365 days, + 10 = 375. At 2026-10-31: 730 − 20 = 710.
    assert rfm(window, date(2025, 11, 30))["X"]["recency_days"] == 375
    assert rfm(window, date(2026, 10, 31))["X"]["recency_days"] == 710


def test_as_of_dates_query(window: duckdb.DuckDBPyConnection) -> None:
    frame = q.as_of_dates(window, NOVEMBER)
    assert frame.height == 13
    first = frame.row(0, named=True)
    assert (first["as_of"], first["is_build_as_of"], first["customers"]) == (AS_OF, True, 2)  # Y and Z
    assert frame.filter(frame["as_of"] == date(2026, 10, 31))["customers"].item() == 2  # X and Y


def test_window_history_and_tiers_come_from_the_configuration(tmp_path: Path) -> None:
    # As-of 2026-03-31, window 10 days, two month-ends: 2026-01-31 and 2026-02-28 (31 March − 1 month is
    # clamped to 28 February, whose last day it is). Windows: (01-21, 01-31], (02-18, 02-28], (03-21, 03-31].
    config = "[rfm]\nwindow_days = 10\nhistory_month_ends = 2\n[rfm.tiers]\nstrategic_min = 2000\ngrowth_min = 1000\n"
    con = build_warehouse(
        tmp_path,
        as_of="2026-03-31",
        config=config,
        loans=[
            loan("V4", 100, "2026-01-21", customer_id="V4"),  # exactly 10 days before 01-31: out
            loan("V5", 100, "2026-01-22", customer_id="V5"),  # 9 days before 01-31: in
            loan("V3", 2000, "2026-02-20", customer_id="V3"),  # 8 days before 02-28: in; out by 03-31
            loan("V1", 100, "2026-03-21", customer_id="V1"),  # exactly 10 days before 03-31: out
            loan("V2", 1500, "2026-03-22", customer_id="V2"),  # 9 days before 03-31: in
        ],
    )
    found = con.sql("select as_of, customer_id, recency_days, tier from fct_customer_rfm order by as_of").fetchall()
    assert found == [
        (date(2026, 1, 31), "V5", 9, "micro"),  # 100 < growth_min 1000
        (date(2026, 2, 28), "V3", 8, "strategic"),  # 2000 ≥ strategic_min 2000
        (date(2026, 3, 31), "V2", 9, "growth"),  # 1000 ≤ 1500 < 2000
    ]


# --- Tiers and credit grades ---

GRADE_CASES = [
    (0, "C"),
    (19, "C"),
    (20, "CC"),
    (29, "CC"),
    (30, "CCC"),
    (39, "CCC"),
    (40, "B"),
    (49, "B"),
    (50, "BB"),
    (59, "BB"),
    (60, "BBB"),
    (69, "BBB"),
    (70, "A"),
    (79, "A"),
    (80, "AA"),
    (89, "AA"),
    (90, "AAA"),
    (100, "AAA"),
    (None, "unrated"),
]


@pytest.fixture(scope="module")
def attributes(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    customers = [customer(f"G{s}", credit_score=s) for s, _ in GRADE_CASES]
    loans = [loan(f"LG{s}", 1_000, "2026-10-01", customer_id=f"G{s}") for s, _ in GRADE_CASES]
    loans += [
        loan("T1", 999_999.99, "2026-10-01", customer_id="T1"),
        loan("T2", 1_000_000, "2026-10-01", customer_id="T2"),
        loan("T3", 4_999_999.99, "2026-10-01", customer_id="T3"),
        loan("T4", 5_000_000, "2026-10-01", customer_id="T4"),
        # Two loans of 600,000: 1,200,000 in total, but the largest single principal is 600,000.
        loan("T5a", 600_000, "2026-09-01", customer_id="T5"),
        loan("T5b", 600_000, "2026-10-01", customer_id="T5"),
        # A 6,000,000 loan disbursed exactly at A − W no longer counts; only the 10,000 one does.
        loan("T6a", 6_000_000, "2024-11-20", customer_id="T6"),
        loan("T6b", 10_000, "2026-10-01", customer_id="T6"),
    ]
    customers += [customer(c, credit_score=70) for c in ("T1", "T2", "T3", "T4", "T5", "T6")]
    return build_warehouse(
        tmp_path_factory.mktemp("attributes"),
        as_of=AS_OF.isoformat(),
        config=NO_HISTORY,
        loans=loans,
        customers=customers,
    )


def test_credit_grade_boundaries(attributes: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(attributes)
    assert {s: rows[f"G{s}"]["credit_grade"] for s, _ in GRADE_CASES} == dict(GRADE_CASES)
    assert rows["GNone"]["credit_score"] is None


def test_tier_boundaries(attributes: duckdb.DuckDBPyConnection) -> None:
    rows = rfm(attributes)
    assert {c: rows[c]["tier"] for c in ("T1", "T2", "T3", "T4", "T5", "T6")} == {
        "T1": "micro",  # 999,999.99 < 1,000,000
        "T2": "growth",  # exactly 1,000,000
        "T3": "growth",  # 4,999,999.99 < 5,000,000
        "T4": "strategic",  # exactly 5,000,000
        "T5": "micro",  # largest single loan 600,000, though 1,200,000 in total
        "T6": "micro",  # the 6,000,000 loan is outside the window
    }
    assert rows["T5"]["max_principal"] == Decimal("600000.00")
    assert rows["T5"]["monetary"] == Decimal("1200000.00")


def test_tier_grade_matrix(attributes: duckdb.DuckDBPyConnection) -> None:
    matrix = q.tier_grade_matrix(attributes, NOVEMBER)
    assert matrix.height == 3 * 10  # three tiers × nine grades and unrated
    assert matrix["tier"].unique(maintain_order=True).to_list() == ["strategic", "growth", "micro"]
    assert matrix["credit_grade"].unique(maintain_order=True).to_list() == [
        "AAA",
        "AA",
        "A",
        "BBB",
        "BB",
        "B",
        "CCC",
        "CC",
        "C",
        "unrated",
    ]
    cells = {(r["tier"], r["credit_grade"]): (r["customers"], r["monetary"]) for r in matrix.iter_rows(named=True)}
    assert cells[("strategic", "A")] == (1, Decimal("5000000.00"))  # T4
    assert cells[("growth", "A")] == (2, Decimal("5999999.99"))  # T2 1,000,000 + T3 4,999,999.99
    # T1 999,999.99 + T5 1,200,000 + T6 10,000 + G70 1,000 + G79 1,000 = 2,211,999.99
    assert cells[("micro", "A")] == (5, Decimal("2211999.99"))
    assert cells[("micro", "C")] == (2, Decimal("2000.00"))  # G0 and G19
    assert cells[("micro", "unrated")] == (1, Decimal("1000.00"))
    assert cells[("strategic", "AAA")] == (0, Decimal("0"))
    assert matrix["customers"].sum() == 25  # 19 grade customers + 6 tier customers


# --- Migration between two as-of dates ---
#
# As-of 2026-11-20 with one month-end, 2026-10-31.
#   Q: one loan of 200,000 on 2024-11-15 — inside the window at 10-31 (opens after 2024-10-31), out at 11-20.
#   R, R2: one loan of 100,000 on 2026-06-01 each.   S: 50,000 on 2025-12-01 and 50,000 on 2026-09-01.
#   P: one loan of 300,000 on 2026-11-10 (officer O3, team T3) — only at 11-20.
# At 10-31, n = 4 (Q, R, R2, S), pr = (rank − 1)/3:
#   recency Q 715, R/R2 152, S 60 → Q rank 1 → r 1; R/R2 rank 2 → pr 1/3 → 1 + floor(1.67) = 2; S rank 4 → r 5.
#   frequency Q/R/R2 1, S 2 → f 1, 1, 1, 5.   monetary R/R2/S 100,000, Q 200,000 → m 1, 1, 1, 5.
#   fm: Q (1,5) → 3; R (1,1) → 1; S (5,1) → 3.  Segments: Q (1,3) at_risk; R, R2 (2,1) hibernating; S (5,3) potential.
# At 11-20, n = 4 (P, R, R2, S):
#   recency R/R2 172, S 80, P 10 → R/R2 rank 1 → 1; S rank 3 → pr 2/3 → 1 + floor(3.33) = 4; P rank 4 → 5.
#   frequency P/R/R2 1, S 2 → f 1, 5.  monetary R/R2/S 100,000, P 300,000 → m 1, 5.
#   fm: P (1,5) → 3; R (1,1) → 1; S (5,1) → 3. Segments: P (5,3) potential; R, R2 (1,1) lost; S (4,3) potential.


@pytest.fixture(scope="module")
def migration(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    loans = [
        loan("Q", 200_000, "2024-11-15", customer_id="Q"),
        loan("R", 100_000, "2026-06-01", customer_id="R"),
        loan("R2", 100_000, "2026-06-01", customer_id="R2"),
        loan("S1", 50_000, "2025-12-01", customer_id="S"),
        loan("S2", 50_000, "2026-09-01", customer_id="S"),
        loan("P", 300_000, "2026-11-10", customer_id="P", officer_id="O3"),
    ]
    return build_warehouse(
        tmp_path_factory.mktemp("migration"),
        as_of=AS_OF.isoformat(),
        config=ONE_MONTH_END,
        loans=loans,
    )


def moves(frame) -> dict[tuple[str, str], int]:
    return {(r["from_segment"], r["to_segment"]): r["customers"] for r in frame.iter_rows(named=True)}


def test_migration_segments(migration: duckdb.DuckDBPyConnection) -> None:
    assert scores(rfm(migration, date(2026, 10, 31))) == {
        "Q": (1, 1, 5, 3, "at_risk"),
        "R": (2, 1, 1, 1, "hibernating"),
        "R2": (2, 1, 1, 1, "hibernating"),
        "S": (5, 5, 1, 3, "potential"),
    }
    assert scores(rfm(migration)) == {
        "P": (5, 1, 5, 3, "potential"),
        "R": (1, 1, 1, 1, "lost"),
        "R2": (1, 1, 1, 1, "lost"),
        "S": (4, 5, 1, 3, "potential"),
    }


def test_migration_counts_including_entering_and_leaving(migration: duckdb.DuckDBPyConnection) -> None:
    frame = q.segment_migration(migration, NOVEMBER)  # no comparison: from the as-of before, 2026-10-31
    assert frame["from_as_of"].unique().to_list() == [date(2026, 10, 31)]
    assert moves(frame) == {
        ("at_risk", "not_scored"): 1,  # Q left the window
        ("hibernating", "lost"): 2,  # R, R2
        ("potential", "potential"): 1,  # S
        ("not_scored", "potential"): 1,  # P entered
    }
    assert frame["share_of_from"].to_list() == [1.0, 1.0, 1.0, 1.0]
    # Ordered by segment: potential, hibernating, at_risk ... not_scored last.
    assert frame["from_segment"].to_list() == ["potential", "at_risk", "hibernating", "not_scored"]


def test_migration_with_comparison_period_and_filters(migration: duckdb.DuckDBPyConnection) -> None:
    october = Filters(period=NOVEMBER.period, comparison=Period(date(2026, 10, 1), date(2026, 10, 31)))
    assert q.comparison_as_of(migration, october) == date(2026, 10, 31)
    assert moves(q.segment_migration(migration, october)) == moves(q.segment_migration(migration, NOVEMBER))
    # P is the only customer served by team T3. Q, no longer scored, keeps its 10-31 attribution (team T1).
    t3 = Filters(period=NOVEMBER.period, team_ids=("T3",))
    assert moves(q.segment_migration(migration, t3)) == {("not_scored", "potential"): 1}
    t1 = Filters(period=NOVEMBER.period, team_ids=("T1",))
    assert moves(q.segment_migration(migration, t1)) == {
        ("at_risk", "not_scored"): 1,
        ("hibernating", "lost"): 2,
        ("potential", "potential"): 1,
    }
    # Same date on both sides: nobody moves.
    same = q.segment_migration(migration, NOVEMBER, from_as_of=AS_OF, to_as_of=AS_OF)
    assert moves(same) == {("potential", "potential"): 2, ("lost", "lost"): 2}


def test_segment_summary_against_the_comparison_as_of(migration: duckdb.DuckDBPyConnection) -> None:
    october = Filters(period=NOVEMBER.period, comparison=Period(date(2026, 10, 1), date(2026, 10, 31)))
    summary = {r["segment"]: r for r in q.segment_summary(migration, october).iter_rows(named=True)}

    def now_and_then(segment: str) -> tuple:
        r = summary[segment]
        return r["customers"], r["monetary"], r["customers_comparison"], r["monetary_comparison"]

    # 11-20: potential = P 300,000 + S 100,000; lost = R + R2, 100,000 each.
    # 10-31: potential = S 100,000; hibernating = R + R2; at_risk = Q 200,000.
    assert now_and_then("potential") == (2, Decimal("400000.00"), 1, Decimal("100000.00"))
    assert now_and_then("lost") == (2, Decimal("200000.00"), 0, Decimal("0"))
    assert now_and_then("hibernating") == (0, Decimal("0"), 2, Decimal("200000.00"))
    assert now_and_then("at_risk") == (0, Decimal("0"), 1, Decimal("200000.00"))
    assert summary["potential"]["comparison_as_of"] == date(2026, 10, 31)
    # Without a comparison period the comparison columns are empty.
    plain = q.segment_summary(migration, NOVEMBER)
    assert plain["customers_comparison"].null_count() == 10


# --- Action lists ---
#
# As-of 2026-11-20 with one month-end, 2026-10-31. One loan each (f = 1 for all):
#   customer  principal   disbursed (days before 11-20)  tier       score
#   D1          100,000   2026-05-04 (200)               micro      59 (BB)
#   D2          300,000   2026-08-12 (100)               micro      none (unrated)
#   D3          900,000   2026-03-15 (250)               micro      60 (BBB)
#   D4        5,500,000   2026-01-24 (300)               strategic  80
#   D5        6,000,000   2026-08-22 (90)                strategic  60 (BBB)
#   D6        9,000,000   2025-10-16 (400)               strategic  95
#   D7           50,000   2026-11-15 (5)                 micro      100   — only at 11-20
# At 10-31, n = 6 (pr in fifths; recency 20 days less, same order):
#   r: D6 1, D4 2, D3 3, D1 4, D2 5, D5 5.   m: D1 1, D2 2, D3 3, D4 4, D5 5, D6 5.
#   fm = floor((1 + m + 1)/2): D1 1, D2 2, D3 2, D4 3, D5 3, D6 3.
#   segments: D6 (1,3) at_risk; D4 (2,3) at_risk; D3 (3,2) need_attention; D1 (4,1) promising;
#             D2 (5,2) potential; D5 (5,3) potential.
# At 11-20, n = 7, pr = (rank − 1)/6, score = 1 + floor(5 × pr): ranks 1..7 → 1, 1, 2, 3, 4, 5, 5
#   (5/6 = 0.83 → 1; 10/6 = 1.67 → 2; 15/6 = 2.5 → 3; 20/6 = 3.33 → 4; 25/6 = 4.17 → 5; 30/6 = 5 → 6 → 5).
#   r (recency descending): D6 1, D4 1, D3 2, D1 3, D2 4, D5 5, D7 5.
#   m (principal ascending): D7 1, D1 1, D2 2, D3 3, D4 4, D5 5, D6 5.
#   fm: D7 1, D1 1, D2 2, D3 2, D4 3, D5 3, D6 3.
#   segments: D6 (1,3) at_risk; D4 (1,3) at_risk; D3 (2,2) hibernating; D1 (3,1) need_attention;
#             D2 (4,2) potential; D5 (5,3) potential; D7 (5,1) new.
ACTION = [
    ("D1", 100_000, 200, 59),
    ("D2", 300_000, 100, None),
    ("D3", 900_000, 250, 60),
    ("D4", 5_500_000, 300, 80),
    ("D5", 6_000_000, 90, 60),
    ("D6", 9_000_000, 400, 95),
    ("D7", 50_000, 5, 100),
]


@pytest.fixture(scope="module")
def action(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return build_warehouse(
        tmp_path_factory.mktemp("action"),
        as_of=AS_OF.isoformat(),
        config=ONE_MONTH_END,
        loans=[loan(c, p, days_before(d), customer_id=c) for c, p, d, _ in ACTION],
        customers=[customer(c, credit_score=s) for c, _, _, s in ACTION],
    )


def test_action_warehouse_segments(action: duckdb.DuckDBPyConnection) -> None:
    assert {c: r["segment"] for c, r in rfm(action, date(2026, 10, 31)).items()} == {
        "D1": "promising",
        "D2": "potential",
        "D3": "need_attention",
        "D4": "at_risk",
        "D5": "potential",
        "D6": "at_risk",
    }
    assert {c: r["segment"] for c, r in rfm(action).items()} == {
        "D1": "need_attention",
        "D2": "potential",
        "D3": "hibernating",
        "D4": "at_risk",
        "D5": "potential",
        "D6": "at_risk",
        "D7": "new",
    }


def test_strategic_customers_at_risk(action: duckdb.DuckDBPyConnection) -> None:
    frame = q.strategic_at_risk(action, NOVEMBER)
    # D6 and D4 are strategic and at_risk (largest monetary first). D3 is hibernating but micro; D5 is
    # strategic but potential: neither is listed.
    assert frame.select("customer_id", "segment", "previous_segment", "tier").rows() == [
        ("D6", "at_risk", "at_risk", "strategic"),
        ("D4", "at_risk", "at_risk", "strategic"),
    ]
    d6 = frame.row(0, named=True)
    assert (d6["recency_days"], d6["frequency"], d6["monetary"]) == (400, 1, Decimal("9000000.00"))
    assert (d6["credit_grade"], d6["officer_name"], d6["region_name"]) == ("AAA", "Wang Fang", "East China")
    assert d6["previous_as_of"] == date(2026, 10, 31)
    # At the month-end there is no earlier as-of: the previous segment is "not scored".
    at_month_end = q.strategic_at_risk(action, NOVEMBER, as_of=date(2026, 10, 31))
    assert at_month_end.select("customer_id", "previous_segment").rows() == [("D6", "not_scored"), ("D4", "not_scored")]
    assert q.strategic_at_risk(action, NOVEMBER, limit=1)["customer_id"].to_list() == ["D6"]


def test_repeat_loan_candidates(action: duckdb.DuckDBPyConnection) -> None:
    # Candidate segments at 11-20: D1 need_attention (but BB: below BBB), D2 potential (but unrated),
    # D5 potential (BBB, latest loan exactly 90 days ago: listed). D3 is BBB but hibernating; D7 is new.
    assert q.repeat_loan_candidates(action, NOVEMBER)["customer_id"].to_list() == ["D5"]
    # Asking for 91 quiet days drops D5, whose latest loan is 90 days old.
    assert q.repeat_loan_candidates(action, NOVEMBER, quiet_days=91).height == 0
    # Accepting BB and better brings in D1.
    assert q.repeat_loan_candidates(action, NOVEMBER, min_grade="BB")["customer_id"].to_list() == ["D5", "D1"]


def test_customers_moved_into_risk_segments(action: duckdb.DuckDBPyConnection) -> None:
    # Since 2026-11-05 → the as-of then was 2026-10-31. D3 moved need_attention → hibernating; D6 and D4
    # were at_risk already.
    moved = q.moved_into_risk(action, NOVEMBER, since=date(2026, 11, 5))
    assert moved.select("customer_id", "previous_segment", "segment").rows() == [
        ("D3", "need_attention", "hibernating")
    ]
    # Before any as-of date, nobody was scored: every customer in a risk segment has moved in.
    everyone = q.moved_into_risk(action, NOVEMBER, since=date(2026, 10, 30))
    assert everyone["customer_id"].to_list() == ["D6", "D4", "D3"]
    assert set(everyone["previous_segment"]) == {"not_scored"}


# --- Repeat-loan candidates: good standing ---
#
# Every grid cell is "loyal" here, so every scored customer is in a candidate segment and only the grade,
# the 90 quiet days and the loans' standing decide.
ALL_LOYAL = (
    "[rfm]\nhistory_month_ends = 0\nsegment_grid = ["
    + ", ".join(['["loyal", "loyal", "loyal", "loyal", "loyal"]'] * 5)
    + "]\n"
)


@pytest.fixture(scope="module")
def standing(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    may4 = days_before(200)  # 2026-05-04
    twelve = monthly_dates("2026-06-04", 12)
    loans = [
        loan("OK", 1_000, days_before(90), customer_id="OK"),
        loan("RECENT", 1_000, days_before(89), customer_id="RECENT"),
        loan("BB", 1_000, may4, customer_id="BB"),
        loan("UNRATED", 1_000, may4, customer_id="UNRATED"),
        loan("LATE", 1_200, may4, customer_id="LATE"),
        loan("ONTIME", 1_200, may4, customer_id="ONTIME"),
        loan("WO1", 1_000, "2025-01-10", customer_id="WO", written_off_date="2025-12-01"),
        loan("WO2", 1_000, may4, customer_id="WO"),
    ]
    return build_warehouse(
        tmp_path_factory.mktemp("standing"),
        as_of=AS_OF.isoformat(),
        config=ALL_LOYAL,
        loans=loans,
        customers=[
            customer("OK", credit_score=60),
            customer("RECENT", credit_score=90),
            customer("BB", credit_score=59),
            customer("UNRATED", credit_score=None),
            customer("LATE", credit_score=80),
            customer("ONTIME", credit_score=80),
            customer("WO", credit_score=80),
        ],
        installments=schedule("LATE", twelve, [100] * 12) + schedule("ONTIME", twelve, [100] * 12),
        # ONTIME pays each of the six installments due by the as-of (June … November 4th) on its due date.
        payments=[payment(f"PAY{i}", "ONTIME", d, 100) for i, d in enumerate(twelve[:6])],
    )


def test_loan_standing_at_the_as_of(standing: duckdb.DuckDBPyConnection) -> None:
    status = {
        r[0]: r[1:]
        for r in standing.sql(
            "select customer_id, active_loans, past_due_loans, max_dpd, outstanding_principal, written_off_loans "
            "from agg_rfm_loan_status where as_of = ?",
            params=[AS_OF],
        ).fetchall()
    }
    # LATE has paid nothing; its first installment was due 2026-06-04: 26 + 31 + 31 + 30 + 31 + 20 = 169 days
    # (June 4 → Nov 20), all 1,200 outstanding.
    assert status["LATE"] == (1, 1, 169, Decimal("1200.00"), 0)
    # ONTIME has settled 6 × 100 of principal: 600 outstanding, not overdue.
    assert status["ONTIME"] == (1, 0, 0, Decimal("600.00"), 0)
    assert status["WO"][-1] == 1


def test_repeat_candidates_need_grade_quiet_days_and_good_standing(standing: duckdb.DuckDBPyConnection) -> None:
    listed = set(q.repeat_loan_candidates(standing, NOVEMBER)["customer_id"])
    # OK: BBB, latest loan exactly 90 days ago. ONTIME: A, paying on time.
    # Not: RECENT (89 days), BB (below BBB), UNRATED, LATE (169 days past due), WO (a loan written off).
    assert listed == {"OK", "ONTIME"}
