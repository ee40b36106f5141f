"""The retrospective's HTML report opened from disk in headless Chromium: nothing leaves the machine, charts draw."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from pipelines.queries.filters import Filters
from pipelines.retro.periods import default_retro_period
from pipelines.retro.report import build_report, to_html
from pipelines.retro.store import RetroKey, RetroStore
from pipelines.warehouse import connect
from tests.conftest import TEST_OUTPUT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_files(demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's latest retrospective, with real findings, a summary and action items, in both languages."""
    folder = tmp_path_factory.mktemp("retro-report")
    store = RetroStore(folder / "retro.sqlite")
    con = connect(demo_warehouse)
    try:
        retro = default_retro_period(con)
        key = RetroKey(retro.period.start)
        store.save_summary(key, "Volume fell 60% on the previous period; R06 delinquency keeps rising.", 0, "Director")
        store.add_item(key, "Collections plan for R06", owner="Risk", due_date=date(2026, 11, 30))
        store.add_item(RetroKey(date(2026, 10, 19)), "Coach O0003 on early quality", owner="Head T001")
        files = {}
        for lang in ("en", "zh"):
            path = folder / f"retro-report-{lang}.html"
            path.write_text(to_html(build_report(con, Filters(retro.period), retro, store, lang)), encoding="utf-8")
            files[lang] = path
    finally:
        con.close()
    return files


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


def open_offline(page, path: Path) -> tuple[list[str], list[str]]:
    """Open the file with every request intercepted: only the file itself may load, anything else is refused.

    Returns the refused requests and the page's errors (console errors and uncaught exceptions).
    """
    refused: list[str] = []
    errors: list[str] = []
    own = path.resolve().as_uri()

    def route(route) -> None:
        if route.request.url == own:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(own)
    return refused, errors


# Every chart container holds a drawn plotly graph: its SVG, and at least one trace in it.
ALL_CHARTS_DRAWN = """
() => {
  const charts = [...document.querySelectorAll('div.chart')];
  return charts.length > 0 && charts.every(c =>
    c.querySelector('.js-plotly-plot .main-svg') && c.querySelector('.js-plotly-plot .main-svg .trace'));
}
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_opens_offline_and_draws_every_chart(page, report_files: dict[str, Path], lang: str) -> None:
    refused, errors = open_offline(page, report_files[lang])
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=30_000)

    charts = page.locator("div.chart")
    # 12 trends, attainment by region and by team, and at least one chart of findings.
    assert charts.count() >= 15
    assert page.locator("div.chart .js-plotly-plot .main-svg").count() >= charts.count()
    assert refused == [], f"requests that would have left the machine: {refused}"
    assert errors == []
    for section in ("scoreboard", "trends", "targets", "findings", "summary", "actions"):
        assert page.locator(f"section#{section} h2").is_visible()
    assert page.locator("section#scoreboard table tbody tr").count() == 12
    assert page.locator("section#findings .finding").count() > 0
    assert "Collections plan for R06" in page.locator("section#actions").inner_text()

    TEST_OUTPUT.mkdir(exist_ok=True)
    name = "retro-report" if lang == "en" else "retro-report-zh"
    page.screenshot(path=str(TEST_OUTPUT / f"{name}.png"), full_page=True)


def test_the_charts_are_interactive(page, report_files: dict[str, Path]) -> None:
    """Hovering a point of a trend shows plotly's label: the library runs, it is not a picture."""
    refused, _ = open_offline(page, report_files["en"])
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=30_000)
    chart = page.locator('div.chart[data-chart="trend-disbursed_count"]')
    chart.scroll_into_view_if_needed()
    point = chart.locator(".scatterlayer .trace .points path").last
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector('div.chart[data-chart="trend-disbursed_count"] .hoverlayer .hovertext', timeout=10_000)
    label = chart.locator(".hoverlayer .hovertext").text_content()  # SVG: no inner_text
    assert "2026-11-02 – 2026-11-15" in label  # the last period of the trend is the one reviewed
    # Opening a finding's details needs no network either.
    page.locator("section#findings details summary").first.click()
    assert page.locator("section#findings details[open] dl.figures").first.is_visible()
    assert refused == []


def test_the_interception_would_catch_a_remote_resource(page, tmp_path: Path) -> None:
    """The harness itself: a page that does reach out is caught, so an empty list above means something."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        '<html><head><link rel="stylesheet" href="https://cdn.example.com/style.css"></head>'
        '<body><img src="http://images.example.com/logo.png"></body></html>'
    )
    refused, _ = open_offline(page, leaky)
    page.wait_for_load_state("load")
    assert sorted(refused) == ["http://images.example.com/logo.png", "https://cdn.example.com/style.css"]
