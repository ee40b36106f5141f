""" "Who moved it" on the Disbursement and Teams pages: the amount change by member, its bridge (waterfall) and table.

The figures come from pipelines.queries.disbursement.amount_change_by (one definition, also used by
the retrospective's decomposition) and amount_bridge; this module only draws them. A page calls
`who_moved(...)` and drills into the member whose bar was clicked, with its own drill helper.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import replace

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pipelines.queries import disbursement
from pipelines.queries.filters import Filters
from ui.charts import show
from ui.components import definition_popover, downloads
from ui.db import query
from ui.filters import FilterContext
from ui.format import escape_markdown, money, percent
from ui.i18n import t
from ui.sales_view import PERCENT_FORMAT, display_names, figure, labelled, money_ticks, relative_change
from ui.table_view import show as show_table

INCREASE_COLOUR = "#2ca02c"
DECREASE_COLOUR = "#d62728"
TOTAL_COLOUR = "#2171b5"
CONNECTOR_COLOUR = "#999999"
CLICKABLE_LEVELS = ("region", "team", "officer")
"""Levels a bar can drill into (product lines and channels are not organisation levels)."""


def levels_below(drill_level: str | None) -> list[str]:
    """The levels the change can be split by under a drill: the organisation levels below it, product line, channel."""
    below = {None: ["region", "team", "officer"], "region": ["team", "officer"], "team": ["officer"]}
    return [*below.get(drill_level, []), "product_line", "channel"]


def _signed(value, lang: str) -> str:
    return ("+" if value >= 0 else "") + money(value, lang)


def _labels(names: list[str], ids: list[str | None]) -> list[str]:
    """Category labels: two members with the same name (two account managers called Wang Fang) would fall on one
    bar, so a repeated name carries its id."""
    repeated = {name for name, n in Counter(names).items() if n > 1}
    return [f"{name} ({i})" if name in repeated and i else name for name, i in zip(names, ids, strict=True)]


def member_names(changes: pl.DataFrame, ctx: FilterContext, level: str) -> dict[str, str]:
    """Id → display name in the interface language (source names for the organisation and channels)."""
    names = display_names(ctx, level)
    for value, name in zip(changes["value"], changes["name"], strict=True):
        if value is not None and value not in names:
            names[value] = name or value
    return names


def bridge_figure(steps: pl.DataFrame, changes: pl.DataFrame, level: str, ctx: FilterContext) -> go.Figure:
    """The waterfall from the comparison total to the period's total: one bar per member, one for the others."""
    lang, f = ctx.lang, ctx.filters
    names = member_names(changes, ctx, level)
    share = dict(zip(changes["value"], changes["share_of_change"], strict=True))
    before = {r["value"]: r for r in changes.select("value", "previous_amount", "amount").iter_rows(named=True)}
    rows = steps.to_dicts()
    labels, measures, customdata = [], [], []
    comparison, period = f.comparison, f.period
    for r in rows:
        amount = r["amount"]
        if r["step"] == "comparison_total":
            label = t("moved_comparison_total", lang, start=f"{comparison.start:%m-%d}", end=f"{comparison.end:%m-%d}")
            measures.append("absolute")
            customdata.append(["", money(amount, lang), "", "", ""])
        elif r["step"] == "period_total":
            label = t("moved_period_total", lang, start=f"{period.start:%m-%d}", end=f"{period.end:%m-%d}")
            measures.append("total")
            customdata.append(["", money(amount, lang), "", "", ""])
        elif r["step"] == "others":
            label = t("moved_others", lang, n=r["members"])
            measures.append("relative")
            total_change = sum(x["amount"] for x in rows if x["step"] in ("member", "others"))
            customdata.append(
                ["", _signed(amount, lang), percent(float(amount / total_change)) if total_change else "—", "", ""]
            )
        else:
            # Plotly reads tags in labels (<a href=…>, <br>): a name from the source is shown as text.
            label = html.escape(names.get(r["value"], r["name"] or r["value"] or "—"))
            measures.append("relative")
            member = before[r["value"]]
            customdata.append(
                [
                    r["value"],
                    _signed(amount, lang),
                    percent(share[r["value"]]),
                    money(member["previous_amount"], lang),
                    money(member["amount"], lang),
                ]
            )
        labels.append(label)
    ids = [r["value"] for r in rows]
    labels = _labels(labels, ids)
    values = [float(r["amount"]) for r in rows]
    running, levels = 0.0, []
    for value, measure in zip(values, measures, strict=True):
        running = value if measure != "relative" else running + value
        levels.append(running)
    text = [money(v, lang) if m != "relative" else _signed(v, lang) for v, m in zip(values, measures, strict=True)]
    member_hover = t("moved_hover", lang)
    total_hover = t("moved_total_hover", lang)
    others_hover = t("moved_others_hover", lang)
    hover = [
        total_hover if m != "relative" else others_hover if r["step"] == "others" else member_hover
        for r, m in zip(rows, measures, strict=True)
    ]
    trace = go.Waterfall(
        x=labels,
        y=values,
        measure=measures,
        text=text,
        textposition="outside",
        cliponaxis=False,
        customdata=customdata,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        increasing={"marker": {"color": INCREASE_COLOUR}},
        decreasing={"marker": {"color": DECREASE_COLOUR}},
        totals={"marker": {"color": TOTAL_COLOUR}},
        connector={"line": {"color": CONNECTOR_COLOUR, "width": 1, "dash": "dot"}},
    )
    members = sum(1 for r in rows if r["step"] == "member")
    others = any(r["step"] == "others" for r in rows)
    level_name = t(level, lang) if lang == "zh" else t(level, lang).lower()
    title = (
        t("moved_bridge_title_top", lang, n=members, level=level_name)
        if others
        else t("moved_bridge_title", lang, level=level_name)
    )
    return figure(
        [trace],
        title,
        y_title=t("amount_axis", lang),
        height=420,
        legend=False,
        xaxis={"type": "category", "tickangle": -30 if len(rows) > 6 else 0, "automargin": True},
        yaxis=money_ticks(max([*levels, 1.0]) * 1.12, lang),
        clickmode="event+select",
        dragmode=False,
    )


def clicked(event, steps: pl.DataFrame) -> str | None:
    """The id of the member whose bar was clicked (None for the totals and the others)."""
    try:
        points = event.selection.points
    except AttributeError:
        return None
    rows = steps.to_dicts()
    for point in points or []:
        data = point.get("customdata")
        if data and data[0]:
            return data[0]
        index = point.get("point_index")
        if index is not None and 0 <= index < len(rows) and rows[index]["step"] == "member":
            return rows[index]["value"]
    return None


def change_table(changes: pl.DataFrame, names: dict[str, str], level: str, lang: str) -> tuple[pl.DataFrame, dict]:
    """The members for display: rank, name, parents, amount, comparison amount, change and share of the change;
    without a comparison, rank, name, amount and count."""
    compared = changes["change"].is_not_null().any()
    parents = {"team": ["region_name"], "officer": ["team_name", "region_name"]}.get(level, [])
    # A parent shared by every row (after a drill into one region or team) says nothing: leave it out.
    parents = [p for p in parents if changes[p].n_unique() > 1]
    columns = [
        "rank",
        pl.col("value").replace_strict(names, default=pl.coalesce("name", "value")).alias("name"),
        *parents,
        pl.col("amount").cast(pl.Float64),
    ]
    if compared:
        columns += [
            pl.col("previous_amount").cast(pl.Float64),
            pl.col("change").cast(pl.Float64),
            (pl.col("share_of_change") * 100).alias("share_of_change"),
        ]
    else:
        columns.append("loans")
    table = changes.select(columns)
    config = {
        "rank": st.column_config.NumberColumn(t("rank", lang), format="%d", width="small"),
        "name": st.column_config.TextColumn(t(level, lang)),
        "team_name": st.column_config.TextColumn(t("team", lang)),
        "region_name": st.column_config.TextColumn(t("region", lang)),
        "amount": st.column_config.NumberColumn(t("disbursed_amount", lang), format="yen"),
        "previous_amount": st.column_config.NumberColumn(t("moved_previous_amount", lang), format="yen"),
        "change": st.column_config.NumberColumn(t("amount_change", lang), format="yen"),
        "share_of_change": st.column_config.NumberColumn(t("share_of_change", lang), format=PERCENT_FORMAT),
        "loans": st.column_config.NumberColumn(t("disbursed_count", lang), format="localized"),
    }
    return table, {k: v for k, v in config.items() if k in table.columns}


def summary_markdown(changes: pl.DataFrame, names: dict[str, str], lang: str) -> str:
    """One line: the total before → now and its change; the member that moved it most and its share (escaped)."""
    previous = sum(changes["previous_amount"].to_list(), start=0)
    amount = sum(changes["amount"].to_list(), start=0)
    change = amount - previous
    relative = relative_change(amount, previous)
    line = t(
        "moved_summary",
        lang,
        previous=money(previous, lang),
        amount=money(amount, lang),
        change=_signed(change, lang) + (f" ({relative})" if relative else ""),
    )
    space = "" if lang == "zh" else " "  # Chinese sentences follow one another without a space
    if change == 0:
        return f"{line}{space}{t('moved_total_unchanged', lang)}"
    top = changes.row(0, named=True)
    name = names.get(top["value"], top["name"] or top["value"] or "—")
    largest = t(
        "moved_largest",
        lang,
        name=f"**{escape_markdown(name)}**",
        change=_signed(top["change"], lang),
        share=percent(top["share_of_change"]),
    )
    return f"{line}{space}{largest}"


def who_moved(ctx: FilterContext, filters: Filters, level: str, key: str, *, clickable: bool = True) -> str | None:
    """The "who moved it" block for `level` under `filters` (the page's, narrowed by its drill): a summary line, the
    bridge, the table with its downloads and the definitions. Returns the id of the member whose bar was clicked."""
    lang = ctx.lang
    changes = query(disbursement.amount_change_by, filters, level)
    if changes.is_empty():
        st.caption(t("moved_nothing", lang))
        return None
    names = member_names(changes, ctx, level)
    picked = None
    if filters.comparison is None:
        st.caption(t("moved_no_comparison", lang))
    else:
        st.markdown(summary_markdown(changes, names, lang))
        steps = disbursement.amount_bridge(changes)
        drill = clickable and level in CLICKABLE_LEVELS
        event = show(
            bridge_figure(steps, changes, level, replace(ctx, filters=filters)),
            key=f"{key}_bridge_{level}",
            **({"on_select": "rerun", "selection_mode": "points"} if drill else {}),
        )
        if drill:
            st.caption(t(f"moved_click_{level}", lang))
            picked = clicked(event, steps)
    table, config = change_table(changes, names, level, lang)
    show_table(table, hide_index=True, column_config=config)
    downloads(labelled(table, config), f"amount_change_by_{level}", ctx, filters=filters)
    definition_popover(["disbursed_amount", "amount_change", "share_of_change"], lang)
    return picked
