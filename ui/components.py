"""Building blocks every page uses: KPI tiles, "how is this defined" popovers, download buttons, empty states."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import polars as pl
import streamlit as st

from pipelines.metrics import MetricDefinition, all_definitions
from pipelines.queries import coverage
from pipelines.queries.filters import Filters
from ui.auth import audited
from ui.db import query
from ui.exports import csv_bytes, download_name, excel_bytes
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


def is_no_change(delta: str | None) -> bool:
    """A shown change that reads as zero ("+0.0%", "+0.0 pp", "+¥0", "0"): every digit in it is 0."""
    digits = [c for c in delta or "" if c.isdigit()]
    return bool(digits) and set(digits) == {"0"}


TILE_MIN_WIDTH = "13rem"
"""The narrowest a KPI tile gets before the row wraps: wide enough for "¥1,234.56万" and "+12.3 pp"."""


def tile_grid(key: str, per_row: int, container=st):
    """A wrapping row of KPI tiles: `per_row` side by side on a wide screen, fewer where a tile would get
    narrower than TILE_MIN_WIDTH (a laptop with the sidebar open), so a value is never cut to "¥34.…".
    Put each tile in its own `.container()` of the grid."""
    basis = f"calc({100 / per_row:.4f}% - 1rem)"
    container.html(
        f"<style>.st-key-{key} > div {{ flex: 1 1 {basis}; min-width: {TILE_MIN_WIDTH}; }}"
        # A note in place of the change ("comparison covers 33 of 366 days") wraps instead of being cut.
        f" .st-key-{key} [data-testid='stMetricDelta'] p {{ white-space: normal; }}</style>"
    )
    return container.container(horizontal=True, wrap=True, key=key, gap="small")


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
    instead_of_change: str | None = None,
    border: bool = True,
) -> None:
    """A KPI tile: value, change against the comparison (green when good for the business), sparkline, note.

    A change that reads as zero is grey, without an arrow. `instead_of_change` (e.g. "comparison covers 44
    of 366 days") takes the change's place, grey and without an arrow, when no change can honestly be shown.
    """
    color = "off" if higher_is_better is None else ("normal" if higher_is_better else "inverse")
    arrow = "auto"
    if instead_of_change:
        delta, color, arrow = instead_of_change, "off", "off"
    elif is_no_change(delta):
        color, arrow = "off", "off"
    container.metric(
        label,
        value,
        delta=delta,
        delta_color=color,
        delta_arrow=arrow,
        help=help,
        border=border,
        chart_data=list(spark) if spark else None,
        chart_type="area",
    )
    if note:
        container.caption(note)


def uncovered_change(ctx: FilterContext | None, metric: str) -> tuple[str | None, str | None]:
    """What a tile says instead of a change when its period or comparison period is not fully covered by data
    ("comparison covers 44 of 366 days", "no comparable data"), with a help text; (None, None) when the
    change can be shown (pipelines.queries.coverage has the rule)."""
    if ctx is None or ctx.filters.comparison is None:
        return None, None
    starts = query(coverage.data_starts)
    covered = coverage.change_coverage(ctx.filters, starts, metric)
    if covered is None or covered.comparable:
        return None, None
    lang = ctx.lang
    first = starts.of(coverage.METRIC_FAMILY[metric])
    help_text = t("coverage_help", lang, first=f"{first:%Y-%m-%d}") if first else None
    if covered.comparison.empty or covered.period.empty:
        return t("no_comparable_data", lang), help_text
    partial = covered.comparison if not covered.comparison.complete else covered.period
    key = "comparison_partly_covered" if not covered.comparison.complete else "period_partly_covered"
    return t(key, lang, covered=f"{partial.covered_days:,}", total=f"{partial.total_days:,}"), help_text


def downloads(
    frame: pl.DataFrame, name: str, ctx: FilterContext, container=st, *, filters: Filters | None = None
) -> None:
    """CSV and Excel download buttons for a table; the Excel file starts with the filter state.

    The file names say the table (`name`), the period and the scope of `filters` (the page's filters
    narrowed by a drill, say), by default the filter bar's (ui.exports.download_name); numbers are
    rounded as shown (ui.exports.rounded). Each download is recorded in the audit log when sign-in is on.
    """
    if filters is not None:
        ctx = replace(ctx, filters=filters)
    left, right = container.columns(2)
    left.download_button(
        t("download_csv", ctx.lang),
        # Deferred: the file is written when the button is clicked, not on every rerun of the page.
        audited(lambda: csv_bytes(frame), f"{name} (CSV)", ctx.filters),
        file_name=download_name(name, ctx.filters, "csv"),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"csv_{name}",
    )
    right.download_button(
        t("download_excel", ctx.lang),
        audited(lambda: excel_bytes(frame, name, describe(ctx)), f"{name} (Excel)", ctx.filters),
        file_name=download_name(name, ctx.filters, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key=f"xlsx_{name}",
    )


def empty_state(lang: str, container=st) -> None:
    """What a page shows when the filters match nothing."""
    container.info(t("empty_selection", lang), icon=":material/filter_alt_off:")
