"""Who moved the disbursed amount (amount_change_by, amount_bridge) on a hand-written warehouse, worked by hand.

The period is 2026-11-02..2026-11-15, the comparison the previous biweekly period 2026-10-19..2026-11-01, the
"last year" comparison 2025-11-02..2025-11-15 (as-of 2026-11-20). Default organisation: R1 (T1: O1 Wang Fang,
T2: O2 Li Wei), R2 (T3: O3 Zhang Min); products P1 credit, P2 guaranteed, P3 mortgage; channels C1, C2.

    loan  officer  product        channel  date        principal   period
    N1    O1       P1 credit      C1       2026-11-02    1000.10   period (its first day)
    N2    O1       P2 guaranteed  C2       2026-11-15       0.05   period (its last day)
    N3    O2       P1 credit      C2       2026-11-09     333.33   period
    N4    O3       P3 mortgage    C1       2026-11-10    2000.00   period
    B1    O1       P1 credit      C1       2026-10-19     500.00   comparison (its first day)
    B2    O2       P2 guaranteed  C1       2026-11-01    1333.34   comparison (its last day)
    B3    O3       P3 mortgage    C1       2026-10-25    2000.00   comparison
    Y1    O3       P3 mortgage    C1       2025-11-05     700.00   last year
    X1    O1       P1 credit      C1       2026-10-18    9999.99   none (the day before the comparison)
    X2    O1       P1 credit      C1       2026-11-16    9999.99   none (the day after the period)

Period total 1000.10 + 0.05 + 333.33 + 2000.00 = 3333.48; comparison 500.00 + 1333.34 + 2000.00 = 3833.34;
total change 3333.48 − 3833.34 = −499.86.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from pytest import approx

from pipelines.queries import disbursement
from pipelines.queries.filters import Filters, Period
from tests.factory import build_warehouse, loan

PERIOD = Period(date(2026, 11, 2), date(2026, 11, 15))
PREVIOUS = Period(date(2026, 10, 19), date(2026, 11, 1))
LAST_YEAR = Period(date(2025, 11, 2), date(2025, 11, 15))
FILTERS = Filters(PERIOD, comparison=PREVIOUS)

LOANS = [
    loan("N1", 1000.10, "2026-11-02", officer_id="O1", product_id="P1", channel_id="C1"),
    loan("N2", 0.05, "2026-11-15", officer_id="O1", product_id="P2", channel_id="C2"),
    loan("N3", 333.33, "2026-11-09", officer_id="O2", product_id="P1", channel_id="C2"),
    loan("N4", 2000.00, "2026-11-10", officer_id="O3", product_id="P3", channel_id="C1"),
    loan("B1", 500.00, "2026-10-19", officer_id="O1", product_id="P1", channel_id="C1"),
    loan("B2", 1333.34, "2026-11-01", officer_id="O2", product_id="P2", channel_id="C1"),
    loan("B3", 2000.00, "2026-10-25", officer_id="O3", product_id="P3", channel_id="C1"),
    loan("Y1", 700.00, "2025-11-05", officer_id="O3", product_id="P3", channel_id="C1"),
    loan("X1", 9999.99, "2026-10-18", officer_id="O1", product_id="P1", channel_id="C1"),
    loan("X2", 9999.99, "2026-11-16", officer_id="O1", product_id="P1", channel_id="C1"),
]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("moved"), as_of="2026-11-20", loans=LOANS)
    yield con
    con.close()


def rows(frame) -> dict:
    return {r["value"]: r for r in frame.iter_rows(named=True)}


def test_officers_amount_change_and_share_by_hand(book) -> None:
    # O1: (1000.10 + 0.05) − 500.00 = +500.15;  O2: 333.33 − 1333.34 = −1000.01;  O3: 2000.00 − 2000.00 = 0.
    # Sum +500.15 − 1000.01 + 0 = −499.86, the total change, to the cent.
    changes = disbursement.amount_change_by(book, FILTERS, "officer")
    got = rows(changes)
    assert {v: (r["previous_amount"], r["amount"], r["change"]) for v, r in got.items()} == {
        "O1": (Decimal("500.00"), Decimal("1000.15"), Decimal("500.15")),
        "O2": (Decimal("1333.34"), Decimal("333.33"), Decimal("-1000.01")),
        "O3": (Decimal("2000.00"), Decimal("2000.00"), Decimal("0.00")),
    }
    assert sum(changes["change"].to_list(), Decimal(0)) == Decimal("-499.86")
    # Share of change = change / total change: O2 −1000.01 / −499.86 = 2.000580…; O1 500.15 / −499.86 = −1.000580…
    assert got["O2"]["share_of_change"] == approx(1000.01 / 499.86)
    assert got["O1"]["share_of_change"] == approx(-500.15 / 499.86)
    assert got["O3"]["share_of_change"] == 0.0
    assert sum(changes["share_of_change"].to_list()) == approx(1.0)
    # Ranked by the size of the change, either way: |−1000.01| > |+500.15| > 0.
    assert changes["value"].to_list() == ["O2", "O1", "O3"]
    assert changes["rank"].to_list() == [1, 2, 3]
    # Display names and the parents, for the table.
    assert got["O2"]["name"] == "Li Wei"
    assert (got["O2"]["team_name"], got["O2"]["region_name"]) == ("East Channel", "East China")
    assert (got["O1"]["loans"], got["O1"]["previous_loans"]) == (2, 1)


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        # R1 = O1 + O2: +500.15 − 1000.01 = −499.86 (share 1); R2 = O3: 0 (share 0).
        ("region", {"R1": Decimal("-499.86"), "R2": Decimal("0.00")}),
        ("team", {"T2": Decimal("-1000.01"), "T1": Decimal("500.15"), "T3": Decimal("0.00")}),
        # credit: (1000.10 + 333.33) − 500.00 = +833.43; guaranteed: 0.05 − 1333.34 = −1333.29; mortgage 0.
        ("product_line", {"guaranteed": Decimal("-1333.29"), "credit": Decimal("833.43"), "mortgage": Decimal("0.00")}),
        # C1: (1000.10 + 2000.00) − (500.00 + 1333.34 + 2000.00) = 3000.10 − 3833.34 = −833.24;
        # C2: (0.05 + 333.33) − 0 = +333.38 (only in the period).
        ("channel", {"C1": Decimal("-833.24"), "C2": Decimal("333.38")}),
    ],
)
def test_every_level_adds_up_to_the_total_change_to_the_cent(book, level, expected) -> None:
    changes = disbursement.amount_change_by(book, FILTERS, level)
    assert dict(zip(changes["value"], changes["change"], strict=True)) == expected
    assert changes["value"].to_list() == list(expected)  # largest absolute change first
    assert sum(changes["change"].to_list(), Decimal(0)) == Decimal("-499.86")


def test_channel_and_product_line_names(book) -> None:
    assert rows(disbursement.amount_change_by(book, FILTERS, "channel"))["C2"]["name"] == "App"
    # Product lines have no name in the warehouse: the page translates the key.
    assert rows(disbursement.amount_change_by(book, FILTERS, "product_line"))["credit"]["name"] is None


def test_the_bridge_adds_up_to_the_total_change_to_the_cent(book) -> None:
    changes = disbursement.amount_change_by(book, FILTERS, "officer")
    # One member shown: start 3833.34, O2 −1000.01, others (O1 +500.15, O3 0) = +500.15, end 3333.48.
    steps = disbursement.amount_bridge(changes, members=1)
    assert [(s["step"], s["value"], s["amount"], s["members"]) for s in steps.iter_rows(named=True)] == [
        ("comparison_total", None, Decimal("3833.34"), None),
        ("member", "O2", Decimal("-1000.01"), 1),
        ("others", None, Decimal("500.15"), 2),
        ("period_total", None, Decimal("3333.48"), None),
    ]
    parts = steps.filter(steps["step"].is_in(["member", "others"]))["amount"].to_list()
    # −1000.01 + 500.15 = −499.86 = 3333.48 − 3833.34.
    assert sum(parts, Decimal(0)) == Decimal("-499.86") == steps["amount"][-1] - steps["amount"][0]


def test_the_bridge_never_makes_an_others_step_of_one_member(book) -> None:
    changes = disbursement.amount_change_by(book, FILTERS, "officer")
    # Two shown would leave O3 alone in "others": all three are shown instead.
    steps = disbursement.amount_bridge(changes, members=2)
    assert steps["step"].to_list() == ["comparison_total", "member", "member", "member", "period_total"]
    assert steps["value"].to_list()[1:4] == ["O2", "O1", "O3"]


def test_many_members_the_default_bridge_keeps_eight_and_sums_the_rest(tmp_path: Path) -> None:
    # Ten officers each disbursing k × 10.01 in the period (k = 1..10) and nothing before: changes
    # 10.01 … 100.10, total 10.01 × 55 = 550.55. The 8 largest (k = 10..3) add 10.01 × 52 = 520.52;
    # others (k = 2, 1) 10.01 × 3 = 30.03; 520.52 + 30.03 = 550.55.
    officers = [
        {"officer_id": f"O{k:02d}", "officer_name": f"Officer {k}", "team_id": "T1", "hire_date": "2020-01-01"}
        for k in range(1, 11)
    ]
    loans = [loan(f"L{k:02d}", round(10.01 * k, 2), "2026-11-05", officer_id=f"O{k:02d}") for k in range(1, 11)]
    con = build_warehouse(tmp_path, as_of="2026-11-20", loans=loans, officers=officers)
    steps = disbursement.amount_bridge(disbursement.amount_change_by(con, FILTERS, "officer"))
    assert disbursement.BRIDGE_MEMBERS == 8
    assert steps["value"].to_list()[1:9] == [f"O{k:02d}" for k in range(10, 2, -1)]
    assert steps.row(9, named=True) == {
        "step": "others",
        "value": None,
        "name": None,
        "amount": Decimal("30.03"),
        "members": 2,
    }
    assert (steps["amount"][0], steps["amount"][-1]) == (Decimal("0.00"), Decimal("550.55"))
    assert sum(steps["amount"].to_list()[1:-1], Decimal(0)) == Decimal("550.55")


def test_a_total_that_did_not_change_has_no_share(tmp_path: Path) -> None:
    # O1 disbursed 100.00 before and nothing now, O2 nothing before and 100.00 now: changes −100.00 and +100.00,
    # total change 0. Shares are empty (a share of nothing); equal sizes share rank 1, ties by id.
    con = build_warehouse(
        tmp_path,
        as_of="2026-11-20",
        loans=[loan("P", 100, "2026-10-25", officer_id="O1"), loan("N", 100, "2026-11-05", officer_id="O2")],
    )
    changes = disbursement.amount_change_by(con, FILTERS, "officer")
    assert changes["value"].to_list() == ["O1", "O2"]
    assert changes["change"].to_list() == [Decimal("-100.00"), Decimal("100.00")]
    assert changes["share_of_change"].to_list() == [None, None]
    assert changes["rank"].to_list() == [1, 1]
    steps = disbursement.amount_bridge(changes)
    assert steps["amount"].to_list() == [Decimal("100.00"), Decimal("-100.00"), Decimal("100.00"), Decimal("100.00")]


def test_without_a_comparison_only_the_amounts(book) -> None:
    changes = disbursement.amount_change_by(book, replace(FILTERS, comparison=None), "officer")
    # Largest amount first: O3 2000.00, O1 1000.15, O2 333.33.
    assert changes["value"].to_list() == ["O3", "O1", "O2"]
    assert changes["amount"].to_list() == [Decimal("2000.00"), Decimal("1000.15"), Decimal("333.33")]
    for column in ("previous_amount", "previous_loans", "change", "share_of_change"):
        assert changes[column].is_null().all(), column
    assert disbursement.amount_bridge(changes).is_empty()


def test_the_same_dates_last_year(book) -> None:
    # Against 2025-11-02..15: O3 2000.00 − 700.00 = +1300.00, O1 +1000.15, O2 +333.33; total 2633.48
    # (3333.48 − 700.00). O3's share 1300.00 / 2633.48 = 0.49364…
    changes = disbursement.amount_change_by(book, replace(FILTERS, comparison=LAST_YEAR), "officer")
    got = rows(changes)
    assert changes["value"].to_list() == ["O3", "O1", "O2"]
    assert got["O3"]["change"] == Decimal("1300.00")
    assert got["O3"]["share_of_change"] == approx(1300.00 / 2633.48)


def test_the_filters_narrow_the_members_and_the_total(book) -> None:
    # Region R1 only: O1 +500.15 and O2 −1000.01; total −499.86 (R2's O3 changed by 0 anyway).
    changes = disbursement.amount_change_by(book, replace(FILTERS, region_ids=("R1",)), "officer")
    assert changes["value"].to_list() == ["O2", "O1"]
    # Product line credit only: O1 1000.10 − 500.00 = +500.10, O2 333.33 − 0 = +333.33; total 833.43.
    credit = disbursement.amount_change_by(book, replace(FILTERS, product_lines=("credit",)), "officer")
    assert dict(zip(credit["value"], credit["change"], strict=True)) == {
        "O1": Decimal("500.10"),
        "O2": Decimal("333.33"),
    }
    assert rows(credit)["O1"]["share_of_change"] == approx(500.10 / 833.43)


def test_an_unknown_level_is_refused(book) -> None:
    with pytest.raises(ValueError, match="unknown level"):
        disbursement.amount_change_by(book, FILTERS, "segment")


def test_names_from_the_source_are_shown_as_text_in_the_summary_and_the_bridge(tmp_path: Path) -> None:
    from pipelines.queries.dimensions import dimensions
    from ui.filters import FilterContext
    from ui.moved_view import bridge_figure, summary_markdown

    hostile = '<a href="http://evil.example">**Boss**</a> $x$ :red[alarm]'
    officers = [
        {"officer_id": "O1", "officer_name": hostile, "team_id": "T1", "hire_date": "2020-01-01"},
        {"officer_id": "O2", "officer_name": "Li Wei", "team_id": "T2", "hire_date": "2020-01-01"},
    ]
    con = build_warehouse(
        tmp_path,
        as_of="2026-11-20",
        officers=officers,
        loans=[
            loan("P", 100, "2026-10-25", officer_id="O1"),
            loan("N1", 40, "2026-11-05", officer_id="O1"),
            loan("N2", 10, "2026-11-06", officer_id="O2"),
        ],
    )
    # O1 40 − 100 = −60, O2 +10; total 50 − 100 = −50; O1's share −60 / −50 = 120.0%.
    changes = disbursement.amount_change_by(con, FILTERS, "officer")
    line = summary_markdown(changes, {"O1": hostile, "O2": "Li Wei"}, "en")
    escaped = r'\<a href="http\://evil.example"\>\*\*Boss\*\*\</a\> \$x\$ \:red\[alarm\]'
    assert line == (
        f"Disbursed amount ¥100 → ¥50: -¥50 (-50.0%). Largest change: **{escaped}**, -¥60, 120.0% of the total change."
    )
    # In the bridge the name is a label, not markup (Plotly reads <a href> and <br> in labels).
    ctx = FilterContext(FILTERS, "biweekly", "en", dimensions(con))
    trace = bridge_figure(disbursement.amount_bridge(changes), changes, "officer", ctx).data[0]
    assert list(trace.x[1:3]) == [html.escape(hostile), "Li Wei"]


def test_the_summary_line_says_when_the_total_did_not_change(tmp_path: Path) -> None:
    from ui.moved_view import summary_markdown

    # O1 −100, O2 +100: the total did not change; there is no share to show, and the line says why.
    still = build_warehouse(
        tmp_path,
        as_of="2026-11-20",
        loans=[loan("P", 100, "2026-10-25", officer_id="O1"), loan("N", 100, "2026-11-05", officer_id="O2")],
    )
    flat = disbursement.amount_change_by(still, FILTERS, "officer")
    assert summary_markdown(flat, {}, "zh") == (
        "放款金额 ¥100 → ¥100: +¥0 (+0.0%)。总额没有变化: 下列变化相互抵消, 因此不显示占变化比例 (—)。"
    )
