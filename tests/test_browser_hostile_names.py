"""Hostile names in a real browser: every page, filtered and drilled to the regions, teams and account managers whose
names are Markdown, HTML, LaTeX or formulas, shows them as text, and no page requests anything from outside the
machine (every request is intercepted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import screenshot, start_streamlit, stop_streamlit, wait_for_app
from tests.hostile import NAMES, TRACKER, hostile_source

pytestmark = pytest.mark.browser

REGIONS = NAMES[("regions", "region_id", "region_name")]
TEAMS = NAMES[("teams", "team_id", "team_name")]
OFFICERS = NAMES[("officers", "officer_id", "officer_name")]

# Every page, for the company and drilled to the hostile region → team → account manager.
VIEWS = [
    "overview?region=R01",
    "funnel?region=R01&team=T001",
    "disbursement?region=R01",
    "credit?region=R01&team=T001",
    "customers?region=R01",
    "teams?region=R01",
    "teams?region=R01&team=T001",
    "teams?region=R01&team=T001&officer=O0001",
    "retrospective?region=R01",
    "data",
    "teams?region=R02&team=T002",
    "teams?region=R01&team=T001&officer=O0002",
]


@pytest.fixture(scope="module")
def server(demo_source: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator:
    from pipelines.build import build

    folder = tmp_path_factory.mktemp("hostile-browser")
    db = folder / "warehouse.duckdb"
    build(hostile_source(demo_source, folder / "source"), db)
    failed_before = request.session.testsfailed
    running = start_streamlit(db, folder / "streamlit.log")
    yield running
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


def test_hostile_names_are_text_and_nothing_leaves_the_machine(server, browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    outside: list[str] = []

    def intercept(route) -> None:
        url = route.request.url
        if url.startswith(server.url):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", intercept)
    page = context.new_page()
    try:
        for view in VIEWS:
            page.goto(f"{server.url}/{view}")
            wait_for_app(page)
            page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0, view
            # No element made of a name: no image, no link to the attacker, no emphasis from "**bold**".
            assert page.locator(f'img[src^="{TRACKER}"]').count() == 0, view
            assert page.locator('a[href*="evil.example"]').count() == 0, view
            assert page.locator('[data-testid="stMain"] strong:text-is("bold")').count() == 0, view
            if view == "teams?region=R01&team=T001":
                # The breadcrumbs and the sidebar's chosen region and team read as the names, character for character.
                crumbs = page.locator('[data-testid="stMain"] [data-testid="stButton"] button')
                texts = [crumbs.nth(i).inner_text().strip() for i in range(crumbs.count())]
                assert REGIONS["R01"] in texts and TEAMS["T001"] in texts, texts
                sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
                assert REGIONS["R01"][:12] in sidebar
                screenshot(page, "hostile-names-teams")
            if view.startswith("retrospective"):
                assert REGIONS["R01"] in page.locator('[data-testid="stMain"]').inner_text()
                screenshot(page, "hostile-names-retrospective")
            if view.endswith("officer=O0002"):
                assert OFFICERS["O0002"] in page.locator('[data-testid="stMain"]').inner_text()
        assert outside == []
    finally:
        context.close()
