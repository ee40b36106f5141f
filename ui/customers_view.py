"""Figures and tables of the Customers page, built from the frames of pipelines.queries.customers."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pipelines.queries.customers import DEFAULT_LIST_LIMIT, NOT_SCORED, RISK_SEGMENTS, SEGMENT_ORDER, UNRATED
from pipelines.queries.filters import Filters
from ui import format as fmt
from ui.components import kpi
from ui.figures import figure
from ui.i18n import t
from ui.table_view import Column, export, present

MEASURES = ("customers", "monetary")


def segment_name(segment: str, lang: str) -> str:
    return t("customers_not_scored", lang) if segment == NOT_SCORED else t(f"rfm_{segment}", lang)


def grade_name(grade: str, lang: str) -> str:
    return t("customers_unrated", lang) if grade == UNRATED else grade


def _translated(column: str, translate, lang: str) -> pl.Expr:
    return pl.col(column).map_elements(lambda v: translate(v, lang), return_dtype=pl.String).alias(column)


def page_comparison(as_of: date, comparison: date | None, previous: date | None) -> date | None:
    """The as-of the page compares with: the comparison period's, or the month-end before when both periods
    choose the same date (a short period inside one month); None without a comparison period."""
    if comparison is None:
        return None
    return previous if comparison >= as_of else comparison


def as_of_caption(
    as_of: date, compare_to: date | None, comparison: date | None, filters: Filters, first: date, lang: str
) -> None:
    """Which RFM snapshot the page shows and what it compares with (`first`: the earliest RFM snapshot)."""
    text = t("customers_as_of_caption", lang, as_of=as_of.isoformat(), end=filters.period.end.isoformat())
    if compare_to is None and filters.comparison is not None:
        text += " " + t("customers_comparison_before_data", lang, first=first.isoformat())
    elif compare_to is None:
        text += " " + t("customers_no_comparison", lang)
    elif comparison is not None and comparison != compare_to:
        text += " " + t("customers_compared_previous", lang, date=compare_to.isoformat())
    else:
        text += " " + t("customers_compared_with", lang, date=compare_to.isoformat())
    st.caption(text)


def nobody_scored(summary: pl.DataFrame) -> bool:
    return int(summary["customers"].sum()) == 0


def headline(summary: pl.DataFrame) -> dict[str, float | None]:
    """The tiles' figures from the segment summary: scored customers, monetary, share in risk segments (and the
    same at the comparison as-of, None without one)."""
    risk = summary.filter(pl.col("segment").is_in(RISK_SEGMENTS))
    customers = int(summary["customers"].sum())
    has_comparison = summary["customers_comparison"].null_count() == 0 and summary["comparison_as_of"][0] is not None
    before = int(summary["customers_comparison"].sum()) if has_comparison else None
    return {
        "customers": customers,
        "monetary": float(summary["monetary"].cast(pl.Float64).sum()),
        "risk_share": int(risk["customers"].sum()) / customers if customers else None,
        "customers_comparison": before,
        "monetary_comparison": float(summary["monetary_comparison"].cast(pl.Float64).sum()) if has_comparison else None,
        "risk_share_comparison": (int(risk["customers_comparison"].sum()) / before) if before else None,
    }


def kpi_tiles(summary: pl.DataFrame, at_risk: int, at_risk_before: int | None, lang: str) -> None:
    """Scored customers, their monetary, the share in risk segments, strategic customers at risk."""
    h = headline(summary)
    tiles = st.columns(4)
    kpi(
        tiles[0],
        t("customers_scored", lang),
        fmt.count(h["customers"]),
        delta=None if h["customers_comparison"] is None else f"{h['customers'] - h['customers_comparison']:+,}",
    )
    change = None if h["monetary_comparison"] is None else h["monetary"] - h["monetary_comparison"]
    kpi(
        tiles[1],
        t("customers_monetary", lang),
        fmt.money(h["monetary"], lang),
        delta=None if change is None else ("+" if change >= 0 else "") + fmt.money(change, lang),
    )
    kpi(
        tiles[2],
        t("customers_risk_share", lang),
        fmt.percent(h["risk_share"]),
        delta=(
            None
            if h["risk_share_comparison"] is None or h["risk_share"] is None
            else fmt.points(h["risk_share"] - h["risk_share_comparison"])
        ),
        higher_is_better=False,
    )
    kpi(
        tiles[3],
        t("customers_strategic_at_risk", lang),
        fmt.count(at_risk),
        delta=None if at_risk_before is None else f"{at_risk - at_risk_before:+,}",
        higher_is_better=False,
    )


def measure_switch(lang: str) -> str:
    choice = st.segmented_control(
        t("customers_measure", lang),
        MEASURES,
        default="customers",
        format_func=lambda m: t(f"customers_measure_{m}", lang),
        key="customers_measure",
    )
    return choice or "customers"


def _measure_text(value, measure: str, lang: str) -> str:
    return fmt.count(value) if measure == "customers" else fmt.money(value, lang)


def _wrapped(name: str) -> str:
    """A two-word segment name on two lines, so it fits a grid cell ("Need<br>attention")."""
    return name.replace(" ", "<br>", 1) if len(name) > 10 else name


def segment_grid_chart(grid: pl.DataFrame, measure: str, lang: str) -> go.Figure:
    """The 5 × 5 grid: recency score down (5 at the top), FM score across; segment name and figure in each cell."""
    r_scores = sorted(grid["r_score"].unique().to_list(), reverse=True)
    fm_scores = sorted(grid["fm_score"].unique().to_list())
    cells = {(row["r_score"], row["fm_score"]): row for row in grid.iter_rows(named=True)}
    z, text, hover = [], [], []
    for r in r_scores:
        z.append([float(cells[(r, f)][measure]) for f in fm_scores])
        text.append(
            [
                f"<b>{_wrapped(segment_name(cells[(r, f)]['segment'], lang))}</b><br>"
                + _measure_text(cells[(r, f)][measure], measure, lang)
                for f in fm_scores
            ]
        )
        hover.append(
            [
                f"{segment_name(cells[(r, f)]['segment'], lang)}<br>R {r} · FM {f}<br>"
                f"{t('customers_measure_customers', lang)}: {fmt.count(cells[(r, f)]['customers'])}<br>"
                f"{t('customers_measure_monetary', lang)}: {fmt.money(cells[(r, f)]['monetary'], lang)}"
                for f in fm_scores
            ]
        )
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": [str(f) for f in fm_scores],
        "y": [str(r) for r in r_scores],
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "colorscale": "Blues",
        "xgap": 2,
        "ygap": 2,
        "showscale": False,
    }
    return figure(
        [heatmap],
        t("customers_grid_title", lang, measure=t(f"customers_measure_{measure}", lang)),
        t("customers_axis_fm", lang),
        t("customers_axis_r", lang),
        height=440,
        show_legend=False,
        xaxis={"type": "category", "side": "bottom"},
        yaxis={"type": "category", "autorange": "reversed"},
    )


def _segment_frame(summary: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, list[Column]]:
    frame = summary.with_columns(
        _translated("segment", segment_name, lang),
        (pl.col("customers") - pl.col("customers_comparison")).alias("customers_change"),
        (pl.col("monetary").cast(pl.Float64) - pl.col("monetary_comparison").cast(pl.Float64)).alias("monetary_change"),
    )
    columns = [
        Column("segment", t("segment", lang)),
        Column("customers", t("customers_measure_customers", lang), "count"),
        Column("customer_share", t("customers_customer_share", lang), "percent"),
        Column("customers_change", t("customers_change_customers", lang), "count_change"),
        Column("monetary", t("customers_measure_monetary", lang), "money_short"),
        Column("monetary_share", t("customers_monetary_share", lang), "percent"),
        Column("monetary_change", t("customers_change_monetary", lang), "money_change"),
    ]
    return frame, columns


def segment_table(summary: pl.DataFrame, measure: str, lang: str) -> tuple[pl.DataFrame, dict]:
    """Segments with the chosen measure (customers or monetary), its share and its change against the comparison
    as-of, as the grid beside it shows them (money in short units); the download holds both measures."""
    frame, columns = _segment_frame(summary, lang)
    shown = columns[:4] if measure == "customers" else [columns[0], *columns[4:]]
    return present(frame, shown, lang)


def segment_export(summary: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The segment table for download, amounts as numbers."""
    frame, columns = _segment_frame(summary, lang)
    return export(frame, columns)


def tier_grade_chart(matrix: pl.DataFrame, measure: str, lang: str) -> go.Figure:
    """Tiers down (strategic at the top), credit grades across (best first, unrated last)."""
    tiers = matrix["tier"].unique(maintain_order=True).to_list()
    grades = matrix["credit_grade"].unique(maintain_order=True).to_list()
    cells = {(row["tier"], row["credit_grade"]): row for row in matrix.iter_rows(named=True)}
    z = [[float(cells[(tr, g)][measure]) for g in grades] for tr in tiers]
    text = [[_measure_text(cells[(tr, g)][measure], measure, lang) for g in grades] for tr in tiers]
    hover = [
        [
            f"{t(f'tier_{tr}', lang)} · {grade_name(g, lang)}<br>"
            f"{t('customers_measure_customers', lang)}: {fmt.count(cells[(tr, g)]['customers'])}<br>"
            f"{t('customers_measure_monetary', lang)}: {fmt.money(cells[(tr, g)]['monetary'], lang)}"
            for g in grades
        ]
        for tr in tiers
    ]
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": [grade_name(g, lang) for g in grades],
        "y": [t(f"tier_{tr}", lang) for tr in tiers],
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "colorscale": "Purples",
        "xgap": 2,
        "ygap": 2,
        "showscale": False,
    }
    return figure(
        [heatmap],
        t("customers_tier_grade_title", lang, measure=t(f"customers_measure_{measure}", lang)),
        t("customers_axis_grade", lang),
        t("customers_axis_tier", lang),
        height=300,
        show_legend=False,
        xaxis={"type": "category"},
        yaxis={"type": "category", "autorange": "reversed"},
    )


def tier_grade_table(matrix: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The matrix for download, long form: tier, grade, customers, monetary."""
    frame = matrix.with_columns(
        pl.col("tier").map_elements(lambda v: t(f"tier_{v}", lang), return_dtype=pl.String),
        _translated("credit_grade", grade_name, lang),
    )
    return present(
        frame,
        [
            Column("tier", t("customers_axis_tier", lang)),
            Column("credit_grade", t("customers_axis_grade", lang)),
            Column("customers", t("customers_measure_customers", lang), "count"),
            Column("monetary", t("customers_measure_monetary", lang), "money"),
        ],
    )[0]


def as_of_label(row: dict, lang: str) -> str:
    kind = t("customers_build_as_of", lang) if row["is_build_as_of"] else t("customers_month_end", lang)
    return f"{row['as_of']:%Y-%m-%d} ({kind})"


def migration_pickers(dates: pl.DataFrame, default_from: date | None, default_to: date, lang: str) -> tuple:
    """The two as-of selectors; defaults follow the period (the widget keys carry them, so a new period resets)."""
    options = dates["as_of"].to_list()
    labels = {row["as_of"]: as_of_label(row, lang) for row in dates.iter_rows(named=True)}
    default_from = default_from if default_from in options else options[min(1, len(options) - 1)]
    left, right = st.columns(2)
    start = left.selectbox(
        t("customers_migration_from", lang),
        options,
        index=options.index(default_from),
        format_func=labels.get,
        key=f"customers_migration_from_{default_from}_{default_to}",
    )
    end = right.selectbox(
        t("customers_migration_to", lang),
        options,
        index=options.index(default_to),
        format_func=labels.get,
        key=f"customers_migration_to_{default_from}_{default_to}",
    )
    return start, end


def migration_chart(migration: pl.DataFrame, lang: str) -> go.Figure:
    """From-segment down, to-segment across: customers in each cell, coloured by the share of the row."""
    present_segments = set(migration["from_segment"]) | set(migration["to_segment"])
    order = [s for s in SEGMENT_ORDER if s in present_segments]
    cells = {(row["from_segment"], row["to_segment"]): row for row in migration.iter_rows(named=True)}
    z, text, hover = [], [], []
    for a in order:
        z.append([cells[(a, b)]["share_of_from"] if (a, b) in cells else None for b in order])
        text.append([fmt.count(cells[(a, b)]["customers"]) if (a, b) in cells else "" for b in order])
        hover.append(
            [
                t(
                    "customers_migration_hover",
                    lang,
                    source=segment_name(a, lang),
                    target=segment_name(b, lang),
                    n=fmt.count(cells[(a, b)]["customers"]) if (a, b) in cells else "0",
                    share=fmt.percent(cells[(a, b)]["share_of_from"]) if (a, b) in cells else "0.0%",
                )
                for b in order
            ]
        )
    names = [segment_name(s, lang) for s in order]
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": names,
        "y": names,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 11},
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "colorscale": "Greens",
        "zmin": 0,
        "zmax": 1,
        "xgap": 1,
        "ygap": 1,
        "hoverongaps": False,
        "colorbar": {"title": {"text": t("customers_share_of_row", lang)}, "tickformat": ".0%", "thickness": 12},
    }
    row = migration.row(0, named=True)
    return figure(
        [heatmap],
        t("customers_migration_title", lang, source=row["from_as_of"].isoformat(), target=row["to_as_of"].isoformat()),
        t("customers_segment_at", lang, date=row["to_as_of"].isoformat()),
        t("customers_segment_at", lang, date=row["from_as_of"].isoformat()),
        height=520,
        show_legend=False,
        # The title at the very top, above the column labels and their axis title.
        margin={"t": 130},
        title={"y": 0.99, "yanchor": "top"},
        xaxis={"type": "category", "side": "top", "tickangle": 0 if lang == "zh" else -30},
        yaxis={"type": "category", "autorange": "reversed"},
    )


def migration_table(migration: pl.DataFrame, lang: str) -> pl.DataFrame:
    frame = migration.with_columns(
        _translated("from_segment", segment_name, lang), _translated("to_segment", segment_name, lang)
    )
    return present(
        frame,
        [
            Column("from_as_of", t("customers_migration_from", lang), "date"),
            Column("to_as_of", t("customers_migration_to", lang), "date"),
            Column("from_segment", t("customers_segment_from", lang)),
            Column("to_segment", t("customers_segment_to", lang)),
            Column("customers", t("customers_measure_customers", lang), "count"),
            Column("share_of_from", t("customers_share_of_row", lang), "percent"),
        ],
    )[0]


def list_size(frame: pl.DataFrame) -> str:
    """The number of customers on a list, "200+" when the list was cut at the query layer's limit."""
    return f"{frame.height}+" if frame.height >= DEFAULT_LIST_LIMIT else str(frame.height)


def customer_list(frame: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, dict]:
    """A list to act on: who the customer is, who looks after them, where they stand."""
    previous = frame["previous_as_of"].drop_nulls()
    previous_label = t("customers_segment_at", lang, date=previous[0].isoformat() if len(previous) else "—")
    labelled = frame.with_columns(
        pl.col("customer_type").map_elements(lambda v: t(f"customer_type_{v}", lang), return_dtype=pl.String),
        _translated("segment", segment_name, lang),
        _translated("previous_segment", segment_name, lang),
        pl.col("tier").map_elements(lambda v: t(f"tier_{v}", lang), return_dtype=pl.String),
        _translated("credit_grade", grade_name, lang),
    )
    return present(
        labelled,
        [
            Column("customer_id", t("customers_customer", lang)),
            Column("officer_name", t("officer", lang)),
            Column("team_name", t("team", lang)),
            Column("region_name", t("region", lang)),
            Column("segment", t("segment", lang)),
            Column("previous_segment", previous_label),
            Column("monetary", t("customers_measure_monetary", lang), "money"),
            Column("max_principal", t("customers_max_principal", lang), "money"),
            Column("outstanding_principal", t("outstanding_balance", lang), "money"),
            Column("active_loans", t("customers_active_loans", lang), "count"),
            Column("past_due_loans", t("customers_past_due_loans", lang), "count"),
            Column("max_dpd", t("customers_max_dpd", lang), "count"),
            Column("recency_days", t("customers_recency_days", lang), "count"),
            Column("frequency", t("customers_frequency", lang), "count"),
            Column("latest_loan_date", t("customers_latest_loan", lang), "date"),
            Column("credit_grade", t("customers_axis_grade", lang)),
            Column("credit_score", t("customers_credit_score", lang), "count"),
            Column("tier", t("customers_axis_tier", lang)),
            Column("customer_type", t("customer_type", lang)),
            Column("industry", t("customers_industry", lang)),
        ],
    )
