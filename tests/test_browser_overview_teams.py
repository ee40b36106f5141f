"""Overview and Teams in a real browser: the pages load and finish without an exception in both languages, the
Overview's tiles are readable on a 1024-pixel laptop with the sidebar open, and a click on a region's bar drills
into its teams, a team's into its account managers, an account manager's into their leads and loans, and the
breadcrumb returns to the regions. The drill is a filter: the URL and the sidebar name it, and it stays when
the user changes page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest
from playwright.sync_api import expect

from pipelines import periods
from pipelines.queries import teams
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters
from tests.conftest import screenshot, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator:
    failed_before = request.session.testsfailed
    running = start_streamlit(demo_warehouse, tmp_path_factory.mktemp("browser") / "streamlit.log")
    yield running
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def scorecards(demo_warehouse: Path) -> dict:
    """The query layer's regions, the largest region's teams and the largest team's officers (default period)."""
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        d = dimensions(con)
        period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
        regions = teams.scorecard(con, Filters(period), "region")
        region = regions["value"][0]
        region_teams = teams.scorecard(con, Filters(period, region_ids=(region,)), "team")
        team = region_teams["value"][0]
        officers = teams.scorecard(con, Filters(period, region_ids=(region,), team_ids=(team,)), "officer")
        return {"regions": regions, "region_teams": region_teams, "officers": officers}
    finally:
        con.close()


def settled(page) -> None:
    """The run has finished and every element has drawn (charts and KPI tiles load lazily behind skeletons)."""
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def url_param(page, name: str) -> str | None:
    query = unquote(page.evaluate("location.search"))
    for part in query.lstrip("?").split("&"):
        if part.startswith(f"{name}="):
            return part.removeprefix(f"{name}=")
    return None


def wait_for_param(page, name: str, present: bool = True) -> None:
    """Wait until the URL has (or no longer has) the filter parameter `name`."""
    check = f"new URLSearchParams(location.search).has('{name}')"
    page.wait_for_function(check if present else f"!{check}", timeout=30_000)


def expect_sidebar_choice(page, label: str, name: str) -> None:
    """The sidebar's multiselect labelled `label` shows `name` as a chosen value (a chip with its remove button)."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    expect(box.get_by_role("button", name=f"Remove {name}", exact=True)).to_be_visible()


def teams_chart(page):
    """The Teams bar chart: the page's first chart (the bridge of who moved the amount comes below it)."""
    return page.locator('[data-testid="stPlotlyChart"]').first


def expect_bars(page, names: list[str]) -> None:
    """The Teams chart's x axis shows exactly these categories, in order (waiting for the rerun to draw them)."""
    expect(teams_chart(page).locator(".xtick text")).to_have_text(names, timeout=30_000)


def click_first_bar(page) -> None:
    """Click the middle of the first bar, where a user would: Plotly's drag layer takes the click and
    finds the bar under it (the bar's SVG path itself never receives pointer events)."""
    bar = teams_chart(page).locator(".plotly .bars .point path").first
    expect(bar).to_be_visible()
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_overview_loads_with_its_twelve_tiles(server, page) -> None:
    page.goto(f"{server.url}/")
    settled(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="Overview", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(12)
    body = page.locator('[data-testid="stMain"]').inner_text()
    for label in ("Disbursed amount", "Target attainment", "Lead → disbursed conversion", "PAR30", "Repeat-loan rate"):
        assert label in body
    # The conversion tile's cohort line, amount against target, the funnel.
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(3)
    screenshot(page, "overview")


def test_overview_in_chinese(server, page) -> None:
    page.goto(f"{server.url}/?lang=zh")
    settled(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="总览", exact=True)).to_be_visible()
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "放款金额" in body and "批贷率" in body and "万" in body
    screenshot(page, "overview-zh")


def test_click_a_region_bar_then_back_with_the_breadcrumb(server, page, scorecards) -> None:
    regions, region_teams = scorecards["regions"], scorecards["region_teams"]
    page.goto(f"{server.url}/teams")
    settled(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="Teams", exact=True)).to_be_visible()
    expect_bars(page, regions["name"].to_list())
    screenshot(page, "teams-regions")

    # The largest region's bar comes first.
    click_first_bar(page)
    wait_for_param(page, "region")
    settled(page)
    no_exception(page)
    assert url_param(page, "region") == regions["value"][0]
    expect(teams_chart(page).locator(".gtitle")).to_contain_text(regions["name"][0])
    expect_bars(page, region_teams["name"].to_list())
    screenshot(page, "teams-region-drill")

    page.get_by_role("button", name="All regions").click()
    wait_for_param(page, "region", present=False)
    settled(page)
    no_exception(page)
    assert url_param(page, "region") is None
    expect(teams_chart(page).locator(".gtitle")).to_contain_text("by region")
    expect_bars(page, regions["name"].to_list())


def test_a_small_bar_is_as_easy_to_click(server, page, scorecards) -> None:
    regions = scorecards["regions"]
    page.goto(f"{server.url}/teams")
    settled(page)
    # The smallest region's bar is a sliver; clicking high up in its column still drills into it.
    column = teams_chart(page).locator(".plotly .bars").last.locator(".point path").last
    box = column.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.2)
    wait_for_param(page, "region")
    settled(page)
    no_exception(page)
    assert url_param(page, "region") == regions["value"][-1]


def test_drill_down_to_an_account_managers_leads_and_loans(server, page, scorecards) -> None:
    region_teams, officers = scorecards["region_teams"], scorecards["officers"]
    page.goto(f"{server.url}/teams?drill=region:{scorecards['regions']['value'][0]}")
    settled(page)
    click_first_bar(page)
    wait_for_param(page, "team")
    settled(page)
    no_exception(page)
    assert url_param(page, "team") == region_teams["value"][0]
    expect_bars(page, officers["name"].to_list())
    screenshot(page, "teams-team-drill")

    click_first_bar(page)
    wait_for_param(page, "officer")
    settled(page)
    no_exception(page)
    assert url_param(page, "officer") == officers["value"][0]
    expect(page.get_by_role("heading", name="Leads created in the period")).to_be_visible()
    expect(page.get_by_role("heading", name="Loans disbursed in the period")).to_be_visible()
    # Breadcrumbs: all regions › region › team › the account manager (current, not a link).
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("button", name=officers["name"][0], exact=True)).to_be_disabled()
    screenshot(page, "teams-officer")

    main.get_by_role("button", name=region_teams["name"][0], exact=True).click()
    wait_for_param(page, "officer", present=False)
    settled(page)
    expect_bars(page, officers["name"].to_list())


def test_teams_in_chinese_from_a_link(server, page, scorecards) -> None:
    region = scorecards["regions"]["value"][0]
    page.goto(f"{server.url}/teams?lang=zh&drill=region:{region}")
    settled(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="团队", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="全部区域")).to_be_visible()
    expect_bars(page, scorecards["region_teams"]["name"].to_list())
    screenshot(page, "teams-zh")


def test_a_drill_is_kept_on_another_page(server, page, scorecards) -> None:
    regions, region_teams = scorecards["regions"], scorecards["region_teams"]
    page.goto(f"{server.url}/teams")
    settled(page)
    click_first_bar(page)  # the largest region
    wait_for_param(page, "region")
    settled(page)
    expect_bars(page, region_teams["name"].to_list())
    click_first_bar(page)  # its largest team
    wait_for_param(page, "team")
    settled(page)
    no_exception(page)
    screenshot(page, "teams-drilled-to-a-team")

    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Credit quality").click()
    page.wait_for_function("location.pathname.endsWith('/credit')", timeout=30_000)
    settled(page)
    no_exception(page)
    expect(page.get_by_role("heading", name="Credit quality", exact=True)).to_be_visible()
    # The sidebar names the drilled region and team, and the URL carries them: the page shows that team.
    assert url_param(page, "region") == regions["value"][0]
    assert url_param(page, "team") == region_teams["value"][0]
    expect_sidebar_choice(page, "Region", regions["name"][0])
    expect_sidebar_choice(page, "Team", region_teams["name"][0])
    screenshot(page, "credit-after-a-drill")


def test_overview_tiles_are_readable_on_a_laptop(server, browser) -> None:
    """At 1024 × 768 with the sidebar open, no tile's value is cut short ("¥34.…"): fewer tiles to a row."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    try:
        for lang in ("en", "zh"):
            page.goto(f"{server.url}/?lang={lang}")
            settled(page)
            no_exception(page)
            expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
            expect(page.locator('[data-testid="stMetric"]')).to_have_count(12)
            cut = page.evaluate(
                """[...document.querySelectorAll('[data-testid="stMetricValue"] p')]
                   .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent)"""
            )
            assert cut == [], cut
            screenshot(page, f"overview-1024-{lang}")
    finally:
        context.close()
