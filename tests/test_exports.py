"""Downloads: CSV opens with Chinese intact; Excel carries the filter state above the table."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import fastexcel
import polars as pl

from ui.exports import csv_bytes, excel_bytes


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
