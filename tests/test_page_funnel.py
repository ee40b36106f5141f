"""The Funnel page on the small demo (AppTest): headings, tiles equal to the query layer, flags, lists, empty state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.queries import funnel
from pipelines.queries.filters import Filters, Period
from tests.conftest import REPO
from ui.format import count, percent
from ui.i18n import t

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
MAY = Period(date(2026, 5, 1), date(2026, 5, 31))
APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
HEADINGS = ("funnel_stages", "funnel_breakdown", "conversion_trend", "time_to_convert", "dropped_leads")


@pytest.fixture(scope="module")
def demo(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def open_page(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))

    def run(**params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page("pages/funnel.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def stage_name(stage: str) -> str:
    return t(f"stage_{stage}", "en")


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_october_tiles_equal_the_query_layer(open_page, demo) -> None:
    at = open_page(period="2026-10")
    filters = Filters(OCTOBER, comparison=SEPTEMBER)
    stages = funnel.funnel_by_stage(demo, filters)
    activity = funnel.activity_counts(demo, filters).row(0, named=True)
    previous = funnel.activity_counts(demo, filters.for_period(SEPTEMBER)).row(0, named=True)

    assert [x.value for x in at.title] == ["Funnel"]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "en") in headings for key in HEADINGS)
    shown = metrics(at)
    leads, previous_leads = stages["reached"][0], stages["comparison_reached"][0]
    assert shown[t("new_leads", "en")] == (count(leads), f"{(leads / previous_leads - 1) * 100:+.1f}%")
    conversion = stages["overall_conversion"][-1]
    # October's cohort is still converting: compared with September's at the same age (SPEC §4.1).
    previous_conversion = stages["comparison_overall_conversion"][-1]
    assert shown[t("conversion_tile", "en")] == (
        percent(conversion),
        f"{(conversion - previous_conversion) * 100:+.1f} pp",
    )
    for key in ("applications", "approvals", "rejections"):
        change = f"{(activity[key] / previous[key] - 1) * 100:+.1f}%"
        assert shown[t(key, "en")] == (count(activity[key]), change)
    assert shown[t("approval_rate", "en")] == (
        percent(activity["approval_rate"]),
        f"{(activity['approval_rate'] - previous['approval_rate']) * 100:+.1f} pp",
    )
    # Seven figures: the conversion tile's cohort line, stages, step-conversion heatmap, conversion by region,
    # who moved conversion, cohort trend, time to convert.
    assert len(at.get("plotly_chart")) == 7


def test_flagged_stages_are_named_with_their_reason(open_page, demo) -> None:
    # May 2026's cohort is complete by the as-of day, so its losses are held against the thresholds.
    at = open_page(period="2026-05")
    stages = funnel.funnel_by_stage(demo, Filters(MAY, comparison=APRIL))
    flagged = stages.filter(stages["flagged"])
    assert flagged.height > 0  # the demo plants losses above the 15% threshold
    box = next(w.value for w in at.warning if t("flagged_stages", "en") in w.value)
    for row in flagged.iter_rows(named=True):
        assert f"**{stage_name(row['stage'])}**" in box
        if row["over_threshold"]:
            assert percent(row["step_loss"]) in box
    for row in stages.filter(~stages["flagged"] & (stages["stage_no"] > 0)).iter_rows(named=True):
        assert f"**{stage_name(row['stage'])}**" not in box


def test_a_cohort_still_converting_is_compared_at_the_same_age(open_page, demo) -> None:
    at = open_page(period="2026-10")
    stages = funnel.funnel_by_stage(demo, Filters(OCTOBER, comparison=SEPTEMBER))
    # as-of 2026-11-20 − (1 Oct − 1 Sep = 30 days) = 2026-10-21
    assert stages["comparison_as_of"][0] == date(2026, 10, 21)
    captions = " ".join(c.value for c in at.caption)
    assert t("compared_same_age", "en", day="2026-10-21") in captions
    assert t("threshold_not_applied", "en") in captions
    # Losses above 15% are not flagged while the cohort converts; nothing worsened at the same age.
    assert not stages["flagged"].any()
    assert any(t("no_flagged_stages_converting", "en") in s.value for s in at.success)
    # Every stage says n/a; the lead row (stage 0, no loss, no threshold) is empty ("—").
    shown = at.dataframe[0].value["over_threshold"].dropna().tolist()
    assert shown == ["—"] + [t("threshold_na", "en")] * 6


def test_incomplete_cohort_is_said_with_its_open_share(open_page, demo) -> None:
    at = open_page(period="2026-10")
    stages = funnel.funnel_by_stage(demo, Filters(OCTOBER, comparison=SEPTEMBER))
    open_share = percent(1 - stages["window_complete_share"][0])
    assert any(open_share in i.value and "90-day" in i.value for i in at.info)


def test_complete_cohort_has_no_incomplete_note(open_page) -> None:
    # Leads created in May 2026 all had their 90 days by the as-of day (2026-11-20).
    at = open_page(period="2026-05")
    assert not any("not complete" in i.value for i in at.info)


def test_dropped_leads_list_is_the_query_layers(open_page, demo) -> None:
    at = open_page(period="2026-10")
    filters = Filters(OCTOBER, comparison=SEPTEMBER)
    stage = at.selectbox(key="funnel_dropped_stage").value
    expected = funnel.dropped_leads(demo, filters, stage)
    table = at.dataframe[-1].value
    assert list(table["lead_id"]) == expected["lead_id"].to_list()

    at.selectbox(key="funnel_dropped_stage").set_value("approved").run()
    expected = funnel.dropped_leads(demo, filters, "approved")
    assert list(at.dataframe[-1].value["lead_id"]) == expected["lead_id"].to_list()


def test_breakdown_by_channel(open_page, demo) -> None:
    at = open_page(period="2026-10")
    at.segmented_control(key="funnel_breakdown_by").set_value("channel").run()
    assert not at.exception
    breakdown = funnel.funnel_breakdown(demo, Filters(OCTOBER, comparison=SEPTEMBER), "channel")
    with_leads = breakdown.filter(breakdown["stage"] == "disbursed")
    chart = at.get("plotly_chart")[3]  # after the conversion tile's line, the stages and the heatmap
    # The conversion bars name every channel of the cohort.
    for name in with_leads["value_name"]:
        assert name in chart.proto.spec


def test_who_moved_conversion_follows_the_breakdown(open_page, demo) -> None:
    at = open_page(period="2026-10")
    at.segmented_control(key="funnel_breakdown_by").set_value("team").run()
    assert not at.exception
    movers = funnel.conversion_movers(demo, Filters(OCTOBER, comparison=SEPTEMBER), "team")
    assert t("movers_heading", "en", by=t("team", "en")) in [x.value for x in at.subheader]
    table = next(d.value for d in at.dataframe if "contribution" in d.value.columns)
    # One row per team, largest contribution first, in percentage points; the parts add up to the total change.
    assert list(table["leads"]) == movers["leads"].to_list()
    assert list(table["contribution"]) == pytest.approx([c * 100 for c in movers["contribution"]])
    assert sum(table["contribution"]) == pytest.approx(movers["total_change"][0] * 100)
    # The bridge starts at the comparison's conversion (at the same age) and ends at this cohort's.
    chart = at.get("plotly_chart")[4]
    assert '"Waterfall"' in chart.proto.spec or "waterfall" in chart.proto.spec
    captions = " ".join(c.value for c in at.caption)
    assert t("compared_same_age", "en", day="2026-10-21") in captions


def test_region_filter_from_the_link(open_page, demo) -> None:
    at = open_page(period="2026-10", region="R01")
    filters = Filters(OCTOBER, comparison=SEPTEMBER, region_ids=("R01",))
    assert metrics(at)[t("new_leads", "en")][0] == count(funnel.new_leads(demo, filters))


def test_chinese(open_page, demo) -> None:
    at = open_page(period="2026-10", lang="zh")
    assert [x.value for x in at.title] == ["销售漏斗"]
    headings = [x.value for x in at.subheader]
    assert all(t(key, "zh") in headings for key in HEADINGS)
    activity = funnel.activity_counts(demo, Filters(OCTOBER, comparison=SEPTEMBER)).row(0, named=True)
    assert metrics(at)["批贷率"][0] == percent(activity["approval_rate"])


def test_a_selection_that_matches_nothing_shows_the_empty_state(open_page, demo) -> None:
    anchor = demo.sql("select biweekly_anchor_monday from cfg_params").fetchall()[0][0]
    # The first week of the demo, and an account manager who had no lead and no application event in it.
    first_day = demo.sql("select min(created_date) from fct_leads").fetchall()[0][0]
    week = periods.containing("week", first_day, anchor)
    idle = demo.sql(
        """
        select officer_id from stg_officers
        where officer_id not in (select officer_id from fct_leads where created_date between ? and ?)
          and officer_id not in (select officer_id from agg_lead_events_daily where occurred_date between ? and ?)
        order by officer_id limit 1
        """,
        params=[week.start, week.end, week.start, week.end],
    ).fetchall()[0][0]
    at = open_page(period=periods.to_text("week", week), officer=idle)
    assert [i.value for i in at.info] == [t("empty_selection", "en")]
    assert not at.metric
    assert not at.get("plotly_chart")


def test_an_account_manager_sharing_a_name_stays_selected(open_page, demo) -> None:
    # Streamlit keeps a multiselect's value as labels: before the fix, the second of two account
    # managers with the same name turned into the first one on the next run, with the first one's figures.
    first, second = demo.sql(
        """
        select min(officer_id), max(officer_id) from stg_officers
        group by officer_name having count(*) > 1 order by officer_name limit 1
        """
    ).fetchall()[0]
    at = open_page(period="2026-10", officer=second)
    at.run()
    assert not at.exception
    assert at.multiselect(key="f_officer").value == [second]
    assert at.query_params["officer"] == second
    leads = funnel.new_leads(demo, Filters(OCTOBER, officer_ids=(second,)))
    assert leads != funnel.new_leads(demo, Filters(OCTOBER, officer_ids=(first,))) or leads == 0
    if leads:
        assert metrics(at)[t("new_leads", "en")][0] == count(leads)


def test_every_funnel_and_disbursement_metric_is_defined_in_chinese() -> None:
    # The popovers read the Chinese from the translation table; its English must stay the definitions' own
    # (ui.components.definition_text shows the table's text in English too).
    from pipelines.queries import disbursement
    from ui.i18n import TEXT

    for definition in [*funnel.DEFINITIONS, *disbursement.DEFINITIONS]:
        for field in ("name", "numerator", "denominator", "rules"):
            english = getattr(definition, field)
            key = f"def_{definition.key}_{field}"
            if english:
                assert key in TEXT, key
                assert TEXT[key]["en"] == english, key
                assert TEXT[key]["zh"].strip() and TEXT[key]["zh"] != english, key
            else:
                assert key not in TEXT, key
