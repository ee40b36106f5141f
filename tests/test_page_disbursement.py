"""The Disbursement page on the small demo (AppTest): tiles equal to the query layer, targets, leaderboard, empty."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.queries import disbursement
from pipelines.queries.filters import Filters, Period
from tests.conftest import REPO
from ui import moved_view
from ui.format import count, days, money, percent
from ui.i18n import t

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
# November is still running on the as-of day (2026-11-20): it is compared like-for-like with 1–20 October.
OCTOBER_TO_20 = Period(date(2026, 10, 1), date(2026, 10, 20))
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
HEADINGS = ("volume_over_time", "disbursement_mix", "leaderboard")


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
        at.switch_page("pages/disbursement.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def leaderboard_shown(at: AppTest):
    """The leaderboard table (the mix table in its expander comes first, who moved the amount after it)."""
    return at.dataframe[1].value


def test_november_tiles_equal_the_query_layer(open_page, demo) -> None:
    # November 2026 is in progress on the as-of day (2026-11-20): pacing is shown.
    at = open_page(period="2026-11")
    filters = Filters(NOVEMBER, comparison=OCTOBER_TO_20)
    summary = disbursement.disbursement_summary(demo, filters).row(0, named=True)
    previous = disbursement.disbursement_summary(demo, filters.for_period(OCTOBER_TO_20)).row(0, named=True)

    assert [x.value for x in at.title] == ["Disbursement"]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "en") in headings for key in HEADINGS)
    shown = metrics(at)

    def relative(key: str) -> str:
        return f"{(float(summary[key]) / float(previous[key]) - 1) * 100:+.1f}%"

    def points(key: str) -> str:
        return f"{(summary[key] - previous[key]) * 100:+.1f} pp"

    assert shown[t("disbursed_amount", "en")] == (money(summary["amount"]), relative("amount"))
    assert shown[t("disbursed_count", "en")] == (count(summary["loans"]), relative("loans"))
    assert shown[t("average_ticket", "en")] == (money(summary["average_ticket"]), relative("average_ticket"))
    assert shown[t("attainment", "en")] == (percent(summary["attainment"]), points("attainment"))
    stretch = (percent(summary["stretch_attainment"]), points("stretch_attainment"))
    assert shown[t("stretch_attainment", "en")] == stretch
    assert summary["pacing"] is not None
    assert shown[t("pacing", "en")][0] == percent(summary["pacing"])
    assert shown[t("repeat_loan_rate", "en")] == (percent(summary["repeat_rate"]), points("repeat_rate"))
    cycle_change = f"{summary['conversion_cycle_days'] - previous['conversion_cycle_days']:+.1f} days"
    assert shown[t("conversion_cycle", "en")] == (days(summary["conversion_cycle_days"]), cycle_change)
    # The target next to the amount, the band on the attainment tile, the elapsed share on pacing.
    text = " ".join(captions(at))
    assert money(summary["base_target"]) in text and money(summary["stretch_target"]) in text
    assert f":red-badge[{t('band_red', 'en', red='80%')}]" in text  # 68% of target: red
    assert percent(summary["elapsed_share"]) in text
    assert t("targets_not_applicable", "en") not in text


def test_finished_period_has_no_pacing(open_page, demo) -> None:
    at = open_page(period="2026-10")
    summary = disbursement.disbursement_summary(demo, Filters(OCTOBER)).row(0, named=True)
    assert summary["period_complete"] and summary["pacing"] is None
    assert metrics(at)[t("pacing", "en")][0] == "—"
    assert t("pacing_period_complete", "en") in captions(at)


def test_officer_filter_has_no_target_and_says_so(open_page, demo) -> None:
    officer = demo.sql(
        "select officer_id from agg_disbursement_daily where disbursed_date between ? and ? "
        "group by 1 order by sum(amount) desc, 1 limit 1",
        params=[OCTOBER.start, OCTOBER.end],
    ).fetchall()[0][0]
    at = open_page(period="2026-10", officer=officer)
    summary = disbursement.disbursement_summary(
        demo, Filters(OCTOBER, comparison=Period(date(2026, 9, 1), date(2026, 9, 30)), officer_ids=(officer,))
    ).row(0, named=True)
    shown = metrics(at)
    assert shown[t("disbursed_amount", "en")][0] == money(summary["amount"])
    assert summary["attainment"] is None
    # Empty, never 0%.
    assert shown[t("attainment", "en")] == ("—", "")
    assert shown[t("stretch_attainment", "en")] == ("—", "")
    assert t("targets_not_applicable", "en") in captions(at)


def test_leaderboard_is_the_query_layers(open_page, demo) -> None:
    at = open_page(period="2026-10")
    filters = Filters(OCTOBER, comparison=Period(date(2026, 9, 1), date(2026, 9, 30)))
    board = disbursement.leaderboard(demo, filters, "region")
    table = leaderboard_shown(at)
    assert list(table["name"]) == board["name"].to_list()
    assert [round(v, 2) for v in table["amount"]] == [float(v) for v in board["amount"]]
    assert [round(v, 6) for v in table["attainment"]] == [round(v * 100, 6) for v in board["attainment"]]

    at.segmented_control(key="disbursement_leaderboard_level").set_value("officer").run()
    assert not at.exception
    board = disbursement.leaderboard(demo, filters, "officer")
    table = leaderboard_shown(at)
    assert list(table["name"]) == board["name"].to_list()
    assert "attainment" not in table.columns  # account managers have no targets of their own
    assert t("officer_no_target", "en") in captions(at)


def test_mix_and_grain_switches(open_page, demo) -> None:
    at = open_page(period="2026-10")
    filters = Filters(OCTOBER, comparison=Period(date(2026, 9, 1), date(2026, 9, 30)))
    at.segmented_control(key="disbursement_mix_by").set_value("channel").run()
    at.segmented_control(key="disbursement_grain").set_value("week").run()
    at.segmented_control(key="disbursement_volume_view").set_value("cumulative").run()
    assert not at.exception
    mix = disbursement.disbursement_mix(demo, filters, "channel")
    charts = at.get("plotly_chart")
    for name in mix["value_name"]:
        assert name in charts[1].proto.spec
    series = disbursement.disbursement_series(demo, filters, "week")
    assert len(series) == 5  # Oct 1–4, then four weeks from Monday
    assert str(float(series["cumulative_amount"][-1])).rstrip("0").rstrip(".") in charts[0].proto.spec


def test_chinese(open_page, demo) -> None:
    at = open_page(period="2026-10", lang="zh")
    assert [x.value for x in at.title] == ["放款"]
    summary = disbursement.disbursement_summary(demo, Filters(OCTOBER)).row(0, named=True)
    assert metrics(at)["放款金额"][0] == money(summary["amount"], "zh")
    assert metrics(at)["件均金额"][0] == money(summary["average_ticket"], "zh")


def test_a_period_without_loans_shows_the_empty_state(open_page, demo) -> None:
    anchor = demo.sql("select biweekly_anchor_monday from cfg_params").fetchall()[0][0]
    # The demo's leads start a few days before its first loan: the first week has none.
    first_day = demo.sql("select min(created_date) from fct_leads").fetchall()[0][0]
    week = periods.containing("week", first_day, anchor)
    assert disbursement.disbursement_summary(demo, Filters(week)).row(0, named=True)["loans"] == 0
    at = open_page(period=periods.to_text("week", week))
    assert [i.value for i in at.info] == [t("empty_selection", "en")]
    assert not at.metric
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("link", ["2020-01-01..2020-01-31", "2026-01-01..2027-12-31", "2019-03"])
def test_a_link_with_a_period_outside_the_data_is_ignored_with_a_notice(demo_warehouse, monkeypatch, link) -> None:
    # Before the fix, a date range outside [first day, as-of] made the filter bar's date input raise.
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["period"] = link
    at.switch_page("pages/disbursement.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(link in w.value for w in at.warning)
    assert at.title[0].value == "Disbursement"


def test_a_drill_link_ranks_the_regions_teams_with_breadcrumbs(open_page, demo) -> None:
    at = open_page(period="2026-10", drill="region:R01")
    filters = Filters(OCTOBER, comparison=Period(date(2026, 9, 1), date(2026, 9, 30)), region_ids=("R01",))
    board = disbursement.leaderboard(demo, filters, "team")
    table = leaderboard_shown(at)
    assert list(table["name"]) == board["name"].to_list()
    assert set(board["region_id"]) == {"R01"}
    # Breadcrumbs: back to all regions, the region itself as the current (disabled) crumb.
    crumbs = [b for b in at.button if b.key and b.key.startswith("crumb_")]
    assert [b.label for b in crumbs] == [t("teams_all_regions", "en"), "East China"]
    assert t("leaderboard_click_team", "en") in captions(at)
    # The drill is a filter: the tiles above show the drilled region, the URL names it.
    summary = disbursement.disbursement_summary(demo, Filters(OCTOBER, region_ids=("R01",))).row(0, named=True)
    assert metrics(at)[t("disbursed_amount", "en")][0] == money(summary["amount"])
    assert at.query_params["region"] == "R01" and "drill" not in at.query_params

    crumbs[0].click().run()
    assert not at.exception
    assert "drill" not in at.query_params and "region" not in at.query_params
    assert (
        list(leaderboard_shown(at)["name"])
        == disbursement.leaderboard(demo, Filters(OCTOBER), "region")["name"].to_list()
    )


# -- Who moved the amount ------------------------------------------------------------------------------------------


def moved_shown(at: AppTest):
    """The table of who moved the amount (the page's last table)."""
    return at.dataframe[-1].value


def bridge(at: AppTest) -> dict:
    """The waterfall trace of the bridge chart, as the browser gets it."""
    traces = [json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")]
    return next(trace for trace in traces if trace["type"] == "waterfall")


def test_who_moved_the_amount_is_the_query_layers(open_page, demo) -> None:
    at = open_page(period="2026-10")
    filters = Filters(OCTOBER, comparison=Period(date(2026, 9, 1), date(2026, 9, 30)))
    changes = disbursement.amount_change_by(demo, filters, "region")
    assert t("moved", "en") in [x.value for x in at.subheader]
    table = moved_shown(at)
    assert list(table.columns) == ["rank", "name", "amount", "previous_amount", "change", "share_of_change"]
    # Largest change either way first, display names, the same amounts, changes and shares.
    assert list(table["name"]) == changes["name"].to_list()
    assert [round(v, 2) for v in table["change"]] == [float(v) for v in changes["change"]]
    assert [round(v, 2) for v in table["previous_amount"]] == [float(v) for v in changes["previous_amount"]]
    assert list(table["share_of_change"]) == pytest.approx([v * 100 for v in changes["share_of_change"]])
    assert abs(table["change"]).is_monotonic_decreasing
    # The bridge: comparison total, the regions (seven, no "others"), the period's total; its parts add up to the
    # total change to the cent.
    trace = bridge(at)
    assert trace["measure"] == ["absolute", *["relative"] * changes.height, "total"]
    cents = [round(Decimal(str(v)) * 100) for v in trace["y"]]
    assert sum(cents[1:-1]) == cents[-1] - cents[0]
    total = disbursement.disbursement_summary(demo, filters)["amount"][0]
    before = disbursement.disbursement_summary(demo, filters.for_period(filters.comparison))["amount"][0]
    assert (cents[0], cents[-1]) == (round(before * 100), round(total * 100))
    assert [c[0] for c in trace["customdata"][1:-1]] == changes["value"].to_list()
    # The summary line names the largest mover with its share.
    top = changes.row(0, named=True)
    line = next(m.value for m in at.markdown if "→" in m.value)
    assert f"**{top['name']}**" in line and percent(top["share_of_change"]) in line
    assert t("moved_click_region", "en") in captions(at)


def test_who_moved_by_product_line_in_chinese(open_page, demo) -> None:
    at = open_page(period="2026-10", lang="zh")
    at.segmented_control(key="disbursement_moved_by_all").set_value("product_line").run()
    assert not at.exception
    filters = Filters(OCTOBER, comparison=Period(date(2026, 9, 1), date(2026, 9, 30)))
    changes = disbursement.amount_change_by(demo, filters, "product_line")
    # Display names in the interface language, never the keys; a product line is not a level to drill into.
    assert list(moved_shown(at)["name"]) == [t(f"product_line_{v}", "zh") for v in changes["value"]]
    assert t("moved_click_region", "zh") not in captions(at)
    assert "放款金额变化的来源" in [x.value for x in at.subheader]


def test_without_a_comparison_only_the_amounts(open_page, demo) -> None:
    at = open_page(period="2026-10", cmp="none")
    assert t("moved_no_comparison", "en") in captions(at)
    table = moved_shown(at)
    assert list(table.columns) == ["rank", "name", "amount", "loans"]
    changes = disbursement.amount_change_by(demo, Filters(OCTOBER), "region")
    assert list(table["name"]) == changes["name"].to_list()  # largest amount first
    assert not any(json.loads(c.proto.spec)["data"][0]["type"] == "waterfall" for c in at.get("plotly_chart"))


def test_a_bar_of_the_bridge_drills_into_its_region(open_page, demo) -> None:
    at = open_page(period="2026-10")
    trace = bridge(at)
    # A click on the first region's bar, as the browser reports it (the point's index and its customdata).
    point = {"point_index": 1, "customdata": trace["customdata"][1]}
    steps = disbursement.amount_bridge(
        disbursement.amount_change_by(demo, Filters(OCTOBER, comparison=SEPTEMBER), "region")
    )
    event = SimpleNamespace(selection=SimpleNamespace(points=[point]))
    region = moved_view.clicked(event, steps)
    assert region == steps["value"][1]
    # The totals and the others are not members: nothing to drill into.
    assert moved_view.clicked(SimpleNamespace(selection=SimpleNamespace(points=[{"point_index": 0}])), steps) is None

    # The drill the click sets: the region's teams, split the same way, with breadcrumbs.
    at = open_page(period="2026-10", drill=f"region:{region}")
    filters = Filters(OCTOBER, comparison=SEPTEMBER, region_ids=(region,))
    teams = disbursement.amount_change_by(demo, filters, "team")
    assert at.segmented_control(key=f"disbursement_moved_by_region:{region}").value == "team"
    assert list(moved_shown(at)["name"]) == teams["name"].to_list()
    assert set(teams["region_id"]) == {region}
    cents = [round(Decimal(str(v)) * 100) for v in bridge(at)["y"]]
    assert sum(cents[1:-1]) == cents[-1] - cents[0]
    assert t("moved_click_team", "en") in captions(at)
