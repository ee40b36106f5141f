"""Building blocks every page uses: KPI tiles, "how is this defined" popovers, download buttons, empty states."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from pipelines.metrics import MetricDefinition, all_definitions
from ui.exports import csv_bytes, excel_bytes
from ui.filters import FilterContext, describe
from ui.i18n import TEXT, t


@st.cache_resource(show_spinner=False)
def _definitions() -> dict[str, MetricDefinition]:
    return all_definitions()


def definition_text(key: str, lang: str) -> dict[str, str | None]:
    """A metric's name, numerator, denominator and rules in `lang` (from the translation table when present)."""
    d = _definitions()[key]
    out: dict[str, str | None] = {}
    for field in ("name", "numerator", "denominator", "rules"):
        english = getattr(d, field)
        tkey = f"def_{key}_{field}"
        out[field] = TEXT[tkey][lang] if english and tkey in TEXT else english
    return out


def definition_popover(keys: Sequence[str], lang: str, container=st) -> None:
    """A small "how is this defined" popover listing each metric's numerator, denominator and rules."""
    with container.popover(t("how_defined", lang), icon=":material/info:", type="tertiary"):
        for key in keys:
            text = definition_text(key, lang)
            st.markdown(f"**{text['name']}**")
            lines = [f"- {t('numerator', lang)}: {text['numerator']}"]
            if text["denominator"]:
                lines.append(f"- {t('denominator', lang)}: {text['denominator']}")
            if text["rules"]:
                lines.append(f"- {t('rules', lang)}: {text['rules']}")
            st.markdown("\n".join(lines))


def kpi(
    container,
    label: str,
    value: str,
    *,
    delta: str | None = None,
    higher_is_better: bool | None = True,
    spark: Sequence[float] | None = None,
    help: str | None = None,
    note: str | None = None,
    border: bool = True,
) -> None:
    """A KPI tile: value, change against the comparison (green when good for the business), sparkline, note."""
    color = "off" if higher_is_better is None else ("normal" if higher_is_better else "inverse")
    container.metric(
        label,
        value,
        delta=delta,
        delta_color=color,
        help=help,
        border=border,
        chart_data=list(spark) if spark else None,
        chart_type="area",
    )
    if note:
        container.caption(note)


def downloads(frame: pl.DataFrame, name: str, ctx: FilterContext, container=st) -> None:
    """CSV and Excel download buttons for a table; the Excel file starts with the filter state."""
    left, right = container.columns(2)
    left.download_button(
        t("download_csv", ctx.lang),
        # Deferred: the file is written when the button is clicked, not on every rerun of the page.
        lambda: csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"csv_{name}",
    )
    right.download_button(
        t("download_excel", ctx.lang),
        lambda: excel_bytes(frame, name, describe(ctx)),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key=f"xlsx_{name}",
    )


def empty_state(lang: str, container=st) -> None:
    """What a page shows when the filters match nothing."""
    container.info(t("empty_selection", lang), icon=":material/filter_alt_off:")
