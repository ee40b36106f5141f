"""The Credit quality page on the small demo (AppTest): headings, tiles equal to the query layer, figures that
reconcile with it, the balance/count switch, the vintage selector, the early-warning table, the empty state."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.queries import credit
from pipelines.queries.filters import Filters, Period
from tests.conftest import REPO
from ui import credit_view as view
from ui.format import count, money, percent, points
from ui.i18n import TEXT, t

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
FILTERS = Filters(OCTOBER, comparison=SEPTEMBER)
HEADINGS = ("credit_trend_heading", "credit_mix_heading", "credit_vintage_heading", "credit_roll_heading")
RATIOS = ("overdue_rate", "par30", "par90", "npl_ratio")


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
        at.switch_page("pages/credit.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def decoded(value):
    """Plotly writes numeric arrays as base64 typed arrays ({"dtype", "bdata", "shape"}): back to lists."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, dict):
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def figures(at: AppTest) -> dict[str, dict]:
    """Each chart's plotly spec (arrays decoded) by its title text."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = decoded(json.loads(chart.proto.spec))
        out[spec["layout"]["title"]["text"]] = spec
    return out


def signed_money(value: float) -> str:
    return ("+" if value >= 0 else "") + money(value, "en")


def test_october_tiles_equal_the_query_layer(open_page, demo) -> None:
    at = open_page(period="2026-10")
    at_end = {row["metric"]: row for row in credit.credit_at_period_end(demo, FILTERS).iter_rows(named=True)}
    assert at_end["balance"]["snapshot_date"] == date(2026, 10, 31)
    assert at_end["balance"]["comparison_snapshot_date"] == date(2026, 9, 30)

    assert [x.value for x in at.title] == [t("credit_title", "en")]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "en") in headings for key in (*HEADINGS, "early_warning"))
    shown = metrics(at)
    balance = at_end["balance"]
    assert shown[t("outstanding_balance", "en")] == (money(balance["value"]), signed_money(balance["change"]))
    for key in RATIOS:
        assert shown[t(key, "en")] == (percent(at_end[key]["value"]), points(at_end[key]["change"]))
    writeoffs = {row["period"]: row for row in credit.writeoffs(demo, FILTERS).iter_rows(named=True)}
    now, before = float(writeoffs["current"]["written_off_principal"]), writeoffs["comparison"]["written_off_principal"]
    assert shown[t("credit_writeoffs_in_period", "en")] == (money(now), signed_money(now - float(before)))
    assert any("2026-10-31" in c.value and "2026-09-30" in c.value for c in at.caption)


def test_count_basis_shows_active_loans_and_ratios_by_count(open_page, demo) -> None:
    at = open_page(period="2026-10")
    at.segmented_control(key="credit_basis").set_value("count").run()
    assert not at.exception
    at_end = {row["metric"]: row for row in credit.credit_at_period_end(demo, FILTERS).iter_rows(named=True)}
    shown = metrics(at)
    assert shown[t("credit_active_loans", "en")][0] == count(at_end["active_loans"]["value"])
    for key in RATIOS:
        label = t(key, "en") + t("credit_by_count_suffix", "en")
        assert shown[label][0] == percent(at_end[f"{key}_by_count"]["value"])
    loans = credit.writeoffs(demo, FILTERS).filter(credit.pl.col("period") == "current")["loans"][0]
    assert shown[t("credit_writeoffs_in_period", "en") + t("credit_loans_suffix", "en")][0] == count(loans)


def test_a_biweekly_period_shows_the_change_since_the_one_before(open_page, demo) -> None:
    # The default biweekly period (2026-11-02 – 11-15) ends at its own snapshot, the Sunday 11-15; the one
    # before it (10-19 – 11-01) at the Sunday 11-01.
    at = open_page()
    biweekly = Filters(
        Period(date(2026, 11, 2), date(2026, 11, 15)), comparison=Period(date(2026, 10, 19), date(2026, 11, 1))
    )
    at_end = {row["metric"]: row for row in credit.credit_at_period_end(demo, biweekly).iter_rows(named=True)}
    assert (at_end["par30"]["snapshot_date"], at_end["par30"]["comparison_snapshot_date"]) == (
        date(2026, 11, 15),
        date(2026, 11, 1),
    )
    shown = metrics(at)
    for key in RATIOS:
        assert shown[t(key, "en")] == (percent(at_end[key]["value"]), points(at_end[key]["change"])), key
    # A real change in the demo: the overdue rate, PAR30 and the balance moved within the month.
    assert at_end["overdue_rate"]["change"] != 0 and at_end["par30"]["change"] != 0
    assert at_end["balance"]["change"] != 0
    caption = t("credit_snapshot_caption", "en", date="2026-11-15", kind=t("credit_snapshot_biweekly_end", "en"))
    assert any(caption in c.value for c in at.caption)
    assert any(t("credit_compared_with", "en", date="2026-11-01") in c.value for c in at.caption)


def test_a_short_period_between_snapshots_says_there_is_no_change(open_page) -> None:
    # 11-03 – 11-05 and the three days before it (10-31 – 11-02) both end at the Sunday 11-01's snapshot.
    at = open_page(period="2026-11-03..2026-11-05")
    shown = metrics(at)
    assert all(shown[t(key, "en")][1] == "" for key in RATIOS)
    assert any(t("credit_same_snapshot", "en", date="2026-11-01") in c.value for c in at.caption)


def test_a_comparison_period_before_the_first_snapshot_is_said(open_page) -> None:
    at = open_page(period="2025-02", cmp="yoy")
    # Every tile says so in place of a change (February 2024 is before the first loan and the first snapshot).
    assert all(m.delta == t("no_comparable_data", "en") for m in at.metric)
    assert any(t("credit_comparison_before_data", "en") in c.value for c in at.caption)


def test_ratio_trend_and_mixes_are_the_query_layers(open_page, demo) -> None:
    at = open_page(period="2026-10")
    charts = figures(at)
    trend = charts[t("credit_ratio_trend_title", "en")]
    series = credit.credit_series(demo, FILTERS)
    by_name = {trace["name"]: trace for trace in trend["data"]}
    for key in RATIOS:
        assert by_name[t(key, "en")]["y"] == pytest.approx(series[key].to_list(), nan_ok=True)
    # Every snapshot date is a point; the month-end series (month-ends and the as-of date) has the large
    # markers, the biweekly ends between them the small ones.
    on_series = [bool(m or a) for m, a in zip(series["is_month_end"], series["is_as_of"], strict=True)]
    assert 0 < sum(on_series) < len(on_series)
    sizes = by_name[t("overdue_rate", "en")]["marker"]["size"]
    assert sizes == [view.SERIES_MARKER if s else view.BIWEEKLY_MARKER for s in on_series]
    assert any(t("credit_trend_points", "en") in c.value for c in at.caption)
    mix = charts[t("credit_bucket_mix_title", "en")]
    expected = credit.bucket_mix_series(demo, FILTERS, m4_plus=True)
    assert [trace["name"] for trace in mix["data"]] == ["M1", "M2", "M3", "M4+"]
    m4 = expected.filter(expected["dpd_bucket"] == "M4+")
    assert next(tr for tr in mix["data"] if tr["name"] == "M4+")["y"] == pytest.approx(m4["balance_share"].to_list())
    tiers = charts[t("credit_five_tier_title", "en")]
    assert [trace["name"] for trace in tiers["data"]] == [
        t(f"five_tier_{k}", "en") for k in ("special_mention", "substandard", "doubtful", "loss")
    ]


def test_vintage_triangle_cells_are_the_query_layers_and_follow_the_selector(open_page, demo) -> None:
    at = open_page(period="2026-10")
    for threshold in (30, 90):
        if threshold != 30:
            at.segmented_control(key="credit_vintage_threshold").set_value(threshold).run()
            assert not at.exception
        title = t("credit_vintage_triangle_title", "en", threshold=threshold)
        heatmap = figures(at)[title]["data"][0]
        triangle = credit.vintage_triangle(demo, FILTERS, threshold)
        assert heatmap["y"] == [v.strftime("%Y-%m") for v in triangle["vintage_month"]]
        mobs = [c for c in triangle.columns if c not in ("vintage_month", "principal")]
        assert heatmap["x"] == mobs
        for i, row in enumerate(triangle.iter_rows(named=True)):
            assert heatmap["z"][i] == pytest.approx([row[m] for m in mobs], nan_ok=True)
        assert t("credit_vintage_curves_title", "en", threshold=threshold) in figures(at)


def test_roll_rate_matrix_rows_sum_to_one_and_equal_the_query_layer(open_page, demo) -> None:
    at = open_page(period="2026-10")
    heatmap = figures(at)[t("credit_roll_matrix_title", "en")]["data"][0]
    roll = credit.roll_rate_matrix(demo, FILTERS)
    assert [y.split(" · ")[0] for y in heatmap["y"]] == roll.matrix["from_bucket"].to_list()
    for i, row in enumerate(roll.matrix.iter_rows(named=True)):
        assert heatmap["z"][i] == pytest.approx([row[s] for s in roll.states])
        assert sum(heatmap["z"][i]) == pytest.approx(1.0)
    assert any("2026-09-30 → 2026-10-31" in c.value for c in at.caption)


def test_early_warning_table_lists_the_flagged_values(open_page, demo) -> None:
    at = open_page(period="2026-10")
    flags = credit.early_warning(demo, FILTERS)
    flagged = flags.filter(flags["flagged"])
    assert flagged.height > 0  # the demo plants a region whose delinquency rises
    table = at.dataframe[-1].value
    assert list(table[t("credit_ew_value", "en")]) == [
        t(f"product_line_{v}", "en") if d == "product_line" else n
        for d, v, n in zip(flagged["dimension"], flagged["dimension_value"], flagged["dimension_name"], strict=True)
    ]
    assert list(table[t("overdue_rate", "en") + " (%)"]) == pytest.approx(
        [round(v * 100, 2) for v in flagged["overdue_rate"]]
    )
    # Listed by money at risk: the overdue balance above the threshold, largest first.
    at_risk = list(table[t("credit_ew_above_threshold", "en")])
    assert at_risk == pytest.approx(flagged["overdue_above_threshold"].to_list(), abs=0.01)
    assert at_risk == sorted(at_risk, reverse=True)
    at.toggle(key="credit_ew_flagged_only").set_value(False).run()
    assert len(at.dataframe[-1].value) == flags.height


def test_region_filter_from_the_link(open_page, demo) -> None:
    at = open_page(period="2026-10", region="R01")
    at_end = credit.credit_at_period_end(demo, Filters(OCTOBER, comparison=SEPTEMBER, region_ids=("R01",)))
    overdue = at_end.filter(at_end["metric"] == "overdue_rate")["value"][0]
    assert metrics(at)[t("overdue_rate", "en")][0] == percent(overdue)


def test_chinese(open_page, demo) -> None:
    at = open_page(period="2026-10", lang="zh")
    assert [x.value for x in at.title] == ["资产质量"]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "zh") in headings for key in (*HEADINGS, "early_warning"))
    balance = credit.credit_at_period_end(demo, FILTERS).row(0, named=True)["value"]
    assert metrics(at)["贷款余额"][0] == money(balance, "zh")
    assert "不良率" in metrics(at)


def test_a_period_before_the_first_snapshot_shows_the_empty_state(open_page, demo) -> None:
    # The data starts with the first lead, before the first loan; the snapshot dates start with the
    # first day of the first disbursement month, so the biweekly Sunday before the first loan is a
    # snapshot with nothing on the books.
    first_loan = demo.sql("select min(disbursed_date) from fct_loans").fetchall()[0][0]
    first_lead = demo.sql("select min(created_date) from fct_leads").fetchall()[0][0]
    assert first_lead < first_loan
    day = Period(first_lead, first_lead)
    snapshot = credit.snapshot_on_or_before(demo, day.end)
    assert snapshot is None or snapshot < first_loan  # nothing to measure yet
    assert credit.credit_snapshot(demo, Filters(day), snapshot)["balance"][0] == 0
    at = open_page(period=periods.to_text("range", day))
    assert [i.value for i in at.info] == [t("empty_selection", "en")]
    assert not at.metric
    assert not at.get("plotly_chart")


def test_a_filter_that_matches_no_loan_shows_the_empty_state(open_page, demo) -> None:
    idle = demo.sql(
        "select officer_id from stg_officers where officer_id not in (select officer_id from fct_loans) "
        "order by officer_id limit 1"
    ).fetchall()
    if not idle:
        pytest.skip("every account manager of the demo has a loan")
    at = open_page(period="2026-10", officer=idle[0][0])
    assert [i.value for i in at.info] == [t("empty_selection", "en")]
    assert not at.get("plotly_chart")


def test_every_credit_metric_has_a_chinese_definition_and_the_english_is_the_codes() -> None:
    for definition in credit.DEFINITIONS:
        for field in ("name", "numerator", "denominator", "rules"):
            english = getattr(definition, field)
            key = f"def_{definition.key}_{field}"
            if english:
                assert key in TEXT, key
                # The popover shows the table's English: it must say what the code's definition says.
                assert TEXT[key]["en"] == english, key
            else:
                assert key not in TEXT, key
