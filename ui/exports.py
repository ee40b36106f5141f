"""Table downloads: CSV, and Excel with the filter state written above the table.

Downloads are data, never code. Names come from the source and text from users, so a cell
could start with `=`, `+`, `-`, `@`, a tab or a carriage return and be taken for a formula
by a spreadsheet (`=HYPERLINK("http://…")`). CSV text cells that start so are prefixed with
a single quote, as OWASP recommends for CSV injection; Excel text is written as strings
(never through xlsxwriter's formula detection), numbers stay numbers.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP CSV injection)."""


def neutralise(text: str) -> str:
    """`text` with a leading single quote when a spreadsheet could read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    pattern = "^[=+\\-@\t\r]"
    frame = frame.with_columns(
        pl.when(pl.col(c).str.contains(pattern)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_columns
    )
    return frame.rename({c: neutralise(c) for c in frame.columns if neutralise(c) != c})


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel opens Chinese text correctly; formula-like text neutralised."""
    return b"\xef\xbb\xbf" + _neutralised(frame).write_csv().encode("utf-8")


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple, dict)):
        return str(value)
    return value


def _write(sheet, row: int, column: int, value: object, cell_format=None) -> None:
    """A cell as what it is: text as a string (never a formula), numbers as numbers."""
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value, cell_format)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, column, value, cell_format)
    else:
        sheet.write_string(row, column, str(value), cell_format)


def excel_bytes(frame: pl.DataFrame, title: str, filter_rows: list[tuple[str, str]]) -> bytes:
    """An .xlsx workbook: the title, one row per filter (label, value), a blank row, then the table."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(title[:31] or "Sheet1")
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    time_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    _write(sheet, 0, 0, title, bold)
    for i, (label, value) in enumerate(filter_rows, start=1):
        _write(sheet, i, 0, label, bold)
        _write(sheet, i, 1, value)
    top = len(filter_rows) + 2
    for j, name in enumerate(frame.columns):
        _write(sheet, top, j, name, header)
        sheet.set_column(j, j, max(12, min(40, len(name) + 2)))
    for i, row in enumerate(frame.iter_rows(), start=top + 1):
        for j, value in enumerate(row):
            value = _cell(value)
            if value is None:
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(i, j, value, time_format)
            elif isinstance(value, date):
                sheet.write_datetime(i, j, datetime(value.year, value.month, value.day), date_format)
            else:
                _write(sheet, i, j, value)
    if frame.height:
        sheet.autofilter(top, 0, top + frame.height, max(0, frame.width - 1))
    sheet.freeze_panes(top + 1, 0)
    workbook.close()
    return buffer.getvalue()
