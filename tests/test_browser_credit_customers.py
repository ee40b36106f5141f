"""The Credit quality and Customers pages in a real browser: they load in both languages with every chart drawn,
switching the language in the sidebar relabels the page, the balance/count switch relabels the tiles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fastexcel
import pytest
from playwright.sync_api import expect

from tests.conftest import screenshot, start_streamlit, stop_streamlit, wait_for_app
from ui.i18n import t

pytestmark = pytest.mark.browser

# Tall enough that a screenshot holds the whole page (the main area scrolls inside the window).
VIEWPORT = {"width": 1400, "height": 4400}
PAGES = {
    # url path → (title key, a tile label key, the number of charts on the page)
    "credit": ("credit_title", "overdue_rate", 8),
    "customers": ("customers_title", "customers_scored", 3),
}


@pytest.fixture(scope="module")
def server(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator:
    folder = tmp_path_factory.mktemp("credit-customers-browser")
    failed_before = request.session.testsfailed
    running = start_streamlit(demo_warehouse, folder / "streamlit.log")
    yield running
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    yield tab
    context.close()


def wait_for_charts(page, at_least: int) -> None:
    """Wait until the run has ended and at least `at_least` charts are drawn, then check for exceptions."""
    wait_for_app(page)
    page.wait_for_function(
        """(n) => {
            const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            return charts.length >= n && charts.every(c => c.querySelector('.main-svg'));
        }""",
        arg=at_least,
        timeout=60_000,
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def tile_labels(page) -> list[str]:
    return [label.strip() for label in page.locator('[data-testid="stMetricLabel"]').all_inner_texts()]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_with_every_chart(server, page, path: str, lang: str) -> None:
    title, tile, charts = PAGES[path]
    page.goto(f"{server.url}/{path}?period=2026-10&lang={lang}")
    wait_for_charts(page, charts)
    expect(page.get_by_role("heading", name=t(title, lang), exact=True)).to_be_visible()
    assert t(tile, lang) in tile_labels(page)
    # Every chart has a title and something drawn in it.
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        assert (chart.locator(".gtitle").first.text_content() or "").strip()
    screenshot(page, f"{path}-{lang}")


def test_switching_the_language_in_the_sidebar_relabels_the_credit_page(server, page) -> None:
    page.goto(f"{server.url}/credit?period=2026-10")
    wait_for_charts(page, PAGES["credit"][2])
    expect(page.get_by_role("heading", name="Credit quality", exact=True)).to_be_visible()
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="简体中文").click()
    expect(page.get_by_role("heading", name="资产质量", exact=True)).to_be_visible(timeout=30_000)
    wait_for_charts(page, PAGES["credit"][2])
    labels = tile_labels(page)
    assert t("overdue_rate", "zh") in labels and t("outstanding_balance", "zh") in labels
    assert "Overdue rate (M1+)" not in labels
    # The charts are relabelled too, and the language is kept in the link.
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text(t("credit_axis_snapshot", "zh"))
    assert "lang=zh" in page.url
    screenshot(page, "credit-switched-to-zh")


def test_the_count_basis_relabels_the_tiles(server, page) -> None:
    page.goto(f"{server.url}/credit?period=2026-10")
    wait_for_charts(page, PAGES["credit"][2])
    page.locator('[data-testid="stMain"]').get_by_role("radio", name=t("credit_basis_count", "en")).click()
    by_count = t("overdue_rate", "en") + t("credit_by_count_suffix", "en")
    expect(page.locator('[data-testid="stMetricLabel"]').filter(has_text=by_count)).to_be_visible(timeout=30_000)
    wait_for_charts(page, PAGES["credit"][2])
    assert t("credit_active_loans", "en") in tile_labels(page)


def test_downloads_hold_the_table_and_the_filters(server, page) -> None:
    # The files are written when the buttons are clicked (deferred), so this checks what a director gets.
    page.goto(f"{server.url}/credit?period=2026-10")
    wait_for_charts(page, PAGES["credit"][2])
    main = page.locator('[data-testid="stMain"]')
    with page.expect_download() as csv_download:
        main.get_by_role("button", name=t("download_csv", "en")).last.click()
    # The file name says the table, the period and the scope (issue 8).
    assert csv_download.value.suggested_filename == "early-warning_2026-10-01_2026-10-31_all.csv"
    lines = Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith(f"{t('credit_ew_dimension', 'en')},{t('credit_ew_value', 'en')},")
    assert len(lines) > 1
    with page.expect_download() as excel_download:
        main.get_by_role("button", name=t("download_excel", "en")).last.click()
    assert excel_download.value.suggested_filename == "early-warning_2026-10-01_2026-10-31_all.xlsx"
    sheet = fastexcel.read_excel(excel_download.value.path()).load_sheet(0, header_row=None).to_polars()
    cells = [str(v) for v in sheet.row(0) + sheet.row(1) + sheet.row(2) if v is not None]
    assert "early_warning" in cells and t("as_of_date", "en") in cells and t("period", "en") in cells
