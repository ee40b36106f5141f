"""Tables for the credit and customer pages: pick columns, label them in the interface language, format them.

The labelled frame is shown with `st.dataframe` and handed to the downloads, so a CSV or
Excel file reads like the screen: translated headers, money as numbers in ¥, shares as
percentages (12.3 under a "(%)" header). A "money_short" ("money_change": signed) column is
shown as text in the interface's units (¥4.39亿, ¥438.9M) to keep a narrow table narrow; its
download keeps the number.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    st.dataframe(shown, hide_index=True, column_config=config, height=height, width="stretch")
