"""The Overview page in Streamlit's AppTest: twelve KPI tiles whose values are the query layer's, in both languages,
and the friendly empty state for filters that match nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.metrics import all_definitions
from pipelines.queries import credit, disbursement, funnel
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters
from tests.conftest import REPO
from ui.format import count, days, money, percent
from ui.i18n import t

LABELS = {
    "disbursed_amount": "disbursed_amount",
    "disbursed_count": "disbursed_count",
    "average_ticket": "average_ticket",
    "attainment": "attainment",
    "new_leads": "new_leads",
    "lead_to_disbursed_conversion": "lead_to_disbursed",
    "applications": "applications",
    "approval_rate": "approval_rate",
    "conversion_cycle": "conversion_cycle",
    "overdue_rate": "overdue_rate",
    "par30": "par30",
    "repeat_loan_rate": "repeat_loan_rate",
}


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def open_overview(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        at.switch_page("pages/overview.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def the_filters(con: duckdb.DuckDBPyConnection, kind: str, text: str | None, cmp: str = "prev", **dims) -> Filters:
    """The Filters the filter bar builds for these URL values (default: the last complete biweekly period)."""
    d = dimensions(con)
    anchor = d.biweekly_anchor_monday
    period = periods.last_complete(kind, d.as_of, anchor) if text is None else periods.parse(text, anchor)[1]
    comparison = {"prev": periods.shift(kind, period, -1, anchor), "yoy": period.last_year(), "none": None}[cmp]
    return Filters(period, comparison, **dims)


def query_layer_tiles(con: duckdb.DuckDBPyConnection, filters: Filters, lang: str) -> dict[str, str]:
    """Each tile's value as the query functions give it, formatted the way the app formats it."""
    summary = disbursement.disbursement_summary(con, filters).row(0, named=True)
    stages = funnel.funnel_by_stage(con, filters)
    disbursed = stages.filter(pl.col("stage") == "disbursed").row(0, named=True)
    activity = funnel.activity_counts(con, filters).row(0, named=True)
    risk = dict(credit.credit_at_period_end(con, filters).select("metric", "value").iter_rows())
    return {
        "disbursed_amount": money(summary["amount"], lang),
        "disbursed_count": count(summary["loans"]),
        "average_ticket": money(summary["average_ticket"], lang),
        "attainment": percent(summary["attainment"]),
        "new_leads": count(funnel.new_leads(con, filters)),
        "lead_to_disbursed_conversion": percent(disbursed["overall_conversion"]),
        "applications": count(activity["applications"]),
        "approval_rate": percent(activity["approval_rate"]),
        "conversion_cycle": days(summary["conversion_cycle_days"], lang),
        "overdue_rate": percent(risk["overdue_rate"]),
        "par30": percent(risk["par30"]),
        "repeat_loan_rate": percent(summary["repeat_rate"]),
    }


def tiles(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_default_view_shows_the_twelve_indicators_of_the_query_layer(open_overview, con):
    at = open_overview()
    assert [x.value for x in at.title] == ["Overview"]
    assert "Core indicators" in [x.value for x in at.subheader]
    filters = the_filters(con, "biweekly", None)
    shown = tiles(at)
    assert len(shown) == 12
    for key, value in query_layer_tiles(con, filters, "en").items():
        assert shown[t(LABELS[key], "en")][0] == value, key
    # The change against the previous biweekly period, as the query layer gives it.
    now = disbursement.disbursement_summary(con, filters).row(0, named=True)
    before = disbursement.disbursement_summary(con, filters.for_period(filters.comparison)).row(0, named=True)
    assert shown["Disbursed amount"][1] == percent(float(now["amount"]) / float(before["amount"]) - 1, signed=True)
    assert shown["Target attainment"][1] == f"{(now['attainment'] - before['attainment']) * 100:+.1f} pp"
    captions = " ".join(c.value for c in at.caption)
    assert f"Base target {money(now['base_target'], 'en')}" in captions
    assert f"{filters.period.start:%Y-%m-%d} – {filters.period.end:%Y-%m-%d}" in captions
    # The "how is this defined" popover covers every indicator.
    text = " ".join(m.value for m in at.markdown)
    definitions = all_definitions()
    for key in LABELS:
        assert f"**{definitions[key].name}**" in text, key


def test_filters_from_the_url_in_chinese(open_overview, con):
    at = open_overview(lang="zh", period="2026-09", cmp="yoy", region="R01", line="credit,mortgage")
    assert [x.value for x in at.title] == ["总览"]
    filters = the_filters(con, "month", "2026-09", "yoy", region_ids=("R01",), product_lines=("credit", "mortgage"))
    shown = tiles(at)
    for key, value in query_layer_tiles(con, filters, "zh").items():
        assert shown[t(LABELS[key], "zh")][0] == value, key
    assert "万" in shown["放款金额"][0] or "亿" in shown["放款金额"][0]


def test_no_target_with_an_officer_filter(open_overview, con):
    at = open_overview(officer="O0003", cmp="none")
    shown = tiles(at)
    assert shown["Target attainment"][0] == "—"
    assert not shown["Disbursed amount"][1]  # no comparison chosen: no change shown
    captions = " ".join(c.value for c in at.caption)
    assert t("ov_no_target_for_filter", "en") in captions


def nothing_matches(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """An account manager and a channel that never met: no lead, no loan, no book."""
    return con.sql(
        """
        select o.officer_id, c.channel_id
        from stg_officers as o cross join stg_channels as c
        where not exists (
                select 1 from fct_leads as l where l.officer_id = o.officer_id and l.channel_id = c.channel_id
            )
            and not exists (
                select 1 from fct_loans as l where l.officer_id = o.officer_id and l.channel_id = c.channel_id
            )
        order by 1, 2
        limit 1
        """
    ).fetchall()[0]


def test_a_filter_that_matches_nothing_shows_the_empty_state(open_overview, con):
    officer, channel = nothing_matches(con)
    at = open_overview(officer=officer, channel=channel)
    assert [i.value for i in at.info] == [t("empty_selection", "en")]
    assert len(at.metric) == 0
    at = open_overview(officer=officer, channel=channel, lang="zh")
    assert [i.value for i in at.info] == [t("empty_selection", "zh")]
