"""The Data page in a real browser: a real Streamlit server, headless Chromium, a real warehouse."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pipelines.build import build
from tests.conftest import DEMO_AS_OF, screenshot, start_streamlit, stop_streamlit, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator:
    # A copy of its own, because one test here rebuilds the warehouse under the running app.
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "warehouse.duckdb"
    shutil.copy(demo_warehouse, db)
    failed_before = request.session.testsfailed
    running = start_streamlit(db, folder / "streamlit.log")
    yield running, db
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


def test_data_page_lists_the_warehouse(server, page) -> None:
    running, _ = server
    page.goto(f"{running.url}/data")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()
    # A deep link as the server's first request still runs through app.py: the shared filter bar is there.
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Filters")
    main = page.locator('[data-testid="stMain"]')
    # Expectations wait for the run to draw them (the first request re-runs through app.py).
    for text in ("As-of date", "Tables", "Data-quality warnings"):
        expect(main).to_contain_text(text)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "data-page")


def test_the_running_app_picks_up_a_new_build(server, page, demo_source: Path) -> None:
    running, db = server
    page.goto(f"{running.url}/data")
    wait_for_app(page)
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    new_build = build(demo_source, db, as_of=DEMO_AS_OF - timedelta(days=1))
    assert new_build not in caption
    page.reload()
    expect(page.locator('[data-testid="stCaptionContainer"]').first).to_contain_text(new_build, timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    as_of_tile = page.locator('[data-testid="stMetric"]').filter(has_text="As-of date")
    expect(as_of_tile).to_contain_text((DEMO_AS_OF - timedelta(days=1)).isoformat(), timeout=30_000)
    screenshot(page, "data-page-after-rebuild")
