"""Table downloads: CSV, and Excel with the filter state written above the table; their file names and rounding.

A download's numbers are rounded as the table shows them: money to the cent, a ratio to four
decimals (a percentage column, ratio × 100 under a "(%)" header, to two), other numbers to
the decimals of their display format; never a raw binary float such as 12189333.333333334.
Its file name says the table, the period and the scope: `leaderboard-team_2026-11-02_2026-11-15_region-R01.csv`.

Downloads are data, never code. Names come from the source and text from users, so a cell
could start with `=`, `+`, `-`, `@`, a tab or a carriage return and be taken for a formula
by a spreadsheet (`=HYPERLINK("http://…")`). CSV text cells that start so are prefixed with
a single quote, as OWASP recommends for CSV injection; Excel text is written as strings
(never through xlsxwriter's formula detection), numbers stay numbers.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import xlsxwriter

from pipelines.queries.filters import Filters

MONEY_DECIMALS = 2
RATIO_DECIMALS = 4
PERCENT_DECIMALS = RATIO_DECIMALS - 2
"""A ratio × 100 (12.3456 for 0.123456) keeps two decimals: the ratio's four."""

# Filters attribute → its name in a file name (the filter bar's URL parameter).
_SCOPE_NAMES = (
    ("region_ids", "region"),
    ("team_ids", "team"),
    ("officer_ids", "officer"),
    ("product_lines", "line"),
    ("channel_ids", "channel"),
    ("customer_types", "ctype"),
)
_SCOPE_IDS_SHOWN = 3
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def _safe(text: str) -> str:
    """Letters, digits and single hyphens only; text with none of them (e.g. Chinese) as a short stable hash."""
    safe = _UNSAFE.sub("-", text).strip("-")
    return safe[:40] or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def download_name(table: str, filters: Filters, extension: str) -> str:
    """`<table>_<first day>_<last day>_<scope>.<extension>`, in safe characters only.

    The scope is the dimension filters as `region-R01+R02_line-credit` (ids, not names; at most three ids a
    dimension, then `+N-more`), or `all`. Ids and the table name come from the source or the URL and may hold
    anything: every character other than a letter or a digit becomes a hyphen.
    """
    parts = []
    for attribute, name in _SCOPE_NAMES:
        ids = [_safe(v) for v in getattr(filters, attribute)]
        if ids:
            shown = ids[:_SCOPE_IDS_SHOWN]
            if len(ids) > _SCOPE_IDS_SHOWN:
                shown = ids[: _SCOPE_IDS_SHOWN - 1] + [f"{len(ids) - _SCOPE_IDS_SHOWN + 1}-more"]
            parts.append(f"{name}-{'+'.join(shown)}")
    period = filters.period
    stem = "_".join([_safe(table.lower()), f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}", *(parts or ["all"])])
    return f"{stem}.{_safe(extension)}"


def shown_decimals(number_format: str | None) -> int | None:
    """The decimals a download keeps for a number shown in `number_format` (a Streamlit NumberColumn format).

    Money ("yen", "¥%,.0f") to the cent; a percentage of a ratio ("%.1f%%") to two; "%.1f" to one;
    None for a format that says nothing (counts, or no format).
    """
    if not number_format:
        return None
    if number_format == "yen" or number_format.startswith("¥"):
        return MONEY_DECIMALS
    if number_format.endswith("%%") or number_format == "percent":
        return PERCENT_DECIMALS
    match = re.fullmatch(r"%[-+ ,0#']*\d*\.(\d+)f", number_format)
    return int(match.group(1)) if match else None


def config_decimals(config: dict) -> dict[str, int | None]:
    """The decimals to keep of each column of a Streamlit column_config (see `shown_decimals`)."""
    return {
        column: shown_decimals(((entry or {}).get("type_config") or {}).get("format"))
        for column, entry in config.items()
        if isinstance(entry, dict)
    }


def rounded(frame: pl.DataFrame, decimals: dict[str, int | None] | None = None) -> pl.DataFrame:
    """The frame with its float columns rounded: `decimals[column]` where given, else to RATIO_DECIMALS.

    Amounts that are DECIMAL stay exact (they are cents already); whole numbers stay whole.
    """
    decimals = decimals or {}
    floats = [c for c, dtype in frame.schema.items() if dtype.is_float()]
    return frame.with_columns(
        [pl.col(c).round(d if (d := decimals.get(c)) is not None else RATIO_DECIMALS) for c in floats]
    )


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
    """UTF-8 CSV with a byte-order mark (Excel opens Chinese text correctly); floats rounded (see `rounded`),
    formula-like text neutralised."""
    return b"\xef\xbb\xbf" + _neutralised(rounded(frame)).write_csv().encode("utf-8")


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
    frame = rounded(frame)
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
