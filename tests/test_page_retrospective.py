"""The Retrospective page in Streamlit's AppTest: the scoreboard and the findings are the engine's for the same
period and filters, the period comes from the URL, notes and action items persist in the store across a restart,
a conflicting save keeps the other person's text, earlier open items can be closed or carried, and a scope that
matches nothing shows the empty state."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters
from pipelines.queries.overview import INDICATORS
from pipelines.retro import FINDING_KINDS
from pipelines.retro.findings import STATEMENTS, find_all
from pipelines.retro.periods import retro_period
from pipelines.retro.report import (
    BAD,
    GOOD,
    NEUTRAL,
    REPORT_TEXT,
    build_report,
    format_change,
    format_value,
    ordered_findings,
    statement,
    to_html,
)
from pipelines.retro.scoreboard import scoreboard
from pipelines.retro.store import SCHEMA_VERSION, STORE_ENV, RetroKey, RetroStore, StoreError
from tests.conftest import REPO
from tests.damaged_stores import DAMAGES, damaged_store, snapshot
from ui import retro_view as view
from ui.format import money
from ui.i18n import TEXT, t
from ui.overview_view import LABELS

TABS = {"scoreboard": "retro_tab_scoreboard", "findings": "retro_tab_findings", "notes": "retro_tab_notes"}


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return tmp_path / "retro.sqlite"


@pytest.fixture
def open_page(demo_warehouse: Path, store_file: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """A fresh app session (a new AppTest is a restarted app) on the Retrospective page, with a tab open."""
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))
    monkeypatch.setenv(STORE_ENV, str(store_file))

    def run(tab: str = "scoreboard", lang: str = "en", **params: str) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
        if lang != "en":
            at.query_params["lang"] = lang
        for name, value in params.items():
            at.query_params[name] = value
        at.session_state[view.TAB_KEY] = t(TABS[tab], lang)
        at.switch_page("pages/retrospective.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def default_retro(con: duckdb.DuckDBPyConnection, text: str | None = None):
    d = dimensions(con)
    return retro_period(d.as_of, d.biweekly_anchor_monday, text)


def finding_markdowns(at: AppTest) -> list[str]:
    """The statement line of each finding on the page (severity badge first)."""
    return [
        m.value for m in at.markdown if m.value.startswith(tuple(f":{c}-badge[" for c in view.SEVERITY_BADGES.values()))
    ]


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# -- the period -----------------------------------------------------------------------------------


def test_renders_the_last_complete_period_by_default(open_page, con) -> None:
    retro = default_retro(con)
    at = open_page()
    assert [h.value for h in at.title] == [t("biweekly_retrospective", "en")]
    assert at.selectbox(key=view.PERIOD_KEY).value == periods.to_text("biweekly", retro.period)
    caption = at.caption[0].value
    assert f"{retro.previous.start:%Y-%m-%d} – {retro.previous.end:%Y-%m-%d}" in caption
    assert f"{retro.last_year.start:%Y-%m-%d} – {retro.last_year.end:%Y-%m-%d}" in caption
    assert t("scope_company", "en") in caption
    assert [tab.label for tab in at.tabs] == [t(k, "en") for k in TABS.values()]
    assert [s.value for s in at.subheader][:2] == [t("section_scoreboard", "en"), t("section_targets", "en")]
    assert not at.info  # a biweekly period: no notice


def test_the_period_is_taken_from_the_url(open_page, con) -> None:
    retro = default_retro(con, "2026-10-19/2w")
    at = open_page(period="2026-10-19/2w")
    assert at.selectbox(key=view.PERIOD_KEY).value == "2026-10-19/2w"
    assert f"{retro.previous.start:%Y-%m-%d} – {retro.previous.end:%Y-%m-%d}" in at.caption[0].value
    shown = at.dataframe[0].value
    board = scoreboard(con, Filters(retro.period), retro)
    amount = board.indicators.row(0, named=True)
    assert shown["value"][0] == format_value(amount["value"], "money", "en")


def test_a_period_that_is_not_biweekly_reviews_the_default_with_a_notice(open_page, con) -> None:
    at = open_page(period="2026-10")
    assert at.selectbox(key=view.PERIOD_KEY).value == periods.to_text("biweekly", default_retro(con).period)
    assert [i.value for i in at.info] == [t("retro_not_biweekly", "en")]


def test_picking_a_period_puts_it_in_the_url_and_the_filter_bar(open_page) -> None:
    at = open_page()
    at.selectbox(key=view.PERIOD_KEY).set_value("2026-10-05/2w").run()
    assert not at.exception
    assert at.query_params["period"] == "2026-10-05/2w"
    assert at.selectbox(key="f_period_biweekly").value == "2026-10-05/2w"
    assert at.selectbox(key=view.PERIOD_KEY).value == "2026-10-05/2w"


# -- the scoreboard -------------------------------------------------------------------------------


def test_the_scoreboard_is_the_engines(open_page, con) -> None:
    retro = default_retro(con)
    board = scoreboard(con, Filters(retro.period), retro)
    at = open_page()
    shown = at.dataframe[0].value
    assert shown["indicator"].str.startswith(tuple(t(LABELS[k], "en") for k in LABELS)).all()
    assert len(shown) == board.indicators.height == 12
    for i, r in enumerate(board.indicators.iter_rows(named=True)):
        assert shown["indicator"][i].startswith(t(LABELS[r["indicator"]], "en"))
        assert shown["value"][i] == format_value(r["value"], r["unit"], "en")
        assert shown["previous"][i] == format_value(r["previous_value"], r["unit"], "en")
        assert shown["last_year"][i] == format_value(r["last_year_value"], r["unit"], "en")
        same_snapshot = r["snapshot_date"] is not None and r["snapshot_date"] == r["previous_snapshot_date"]
        expected = "—" if same_snapshot else format_change(r["change"], r["relative_change"], r["unit"], "en")
        assert shown["change_previous"][i] == expected
        # The trend: the eight periods' values, oldest first.
        trend = board.trend.filter(pl.col("indicator") == r["indicator"]).sort("period_start")["value"].to_list()
        assert len(trend) == 8
        assert list(shown["trend"][i]) == pytest.approx(
            [v if v is not None else float("nan") for v in trend], nan_ok=True
        )
    # Changes are coloured by their business meaning: the amount fell (bad, red), new leads rose (good, green),
    # the conversion cycle shortened (good: lower is better), the average ticket has no good direction.
    rows = {r["indicator"]: r for r in board.indicators.iter_rows(named=True)}
    styles = dict(zip(INDICATORS, (r["_styles"] for r in view.scoreboard_rows(board, "en")), strict=True))
    assert rows["disbursed_amount"]["change"] < 0 and styles["disbursed_amount"]["change_previous"] == f"color: {BAD}"
    assert rows["new_leads"]["change"] > 0 and styles["new_leads"]["change_previous"] == f"color: {GOOD}"
    assert rows["conversion_cycle"]["change"] < 0 and styles["conversion_cycle"]["change_previous"] == f"color: {GOOD}"
    assert styles["average_ticket"]["change_previous"] == f"color: {NEUTRAL}"
    # Attainment carries its band (the amount's base target is in the same column).
    assert shown["target"][3] == t(f"band_short_{rows['attainment']['band']}", "en")
    assert shown["target"][0] == money(rows["disbursed_amount"]["base_target"], "en")


def test_targets_per_region_and_team_are_the_engines(open_page, con) -> None:
    retro = default_retro(con)
    targets = scoreboard(con, Filters(retro.period), retro).targets
    at = open_page()
    for table, level in zip(at.dataframe[1:3], ("region", "team"), strict=True):
        expected = targets.filter(pl.col("level") == level).sort("attainment", descending=True, nulls_last=True)
        shown = table.value
        assert shown["name"].tolist() == expected["name"].to_list()
        assert shown["amount"].tolist() == pytest.approx([float(a) for a in expected["amount"]])
        assert shown["attainment"].tolist() == pytest.approx([a * 100 for a in expected["attainment"]])
        assert shown["month_attainment"].tolist() == pytest.approx([a * 100 for a in expected["month_attainment"]])
        # The demo is built as of 2026-11-20: November is unfinished, so its pacing is shown.
        assert shown["month_pacing"].tolist() == pytest.approx([a * 100 for a in expected["month_pacing"]])


def test_the_dimension_filters_narrow_the_review(open_page, con) -> None:
    retro = default_retro(con)
    filters = Filters(retro.period, region_ids=("R06",))
    board = scoreboard(con, filters, retro)
    at = open_page(region="R06")
    shown = at.dataframe[0].value
    assert shown["value"][0] == format_value(board.indicators["value"][0], "money", "en")
    assert "Northwest China" in at.caption[0].value  # the scope in words
    at = open_page(tab="findings", region="R06")
    assert len(finding_markdowns(at)) == len(find_all(con, filters, retro))


# -- the findings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_findings_are_the_engines(open_page, con, lang) -> None:
    retro = default_retro(con)
    expected = find_all(con, Filters(retro.period), retro)
    assert expected, "the small demo has findings"
    at = open_page(tab="findings", lang=lang)
    shown = finding_markdowns(at)
    assert len(shown) == len(expected)
    # The page's order is the engine's, which is the report's: the Top, then the rest by kind.
    assert expected == ordered_findings(expected)
    for line, finding in zip(shown, expected, strict=True):
        # The same statement as the report's (the engine's text, filled with the app's formats).
        assert line.endswith(view.escape(statement(finding, lang)))
        assert t(f"severity_{finding.severity}", lang) in line
    top = [f for f in expected if f.top]
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings == [f"#### {t('retro_top', lang, n=len(top))}", f"#### {t('retro_by_kind', lang)}"]
    assert len([b for b in at.button if (b.key or "").startswith("retro_open_")]) == len(expected)
    # No caption sends the reader to a developer file; "how found" is a popover in the page's language.
    assert not any(".md" in c.value or ".py" in c.value for c in at.caption)
    popover = [p for p in at.get("popover") if p.proto.popover.label == t("retro_how_found", lang)]
    assert len(popover) == 1
    text = " ".join(m.value for m in at.markdown)
    for kind in FINDING_KINDS:
        assert t(f"retro_how_{kind}", lang) in text


def test_top_5_then_the_rest_by_kind_collapsed(open_page, con) -> None:
    retro = default_retro(con)
    expected = find_all(con, Filters(retro.period), retro)
    top = [f for f in expected if f.top]
    # Five places, one per question of the meeting (targets below and above share one), the most money first.
    assert len(top) == 5
    assert [f.materiality for f in top] == sorted((f.materiality for f in top), reverse=True)
    topics = [{"target_bonus": "target_below"}.get(f.kind, f.kind) for f in top]
    assert len(set(topics)) == 5
    at = open_page(tab="findings")
    rest = [f for f in expected if not f.top]
    kinds = list(dict.fromkeys(f.kind for f in rest))
    expanders = at.expander
    assert [e.label for e in expanders] == [f"{t(f'kind_{k}', 'en')} · {sum(f.kind == k for f in rest)}" for k in kinds]
    assert all(not e.proto.expanded for e in expanders)  # collapsed
    # The Top's cards come before the groups; each group holds its kind's findings.
    first_group = finding_markdowns(at)[len(top)]
    assert first_group.endswith(view.escape(statement(rest[0], "en")))


def test_the_findings_filter_by_kind_and_by_region_or_team(open_page, con) -> None:
    retro = default_retro(con)
    expected = find_all(con, Filters(retro.period), retro)
    d = dimensions(con)
    at = open_page(tab="findings")
    at.multiselect(key=view.KINDS_KEY).set_value(["early_warning"]).run()
    assert not at.exception
    wanted = [f for f in expected if f.kind == "early_warning"]
    assert len(finding_markdowns(at)) == len(wanted)
    for line, finding in zip(finding_markdowns(at), wanted, strict=True):
        assert line.endswith(view.escape(statement(finding, "en")))
    assert all(e.proto.expanded for e in at.expander)  # a filtered group is open
    at.multiselect(key=view.KINDS_KEY).set_value([]).run()
    # Region R06: the findings about R06, its teams, account managers and customers.
    choices = at.selectbox(key=view.PLACE_KEY).options
    assert f"{t('region', 'en')} · Northwest China" in choices
    at.selectbox(key=view.PLACE_KEY).set_value("region:R06").run()
    assert not at.exception
    in_r06 = [f for f in expected if view.finding_place(f, d)[0] == "R06"]
    assert in_r06, "the demo's R06 has findings (its early warning)"
    assert len(finding_markdowns(at)) == len(in_r06)
    assert any(f.kind == "early_warning" and f.subject_id == "R06" for f in in_r06)
    # A team: only its own findings (team T010's funnel story, when it is shown).
    team = next(f for f in expected if f.subject_level == "team")
    at.selectbox(key=view.PLACE_KEY).set_value(f"team:{team.subject_id}").run()
    in_team = [f for f in expected if view.finding_place(f, d)[1] == team.subject_id]
    assert len(finding_markdowns(at)) == len(in_team) >= 1


def test_every_statement_equals_the_reports_in_both_languages(con) -> None:
    retro = default_retro(con)
    for finding in find_all(con, Filters(retro.period), retro):
        for lang in ("en", "zh"):
            assert view.statement(finding, lang) == statement(finding, lang)


def test_a_findings_open_button_opens_its_page_with_its_filters(open_page, con) -> None:
    retro = default_retro(con)
    findings = find_all(con, Filters(retro.period), retro)
    index, finding = next((i, f) for i, f in enumerate(f for f in findings if f.top) if "team" in f.link_params)
    at = open_page(tab="findings")
    click(at, f"retro_open_top_{index}")
    assert [h.value for h in at.title] == [t(f"{finding.page}_title", "en")]
    assert at.query_params["team"] == finding.link_params["team"]
    assert at.multiselect(key="f_team").value == [finding.link_params["team"]]


# -- notes and action items -----------------------------------------------------------------------


def test_summary_and_action_item_survive_a_restart(open_page, con, store_file) -> None:
    retro = default_retro(con)
    at = open_page(tab="notes")
    at.text_input(key=view.AUTHOR_KEY).input("Chen Jing")
    at.text_area(key=f"retro_summary|{RetroKey(retro.period.start)}").input("Disbursement fell 60%: R04 and R01.")
    click(at, "retro_save_summary")
    assert [s.value for s in at.success] == [t("retro_summary_saved", "en", version=1)]
    at.text_input(key="retro_new_what").input("Visit the R06 branch heads about collections")
    at.text_input(key="retro_new_owner").input("Wang Fang")
    at.date_input(key="retro_new_due").set_value(date(2026, 11, 27))
    at.button(key="FormSubmitter:retro_new_item-Add").click().run()
    assert not at.exception

    # A restarted app (a new session, a new store object) shows both.
    again = open_page(tab="notes")
    assert again.text_area(key=f"retro_summary|{RetroKey(retro.period.start)}").value == (
        "Disbursement fell 60%: R04 and R01."
    )
    items = again.dataframe[0].value
    assert items["what"].tolist() == ["Visit the R06 branch heads about collections"]
    assert items["owner"].tolist() == ["Wang Fang"]
    assert items["status"].tolist() == ["open"]
    # And the store holds them, with who saved.
    stored = RetroStore(store_file)
    key = RetroKey(retro.period.start)
    assert stored.summary(key).saved_by == "Chen Jing"
    assert [(i.what, i.due_date) for i in stored.items(key)] == [
        ("Visit the R06 branch heads about collections", date(2026, 11, 27))
    ]


def test_an_action_item_needs_a_description(open_page, con, store_file) -> None:
    at = open_page(tab="notes")
    at.button(key="FormSubmitter:retro_new_item-Add").click().run()
    assert [e.value for e in at.error] == [t("retro_need_what", "en")]
    assert RetroStore(store_file).items(RetroKey(default_retro(con).period.start)) == []


def test_a_conflicting_save_shows_their_text_and_keeps_it(open_page, con, store_file) -> None:
    key = RetroKey(default_retro(con).period.start)
    widget = f"retro_summary|{key}"
    at = open_page(tab="notes")
    assert at.text_area(key=widget).value == ""
    # Meanwhile a colleague saves first.
    RetroStore(store_file).save_summary(key, "R06 overdue is the priority.", 0, author="Li Wei")
    at.text_area(key=widget).input("Mine: the funnel at T010.")
    click(at, "retro_save_summary")
    assert len(at.error) == 1 and "Li Wei" in at.error[0].value
    assert "R06 overdue is the priority." in [x.value for x in at.text]  # their text, shown
    assert at.text_area(key=widget).value == "Mine: the funnel at T010."  # mine, still in the editor
    assert RetroStore(store_file).summary(key).text == "R06 overdue is the priority."  # theirs, not overwritten

    # Merging puts their text above mine; the save then goes through over their version.
    click(at, "retro_conflict_merge")
    assert at.text_area(key=widget).value == "R06 overdue is the priority.\n\nMine: the funnel at T010."
    assert not at.error
    click(at, "retro_save_summary")
    saved = RetroStore(store_file).summary(key)
    assert (saved.text, saved.version) == ("R06 overdue is the priority.\n\nMine: the funnel at T010.", 2)


def test_an_untouched_editor_follows_a_newer_save(open_page, con, store_file) -> None:
    key = RetroKey(default_retro(con).period.start)
    at = open_page(tab="notes")
    RetroStore(store_file).save_summary(key, "Saved elsewhere.", 0, author="Li Wei")
    at.run()
    assert at.text_area(key=f"retro_summary|{key}").value == "Saved elsewhere."
    assert [w.value for w in at.warning] == [t("demo_mode_banner", "en")] and not at.error


def test_earlier_open_items_can_be_closed_dropped_or_carried(open_page, con, store_file) -> None:
    retro = default_retro(con)
    now, before = RetroKey(retro.period.start), RetroKey(retro.previous.start)
    store = RetroStore(store_file)
    done = store.add_item(before, "Call the largest R06 customers", "Wang Fang")
    dropped = store.add_item(before, "Print the old funnel report", "Zhao Min")
    carried = store.add_item(before, "Coach T010 on meetings", "Zhao Min", date(2026, 11, 6))
    other_scope = store.add_item(RetroKey(retro.previous.start, "region=R01"), "Not for the company meeting")

    at = open_page(tab="notes")
    form_title = f"**{t('retro_add_item', 'en')}**"
    waiting = [m.value for m in at.markdown if m.value.startswith("**") and m.value != form_title]
    assert [w.split("**")[1] for w in waiting] == [done.what, dropped.what, carried.what]
    click(at, f"retro_done_{done.item_id}_1")
    click(at, f"retro_dropped_{dropped.item_id}_1")
    click(at, f"retro_carried_{carried.item_id}_1")
    assert [s.value for s in at.success] == [t("retro_decided_carried", "en", what=carried.what)]
    assert [i.status for i in store.items(before)] == ["done", "dropped", "carried"]
    (copy,) = store.items(now)
    assert (copy.what, copy.owner, copy.due_date, copy.status, copy.carried_from) == (
        carried.what,
        "Zhao Min",
        date(2026, 11, 6),
        "open",
        carried.item_id,
    )
    assert store.item(other_scope.item_id).status == "open"
    # Nothing waits any more; the carried item is this meeting's.
    assert not [b for b in at.button if (b.key or "").startswith("retro_done_")]
    assert at.dataframe[0].value["what"].tolist() == [carried.what]


def test_deciding_on_an_item_someone_else_changed_reports_it(open_page, con, store_file) -> None:
    retro = default_retro(con)
    store = RetroStore(store_file)
    item = store.add_item(RetroKey(retro.previous.start), "Call the largest R06 customers")
    at = open_page(tab="notes")
    store.drop(item, author="Li Wei")  # a colleague drops it first
    click(at, f"retro_done_{item.item_id}_1")
    assert len(at.error) == 1 and "Li Wei" in at.error[0].value
    assert store.item(item.item_id).status == "dropped"


def test_editing_an_item_saves_it_over_its_version(con, store_file, monkeypatch) -> None:
    """The items editor's callback: an edit is saved; an edit of an item changed meanwhile is refused and reported."""
    store = RetroStore(store_file)
    key = RetroKey(default_retro(con).period.start)
    first = store.add_item(key, "Call the largest R06 customers", "Wang Fang")
    second = store.add_item(key, "Coach T010 on meetings", "Zhao Min")
    items = store.items(key)
    store.update_item(replace(second, owner="Li Wei"), author="Li Wei")  # changed by someone else meanwhile
    state = {
        view._items_widget(key, items): {
            "edited_rows": {0: {"status": "done", "due_date": "2026-11-30"}, 1: {"what": "Coach T010"}}
        }
    }
    monkeypatch.setattr(view.st, "session_state", state)
    view._save_item_edits(store, key, items, "en")
    assert (store.item(first.item_id).status, store.item(first.item_id).due_date) == ("done", date(2026, 11, 30))
    assert store.item(second.item_id).what == "Coach T010 on meetings"  # not overwritten
    ((_, kind, text),) = state[view._FLASH]
    assert kind == "error" and "Li Wei" in text


# -- report, empty state, texts -------------------------------------------------------------------


def test_the_report_download_is_the_reports(con, store_file) -> None:
    retro = default_retro(con)
    filters = Filters(retro.period)
    store = RetroStore(store_file)
    store.save_summary(RetroKey(retro.period.start), "Summary for the report.", 0)
    rv = view.Review(retro, filters, RetroKey(retro.period.start), "x", True)
    findings = find_all(con, filters, retro)
    page = view.report_file(con, rv, store, "zh", "html", findings)
    direct = to_html(build_report(con, filters, retro, store, "zh", generated_at="-"))
    generated = page.split('<span id="generated-at">')[1].split("</span>")[0]
    assert page.replace(generated, "-") == direct
    assert "Summary for the report." in page
    assert view.report_file(con, rv, store, "en", "xlsx")[:2] == b"PK"  # the findings computed by the report


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


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_scope_that_matches_nothing_shows_the_empty_state(open_page, con, lang) -> None:
    officer, channel = nothing_matches(con)
    at = open_page(lang=lang, officer=officer, channel=channel)
    assert [i.value for i in at.info] == [t("empty_selection", lang)]
    assert not at.tabs and not at.dataframe


def test_the_reports_labels_say_the_same_on_the_page() -> None:
    shared = REPORT_TEXT.keys() & TEXT.keys()
    assert {"kind_funnel_flag", "severity_alert", "status_open", "figure_loss", "col_what"} <= shared
    assert {k: TEXT[k] for k in shared} == {k: REPORT_TEXT[k] for k in shared}
    assert all(TEXT[k] is STATEMENTS[k] for k in STATEMENTS)  # the engine's statements, not a copy


def test_the_open_tab_stays_open_across_a_language_switch(open_page) -> None:
    at = open_page(tab="findings")
    assert [s.value for s in at.subheader][0] == t("section_findings", "en")
    at.segmented_control(key="language_switch").set_value("zh").run()
    assert not at.exception
    assert [s.value for s in at.subheader][0] == t("section_findings", "zh")


# -- a store that cannot be used -------------------------------------------------------------------

# Each damage in one of the two languages (both languages are covered across the cases).
DAMAGE_LANGS = [(case, ("en", "zh")[i % 2]) for i, case in enumerate(sorted(DAMAGES))]


@pytest.mark.parametrize(("case", "lang"), DAMAGE_LANGS)
def test_a_damaged_store_is_reported_on_the_page_and_not_written(open_page, store_file, case, lang) -> None:
    damaged_store(store_file, case)
    before = snapshot(store_file)
    with pytest.raises(StoreError) as opened:
        RetroStore(store_file)
    at = open_page(tab="notes", lang=lang)  # no exception: the page goes on without notes
    expected = view.store_error_text(opened.value, lang)
    assert [e.value for e in at.error] == [expected]
    assert expected == t(
        f"retro_store_{DAMAGES[case][1]}",
        lang,
        path=str(store_file),
        detail=view.escape(opened.value.detail),
        known=SCHEMA_VERSION,
    )
    assert f"`{store_file}`" in expected
    # Users live in the store: the app fails closed, no page and no data until it is repaired (issue 9.5).
    assert not at.metric and not at.dataframe and not at.text_input
    assert not at.text_area and not at.get("form")  # no editor, nothing to save
    assert snapshot(store_file) == before


def test_in_english_the_page_says_what_the_command_line_says(open_page, store_file) -> None:
    damaged_store(store_file, "newer_schema")
    with pytest.raises(StoreError) as opened:
        RetroStore(store_file)
    at = open_page(tab="scoreboard")
    assert [e.value for e in at.error] == [str(opened.value)]
    assert not at.dataframe  # users live in the store: no data while it cannot be read (issue 9.5)


def test_a_store_is_created_by_the_first_save_and_its_disappearance_is_reported(open_page, con, store_file) -> None:
    at = open_page(tab="notes")
    assert not store_file.exists() and not at.error  # opening the page creates nothing
    at.text_input(key="retro_new_what").input("Visit the R06 branch heads about collections")
    at.button(key="FormSubmitter:retro_new_item-Add").click().run()
    assert not at.exception and store_file.exists()

    store_file.unlink()  # e.g. a clean-up script, or a disk swapped under the app
    at.run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith(f"The retrospective store `{store_file}` was created on ")
    assert "is missing now" in error.value
    # Nothing recreates it silently: not the next run, not the page's own save.
    at.run()
    assert not store_file.exists()


def test_a_save_into_a_store_that_vanished_or_stays_locked_does_not_raise(con, store_file, monkeypatch) -> None:
    """The notes callbacks run before the page's check of the store: they neither raise nor recreate the store;
    a lock held too long is reported as a message (the page's check reports the other problems)."""
    store = RetroStore(store_file)
    key = RetroKey(default_retro(con).period.start)
    store.add_item(key, "Call the largest R06 customers")
    state = {"retro_new_what": "Added after the file went away"}
    monkeypatch.setattr(view.st, "session_state", state)
    store_file.unlink()
    view._add_item(store, key, "en")
    assert not store_file.exists() and view._FLASH not in state

    def locked(*args, **kwargs):
        raise StoreError("busy", store_file, "database is locked")

    monkeypatch.setattr(RetroStore, "add_item", locked)
    view._add_item(store, key, "zh")
    ((_, kind, text),) = state[view._FLASH]
    assert kind == "error"
    assert text == t("retro_store_busy", "zh", path=str(store_file), detail="database is locked", known=SCHEMA_VERSION)
