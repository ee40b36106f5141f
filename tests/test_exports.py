"""Downloads: CSV opens with Chinese intact; Excel carries the filter state above the table; file names say the
table, period and scope in safe characters; numbers are rounded as shown."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from pipelines.queries.filters import Filters, Period
from ui.exports import config_decimals, csv_bytes, download_name, excel_bytes, rounded, shown_decimals
from ui.i18n import t


def test_csv_has_a_bom_and_the_rows() -> None:
    frame = pl.DataFrame({"region": ["华东"], "amount": [1234.5]})
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["region,amount", "华东,1234.5"]


def test_excel_has_the_filter_state_then_the_table() -> None:
    frame = pl.DataFrame(
        {"team": ["T1", "T2"], "amount": [Decimal("100.25"), Decimal("7.10")], "day": [date(2026, 1, 2), None]}
    )
    data = excel_bytes(frame, "Leaderboard", [("Period", "2026-11-02 – 2026-11-15"), ("Region", "East China")])
    # Read it back, blank rows kept, with the library the app uses for Excel sources.
    sheet = fastexcel.read_excel(data).load_sheet(0, header_row=None).to_polars()
    rows = [[None if v is None else str(v) for v in r] for r in sheet.rows()]
    assert rows[3] == [None, None, None]
    assert rows[0][0] == "Leaderboard"
    assert rows[1][:2] == ["Period", "2026-11-02 – 2026-11-15"]
    assert rows[2][:2] == ["Region", "East China"]
    assert rows[4] == ["team", "amount", "day"]
    assert rows[5][:2] == ["T1", "100.25"] and rows[5][2].startswith("2026-01-02")
    assert rows[6][:2] == ["T2", "7.1"] and rows[6][2] is None


HOSTILE = ['=HYPERLINK("http://evil.example/x","click")', "+1+2", "-3", "@SUM(A1)", "\tTab", "\rCR", "a=b", "fine"]


def test_csv_neutralises_text_a_spreadsheet_would_read_as_a_formula() -> None:
    frame = pl.DataFrame({"=name": HOSTILE, "amount": [-1.5, 2, 3, 4, 5, 6, 7, 8]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"), newline="")))
    # Text starting with = + - @ tab or CR gets a leading quote (OWASP); text with "=" inside is left as it is;
    # numbers stay numbers, negative ones too.
    assert rows[0] == ["'=name", "amount"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE[:6]] + ["a=b", "fine"]
    assert rows[1][1] == "-1.5"


def test_excel_writes_text_as_strings_never_formulas() -> None:
    frame = pl.DataFrame({"officer": HOSTILE, "amount": [Decimal("-1.25")] * 8})
    data = excel_bytes(frame, "=Title", [("@Region", '=HYPERLINK("http://evil.example")')])
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    rows = fastexcel.read_excel(data).load_sheet(0, header_row=None).to_polars().rows()
    assert rows[0][0] == "=Title"
    assert rows[1][:2] == ("@Region", '=HYPERLINK("http://evil.example")')
    assert [r[0] for r in rows[4:]] == HOSTILE
    table = fastexcel.read_excel(data).load_sheet(0, header_row=3).to_polars()
    assert table["amount"].dtype == pl.Float64 and set(table["amount"]) == {-1.25}  # still a number


# -- file names ---------------------------------------------------------------------------------------------------

NOVEMBER_9 = Period(date(2026, 11, 9), date(2026, 11, 22))


def test_a_file_name_says_the_table_the_period_and_the_scope() -> None:
    assert download_name("disbursement_by_team", Filters(NOVEMBER_9, region_ids=("R06",)), "csv") == (
        "disbursement-by-team_2026-11-09_2026-11-22_region-R06.csv"
    )
    # No dimension filter: the whole company.
    assert download_name("leaderboard_region", Filters(NOVEMBER_9), "xlsx") == (
        "leaderboard-region_2026-11-09_2026-11-22_all.xlsx"
    )
    # Every dimension, in the filter bar's order, several ids joined by "+", more than three counted.
    filters = Filters(
        NOVEMBER_9,
        region_ids=("R01", "R02"),
        team_ids=("T1", "T2", "T3", "T4", "T5"),
        officer_ids=("O9",),
        product_lines=("credit",),
        channel_ids=("CH01",),
        customer_types=("business",),
    )
    assert download_name("scorecard_officer", filters, "csv") == (
        "scorecard-officer_2026-11-09_2026-11-22_region-R01+R02_team-T1+T2+3-more_officer-O9_line-credit"
        "_channel-CH01_ctype-business.csv"
    )


@pytest.mark.parametrize(
    "hostile",
    ["../../etc/passwd", "a b\\c", 'x"; rm -rf /', "华东", "CON", "<script>", "a" * 300, "\n\t", "%2e%2e"],
)
def test_a_file_name_holds_safe_characters_only_whatever_the_ids(hostile: str) -> None:
    name = download_name("leaderboard_team", Filters(NOVEMBER_9, team_ids=(hostile,)), "csv")
    assert re.fullmatch(r"[a-z0-9-]+_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_[A-Za-z0-9+_-]+\.csv", name), name
    assert ".." not in name and "/" not in name and len(name) < 120
    # Two ids with nothing safe in them still get names of their own.
    if hostile == "华东":
        other = download_name("leaderboard_team", Filters(NOVEMBER_9, team_ids=("华南",)), "csv")
        assert other != name


# -- rounding -----------------------------------------------------------------------------------------------------


def test_shown_decimals_follow_the_display_format() -> None:
    assert shown_decimals("yen") == 2 and shown_decimals("¥%,.0f") == 2  # money to the cent, whatever is shown
    assert shown_decimals("%.1f%%") == 2  # a ratio × 100: the ratio's four decimals
    assert shown_decimals("%.1f") == 1
    assert shown_decimals("localized") is None and shown_decimals("%d") is None and shown_decimals(None) is None


def test_csv_and_excel_numbers_are_rounded_as_shown() -> None:
    # A leaderboard as a page labels it: an amount and a target as money, a ratio × 100, a count, a raw ratio.
    table = pl.DataFrame(
        {
            "name": ["East", "West"],
            "amount": [12189333.333333334, 0.1 + 0.2],  # 0.30000000000000004
            "share": [48.638685690971876, 33.33333333333333],
            "loans": [18, 7],
            "ratio": [0.123456789, 2 / 3],
            "exact": [Decimal("100.25"), Decimal("7.10")],
        }
    )
    config = {
        "amount": {"label": "Disbursed amount", "type_config": {"format": "yen"}},
        "share": {"label": "Share of amount", "type_config": {"format": "%.1f%%"}},
        "loans": {"label": "Disbursed count", "type_config": {"format": "localized"}},
    }
    shown = rounded(table, config_decimals(config))
    lines = csv_bytes(shown).decode("utf-8-sig").splitlines()
    # Money 2 decimals, percentage 2 (= ratio 4), the raw ratio 4 (the CSV's own safety net), DECIMAL exact.
    assert lines == [
        "name,amount,share,loans,ratio,exact",
        "East,12189333.33,48.64,18,0.1235,100.25",
        "West,0.3,33.33,7,0.6667,7.10",
    ]
    data = excel_bytes(shown, "Leaderboard", [("Period", "2026-11-02 – 2026-11-15")])
    # The table starts under the title, one filter row and a blank row.
    sheet = fastexcel.read_excel(data).load_sheet(0, header_row=3).to_polars()
    assert sheet.columns == ["name", "amount", "share", "loans", "ratio", "exact"]
    # Excel numbers stay numbers (typed columns), rounded.
    assert all(sheet[c].dtype == pl.Float64 for c in sheet.columns[1:])
    assert sheet.row(0)[1:] == (12189333.33, 48.64, 18, 0.1235, 100.25)
    assert sheet.row(1)[1:] == (0.3, 33.33, 7, 0.6667, 7.1)


def test_a_raw_float_never_reaches_a_download() -> None:
    frame = pl.DataFrame({"ratio": [1 / 3], "small": [0.000012345], "count": [3]})
    assert csv_bytes(frame).decode("utf-8-sig").splitlines() == ["ratio,small,count", "0.3333,0.0,3"]


# -- every page's downloads, as a director gets them ---------------------------------------------------------------

# Each page in a default view and a drilled / filtered one: (page, URL parameters).
PAGE_VIEWS = [
    ("funnel", {}),
    ("disbursement", {}),
    ("disbursement", {"drill": "region:R01", "period": "2026-10"}),
    ("credit", {}),
    ("customers", {}),
    ("teams", {}),
    ("teams", {"drill": "team:T001"}),
    ("teams", {"drill": "officer:O0003", "period": "2026-Q3"}),
    ("retrospective", {"region": "R02"}),
    ("overview", {}),
    ("data", {}),
]
# Money columns as the pages label them in English (percentages carry "(%)").
MONEY_HEADERS = {
    t(key, "en")
    for key in (
        "disbursed_amount",
        "average_ticket",
        "base_target",
        "moved_previous_amount",
        "amount_change",
        "outstanding_balance",
    )
} | {"Disbursed amount (¥)", "Base target (¥)", "Outstanding balance (¥)", "Monetary", "Change (¥)"}
FILE_NAME = re.compile(
    r"(?P<table>[a-z0-9-]+)_(?P<start>\d{4}-\d{2}-\d{2})_(?P<end>\d{4}-\d{2}-\d{2})_(?P<scope>[A-Za-z0-9+_-]+)"
)


def _decimals(cell: str) -> int:
    """Decimals of a number in a CSV cell (0 for text); a float in scientific notation is a raw float."""
    assert not re.fullmatch(r"-?\d+(\.\d+)?[eE][-+]?\d+", cell), cell
    return len(cell.split(".", 1)[1]) if re.fullmatch(r"-?\d+\.\d+", cell) else 0


def record_downloads(warehouse: Path) -> list[dict]:
    """Open every page view of PAGE_VIEWS on `warehouse` and record every download button: its file name and the
    file it would give (a callable: downloads are written when clicked)."""
    from streamlit.delta_generator import DeltaGenerator
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    recorded: list[dict] = []
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        recorded.append({"page": current[0], "file_name": file_name, "data": data})
        return original(self, label, data, file_name, *args, **kwargs)

    patch = pytest.MonkeyPatch()
    patch.setenv("LOAN_DASHBOARD_DB", str(warehouse))
    patch.setattr(DeltaGenerator, "download_button", recording)
    current = [""]
    try:
        for page, params in PAGE_VIEWS:
            current[0] = f"{page} {params}"
            at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
            for name, value in params.items():
                at.query_params[name] = value
            at.switch_page(f"pages/{page}.py")
            at.run()
            assert not at.exception, (page, [e.value for e in at.exception])
    finally:
        patch.undo()
    return recorded


@pytest.fixture(scope="module")
def every_download(demo_warehouse) -> list[dict]:
    return record_downloads(demo_warehouse)


def test_every_download_names_its_table_period_and_scope(every_download) -> None:
    assert len(every_download) > 30
    pages_with_downloads = {d["page"].split()[0] for d in every_download}
    assert pages_with_downloads >= {"funnel", "disbursement", "credit", "customers", "teams", "retrospective"}
    for d in every_download:
        name = d["file_name"]
        stem, _, extension = name.rpartition(".")
        match = FILE_NAME.fullmatch(stem)
        assert match and extension in ("csv", "xlsx", "html"), (d["page"], name)
        assert match["start"] <= match["end"], name
    names = {d["file_name"] for d in every_download}
    # The default view: the last complete biweekly period of the demo (as-of 2026-11-20), the whole company.
    assert "amount-change-by-region_2026-11-02_2026-11-15_all.csv" in names
    assert "scorecard-region_2026-11-02_2026-11-15_all.xlsx" in names
    # A drill narrows the scope the file names (and the Excel's filter rows) say.
    assert "leaderboard-team_2026-10-01_2026-10-31_region-R01.csv" in names
    assert "amount-change-by-team_2026-10-01_2026-10-31_region-R01.csv" in names
    assert "scorecard-officer_2026-11-02_2026-11-15_region-R01_team-T001.csv" in names
    assert "officer-loans_2026-07-01_2026-09-30_region-R01_team-T001_officer-O0003.csv" in names
    # The retrospective's tables and its report are of the reviewed biweekly period and its scope.
    assert "retrospective_2026-11-02_2026-11-15_region-R02.html" in names
    assert "retrospective-scoreboard_2026-11-02_2026-11-15_region-R02.csv" in names


def test_every_csv_download_is_rounded_as_shown(every_download) -> None:
    checked = 0
    for d in every_download:
        if not d["file_name"].endswith(".csv"):
            continue
        text = d["data"]().decode("utf-8-sig")
        frame = pl.read_csv(io.StringIO(text), infer_schema=False)
        for column in frame.columns:
            cells = [c for c in frame[column].to_list() if c is not None]
            # Money to the cent and percentages (a ratio × 100) to two decimals; anything else at most four.
            most = 2 if column.endswith("(%)") or column in MONEY_HEADERS else 4
            worst = max((_decimals(c) for c in cells), default=0)
            assert worst <= most, (d["file_name"], column, worst)
        checked += 1
    assert checked > 15


def test_the_new_tables_download_their_columns(every_download) -> None:
    by_name = {d["file_name"]: d for d in every_download}
    text = by_name["amount-change-by-region_2026-11-02_2026-11-15_all.csv"]["data"]().decode("utf-8-sig")
    frame = pl.read_csv(io.StringIO(text))
    assert frame.columns == [
        "Rank",
        "Region",
        "Disbursed amount",
        "Amount, comparison period",
        "Amount change",
        "Share of the change (%)",
    ]
    # The changes add up to the change of the total, to the cent (sums of cents in the file).
    cents = [round(v * 100) for v in frame["Amount change"]]
    before = [round(v * 100) for v in frame["Amount, comparison period"]]
    now = [round(v * 100) for v in frame["Disbursed amount"]]
    assert sum(cents) == sum(now) - sum(before)
    assert sum(frame["Share of the change (%)"]) == pytest.approx(100, abs=0.01 * frame.height)
    excel = by_name["amount-change-by-region_2026-11-02_2026-11-15_all.xlsx"]["data"]()
    sheet = fastexcel.read_excel(excel).load_sheet(0, header_row=11).to_polars()
    assert sheet.columns == frame.columns
    assert sheet["Amount change"].to_list() == frame["Amount change"].to_list()
