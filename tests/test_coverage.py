"""Honest comparisons at the edges of the data: a change is shown only between two periods the data fully covers
(pipelines.queries.coverage); otherwise the tile says how many days the comparison covers, or that there is no
comparable data. A change that reads as zero is grey without an arrow, and an empty table cell shows "—"."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
import streamlit as st
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from pipelines.queries import coverage
from pipelines.queries.filters import Filters, Period
from pipelines.retro import RetroPeriod, scoreboard
from tests.conftest import REPO
from tests.factory import build_warehouse, event, lead, loan, schedule
from ui.components import is_no_change
from ui.i18n import t
from ui.table_view import without_gaps

D = date.fromisoformat

# The data starts mid-February 2025: the first lead is created on 15 February, the first loan is disbursed on
# 20 February, and the first snapshot is the month-end 28 February. The as-of date is 31 March.
#   leads  L1 created 2025-02-15, L2 2025-03-10, L3 2025-03-20
#   loans  A 1,000 on 2025-02-20; B 3,000 on 2025-03-12 (L2's)
AS_OF = "2025-03-31"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, duckdb.DuckDBPyConnection]]:
    folder = tmp_path_factory.mktemp("coverage")
    connection = build_warehouse(
        folder,
        as_of=AS_OF,
        leads=[lead("L1", "2025-02-15 09:00:00"), lead("L2", "2025-03-10 09:00:00"), lead("L3", "2025-03-20 09:00:00")],
        lead_events=[event("L2", "disbursed", "2025-03-12 10:00:00")],
        loans=[loan("A", 1000, "2025-02-20"), loan("B", 3000, "2025-03-12", lead_id="L2")],
        installments=[*schedule("A", ["2025-12-31"], [1000]), *schedule("B", ["2025-12-31"], [3000])],
    )
    yield folder / "warehouse.duckdb", connection
    connection.close()


def test_first_day_of_each_family(warehouse) -> None:
    _, con = warehouse
    starts = coverage.data_starts(con)
    assert (starts.leads, starts.loans) == (D("2025-02-15"), D("2025-02-20"))
    # Snapshots are taken at period ends; the first one on or after the first loan is in February.
    assert D("2025-02-20") <= starts.snapshots <= D("2025-02-28")


def test_a_comparison_half_outside_the_data_is_partly_covered(warehouse) -> None:
    _, con = warehouse
    starts = coverage.data_starts(con)
    march, february = Period(D("2025-03-01"), D("2025-03-31")), Period(D("2025-02-01"), D("2025-02-28"))
    filters = Filters(march, february)
    # Leads: February 15–28 is 14 of February's 28 days; all 31 days of March.
    leads = coverage.change_coverage(filters, starts, "new_leads")
    assert (leads.comparison.covered_days, leads.comparison.total_days) == (14, 28)
    assert leads.period.complete and not leads.comparable
    # Loans: February 20–28 is 9 of 28 days.
    loans = coverage.change_coverage(filters, starts, "disbursed_amount")
    assert (loans.comparison.covered_days, loans.comparison.total_days) == (9, 28)
    # Credit is measured at a snapshot: February's last day has one (28 February), so it is comparable.
    assert coverage.change_coverage(filters, starts, "par30").comparable
    # January is entirely before the data, for every family; no comparison, nothing to say.
    january = Period(D("2025-01-01"), D("2025-01-31"))
    for metric in ("new_leads", "disbursed_amount", "par30"):
        assert coverage.change_coverage(Filters(february, january), starts, metric).comparison.empty
    assert coverage.change_coverage(Filters(march), starts, "new_leads") is None


def test_coverage_arithmetic() -> None:
    year = Period(D("2024-01-01"), D("2024-12-31"))
    # 2024 is a leap year (366 days); data from 20 November: 11 days of November + 31 of December = 42.
    assert coverage.coverage(year, D("2024-11-20")) == coverage.Coverage(42, 366)
    assert coverage.coverage(year, D("2024-01-01")).complete
    assert coverage.coverage(year, D("2025-01-01")).empty
    assert coverage.coverage(year, None).empty
    # At a snapshot: covered entirely when a snapshot exists on or before the last day, else not at all.
    assert coverage.coverage(year, D("2024-11-30"), at_snapshot=True).complete
    assert coverage.coverage(year, D("2025-01-31"), at_snapshot=True).empty


@pytest.fixture
def open_overview(warehouse, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    db, _ = warehouse
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(db))

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        at.switch_page("pages/overview.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def tiles(at: AppTest) -> dict[str, object]:
    return {m.label: m for m in at.metric}


def test_overview_says_how_much_of_the_comparison_the_data_covers(open_overview) -> None:
    at = open_overview(period="2025-03")  # March against February
    shown = tiles(at)
    # New leads: 2 in March against 1 in February would read +100%; February holds 14 of its 28 days.
    leads = shown[t("new_leads", "en")]
    assert leads.value == "2"
    assert leads.delta == t("comparison_partly_covered", "en", covered="14", total="28")
    assert "%" not in leads.delta
    # Disbursed amount: ¥3,000 against ¥1,000 would read +200%; February's loans start on the 20th (9 of 28 days).
    amount = shown[t("disbursed_amount", "en")]
    assert amount.delta == "comparison covers 9 of 28 days"
    assert amount.proto.direction == MetricProto.MetricDirection.NONE
    assert amount.proto.color == MetricProto.MetricColor.GRAY


def test_overview_says_there_is_no_comparable_data_before_the_first_day(open_overview) -> None:
    at = open_overview(period="2025-02", lang="zh")  # February against January, before any data
    shown = tiles(at)
    for key in ("new_leads", "disbursed_amount", "overdue_rate"):
        assert shown[t(key, "zh")].delta == t("no_comparable_data", "zh") == "无可比数据"


def test_a_zero_change_is_grey_without_an_arrow(open_overview) -> None:
    at = open_overview(period="2025-03")
    # The book is current at both month-ends: the overdue rate is 0.0% against 0.0%, a change of +0.0 pp.
    overdue = tiles(at)[t("overdue_rate", "en")]
    assert overdue.value == "0.0%" and overdue.delta == "+0.0 pp"
    assert overdue.proto.direction == MetricProto.MetricDirection.NONE
    assert overdue.proto.color == MetricProto.MetricColor.GRAY


def test_what_reads_as_no_change() -> None:
    assert all(is_no_change(d) for d in ("+0.0%", "+0.0 pp", "-0.0 pp", "+¥0", "+0", "+0.0 天"))
    assert not any(is_no_change(d) for d in ("+0.1%", "-¥1.2M", "+10", None, "", "no comparable data"))


def test_empty_cells_show_a_dash_and_keep_their_format() -> None:
    frame = pl.DataFrame(
        {"name": ["a", None], "amount": [1234.5, None], "share": [12.34, None], "day": [D("2025-01-02"), None]}
    )
    config = {
        "amount": st.column_config.NumberColumn("Amount", format="¥%,.2f"),
        "share": st.column_config.NumberColumn("Share", format="%.1f%%"),
        "day": st.column_config.DateColumn("Day", format="YYYY-MM-DD"),
    }
    shown, shown_config = without_gaps(frame, config)
    assert shown.rows() == [("a", "¥1,234.50", "12.3%", "2025-01-02"), ("—", "—", "—", "—")]
    assert shown_config["amount"]["label"] == "Amount" and shown_config["amount"]["alignment"] == "right"
    # A column without an empty cell keeps its type and config (it still sorts as a number).
    full = pl.DataFrame({"amount": [1.0, 2.0]})
    assert without_gaps(full, config) == (full, config)


def test_the_retrospective_scoreboard_leaves_an_uncovered_change_empty(warehouse) -> None:
    _, con = warehouse
    # Reviewed: 2–15 March 2025 (14 days). Previous: 16 February–1 March (14 days): the leads cover all of it
    # (the first lead is on 15 February), the loans 20 February–1 March, 9 days of February + 1 of March = 10.
    # Last year: 2–15 March 2024, before any data (0 of 14).
    march = Period(D("2025-03-02"), D("2025-03-15"))
    retro = RetroPeriod(period=march, previous=Period(D("2025-02-16"), D("2025-03-01")), last_year=march.last_year())
    rows = {r["indicator"]: r for r in scoreboard.indicators(con, Filters(march), retro).iter_rows(named=True)}
    leads, amount = rows["new_leads"], rows["disbursed_amount"]
    assert (leads["previous_covered_days"], leads["previous_days"]) == (14, 14)
    assert leads["change"] == 1 - 0  # L2 in March, none from 16 February to 1 March: a real change
    assert (amount["previous_covered_days"], amount["previous_days"]) == (10, 14)
    assert amount["change"] is None and amount["relative_change"] is None  # ¥3,000 against ¥1,000 over 10 days
    for r in rows.values():
        assert (r["last_year_covered_days"], r["last_year_days"]) == (0, 14)
        assert r["change_vs_last_year"] is None and r["relative_change_vs_last_year"] is None


def test_a_hidden_column_stays_hidden() -> None:
    frame = pl.DataFrame({"shown": [1.0, None], "hidden": [None, 2.0]})
    shown, config = without_gaps(frame, {"hidden": None})
    assert config["hidden"] is None and shown["hidden"].to_list() == [None, 2.0]
    assert shown["shown"].to_list() == ["1", "—"]
