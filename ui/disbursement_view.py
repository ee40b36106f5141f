"""Figures, tiles and tables of the Disbursement page, built from pipelines.queries.disbursement frames."""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pipelines.queries import data, disbursement
from ui.charts import BAND_COLOURS, STRETCH_COLOUR, TARGET_COLOUR
from ui.components import definition_popover
from ui.db import query
from ui.filters import FilterContext
from ui.format import count, days, money, percent
from ui.i18n import t
from ui.sales_view import (
    PERCENT_FORMAT,
    Tile,
    day_change,
    figure,
    money_ticks,
    point_change,
    relative_change,
    tile_row,
    trailing_filters,
)
from ui.teams_view import bar_colours, go_to

AMOUNT_COLOUR = "#2171b5"
BADGE_COLOURS = {"red": "red", "amber": "orange", "green": "green", "bonus": "blue"}
BAND_CELL_STYLES = {band: f"background-color: {colour}; color: white" for band, colour in BAND_COLOURS.items()}
LEADERBOARD_CHART_ROWS = 15


def band_text(band: str, lang: str) -> str:
    """The band's name with its configured bounds: "Amber · 80%–100%"."""
    bounds = query(data.build_info).config["targets"]
    return t(
        f"band_{band}",
        lang,
        red=f"{bounds['red_below']:.0%}",
        green=f"{bounds['green_from']:.0%}",
        bonus=f"{bounds['bonus_from']:.0%}",
    )


def band_badge(band: str | None, lang: str) -> str | None:
    """The attainment band as a coloured badge (Markdown), None without a band."""
    if band is None:
        return None
    return f":{BADGE_COLOURS[band]}-badge[{band_text(band, lang)}]"


def headline_tiles(ctx: FilterContext, summary: dict) -> None:
    """Amount, count, ticket, attainment, stretch attainment, pacing, repeat-loan rate and cycle, with changes."""
    lang, filters = ctx.lang, ctx.filters
    history = [query(disbursement.disbursement_summary, f).row(0, named=True) for f in trailing_filters(ctx)]
    previous = (
        query(disbursement.disbursement_summary, filters.for_period(filters.comparison)).row(0, named=True)
        if filters.comparison
        else {}
    )

    def past(column: str) -> list:
        return [h[column] for h in history]

    target_note = (
        t("target_note", lang, base=money(summary["base_target"], lang), stretch=money(summary["stretch_target"], lang))
        if summary["base_target"] is not None
        else None
    )
    tiles = [
        Tile(
            "disbursed_amount",
            t("disbursed_amount", lang),
            money(summary["amount"], lang),
            relative_change(summary["amount"], previous.get("amount")),
            past("amount"),
            target_note,
        ),
        Tile(
            "disbursed_count",
            t("disbursed_count", lang),
            count(summary["loans"]),
            relative_change(summary["loans"], previous.get("loans")),
            past("loans"),
        ),
        Tile(
            "average_ticket",
            t("average_ticket", lang),
            money(summary["average_ticket"], lang),
            relative_change(summary["average_ticket"], previous.get("average_ticket")),
            past("average_ticket"),
        ),
        Tile(
            "attainment",
            t("attainment", lang),
            percent(summary["attainment"]),
            point_change(summary["attainment"], previous.get("attainment")),
            past("attainment"),
            band_badge(summary["band"], lang),
        ),
        Tile(
            "stretch_attainment",
            t("stretch_attainment", lang),
            percent(summary["stretch_attainment"]),
            point_change(summary["stretch_attainment"], previous.get("stretch_attainment")),
            past("stretch_attainment"),
        ),
        Tile("pacing", t("pacing", lang), percent(summary["pacing"]), note=_pacing_note(summary, lang)),
        Tile(
            "repeat_loan_rate",
            t("repeat_loan_rate", lang),
            percent(summary["repeat_rate"]),
            point_change(summary["repeat_rate"], previous.get("repeat_rate")),
            past("repeat_rate"),
        ),
        Tile(
            "conversion_cycle",
            t("conversion_cycle", lang),
            days(summary["conversion_cycle_days"], lang),
            day_change(summary["conversion_cycle_days"], previous.get("conversion_cycle_days"), lang),
            past("conversion_cycle_days"),
        ),
    ]
    tile_row(tiles, lang, columns_per_row=4)
    if not summary["targets_apply"]:
        st.caption(t("targets_not_applicable", lang))
    elif summary["base_target"] is None:
        st.caption(t("no_target_set", lang))
    definition_popover([tile.key for tile in tiles], lang)


def _pacing_note(summary: dict, lang: str) -> str:
    if summary["period_complete"]:
        return t("pacing_period_complete", lang)
    elapsed = t("pacing_elapsed", lang, share=percent(summary["elapsed_share"]))
    badge = band_badge(summary["pacing_band"], lang)
    return f"{badge} {elapsed}" if badge else elapsed


def default_grain(ctx: FilterContext) -> str:
    """Days for a period up to a month, weeks up to a quarter, months beyond."""
    length = ctx.filters.period.days
    return "day" if length <= 31 else "week" if length <= 120 else "month"


def volume_figure(series: pl.DataFrame, cumulative: bool, as_of: date, grain: str, lang: str) -> go.Figure:
    """Disbursed amount per day / week / month as bars against the prorated base and stretch target lines."""
    prefix = "cumulative_" if cumulative else ""
    rows = series.to_dicts()
    x = [r["bucket_start"] for r in rows]
    amounts = [float(r[f"{prefix}amount"]) for r in rows]
    base = [r[f"{prefix}base_target"] if cumulative else r["base_target"] for r in rows]
    stretch = [r[f"{prefix}stretch_target"] if cumulative else r["stretch_target"] for r in rows]
    traces = [
        go.Bar(
            x=x,
            y=amounts,
            name=t("disbursed_amount", lang),
            marker={"color": AMOUNT_COLOUR},
            customdata=[
                [money(a, lang), count(r["loans"]), f"{r['bucket_start']:%Y-%m-%d}", f"{r['bucket_end']:%Y-%m-%d}"]
                for a, r in zip(amounts, rows, strict=True)
            ],
            hovertemplate=t("volume_hover", lang) + "<extra></extra>",
        )
    ]
    has_target = any(v is not None for v in base)
    if has_target:
        for values, name, colour, dash in (
            (base, t("base_target", lang), TARGET_COLOUR, "solid"),
            (stretch, t("stretch_target", lang), STRETCH_COLOUR, "dash"),
        ):
            traces.append(
                go.Scatter(
                    x=x,
                    y=values,
                    name=name,
                    mode="lines+markers" if len(rows) < 40 else "lines",
                    line={"color": colour, "dash": dash, "width": 2, "shape": "linear" if cumulative else "hvh"},
                    marker={"size": 5},
                    customdata=[money(v, lang) for v in values],
                    hovertemplate=f"{name}: %{{customdata}}<extra></extra>",
                )
            )
    shapes, annotations = [], []
    last_day = rows[-1]["bucket_end"] if rows else as_of
    if rows and as_of < last_day:
        # Buckets after the as-of day have no data yet.
        start = _bucket_edge(as_of + timedelta(days=1), grain, x)
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": start,
                "x1": _bucket_edge(last_day + timedelta(days=1), grain, x),
                "y0": 0,
                "y1": 1,
                "fillcolor": "#eeeeee",
                "opacity": 0.6,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": start,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "text": t("after_as_of", lang),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": 11, "color": "#666666"},
            }
        )
    top = max([*amounts, *[v or 0 for v in base], *[v or 0 for v in stretch], 1]) * 1.1
    return figure(
        traces,
        t("volume_cumulative_title" if cumulative else "volume_title", lang),
        x_title=t(f"grain_{grain}_axis", lang),
        y_title=t("amount_axis", lang),
        xaxis={"tickformat": "%Y-%m" if grain == "month" else "%m-%d"},
        yaxis=money_ticks(top, lang),
        bargap=0.15,
        shapes=shapes,
        annotations=annotations,
    )


def _bucket_edge(day: date, grain: str, starts: list[date]) -> date | str:
    """Where a day falls on a bar axis: bars are centred on their bucket's start, so move half a bucket back."""
    if grain == "day":
        return f"{day - timedelta(days=1):%Y-%m-%d} 12:00"
    earlier = [s for s in starts if s < day]
    later = [s for s in starts if s >= day]
    if earlier and later:
        # Halfway between the two buckets' bars.
        return earlier[-1] + (later[0] - earlier[-1]) / 2
    return day


def mix_figures(
    mix: pl.DataFrame, names: dict[str, str], colours: dict[str, str], lang: str
) -> tuple[go.Figure, go.Figure]:
    """Amount by product line / channel / segment / customer type, and their average ticket, in their own colours."""
    rows = mix.to_dicts()
    labels = [names.get(r["value"], r["value_name"] or r["value"]) for r in rows]
    marker = {"color": [colours.get(r["value"], "#888888") for r in rows]}
    height = max(280, 34 * len(rows) + 120)
    amounts = [float(r["amount"]) for r in rows]
    share_bars = go.Bar(
        y=labels,
        x=amounts,
        orientation="h",
        marker=marker,
        text=[f"{money(a, lang)} · {percent(r['amount_share'])}" for a, r in zip(amounts, rows, strict=True)],
        textposition="outside",
        cliponaxis=False,
        customdata=[count(r["loans"]) for r in rows],
        hovertemplate="%{y}<br>%{text}<br>" + t("loans_hover", lang) + "<extra></extra>",
    )
    share = figure(
        [share_bars],
        t("mix_amount_title", lang),
        x_title=t("amount_axis", lang),
        height=height,
        legend=False,
        xaxis=money_ticks(max(amounts, default=1) * 1.35, lang),
        yaxis={"autorange": "reversed"},
    )
    tickets = [r["average_ticket"] or 0 for r in rows]
    ticket_bars = go.Bar(
        y=labels,
        x=tickets,
        orientation="h",
        marker=marker,
        text=[money(v, lang) for v in tickets],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    )
    ticket = figure(
        [ticket_bars],
        t("mix_ticket_title", lang),
        x_title=t("ticket_axis", lang),
        height=height,
        legend=False,
        xaxis=money_ticks(max(tickets, default=1) * 1.25, lang),
        yaxis={"autorange": "reversed"},
    )
    return share, ticket


def mix_table(mix: pl.DataFrame, names: dict[str, str], lang: str) -> tuple[pl.DataFrame, dict]:
    table = mix.select(
        pl.col("value").replace_strict(names, default=pl.col("value_name")).alias("name"),
        pl.col("amount").cast(pl.Float64),
        (pl.col("amount_share") * 100).alias("amount_share"),
        "loans",
        (pl.col("count_share") * 100).alias("count_share"),
        "average_ticket",
        (pl.col("repeat_rate") * 100).alias("repeat_rate"),
    )
    config = {
        "name": st.column_config.TextColumn(t("name", lang)),
        "amount": st.column_config.NumberColumn(t("disbursed_amount", lang), format="yen"),
        "amount_share": st.column_config.NumberColumn(t("amount_share", lang), format=PERCENT_FORMAT),
        "loans": st.column_config.NumberColumn(t("disbursed_count", lang), format="localized"),
        "count_share": st.column_config.NumberColumn(t("count_share", lang), format=PERCENT_FORMAT),
        "average_ticket": st.column_config.NumberColumn(t("average_ticket", lang), format="yen"),
        "repeat_rate": st.column_config.NumberColumn(t("repeat_loan_rate", lang), format=PERCENT_FORMAT),
    }
    return table, config


def leaderboard_figure(board: pl.DataFrame, level: str, ctx: FilterContext) -> go.Figure:
    """The top of the leaderboard: amount bars, the base target as a tick on each bar, amount and attainment."""
    lang = ctx.lang
    top = board.head(LEADERBOARD_CHART_ROWS).to_dicts()
    # The Teams page's colours: regions and teams their own, account managers their team's.
    colours = bar_colours(board.head(LEADERBOARD_CHART_ROWS), level, ctx)
    labels = [r["name"] or r["value"] for r in top]
    amounts = [float(r["amount"]) for r in top]
    traces = [
        go.Bar(
            y=labels,
            x=amounts,
            orientation="h",
            name=t("disbursed_amount", lang),
            marker={"color": colours},
            customdata=[
                [r["value"], r["region_name"] or "", count(r["loans"]), money(r["average_ticket"], lang)] for r in top
            ],
            hovertemplate=t("leaderboard_hover", lang) + "<extra></extra>",
            showlegend=False,
        )
    ]
    targets = [r["base_target"] for r in top]
    if any(v is not None for v in targets):
        traces.append(
            go.Scatter(
                y=labels,
                x=targets,
                mode="markers",
                name=t("base_target", lang),
                marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": TARGET_COLOUR}},
                customdata=[money(v, lang) for v in targets],
                hovertemplate="%{y}<br>" + t("base_target", lang) + ": %{customdata}<extra></extra>",
            )
        )
    widest = max([*amounts, *[v or 0 for v in targets], 1])
    # Amount and attainment as a column of text right of the longest bar, clear of the target ticks.
    traces.append(
        go.Scatter(
            y=labels,
            x=[widest * 1.03] * len(top),
            mode="text",
            text=[
                money(a, lang) if r["attainment"] is None else f"{money(a, lang)} · {percent(r['attainment'])}"
                for a, r in zip(amounts, top, strict=True)
            ],
            textposition="middle right",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    title_key = "leaderboard_title_top" if board.height > LEADERBOARD_CHART_ROWS else "leaderboard_title"
    return figure(
        traces,
        t(title_key, lang, n=LEADERBOARD_CHART_ROWS),
        x_title=t("amount_axis", lang),
        height=max(300, 30 * len(top) + 120),
        xaxis=money_ticks(widest * 1.35, lang),
        yaxis={"autorange": "reversed"},
    )


def leaderboard_table(board: pl.DataFrame, level: str, lang: str) -> tuple[pl.DataFrame, dict]:
    """The leaderboard for display: rank, name, parents, amount, share, count, ticket, targets, attainment, band."""
    parents = {"region": [], "team": ["region_name"], "officer": ["team_name", "region_name"]}[level]
    # A parent shared by every row (after a drill into one region or team) says nothing: leave it out.
    parents = [p for p in parents if board[p].n_unique() > 1]
    table = board.select(
        "rank",
        pl.col("name").fill_null(pl.col("value")).alias("name"),
        *parents,
        pl.col("amount").cast(pl.Float64),
        (pl.col("amount_share") * 100).alias("amount_share"),
        "loans",
        "average_ticket",
        "base_target",
        (pl.col("attainment") * 100).alias("attainment"),
        pl.col("band").map_elements(lambda b: t(f"band_short_{b}", lang), return_dtype=pl.String).alias("band_name"),
        (pl.col("stretch_attainment") * 100).alias("stretch_attainment"),
    )
    if level == "officer":
        # Officers have no targets of their own.
        table = table.drop("base_target", "attainment", "stretch_attainment", "band_name")
    config = {
        "rank": st.column_config.NumberColumn(t("rank", lang), format="%d", width="small"),
        "name": st.column_config.TextColumn(t(level, lang)),
        "team_name": st.column_config.TextColumn(t("team", lang)),
        "region_name": st.column_config.TextColumn(t("region", lang)),
        "amount": st.column_config.NumberColumn(t("disbursed_amount", lang), format="yen"),
        "amount_share": st.column_config.NumberColumn(t("amount_share", lang), format=PERCENT_FORMAT),
        "loans": st.column_config.NumberColumn(t("disbursed_count", lang), format="localized"),
        "average_ticket": st.column_config.NumberColumn(t("average_ticket", lang), format="yen"),
        "base_target": st.column_config.NumberColumn(t("base_target", lang), format="yen"),
        "attainment": st.column_config.NumberColumn(t("attainment", lang), format=PERCENT_FORMAT),
        "stretch_attainment": st.column_config.NumberColumn(t("stretch_attainment", lang), format=PERCENT_FORMAT),
        "band_name": st.column_config.TextColumn(t("band", lang)),
    }
    return table, config


def coloured_bands(table: pl.DataFrame, board: pl.DataFrame):
    """The leaderboard table with each band cell in its band's colour (a pandas Styler, for st.dataframe)."""
    frame = table.to_pandas()
    if "band_name" not in frame.columns:
        return frame
    styles = [BAND_CELL_STYLES.get(b, "") for b in board["band"].to_list()]
    return frame.style.apply(lambda _: styles, subset=["band_name"])


def clicked(event, board: pl.DataFrame) -> str | None:
    """The id of the region, team or account manager whose bar (or target tick, or label) was clicked."""
    try:
        points = event.selection.points
    except AttributeError:
        return None
    top = board.head(LEADERBOARD_CHART_ROWS)["value"].to_list()
    for point in points or []:
        index = point.get("point_index")
        if index is not None and 0 <= index < len(top):
            return top[index]
    return None


def drill_to(level: str, value: str) -> None:
    """Go one level down from a clicked bar (leaderboard or bridge): a region's teams, a team's account managers;
    an account manager's own leads and loans are on the Teams page."""
    go_to(f"{level}:{value}")  # the drill is a filter: it sets the filter bar's region / team / account manager
    if level == "officer":
        st.switch_page("pages/teams.py")
    st.rerun()


def drill_hint(level: str, lang: str) -> str:
    return t(f"leaderboard_click_{level}", lang)
