"""Table downloads: CSV, and Excel with the filter state written above the table."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import xlsxwriter


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel opens Chinese text correctly."""
    return b"\xef\xbb\xbf" + frame.write_csv().encode("utf-8")


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple, dict)):
        return str(value)
    return value


def excel_bytes(frame: pl.DataFrame, title: str, filter_rows: list[tuple[str, str]]) -> bytes:
    """An .xlsx workbook: the title, one row per filter (label, value), a blank row, then the table."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(title[:31] or "Sheet1")
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    time_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write(0, 0, title, bold)
    for i, (label, value) in enumerate(filter_rows, start=1):
        sheet.write(i, 0, label, bold)
        sheet.write(i, 1, value)
    top = len(filter_rows) + 2
    for j, name in enumerate(frame.columns):
        sheet.write(top, j, name, header)
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
                sheet.write(i, j, value)
    if frame.height:
        sheet.autofilter(top, 0, top + frame.height, max(0, frame.width - 1))
    sheet.freeze_panes(top + 1, 0)
    workbook.close()
    return buffer.getvalue()
