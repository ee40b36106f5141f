"""fct_loan_snapshots and dim_snapshot_dates (SPEC §3, §4.3): hand-worked loans, every boundary, and the
literal SPEC definition recomputed in Python over the whole small demo."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines import periods
from tests.factory import build_warehouse, customer, loan, payment, schedule

D = date.fromisoformat


def rows_of(con: duckdb.DuckDBPyConnection, loan_id: str) -> dict[date, dict]:
    """The loan's snapshot rows by snapshot date."""
    rel = con.sql("select * from fct_loan_snapshots where loan_id = ? order by snapshot_date", params=[loan_id])
    columns = rel.columns
    return {r[columns.index("snapshot_date")]: dict(zip(columns, r, strict=True)) for r in rel.fetchall()}


# ---------------------------------------------------------------------------------------------
# A small book as of 2025-06-30 (a month-end): snapshot dates are the month-ends 2024-12-31 …
# 2025-05-31, the biweekly ends (Sundays) 2024-12-01 … 2025-06-29, plus the as-of date 2025-06-30.

THREE_MONTHLY = ["2025-02-15", "2025-03-15", "2025-04-15"]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    loans = [
        loan("PART", 1200, "2025-01-10"),
        loan("PRE", 1200, "2025-01-10"),
        loan("TOL_OK", 400, "2025-01-10"),
        loan("TOL_SHORT", 400, "2025-01-10"),
        loan("WO", 1200, "2025-01-10", written_off_date="2025-05-10"),
        loan("DEC", 1000, "2024-12-20", officer_id="O3", product_id="P2", channel_id="C2", customer_id="CUB"),
        loan("EOM", 500, "2025-03-31"),
        loan("LATER", 500, "2025-07-05"),
    ]
    installments = [
        # 400 principal + 10 interest a month: cum_due 410, 820, 1230.
        *schedule("PART", THREE_MONTHLY, [400, 400, 400], [10, 10, 10]),
        *schedule("PRE", THREE_MONTHLY, [400, 400, 400], [10, 10, 10]),
        *schedule("TOL_OK", ["2025-02-15"], [400], [10]),
        *schedule("TOL_SHORT", ["2025-02-15"], [400], [10]),
        *schedule("WO", THREE_MONTHLY, [400, 400, 400]),
        *schedule("DEC", ["2025-12-20"], [1000]),
        *schedule("EOM", ["2025-04-30"], [500]),
        *schedule("LATER", ["2025-08-05"], [500]),
    ]
    payments = [
        payment("P1", "PART", "2025-02-15", 410),  # settles #1 exactly
        payment("P2", "PART", "2025-03-15", 200),  # partial: 610 paid < 820 due by #2
        payment("P3", "PRE", "2025-02-10", 830),  # prepayment: 830 ≥ 820 settles #1 and #2
        payment("P4", "PRE", "2025-05-05", 400),  # 1230 in total: closes the loan
        payment("P5", "TOL_OK", "2025-02-15", 409.99),  # 409.99 + 0.01 = 410.00 ≥ 410: settled
        payment("P6", "TOL_SHORT", "2025-02-15", 409.98),  # 409.98 + 0.01 = 409.99 < 410: not settled
        payment("P7", "WO", "2025-02-15", 400),
        payment("P8", "WO", "2025-05-10", 400),  # on the write-off date: counts
        payment("P9", "WO", "2025-05-20", 400),  # after the write-off date: does not
    ]
    con = build_warehouse(
        tmp_path_factory.mktemp("book"),
        as_of="2025-06-30",
        loans=loans,
        installments=installments,
        payments=payments,
        customers=[customer("CUB", customer_type="business", region_id="R2")],
    )
    yield con
    con.close()


MONTH_ENDS = ["2024-12-31", "2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"]
# The configured anchor Monday is 2024-01-01, so biweekly periods end on the Sundays 2024-01-14 + 14k;
# 2024-12-01 = 2024-01-14 + 322 days (23 × 14) is the first on or after the first disbursement month
# (December 2024), and 2025-06-29 the last before the as-of date.
BIWEEKLY_ENDS = [
    "2024-12-01", "2024-12-15", "2024-12-29", "2025-01-12", "2025-01-26", "2025-02-09", "2025-02-23",
    "2025-03-09", "2025-03-23", "2025-04-06", "2025-04-20", "2025-05-04", "2025-05-18", "2025-06-01",
    "2025-06-15", "2025-06-29",
]  # fmt: skip


def test_snapshot_dates_are_month_ends_biweekly_ends_and_the_as_of_date(book):
    rows = {
        r[0]: r[1:]
        for r in book.sql(
            "select snapshot_date, is_month_end, is_biweekly_end, is_as_of, in_month_end_series, "
            "prev_snapshot_date, next_snapshot_date, prev_series_date, next_series_date "
            "from dim_snapshot_dates order by snapshot_date"
        ).fetchall()
    }
    # First disbursement 2024-12-20 → from 2024-12-01 on; the as-of date is itself a month-end here.
    assert sorted(rows) == sorted(D(d) for d in [*MONTH_ENDS, *BIWEEKLY_ENDS, "2025-06-30"])
    for day in map(D, BIWEEKLY_ENDS):
        assert day.weekday() == 6  # a Sunday
        assert periods.containing("biweekly", day, D("2024-01-01")).end == day  # periods.py agrees
        assert rows[day][:4] == (False, True, False, False)
    for day in map(D, MONTH_ENDS):
        assert rows[day][:4] == (True, False, False, True)
    assert rows[D("2025-06-30")][:4] == (True, False, True, True)
    # Neighbours among all dates, and within the month-end series (null off the series).
    assert rows[D("2024-12-01")][4] is None and rows[D("2024-12-01")][5] == D("2024-12-15")
    assert rows[D("2025-05-31")][4:6] == (D("2025-05-18"), D("2025-06-01"))
    assert rows[D("2025-05-31")][6:] == (D("2025-04-30"), D("2025-06-30"))
    assert rows[D("2025-06-30")][6:] == (D("2025-05-31"), None)
    assert rows[D("2024-12-31")][6:] == (None, D("2025-01-31"))
    assert rows[D("2025-06-15")][6:] == (None, None)


def test_biweekly_ends_follow_the_configured_anchor(tmp_path: Path):
    con = build_warehouse(
        tmp_path,
        as_of="2025-02-10",
        config='[periods]\nbiweekly_anchor_monday = "2025-06-09"\n',
        loans=[loan("L1", 900, "2025-01-20")],
        installments=schedule("L1", ["2025-03-15"], [900]),
    )
    dates = [r[0] for r in con.sql("select snapshot_date from dim_snapshot_dates order by 1").fetchall()]
    # Anchor 2025-06-09, after the data (periods count both ways): periods end on 2025-06-22 + 14k;
    # 2025-01-05 = 2025-06-22 − 168 (12 × 14), then 01-19 and 02-02 (a week later than with the default
    # anchor); the month-end 01-31; the as-of 02-10.
    assert dates == [D("2025-01-05"), D("2025-01-19"), D("2025-01-31"), D("2025-02-02"), D("2025-02-10")]
    assert all(periods.containing("biweekly", d, D("2025-06-09")).end == d for d in (dates[0], dates[1], dates[3]))
    # The loan (disbursed 01-20) starts at the first of them on or after its disbursement.
    assert [r[0] for r in con.sql("select snapshot_date from fct_loan_snapshots order by 1").fetchall()] == dates[2:]


def test_partial_payment_leaves_the_installment_unsettled(book):
    r = rows_of(book, "PART")
    # 2025-02-28: paid 410 ≥ 410 − 0.01 → #1 settled; #2 is due 03-15, not yet past due.
    assert (r[D("2025-02-28")]["dpd"], r[D("2025-02-28")]["outstanding_principal"]) == (0, Decimal("800.00"))
    # 2025-03-31: paid 610 < 820 − 0.01 → #2 unsettled, due 03-15: dpd = 31 − 15 = 16; 1200 − 400 = 800.
    assert (r[D("2025-03-31")]["dpd"], r[D("2025-03-31")]["outstanding_principal"]) == (16, Decimal("800.00"))
    assert r[D("2025-03-31")]["dpd_bucket"] == "M1"
    # 2025-04-30: still from #2 (the earliest unsettled), 15 + 31 = 46 days.
    assert (r[D("2025-04-30")]["dpd"], r[D("2025-04-30")]["dpd_bucket"]) == (46, "M2")
    # 2025-06-30: 15 + 31 + 30 + 31 = 107 → M4, substandard.
    assert (r[D("2025-06-30")]["dpd"], r[D("2025-06-30")]["dpd_bucket"], r[D("2025-06-30")]["five_tier"]) == (
        107,
        "M4",
        "substandard",
    )
    assert all(row["status"] == "active" for row in r.values())


def test_prepayment_settles_future_installments_then_closing_row_and_nothing_after(book):
    r = rows_of(book, "PRE")
    # 830 paid on 02-10 ≥ 820 − 0.01: #1 and #2 settled ahead of #2's due date; 1200 − 800 = 400.
    assert (r[D("2025-02-28")]["dpd"], r[D("2025-02-28")]["outstanding_principal"]) == (0, Decimal("400.00"))
    # 03-31: #2 (due 03-15) was prepaid, so nothing unsettled is past due.
    assert (r[D("2025-03-31")]["dpd"], r[D("2025-03-31")]["outstanding_principal"]) == (0, Decimal("400.00"))
    # 04-30: #3 due 04-15 unsettled (830 < 1230 − 0.01): 15 days.
    assert r[D("2025-04-30")]["dpd"] == 15
    # 05-05 brings 1230: every installment settled → closed at the biweekly end 05-18 already, and at
    # the month-end 05-31 (the first month-end-series date after), its last row: outstanding 0.
    last = r[D("2025-05-31")]
    assert (last["status"], last["outstanding_principal"], last["dpd"]) == ("closed", Decimal("0.00"), 0)
    assert max(r) == D("2025-05-31")
    # Disbursed 01-10: first row at the biweekly end 01-12; 13 active rows up to 05-04 (9 biweekly ends
    # 01-12 01-26 02-09 02-23 03-09 03-23 04-06 04-20 05-04 and 4 month-ends 01-31 02-28 03-31 04-30).
    assert min(r) == D("2025-01-12")
    assert [r[d]["status"] for d in sorted(r)] == ["active"] * 13 + ["closed", "closed"]
    assert (r[D("2025-05-18")]["is_final_row"], last["is_final_row"]) == (False, True)
    assert (r[D("2025-05-18")]["is_month_end"], last["is_month_end"]) == (False, True)


def test_one_cent_tolerance(book):
    ok = rows_of(book, "TOL_OK")
    # 409.99 paid on 02-15, 410.00 due: settled (within 0.01) → closed from the biweekly end 02-23; the
    # month-end 02-28 is its last row.
    assert [(d, ok[d]["status"]) for d in sorted(ok)] == [
        (D("2025-01-12"), "active"),
        (D("2025-01-26"), "active"),
        (D("2025-01-31"), "active"),
        (D("2025-02-09"), "active"),
        (D("2025-02-23"), "closed"),
        (D("2025-02-28"), "closed"),
    ]
    short = rows_of(book, "TOL_SHORT")
    # 409.98 paid: not settled; due 02-15 → dpd 13 at 02-28, 44 at 03-31; nothing settled → 400 outstanding.
    assert (short[D("2025-02-28")]["status"], short[D("2025-02-28")]["dpd"]) == ("active", 13)
    assert (short[D("2025-03-31")]["dpd"], short[D("2025-03-31")]["outstanding_principal"]) == (44, Decimal("400.00"))
    assert max(short) == D("2025-06-30")


def test_write_off_row_and_amount(book):
    r = rows_of(book, "WO")
    # 04-30: 400 paid → #1 settled; #2 due 03-15 unpaid → 46 days; 1200 − 400 = 800 outstanding.
    assert (r[D("2025-04-30")]["status"], r[D("2025-04-30")]["dpd"]) == ("active", 46)
    assert r[D("2025-04-30")]["outstanding_principal"] == Decimal("800.00")
    assert r[D("2025-04-30")]["written_off_principal"] is None
    # The biweekly end 05-18 already says written_off, but the amount is only on the last row.
    assert (r[D("2025-05-18")]["status"], r[D("2025-05-18")]["written_off_principal"]) == ("written_off", None)
    wo = r[D("2025-05-31")]
    # Written off 05-10 ≤ 05-31 → written_off even though the 05-20 payment settled everything by 05-31.
    assert (wo["status"], wo["outstanding_principal"]) == ("written_off", Decimal("0.00"))
    # On the write-off date 800 was paid (02-15 and 05-10; the 05-20 payment is later):
    # #1 and #2 settled → 1200 − 400 − 400 = 400 outstanding at write-off.
    assert wo["written_off_principal"] == Decimal("400.00")
    assert wo["written_off_date"] == D("2025-05-10")
    assert max(r) == D("2025-05-31")


def test_vintage_mob_across_the_year_boundary_and_dimensions(book):
    r = rows_of(book, "DEC")
    # Disbursed 2024-12-20: vintage December 2024; the 2025-01-31 snapshot is one month later.
    assert r[D("2024-12-31")]["mob"] == 0
    assert r[D("2025-01-31")]["mob"] == 1
    assert r[D("2025-06-30")]["mob"] == 6
    first = r[D("2024-12-31")]
    assert first["vintage_month"] == D("2024-12-01")
    assert first["principal"] == Decimal("1000.00")
    # Officer O3 → team T3 → region R2; product P2 → guaranteed, business; channel C2; customer CUB business.
    assert (first["officer_id"], first["team_id"], first["region_id"]) == ("O3", "T3", "R2")
    assert (first["product_id"], first["product_line"], first["segment"]) == ("P2", "guaranteed", "business")
    assert (first["channel_id"], first["customer_id"], first["customer_type"]) == ("C2", "CUB", "business")


def test_first_row_and_loans_after_the_as_of_date(book):
    r = rows_of(book, "EOM")
    # Disbursed on 2025-03-31, itself a snapshot date: the first row is that day, at MOB 0.
    assert min(r) == D("2025-03-31") and r[D("2025-03-31")]["mob"] == 0
    # Due 04-30 and observed on 04-30: not yet past due.
    assert r[D("2025-04-30")]["dpd"] == 0
    assert rows_of(book, "LATER") == {}


# ---------------------------------------------------------------------------------------------
# Every bucket and five-tier boundary: one loan per boundary with its only installment unpaid and
# due exactly k days before the 2025-12-31 snapshot, so its dpd there is k.

BOUNDARIES = [
    # (dpd, bucket, five-tier class) by SPEC §4.3
    (0, "M0", "normal"),
    (1, "M1", "special_mention"),
    (30, "M1", "special_mention"),
    (31, "M2", "special_mention"),
    (60, "M2", "special_mention"),
    (61, "M3", "special_mention"),
    (90, "M3", "special_mention"),
    (91, "M4", "substandard"),
    (120, "M4", "substandard"),
    (121, "M5", "substandard"),
    (150, "M5", "substandard"),
    (151, "M6", "substandard"),
    (180, "M6", "substandard"),
    (181, "M7+", "substandard"),
    (270, "M7+", "substandard"),
    (271, "M7+", "doubtful"),
    (360, "M7+", "doubtful"),
    (361, "M7+", "loss"),
]
BOUNDARY_DAY = D("2025-12-31")


def boundary_source() -> dict:
    loans, installments = [], []
    for k, _, _ in BOUNDARIES:
        due = BOUNDARY_DAY - timedelta(days=k)
        loans.append(loan(f"B{k:03d}", 1000, (due - timedelta(days=10)).isoformat()))
        installments += schedule(f"B{k:03d}", [due.isoformat()], [1000])
    return {"loans": loans, "installments": installments}


@pytest.fixture(scope="module")
def boundaries(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("boundaries"), as_of="2025-12-31", **boundary_source())
    yield con
    con.close()


@pytest.mark.parametrize(("days", "bucket", "tier"), BOUNDARIES)
def test_bucket_and_five_tier_boundaries(boundaries, days, bucket, tier):
    row = boundaries.sql(
        "select dpd, dpd_bucket, five_tier, status, outstanding_principal from fct_loan_snapshots "
        "where loan_id = ? and snapshot_date = ?",
        params=[f"B{days:03d}", BOUNDARY_DAY],
    ).fetchall()
    assert row == [(days, bucket, tier, "active", Decimal("1000.00"))]


def test_buckets_and_tiers_come_from_the_configuration(tmp_path: Path):
    config = """
[delinquency]
dpd_bucket_names = ["C", "X1", "X2"]
dpd_bucket_upper_bounds = [0, 15]

[delinquency.five_tier_min_dpd]
normal = 0
special_mention = 1
substandard = 31
doubtful = 61
loss = 91
"""
    con = build_warehouse(tmp_path, as_of="2025-12-31", config=config, **boundary_source())
    got = dict(
        con.sql(
            "select dpd, dpd_bucket || '/' || five_tier from fct_loan_snapshots where snapshot_date = ?",
            params=[BOUNDARY_DAY],
        ).fetchall()
    )
    # Buckets: C = 0, X1 = 1–15, X2 = over 15. Tiers: 1–30 special mention, 31–60 substandard,
    # 61–90 doubtful, 91+ loss.
    assert got[0] == "C/normal"
    assert got[1] == "X1/special_mention"
    assert got[30] == "X2/special_mention"
    assert got[31] == "X2/substandard"
    assert got[60] == "X2/substandard"
    assert got[61] == "X2/doubtful"
    assert got[90] == "X2/doubtful"
    assert got[91] == "X2/loss"


@pytest.mark.parametrize(("as_of", "dpd"), [("2025-03-15", 0), ("2025-03-16", 1)])
def test_dpd_on_the_due_date_is_0_and_the_day_after_is_1(tmp_path: Path, as_of: str, dpd: int):
    con = build_warehouse(
        tmp_path,
        as_of=as_of,
        loans=[loan("L1", 900, "2025-01-20")],
        installments=schedule("L1", ["2025-03-15", "2025-04-15", "2025-05-15"], [300, 300, 300]),
    )
    rows = con.sql(
        "select snapshot_date, dpd, is_month_end from fct_loan_snapshots where loan_id = 'L1' order by snapshot_date"
    ).fetchall()
    # Snapshots: the biweekly ends 01-26, 02-09, 02-23, 03-09 and the month-ends of January and February,
    # then the as-of date (not a month-end).
    assert rows == [
        (D("2025-01-26"), 0, False),
        (D("2025-01-31"), 0, True),
        (D("2025-02-09"), 0, False),
        (D("2025-02-23"), 0, False),
        (D("2025-02-28"), 0, True),
        (D("2025-03-09"), 0, False),
        (D(as_of), dpd, False),
    ]


# ---------------------------------------------------------------------------------------------
# The shortcut the model takes (settled dates, prefixes) against SPEC §4.3 computed literally.


def literal_snapshots(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, date], tuple]:
    """SPEC §4.3 word for word, in Python, for every loan and snapshot date."""
    as_of = con.sql("select as_of from build_params").fetchall()[0][0]
    dates = [r[0] for r in con.sql("select snapshot_date from dim_snapshot_dates order by 1").fetchall()]
    buckets = con.sql("select dpd_bucket, min_dpd, max_dpd from cfg_dpd_buckets").fetchall()
    tiers = con.sql("select five_tier, min_dpd, max_dpd from cfg_five_tier").fetchall()
    loans = con.sql(
        "select loan_id, principal, disbursed_date, written_off_date from stg_loans where disbursed_date <= ?",
        params=[as_of],
    ).fetchall()
    installments = defaultdict(list)
    for loan_id, no, due, principal_due, interest_due in con.sql(
        "select loan_id, installment_no, due_date, principal_due, interest_due from stg_installments"
    ).fetchall():
        installments[loan_id].append((due, no, principal_due, interest_due))
    payments = defaultdict(list)
    for loan_id, paid_date, amount in con.sql("select loan_id, paid_date, amount from stg_payments").fetchall():
        payments[loan_id].append((paid_date, amount))

    def band(table, dpd):
        return next(name for name, low, high in table if dpd >= low and (high is None or dpd <= high))

    expected = {}
    for loan_id, principal, disbursed, written_off in loans:
        ordered = sorted(installments[loan_id])
        cum_due, running = [], Decimal(0)
        for _, _, principal_due, interest_due in ordered:
            running += principal_due + interest_due
            cum_due.append(running)
        for day in dates:
            if day < disbursed:
                continue
            paid = sum((a for d, a in payments[loan_id] if d <= day), Decimal(0))
            settled = [c <= paid + Decimal("0.01") for c in cum_due]
            past_due = [inst[0] for inst, ok in zip(ordered, settled, strict=True) if not ok and inst[0] < day]
            dpd = (day - min(past_due)).days if past_due else 0
            if written_off is not None and written_off <= day:
                status = "written_off"
            elif all(settled):
                status = "closed"
            else:
                status = "active"
            settled_principal = sum((inst[2] for inst, ok in zip(ordered, settled, strict=True) if ok), Decimal(0))
            outstanding = principal - settled_principal if status == "active" else Decimal(0)
            mob = (day.year - disbursed.year) * 12 + day.month - disbursed.month
            expected[(loan_id, day)] = (mob, status, outstanding, dpd, band(buckets, dpd), band(tiers, dpd))
            on_month_end_series = day == as_of or (day + timedelta(days=1)).day == 1
            if status != "active" and on_month_end_series:
                break  # the first closed or written-off row of the month-end series is the last
    return expected


def test_fact_equals_the_literal_definition_on_the_demo(demo_warehouse: Path):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    expected = literal_snapshots(con)
    actual = {
        (r[0], r[1]): tuple(r[2:])
        for r in con.sql(
            "select loan_id, snapshot_date, mob, status, outstanding_principal, dpd, dpd_bucket, five_tier "
            "from fct_loan_snapshots"
        ).fetchall()
    }
    assert len(expected) > 10_000
    assert set(actual) == set(expected)
    # is_month_end says whether the date is the last day of its month.
    assert con.sql(
        "select bool_and(is_month_end = (snapshot_date = last_day(snapshot_date))) from fct_loan_snapshots"
    ).fetchall() == [(True,)]
    wrong = [(key, expected[key], actual[key]) for key in expected if expected[key] != actual[key]]
    assert wrong == []
    # The demo exercises every status and several buckets, so the comparison is not vacuous.
    statuses = {v[1] for v in expected.values()}
    assert statuses == {"active", "closed", "written_off"}
    assert len({v[4] for v in expected.values()}) >= 6
    con.close()


def test_written_off_principal_equals_the_literal_definition_on_the_demo(demo_warehouse: Path):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    settled_by = defaultdict(list)
    for loan_id, due, no, principal_due, interest_due in con.sql(
        "select loan_id, due_date, installment_no, principal_due, interest_due from stg_installments"
    ).fetchall():
        settled_by[loan_id].append((due, no, principal_due, interest_due))
    pays = defaultdict(list)
    for loan_id, paid_date, amount in con.sql("select loan_id, paid_date, amount from stg_payments").fetchall():
        pays[loan_id].append((paid_date, amount))
    rows = con.sql(
        "select s.loan_id, s.written_off_principal, l.principal, l.written_off_date "
        "from fct_loan_snapshots as s join stg_loans as l using (loan_id) "
        "where s.status = 'written_off' and s.is_final_row"
    ).fetchall()
    assert len(rows) > 10
    for loan_id, amount, principal, written_off in rows:
        paid = sum((a for d, a in pays[loan_id] if d <= written_off), Decimal(0))
        running, settled_principal = Decimal(0), Decimal(0)
        for _, _, principal_due, interest_due in sorted(settled_by[loan_id]):
            running += principal_due + interest_due
            if running <= paid + Decimal("0.01"):
                settled_principal += principal_due
        assert amount == principal - settled_principal, loan_id
    # Every written-off loan has exactly one row with the amount (its last), whatever biweekly rows say.
    assert con.sql(
        "select count(*) = count(distinct loan_id) and count(*) = count(*) filter (where is_final_row) "
        "from fct_loan_snapshots where written_off_principal is not null"
    ).fetchall()[0][0]
    assert con.sql(
        "select count(distinct loan_id) = count(*) filter (where is_final_row) "
        "from fct_loan_snapshots where status = 'written_off'"
    ).fetchall()[0][0]
    con.close()
