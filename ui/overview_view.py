"""Overview page builders: the twelve KPI tiles, the amount-against-target chart and the funnel summary."""

from __future__ import annotations

import math
from datetime import date

import plotly.graph_objects as go
import polars as pl

from pipelines.metrics import all_definitions
from pipelines.queries.overview import INDICATORS
from ui.charts import STAGE_COLOURS, STRETCH_COLOUR, TARGET_COLOUR
from ui.components import kpi, tile_grid, uncovered_change
from ui.filters import FilterContext
from ui.format import count, days, money, percent
from ui.funnel_view import cohort_sparkline
from ui.i18n import t
from ui.sales_view import figure, mini_chart, money_ticks

TILES_PER_ROW = 4

COHORT_LINES = ("lead_to_disbursed_conversion",)
"""Tiles whose line is drawn per cohort, with the cohorts still converting faded."""

LABELS: dict[str, str] = {
    # indicator → translation key of its label
    "disbursed_amount": "disbursed_amount",
    "disbursed_count": "disbursed_count",
    "average_ticket": "average_ticket",
    "attainment": "attainment",
    "new_leads": "new_leads",
    "lead_to_disbursed_conversion": "lead_to_disbursed",
    "applications": "applications",
    "approval_rate": "approval_rate",
    "conversion_cycle": "conversion_cycle",
    "overdue_rate": "overdue_rate",
    "par30": "par30",
    "repeat_loan_rate": "repeat_loan_rate",
}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value: float | None, unit: str, lang: str) -> str:
    """An indicator's value in its unit: ¥ with K/M/B or 万/亿, a count, a percentage with one decimal, days."""
    if unit == "money":
        return money(value, lang)
    if unit == "count":
        return count(value)
    if unit == "days":
        return days(value, lang)
    return percent(value)


def format_change(row: dict, lang: str) -> str | None:
    """The change against the comparison: percent for amounts and counts, points for ratios, days for durations."""
    if _missing(row["change"]):
        return None
    if row["snapshot_date"] is not None and row["snapshot_date"] == row["comparison_snapshot_date"]:
        return None  # both periods end after the same snapshot: nothing to compare
    if row["unit"] in ("money", "count"):
        return None if _missing(row["relative_change"]) else percent(row["relative_change"], signed=True)
    if row["unit"] == "days":
        return t("ov_days_change", lang, value=f"{row['change']:+.1f}")
    return f"{row['change'] * 100:+.1f} pp"


def is_empty(indicators: pl.DataFrame) -> bool:
    """Nothing under the filters: no loan, no lead, no application in the period and no book at its snapshot."""
    value = dict(zip(indicators["indicator"], indicators["value"], strict=True))
    return (
        not value["disbursed_count"]
        and not value["new_leads"]
        and not value["applications"]
        and _missing(value["overdue_rate"])
    )


def within_data(history: pl.DataFrame, ctx: FilterContext) -> pl.DataFrame:
    """The history without the periods that ended before the warehouse's first data (a year's sparkline
    would otherwise start with years of zeros)."""
    return history.filter(pl.col("period_end") >= ctx.dims.first_date)


def sparkline(history: pl.DataFrame, indicator: str) -> list[float] | None:
    """The indicator's values over the history's periods, oldest first, without gaps; None with fewer than two."""
    values = history.filter(pl.col("indicator") == indicator).sort("period_start")["value"].to_list()
    points = [v for v in values if not _missing(v)]
    return points if len(points) >= 2 else None


def note(row: dict, ctx: FilterContext, cohort_complete_share: float | None) -> str | None:
    """The line under a tile: the target, the band, the snapshot date or an unfinished cohort."""
    lang, key = ctx.lang, row["indicator"]
    if key in ("disbursed_amount", "attainment"):
        if _missing(row["base_target"]):
            return t("ov_no_target_for_filter" if _targets_blocked(ctx) else "ov_no_target", lang)
        if key == "disbursed_amount":
            return t(
                "ov_target_note", lang, base=money(row["base_target"], lang), stretch=money(row["stretch_target"], lang)
            )
        band = t(f"ov_band_{row['band']}", lang) if row["band"] else ""
        return t("ov_attainment_note", lang, stretch=percent(row["stretch_attainment"]), band=band)
    if key in ("overdue_rate", "par30") and row["snapshot_date"] is not None:
        same = row["snapshot_date"] == row["comparison_snapshot_date"]
        return t("ov_same_snapshot_note" if same else "ov_snapshot_note", lang, day=f"{row['snapshot_date']:%Y-%m-%d}")
    if key == "lead_to_disbursed_conversion":
        parts = []
        if cohort_complete_share is not None and cohort_complete_share < 1:
            parts.append(t("ov_cohort_open", lang, share=percent(cohort_complete_share)))
        if row.get("comparison_as_of") is not None:
            parts.append(t("compared_same_age", lang, day=f"{row['comparison_as_of']:%Y-%m-%d}"))
        return " · ".join(parts) or None
    return None


def cohort_points(history: pl.DataFrame, indicator: str) -> list[tuple[str, float | None, bool | None]]:
    """The indicator's (period start, value, cohort complete) over the history's periods, oldest first."""
    rows = history.filter(pl.col("indicator") == indicator).sort("period_start")
    return [
        (f"{r['period_start']:%Y-%m-%d}", None if _missing(r["value"]) else r["value"], r["cohort_complete"])
        for r in rows.iter_rows(named=True)
    ]


def _targets_blocked(ctx: FilterContext) -> bool:
    f = ctx.filters
    return bool(f.officer_ids or f.channel_ids or f.customer_types)


def _comparison_help(row: dict, ctx: FilterContext) -> str | None:
    f = ctx.filters
    if f.comparison is None:
        return None
    value = format_value(row["comparison_value"], row["unit"], ctx.lang)
    if row["comparison_snapshot_date"] is not None:
        when = f"{row['comparison_snapshot_date']:%Y-%m-%d}"
    else:
        when = f"{f.comparison.start:%Y-%m-%d} – {f.comparison.end:%Y-%m-%d}"
    if row.get("comparison_as_of") is not None:
        when += ", " + t("compared_same_age", ctx.lang, day=f"{row['comparison_as_of']:%Y-%m-%d}")
    return t("ov_comparison_help", ctx.lang, when=when, value=value)


def tiles(container, indicators: pl.DataFrame, history: pl.DataFrame, ctx: FilterContext, complete_share) -> None:
    """The twelve KPI tiles, four to a row (fewer on a narrow screen), in the order of SPEC §5."""
    definitions = all_definitions()
    history = within_data(history, ctx)
    rows = {row["indicator"]: row for row in indicators.iter_rows(named=True)}
    grid = tile_grid("overview_tiles", TILES_PER_ROW, container)
    for key in INDICATORS:
        column = grid.container()
        row = rows[key]
        instead, coverage_help = uncovered_change(ctx, key)
        # Conversion's line fades the cohorts still converting (a plain sparkline would show them as a drop).
        cohort_line = cohort_sparkline(cohort_points(history, key), ctx.lang) if key in COHORT_LINES else None
        box = column.container(border=True) if cohort_line is not None else column
        kpi(
            box,
            t(LABELS[key], ctx.lang),
            format_value(row["value"], row["unit"], ctx.lang),
            delta=format_change(row, ctx.lang),
            higher_is_better=definitions[key].higher_is_better,
            spark=None if cohort_line is not None else sparkline(history, key),
            help=" ".join(h for h in (_comparison_help(row, ctx), coverage_help) if h) or None,
            note=None if cohort_line is not None else note(row, ctx, complete_share),
            instead_of_change=instead,
            border=cohort_line is None,
        )
        if cohort_line is not None:
            mini_chart(box, cohort_line, key=f"overview_tile_{key}")
            tile_note = note(row, ctx, complete_share)
            if tile_note:
                column.caption(tile_note)


def period_label(start: date, kind: str) -> str:
    """A short x-axis label for a period of `kind`."""
    if kind == "month":
        return f"{start:%Y-%m}"
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "year":
        return str(start.year)
    return f"{start:%m-%d}"


def target_figure(history: pl.DataFrame, ctx: FilterContext) -> go.Figure:
    """Disbursed amount per period (bars) against base and stretch target (lines), for the history's periods."""
    lang = ctx.lang
    amounts = within_data(history, ctx).filter(pl.col("indicator") == "disbursed_amount").sort("period_start")
    x = [period_label(d, ctx.kind) for d in amounts["period_start"]]
    ends = amounts["period_end"]
    spans = [f"{s:%Y-%m-%d} – {e:%Y-%m-%d}" for s, e in zip(amounts["period_start"], ends, strict=True)]
    traces = [
        go.Bar(
            x=x,
            y=amounts["value"].to_list(),
            name=t("disbursed_amount", lang),
            marker_color="#0072B2",
            customdata=[[s, money(v, lang)] for s, v in zip(spans, amounts["value"], strict=True)],
            hovertemplate="%{customdata[0]}<br>" + t("disbursed_amount", lang) + ": %{customdata[1]}<extra></extra>",
        )
    ]
    for column, colour, dash in (("base_target", TARGET_COLOUR, "solid"), ("stretch_target", STRETCH_COLOUR, "dash")):
        if amounts[column].is_not_null().any():
            traces.append(
                go.Scatter(
                    x=x,
                    y=amounts[column].to_list(),
                    name=t(column, lang),
                    mode="lines+markers",
                    line={"color": colour, "dash": dash, "width": 2},
                    customdata=[[s, money(v, lang)] for s, v in zip(spans, amounts[column], strict=True)],
                    hovertemplate="%{customdata[0]}<br>" + t(column, lang) + ": %{customdata[1]}<extra></extra>",
                )
            )
    top = max(
        [v for c in ("value", "base_target", "stretch_target") for v in amounts[c].to_list() if not _missing(v)]
        or [0.0]
    )
    return figure(
        traces,
        t("ov_target_chart_title", lang, n=len(x)),
        x_title=t("ov_axis_period_start", lang),
        y_title=t("ov_axis_amount", lang),
        xaxis={"type": "category"},
        yaxis=money_ticks(top, lang),
    )


def funnel_figure(stages: pl.DataFrame, lang: str) -> go.Figure:
    """The period's cohort as horizontal stage bars: leads reaching each stage, with the overall conversion."""
    stages = stages.sort("stage_no")
    labels = [t(f"stage_{s}", lang) for s in stages["stage"]]
    reached = stages["reached"].to_list()
    text = [f"{count(r)} · {percent(c)}" for r, c in zip(reached, stages["overall_conversion"], strict=True)]
    bars = go.Bar(
        x=reached,
        y=labels,
        orientation="h",
        marker_color=list(STAGE_COLOURS[: len(labels)]),
        text=text,
        textposition="auto",
        hovertemplate="%{y}: %{x:,}<extra></extra>",
    )
    return figure(
        [bars],
        t("ov_funnel_title", lang),
        x_title=t("ov_axis_leads", lang),
        y_title=t("ov_axis_stage", lang),
        legend=False,
        yaxis={"autorange": "reversed", "type": "category"},
    )


def period_line(ctx: FilterContext) -> str:
    """The caption under the title: the period, the comparison period and the as-of date."""
    f, lang = ctx.filters, ctx.lang
    parts = [t("ov_period", lang, start=f"{f.period.start:%Y-%m-%d}", end=f"{f.period.end:%Y-%m-%d}")]
    if f.comparison:
        parts.append(
            t("ov_compared_with", lang, start=f"{f.comparison.start:%Y-%m-%d}", end=f"{f.comparison.end:%Y-%m-%d}")
        )
    else:
        parts.append(t("cmp_none", lang))
    parts.append(t("ov_as_of", lang, day=f"{ctx.as_of:%Y-%m-%d}"))
    return " · ".join(parts)
