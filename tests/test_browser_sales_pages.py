"""The Funnel and Disbursement pages in a real browser: they load in both languages, and a link reopens a view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from pipelines import periods
from pipelines.queries import disbursement, funnel, overview
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters, Period
from tests.conftest import screenshot, start_streamlit, stop_streamlit, wait_for_app
from ui.format import count, days, money, percent
from ui.i18n import t

pytestmark = pytest.mark.browser

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
# Tall enough that a screenshot holds the whole page (the main area scrolls inside the window).
VIEWPORT = {"width": 1400, "height": 4200}


@pytest.fixture(scope="module")
def server(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator:
    folder = tmp_path_factory.mktemp("sales-browser")
    failed_before = request.session.testsfailed
    running = start_streamlit(demo_warehouse, folder / "streamlit.log")
    yield running
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


@pytest.fixture(scope="module")
def demo(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    yield tab
    context.close()


def open_and_wait(page, url: str) -> None:
    """Open the page and wait for its run to end and every chart to be drawn."""
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function(
        """() => {
            const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            return charts.length > 0 && charts.every(c => c.querySelector('.main-svg'));
        }""",
        timeout=60_000,
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def leaderboard_table(page):
    """The leaderboard's table: the one before who moved the amount's, the page's last."""
    tables = page.locator('[data-testid="stDataFrame"]')
    return tables.nth(tables.count() - 2)


def tiles(page) -> dict[str, str]:
    """KPI tiles on the page: label → value."""
    out = {}
    for tile in page.locator('[data-testid="stMetric"]').all():
        label = tile.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        out[label] = tile.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_funnel_page_loads(server, page, demo, lang: str) -> None:
    open_and_wait(page, f"{server.url}/funnel?period=2026-10&lang={lang}")
    expect(page.get_by_role("heading", name=t("funnel_title", lang), exact=True)).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    for key in ("funnel_stages", "funnel_breakdown", "conversion_trend", "time_to_convert", "dropped_leads"):
        expect(main).to_contain_text(t(key, lang))
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(7, timeout=30_000)
    stages = funnel.funnel_by_stage(demo, Filters(OCTOBER, comparison=SEPTEMBER))
    assert tiles(page)[t("new_leads", lang)] == count(stages["reached"][0])
    expect(page.locator('[data-testid="stDataFrame"]').last).to_be_visible()
    screenshot(page, f"funnel-page-{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_disbursement_page_loads(server, page, demo, lang: str) -> None:
    open_and_wait(page, f"{server.url}/disbursement?period=2026-11&lang={lang}")
    expect(page.get_by_role("heading", name=t("disbursement_title", lang), exact=True)).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    for key in ("volume_over_time", "disbursement_mix", "leaderboard", "moved"):
        expect(main).to_contain_text(t(key, lang))
    # Volume, mix (amount and ticket), leaderboard, and the bridge of who moved the amount.
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(5, timeout=30_000)
    summary = disbursement.disbursement_summary(demo, Filters(Period(date(2026, 11, 1), date(2026, 11, 30))))
    assert tiles(page)[t("disbursed_amount", lang)] == money(summary["amount"][0], lang)
    screenshot(page, f"disbursement-page-{lang}")


def test_a_link_with_filters_reopens_the_same_view(server, page, demo) -> None:
    open_and_wait(page, f"{server.url}/disbursement?period=2026-10&region=R01&lang=zh")
    sidebar = page.locator('[data-testid="stSidebar"]')
    # The sidebar shows the link's filters: the month, East China, Chinese.
    expect(sidebar.get_by_role("combobox", name=t("period_kind", "zh"), exact=True)).to_have_value(
        t("period_kind_month", "zh")
    )
    expect(sidebar.get_by_role("combobox", name=t("period", "zh"), exact=True)).to_have_value(
        "2026-10 (2026-10-01 – 2026-10-31)"
    )
    expect(sidebar.get_by_role("combobox", name=t("compare_with", "zh"), exact=True)).to_have_value(t("cmp_prev", "zh"))
    region_name = demo.sql("select region_name from stg_regions where region_id = 'R01'").fetchall()[0][0]
    region_filter = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text=t("region", "zh"))
    expect(region_filter).to_contain_text(region_name)
    expect(page.get_by_role("heading", name="放款", exact=True)).to_be_visible()

    filters = Filters(OCTOBER, comparison=SEPTEMBER, region_ids=("R01",))
    summary = disbursement.disbursement_summary(demo, filters).row(0, named=True)
    shown = tiles(page)
    assert shown["放款金额"] == money(summary["amount"], "zh")
    assert shown["放款笔数"] == count(summary["loans"])
    assert shown["件均金额"] == money(summary["average_ticket"], "zh")
    assert shown["目标达成率"] == percent(summary["attainment"])
    assert shown["冲刺目标达成率"] == percent(summary["stretch_attainment"])
    assert shown["复贷率"] == percent(summary["repeat_rate"])
    assert shown["转化周期"] == days(summary["conversion_cycle_days"], "zh")
    # The URL still holds the view after the run.
    assert all(part in page.url for part in ("period=2026-10", "region=R01", "lang=zh"))
    screenshot(page, "disbursement-link-r01-zh")


def test_switching_language_changes_the_labels(server, page) -> None:
    open_and_wait(page, f"{server.url}/funnel?period=2026-10")
    expect(page.get_by_role("heading", name="Funnel", exact=True)).to_be_visible()
    page.locator('[data-testid="stSidebar"]').get_by_text("简体中文", exact=True).click()
    expect(page.get_by_role("heading", name="销售漏斗", exact=True)).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(t("funnel_stages", "zh"))
    assert "lang=zh" in page.url and "period=2026-10" in page.url


def test_a_click_on_a_region_bar_drills_into_its_teams_and_the_breadcrumb_returns(server, page, demo) -> None:
    open_and_wait(page, f"{server.url}/disbursement?period=2026-10")
    filters = Filters(OCTOBER, comparison=SEPTEMBER)
    regions = disbursement.leaderboard(demo, filters, "region")
    leaderboard = page.locator('[data-testid="stPlotlyChart"]').nth(3)
    # The first bar is the region with the largest amount.
    leaderboard.locator("g.trace.bars g.point path").first.click(force=True)
    top_region = regions["value"][0]
    # The drill is a filter: the region is in the URL (and the sidebar), for every page.
    page.wait_for_url(f"**region={top_region}**", timeout=30_000)
    wait_for_app(page)
    teams = disbursement.leaderboard(demo, Filters(OCTOBER, comparison=SEPTEMBER, region_ids=(top_region,)), "team")
    table = leaderboard_table(page)
    for name in teams["name"]:
        expect(table).to_contain_text(name)
    expect(page.get_by_role("button", name=t("teams_all_regions", "en"))).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "disbursement-drill-region")

    page.get_by_role("button", name=t("teams_all_regions", "en")).click()
    page.wait_for_function("!new URLSearchParams(window.location.search).has('region')", timeout=30_000)
    wait_for_app(page)
    expect(leaderboard_table(page)).to_contain_text(regions["name"][-1])
    assert "period=2026-10" in page.url


def test_a_click_on_a_bar_of_the_bridge_drills_into_that_region(server, page, demo) -> None:
    open_and_wait(page, f"{server.url}/disbursement?period=2026-10")
    changes = disbursement.amount_change_by(demo, Filters(OCTOBER, comparison=SEPTEMBER), "region")
    bridge = page.locator('[data-testid="stPlotlyChart"]').last
    bridge.scroll_into_view_if_needed()
    # Bar 0 is the comparison total; bar 1 the region that moved the amount most, either way.
    bridge.locator(".waterfalllayer .point path").nth(1).click(force=True)
    region = changes["value"][0]
    page.wait_for_url(f"**region={region}**", timeout=30_000)
    wait_for_app(page)
    teams = disbursement.amount_change_by(demo, Filters(OCTOBER, comparison=SEPTEMBER, region_ids=(region,)), "team")
    table = page.locator('[data-testid="stDataFrame"]').last
    for name in teams["name"]:
        expect(table).to_contain_text(name)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "disbursement-bridge-drill")


def test_the_default_view_raises_no_alarm_from_cohorts_still_converting(server, page, demo) -> None:
    # The default view: the last complete biweekly period against the one before. Its cohort is days old,
    # so conversion and stage losses are compared with the previous cohort at the same age (SPEC §4.1).
    d = dimensions(demo)
    period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
    filters = Filters(period, comparison=periods.shift("biweekly", period, -1, d.biweekly_anchor_monday))
    stages = funnel.funnel_by_stage(demo, filters)
    assert stages["cohort_complete"][0] is False and stages["comparison_age_matched"][0] is True
    same_age = t("compared_same_age", "en", day=f"{stages['comparison_as_of'][0]:%Y-%m-%d}")
    conversion = overview.core_indicators(demo, filters).row(5, named=True)
    assert conversion["indicator"] == "lead_to_disbursed_conversion"

    open_and_wait(page, f"{server.url}/?lang=en")
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(same_age)
    tile = page.locator('[data-testid="stMetric"]').filter(has_text=t("lead_to_disbursed", "en"))
    expect(tile.locator('[data-testid="stMetricDelta"]')).to_have_text(f"{conversion['change'] * 100:+.1f} pp")
    # Not red: at the same age this cohort converts no worse than the previous one.
    assert conversion["change"] >= 0
    expect(tile.locator('[data-testid="stMetricDeltaIcon-Down"]')).to_have_count(0)
    screenshot(page, "overview-default-same-age")

    open_and_wait(page, f"{server.url}/funnel?lang=en")
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text(same_age)
    expect(main).to_contain_text(t("no_flagged_stages_converting", "en"))
    expect(main).to_contain_text(t("threshold_not_applied", "en"))
    assert not stages["flagged"].any()
    expect(
        page.locator('[data-testid="stAlertContentWarning"]').filter(has_text=t("flagged_stages", "en"))
    ).to_have_count(0)
    # Seven figures: the tile's cohort line, stages, heatmap, conversion by region, who moved it, trend, time.
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(7, timeout=30_000)
    screenshot(page, "funnel-default-same-age")
