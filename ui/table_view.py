"""Tables for the credit and customer pages: pick columns, label them in the interface language, format them.

The labelled frame is shown with `st.dataframe` and handed to the downloads, so a CSV or
Excel file reads like the screen: translated headers, money as numbers in ¥, shares as
percentages (12.3 under a "(%)" header). A "money_short" ("money_change": signed) column is
shown as text in the interface's units (¥4.39亿, ¥438.9M) to keep a narrow table narrow; its
download keeps the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import polars as pl
import streamlit as st

from ui import format as fmt

KINDS = ("text", "count", "count_change", "number", "money", "money_short", "money_change", "percent", "date", "flag")


@dataclass(frozen=True)
class Column:
    name: str  # the column in the query layer's frame
    label: str  # its header in the interface language
    kind: str = "text"  # one of KINDS

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def header(self) -> str:
        return f"{self.label} (%)" if self.kind == "percent" and "%" not in self.label else self.label


def _expression(column: Column, lang: str | None) -> pl.Expr:
    value = pl.col(column.name)
    if column.kind == "money_short" and lang is not None:
        value = value.cast(pl.Float64).map_elements(lambda v: fmt.money(v, lang), return_dtype=pl.String)
    elif column.kind == "money_change" and lang is not None:
        value = value.cast(pl.Float64).map_elements(
            lambda v: ("+" if v >= 0 else "") + fmt.money(v, lang), return_dtype=pl.String
        )
    elif column.kind in ("money", "money_short", "money_change"):
        value = value.cast(pl.Float64).round(2)
    elif column.kind == "percent":
        value = (value.cast(pl.Float64) * 100).round(2)
    elif column.kind in ("count", "count_change"):
        value = value.cast(pl.Int64)
    elif column.kind == "number":
        value = value.cast(pl.Float64)
    return value.alias(column.header)


def _config(column: Column):
    if column.kind == "money":
        return st.column_config.NumberColumn(column.header, format="yen")
    if column.kind in ("money_short", "money_change"):
        return st.column_config.TextColumn(column.header)
    if column.kind == "count_change":
        return st.column_config.NumberColumn(column.header, format="%+d")
    if column.kind == "percent":
        return st.column_config.NumberColumn(column.header, format="%.1f")
    if column.kind == "count":
        return st.column_config.NumberColumn(column.header, format="localized")
    if column.kind == "number":
        return st.column_config.NumberColumn(column.header, format="%.1f")
    if column.kind == "date":
        return st.column_config.DateColumn(column.header, format="YYYY-MM-DD")
    if column.kind == "flag":
        return st.column_config.CheckboxColumn(column.header)
    return st.column_config.TextColumn(column.header)


def present(frame: pl.DataFrame, columns: list[Column], lang: str = "en") -> tuple[pl.DataFrame, dict]:
    """The frame with only `columns`, renamed to their headers and cast for display, and its column_config."""
    shown = frame.select([_expression(c, lang) for c in columns])
    return shown, {c.header: _config(c) for c in columns}


def export(frame: pl.DataFrame, columns: list[Column]) -> pl.DataFrame:
    """The same columns for a download: every amount a number."""
    return frame.select([_expression(c, None) for c in columns])


def table(shown: pl.DataFrame, config: dict, height: int | str = "auto") -> None:
    """Show a presented frame."""
    show(shown, config, height=height, width="stretch")


_PRINTF = re.compile(r"%([+]?)(,?)(?:\.(\d+))?([dfi])")


def _number_text(value: float | int, number_format: str | None) -> str:
    """A number as st.column_config's `format` would show it (printf-style with "," for thousands)."""
    if number_format in (None, "", "plain", "localized"):
        comma = "," if number_format == "localized" else ""
        if float(value).is_integer():
            return format(int(value), comma)
        return format(float(value), f"{comma}.4f").rstrip("0").rstrip(".")
    if number_format == "accounting":
        return f"{value:,.2f}"
    if number_format == "yen":
        return f"¥{value:,.0f}"
    if number_format == "percent":
        return f"{value * 100:,.2f}%"
    match = _PRINTF.search(number_format)
    if not match:
        return str(value)
    sign, comma, decimals, kind = match.groups()
    spec = f"{sign}{comma}.{decimals or (0 if kind in 'di' else 6)}f"
    text = format(float(value), spec)
    return (number_format[: match.start()] + text + number_format[match.end() :]).replace("%%", "%")


def _entry(config: dict, column: str) -> dict:
    entry = config.get(column)
    if isinstance(entry, str):
        return {"label": entry}
    return dict(entry) if entry else {}


def without_gaps(frame: pl.DataFrame, config: dict) -> tuple[pl.DataFrame, dict]:
    """The frame with every empty cell shown as "—" (st.dataframe would print "None").

    A text column gets "—" in its empty cells. A number or date column with an empty cell is shown as
    text, formatted as its column_config says, right-aligned like a number. Checkboxes stay as they are
    (an empty one is blank). Downloads take the frame before this step, so their empty cells stay empty.
    """
    config = dict(config)
    replaced = []
    for column, dtype in frame.schema.items():
        if frame[column].null_count() == 0 or (column in config and config[column] is None):
            continue  # nothing empty, or a hidden column
        entry = _entry(config, column)
        type_config = entry.get("type_config") or {}
        kind = type_config.get("type")
        if kind in ("checkbox", "line_chart", "bar_chart", "area_chart", "list", "progress"):
            continue
        if dtype == pl.String:
            replaced.append(pl.col(column).fill_null(fmt.MISSING))
            continue
        if dtype.is_numeric():
            number_format = type_config.get("format")
            text = pl.col(column).map_elements(lambda v, f=number_format: _number_text(v, f), return_dtype=pl.String)
        elif dtype in (pl.Date, pl.Datetime):
            text = pl.col(column).map_elements(_date_text, return_dtype=pl.String)
        else:
            continue
        replaced.append(text.fill_null(fmt.MISSING))
        config[column] = st.column_config.TextColumn(
            entry.get("label") or column,
            help=entry.get("help"),
            width=entry.get("width"),
            pinned=entry.get("pinned"),
            alignment="right" if dtype.is_numeric() else None,
        )
    return (frame.with_columns(replaced) if replaced else frame), config


def _date_text(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, datetime) else value.isoformat()


def show(data, column_config: dict | None = None, **kwargs):
    """st.dataframe with empty cells shown as "—" (a drop-in for it): `data` is a polars or pandas frame,
    or a pandas Styler over one (whose frame is filled in place, keeping its styles)."""
    config = column_config or {}
    if isinstance(data, pl.DataFrame):
        data, config = without_gaps(data, config)
    elif isinstance(data, pd.DataFrame):
        data, config = without_gaps(pl.from_pandas(data), config)
    elif hasattr(data, "data") and isinstance(data.data, pd.DataFrame):  # a pandas Styler
        filled, config = without_gaps(pl.from_pandas(data.data), config)
        data.data = filled.to_pandas().set_axis(data.data.index)
    kwargs.setdefault("hide_index", True)
    return st.dataframe(data, column_config=config, **kwargs)
