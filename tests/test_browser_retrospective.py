"""The Retrospective page in a real browser: it loads and finishes without an exception in English and Chinese
(screenshots of each tab), a finding's Open button shows its page with its filters (URL and the filter bar), an
action item added through the form is there after a reload, and the HTML report downloads with the findings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest
from playwright.sync_api import expect

from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters
from pipelines.retro.findings import find_all
from pipelines.retro.periods import retro_period
from pipelines.retro.report import statement
from pipelines.retro.store import STORE_ENV
from tests.conftest import screenshot, start_streamlit, stop_streamlit, wait_for_app
from ui.i18n import t

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("retro") / "retro.sqlite"


@pytest.fixture(scope="module")
def server(
    demo_warehouse: Path, store_file: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator:
    failed_before = request.session.testsfailed
    with pytest.MonkeyPatch.context() as env:
        env.setenv(STORE_ENV, str(store_file))  # the server's notes go to a file of this test's own
        running = start_streamlit(demo_warehouse, tmp_path_factory.mktemp("browser") / "streamlit.log")
    yield running
    stop_streamlit(running)
    if request.session.testsfailed > failed_before:
        print(f"\n--- streamlit output ---\n{running.log()}")


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 2000}, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def findings(demo_warehouse: Path) -> list:
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        d = dimensions(con)
        retro = retro_period(d.as_of, d.biweekly_anchor_monday)
        return find_all(con, Filters(retro.period), retro)
    finally:
        con.close()


def settled(page) -> None:
    """The run has finished and every element has drawn (tables and charts load behind skeletons)."""
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    wait_for_app(page)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute("aria-selected", "true")
    settled(page)


def load(page, url: str | None = None) -> None:
    """Open `url` (None: reload the page) and wait until the page has drawn."""
    if url is None:
        page.reload()
    else:
        page.goto(url)
    # The first run computes the scoreboard and the findings: wait for the scoreboard table, not just the run.
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=120_000)
    settled(page)
    no_exception(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_loads_with_each_tab(server, page, findings, lang) -> None:
    suffix = "" if lang == "en" else "-zh"
    load(page, f"{server.url}/retrospective" + ("?lang=zh" if lang == "zh" else ""))
    expect(page.get_by_role("heading", name=t("biweekly_retrospective", lang), exact=True)).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    # Scoreboard and the two target tables.
    expect(main.locator('[data-testid="stDataFrame"]')).to_have_count(3)
    body = main.inner_text()
    for key in ("section_scoreboard", "section_targets", "retro_attainment_by_region", "retro_attainment_by_team"):
        assert t(key, lang) in body
    screenshot(page, f"retrospective-scoreboard{suffix}")

    open_tab(page, t("retro_tab_findings", lang))
    # The findings are computed when their tab opens: wait for them rather than reading the page once.
    expect(main).to_contain_text(t("retro_top", lang, n=5), timeout=60_000)
    no_exception(page)
    body = main.inner_text()
    first = statement(findings[0], lang)
    assert first.split(":")[0] in body
    assert t("retro_top", lang, n=5) in body
    expect(main.get_by_role("button", name=t("retro_open", lang, page=t("page_funnel", lang)))).not_to_have_count(0)
    # The rest, by kind: one collapsed group per kind; opening one shows its first finding.
    rest = [f for f in findings if not f.top]
    groups = main.locator('[data-testid="stExpander"]')
    expect(groups).to_have_count(len({f.kind for f in rest}))
    assert statement(rest[0], lang) not in main.inner_text()
    groups.first.locator("summary").click()
    expect(main.get_by_text(statement(rest[0], lang), exact=False)).to_be_visible()
    screenshot(page, f"retrospective-findings{suffix}")

    open_tab(page, t("retro_tab_notes", lang))
    no_exception(page)
    expect(main.get_by_role("button", name=t("retro_save_summary", lang))).to_be_visible()
    screenshot(page, f"retrospective-notes{suffix}")


def test_a_findings_open_button_shows_its_page_with_its_filters(server, page, findings) -> None:
    top = [f for f in findings if f.top]
    index, finding = next((i, f) for i, f in enumerate(top) if "team" in f.link_params)
    load(page, f"{server.url}/retrospective")
    open_tab(page, t("retro_tab_findings", "en"))
    page.locator(f".st-key-retro_open_top_{index} button:visible").click()
    page.wait_for_url(f"**/{finding.page}?*", timeout=60_000)
    settled(page)
    no_exception(page)
    expect(page.get_by_role("heading", name=t(f"{finding.page}_title", "en"), exact=True)).to_be_visible()
    query = parse_qs(urlparse(page.url).query)
    assert query["team"] == [finding.link_params["team"]]
    # The team is the filter bar's choice: its name is shown in the sidebar's Team filter.
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text=t("team", "en"))).to_contain_text(
        finding.subject_name
    )
    screenshot(page, "retrospective-finding-opened")


def test_an_action_item_added_in_the_page_is_there_after_a_reload(server, page) -> None:
    load(page, f"{server.url}/retrospective")
    open_tab(page, t("retro_tab_notes", "en"))
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("textbox", name=t("retro_author", "en")).fill("Chen Jing")
    main.get_by_role("textbox", name=t("col_what", "en")).fill("Visit the R06 branch heads about collections")
    main.get_by_role("textbox", name=t("col_owner", "en")).fill("Wang Fang")
    main.get_by_role("button", name=t("retro_add", "en"), exact=True).click()
    expect(
        main.get_by_text(t("retro_item_added", "en", what="Visit the R06 branch heads about collections"))
    ).to_be_visible()
    settled(page)

    load(page)  # a reload: a new session, the notes read back from the store
    open_tab(page, t("retro_tab_notes", "en"))
    cells = main.locator('[data-testid="stDataFrame"] [role="gridcell"]')
    expect(cells.filter(has_text="Visit the R06 branch heads about collections")).to_have_count(1)
    expect(cells.filter(has_text="Wang Fang")).to_have_count(1)
    screenshot(page, "retrospective-notes-after-reload")


def test_the_html_report_downloads_with_the_findings(server, page, findings, tmp_path: Path) -> None:
    load(page, f"{server.url}/retrospective")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=t("retro_report_html", "en")).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert path.name.startswith("retrospective_") and path.suffix == ".html"
    assert html.startswith("<!DOCTYPE html>")
    assert statement(findings[0], "en").split(":")[0] in html
