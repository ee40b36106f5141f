"""What the Funnel and Disbursement pages share: the period line, sparkline periods, changes, display names."""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go
import polars as pl

from pipelines import periods
from pipelines.contract import SEGMENTS
from pipelines.metrics import all_definitions
from pipelines.queries.filters import Filters, Period
from ui.charts import colour_map, plain_text, style
from ui.components import definition_text, kpi, tile_grid, uncovered_change
from ui.exports import config_decimals, rounded
from ui.filters import FilterContext, context
from ui.format import money, percent
from ui.i18n import t

SPARKLINE_PERIODS = 8
"""A KPI tile's sparkline: the selected period and the seven before it, of the same kind."""


def trailing_filters(ctx: FilterContext, n: int = SPARKLINE_PERIODS) -> list[Filters]:
    """The filters over the `n` periods of the selected kind ending with the selected one, oldest first
    (fewer when the data starts later)."""
    anchor = ctx.dims.biweekly_anchor_monday
    out: list[Period] = [ctx.filters.period]
    for _ in range(n - 1):
        previous = out[-1]
        out.append(previous.previous() if ctx.kind == "range" else periods.shift(ctx.kind, previous, -1, anchor))
    # Periods that ended before the first data day have no figures, not zero ones: leave them out.
    return [ctx.filters.for_period(p) for p in reversed(out) if p.end >= ctx.dims.first_date]


def _missing(value: float | Decimal | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def relative_change(value: float | Decimal | None, previous: float | Decimal | None) -> str | None:
    """The change of an amount or count against the comparison, in percent ("+12.3%"); None without a base."""
    if _missing(value) or _missing(previous) or float(previous) == 0:
        return None
    return percent(float(value) / float(previous) - 1, signed=True)


def point_change(value: float | None, previous: float | None) -> str | None:
    """The change of a ratio against the comparison, in percentage points ("+1.2 pp")."""
    if _missing(value) or _missing(previous):
        return None
    return f"{(value - previous) * 100:+.1f} pp"


def day_change(value: float | None, previous: float | None, lang: str) -> str | None:
    """The change of a duration against the comparison, in days ("+1.5 days")."""
    if _missing(value) or _missing(previous):
        return None
    return t("days_change", lang, value=f"{value - previous:+.1f}")


def spark(values: list[float | Decimal | None]) -> list[float] | None:
    """Sparkline points (missing values left out); None when fewer than two remain."""
    points = [float(v) for v in values if not _missing(v)]
    return points if len(points) >= 2 else None


def period_line(ctx: FilterContext, what: str) -> str:
    """The caption under a page title: what is counted, over which period, against which, as of when."""
    f = ctx.filters
    parts = [t(what, ctx.lang, start=f"{f.period.start:%Y-%m-%d}", end=f"{f.period.end:%Y-%m-%d}")]
    if f.comparison:
        parts.append(
            t("compared_with", ctx.lang, start=f"{f.comparison.start:%Y-%m-%d}", end=f"{f.comparison.end:%Y-%m-%d}")
        )
    parts.append(t("data_as_of", ctx.lang, day=f"{ctx.as_of:%Y-%m-%d}"))
    return " · ".join(parts)


def _ids(ctx: FilterContext, dimension: str) -> list[str]:
    dims = ctx.dims
    return {
        "region": list(dims.regions["region_id"]),
        "team": list(dims.teams["team_id"]),
        "officer": list(dims.officers["officer_id"]),
        "channel": list(dims.channels["channel_id"]),
        "product_line": list(dims.product_lines),
        "segment": list(SEGMENTS),
        "customer_type": list(dims.customer_types),
    }[dimension]


def display_names(ctx: FilterContext, dimension: str) -> dict[str, str]:
    """Id → name in the interface language for region / team / officer / channel / product line / segment / type."""
    dims, lang = ctx.dims, ctx.lang
    if dimension in ("region", "team", "officer", "channel"):
        frame = {"region": dims.regions, "team": dims.teams, "officer": dims.officers, "channel": dims.channels}[
            dimension
        ]
        return dict(zip(frame[f"{dimension}_id"], frame[f"{dimension}_name"], strict=True))
    return {value: t(f"{dimension}_{value}", lang) for value in _ids(ctx, dimension)}


def dimension_colours(ctx: FilterContext, dimension: str) -> dict[str, str]:
    """The stable colour of every value of a dimension (from its full list, whatever the filters show)."""
    return colour_map(_ids(ctx, dimension))


PERCENT_FORMAT = "%.1f%%"
"""Table columns holding a ratio × 100, shown with one decimal."""


def labelled(frame: pl.DataFrame, config: dict) -> pl.DataFrame:
    """The frame with its columns named as the table shows them (percent columns marked "(%)") and its numbers
    rounded as shown (money to the cent, percentages to two decimals), for downloads."""
    frame = rounded(frame, config_decimals(config))
    renames = {}
    for column in frame.columns:
        label = (config.get(column) or {}).get("label")
        if label:
            is_percent = config[column].get("type_config", {}).get("format") == PERCENT_FORMAT
            renames[column] = f"{label} (%)" if is_percent else label
    return frame.rename(renames)


@dataclass(frozen=True)
class Tile:
    """A KPI tile: the metric (its key in a query module's DEFINITIONS), the shown value, change and history."""

    key: str
    label: str
    value: str
    delta: str | None = None
    history: Sequence[float | Decimal | None] = field(default_factory=list)
    note: str | None = None
    figure: go.Figure | None = None  # drawn under the tile instead of the sparkline (e.g. cohorts still converting)


def tile_row(tiles: Sequence[Tile], lang: str, columns_per_row: int | None = None) -> None:
    """KPI tiles side by side (fewer to a row on a narrow screen); the change is green or red by the metric's own
    idea of better, or replaced by a note when the data does not cover both periods (ui.components.uncovered_change
    on this run's filter context)."""
    definitions = all_definitions()
    per_row = columns_per_row or len(tiles)
    grid = tile_grid(f"tiles_{tiles[0].key}", per_row)
    for tile in tiles:
        column = grid.container()
        instead, coverage_help = uncovered_change(context(), tile.key)
        # A tile with its own figure draws it inside the tile's border, where the sparkline would be.
        box = column.container(border=True) if tile.figure is not None else column
        kpi(
            box,
            tile.label,
            tile.value,
            delta=tile.delta,
            higher_is_better=definitions[tile.key].higher_is_better,
            spark=None if tile.figure is not None else spark(list(tile.history)),
            help=" ".join(h for h in (definition_text(tile.key, lang)["numerator"], coverage_help) if h),
            note=None if tile.figure is not None else tile.note,
            instead_of_change=instead,
            border=tile.figure is None,
        )
        if tile.figure is not None:
            mini_chart(box, tile.figure, key=f"tile_{tile.key}")
            if tile.note:
                column.caption(tile.note)


MINI_CHART_CONFIG = {"displayModeBar": False}


def mini_chart(container, fig: go.Figure, key: str) -> None:
    """A tile-sized chart (a sparkline that needs more than one colour) without the chart toolbar."""
    container.plotly_chart(plain_text(fig), config=MINI_CHART_CONFIG, key=key, width="stretch")


def money_ticks(top: float, lang: str, ticks: int = 5) -> dict:
    """Axis settings with about `ticks` round money ticks from 0 to `top`, labelled like the tiles (¥20M, ¥2,000万)."""
    top = max(float(top), 1.0)
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [i * step for i in range(int(top // step) + 2)]
    # Round ticks read better without trailing zeros: ¥20M, not ¥20.00M.
    labels = [re.sub(r"\.0+(?=\D*$)|(\.\d*?)0+(?=\D*$)", r"\1", money(v, lang)) for v in values]
    return {"tickvals": values, "ticktext": labels, "range": [0, top * 1.02]}


@functools.lru_cache(maxsize=512)
def _house_layout(title: str, x_title: str | None, y_title: str | None, height: int, legend: bool) -> dict:
    layout = style(go.Figure(), title, x_title, y_title, height=height, legend=legend).layout.to_plotly_json()
    layout.pop("template", None)  # plotly's default template applies anyway; validating it again is slow
    return layout


def figure(
    traces: Sequence,
    title: str,
    *,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 360,
    legend: bool = True,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout,
) -> go.Figure:
    """A figure in the house style (ui.charts.style) with the layout given at construction.

    Same result as building the figure and calling style() and update_xaxes / update_yaxes,
    but plotly's update_* calls cost tens of milliseconds each, and a filter change redraws
    every figure of the page.
    """
    merged = copy.deepcopy(_house_layout(title, x_title, y_title, height, legend))
    for axis, extra in (("xaxis", xaxis), ("yaxis", yaxis)):
        if extra:
            merged[axis] = {**merged.get(axis, {}), **extra}
    merged.update(layout)
    return go.Figure(data=list(traces), layout=merged)
