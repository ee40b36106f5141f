"""The Customers page on the small demo (AppTest): the as-of it uses, tiles and tables equal to the query layer,
the migration selectors, the customer lists, Chinese, the empty state."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.queries import customers
from pipelines.queries.filters import Filters, Period
from tests.conftest import REPO
from ui.format import count, money, percent, points
from ui.i18n import TEXT, t

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
FILTERS = Filters(OCTOBER, comparison=SEPTEMBER)
HEADINGS = (
    "customers_segments_heading",
    "customers_tier_grade_heading",
    "customers_migration_heading",
    "customers_lists_heading",
)


@pytest.fixture(scope="module")
def demo(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def open_page(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page("pages/customers.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def charts(at: AppTest) -> list[str]:
    """Each chart's plotly spec as readable text (the wire format escapes ¥ and Chinese)."""
    return [json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in at.get("plotly_chart")]


def test_october_tiles_equal_the_query_layer(open_page, demo) -> None:
    at = open_page(period="2026-10")
    as_of = customers.selected_as_of(demo, FILTERS)
    compare_to = customers.comparison_as_of(demo, FILTERS)
    assert (as_of, compare_to) == (date(2026, 10, 31), date(2026, 9, 30))
    summary = customers.segment_summary(demo, FILTERS, as_of, compare_to)

    assert [x.value for x in at.title] == [t("customers_title", "en")]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "en") in headings for key in HEADINGS)
    shown = metrics(at)
    scored, before = int(summary["customers"].sum()), int(summary["customers_comparison"].sum())
    assert shown[t("customers_scored", "en")] == (count(scored), f"{scored - before:+,}")
    monetary = float(summary["monetary"].cast(float).sum())
    change = monetary - float(summary["monetary_comparison"].cast(float).sum())
    assert shown[t("customers_monetary", "en")] == (money(monetary), ("+" if change >= 0 else "") + money(change))
    risk = summary.filter(summary["segment"].is_in(customers.RISK_SEGMENTS))
    share = int(risk["customers"].sum()) / scored
    share_before = int(risk["customers_comparison"].sum()) / before
    assert shown[t("customers_risk_share", "en")] == (percent(share), points(share - share_before))
    at_risk = customers.strategic_at_risk(demo, FILTERS, as_of, None).height
    at_risk_before = customers.strategic_at_risk(demo, FILTERS, compare_to, None).height
    assert shown[t("customers_strategic_at_risk", "en")] == (count(at_risk), f"{at_risk - at_risk_before:+,}")
    # The page says which snapshot it shows and what it compares with.
    assert any("2026-10-31" in c.value and "2026-09-30" in c.value for c in at.caption)


def test_segment_table_and_grid_are_the_query_layers(open_page, demo) -> None:
    at = open_page(period="2026-10")
    summary = customers.segment_summary(demo, FILTERS)
    table = at.dataframe[0].value
    assert list(table[t("segment", "en")]) == [t(f"rfm_{s}", "en") for s in summary["segment"]]
    assert list(table[t("customers_measure_customers", "en")]) == summary["customers"].to_list()
    changes = (summary["customers"] - summary["customers_comparison"]).to_list()
    assert list(table[t("customers_change_customers", "en")]) == changes
    grid = customers.segment_grid(demo, FILTERS)
    heatmap = json.loads(charts(at)[0])["data"][0]
    # Rows are recency scores 5 … 1 from the top, columns FM scores 1 … 5; each cell names its segment and count.
    assert heatmap["y"] == ["5", "4", "3", "2", "1"] and heatmap["x"] == ["1", "2", "3", "4", "5"]
    for row in grid.iter_rows(named=True):
        cell = heatmap["text"][5 - row["r_score"]][row["fm_score"] - 1].replace("<br>", " ")
        assert cell == f"<b>{t('rfm_' + row['segment'], 'en')}</b> {count(row['customers'])}"


def test_a_short_period_inside_a_month_compares_with_the_month_end_before(open_page, demo) -> None:
    # The default biweekly period (2026-11-02 – 11-15) and the one before it both choose 2026-10-31.
    at = open_page()
    assert any(t("customers_compared_previous", "en", date="2026-09-30") in c.value for c in at.caption)
    assert at.selectbox(key="customers_migration_from_2026-09-30_2026-10-31").value == date(2026, 9, 30)
    assert at.selectbox(key="customers_migration_to_2026-09-30_2026-10-31").value == date(2026, 10, 31)
    scored = metrics(at)[t("customers_scored", "en")]
    summary = customers.segment_summary(demo, Filters(Period(date(2026, 11, 2), date(2026, 11, 15))), None)
    assert scored[0] == count(int(summary["customers"].sum()))
    assert scored[1] != ""


def test_a_comparison_period_before_the_first_rfm_snapshot_is_said(open_page, demo) -> None:
    first = demo.sql("select min(as_of) from dim_rfm_dates").fetchall()[0][0]
    at = open_page(period="2026-03", cmp="yoy")  # compared with March 2025, before the RFM history starts
    assert any(t("customers_comparison_before_data", "en", first=first.isoformat()) in c.value for c in at.caption)
    assert all(m.delta == "" for m in at.metric)


def test_migration_follows_the_two_dates(open_page, demo) -> None:
    at = open_page(period="2026-10")
    key = "customers_migration_from_2026-09-30_2026-10-31"
    at.selectbox(key=key).set_value(date(2026, 6, 30)).run()
    assert not at.exception
    migration = customers.segment_migration(demo, FILTERS, date(2026, 6, 30), date(2026, 10, 31))
    chart = next(c for c in charts(at) if "2026-06-30 → 2026-10-31" in c)
    for row in migration.iter_rows(named=True):
        assert count(row["customers"]) in chart
    assert migration["customers"].sum() == customers.segment_summary(demo, FILTERS)["customers"].sum() + (
        migration.filter(migration["to_segment"] == customers.NOT_SCORED)["customers"].sum()
    )


def test_customer_lists_are_the_query_layers(open_page, demo) -> None:
    at = open_page(period="2026-10")
    as_of = date(2026, 10, 31)
    expected = {
        "strategic_at_risk": customers.strategic_at_risk(demo, FILTERS, as_of, None),
        "repeat_loan_candidates": customers.repeat_loan_candidates(demo, FILTERS, as_of),
        "moved_into_risk": customers.moved_into_risk(demo, FILTERS, date(2026, 9, 30), as_of),
    }
    labels = [tab.label for tab in at.tabs]
    lists = [table.value for table in at.dataframe[-3:]]
    for (name, frame), label, shown in zip(expected.items(), labels, lists, strict=True):
        size = f"{frame.height}+" if frame.height >= customers.DEFAULT_LIST_LIMIT else str(frame.height)
        assert label == t(f"customers_list_{name}", "en", n=size)
        assert list(shown[t("customers_customer", "en")]) == frame["customer_id"].to_list()
    assert any(t("customers_list_strategic_about", "en", date="2026-10-31") == m.value for m in at.markdown)


def test_monetary_measure_switch(open_page, demo) -> None:
    at = open_page(period="2026-10")
    at.segmented_control(key="customers_measure").set_value("monetary").run()
    assert not at.exception
    grid = customers.segment_grid(demo, FILTERS)
    spec = charts(at)[0]
    assert t("customers_grid_title", "en", measure=t("customers_measure_monetary", "en")) in spec
    biggest = grid.sort("monetary", descending=True).row(0, named=True)
    assert money(biggest["monetary"]) in spec
    # The segment table beside the grid shows the same measure.
    summary = customers.segment_summary(demo, FILTERS)
    table = at.dataframe[0].value
    assert t("customers_measure_customers", "en") not in table.columns
    assert list(table[t("customers_measure_monetary", "en")]) == [money(v) for v in summary["monetary"]]


def test_chinese(open_page, demo) -> None:
    at = open_page(period="2026-10", lang="zh")
    assert [x.value for x in at.title] == ["客户"]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "zh") in headings for key in HEADINGS)
    summary = customers.segment_summary(demo, FILTERS)
    assert metrics(at)["评分客户数"][0] == count(int(summary["customers"].sum()))
    spec = charts(at)[0]
    assert "重要价值" in spec and "流失风险" in spec


def test_a_period_before_the_first_rfm_snapshot_shows_the_empty_state(open_page, demo) -> None:
    first = demo.sql("select min(as_of) from dim_rfm_dates").fetchall()[0][0]
    month = Period(date(first.year - 1, first.month, 1), date(first.year - 1, first.month, 28))
    assert customers.latest_as_of_on_or_before(demo, month.end) is None
    at = open_page(period=f"{month.start:%Y-%m}")
    assert [i.value for i in at.info] == [t("empty_selection", "en")]
    assert not at.metric
    assert not at.get("plotly_chart")


def test_every_customer_metric_has_a_chinese_definition_and_the_english_is_the_codes() -> None:
    for definition in customers.DEFINITIONS:
        for field in ("name", "numerator", "denominator", "rules"):
            english = getattr(definition, field)
            key = f"def_{definition.key}_{field}"
            if english:
                assert key in TEXT, key
                assert TEXT[key]["en"] == english, key
            else:
                assert key not in TEXT, key
