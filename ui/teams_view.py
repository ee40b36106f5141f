"""Teams page builders: the drill-down read from the filters, breadcrumbs, the clickable bar chart, scorecards, lists.

The drill is the filter bar's region, team and account manager (ui.filters.drill_to sets them), so it
follows the user to every page and shows in the sidebar and the URL:

    no single region      all regions (the chart shows regions)
    one region            the teams of that region
    one team              the account managers of that team
    one account manager   that account manager's leads and loans

An old link's `drill=team:T003` is read as those filters by the filter bar.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pipelines.queries.filters import Filters
from pipelines.queries.teams import DEFAULT_LIST_LIMIT
from ui.charts import TARGET_COLOUR, colour_map
from ui.components import kpi, tile_grid, uncovered_change
from ui.exports import config_decimals, rounded
from ui.filters import FilterContext, drill_to
from ui.format import escape_markdown, money, percent
from ui.i18n import t
from ui.sales_view import figure, money_ticks

LEVEL_LABEL = {"region": "region", "team": "team", "officer": "officer"}
_CHILD = {None: "region", "region": "team", "team": "officer", "officer": None}


@dataclass(frozen=True)
class Drill:
    """Where the user has drilled to: nothing (all regions), a region, a team or an account manager."""

    region_id: str | None = None
    team_id: str | None = None
    officer_id: str | None = None

    @property
    def level(self) -> str | None:
        """The level drilled into (None at the top)."""
        if self.officer_id:
            return "officer"
        if self.team_id:
            return "team"
        if self.region_id:
            return "region"
        return None

    @property
    def child_level(self) -> str | None:
        """The level the chart and scorecard show: regions, teams, officers; None on an officer's own view."""
        return _CHILD[self.level]

    def param(self) -> str | None:
        level = self.level
        return None if level is None else f"{level}:{getattr(self, f'{level}_id')}"

    def filters(self, base: Filters) -> Filters:
        """The global filters narrowed to the drilled region, team or officer."""
        out = base
        if self.region_id:
            out = replace(out, region_ids=(self.region_id,))
        if self.team_id:
            out = replace(out, team_ids=(self.team_id,))
        if self.officer_id:
            out = replace(out, officer_ids=(self.officer_id,))
        return out


def current_drill(ctx: FilterContext) -> Drill:
    """The drill level the filters name: one account manager, else one team, else one region, else the top."""
    dims, f = ctx.dims, ctx.filters
    if len(f.officer_ids) == 1:
        row = dims.officers.filter(pl.col("officer_id") == f.officer_ids[0])
        if row.height:
            return Drill(region_id=row["region_id"][0], team_id=row["team_id"][0], officer_id=f.officer_ids[0])
    if len(f.team_ids) == 1:
        row = dims.teams.filter(pl.col("team_id") == f.team_ids[0])
        if row.height:
            return Drill(region_id=row["region_id"][0], team_id=f.team_ids[0])
    if len(f.region_ids) == 1:
        return Drill(region_id=f.region_ids[0])
    return Drill()


def read_drill(ctx: FilterContext) -> Drill:
    """The drill the filters name (kept for the pages that call it; see current_drill)."""
    return current_drill(ctx)


def go_to(param: str | None) -> None:
    """Drill to `level:id` (None: back to all regions): sets the filter bar's region/team/officer (drill_to)."""
    if not param:
        drill_to(None)
        return
    level, _, value = param.partition(":")
    drill_to(level, value)


def names(ctx: FilterContext) -> dict[str, dict[str, str]]:
    dims = ctx.dims
    return {
        "region": dict(zip(dims.regions["region_id"], dims.regions["region_name"], strict=True)),
        "team": dict(zip(dims.teams["team_id"], dims.teams["team_name"], strict=True)),
        "officer": dict(zip(dims.officers["officer_id"], dims.officers["officer_name"], strict=True)),
    }


def breadcrumbs(drill: Drill, ctx: FilterContext) -> None:
    """All regions › region › team › account manager; every level above the current one is a button."""
    lookup = names(ctx)
    crumbs: list[tuple[str, str | None]] = [(t("teams_all_regions", ctx.lang), None)]
    if drill.region_id:
        crumbs.append((lookup["region"].get(drill.region_id, drill.region_id), f"region:{drill.region_id}"))
    if drill.team_id:
        crumbs.append((lookup["team"].get(drill.team_id, drill.team_id), f"team:{drill.team_id}"))
    if drill.officer_id:
        crumbs.append((lookup["officer"].get(drill.officer_id, drill.officer_id), f"officer:{drill.officer_id}"))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    for i, (label, param) in enumerate(crumbs):
        if i:
            row.markdown("›")
        last = i == len(crumbs) - 1
        row.button(
            escape_markdown(label),  # a button label is Markdown; a name from the source is text
            key=f"crumb_{i}",
            type="tertiary" if last else "secondary",
            disabled=last,
            on_click=go_to,
            args=(param,),
            icon=":material/public:" if i == 0 else None,
        )


def chart_title(drill: Drill, ctx: FilterContext) -> str:
    lookup = names(ctx)
    if drill.level is None:
        return t("teams_chart_regions", ctx.lang)
    if drill.level == "region":
        return t("teams_chart_teams", ctx.lang, name=lookup["region"].get(drill.region_id, drill.region_id))
    return t("teams_chart_officers", ctx.lang, name=lookup["team"].get(drill.team_id, drill.team_id))


def bar_colours(card: pl.DataFrame, level: str, ctx: FilterContext) -> list[str]:
    """Regions and teams keep their colour on every page; officers take their team's."""
    dims = ctx.dims
    if level == "region":
        colours = colour_map(dims.regions["region_id"])
        return [colours[v] for v in card["value"]]
    colours = colour_map(dims.teams["team_id"])
    column = "value" if level == "team" else "team_id"
    return [colours.get(v, "#0072B2") for v in card[column]]


def bar_figure(card: pl.DataFrame, level: str, drill: Drill, ctx: FilterContext) -> go.Figure:
    """Disbursed amount per child (bars, largest first) with its base target and attainment where one exists."""
    lang = ctx.lang
    amounts = card["amount"].to_list()
    has_targets = card["base_target"].is_not_null().any()
    text = [
        percent(a) if a is not None else money(v, lang)
        for a, v in zip(card["attainment"].to_list(), amounts, strict=True)
    ]
    hover = [
        [
            value,
            money(amount, lang),
            f"{loans:,}",
            percent(attainment) if attainment is not None else "—",
            money(target, lang) if target is not None else "—",
        ]
        for value, amount, loans, attainment, target in zip(
            card["value"], amounts, card["loans"], card["attainment"], card["base_target"], strict=True
        )
    ]
    template = (
        "<b>%{x}</b><br>"
        + t("disbursed_amount", lang)
        + ": %{customdata[1]}<br>"
        + t("disbursed_count", lang)
        + ": %{customdata[2]}"
        + (
            "<br>" + t("base_target", lang) + ": %{customdata[4]}<br>" + t("attainment", lang) + ": %{customdata[3]}"
            if has_targets
            else ""
        )
        + "<extra></extra>"
    )
    labels = card["name"].to_list()
    targets = card["base_target"].to_list()
    top = max([v for v in [*amounts, *targets] if v is not None] or [0.0])
    yaxis = money_ticks(top * 1.08, lang)
    traces = [
        go.Bar(
            x=labels,
            y=amounts,
            name=t("disbursed_amount", lang),
            marker_color=bar_colours(card, level, ctx),
            customdata=hover,
            hovertemplate=template,
        ),
        # The label sits above the higher of the bar and its target mark, so the mark never covers it.
        go.Scatter(
            x=labels,
            y=[max(a, b or 0) for a, b in zip(amounts, targets, strict=True)],
            text=text,
            mode="text",
            textposition="top center",
            textfont={"size": 12},
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        ),
    ]
    if has_targets:
        traces.append(
            go.Scatter(
                x=labels,
                y=targets,
                name=t("base_target", lang),
                mode="markers",
                marker={"symbol": "line-ew", "size": 34, "line": {"width": 3, "color": TARGET_COLOUR}},
                customdata=hover,
                hovertemplate=template,
            )
        )
    # An invisible full-height bar over each column, so that a small amount's bar is as easy to click (and
    # hover) as a large one; it carries the same id.
    traces.append(
        go.Bar(
            x=labels,
            y=[yaxis["range"][1]] * len(labels),
            marker={"color": "rgba(0, 0, 0, 0)"},
            showlegend=False,
            customdata=hover,
            hovertemplate=template,
        )
    )
    return figure(
        traces,
        chart_title(drill, ctx),
        x_title=t(LEVEL_LABEL[level], lang),
        y_title=t("teams_axis_amount", lang),
        legend=bool(has_targets),
        height=380,
        xaxis={"type": "category"},
        yaxis=yaxis,
        clickmode="event+select",
        dragmode=False,
        bargap=0.35,
        barmode="overlay",
    )


def clicked_bar(event) -> str | None:
    """The id of the region, team or officer whose bar (or target mark) was clicked, if any."""
    try:
        points = event.selection.points
    except AttributeError:
        return None
    for point in points or []:
        data = point.get("customdata")
        if data:
            return data[0]
    return None


def clicked_row(event, card: pl.DataFrame) -> str | None:
    """The id of the scorecard row that was selected, if any."""
    try:
        rows = event.selection.rows
    except AttributeError:
        return None
    return card["value"][rows[0]] if rows else None


def scorecard_table(card: pl.DataFrame, level: str, lang: str) -> tuple[pl.DataFrame, dict]:
    """The scorecard for display (ratios in percent) and its translated column configuration.

    Volume, attainment, conversion and the quality of the loans produced come first, side by side;
    the figures behind them (count, target, leads, balance, overdue rate) follow.
    """
    with_targets = level != "officer"
    percent_columns = ["conversion", "overdue_rate", "par30", "early_dpd30"] + (["attainment"] if with_targets else [])
    table = card.select(
        "name",
        "amount",
        *(["attainment"] if with_targets else []),
        "conversion",
        "par30",
        "early_dpd30",
        "loans",
        *(["base_target"] if with_targets else []),
        "leads",
        "balance",
        "overdue_rate",
    ).with_columns([(pl.col(c) * 100).alias(c) for c in percent_columns])
    money_format, percent_format = "¥%,.0f", "%.1f%%"
    config = {
        "name": st.column_config.TextColumn(t(LEVEL_LABEL[level], lang), pinned=True),
        "amount": st.column_config.NumberColumn(t("disbursed_amount", lang), format=money_format),
        "loans": st.column_config.NumberColumn(t("disbursed_count", lang), format="%,d"),
        "base_target": st.column_config.NumberColumn(t("base_target", lang), format=money_format),
        "attainment": st.column_config.NumberColumn(t("attainment", lang), format=percent_format),
        "leads": st.column_config.NumberColumn(t("new_leads", lang), format="%,d"),
        "conversion": st.column_config.NumberColumn(
            t("lead_to_disbursed", lang), format=percent_format, help=t("teams_conversion_help", lang)
        ),
        "balance": st.column_config.NumberColumn(t("outstanding_balance", lang), format=money_format),
        "overdue_rate": st.column_config.NumberColumn(t("overdue_rate", lang), format=percent_format),
        "par30": st.column_config.NumberColumn(t("par30", lang), format=percent_format),
        "early_dpd30": st.column_config.NumberColumn(
            t("teams_early_dpd30", lang), format=percent_format, help=t("teams_early_dpd30_help", lang)
        ),
    }
    return table, {k: v for k, v in config.items() if k in table.columns}


def labelled(table: pl.DataFrame, config: dict) -> pl.DataFrame:
    """The table with its translated column labels as headers (for downloads), with the unit: (%) or (¥), and its
    numbers rounded as shown (money to the cent, percentages to two decimals)."""
    table = rounded(table, config_decimals(config))

    def label(column: str) -> str:
        entry = config.get(column)
        if isinstance(entry, str):
            return entry
        text = (entry or {}).get("label") or column
        number_format = ((entry or {}).get("type_config") or {}).get("format") or ""
        if "%%" in number_format:
            return f"{text} (%)"
        return f"{text} (¥)" if number_format.startswith("¥") and "¥" not in text else text

    return table.rename({c: label(c) for c in table.columns})


def _translate(frame: pl.DataFrame, column: str, prefix: str, lang: str) -> pl.Expr:
    """A code column (stage, outcome, status, customer type) in words."""
    mapping = {v: t(f"{prefix}{v}", lang) for v in frame[column].unique().to_list() if v is not None}
    return pl.col(column).replace_strict(mapping, default=pl.col(column), return_dtype=pl.String)


def lead_table(leads: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, dict]:
    """An account manager's leads for display, with stage, outcome and customer type in words."""
    table = leads.select(
        "lead_id",
        "created_date",
        "customer_id",
        _translate(leads, "customer_type", "customer_type_", lang),
        "product_name",
        "channel_name",
        _translate(leads, "furthest_stage", "stage_", lang),
        _translate(leads, "outcome", "outcome_", lang),
        "disbursed_date",
        "days_to_disburse",
        "window_complete",
    )
    config = {
        "lead_id": t("teams_col_lead", lang),
        "created_date": st.column_config.DateColumn(t("teams_col_created", lang), format="YYYY-MM-DD"),
        "customer_id": t("teams_col_customer", lang),
        "customer_type": t("customer_type", lang),
        "product_name": t("teams_col_product", lang),
        "channel_name": t("channel", lang),
        "furthest_stage": t("teams_col_furthest_stage", lang),
        "outcome": t("teams_col_outcome", lang),
        "disbursed_date": st.column_config.DateColumn(t("teams_col_disbursed", lang), format="YYYY-MM-DD"),
        "days_to_disburse": st.column_config.NumberColumn(t("teams_col_days_to_disburse", lang), format="%.1f"),
        "window_complete": st.column_config.CheckboxColumn(
            t("teams_col_window_complete", lang), help=t("teams_window_help", lang)
        ),
    }
    return table, config


def loan_table(loans: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, dict]:
    """An account manager's loans for display, with their standing at their latest snapshot."""
    table = loans.select(
        "loan_id",
        "disbursed_date",
        "customer_id",
        _translate(loans, "customer_type", "customer_type_", lang),
        "product_name",
        "channel_name",
        pl.col("principal").cast(pl.Float64),
        (pl.col("annual_rate") * 100).alias("annual_rate"),
        "term_months",
        "is_repeat",
        _translate(loans, "status", "teams_status_", lang),
        "dpd",
        "dpd_bucket",
        pl.col("outstanding_principal").cast(pl.Float64),
        "status_date",
    )
    money_format = "¥%,.2f"
    config = {
        "loan_id": t("teams_col_loan", lang),
        "disbursed_date": st.column_config.DateColumn(t("teams_col_disbursed", lang), format="YYYY-MM-DD"),
        "customer_id": t("teams_col_customer", lang),
        "customer_type": t("customer_type", lang),
        "product_name": t("teams_col_product", lang),
        "channel_name": t("channel", lang),
        "principal": st.column_config.NumberColumn(t("teams_col_principal", lang), format=money_format),
        "annual_rate": st.column_config.NumberColumn(t("teams_col_rate", lang), format="%.2f%%"),
        "term_months": st.column_config.NumberColumn(t("teams_col_term", lang), format="%d"),
        "is_repeat": st.column_config.CheckboxColumn(t("teams_col_repeat", lang)),
        "status": t("teams_col_status", lang),
        "dpd": st.column_config.NumberColumn(t("days_past_due", lang), format="%d"),
        "dpd_bucket": t("teams_col_bucket", lang),
        "outstanding_principal": st.column_config.NumberColumn(t("teams_col_outstanding", lang), format=money_format),
        "status_date": st.column_config.DateColumn(
            t("teams_col_status_date", lang), format="YYYY-MM-DD", help=t("teams_status_help", lang)
        ),
    }
    return table, config


def limit_note(rows: pl.DataFrame, lang: str) -> None:
    """Say so when a list was cut at the query's limit."""
    if rows.height >= DEFAULT_LIST_LIMIT:
        st.caption(t("teams_list_limited", lang, n=f"{DEFAULT_LIST_LIMIT:,}"))


def _change(value, previous, unit: str) -> str | None:
    if value is None or previous is None:
        return None
    if unit == "ratio":
        return f"{(value - previous) * 100:+.1f} pp"
    return percent(value / previous - 1, signed=True) if previous else None


def officer_tiles(card: pl.DataFrame, before: pl.DataFrame | None, ctx: FilterContext) -> None:
    """An account manager's figures against the comparison period: volume, leads, conversion, book quality."""
    lang = ctx.lang
    row = card.row(0, named=True)
    previous = before.row(0, named=True) if before is not None and before.height else None
    tiles = (  # field, label, unit, higher is better, metric
        ("amount", "disbursed_amount", "money", True, "disbursed_amount"),
        ("loans", "disbursed_count", "count", True, "disbursed_count"),
        ("leads", "new_leads", "count", True, "new_leads"),
        ("conversion", "lead_to_disbursed", "ratio", True, "lead_to_disbursed_conversion"),
        ("par30", "par30", "ratio", False, "par30"),
        ("early_dpd30", "teams_early_dpd30", "ratio", False, "early_dpd30"),
    )
    # Book quality is measured at a snapshot; when both periods end after the same one there is no change.
    same_snapshot = previous is not None and previous["snapshot_date"] == row["snapshot_date"]
    grid = tile_grid("officer_tiles", 3)
    columns = [grid.container() for _ in range(6)]
    for column, (field, label, unit, better_up, metric) in zip(columns, tiles, strict=True):
        value = row[field]
        shown = money(value, lang) if unit == "money" else (f"{value:,}" if unit == "count" else percent(value))
        compare = previous is not None and not (same_snapshot and field in ("par30", "early_dpd30"))
        instead, coverage_help = uncovered_change(ctx, metric)
        kpi(
            column,
            t(label, lang),
            shown,
            delta=_change(value, previous[field], unit) if compare else None,
            higher_is_better=better_up,
            help=coverage_help,
            instead_of_change=instead,
        )
    st.caption(t("teams_snapshot_caption", lang, day=f"{row['snapshot_date']:%Y-%m-%d}"))
