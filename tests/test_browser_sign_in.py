"""Sign-in in a real browser (issue 9.5): a region head signs in with the form and sees only their region on
Teams; before that, no figure is drawn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import expect

from pipelines import periods
from pipelines.queries import teams
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters, Scope
from pipelines.retro.store import STORE_ENV
from pipelines.users import Users
from tests.conftest import screenshot, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator:
    folder = tmp_path_factory.mktemp("browser_sign_in")
    store = folder / "retro.sqlite"
    users = Users(store)
    users.add("ann", "admin", PASSWORD)
    users.add("rhea", "region_head", PASSWORD, region_ids=("R01",))
    failed_before = request.session.testsfailed
    running = start_streamlit(demo_warehouse, folder / "streamlit.log", env={STORE_ENV: str(store)})
    yield running, store
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    tab = context.new_page()
    yield tab
    context.close()


def own_regions(demo_warehouse: Path) -> list[str]:
    """The region scorecard as the query layer gives it to a head of R01 (default period)."""
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        d = dimensions(con)
        period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
        return teams.scorecard(con, Filters(period, scope=Scope(region_ids=("R01",))), "region")["name"].to_list()
    finally:
        con.close()


def test_a_region_head_signs_in_and_sees_only_their_region_on_teams(server, page, demo_warehouse: Path) -> None:
    running, store = server
    page.goto(f"{running.url}/teams")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    screenshot(page, "sign-in")

    page.get_by_label("User name").fill("rhea")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Teams", exact=True)).to_be_visible(timeout=60_000)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Signed in as rhea (region head)")
    names = own_regions(demo_warehouse)
    assert len(names) == 1
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".xtick text")).to_have_text(names, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    # No Data page for a region head.
    expect(page.locator('[data-testid="stSidebarNav"]')).not_to_contain_text("Data")
    screenshot(page, "teams-region-head")
    assert Users(store).audit_log()["event"].to_list()[0] == "sign_in"
