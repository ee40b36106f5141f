"""Figures and tables of the Credit quality page, built from the frames of pipelines.queries.credit.

Every builder takes the query layer's frame as it comes and only picks, relabels and
formats columns; the figures themselves (ratios, shares, roll rates) are the query layer's.
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.colors import sample_colorscale

from pipelines.queries.credit import VINTAGE_THRESHOLDS, RollRateMatrix
from ui import format as fmt
from ui.charts import BUCKET_COLOURS, FIVE_TIER_COLOURS
from ui.components import kpi, tile_grid, uncovered_change
from ui.figures import figure
from ui.filters import context
from ui.i18n import t
from ui.table_view import Column, present

BASES = ("balance", "count")
RATIOS = ("overdue_rate", "par30", "par90", "npl_ratio")
RATIO_COLOURS = {"overdue_rate": "#fd8d3c", "par30": "#e31a1c", "par90": "#800026", "npl_ratio": "#6a51a3"}
TRANSITION_COLOURS = {0: "#fd8d3c", 1: "#e31a1c", 2: "#800026"}
SPARK_POINTS = 13
NON_NORMAL_TIERS = ("special_mention", "substandard", "doubtful", "loss")
# Marker sizes in the series charts: the month-end series (month-ends and the as-of date) stands out
# from the biweekly ends between them.
SERIES_MARKER, BIWEEKLY_MARKER = 7, 3
# Stacked areas: the legend beside the plot, top entry = top of the stack.
STACK_LEGEND = {"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top", "traceorder": "reversed"}
# Heatmaps with their column labels on top: the title at the very top, above the axis title.
TOP_TITLE = {"y": 0.99, "yanchor": "top"}
DATE_TICKS = "%Y-%m"  # the same in both languages (plotly would write English month names)


def figure_key(metric: str, basis: str) -> str:
    """The query layer's name of a ratio on the chosen basis (par30 → par30_by_count)."""
    return metric if basis == "balance" else f"{metric}_by_count"


def basis_switch(lang: str) -> str:
    """The balance-based / count-based switch; returns "balance" or "count"."""
    choice = st.segmented_control(
        t("credit_basis", lang),
        BASES,
        default="balance",
        format_func=lambda b: t(f"credit_basis_{b}", lang),
        key="credit_basis",
    )
    return choice or "balance"


def nothing_outstanding(at_end: pl.DataFrame) -> bool:
    """True when the period has no snapshot or nothing is outstanding under the filters."""
    figures = dict(zip(at_end["metric"], at_end["value"], strict=True))
    return not figures.get("active_loans")


def _figures(at_end: pl.DataFrame) -> dict[str, dict]:
    return {row["metric"]: row for row in at_end.iter_rows(named=True)}


def snapshot_dates(at_end: pl.DataFrame) -> tuple[date | None, date | None]:
    """The period's snapshot date and the comparison period's (None without a comparison)."""
    row = at_end.row(0, named=True)
    return row["snapshot_date"], row["comparison_snapshot_date"]


def snapshot_caption(at_end: pl.DataFrame, as_of: date, has_comparison_period: bool, lang: str) -> None:
    """Which snapshot the figures are measured at, and what they are compared with."""
    current, comparison = snapshot_dates(at_end)
    if current == as_of:
        kind = t("credit_snapshot_as_of", lang)
    elif (current + timedelta(days=1)).day == 1:
        kind = t("credit_snapshot_month_end", lang)
    else:
        kind = t("credit_snapshot_biweekly_end", lang)
    text = t("credit_snapshot_caption", lang, date=current.isoformat(), kind=kind)
    if comparison is None and has_comparison_period:
        text += " " + t("credit_comparison_before_data", lang)
    elif comparison is None:
        text += " " + t("credit_no_comparison", lang)
    elif comparison == current:
        text += " " + t("credit_same_snapshot", lang, date=comparison.isoformat())
    else:
        text += " " + t("credit_compared_with", lang, date=comparison.isoformat())
    st.caption(text)


def signed_money(value: float | None, lang: str) -> str | None:
    if value is None:
        return None
    return ("+" if value >= 0 else "") + fmt.money(value, lang)


def _spark(series: pl.DataFrame, column: str) -> list[float]:
    values = series[column].tail(SPARK_POINTS).cast(pl.Float64).to_list()
    return [0.0 if v is None else v for v in values]


def _monthly_writeoffs(monthly: pl.DataFrame, end: date, column: str) -> list[float]:
    """Write-offs of the SPARK_POINTS months up to `end`'s month, 0 for a month with none."""
    by_month = dict(zip(monthly["month"], monthly[column].cast(pl.Float64), strict=True))
    months, current = [], end.replace(day=1)
    for _ in range(SPARK_POINTS):
        months.append(current)
        current = (current - timedelta(days=1)).replace(day=1)
    return [by_month.get(m, 0.0) or 0.0 for m in reversed(months)]


def kpi_tiles(
    at_end: pl.DataFrame,
    series: pl.DataFrame,
    writeoffs: pl.DataFrame,
    writeoffs_monthly: pl.DataFrame,
    period_end: date,
    basis: str,
    lang: str,
) -> None:
    """Six tiles at the period's snapshot: balance (or active loans), the four ratios, write-offs in the period."""
    figures = _figures(at_end)
    current, comparison = snapshot_dates(at_end)
    comparable = comparison is not None and comparison != current
    # Two rows of three: six tiles in one row cut the English labels short.
    grid = tile_grid("credit_tiles", 3)
    tiles = [grid.container() for _ in range(6)]

    # Before the first snapshot (or the first loan, for write-offs) the tiles say so instead of a change.
    at_snapshot_instead, at_snapshot_help = uncovered_change(context(), "overdue_rate")
    size_key = "balance" if basis == "balance" else "active_loans"
    size = figures[size_key]
    kpi(
        tiles[0],
        t("outstanding_balance", lang) if basis == "balance" else t("credit_active_loans", lang),
        fmt.money(size["value"], lang) if basis == "balance" else fmt.count(size["value"]),
        delta=(
            None
            if not comparable
            else signed_money(size["change"], lang)
            if basis == "balance"
            else f"{size['change']:+,.0f}"
        ),
        higher_is_better=None,
        spark=_spark(series, size_key),
        help=at_snapshot_help,
        instead_of_change=at_snapshot_instead,
    )
    for tile, metric in zip(tiles[1:5], RATIOS, strict=True):
        row = figures[figure_key(metric, basis)]
        kpi(
            tile,
            t(metric, lang) + ("" if basis == "balance" else t("credit_by_count_suffix", lang)),
            fmt.percent(row["value"]),
            delta=fmt.points(row["change"]) if comparable and row["change"] is not None else None,
            higher_is_better=False,
            spark=_spark(series, figure_key(metric, basis)),
            help=at_snapshot_help,
            instead_of_change=at_snapshot_instead,
        )

    column = "written_off_principal" if basis == "balance" else "loans"
    by_period = {row["period"]: row for row in writeoffs.iter_rows(named=True)}
    now = by_period["current"][column]
    # Compared only when the comparison period reaches into the book (it has a snapshot), not against
    # the empty months before the first loan.
    before = by_period.get("comparison", {}).get(column) if comparison is not None else None
    change = None if before is None else float(now) - float(before)
    writeoffs_instead, writeoffs_help = uncovered_change(context(), "writeoffs")
    kpi(
        tiles[5],
        t("credit_writeoffs_in_period", lang) + ("" if basis == "balance" else t("credit_loans_suffix", lang)),
        fmt.money(now, lang) if basis == "balance" else fmt.count(now),
        delta=None if change is None else signed_money(change, lang) if basis == "balance" else f"{change:+,.0f}",
        higher_is_better=False,
        spark=_monthly_writeoffs(writeoffs_monthly, period_end, column),
        help=writeoffs_help,
        instead_of_change=writeoffs_instead,
    )


# --------------------------------------------------------------------------------------------
# Money axes: ¥ in K/M/B (English) or 万/亿 (Chinese), so an axis reads like the tiles.


def money_scale(largest: float, lang: str) -> tuple[float, str]:
    """A divisor and unit for a money axis whose largest value is `largest`."""
    steps = ((1e8, "亿元"), (1e4, "万元")) if lang == "zh" else ((1e9, "¥B"), (1e6, "¥M"), (1e3, "¥K"))
    for scale, unit in steps:
        if largest >= scale:
            return scale, unit
    return 1.0, "元" if lang == "zh" else "¥"


def _money_hover(values: list[float | None], lang: str) -> list[str]:
    return [fmt.money(v, lang) for v in values]


# --------------------------------------------------------------------------------------------
# Trend


def marker_sizes(series: pl.DataFrame) -> list[int]:
    """Large markers on the month-end series (month-ends and the as-of date), small ones at biweekly ends."""
    return [
        SERIES_MARKER if month_end or as_of else BIWEEKLY_MARKER
        for month_end, as_of in zip(series["is_month_end"], series["is_as_of"], strict=True)
    ]


def ratio_trend(series: pl.DataFrame, basis: str, lang: str) -> go.Figure:
    """The four delinquency ratios at each snapshot date, one line each; month-ends with larger markers."""
    x = series["snapshot_date"].to_list()
    sizes = marker_sizes(series)
    data = [
        {
            "type": "scatter",
            "x": x,
            "y": series[figure_key(metric, basis)].to_list(),
            "name": t(metric, lang),
            "mode": "lines+markers",
            "marker": {"size": sizes},
            # NPL (91+ days by default) often equals PAR90: dashed so both stay visible.
            "line": {"color": RATIO_COLOURS[metric], "width": 2, "dash": "dash" if metric == "npl_ratio" else "solid"},
            "hovertemplate": "%{x|%Y-%m-%d}: %{y:.2%}<extra>" + t(metric, lang) + "</extra>",
        }
        for metric in RATIOS
    ]
    unit = t("credit_axis_share_balance", lang) if basis == "balance" else t("credit_axis_share_loans", lang)
    return figure(
        data,
        t("credit_ratio_trend_title", lang),
        t("credit_axis_snapshot", lang),
        unit,
        height=400,
        # The legend on its own line under the title: beside it, it runs into a long (Chinese) title.
        margin={"t": 80},
        title=TOP_TITLE,
        legend={"x": 0, "xanchor": "left", "y": 1.01, "yanchor": "bottom"},
        xaxis={"tickformat": DATE_TICKS},
        yaxis={"tickformat": ".1%", "rangemode": "tozero"},
    )


def npl_equals_par90(series: pl.DataFrame, basis: str) -> bool:
    npl, par90 = series[figure_key("npl_ratio", basis)], series[figure_key("par90", basis)]
    return bool((npl.fill_null(0) - par90.fill_null(0)).abs().max() < 1e-12)


def month_end(month: date, cap: date) -> date:
    nxt = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return min(nxt - timedelta(days=1), cap)


def balance_and_writeoffs(
    series: pl.DataFrame, writeoffs_monthly: pl.DataFrame, snapshot: date, basis: str, lang: str
) -> go.Figure:
    """Outstanding balance (or active loans) at each snapshot date above write-offs per month."""
    if basis == "balance":
        values = series["balance"].cast(pl.Float64).to_list()
        scale, unit = money_scale(max([v or 0 for v in values], default=0), lang)
        top_title, top_hover = f"{t('outstanding_balance', lang)} ({unit})", _money_hover(values, lang)
        top_values = [(v or 0) / scale for v in values]
    else:
        top_values = series["active_loans"].to_list()
        top_title, top_hover = t("credit_active_loans", lang), [fmt.count(v) for v in top_values]
    column = "written_off_principal" if basis == "balance" else "loans"
    # Each month's write-offs sit at the month's last snapshot date, so the bars line up with the balance.
    months = writeoffs_monthly.filter(pl.col("month") >= series["snapshot_date"].min().replace(day=1))
    raw = months[column].cast(pl.Float64).to_list()
    if basis == "balance":
        w_scale, w_unit = money_scale(max(raw, default=0), lang)
        bottom_title, bottom_hover = f"{t('write_offs', lang)} ({w_unit})", _money_hover(raw, lang)
        bottom_values = [v / w_scale for v in raw]
    else:
        bottom_title, bottom_hover = t("credit_writeoff_loans", lang), [fmt.count(v) for v in raw]
        bottom_values = raw
    data = [
        {
            # An area, not bars: snapshot dates can be a day apart (a biweekly Sunday after a month-end),
            # which would make every bar a hairline.
            "type": "scatter",
            "mode": "lines+markers",
            "fill": "tozeroy",
            "x": series["snapshot_date"].to_list(),
            "y": top_values,
            "name": top_title,
            "line": {"color": "#4E79A7", "width": 1.5},
            "marker": {"color": "#4E79A7", "size": marker_sizes(series)},
            "customdata": top_hover,
            "hovertemplate": "%{x|%Y-%m-%d}: %{customdata}<extra></extra>",
        },
        {
            "type": "bar",
            "x": [month_end(m, snapshot) for m in months["month"]],
            "y": bottom_values,
            "name": bottom_title,
            "marker": {"color": "#800026"},
            "customdata": bottom_hover,
            "hovertemplate": "%{x|%Y-%m}: %{customdata}<extra></extra>",
            "yaxis": "y2",
        },
    ]
    axis_title = {"font": {"size": 11}}
    return figure(
        data,
        t("credit_balance_title", lang),
        height=400,
        show_legend=False,
        # The same top as the ratio trend beside it, so the two titles and plots line up.
        margin={"t": 80},
        title=TOP_TITLE,
        # Two panels on one time axis: the balance above, write-offs below.
        xaxis={"anchor": "y2", "tickformat": DATE_TICKS, "title": {"text": t("credit_axis_snapshot", lang)}},
        yaxis={"domain": [0.42, 1], "title": {"text": top_title, **axis_title}},
        yaxis2={"domain": [0, 0.34], "title": {"text": bottom_title, **axis_title}},
    )


# --------------------------------------------------------------------------------------------
# Mixes


def _stacked_shares(rows: list[tuple[str, pl.DataFrame, str]], share: str, title: str, basis: str, lang: str):
    # Stacked areas, not bars: snapshot dates can be a day apart (a biweekly Sunday after a month-end),
    # which would make every bar a hairline.
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "stackgroup": "mix",
            "x": frame["snapshot_date"].to_list(),
            "y": frame[share].to_list(),
            "name": name,
            "line": {"color": colour, "width": 0.5},
            "fillcolor": colour,
            "hovertemplate": "%{x|%Y-%m-%d}: %{y:.2%}<extra>" + name + "</extra>",
        }
        for name, frame, colour in rows
    ]
    unit = t("credit_axis_share_balance", lang) if basis == "balance" else t("credit_axis_share_loans", lang)
    return figure(
        data,
        title,
        t("credit_axis_snapshot", lang),
        unit,
        legend=STACK_LEGEND,
        xaxis={"tickformat": DATE_TICKS},
        yaxis={"tickformat": ".1%"},
    )


def bucket_mix_chart(mix_series: pl.DataFrame, basis: str, lang: str) -> go.Figure:
    """Overdue buckets (M1 … M4+) as stacked shares at each snapshot date; the stack's height is the overdue rate."""
    share = "balance_share" if basis == "balance" else "loans_share"
    overdue = mix_series.filter(pl.col("bucket_no") > 0).sort("bucket_no", "snapshot_date")
    rows = [
        (bucket, overdue.filter(pl.col("dpd_bucket") == bucket), BUCKET_COLOURS.get(bucket, "#999999"))
        for bucket in overdue["dpd_bucket"].unique(maintain_order=True)
    ]
    return _stacked_shares(rows, share, t("credit_bucket_mix_title", lang), basis, lang)


def five_tier_chart(tier_series: pl.DataFrame, basis: str, lang: str) -> go.Figure:
    """The four classes outside "normal" as stacked shares at each snapshot date."""
    share = "balance_share" if basis == "balance" else "loans_share"
    rows = [
        (t(f"five_tier_{tier}", lang), tier_series.filter(pl.col("five_tier") == tier), FIVE_TIER_COLOURS[tier])
        for tier in NON_NORMAL_TIERS
    ]
    return _stacked_shares(rows, share, t("credit_five_tier_title", lang), basis, lang)


def bucket_table(mix: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, dict]:
    """Every DPD bucket (M0 … M7+) at the period's snapshot: loans, balance, shares."""
    return present(
        mix,
        [
            Column("dpd_bucket", t("credit_dpd_bucket", lang)),
            Column("active_loans", t("credit_active_loans", lang), "count"),
            Column("balance", t("outstanding_balance", lang), "money"),
            Column("balance_share", t("credit_share_of_balance", lang), "percent"),
            Column("loans_share", t("credit_share_of_loans", lang), "percent"),
        ],
    )


def five_tier_table(mix: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, dict]:
    """The five classes at the period's snapshot: loans, balance, shares."""
    labelled = mix.with_columns(
        pl.col("five_tier").map_elements(lambda v: t(f"five_tier_{v}", lang), return_dtype=pl.String)
    )
    return present(
        labelled,
        [
            Column("five_tier", t("credit_five_tier_class", lang)),
            Column("active_loans", t("credit_active_loans", lang), "count"),
            Column("balance", t("outstanding_balance", lang), "money"),
            Column("balance_share", t("credit_share_of_balance", lang), "percent"),
            Column("loans_share", t("credit_share_of_loans", lang), "percent"),
        ],
    )


# --------------------------------------------------------------------------------------------
# Vintage


def _cell_text(value: float | None) -> str:
    """A share as a percentage number for a heatmap cell: one decimal, "0" for nothing, blank for no cell."""
    if value is None:
        return ""
    if value == 0:
        return "0"
    return f"{value * 100:.1f}"


def vintage_threshold_switch(lang: str) -> int:
    """The 30+ / 60+ / 90+ selector of the vintage section; returns 30, 60 or 90."""
    choice = st.segmented_control(
        t("credit_vintage_threshold", lang),
        list(VINTAGE_THRESHOLDS),
        default=30,
        format_func=lambda d: t("credit_dpd_over", lang, days=d),
        key="credit_vintage_threshold",
    )
    return choice or 30


def vintage_heatmap(triangle: pl.DataFrame, threshold: int, lang: str) -> go.Figure:
    """The vintage triangle: vintage months down, months on book across, the ratio in each cell (in %)."""
    mobs = [c for c in triangle.columns if c not in ("vintage_month", "principal")]
    z = triangle.select(mobs).rows()
    principal = [fmt.money(v, lang) for v in triangle["principal"].cast(pl.Float64)]
    values = sorted(v for row in z for v in row if v is not None)
    top = values[int(0.98 * (len(values) - 1))] if values else 0
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": mobs,
        "y": [v.strftime("%Y-%m") for v in triangle["vintage_month"]],
        "text": [[_cell_text(v) for v in row] for row in z],
        "texttemplate": "%{text}",
        "textfont": {"size": 10},
        "customdata": [[p] * len(mobs) for p in principal],
        "colorscale": "Reds",
        "zmin": 0,
        "zmax": max(top, 0.001),
        "xgap": 1,
        "ygap": 1,
        "colorbar": {"tickformat": ".1%", "thickness": 12},
        "hovertemplate": t("credit_vintage_hover", lang) + "<extra></extra>",
        "hoverongaps": False,
    }
    return figure(
        [heatmap],
        t("credit_vintage_triangle_title", lang, threshold=threshold),
        t("months_on_book", lang),
        t("credit_vintage_month", lang),
        height=max(320, 24 * triangle.height + 130),
        show_legend=False,
        margin={"t": 100},
        title=TOP_TITLE,
        xaxis={"type": "category", "side": "top", "tickfont": {"size": 11}},
        yaxis={"type": "category", "autorange": "reversed", "tickfont": {"size": 11}},
    )


def vintage_curves_chart(curves: pl.DataFrame, threshold: int, lang: str) -> go.Figure:
    """One line per vintage over months on book, coloured from light (old) to dark (recent)."""
    by_vintage = curves.sort("vintage_month", "mob").partition_by("vintage_month", maintain_order=True)
    n = len(by_vintage)
    colours = sample_colorscale("Blues", [0.25 + 0.75 * (i / max(n - 1, 1)) for i in range(n)])
    data = []
    for rows, colour in zip(by_vintage, colours, strict=True):
        label = rows["vintage_month"][0].strftime("%Y-%m")
        data.append(
            {
                "type": "scatter",
                "x": rows["mob"].to_list(),
                "y": rows["ratio"].to_list(),
                "mode": "lines",
                "name": label,
                "line": {"color": colour, "width": 1.6},
                "hovertemplate": f"{label} · MOB %{{x}}: %{{y:.2%}}<extra></extra>",
                "showlegend": False,
            }
        )
    if data:
        # A colour bar instead of a legend of two dozen vintages: light is old, dark is recent.
        data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "showlegend": False,
                "hoverinfo": "skip",
                "marker": {
                    "colorscale": [[0, colours[0]], [1, colours[-1]]],
                    "cmin": 0,
                    "cmax": 1,
                    "color": [0],
                    "showscale": True,
                    "colorbar": {
                        "title": {"text": t("credit_vintage_short", lang), "side": "right"},
                        "tickvals": [0, 1],
                        "ticktext": [data[0]["name"], data[-1]["name"]],
                        "thickness": 12,
                        "len": 0.8,
                    },
                },
            }
        )
    return figure(
        data,
        t("credit_vintage_curves_title", lang, threshold=threshold),
        t("months_on_book", lang),
        t("credit_axis_share_original", lang),
        height=380,
        show_legend=False,
        xaxis={"dtick": 3},
        yaxis={"tickformat": ".1%", "rangemode": "tozero"},
    )


def vintage_table(triangle: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The triangle for download: vintage, original principal, the ratio (in %) per months on book."""
    mobs = [c for c in triangle.columns if c not in ("vintage_month", "principal")]
    return triangle.select(
        pl.col("vintage_month").dt.strftime("%Y-%m").alias(t("credit_vintage_month", lang)),
        pl.col("principal").cast(pl.Float64).alias(t("credit_original_principal", lang)),
        *[(pl.col(m) * 100).round(2).alias(f"MOB {m} (%)") for m in mobs],
    )


# --------------------------------------------------------------------------------------------
# Roll rates


def state_label(state: str, lang: str) -> str:
    return t(f"credit_state_{state}", lang) if state in ("closed", "written_off") else state


def roll_rate_heatmap(roll: RollRateMatrix, lang: str) -> go.Figure:
    """Rows: bucket at t (with its balance); columns: state at t+1; cells: share of the row's balance."""
    matrix = roll.matrix
    z = matrix.select(roll.states).rows()
    heatmap = {
        "type": "heatmap",
        "z": z,
        # Two-word states on two lines, so the narrow columns' labels do not run into each other.
        "x": [state_label(s, lang).replace(" ", "<br>") for s in roll.states],
        "y": [
            f"{bucket} · {fmt.money(balance, lang)}"
            for bucket, balance in zip(matrix["from_bucket"], matrix["balance_at_t"], strict=True)
        ],
        "text": [[_cell_text(v) if v else "" for v in row] for row in z],
        "texttemplate": "%{text}",
        "textfont": {"size": 11},
        "colorscale": "Blues",
        "zmin": 0,
        "zmax": 1,
        "xgap": 1,
        "ygap": 1,
        "showscale": False,
        "hovertemplate": t("credit_roll_hover", lang) + "<extra></extra>",
    }
    return figure(
        [heatmap],
        t("credit_roll_matrix_title", lang),
        t("credit_axis_state_next", lang),
        t("credit_axis_bucket_now", lang),
        height=420,
        show_legend=False,
        margin={"t": 100},
        title=TOP_TITLE,
        xaxis={"type": "category", "side": "top", "tickangle": 0},
        yaxis={"type": "category", "autorange": "reversed"},
    )


def roll_trend_chart(trend: pl.DataFrame, lang: str) -> go.Figure:
    """M0→M1, M1→M2 and M2→M3 at each snapshot pair, one small panel each (their levels differ tenfold)."""
    panels = trend.sort("to_snapshot_date").partition_by("transition", maintain_order=True)
    n = len(panels)
    gap = 0.1
    height = (1 - gap * (n - 1)) / max(n, 1)
    data, layout, titles = [], {}, []
    for i, rows in enumerate(panels):
        transition = rows["transition"][0]
        axis = "y" if i == 0 else f"y{i + 1}"
        top = 1 - i * (height + gap)
        data.append(
            {
                "type": "scatter",
                "x": rows["to_snapshot_date"].to_list(),
                "y": rows["roll_rate"].to_list(),
                "mode": "lines+markers",
                "marker": {"size": 4},
                "line": {"color": TRANSITION_COLOURS.get(i, "#555555"), "width": 2},
                "name": transition,
                "yaxis": axis,
                "hovertemplate": "%{x|%Y-%m-%d}: %{y:.1%}<extra>" + transition + "</extra>",
            }
        )
        layout["yaxis" if i == 0 else f"yaxis{i + 1}"] = {
            "domain": [max(top - height, 0), top],
            "tickformat": ".0%",
            "rangemode": "tozero",
            "nticks": 4,
        }
        titles.append(
            {
                "text": transition,
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": top,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12},
            }
        )
    bottom = "y" if n <= 1 else f"y{n}"
    return figure(
        data,
        t("credit_roll_trend_title", lang),
        height=420,
        show_legend=False,
        xaxis={"anchor": bottom, "tickformat": DATE_TICKS, "title": {"text": t("credit_axis_pair_end", lang)}},
        annotations=titles,
        **layout,
    )


def roll_rate_table(roll: RollRateMatrix, lang: str) -> pl.DataFrame:
    """The matrix for download: bucket at t, its balance, then the share (in %) going to each state at t+1."""
    return roll.matrix.select(
        pl.col("from_bucket").alias(t("credit_axis_bucket_now", lang)),
        pl.col("balance_at_t").cast(pl.Float64).round(2).alias(t("credit_balance_at_t", lang)),
        *[(pl.col(s) * 100).round(2).alias(f"{state_label(s, lang)} (%)") for s in roll.states],
    )


def pairs_caption(roll: RollRateMatrix, as_of: date, lang: str) -> str:
    pairs = ", ".join(f"{a:%Y-%m-%d} → {b:%Y-%m-%d}" for a, b in roll.pairs)
    text = t("credit_roll_pairs", lang, pairs=pairs)
    if any(b == as_of for _, b in roll.pairs):
        text += " " + t("credit_roll_part_month", lang)
    return text


# --------------------------------------------------------------------------------------------
# Early warning


def early_warning_table(flags: pl.DataFrame, lang: str, flagged_only: bool) -> tuple[pl.DataFrame, dict]:
    """The early-warning rows (flagged first) with translated dimension and product-line names."""
    shown = flags.filter(pl.col("flagged")) if flagged_only else flags
    labelled = shown.with_columns(
        pl.col("dimension").map_elements(lambda d: t(_DIMENSION_KEYS[d], lang), return_dtype=pl.String),
        pl.when(pl.col("dimension") == "product_line")
        .then(pl.col("dimension_value").map_elements(lambda v: t(f"product_line_{v}", lang), return_dtype=pl.String))
        .otherwise(pl.col("dimension_name"))
        .alias("dimension_name"),
    )
    return present(
        labelled,
        [
            Column("dimension", t("credit_ew_dimension", lang)),
            Column("dimension_name", t("credit_ew_value", lang)),
            Column("overdue_rate", t("overdue_rate", lang), "percent"),
            Column("threshold", t("credit_ew_threshold", lang), "percent"),
            Column("overdue_above_threshold", t("credit_ew_above_threshold", lang), "money"),
            Column("history_mean", t("credit_ew_mean", lang), "percent"),
            Column("balance", t("outstanding_balance", lang), "money"),
            Column("balance_dpd1", t("credit_ew_overdue_balance", lang), "money"),
            Column("history_points", t("credit_ew_points", lang), "count"),
            Column("flagged", t("credit_ew_flagged", lang), "flag"),
        ],
    )


_DIMENSION_KEYS = {
    "region": "region",
    "team": "team",
    "officer": "officer",
    "product_line": "product_line",
    "channel": "channel",
}
