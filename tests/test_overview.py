"""Overview queries: the twelve core indicators are the query layer's own figures, and the sparkline history
(one grouped query per family) gives, period by period, exactly what the per-period functions give."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import periods
from pipelines.metrics import all_definitions
from pipelines.queries import credit, disbursement, funnel, overview
from pipelines.queries.filters import Filters, Period
from tests.factory import build_warehouse, event, lead, loan, schedule

D = date.fromisoformat


@pytest.fixture(scope="module")
def demo(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


def anchor(con: duckdb.DuckDBPyConnection) -> date:
    return con.sql("select biweekly_anchor_monday from cfg_params").fetchall()[0][0]


def expected(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, float | None]:
    """Each indicator straight from the query function that defines it."""
    summary = disbursement.disbursement_summary(con, filters).row(0, named=True)
    stages = funnel.funnel_by_stage(con, filters.for_period(filters.period))
    disbursed = stages.filter(pl.col("stage") == "disbursed").row(0, named=True)
    activity = funnel.activity_counts(con, filters).row(0, named=True)
    snapshot = credit.credit_snapshot(con, filters, credit.snapshot_on_or_before(con, filters.period.end))
    return {
        "disbursed_amount": float(summary["amount"]),
        "disbursed_count": summary["loans"],
        "average_ticket": summary["average_ticket"],
        "attainment": summary["attainment"],
        "new_leads": funnel.new_leads(con, filters),
        "lead_to_disbursed_conversion": disbursed["overall_conversion"],
        "applications": activity["applications"],
        "approval_rate": activity["approval_rate"],
        "conversion_cycle": summary["conversion_cycle_days"],
        "overdue_rate": snapshot["overdue_rate"][0],
        "par30": snapshot["par30"][0],
        "repeat_loan_rate": summary["repeat_rate"],
    }


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == pytest.approx(b, rel=1e-9, abs=1e-12)


DEMO_CASES = [
    # (kind, period text, comparison, dimension filters)
    ("biweekly", "2026-10-19/2w", "prev", {}),
    ("month", "2026-09", "yoy", {"region_ids": ("R01",)}),
    ("quarter", "2026-Q3", "prev", {"product_lines": ("credit", "mortgage")}),
    ("week", "2026-W44", None, {"officer_ids": ("O0003",)}),
    ("range", "2026-08-03..2026-08-23", "prev", {"team_ids": ("T001", "T008"), "channel_ids": ("CH01",)}),
]


@pytest.mark.parametrize(("kind", "text", "cmp", "dims"), DEMO_CASES)
def test_core_indicators_equal_the_defining_functions(demo, kind, text, cmp, dims):
    _, period = periods.parse(text, anchor(demo))
    comparison = {"prev": periods.shift(kind, period, -1, anchor(demo)), "yoy": period.last_year(), None: None}[cmp]
    filters = Filters(period, comparison, **dims)
    frame = overview.core_indicators(demo, filters)
    assert frame["indicator"].to_list() == list(overview.INDICATORS)
    now = expected(demo, filters)
    before = expected(demo, filters.for_period(comparison)) if comparison else None
    if before is not None:
        # Conversion is compared with the comparison cohort at the same age (SPEC §4.1): funnel_by_stage's
        # comparison columns, not the comparison period's cohort as it stands today.
        disbursed = funnel.funnel_by_stage(demo, filters).filter(pl.col("stage") == "disbursed").row(0, named=True)
        before["lead_to_disbursed_conversion"] = disbursed["comparison_overall_conversion"]
    for row in frame.iter_rows(named=True):
        key = row["indicator"]
        assert same(row["value"], now[key]), key
        if before is None:
            assert row["comparison_value"] is None and row["change"] is None, key
        else:
            assert same(row["comparison_value"], before[key]), key
            if now[key] is not None and before[key] is not None:
                assert same(row["change"], now[key] - before[key]), key
    summary = disbursement.disbursement_summary(demo, filters).row(0, named=True)
    targets = {r["indicator"]: r for r in frame.iter_rows(named=True)}
    for key in ("disbursed_amount", "attainment"):
        assert same(targets[key]["base_target"], summary["base_target"])
        assert same(targets[key]["stretch_target"], summary["stretch_target"])
    assert targets["attainment"]["band"] == summary["band"]
    assert targets["new_leads"]["base_target"] is None


@pytest.mark.parametrize(("kind", "text", "cmp", "dims"), DEMO_CASES)
def test_history_equals_the_indicators_period_by_period(demo, kind, text, cmp, dims):
    del cmp
    _, period = periods.parse(text, anchor(demo))
    filters = Filters(period, **dims)
    history = overview.indicator_history(demo, filters, kind, anchor(demo))
    spans = overview.history_periods(kind, period, anchor(demo))
    assert len(spans) == overview.DEFAULT_HISTORY_PERIODS and spans[-1] == period
    assert history.height == len(spans) * len(overview.INDICATORS)
    for span in spans:
        values = expected(demo, filters.for_period(span))
        rows = history.filter(pl.col("period_start") == span.start)
        assert rows["period_end"].unique().to_list() == [span.end]
        for row in rows.iter_rows(named=True):
            assert same(row["value"], values[row["indicator"]]), (span, row["indicator"])
        amount = rows.filter(pl.col("indicator") == "disbursed_amount").row(0, named=True)
        summary = disbursement.disbursement_summary(demo, filters.for_period(span)).row(0, named=True)
        assert same(amount["base_target"], summary["base_target"])
        assert same(amount["stretch_target"], summary["stretch_target"])


def test_history_periods_tile_a_date_range():
    spans = overview.history_periods("month", Period(D("2026-02-01"), D("2026-02-28")), D("2024-01-01"), 3)
    assert spans == [
        Period(D("2025-12-01"), D("2025-12-31")),
        Period(D("2026-01-01"), D("2026-01-31")),
        Period(D("2026-02-01"), D("2026-02-28")),
    ]
    ranges = overview.history_periods("range", Period(D("2026-02-11"), D("2026-02-20")), D("2024-01-01"), 2)
    assert ranges == [Period(D("2026-02-01"), D("2026-02-10")), Period(D("2026-02-11"), D("2026-02-20"))]
    with pytest.raises(ValueError):
        overview.history_periods("month", ranges[0], D("2024-01-01"), 0)


def test_every_indicator_has_a_definition():
    definitions = all_definitions()
    assert set(overview.INDICATORS) <= set(definitions)
    for key in overview.INDICATORS:
        assert definitions[key].unit in (overview.UNITS[key], "ratio"), key


# --- Hand-worked: period boundaries in the grouped history ---------------------------------------------------
#
# As of 2025-03-31, monthly history of January–March 2025:
#   loans  A 100 on 2025-01-31 (last day of January), B 300 on 2025-02-01 (first day of February),
#          C 200 on 2025-03-15 (same customer as B: a repeat loan)
#   leads  L1 created 2025-01-31 23:00, disbursed 2025-02-10 23:00 (10 days; cycle counted in February)
#          L2 created 2025-02-01 00:00, application 2025-02-28 and rejected 2025-03-01


@pytest.fixture(scope="module")
def boundaries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = build_warehouse(
        tmp_path_factory.mktemp("overview"),
        as_of="2025-03-31",
        loans=[
            loan("A", 100, "2025-01-31"),
            loan("B", 300, "2025-02-01", customer_id="X", lead_id="L1"),
            loan("C", 200, "2025-03-15", customer_id="X"),
        ],
        installments=[
            *schedule("A", ["2025-12-31"], [100]),
            *schedule("B", ["2025-12-31"], [300]),
            *schedule("C", ["2025-12-31"], [200]),
        ],
        leads=[lead("L1", "2025-01-31 23:00:00", customer_id="X"), lead("L2", "2025-02-01 00:00:00")],
        lead_events=[
            event("L1", "disbursed", "2025-02-10 23:00:00"),
            event("L2", "application", "2025-02-28 12:00:00"),
            event("L2", "rejected", "2025-03-01 09:00:00"),
        ],
    )
    yield connection
    connection.close()


def test_history_puts_each_row_in_its_own_period(boundaries):
    march = Period(D("2025-03-01"), D("2025-03-31"))
    history = overview.indicator_history(boundaries, Filters(march), "month", D("2024-01-01"), n=3)
    wide = {
        row["indicator"]: row
        for row in history.pivot(on="period_start", index="indicator", values="value").iter_rows(named=True)
    }
    jan, feb, mar = (str(D(x)) for x in ("2025-01-01", "2025-02-01", "2025-03-01"))
    assert [wide["disbursed_amount"][m] for m in (jan, feb, mar)] == [100, 300, 200]
    assert [wide["disbursed_count"][m] for m in (jan, feb, mar)] == [1, 1, 1]
    assert [wide["repeat_loan_rate"][m] for m in (jan, feb, mar)] == [0, 0, 1]  # C follows B
    assert [wide["new_leads"][m] for m in (jan, feb, mar)] == [1, 1, 0]
    assert [wide["lead_to_disbursed_conversion"][m] for m in (jan, feb, mar)] == [1, 0, None]
    assert [wide["applications"][m] for m in (jan, feb, mar)] == [0, 1, 0]
    assert [wide["approval_rate"][m] for m in (jan, feb, mar)] == [None, None, 0]  # the rejection is in March
    assert [wide["conversion_cycle"][m] for m in (jan, feb, mar)] == [None, 10, None]
    # No target is set: attainment is empty in every period.
    assert [wide["attainment"][m] for m in (jan, feb, mar)] == [None, None, None]
    # The book at the month-ends: nothing past due (every installment falls due in December).
    assert [wide["overdue_rate"][m] for m in (jan, feb, mar)] == [0, 0, 0]
