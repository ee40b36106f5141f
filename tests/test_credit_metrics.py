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
    # No snapshot from 06-02 to 06-14: the biweekly end 06-01 before it. There A3 is 16 days past due,
    # A4 71, A6 12 (#1 due 05-20 unpaid), A5 not yet due: (3000 + 4000 + 2000) / 12500 = 0.72.
    figures = credit.credit_at_period_end(ratios, Filters(Period(D("2025-06-02"), D("2025-06-14"))))
    overdue = figures.filter(figures["metric"] == "overdue_rate").row(0, named=True)
    assert overdue["snapshot_date"] == D("2025-06-01")
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
    month_ends = [D("2025-01-31"), D("2025-02-28"), D("2025-03-31"), D("2025-04-30"), D("2025-05-31")]
    # From 2025-01-01 (first disbursement 2025-01-15): the biweekly ends 01-12 … 06-29 (anchor
    # 2024-01-01: 2024-01-14 + 14k), the month-ends and the as-of date 06-30. 01-12 has no loan yet.
    biweekly = [D("2025-01-12") + i * (D("2025-01-26") - D("2025-01-12")) for i in range(13)]
    assert biweekly[-1] == D("2025-06-29")
    assert series["snapshot_date"].to_list() == sorted([*biweekly, *month_ends, D("2025-06-30")])
    rate = dict(zip(series["snapshot_date"], series["overdue_rate"], strict=True))
    assert (rate[D("2025-05-31")], rate[D("2025-06-30")]) == (approx(0.72), approx(9000 / 11000))
    # 2025-03-31: only A4 past due (9 days); all six loans active: 12500.
    assert rate[D("2025-03-31")] == approx(4000 / 12500)
    # 2025-06-15: A3 30 days, A4 85; A5 closed (paid 06-10); A6 current, 1000 left: 7000 / 11000.
    assert rate[D("2025-06-15")] == approx(7000 / 11000)
    assert rate[D("2025-01-12")] is None and series["balance"][0] == 0
    may = credit.credit_series(ratios, Filters(MAY))
    assert may["snapshot_date"].max() == D("2025-05-31")
    # The month-end series alone: the month-ends and the as-of date.
    monthly = credit.credit_series(ratios, Filters(JUNE), month_ends_only=True)
    assert monthly["snapshot_date"].to_list() == [*month_ends, D("2025-06-30")]


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


def money_order_source() -> dict:
    # Disbursed 2024-12-01, so the six month-ends before the as-of 2025-07-20 (January to June) all
    # have a balance and nothing overdue: mean 0, standard deviation 0, threshold 0 for everyone.
    # At 2025-07-20 the installments due 07-01 are unpaid (19 days):
    #   O1 (R1, T1, credit, C1):     balance 100 + 100 = 200,     overdue 100  → rate 0.5
    #   O3 (R2, T3, guaranteed, C2): balance 1000 + 9000 = 10000, overdue 1000 → rate 0.1
    # Money at risk = balance × (rate − threshold): O1 200 × 0.5 = 100, O3 10000 × 0.1 = 1000.
    # By percentage points O1 (+50 pp) would come before O3 (+10 pp); by money O3 comes first.
    o3 = {"officer_id": "O3", "product_id": "P2", "channel_id": "C2"}
    return {
        "loans": [
            loan("X1", 100, "2024-12-01"),
            loan("X2", 100, "2024-12-01"),
            loan("Y1", 1000, "2024-12-01", **o3),
            loan("Y2", 9000, "2024-12-01", **o3),
        ],
        "installments": [
            *schedule("X1", ["2025-07-01"], [100]),
            *schedule("X2", ["2026-01-01"], [100]),
            *schedule("Y1", ["2025-07-01"], [1000]),
            *schedule("Y2", ["2026-01-01"], [9000]),
        ],
    }


def test_early_warning_is_ordered_by_money_at_risk(tmp_path: Path):
    con = build_warehouse(
        tmp_path, as_of="2025-07-20", config="[early_warning]\nmin_balance = 100\n", **money_order_source()
    )
    flags = credit.early_warning(con, Filters(JULY))
    assert flags["flagged"].all() and flags.height == 10
    assert flags["threshold"].to_list() == [0.0] * 10
    # O3's side (1000 each) first, then O1's (100 each), in every dimension.
    assert flags["overdue_above_threshold"].to_list() == [approx(1000.0)] * 5 + [approx(100.0)] * 5
    assert [r for r in flags["dimension_value"][:5]] == ["C2", "O3", "guaranteed", "R2", "T3"]
    assert flags.filter(flags["dimension"] == "officer")["dimension_value"].to_list() == ["O3", "O1"]
    # The precomputed whole-book figures agree.
    stored = con.sql(
        "select dimension_value, threshold, overdue_above_threshold from agg_early_warning "
        "where dimension = 'officer' and snapshot_date = '2025-07-20' order by overdue_above_threshold desc"
    ).fetchall()
    assert stored == [("O3", 0.0, approx(1000.0)), ("O1", 0.0, approx(100.0))]


# ---------------------------------------------------------------------------------------------
# Biweekly book, as of 2025-07-31. Snapshot dates from 2025-04-01: the biweekly ends (anchor
# 2024-01-01, periods end on 2024-01-14 + 14k) 04-06, 04-20, 05-04, 05-18, 06-01, 06-15, 06-29,
# 07-13, 07-27, the month-ends 04-30, 05-31, 06-30 and the as-of date 07-31 (also a month-end).
#
#   loan  principal  schedule (interest 0)         payments        dpd at 05-31 / 06-01 / 06-15 / 06-29 / 06-30
#   K     1000       500 on 05-14, 500 on 08-14    500 on 06-20    17 / 18 / 32 / 0 (bal. 500) / 0
#   B     3000       3000 on 09-30                 —               0 everywhere
#   C     1000       1000 on 06-05                 1000 on 06-10   0 / 0 / closed / closed / closed (last row)
#
# K is 31+ days past due only at the biweekly end 06-15, inside June: the biweekly periods
# 05-19..06-01 and 06-02..06-15 show it; the month-end series (05-31, 06-30) never does.

BIWEEKLY = Period(D("2025-06-02"), D("2025-06-15"))
BIWEEKLY_BEFORE = Period(D("2025-05-19"), D("2025-06-01"))


@pytest.fixture(scope="module")
def biweekly_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(
        tmp_path_factory.mktemp("biweekly"),
        as_of="2025-07-31",
        loans=[loan("K", 1000, "2025-04-01"), loan("B", 3000, "2025-04-01"), loan("C", 1000, "2025-04-01")],
        installments=[
            *schedule("K", ["2025-05-14", "2025-08-14"], [500, 500]),
            *schedule("B", ["2025-09-30"], [3000]),
            *schedule("C", ["2025-06-05"], [1000]),
        ],
        payments=[payment("PK", "K", "2025-06-20", 500), payment("PC", "C", "2025-06-10", 1000)],
    )
    yield con
    con.close()


def test_a_biweekly_period_and_the_one_before_read_different_snapshots(biweekly_book):
    figures = {
        r["metric"]: r
        for r in credit.credit_at_period_end(biweekly_book, Filters(BIWEEKLY, comparison=BIWEEKLY_BEFORE)).iter_rows(
            named=True
        )
    }
    assert (figures["par30"]["snapshot_date"], figures["par30"]["comparison_snapshot_date"]) == (
        D("2025-06-15"),
        D("2025-06-01"),
    )
    # 06-15: K 1000 (32 days) + B 3000 = 4000 active (C closed); PAR30 = overdue = 1000 / 4000 = 0.25.
    # 06-01: K 1000 (18 days) + B 3000 + C 1000 = 5000; PAR30 = 0; overdue = 1000 / 5000 = 0.2.
    assert (figures["balance"]["value"], figures["balance"]["comparison_value"]) == (4000.0, 5000.0)
    assert (figures["par30"]["value"], figures["par30"]["comparison_value"]) == (approx(0.25), approx(0.0))
    assert figures["par30"]["change"] == approx(0.25)
    assert figures["overdue_rate"]["change"] == approx(0.25 - 0.2)
    assert figures["balance"]["change"] == -1000.0


def test_the_month_end_series_does_not_see_the_state_between_month_ends(biweekly_book):
    june = credit.credit_series(biweekly_book, Filters(JUNE), month_ends_only=True)
    # 05-31: K 17 days (M1), PAR30 0; 06-30: K paid 06-20, current with 500 left, PAR30 0.
    assert june["snapshot_date"].to_list() == [D("2025-04-30"), D("2025-05-31"), D("2025-06-30")]
    assert june["par30"].to_list() == [0.0, 0.0, 0.0]
    # The vintage (April 2025, original principal 5000) at MOB 2 is measured at 06-30, not 06-15: 0, not
    # K's 1000 / 5000.
    curves = credit.vintage_curves(biweekly_book, Filters(JULY))
    assert curves["snapshot_date"].to_list() == [D("2025-04-30"), D("2025-05-31"), D("2025-06-30"), D("2025-07-31")]
    assert curves["balance_over"].to_list() == [0, 0, 0, 0]
    # Roll rates pair 05-31 → 06-30 only: K's M1 balance 1000 went back to M0 (100%).
    roll = credit.roll_rate_matrix(biweekly_book, Filters(JUNE))
    assert roll.pairs == [(D("2025-05-31"), D("2025-06-30"))]
    m1 = roll.matrix.filter(roll.matrix["from_bucket"] == "M1").row(0, named=True)
    assert (m1["M0"], m1["M2"]) == (1.0, 0.0)


def test_a_loan_closing_mid_month_rolls_to_closed_at_the_next_month_end(biweekly_book):
    rows = biweekly_book.sql(
        "select snapshot_date, status, is_month_end, is_final_row from fct_loan_snapshots "
        "where loan_id = 'C' order by snapshot_date"
    ).fetchall()
    # Paid in full on 06-10: closed at the biweekly ends 06-15 and 06-29 already, last row at the
    # month-end 06-30; none at 07-13, 07-27 or 07-31.
    assert rows[-4:] == [
        (D("2025-06-01"), "active", False, False),
        (D("2025-06-15"), "closed", False, False),
        (D("2025-06-29"), "closed", False, False),
        (D("2025-06-30"), "closed", True, True),
    ]
    assert [r[0] for r in rows[:6]] == [
        D("2025-04-06"),
        D("2025-04-20"),
        D("2025-04-30"),
        D("2025-05-04"),
        D("2025-05-18"),
        D("2025-05-31"),
    ]
    # The roll rate 05-31 → 06-30 counts it closed: M0 at 05-31 held B 3000 and C 1000;
    # C closed: 1000 / 4000 = 0.25, B stayed in M0: 0.75.
    roll = credit.roll_rate_matrix(biweekly_book, Filters(JUNE))
    m0 = roll.matrix.filter(roll.matrix["from_bucket"] == "M0").row(0, named=True)
    assert (m0["M0"], m0["closed"], float(m0["balance_at_t"])) == (approx(0.75), approx(0.25), 4000.0)


def test_every_credit_figure_has_one_definition():
    keys = [d.key for d in credit.DEFINITIONS]
    assert len(keys) == len(set(keys))
    figures = {"balance": "outstanding_balance"}
    for figure in credit.CREDIT_FIGURES:
        assert figures.get(figure, figure) in keys
