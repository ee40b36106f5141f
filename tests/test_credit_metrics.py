"""Credit quality metrics (SPEC §4.3) on small hand-written books, every figure worked out by hand."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.queries import credit
from pipelines.queries.filters import Filters, Period
from tests.factory import build_warehouse, loan, payment, schedule

D = date.fromisoformat
JUNE = Period(D("2025-06-01"), D("2025-06-30"))
MAY = Period(D("2025-05-01"), D("2025-05-31"))


def approx(value: float):
    return pytest.approx(value, rel=1e-9, abs=1e-12)


# ---------------------------------------------------------------------------------------------
# The ratios book, as of 2025-06-30. Single-installment loans (interest 0) keep the balance equal
# to the principal until paid. dpd at the two last snapshots:
#
#   loan  principal  officer (region)  due                 05-31            06-30
#   A1    1000       O1 (R1)           2025-09-30          0                0
#   A2    2000       O1 (R1)           2025-06-20          0                10
#   A3    3000       O1 (R1)           2025-05-16          15               45
#   A4    4000       O3 (R2)           2025-03-22          70               100
#   A5     500       O1 (R1)           2025-06-10, paid    0                closed
#   A6    2000       O1 (R1)           1000 on 2025-05-20  11 (bal. 2000)   0 (bal. 1000, #1 paid 06-10)
#                                      1000 on 2025-08-20


def ratios_source() -> dict:
    return {
        "loans": [
            loan("A1", 1000, "2025-01-15"),
            loan("A2", 2000, "2025-01-15"),
            loan("A3", 3000, "2025-01-15"),
            loan("A4", 4000, "2025-01-15", officer_id="O3"),
            loan("A5", 500, "2025-01-15"),
            loan("A6", 2000, "2025-01-15"),
        ],
        "installments": [
            *schedule("A1", ["2025-09-30"], [1000]),
            *schedule("A2", ["2025-06-20"], [2000]),
            *schedule("A3", ["2025-05-16"], [3000]),
            *schedule("A4", ["2025-03-22"], [4000]),
            *schedule("A5", ["2025-06-10"], [500]),
            *schedule("A6", ["2025-05-20", "2025-08-20"], [1000, 1000]),
        ],
        "payments": [payment("P1", "A5", "2025-06-10", 500), payment("P2", "A6", "2025-06-10", 1000)],
    }


@pytest.fixture(scope="module")
def ratios(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("ratios"), as_of="2025-06-30", **ratios_source())
    yield con
    con.close()


def test_ratios_at_the_as_of_date(ratios):
    row = credit.credit_snapshot(ratios, Filters(JUNE), D("2025-06-30")).row(0, named=True)
    # Active: A1 1000, A2 2000, A3 3000, A4 4000, A6 1000 → 11000 (A5 is closed).
    assert row["balance"] == Decimal("11000.00")
    assert row["active_loans"] == 5
    assert row["overdue_rate"] == approx(9000 / 11000)  # A2 + A3 + A4 = 2000 + 3000 + 4000 (dpd ≥ 1)
    assert row["par30"] == approx(7000 / 11000)  # A3 + A4 (dpd 45, 100 > 30)
    assert row["par90"] == approx(4000 / 11000)  # A4 (100 > 90)
    assert row["npl_ratio"] == approx(4000 / 11000)  # A4: 100 days → substandard
    assert row["overdue_rate_by_count"] == approx(3 / 5)
    assert row["par30_by_count"] == approx(2 / 5)
    assert row["par90_by_count"] == approx(1 / 5)
    assert row["npl_ratio_by_count"] == approx(1 / 5)


def test_ratios_at_the_previous_month_end(ratios):
    row = credit.credit_snapshot(ratios, Filters(MAY), D("2025-05-31")).row(0, named=True)
    # Active: A1 1000, A2 2000, A3 3000, A4 4000, A5 500, A6 2000 → 12500.
    assert row["balance"] == Decimal("12500.00")
    assert row["overdue_rate"] == approx(9000 / 12500)  # A3 15 + A4 70 + A6 11 days: 3000 + 4000 + 2000 = 0.72
    assert row["par30"] == approx(4000 / 12500)  # A4 only = 0.32
    assert row["par90"] == 0.0
    assert row["npl_ratio"] == 0.0  # A4 at 70 days is special mention
    assert row["overdue_rate_by_count"] == approx(3 / 6)


def test_figures_at_the_period_end_against_the_comparison(ratios):
    figures = credit.credit_at_period_end(ratios, Filters(JUNE, comparison=MAY))
    by_metric = {r["metric"]: r for r in figures.iter_rows(named=True)}
    overdue = by_metric["overdue_rate"]
    assert (overdue["snapshot_date"], overdue["comparison_snapshot_date"]) == (D("2025-06-30"), D("2025-05-31"))
    assert overdue["value"] == approx(9000 / 11000)
    assert overdue["comparison_value"] == approx(0.72)
    assert overdue["change"] == approx(9000 / 11000 - 0.72)
    assert by_metric["balance"]["value"] == 11000.0 and by_metric["balance"]["comparison_value"] == 12500.0
    assert list(figures["metric"]) == list(credit.CREDIT_FIGURES)


def test_a_period_ending_between_snapshots_shows_the_snapshot_before(ratios):
    figures = credit.credit_at_period_end(ratios, Filters(Period(D("2025-06-01"), D("2025-06-15"))))
    overdue = figures.filter(figures["metric"] == "overdue_rate").row(0, named=True)
    assert overdue["snapshot_date"] == D("2025-05-31")
    assert overdue["value"] == approx(0.72)


def test_dimension_filters(ratios):
    r2 = credit.credit_snapshot(ratios, Filters(JUNE, region_ids=("R2",)), D("2025-06-30")).row(0, named=True)
    # Region R2 holds only A4 (officer O3): 4000, 100 days past due.
    assert (r2["balance"], r2["overdue_rate"], r2["par90"], r2["npl_ratio"]) == (Decimal("4000.00"), 1.0, 1.0, 1.0)
    r1 = credit.credit_snapshot(ratios, Filters(JUNE, region_ids=("R1",)), D("2025-06-30")).row(0, named=True)
    # R1: A1 1000 + A2 2000 + A3 3000 + A6 1000 = 7000; overdue A2 + A3 = 5000; PAR30 A3 = 3000.
    assert r1["balance"] == Decimal("7000.00")
    assert r1["overdue_rate"] == approx(5000 / 7000)
    assert r1["par30"] == approx(3000 / 7000)
    assert r1["par90"] == 0.0
    officer = credit.credit_snapshot(ratios, Filters(JUNE, officer_ids=("O3",)), D("2025-06-30")).row(0, named=True)
    assert officer["balance"] == Decimal("4000.00")
    nothing = credit.credit_snapshot(ratios, Filters(JUNE, channel_ids=("C2",)), D("2025-06-30")).row(0, named=True)
    # No loan through channel C2: nothing outstanding, ratios undefined.
    assert nothing["balance"] == 0 and nothing["overdue_rate"] is None


def test_series_over_snapshot_dates(ratios):
    series = credit.credit_series(ratios, Filters(JUNE))
    # 2025-01-31 … 2025-06-30: six snapshot dates (first disbursement 2025-01-15).
    assert series["snapshot_date"].to_list() == [
        D("2025-01-31"),
        D("2025-02-28"),
        D("2025-03-31"),
        D("2025-04-30"),
        D("2025-05-31"),
        D("2025-06-30"),
    ]
    assert series["overdue_rate"][-2:].to_list() == [approx(0.72), approx(9000 / 11000)]
    # 2025-03-31: only A4 past due (9 days); all six loans active: 12500.
    assert series["overdue_rate"][2] == approx(4000 / 12500)
    may = credit.credit_series(ratios, Filters(MAY))
    assert may["snapshot_date"].max() == D("2025-05-31")


def test_bucket_mix(ratios):
    mix = credit.bucket_mix(ratios, Filters(JUNE))
    balances = dict(zip(mix["dpd_bucket"], mix["balance"], strict=True))
    # 06-30: M0 = A1 + A6 = 2000; M1 = A2 (10) 2000; M2 = A3 (45) 3000; M4 = A4 (100) 4000.
    assert balances == {
        "M0": Decimal("2000.00"),
        "M1": Decimal("2000.00"),
        "M2": Decimal("3000.00"),
        "M3": Decimal("0.00"),
        "M4": Decimal("4000.00"),
        "M5": Decimal("0.00"),
        "M6": Decimal("0.00"),
        "M7+": Decimal("0.00"),
    }
    assert mix["balance_share"].to_list() == [approx(x) for x in (2 / 11, 2 / 11, 3 / 11, 0, 4 / 11, 0, 0, 0)]
    assert mix["active_loans"].to_list() == [2, 1, 1, 0, 1, 0, 0, 0]
    grouped = credit.bucket_mix(ratios, Filters(JUNE), m4_plus=True)
    assert grouped["dpd_bucket"].to_list() == ["M0", "M1", "M2", "M3", "M4+"]
    assert grouped["balance"][-1] == Decimal("4000.00")
    assert sum(grouped["balance_share"]) == approx(1.0)


def test_five_tier_mix(ratios):
    mix = credit.five_tier_mix(ratios, Filters(JUNE))
    assert mix["label_zh"].to_list() == ["正常", "关注", "次级", "可疑", "损失"]
    # normal: A1 + A6 = 2000; special mention: A2 (10) + A3 (45) = 5000; substandard: A4 (100) = 4000.
    assert mix["balance"].to_list() == [Decimal(x) for x in ("2000.00", "5000.00", "4000.00", "0.00", "0.00")]
    assert mix["balance_share"].to_list() == [approx(x) for x in (2 / 11, 5 / 11, 4 / 11, 0, 0)]


def test_roll_rate_matrix_rows_sum_to_one(ratios):
    result = credit.roll_rate_matrix(ratios, Filters(JUNE))
    assert result.pairs == [(D("2025-05-31"), D("2025-06-30"))]
    rows = {r["from_bucket"]: r for r in result.matrix.iter_rows(named=True)}
    assert set(rows) == {"M0", "M1", "M3"}  # no balance in M2 or M4+ at 05-31
    # From M0 at 05-31: A1 1000 → M0, A2 2000 → M1 (10 days), A5 500 → closed; 3500 in all.
    assert rows["M0"]["balance_at_t"] == 3500.0
    assert rows["M0"]["M0"] == approx(1000 / 3500)
    assert rows["M0"]["M1"] == approx(2000 / 3500)
    assert rows["M0"]["closed"] == approx(500 / 3500)
    # From M1: A3 3000 → M2 (45 days), A6 2000 → M0 (cured); 5000 in all.
    assert (rows["M1"]["M2"], rows["M1"]["M0"]) == (approx(0.6), approx(0.4))
    # From M3: A4 4000 (70 days) → M4 (100 days).
    assert rows["M3"]["M4"] == 1.0
    for row in rows.values():
        assert sum(row[state] for state in result.states) == approx(1.0)
    assert result.states == ["M0", "M1", "M2", "M3", "M4", "M5", "M6", "M7+", "closed", "written_off"]


def test_roll_rate_pairs_of_a_short_period(ratios):
    # No snapshot falls in 1–15 June: the latest pair ending before the period's end, 04-30 → 05-31.
    assert credit.roll_rate_pairs(ratios, Filters(Period(D("2025-06-01"), D("2025-06-15")))) == [
        (D("2025-04-30"), D("2025-05-31"))
    ]
    # A quarter pools the pairs ending in April, May and June.
    quarter = Filters(Period(D("2025-04-01"), D("2025-06-30")))
    assert [p[1] for p in credit.roll_rate_pairs(ratios, quarter)] == [D("2025-04-30"), D("2025-05-31"), JUNE.end]


def test_roll_rate_trend(ratios):
    trend = credit.roll_rate_trend(ratios, Filters(JUNE))
    last = {r["transition"]: r for r in trend.filter(trend["to_snapshot_date"] == JUNE.end).iter_rows(named=True)}
    assert set(last) == {"M0→M1", "M1→M2", "M2→M3"}
    assert last["M0→M1"]["roll_rate"] == approx(2000 / 3500)  # A2 out of A1 + A2 + A5
    assert last["M1→M2"]["roll_rate"] == approx(3000 / 5000)  # A3 out of A3 + A6
    assert last["M2→M3"]["roll_rate"] is None  # nothing in M2 at 05-31


def test_npl_follows_the_configured_tiers(tmp_path: Path):
    config = """
[delinquency.five_tier_min_dpd]
normal = 0
special_mention = 1
substandard = 31
doubtful = 271
loss = 361
"""
    con = build_warehouse(tmp_path, as_of="2025-06-30", config=config, **ratios_source())
    row = credit.credit_snapshot(con, Filters(JUNE), D("2025-06-30")).row(0, named=True)
    # Substandard from 31 days: A3 (45) and A4 (100) → 7000 / 11000; PAR90 is unchanged.
    assert row["npl_ratio"] == approx(7000 / 11000)
    assert row["par90"] == approx(4000 / 11000)


# ---------------------------------------------------------------------------------------------
# Write-offs, as of 2025-06-30.
#
#   W1  1200 (O1, R1)  3 × 400 due 02-15, 03-15, 04-15; 400 paid 02-15; written off 2025-05-10 → 800
#   W2  1000 (O3, R2)  due 2025-02-10, nothing paid; written off 2025-06-05                     → 1000
#   W3   500 (O1, R1)  due 2025-03-10, nothing paid; written off 2025-07-15, after the as-of date


@pytest.fixture(scope="module")
def writeoff_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(
        tmp_path_factory.mktemp("writeoffs"),
        as_of="2025-06-30",
        loans=[
            loan("W1", 1200, "2025-01-10", written_off_date="2025-05-10"),
            loan("W2", 1000, "2025-01-10", officer_id="O3", written_off_date="2025-06-05"),
            loan("W3", 500, "2025-01-10", written_off_date="2025-07-15"),
        ],
        installments=[
            *schedule("W1", ["2025-02-15", "2025-03-15", "2025-04-15"], [400, 400, 400]),
            *schedule("W2", ["2025-02-10"], [1000]),
            *schedule("W3", ["2025-03-10"], [500]),
        ],
        payments=[payment("P1", "W1", "2025-02-15", 400)],
    )
    yield con
    con.close()


def test_writeoffs_in_the_period_and_the_comparison(writeoff_book):
    out = credit.writeoffs(writeoff_book, Filters(MAY, comparison=JUNE))
    assert out.select("period", "loans", "written_off_principal").rows() == [
        ("current", 1, Decimal("800.00")),  # W1: 1200 − 400 settled
        ("comparison", 1, Decimal("1000.00")),  # W2: nothing settled
    ]
    quarter = credit.writeoffs(writeoff_book, Filters(Period(D("2025-04-01"), D("2025-06-30"))))
    assert quarter.select("loans", "written_off_principal").rows() == [(2, Decimal("1800.00"))]
    r2 = credit.writeoffs(writeoff_book, Filters(Period(D("2025-04-01"), D("2025-06-30")), region_ids=("R2",)))
    assert r2.select("loans", "written_off_principal").rows() == [(1, Decimal("1000.00"))]
    # W3's write-off date is after the as-of date: not written off yet.
    july = credit.writeoffs(writeoff_book, Filters(Period(D("2025-07-01"), D("2025-07-31"))))
    assert july.select("loans", "written_off_principal").rows() == [(0, Decimal("0.00"))]


def test_writeoffs_by_month(writeoff_book):
    out = credit.writeoffs_by_month(writeoff_book, Filters(JUNE))
    assert out.rows() == [(D("2025-05-01"), 1, Decimal("800.00")), (D("2025-06-01"), 1, Decimal("1000.00"))]


def test_roll_into_written_off(writeoff_book):
    rows = {
        r["from_bucket"]: r for r in credit.roll_rate_matrix(writeoff_book, Filters(JUNE)).matrix.iter_rows(named=True)
    }
    # 05-31 → 06-30: W2 (110 days, M4) is written off on 06-05; W3 (82 days, M3) rolls to 112 days, M4.
    assert rows["M4"]["written_off"] == 1.0
    assert rows["M3"]["M4"] == 1.0
    may = {
        r["from_bucket"]: r for r in credit.roll_rate_matrix(writeoff_book, Filters(MAY)).matrix.iter_rows(named=True)
    }
    # 04-30 → 05-31: M2 at 04-30 holds W1 (46 days, 800) and W3 (51 days, 500). W1 is written off on
    # 05-10; W3 rolls to 82 days, M3. (W2, 79 days at 04-30, is in M3 and stays there: 110 days is M4.)
    assert may["M2"]["written_off"] == approx(800 / 1300)
    assert may["M2"]["M3"] == approx(500 / 1300)
    assert may["M3"]["M4"] == 1.0


# ---------------------------------------------------------------------------------------------
# Vintage, as of 2025-06-30.
#
#   X    1000  O1 (R1)  disbursed 2025-01-10, due 02-10, paid 02-10 → closed at 02-28
#   Y    3000  O3 (R2)  disbursed 2025-01-20, due 02-20, never paid: dpd 8, 39, 69, 100, 130 at Feb … Jun
#   DEC  1000  O1 (R1)  disbursed 2024-12-20, due 2025-01-20, never paid: dpd 11, 39, 70, 100, 131, 161 at Jan … Jun


@pytest.fixture(scope="module")
def vintage_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(
        tmp_path_factory.mktemp("vintage"),
        as_of="2025-06-30",
        loans=[
            loan("X", 1000, "2025-01-10"),
            loan("Y", 3000, "2025-01-20", officer_id="O3"),
            loan("DEC", 1000, "2024-12-20"),
        ],
        installments=[
            *schedule("X", ["2025-02-10"], [1000]),
            *schedule("Y", ["2025-02-20"], [3000]),
            *schedule("DEC", ["2025-01-20"], [1000]),
        ],
        payments=[payment("P1", "X", "2025-02-10", 1000)],
    )
    yield con
    con.close()


def curve(frame, vintage: str) -> list[float]:
    return frame.filter(frame["vintage_month"] == D(vintage)).sort("mob")["ratio"].to_list()


def test_vintage_curves_divide_by_all_principal_of_the_vintage(vintage_book):
    c30 = credit.vintage_curves(vintage_book, Filters(JUNE), 30)
    # January 2025: X (closed) + Y = 4000 of principal; Y's 3000 is past 30 days from MOB 2 (03-31, 39 days).
    assert curve(c30, "2025-01-01") == [0.0, 0.0, 0.75, 0.75, 0.75, 0.75]
    assert c30.filter(c30["vintage_month"] == D("2025-01-01"))["principal"].unique().to_list() == [Decimal("4000.00")]
    # December 2024: DEC alone; MOB 1 is 2025-01-31 (11 days), MOB 2 is 02-28 (39 days).
    assert curve(c30, "2024-12-01") == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    c60 = credit.vintage_curves(vintage_book, Filters(JUNE), 60)
    assert curve(c60, "2025-01-01") == [0.0, 0.0, 0.0, 0.75, 0.75, 0.75]  # 69 days at MOB 3
    assert curve(c60, "2024-12-01") == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]  # 70 days at MOB 3
    c90 = credit.vintage_curves(vintage_book, Filters(JUNE), 90)
    assert curve(c90, "2025-01-01") == [0.0, 0.0, 0.0, 0.0, 0.75, 0.75]  # 100 days at MOB 4
    assert curve(c90, "2024-12-01") == [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0]  # 100 days at MOB 4
    with pytest.raises(ValueError):
        credit.vintage_curves(vintage_book, Filters(JUNE), 45)


def test_vintage_filters_and_period(vintage_book):
    r2 = credit.vintage_curves(vintage_book, Filters(JUNE, region_ids=("R2",)), 30)
    # Only Y (officer O3, region R2): its vintage's principal is 3000.
    assert r2["vintage_month"].unique().to_list() == [D("2025-01-01")]
    assert curve(r2, "2025-01-01") == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0]
    april = credit.vintage_curves(vintage_book, Filters(Period(D("2025-04-01"), D("2025-04-30"))), 30)
    # Seen from the end of April: up to MOB 3 for January, MOB 4 for December.
    assert curve(april, "2025-01-01") == [0.0, 0.0, 0.75, 0.75]
    assert curve(april, "2024-12-01") == [0.0, 0.0, 1.0, 1.0, 1.0]


def test_vintage_triangle(vintage_book):
    triangle = credit.vintage_triangle(vintage_book, Filters(JUNE), 30)
    assert triangle.columns == ["vintage_month", "principal", "0", "1", "2", "3", "4", "5", "6"]
    assert triangle["vintage_month"].to_list() == [D("2024-12-01"), D("2025-01-01")]
    assert triangle.row(1)[2:] == (0.0, 0.0, 0.75, 0.75, 0.75, 0.75, None)  # MOB 6 not reached yet


# ---------------------------------------------------------------------------------------------
# Early warning, as of 2025-07-20 (lookback 6 month-ends, 2 sigmas; minimum balance set to 100).
# Two identical books, one per officer, that differ only in July:
#
#   Z  100  disbursed 2024-12-01, due 2025-01-05, never paid: overdue from January on
#   Q  800  disbursed 2024-12-05, 500 due 2025-04-10 (paid that day), 300 due 2026-01-10
#   S  100  disbursed 2024-12-05, due 2025-07-10: O1's is never paid; O3's is paid on 07-10
#
# Overdue rate at the month-ends: Dec 0 (Z not yet due), Jan–Mar 100 / (100 + 800 + 100) = 0.1,
# Apr–Jun 100 / (100 + 300 + 100) = 0.2. The previous 6 month-ends before 07-20 are Jan–Jun:
# mean 0.15; sample variance 6 × 0.05² / 5 = 0.003; sd √0.003 = 0.0547723; threshold
# 0.15 + 2 × 0.0547723 = 0.2595445. (Counting December too would give a mean of 0.9 / 7 = 0.128571.)
# On 07-20: O1 has Z + S overdue: 200 / 500 = 0.4 > threshold → flagged.
#           O3's S is closed: 100 / (100 + 300) = 0.25 < threshold → not flagged.
# O1 is the only officer of team T1 (region R1), sells product line credit (P1) through channel C1;
# O3 the only one of T3 (R2), guaranteed (P2) through C2, so every dimension behaves like its officer.

EW_MEAN = 0.15
EW_SD = math.sqrt(0.003)


def early_warning_source() -> dict:
    loans, installments, payments = [], [], []
    for officer, product, channel in (("O1", "P1", "C1"), ("O3", "P2", "C2")):
        kw = {"officer_id": officer, "product_id": product, "channel_id": channel}
        loans += [
            loan(f"Z{officer}", 100, "2024-12-01", **kw),
            loan(f"Q{officer}", 800, "2024-12-05", **kw),
            loan(f"S{officer}", 100, "2024-12-05", **kw),
        ]
        installments += [
            *schedule(f"Z{officer}", ["2025-01-05"], [100]),
            *schedule(f"Q{officer}", ["2025-04-10", "2026-01-10"], [500, 300]),
            *schedule(f"S{officer}", ["2025-07-10"], [100]),
        ]
        payments.append(payment(f"PQ{officer}", f"Q{officer}", "2025-04-10", 500))
    payments.append(payment("PSO3", "SO3", "2025-07-10", 100))
    return {"loans": loans, "installments": installments, "payments": payments}


@pytest.fixture(scope="module")
def ew_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(
        tmp_path_factory.mktemp("ew"),
        as_of="2025-07-20",
        config="[early_warning]\nmin_balance = 100\n",
        **early_warning_source(),
    )
    yield con
    con.close()


JULY = Period(D("2025-07-01"), D("2025-07-31"))


def test_early_warning_fires_and_does_not_fire(ew_book):
    flags = credit.early_warning(ew_book, Filters(JULY))
    rows = {(r["dimension"], r["dimension_value"]): r for r in flags.iter_rows(named=True)}
    fired = [("region", "R1"), ("team", "T1"), ("officer", "O1"), ("product_line", "credit"), ("channel", "C1")]
    quiet = [("region", "R2"), ("team", "T3"), ("officer", "O3"), ("product_line", "guaranteed"), ("channel", "C2")]
    assert set(rows) == set(fired + quiet)
    for key in fired + quiet:
        row = rows[key]
        assert row["snapshot_date"] == D("2025-07-20")
        assert row["history_points"] == 6
        assert row["history_mean"] == approx(EW_MEAN)
        assert row["history_stddev"] == approx(EW_SD)
        assert row["threshold"] == approx(EW_MEAN + 2 * EW_SD)
    for key in fired:
        assert (rows[key]["overdue_rate"], rows[key]["balance"], rows[key]["flagged"]) == (
            0.4,
            Decimal("500.00"),
            True,
        )
    for key in quiet:
        assert (rows[key]["overdue_rate"], rows[key]["balance"], rows[key]["flagged"]) == (
            0.25,
            Decimal("400.00"),
            False,
        )
    assert rows[("region", "R1")]["dimension_name"] == "East China"
    assert credit.early_warning_history_dates(ew_book, D("2025-07-20")) == [
        D("2025-01-31"),
        D("2025-02-28"),
        D("2025-03-31"),
        D("2025-04-30"),
        D("2025-05-31"),
        D("2025-06-30"),
    ]


def test_early_warning_under_a_filter(ew_book):
    flags = credit.early_warning(ew_book, Filters(JULY, region_ids=("R1",)), dimensions=("officer", "channel"))
    rows = {(r["dimension"], r["dimension_value"]): r for r in flags.iter_rows(named=True)}
    # Recomputed from the filtered book: O3 and C2 are outside region R1; O1 and C1 as above.
    assert set(rows) == {("officer", "O1"), ("channel", "C1")}
    assert rows[("officer", "O1")]["threshold"] == approx(EW_MEAN + 2 * EW_SD)
    assert rows[("officer", "O1")]["flagged"] is True
    history = credit.early_warning_history(ew_book, Filters(JULY, region_ids=("R1",)), "officer")
    assert history["overdue_rate"].to_list() == [0.0, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.4]


def test_early_warning_needs_a_balance_above_the_minimum(tmp_path: Path):
    con = build_warehouse(
        tmp_path, as_of="2025-07-20", config="[early_warning]\nmin_balance = 500\n", **early_warning_source()
    )
    flags = credit.early_warning(con, Filters(JULY), dimensions=("officer",))
    o1 = flags.filter(flags["dimension_value"] == "O1").row(0, named=True)
    # O1's rate 0.4 is above its threshold but its balance, 500, is not above the minimum of 500.
    assert (o1["overdue_rate"], o1["balance"], o1["flagged"]) == (0.4, Decimal("500.00"), False)


def test_every_credit_figure_has_one_definition():
    keys = [d.key for d in credit.DEFINITIONS]
    assert len(keys) == len(set(keys))
    figures = {"balance": "outstanding_balance"}
    for figure in credit.CREDIT_FIGURES:
        assert figures.get(figure, figure) in keys
