"""The retrospective report: what build_report gathers, the self-contained HTML, the workbook, the command line."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import fastexcel
import polars as pl
import pytest
from plotly.offline import get_plotlyjs

from pipelines.__main__ import main
from pipelines.queries.filters import Filters, Scope
from pipelines.queries.overview import INDICATORS
from pipelines.retro import Finding
from pipelines.retro.periods import default_retro_period
from pipelines.retro.report import (
    BAND_COLOURS,
    HEADER_ROWS,
    REPORT_TEXT,
    Report,
    build_report,
    finding_link,
    findings_frame,
    sections,
    statement,
    text,
    to_excel,
    to_html,
)
from pipelines.retro.store import RetroKey, RetroStore
from pipelines.warehouse import connect
from tests.conftest import REPO
from tests.damaged_stores import DAMAGES, damaged_store, make_store, snapshot

PERIOD = "2026-11-02/2w"
# The demo's as-of date is 2026-11-20 and biweekly periods start on 2024-01-01 + 14k days: the period
# containing 2026-11-20 is 11-16..11-29 (unfinished), so the last complete one is 11-02..11-15
# (2026-11-02 − 2024-01-01 = 1036 days = 74 × 14).
PERIOD_START, PERIOD_END = date(2026, 11, 2), date(2026, 11, 15)
EARLIER = date(2026, 10, 19)


def hand_findings() -> list[Finding]:
    """One finding of each of four kinds, with figures worked by hand; the last has a statement key nobody knows."""
    return [
        Finding(
            kind="disbursement_change",
            severity="good",
            subject_level="region",
            subject_id="R01",
            subject_name="East China",
            statement_key="retro_change_contributor",
            values={
                "level": "region",
                "name": "East China",
                "amount": 3_000_000.0,
                "previous_amount": 1_800_000.0,
                "contribution": 1_200_000.0,  # 3.0M − 1.8M
                "total_change": 1_000_000.0,
                "share_of_change": 1.2,  # 1.2M / 1.0M
            },
            page="teams",
            link_params={"period": PERIOD, "drill": "region:R01"},
            rank=1_200_000.0,
        ),
        Finding(
            kind="disbursement_change",
            severity="watch",
            subject_level="team",
            subject_id="T010",
            subject_name="North Direct 1",
            statement_key="retro_change_contributor",
            values={
                "level": "team",
                "name": "North Direct 1",
                "amount": 300_000.0,
                "previous_amount": 500_000.0,
                "contribution": -200_000.0,
                "total_change": 1_000_000.0,
                "share_of_change": -0.2,
            },
            page="teams",
            link_params={"period": PERIOD, "drill": "team:T010"},
            rank=200_000.0,
        ),
        Finding(
            kind="target_bonus",
            severity="good",
            subject_level="team",
            subject_id="T001",
            subject_name="East China Direct 1",
            statement_key="retro_target_bonus",
            values={
                "name": "East China Direct 1",
                "attainment": 1.3,  # 1.3M of a 1.0M prorated target
                "amount": 1_300_000.0,
                "base_target": 1_000_000.0,
                "bonus_from": 1.2,
                "band": "bonus",
            },
            page="disbursement",
            link_params={"period": PERIOD, "team": "T001"},
            rank=1.3,
        ),
        Finding(
            kind="early_warning",
            severity="alert",
            subject_level="region",
            subject_id="R06",
            subject_name="Northwest China",
            statement_key="retro_early_warning",
            values={
                "level": "region",
                "name": "Northwest China",
                "overdue_rate": 0.081,
                "threshold": 0.05,
                "history_mean": 0.03,
                "lookback": 6,
                "snapshot_date": date(2026, 10, 31),
                "region_id": "R06",
            },
            page="credit",
            link_params={"period": PERIOD, "region": "R06"},
            rank=3.0,
        ),
        Finding(
            kind="strategic_customer_at_risk",
            severity="alert",
            subject_level="customer",
            subject_id="C123",
            subject_name="C123",
            statement_key="not_a_known_statement",
            values={"segment": "at_risk", "monetary": 6_000_000.0},
            page="customers",
            link_params={},
            rank=6_000_000.0,
        ),
    ]


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(demo_warehouse)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> RetroStore:
    """A store with this period's summary and items, and items of the retrospective before."""
    store = RetroStore(tmp_path_factory.mktemp("retro") / "retro.sqlite")
    now, before = RetroKey(PERIOD_START), RetroKey(EARLIER)
    store.save_summary(now, "Volume fell on the previous period.\nR06: <b>collections first</b> & 催收.", 0, "Director")
    store.add_item(now, "Collections plan for R06", owner="Risk", due_date=date(2026, 11, 30))
    store.close(store.add_item(now, "Send the targets", owner="Finance"))
    store.add_item(before, "Coach O0003 on early quality", owner="Head T001")  # open: waits for this meeting
    store.close(store.add_item(before, "Already done"))  # closed: does not
    store.add_item(RetroKey(EARLIER, "region=R06"), "R06's own item")  # another scope: does not
    return store


@pytest.fixture(scope="module")
def report(con, store) -> Report:
    retro = default_retro_period(con)
    return build_report(con, Filters(retro.period), retro, store, "en", findings=hand_findings())


@pytest.fixture(scope="module")
def report_zh(con, store) -> Report:
    retro = default_retro_period(con)
    return build_report(con, Filters(retro.period), retro, store, "zh", findings=hand_findings())


@pytest.fixture(scope="module")
def html_en(report: Report) -> str:
    return to_html(report)


# -- what the report gathers ----------------------------------------------------------------------


def test_build_report_gathers_scoreboard_findings_summary_and_items(report: Report) -> None:
    assert (report.retro.period.start, report.retro.period.end) == (PERIOD_START, PERIOD_END)
    assert report.key == RetroKey(PERIOD_START, "all") and report.scope_rows == ()
    assert report.as_of == date(2026, 11, 20)
    assert report.scoreboard.indicators["indicator"].to_list() == list(INDICATORS)
    assert report.scoreboard.trend["period_start"].n_unique() == 8
    assert list(report.findings) == hand_findings()
    assert report.summary.text.startswith("Volume fell") and report.summary.saved_by == "Director"
    assert [(i.what, i.status) for i in report.action_items] == [
        ("Collections plan for R06", "open"),
        ("Send the targets", "done"),
    ]
    assert [i.what for i in report.earlier_open_items] == ["Coach O0003 on early quality"]
    assert report.band_bounds == (0.8, 1.0, 1.2)  # the configured defaults


def test_a_scoped_report_reads_the_scopes_own_retrospective(con, store) -> None:
    retro = default_retro_period(con)
    filters = Filters(retro.period, region_ids=("R06",))
    scoped = build_report(con, filters, retro, store, "en", findings=[])
    assert scoped.key == RetroKey(PERIOD_START, "region=R06")
    assert scoped.scope_rows == (("Region", "Northwest China (R06)"),)
    assert scoped.summary.version == 0 and scoped.action_items == ()
    assert [i.what for i in scoped.earlier_open_items] == ["R06's own item"]
    assert set(scoped.scoreboard.targets.filter(pl.col("level") == "region")["value"]) == {"R06"}
    # A head whose access is limited to R06 and who filters nothing holds the same meeting.
    restricted = build_report(
        con, Filters(retro.period, scope=Scope(region_ids=("R06",))), retro, store, "en", findings=[]
    )
    assert (restricted.key, restricted.scope_rows, restricted.earlier_open_items) == (
        scoped.key,
        scoped.scope_rows,
        scoped.earlier_open_items,
    )


def test_a_report_without_a_store_has_an_empty_summary(con) -> None:
    retro = default_retro_period(con)
    bare = build_report(con, Filters(retro.period), retro, None, "en", findings=[])
    assert (bare.summary.text, bare.summary.version, bare.action_items, bare.earlier_open_items) == ("", 0, (), ())
    assert text("no_findings", "en") in to_html(bare) and text("no_summary", "en") in to_html(bare)


def test_unknown_language_is_refused(con) -> None:
    retro = default_retro_period(con)
    with pytest.raises(ValueError, match="unknown language"):
        build_report(con, Filters(retro.period), retro, None, "fr", findings=[])


# -- statements --------------------------------------------------------------------------------------


def test_statements_are_the_engines_texts_in_the_reports_formats() -> None:
    contribution, decline, bonus, warning, unknown = hand_findings()
    # ¥ with K/M/B (two decimals below 100): 1,800,000 → ¥1.80M; changes carry their sign.
    assert statement(contribution, "en") == (
        "Region East China: disbursed amount ¥1.80M → ¥3.00M (+¥1.20M), 120.0% of the total change of +¥1.00M"
    )
    assert statement(decline, "en") == (
        "Team North Direct 1: disbursed amount ¥500.0K → ¥300.0K (-¥200.0K), -20.0% of the total change of +¥1.00M"
    )
    assert statement(bonus, "en") == (
        "Team East China Direct 1 reached 130.0% of its prorated target (¥1.30M of ¥1.00M): bonus tier (from 120.0%)"
    )
    # 万 in Chinese: 1,300,000 = 130.0万 (one decimal from 100 up).
    assert (
        statement(bonus, "zh")
        == "团队 East China Direct 1 目标达成率 130.0% (¥130.0万 / ¥100.0万), 进入奖励档 (≥ 120.0%)"
    )
    assert statement(warning, "en") == (
        "Region Northwest China: overdue rate 8.1% on 2026-10-31, above its early-warning threshold 5.0% "
        "(mean of its previous 6 month-ends 3.0%)"
    )
    # No text for the key: the subject and its figures, plainly, rather than a failed report.
    assert statement(unknown, "en") == "C123: Segment now At risk, Borrowed in the window ¥6.00M"


def test_finding_links_keep_the_period_readable() -> None:
    contribution = hand_findings()[0]
    assert finding_link(contribution) == "teams?period=2026-11-02/2w&drill=region:R01"
    assert finding_link(contribution, "http://dash.local:8501/") == (
        "http://dash.local:8501/teams?period=2026-11-02/2w&drill=region:R01"
    )
    assert finding_link(hand_findings()[-1]) == "customers"


# -- HTML ------------------------------------------------------------------------------------------

SECTION_IDS = ("scoreboard", "trends", "targets", "findings", "summary", "actions")


class _Resources(HTMLParser):
    """Every place an HTML file can make a browser fetch something, outside the script bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "poster", "action", "background", "xlink:href"):
                self.references.append((tag, name, value or ""))
            if name == "style":
                self.css.append(value or "")

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def test_the_html_has_every_section_and_chart(report: Report, html_en: str) -> None:
    for section in SECTION_IDS:
        assert f'<section id="{section}">' in html_en
    charts = re.findall(r'<div class="chart" data-chart="([^"]+)">', html_en)
    # 12 trend charts, attainment by region and by team, one chart per kind of finding present (4 kinds).
    assert charts == [
        *(f"trend-{indicator}" for indicator in INDICATORS),
        "targets_region",
        "targets_team",
        "finding-disbursement_change",
        "finding-target_bonus",
        "finding-early_warning",
        "finding-strategic_customer_at_risk",
    ]
    assert html_en.count("Plotly.newPlot(") == len(charts)
    # Scoreboard: a row per indicator, with its label; findings: each statement; summary and items.
    assert html_en.count("<tr>") >= 12
    for finding in hand_findings():
        assert statement(finding, "en").replace("&", "&amp;").replace(">", "&gt;") in html_en
    assert "Collections plan for R06" in html_en and "Coach O0003 on early quality" in html_en
    assert "Already done" not in html_en and "R06's own item" not in html_en


def test_plotly_js_is_inlined_once_and_nothing_is_fetched(html_en: str) -> None:
    library = get_plotlyjs()
    assert html_en.count(library) == 1
    assert html_en.count("<script") == 1 + html_en.count("Plotly.newPlot(")  # the library, then one per chart
    parsed = _Resources()
    parsed.feed(html_en)
    assert "link" not in parsed.tags and "img" not in parsed.tags and "iframe" not in parsed.tags
    # The only references are anchors within the page (no app address was given).
    assert parsed.references and all(tag == "a" and value.startswith("#") for tag, _, value in parsed.references)
    css = "\n".join(parsed.css)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    markup = re.sub(r"<script[^>]*>.*?</script>", "", html_en, flags=re.S)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", markup)


def test_with_the_apps_address_findings_link_to_their_views(con, store) -> None:
    retro = default_retro_period(con)
    linked = build_report(
        con, Filters(retro.period), retro, store, "en", findings=hand_findings(), app_url="http://dash.local:8501"
    )
    parsed = _Resources()
    parsed.feed(to_html(linked))
    outside = [value for tag, _, value in parsed.references if not value.startswith("#")]
    assert outside == [
        "http://dash.local:8501/teams?period=2026-11-02/2w&drill=region:R01",
        "http://dash.local:8501/teams?period=2026-11-02/2w&drill=team:T010",
        "http://dash.local:8501/disbursement?period=2026-11-02/2w&team=T001",
        "http://dash.local:8501/credit?period=2026-11-02/2w&region=R06",
        "http://dash.local:8501/customers",
    ]
    assert {tag for tag, _, value in parsed.references} == {"a"}  # hyperlinks to follow, not resources to fetch


def test_what_people_typed_is_escaped(html_en: str) -> None:
    assert "&lt;b&gt;collections first&lt;/b&gt; &amp; 催收" in html_en
    assert "<b>collections first</b>" not in html_en


def test_the_chinese_report_uses_chinese_labels_and_wan(report_zh: Report) -> None:
    page = to_html(report_zh)
    assert '<html lang="zh-CN">' in page
    for key in ("section_scoreboard", "section_trends", "section_findings", "section_summary", "section_actions"):
        assert f"<h2>{REPORT_TEXT[key]['zh']}</h2>" in page
    assert "放款金额" in page and "进行中" in page and "已完成" in page
    assert "万" in page


def test_the_html_is_the_same_for_the_same_report(report: Report, html_en: str, monkeypatch) -> None:
    assert to_html(report) == html_en  # chart ids are numbered, not random
    # ... and it does not depend on plotly's process-wide default template, which the app changes (ui/charts.py):
    # the command line and the page must write the same file.
    import plotly.io as pio

    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    assert to_html(report) == html_en


def test_the_report_runs_without_streamlit() -> None:
    code = "import sys, pipelines.retro.report, pipelines.__main__; print('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_band_colours_are_the_apps() -> None:
    from ui.charts import BAND_COLOURS as APP_BAND_COLOURS

    assert BAND_COLOURS == APP_BAND_COLOURS


# -- Excel -----------------------------------------------------------------------------------------


def read_workbook(content: bytes) -> dict[str, pl.DataFrame]:
    reader = fastexcel.read_excel(content)
    return {name: reader.load_sheet(name, header_row=HEADER_ROWS).to_polars() for name in reader.sheet_names}


def test_the_workbook_has_one_sheet_per_section_with_the_right_rows(report: Report) -> None:
    sheets = read_workbook(to_excel(report))
    assert list(sheets) == [
        "Scoreboard",
        "Trends (last eight periods)",
        "Target attainment and pacing",
        "Findings",
        "Summary",
        "Action items",
    ]
    scoreboard = sheets["Scoreboard"]
    assert scoreboard["Indicator"].to_list()[:3] == ["Disbursed amount", "Disbursed count", "Average ticket"]
    assert scoreboard.height == 12
    indicators = report.scoreboard.indicators
    # Rounded as shown: days to one decimal (at most 0.05 off), ratios to four, money to the cent.
    assert scoreboard["This period"].to_list() == pytest.approx(indicators["value"].to_list(), nan_ok=True, abs=0.05)
    assert scoreboard["Same period last year"].to_list() == pytest.approx(
        indicators["last_year_value"].to_list(), nan_ok=True, abs=0.05
    )
    trends = sheets["Trends (last eight periods)"]
    assert trends.height == 8 and trends["Period start"].dt.date().to_list()[-1] == PERIOD_START
    targets = sheets["Target attainment and pacing"]
    assert targets.height == report.scoreboard.targets.height > 0
    # Numbers are written rounded as shown: money to the cent, ratios to four decimals, never a raw float
    # (a prorated target such as 12,189,333.333333334 is 12,189,333.33).
    for sheet in (scoreboard, targets):
        for column, dtype in sheet.schema.items():
            if dtype == pl.Float64:
                values = [v for v in sheet[column].to_list() if v is not None]
                assert all(round(v, 4) == v for v in values), column
    assert all(round(v, 2) == v for v in targets["Base target"].drop_nulls().to_list())
    assert targets["Base target"].drop_nulls().to_list() == pytest.approx(
        report.scoreboard.targets["base_target"].drop_nulls().to_list(), abs=0.005
    )
    findings = sheets["Findings"]
    assert findings["Subject"].to_list() == [f.subject_name for f in hand_findings()]
    assert findings["Statement"].to_list() == [statement(f, "en") for f in hand_findings()]
    assert findings["Link"].to_list()[0] == "teams?period=2026-11-02/2w&drill=region:R01"
    summary = dict(zip(sheets["Summary"]["Field"], sheets["Summary"]["Text"], strict=True))
    assert summary["Summary"] == report.summary.text and summary["Saved by"] == "Director"
    items = sheets["Action items"]
    assert items["What"].to_list() == ["Collections plan for R06", "Send the targets", "Coach O0003 on early quality"]
    assert items["Group"].to_list() == ["Agreed in this retrospective"] * 2 + ["Still open from earlier retrospectives"]
    assert items["Status"].to_list() == ["Open", "Done", "Open"]


def test_the_workbook_sheets_are_the_reports_sections(report_zh: Report) -> None:
    sheets = read_workbook(to_excel(report_zh))
    expected = sections(report_zh)
    assert list(sheets) == [REPORT_TEXT[key]["zh"] for key, _ in expected]
    for (_, frame), sheet in zip(expected, sheets.values(), strict=True):
        assert sheet.columns == frame.columns and sheet.height == frame.height


# -- the command line ------------------------------------------------------------------------------


def _without_timestamp(page: str) -> str:
    return re.sub(r'<span id="generated-at">[^<]*</span>', "", page)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "report", *args], cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_the_cli_report_equals_build_report(con, store, demo_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "retro.html"
    done = run_cli("--period", "latest", "--out", str(out), "--db", str(demo_warehouse), "--store", str(store.path))
    assert done.returncode == 0, done.stderr
    retro = default_retro_period(con)
    expected = build_report(con, Filters(retro.period), retro, store, "en")  # the page's call, real findings
    assert _without_timestamp(out.read_text(encoding="utf-8")) == _without_timestamp(to_html(expected))
    assert expected.findings  # the demo has findings: the comparison covers them


def test_the_cli_workbook_equals_build_report_for_a_region_in_chinese(
    con, store, demo_warehouse: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r06.xlsx"
    args = ("--period", PERIOD, "--out", str(out), "--db", str(demo_warehouse), "--store", str(store.path))
    done = run_cli(*args, "--lang", "zh", "--region", "R06")
    assert done.returncode == 0, done.stderr
    retro = default_retro_period(con)
    expected = build_report(con, Filters(retro.period, region_ids=("R06",)), retro, store, "zh")
    written, built = read_workbook(out.read_bytes()), read_workbook(to_excel(expected))
    assert list(written) == list(built)
    for name in built:
        assert written[name].equals(built[name], null_equal=True), name


def test_main_writes_the_report_in_process(demo_warehouse: Path, store: RetroStore, tmp_path: Path, capsys) -> None:
    out = tmp_path / "nested" / "report.html"
    assert main(["report", "--out", str(out), "--db", str(demo_warehouse), "--store", str(store.path)]) == 0
    assert out.exists() and "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--period", "2026-11-03/2w"), "does not start a biweekly period (they start on 2026-11-02)"),
        (("--period", "2026-11"), "a retrospective reviews a biweekly period such as 2026-11-02/2w"),
        (("--period", "someday"), "not a valid period"),
        (("--period", "2026-12-28/2w"), "starts after the warehouse's as-of date 2026-11-20"),
        (("--period", "2024-01-01/2w"), "ends before the data starts"),
        (("--region", "R99"), "unknown --region R99"),
    ],
)
def test_the_cli_refuses_bad_arguments_with_a_clear_message(
    args, message, demo_warehouse: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "report.html"
    code = main(["report", "--out", str(out), "--db", str(demo_warehouse), "--store", str(tmp_path / "s.db"), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_cli_without_a_warehouse_says_how_to_build_one(tmp_path: Path) -> None:
    done = run_cli("--out", str(tmp_path / "r.html"), "--db", str(tmp_path / "missing.duckdb"))
    assert done.returncode == 2
    assert (
        f"no warehouse at {tmp_path / 'missing.duckdb'}" in done.stderr and "python -m pipelines build" in done.stderr
    )
    assert not (tmp_path / "r.html").exists()


def test_the_cli_refuses_other_file_types(demo_warehouse: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", "--out", str(tmp_path / "r.pdf"), "--db", str(demo_warehouse)]) == 2
    assert "--out must end in .html or .xlsx" in capsys.readouterr().err


# -- a store that cannot be used -------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_the_cli_reports_a_damaged_store_in_one_sentence_and_writes_nothing(
    case: str, demo_warehouse: Path, tmp_path: Path
) -> None:
    path = damaged_store(tmp_path / "retro.sqlite", case)
    before = snapshot(path)
    out = tmp_path / "r.html"
    done = run_cli("--out", str(out), "--db", str(demo_warehouse), "--store", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    _, kind, phrase = DAMAGES[case]
    (line,) = done.stderr.splitlines()  # one sentence: the path, what is wrong, what to do
    assert line.startswith(f"error: The retrospective store `{path}` ") and phrase in line, line
    assert "python -m pipelines store restore FILE --store" in line or "move the folder away" in line
    assert snapshot(path) == before and not out.exists()


def test_the_cli_reports_a_store_that_disappeared(demo_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    make_store(path)
    path.unlink()
    done = run_cli("--out", str(tmp_path / "r.html"), "--db", str(demo_warehouse), "--store", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"The retrospective store `{path}` was created on " in done.stderr and "is missing now" in done.stderr
    assert not path.exists()


def test_the_report_of_a_store_never_created_is_empty_and_creates_nothing(
    demo_warehouse: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "retro.sqlite"
    out = tmp_path / "r.html"
    assert main(["report", "--out", str(out), "--db", str(demo_warehouse), "--store", str(path)]) == 0
    assert out.exists() and not path.exists() and not Path(f"{path}.created").exists()


def test_the_report_follows_the_pages_order(con) -> None:
    # The demo's real findings: the Top 5 first, then the rest by kind, in the engine's (the page's) order, in the
    # HTML (one <div class="finding"> each, under "Top 5" then each kind's heading) and in the workbook.
    retro = default_retro_period(con)
    report = build_report(con, Filters(retro.period), retro, None, "en")
    findings = list(report.findings)
    assert [f.top for f in findings[:5]] == [True] * 5
    page = to_html(report)
    body = page.split('<section id="findings">')[1].split("</section>")[0]
    shown = [html.unescape(p.split("</span> ", 1)[1].split("</p>")[0]) for p in body.split('<div class="finding"')[1:]]
    assert shown == [statement(f, "en") for f in findings]
    headings = [html.unescape(h.split(">", 1)[1].split("</h3>")[0]) for h in body.split("<h3")[1:]]
    rest_kinds = list(dict.fromkeys(f.kind for f in findings if not f.top))
    assert headings == [text("retro_top", "en", n=5)] + [text(f"kind_{k}", "en") for k in rest_kinds]
    sheet = findings_frame(report)
    assert sheet["Statement"].to_list() == [statement(f, "en") for f in findings]
    assert sheet["Section"].to_list()[:5] == ["Top 5"] * 5
    assert sheet["Money at stake"].to_list() == [round(f.materiality, 2) for f in findings]
