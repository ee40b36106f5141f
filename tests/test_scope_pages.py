"""Every page for a region head (Streamlit's AppTest): a crafted URL naming another region, or that region's team,
shows only the head's own region — no other region's or team's name anywhere on the page, in its tables or charts.

Sign-in is not wired here (app.py passes the signed-in user's scope to the filter bar); the test gives the filter
bar a region head's scope the way app.py will."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

import ui.filters
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Scope
from tests.conftest import REPO

PAGES = ("overview", "funnel", "disbursement", "teams", "credit", "customers", "retrospective")
REGION = "R01"


@pytest.fixture(scope="module")
def names_outside(demo_warehouse: Path) -> set[str]:
    """The names of every other region and of their teams (unique in the demo, unlike people's names)."""
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        dims = dimensions(con)
    finally:
        con.close()
    return set(dims.regions.filter(pl.col("region_id") != REGION)["region_name"]) | set(
        dims.teams.filter(pl.col("region_id") != REGION)["team_name"]
    )


def page_text(at: AppTest) -> str:
    """Everything the page shows as text: markdown, captions, notices, metrics, tables and chart data."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info", "success", "error"):
        parts += [str(element.value) for element in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [element.value.to_string() for element in at.dataframe]
    parts += [element.value.to_string() for element in at.table]
    for chart in at.get("plotly_chart"):
        parts.append(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False))
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "crafted",
    ["region=R02", "team=T002", "region=R02&team=T002", "drill=team:T002"],
    ids=["region", "team", "both", "old-drill-link"],
)
def test_a_region_head_sees_only_their_region_whatever_the_url_says(
    page: str, crafted: str, demo_warehouse: Path, names_outside: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))
    unscoped = ui.filters.filter_bar

    def region_heads_bar(lang: str, scope: Scope | None = None):
        return unscoped(lang, scope=Scope(region_ids=(REGION,)))

    monkeypatch.setattr(ui.filters, "filter_bar", region_heads_bar)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    for pair in crafted.split("&"):
        name, value = pair.split("=")
        at.query_params[name] = value
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    # A filter outside the scope is named as such; an old drill link to it is refused as a drill nowhere.
    assert at.warning and ("outside what you may see" in text or crafted.startswith("drill="))
    leaked = sorted(name for name in names_outside if name in text)
    assert not leaked, f"{page} shows {leaked}"
    assert "East China" in text or crafted.startswith("drill=")
