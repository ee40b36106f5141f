"""The Teams page in Streamlit's AppTest: each drill level from the URL, its scorecard equal to the query layer's,
breadcrumbs back up, an account manager's leads and loans, bad drills and empty selections."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.queries import credit, disbursement, funnel, teams
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters
from tests.conftest import REPO
from tests.test_page_overview import nothing_matches
from ui.format import echo, money
from ui.i18n import t


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def open_teams(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        at.switch_page("pages/teams.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def default_filters(con: duckdb.DuckDBPyConnection, **dims) -> Filters:
    d = dimensions(con)
    period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
    return Filters(period, periods.shift("biweekly", period, -1, d.biweekly_anchor_monday), **dims)


def crumbs(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("crumb_")]


def scorecard_shown(at: AppTest):
    """The scorecard as displayed (AppTest gives the frame's own column names, not the translated labels)."""
    return at.dataframe[0].value


def test_top_level_lists_the_regions_with_the_query_layers_figures(open_teams, con):
    at = open_teams()
    assert [x.value for x in at.title] == ["Teams"]
    assert "Scorecard" in [x.value for x in at.subheader]
    assert crumbs(at) == ["All regions"]
    filters = default_filters(con)
    board = disbursement.leaderboard(con, filters, "region")
    shown = scorecard_shown(at)
    label = "name"
    # Largest amount first, the same amounts, counts and attainment as the disbursement leaderboard.
    assert shown[label].tolist() == board["name"].to_list()
    assert shown["amount"].tolist() == pytest.approx([float(a) for a in board["amount"]])
    assert shown["loans"].tolist() == board["loans"].to_list()
    assert shown["attainment"].tolist() == pytest.approx([a * 100 for a in board["attainment"]])
    # Conversion: the cohort's lead → disbursed conversion by region, from the funnel breakdown.
    breakdown = funnel.funnel_breakdown(con, filters, "region").filter(stage="disbursed")
    conversion = dict(zip(breakdown["value_name"], breakdown["overall_conversion"], strict=True))
    for name, value in zip(shown[label], shown["conversion"], strict=True):
        assert value == pytest.approx(conversion[name] * 100)
    quality = teams.book_quality(con, filters, "region")
    names = dict(zip(board["value"], board["name"], strict=True))
    par30 = {names[v]: p for v, p in zip(quality["value"], quality["par30"], strict=True)}
    for name, value in zip(shown[label], shown["par30"], strict=True):
        assert value == pytest.approx(par30[name] * 100)


def test_region_drill_from_the_url_shows_its_teams(open_teams, con):
    at = open_teams(drill="region:R01")
    assert crumbs(at) == ["All regions", "East China"]
    card = teams.scorecard(con, default_filters(con, region_ids=("R01",)), "team")
    assert scorecard_shown(at)["name"].tolist() == card["name"].to_list()
    assert set(card["region_id"]) == {"R01"}
    # An old drill link is read as the region filter: the sidebar and the URL say so.
    assert at.multiselect(key="f_region").value == ["R01"]
    assert at.query_params["region"] == "R01"
    assert "drill" not in at.query_params


def test_breadcrumb_goes_back_up(open_teams, con):
    at = open_teams(drill="team:T001")
    assert crumbs(at) == ["All regions", "East China", "East China Direct 1"]
    officers = teams.scorecard(con, default_filters(con, team_ids=("T001",)), "officer")
    assert scorecard_shown(at)["name"].tolist() == officers["name"].to_list()
    assert (at.query_params["region"], at.query_params["team"]) == ("R01", "T001")
    at.button(key="crumb_1").click().run()
    assert not at.exception
    # Back up to the region: its filter stays, the team's is cleared.
    assert at.query_params["region"] == "R01" and "team" not in at.query_params
    assert at.multiselect(key="f_team").value == []
    assert crumbs(at) == ["All regions", "East China"]
    at.button(key="crumb_0").click().run()
    assert "region" not in at.query_params and "team" not in at.query_params
    assert (
        scorecard_shown(at)["name"].tolist()[0]
        == disbursement.leaderboard(con, default_filters(con), "region")["name"][0]
    )


def test_officer_drill_lists_their_leads_and_loans(open_teams, con):
    at = open_teams(drill="officer:O0003", period="2026-Q3")
    assert crumbs(at) == ["All regions", "East China", "East China Direct 1", "Wu Xiang"]
    assert [x.value for x in at.subheader][:2] == ["Leads created in the period", "Loans disbursed in the period"]
    d = dimensions(con)
    period = periods.parse("2026-Q3", d.biweekly_anchor_monday)[1]
    filters = Filters(period, periods.shift("quarter", period, -1, d.biweekly_anchor_monday), officer_ids=("O0003",))
    leads, loans = teams.lead_list(con, filters), teams.loan_list(con, filters)
    tables = [df.value for df in at.dataframe]
    assert tables[0]["lead_id"].tolist() == leads["lead_id"].to_list()
    assert tables[1]["loan_id"].tolist() == loans["loan_id"].to_list()
    card = teams.scorecard(con, filters, "officer").row(0, named=True)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Disbursed count"] == f"{card['loans']:,}"
    assert shown["New leads"] == f"{card['leads']:,}"
    assert len(leads) > 0 and len(loans) > 0


def test_a_bad_drill_is_dropped_with_a_notice(open_teams):
    for drill in ("nonsense", "region:R99", "team:T999"):
        at = open_teams(drill=drill)
        # The notice's Markdown source escapes the value (":" too: Streamlit reads :red[…] directives).
        assert any(echo(drill) in w.value for w in at.warning), drill
        assert crumbs(at) == ["All regions"]
        assert "drill" not in at.query_params
    # A drill outside the filters: the region filter is South China, the link drills into East China.
    at = open_teams(drill="region:R01", region="R02")
    assert any(echo("region:R01") in w.value for w in at.warning)
    # The one region filtered on is itself the drill: South China's teams.
    assert crumbs(at) == ["All regions", "South China"]
    assert at.multiselect(key="f_region").value == ["R02"]


def test_a_drill_is_kept_when_the_user_changes_page(open_teams, con):
    at = open_teams(drill="team:T004")
    assert crumbs(at) == ["All regions", "Central China", "Central China Direct 1"]
    at.switch_page("pages/credit.py").run()
    assert not at.exception
    # The sidebar names the drilled region and team, the URL carries them, and Credit quality shows that team.
    assert at.multiselect(key="f_region").value == ["R04"]
    assert at.multiselect(key="f_team").value == ["T004"]
    assert (at.query_params["region"], at.query_params["team"]) == ("R04", "T004")
    d = dimensions(con)
    period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
    team_book = credit.credit_at_period_end(con, Filters(period, team_ids=("T004",)))
    balance = team_book.filter(metric="balance")["value"][0]
    shown = {m.label: m.value for m in at.metric}
    assert shown["Outstanding balance"] == money(balance)
    # Back on Teams, the drill is where the user left it.
    at.switch_page("pages/teams.py").run()
    assert crumbs(at) == ["All regions", "Central China", "Central China Direct 1"]


def test_a_team_outside_the_named_region_is_said(open_teams):
    # T004 is in Central China (R04), not East China (R01): dropped with a notice, not silently.
    at = open_teams(region="R01", team="T004")
    notices = [w.value for w in at.warning]
    assert any("T004" in n and "East China" in n for n in notices), notices
    assert at.multiselect(key="f_team").value == []
    assert crumbs(at) == ["All regions", "East China"]
    # An account manager outside the named team: O0003 is in T001.
    at = open_teams(team="T004", officer="O0003")
    assert any("O0003" in w.value and "Central China Direct 1" in w.value for w in at.warning)
    assert at.multiselect(key="f_officer").value == []


def test_a_hostile_value_in_the_link_is_echoed_short_and_escaped(open_teams):
    hostile = "**bold**<script>alert(1)</script>" + "x" * 100
    at = open_teams(team=hostile)
    (notice,) = [w.value for w in at.warning if "alert" in w.value]
    echoed = notice.split("'")[1]
    # At most 60 characters as shown (the 59 first, then "…"), every Markdown character escaped.
    assert echoed.replace("\\", "").endswith("…")
    assert len(echoed.replace("\\", "")) == 60
    assert echoed.startswith("\\*\\*bold\\*\\*\\<script\\>")
    assert "x" * 26 in echoed and "x" * 27 not in echoed  # 33 characters of markup, then 26 of the 100 x


def test_a_filter_that_matches_nothing_shows_the_empty_state(open_teams, con):
    officer, channel = nothing_matches(con)
    at = open_teams(officer=officer, channel=channel, lang="zh")
    assert [i.value for i in at.info] == [t("empty_selection", "zh")]
    assert not at.dataframe


# -- Who moved the amount: the level follows the drill ------------------------------------------------------------


def moved_shown(at: AppTest):
    """The table of who moved the amount (after the scorecard)."""
    return at.dataframe[1].value


def bridge_cents(at: AppTest) -> list[int]:
    traces = [json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")]
    trace = next(trace for trace in traces if trace["type"] == "waterfall")
    return [round(Decimal(str(v)) * 100) for v in trace["y"]]


def test_who_moved_the_amount_follows_the_drill(open_teams, con):
    at = open_teams()
    assert "Who moved the amount" in [x.value for x in at.subheader]
    changes = disbursement.amount_change_by(con, default_filters(con), "region")
    table = moved_shown(at)
    assert table["name"].tolist() == changes["name"].to_list()
    assert table["change"].tolist() == pytest.approx([float(v) for v in changes["change"]])
    assert table["share_of_change"].tolist() == pytest.approx([v * 100 for v in changes["share_of_change"]])
    cents = bridge_cents(at)
    assert sum(cents[1:-1]) == cents[-1] - cents[0]  # the parts add up to the total change, to the cent

    # A region → its teams; a team → its account managers (the bridge's bars drill like the scorecard's).
    region = changes["value"][0]
    at = open_teams(drill=f"region:{region}")
    teams = disbursement.amount_change_by(con, default_filters(con, region_ids=(region,)), "team")
    assert moved_shown(at)["name"].tolist() == teams["name"].to_list()
    assert t("moved_click_team", "en") in [c.value for c in at.caption]
    team = teams["value"][0]
    at = open_teams(drill=f"team:{team}")
    officers = disbursement.amount_change_by(con, default_filters(con, team_ids=(team,)), "officer")
    assert moved_shown(at)["name"].tolist() == officers["name"].to_list()
    assert sum(bridge_cents(at)[1:-1]) == round(sum(officers["change"].to_list()) * 100)


def test_who_moved_against_the_same_period_last_year(open_teams, con):
    at = open_teams(cmp="yoy")
    d = dimensions(con)
    period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
    changes = disbursement.amount_change_by(con, Filters(period, period.last_year()), "region")
    assert moved_shown(at)["previous_amount"].tolist() == pytest.approx([float(v) for v in changes["previous_amount"]])
    assert moved_shown(at)["name"].tolist() == changes["name"].to_list()
