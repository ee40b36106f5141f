"""Figures and tables of the Funnel page, built from the funnel query frames (pipelines.queries.funnel)."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from pipelines.queries import data, funnel
from pipelines.queries.filters import Filters
from ui.charts import STAGE_COLOURS
from ui.components import definition_popover
from ui.db import query
from ui.filters import FilterContext
from ui.format import count, percent
from ui.i18n import t
from ui.sales_view import (
    PERCENT_FORMAT,
    Tile,
    dimension_colours,
    figure,
    labelled,
    point_change,
    relative_change,
    tile_row,
    trailing_filters,
)

__all__ = ["colours", "labelled"]  # re-exported for the page

colours = dimension_colours

TREND_COHORTS = {"week": 26, "month": 12}
"""Cohorts on the trend chart: 26 weeks, so that complete cohorts show beside the last ~13 still converting."""

FLAG_COLOUR = "#d62728"
INCOMPLETE_COLOUR = "#7f7f7f"


def headline_tiles(ctx: FilterContext, stages: pl.DataFrame, activity: dict) -> None:
    """New leads and lead → disbursed conversion of the cohort; applications, approvals, rejections, approval rate."""
    lang, filters = ctx.lang, ctx.filters
    history = trailing_filters(ctx)
    cohorts = [query(funnel.funnel_by_stage, f) for f in history]
    activities = [query(funnel.activity_counts, f).row(0, named=True) for f in history]
    previous = (
        query(funnel.activity_counts, filters.for_period(filters.comparison)).row(0, named=True)
        if filters.comparison
        else None
    )
    leads = stages["reached"][0]
    conversion = stages["overall_conversion"][-1]
    previous_leads = stages["comparison_reached"][0]
    # Age-matched while the cohort is still converting (SPEC §4.1).
    previous_conversion = stages["comparison_overall_conversion"][-1]
    cohort = stages.row(0, named=True)
    # An empty cohort (an account manager with no new leads, only activity on older ones) has no window to note.
    window_note = (
        None
        if cohort["cohort_complete"] or cohort["window_complete_share"] is None
        else t("window_open_note", lang, share=percent(1 - cohort["window_complete_share"]))
    )
    same_age = same_age_note(cohort, lang)
    points = [
        (f"{f.period.start:%Y-%m-%d}", c["overall_conversion"][-1], c["cohort_complete"][0])
        for f, c in zip(history, cohorts, strict=True)
    ]
    tiles = [
        Tile(
            "new_leads",
            t("new_leads", lang),
            count(leads),
            relative_change(leads, previous_leads),
            [c["reached"][0] for c in cohorts],
        ),
        Tile(
            "lead_to_disbursed_conversion",
            t("conversion_tile", lang),
            percent(conversion),
            point_change(conversion, previous_conversion),
            note=" · ".join(n for n in (window_note, same_age) if n) or None,
            figure=cohort_sparkline(points, lang),
        ),
        *[
            Tile(
                key,
                t(key, lang),
                count(activity[key]),
                relative_change(activity[key], previous[key] if previous else None),
                [a[key] for a in activities],
            )
            for key in ("applications", "approvals", "rejections")
        ],
        Tile(
            "approval_rate",
            t("approval_rate", lang),
            percent(activity["approval_rate"]),
            point_change(activity["approval_rate"], previous["approval_rate"] if previous else None),
            [a["approval_rate"] for a in activities],
        ),
    ]
    tile_row(tiles, lang)
    st.caption(t("funnel_tiles_caption", lang))
    definition_popover([tile.key for tile in tiles], lang)


def same_age_note(cohort: dict, lang: str) -> str | None:
    """ "Compared at the same age (as of 2026-11-06)" when the comparison cohort is age-matched."""
    if not cohort["comparison_age_matched"]:
        return None
    return t("compared_same_age", lang, day=f"{cohort['comparison_as_of']:%Y-%m-%d}")


def cohort_sparkline(points: list[tuple[str, float | None, bool | None]], lang: str) -> go.Figure | None:
    """A tile-sized conversion line over cohorts (label, conversion, complete): complete cohorts solid, cohorts
    still converting faded with hollow markers (their conversion can still rise: not a drop). None with < 2 points."""
    points = [p for p in points if p[1] is not None]
    if len(points) < 2:
        return None
    x = [label for label, _, _ in points]
    y = [value for _, value, _ in points]
    complete = [bool(done) for _, _, done in points]
    first_open = next((i for i, done in enumerate(complete) if not done), len(points))
    hover = [
        f"{label}: {percent(value)}" + ("" if done else f" ({t('cohort_incomplete', lang)})")
        for label, value, done in points
    ]
    traces = [
        go.Scatter(
            x=x[:first_open],
            y=y[:first_open],
            mode="lines+markers",
            line={"color": STAGE_COLOURS[4], "width": 2},
            marker={"size": 5},
            hovertext=hover[:first_open],
            hoverinfo="text",
        ),
        go.Scatter(
            x=x[max(first_open - 1, 0) :],
            y=y[max(first_open - 1, 0) :],
            mode="lines+markers",
            opacity=0.6,
            line={"color": INCOMPLETE_COLOUR, "width": 2, "dash": "dot"},
            marker={
                "size": 7,
                "symbol": ["circle" if done else "circle-open" for done in complete[max(first_open - 1, 0) :]],
            },
            hovertext=hover[max(first_open - 1, 0) :],
            hoverinfo="text",
        ),
    ]
    return go.Figure(
        data=traces,
        layout={
            "height": 60,
            "margin": {"l": 0, "r": 0, "t": 4, "b": 4},
            "showlegend": False,
            "xaxis": {"visible": False, "type": "category"},
            "yaxis": {"visible": False, "rangemode": "tozero"},
            "plot_bgcolor": "rgba(0,0,0,0)",
            "paper_bgcolor": "rgba(0,0,0,0)",
        },
    )


def incomplete_note(ctx: FilterContext, cohort: dict) -> str:
    """Why the cohort's conversion can still rise: the share of its leads still inside the conversion window."""
    window = query(data.build_info).config["funnel"]["conversion_window_days"]
    return t(
        "incomplete_cohort_note",
        ctx.lang,
        share=percent(1 - cohort["window_complete_share"]),
        days=window,
    )


def flag_notes(stages: pl.DataFrame, filters: Filters, lang: str) -> None:
    """The flagged stages in one box, each with its reason; a note when there is none."""
    reasons = flag_reasons(stages, lang)
    cohort = stages.row(0, named=True)
    converting = cohort["cohort_complete"] is False
    if reasons:
        lines = [f"**{t('flagged_stages', lang)}**", *(f"- {reason}" for reason in reasons)]
        st.warning("\n".join(lines), icon=":material/flag:")
    else:
        st.success(
            t("no_flagged_stages_converting" if converting else "no_flagged_stages", lang),
            icon=":material/check_circle:",
        )
    if converting:
        st.caption(t("threshold_not_applied", lang))
    same_age = same_age_note(cohort, lang)
    if same_age:
        st.caption(same_age)
    if filters.comparison is None:
        st.caption(t("flags_without_comparison", lang))


def default_drop_stage(stages: pl.DataFrame) -> int:
    """The stage whose leads the page lists first: the one before the stage losing the most leads."""
    losses = stages.filter(pl.col("stage_no") > 0).sort("step_loss", descending=True, nulls_last=True)
    return max(0, int(losses["stage_no"][0]) - 1) if losses.height else 0


def _dropped_count(counts: pl.DataFrame, stage: str, column: str = "dropped") -> int:
    return int(counts.filter(pl.col("stage") == stage)[column].item())


def drop_option(counts: pl.DataFrame, stage: str, lang: str) -> str:
    """ "Meeting → not Application (210 leads)"."""
    next_stage = funnel.STAGES[funnel.STAGES.index(stage) + 1]
    return t(
        "drop_option",
        lang,
        stage=stage_name(stage, lang),
        next=stage_name(next_stage, lang),
        leads=count(_dropped_count(counts, stage)),
    )


def no_dropped_text(counts: pl.DataFrame, stage: str, lang: str) -> str:
    """No lead dropped out here; say how many stopped here but are still converting."""
    converting = _dropped_count(counts, stage, "converting")
    if converting:
        return t("no_dropped_leads_converting", lang, leads=count(converting))
    return t("no_dropped_leads", lang)


def dropped_caption(counts: pl.DataFrame, stage: str, shown: int, lang: str) -> str:
    """How many dropped out here (and how many of them are listed), and how many are still converting."""
    total = _dropped_count(counts, stage)
    if shown < total:
        text = t("dropped_caption_limited", lang, shown=count(shown), total=count(total))
    else:
        text = t("dropped_caption", lang, total=count(total))
    converting = _dropped_count(counts, stage, "converting")
    if converting:
        text += " " + t("dropped_still_converting", lang, leads=count(converting))
    return text


def stage_name(stage: str, lang: str) -> str:
    return t(f"stage_{stage}", lang)


def stage_label(row: dict, lang: str) -> str:
    """A stage's name on the funnel's axis, with a warning sign when it is flagged."""
    return f"⚠ {stage_name(row['stage'], lang)}" if row["flagged"] else stage_name(row["stage"], lang)


def stage_figure(stages: pl.DataFrame, lang: str) -> go.Figure:
    """Leads reaching each stage of the cohort, with step and overall conversion; flagged stages in red."""
    rows = stages.to_dicts()
    text = [
        count(r["reached"])
        if r["stage_no"] == 0
        else t(
            "funnel_bar_text",
            lang,
            reached=count(r["reached"]),
            step=percent(r["step_conversion"]),
            overall=percent(r["overall_conversion"]),
        )
        for r in rows
    ]
    hover = [_stage_hover(r, lang) for r in rows]
    colours = [FLAG_COLOUR if r["flagged"] else STAGE_COLOURS[r["stage_no"]] for r in rows]
    bars = go.Bar(
        y=[stage_label(r, lang) for r in rows],
        x=[r["reached"] for r in rows],
        orientation="h",
        text=text,
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hoverinfo="text",
        marker={"color": colours},
    )
    return figure(
        [bars],
        t("funnel_stages_title", lang),
        x_title=t("leads_axis", lang),
        height=380,
        legend=False,
        # Room on the right for the text beside the longest bar.
        xaxis={"range": [0, max(r["reached"] for r in rows) * 1.6]},
        yaxis={"autorange": "reversed"},
        bargap=0.25,
    )


def _stage_hover(row: dict, lang: str) -> str:
    lines = [f"<b>{stage_name(row['stage'], lang)}</b>", f"{t('leads_axis', lang)}: {count(row['reached'])}"]
    if row["stage_no"] > 0:
        lines += [
            f"{t('step_conversion', lang)}: {percent(row['step_conversion'])}",
            f"{t('overall_conversion', lang)}: {percent(row['overall_conversion'])}",
            t(
                "loss_with_threshold",
                lang,
                loss=percent(row["step_loss"]),
                threshold=percent(row["loss_threshold"]) if row["threshold_applies"] else t("threshold_na", lang),
            ),
        ]
        if row["comparison_step_loss"] is not None:
            label = comparison_loss_label(row, lang)
            lines.append(f"{label}: {percent(row['comparison_step_loss'])}")
    return "<br>".join(lines)


def comparison_loss_label(row: dict, lang: str) -> str:
    """ "Stage loss, comparison period" — "… at the same age" when the comparison cohort is age-matched."""
    return t("comparison_loss_same_age" if row["comparison_age_matched"] else "comparison_loss", lang)


def flag_reasons(stages: pl.DataFrame, lang: str) -> list[str]:
    """One sentence per flagged stage saying why it is flagged."""
    out = []
    for r in stages.filter(pl.col("flagged")).to_dicts():
        reasons = []
        if r["over_threshold"]:
            reasons.append(
                t("flag_over_threshold", lang, loss=percent(r["step_loss"]), threshold=percent(r["loss_threshold"]))
            )
        if r["worsened"]:
            change = percent(r["loss_change"]) if r["loss_change"] is not None else "—"
            reasons.append(
                t(
                    "flag_worsened_same_age" if r["comparison_age_matched"] else "flag_worsened",
                    lang,
                    change=change,
                    previous=percent(r["comparison_step_loss"]),
                    loss=percent(r["step_loss"]),
                )
            )
        out.append(
            t("flag_line", lang, stage=stage_name(r["stage"], lang), reasons=t("flag_joiner", lang).join(reasons))
        )
    return out


def stage_table(stages: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, dict]:
    """The stage figures as a table (percentages × 100) and its column configuration.

    "Over threshold" reads yes / no, or "n/a" while the cohort is still converting (SPEC §4.1: the
    threshold is evaluated only for a complete cohort); comparison columns say when they are age-matched.
    """
    first = stages.row(0, named=True)

    def threshold_check(row: dict) -> str | None:
        if row["stage_no"] == 0:
            return None
        if not row["threshold_applies"]:
            return t("threshold_na", lang)
        return t("yes", lang) if row["over_threshold"] else t("no", lang)

    table = stages.select(
        pl.col("stage").map_elements(lambda s: stage_name(s, lang), return_dtype=pl.String).alias("stage"),
        "reached",
        *[
            (pl.col(c) * 100).alias(c)
            for c in ("step_conversion", "overall_conversion", "step_loss", "loss_threshold", "comparison_step_loss")
        ],
        pl.Series("over_threshold", [threshold_check(r) for r in stages.to_dicts()], dtype=pl.String),
        "comparison_reached",
        "worsened",
        "flagged",
    )
    same_age = bool(first["comparison_age_matched"])
    config = {
        "stage": st.column_config.TextColumn(t("stage", lang)),
        "reached": st.column_config.NumberColumn(t("leads_axis", lang), format="localized"),
        "step_conversion": st.column_config.NumberColumn(t("step_conversion", lang), format=PERCENT_FORMAT),
        "overall_conversion": st.column_config.NumberColumn(t("overall_conversion", lang), format=PERCENT_FORMAT),
        "step_loss": st.column_config.NumberColumn(t("stage_loss", lang), format=PERCENT_FORMAT),
        "loss_threshold": st.column_config.NumberColumn(t("threshold", lang), format=PERCENT_FORMAT),
        "over_threshold": st.column_config.TextColumn(t("over_threshold", lang)),
        "comparison_step_loss": st.column_config.NumberColumn(
            comparison_loss_label(first, lang), format=PERCENT_FORMAT
        ),
        "comparison_reached": st.column_config.NumberColumn(
            t("comparison_leads_same_age" if same_age else "comparison_leads", lang), format="localized"
        ),
        "worsened": st.column_config.CheckboxColumn(t("worsened", lang)),
        "flagged": st.column_config.CheckboxColumn(t("flagged", lang)),
    }
    return table, config


def breakdown_heatmap(breakdown: pl.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Step conversion per stage (columns) for each value of the breakdown (rows, most leads on top)."""
    values = breakdown.select("value", "leads").unique(maintain_order=True).to_dicts()
    stages = breakdown.select("stage").unique(maintain_order=True)["stage"].to_list()
    cells = {(r["value"], r["stage"]): r["step_conversion"] for r in breakdown.to_dicts()}
    z = [[cells.get((v["value"], s)) for s in stages] for v in values]
    labels = [f"{names.get(v['value'], v['value'])} ({count(v['leads'])})" for v in values]
    cells_trace = go.Heatmap(
        z=z,
        x=[stage_name(s, lang) for s in stages],
        y=labels,
        text=[[percent(c) for c in row] for row in z],
        texttemplate="%{text}",
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        colorscale="Blues",
        zmin=0,
        zmax=1,
        colorbar={"title": {"text": "%"}, "tickformat": ".0%", "thickness": 12},
        xgap=2,
        ygap=2,
    )
    return figure(
        [cells_trace],
        t("breakdown_heatmap_title", lang),
        x_title=t("stage", lang),
        height=_rows_height(len(values)),
        legend=False,
        yaxis={"autorange": "reversed"},
    )


def breakdown_conversion(
    breakdown: pl.DataFrame, names: dict[str, str], colours: dict[str, str], lang: str
) -> go.Figure:
    """Lead → disbursed conversion of each value of the breakdown, in the value's own colour."""
    rows = breakdown.filter(pl.col("stage") == "disbursed").to_dicts()
    bars = go.Bar(
        y=[f"{names.get(r['value'], r['value'])} ({count(r['leads'])})" for r in rows],
        x=[r["overall_conversion"] for r in rows],
        orientation="h",
        marker={"color": [colours.get(r["value"], "#888888") for r in rows]},
        text=[percent(r["overall_conversion"]) for r in rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    )
    widest = max((r["overall_conversion"] or 0 for r in rows), default=0) or 0.01
    return figure(
        [bars],
        t("breakdown_conversion_title", lang),
        x_title=t("conversion_axis", lang),
        height=_rows_height(len(rows)),
        legend=False,
        xaxis={"tickformat": ".0%", "range": [0, widest * 1.3]},
        yaxis={"autorange": "reversed"},
    )


def _rows_height(rows: int) -> int:
    return max(300, 26 * rows + 130)


def breakdown_table(breakdown: pl.DataFrame, names: dict[str, str], lang: str) -> tuple[pl.DataFrame, dict]:
    """One row per breakdown value: leads, step conversion of each stage and lead → disbursed, in percent."""
    stages = breakdown.select("stage").unique(maintain_order=True)["stage"].to_list()
    wide = (
        breakdown.select("value", "leads", "stage", (pl.col("step_conversion") * 100).alias("step"))
        .pivot(on="stage", index=["value", "leads"], values="step")
        .join(
            breakdown.filter(pl.col("stage") == "disbursed").select(
                "value", (pl.col("overall_conversion") * 100).alias("overall")
            ),
            on="value",
            how="left",
        )
        .with_columns(pl.col("value").replace_strict(names, default=pl.col("value")).alias("name"))
        .select("name", "leads", *stages, "overall")
    )
    config = {
        "name": st.column_config.TextColumn(t("name", lang)),
        "leads": st.column_config.NumberColumn(t("leads_axis", lang), format="localized"),
        **{s: st.column_config.NumberColumn(stage_name(s, lang), format=PERCENT_FORMAT) for s in stages},
        "overall": st.column_config.NumberColumn(t("lead_to_disbursed", lang), format=PERCENT_FORMAT),
    }
    return wide, config


def trend_figure(trend: pl.DataFrame, stage: str, grain: str, lang: str) -> go.Figure:
    """Lead → `stage` conversion of each cohort. Complete cohorts as a solid line; cohorts with leads still inside
    their window faded (grey, dotted, hollow markers) on a shaded band labelled "still converting", so that
    their lower conversion does not read as a drop."""
    rows = trend.filter(pl.col("stage") == stage).sort("cohort_start").to_dicts()
    x = [r["cohort_start"] for r in rows]
    y = [r["overall_conversion"] for r in rows]
    complete = [bool(r["cohort_complete"]) for r in rows]
    hover = [
        t(
            "trend_hover",
            lang,
            start=f"{r['cohort_start']:%Y-%m-%d}",
            end=f"{r['cohort_end']:%Y-%m-%d}",
            conversion=percent(r["overall_conversion"]),
            leads=count(r["leads"]),
            complete=percent(r["window_complete_share"]),
        )
        for r in rows
    ]
    first_open = next((i for i, c in enumerate(complete) if not c and rows[i]["leads"]), len(rows))
    name = t("stage_conversion_to", lang, stage=stage_name(stage, lang))
    traces = [
        go.Scatter(
            x=x[:first_open],
            y=y[:first_open],
            mode="lines+markers",
            name=t("cohort_complete", lang),
            line={"color": STAGE_COLOURS[4], "width": 2},
            marker={"size": 7},
            hovertext=hover[:first_open],
            hoverinfo="text",
        )
    ]
    layout: dict = {}
    if first_open < len(rows):
        traces.append(
            go.Scatter(
                x=x[first_open:],
                y=y[first_open:],
                mode="lines+markers",
                name=t("cohort_incomplete", lang),
                opacity=0.5,
                line={"color": INCOMPLETE_COLOUR, "width": 2, "dash": "dot"},
                marker={"size": 8, "symbol": "circle-open", "line": {"width": 2}},
                hovertext=hover[first_open:],
                hoverinfo="text",
            )
        )
        # A shaded band over the cohorts still converting, from half a bucket before the first one.
        start = x[first_open] - (x[first_open] - x[first_open - 1]) / 2 if first_open else x[0]
        layout["shapes"] = [
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": start,
                "x1": rows[-1]["cohort_end"],
                "y0": 0,
                "y1": 1,
                "fillcolor": INCOMPLETE_COLOUR,
                "opacity": 0.08,
                "line": {"width": 0},
                "layer": "below",
            }
        ]
        layout["annotations"] = [
            {
                "x": start,
                "xref": "x",
                "xanchor": "left",
                "y": 1,
                "yref": "paper",
                "yanchor": "top",
                "text": t("still_converting_band", lang),
                "showarrow": False,
                "font": {"size": 11, "color": INCOMPLETE_COLOUR},
            }
        ]
    return figure(
        traces,
        name,
        x_title=t(f"cohort_{grain}_axis", lang),
        y_title=t("conversion_axis", lang),
        xaxis={"tickformat": "%Y-%m-%d" if grain == "week" else "%Y-%m"},
        yaxis={"tickformat": ".0%", "rangemode": "tozero"},
        **layout,
    )


def time_to_convert_figure(histogram: pl.DataFrame, lang: str) -> go.Figure:
    """Disbursed leads of the cohort by days from lead to disbursement."""
    rows = histogram.to_dicts()
    bars = go.Bar(
        x=[r["bucket"] for r in rows],
        y=[r["leads"] for r in rows],
        text=[f"{count(r['leads'])} · {percent(r['share'])}" if r["leads"] else "" for r in rows],
        textposition="outside",
        textfont={"size": 12},
        constraintext="none",
        cliponaxis=False,
        marker={"color": STAGE_COLOURS[5]},
        hovertemplate=t("ttc_hover", lang) + "<extra></extra>",
    )
    return figure(
        [bars],
        t("time_to_convert_title", lang),
        x_title=t("days_to_disburse_axis", lang),
        y_title=t("disbursed_leads_axis", lang),
        legend=False,
        xaxis={"type": "category"},
        yaxis={"range": [0, max(r["leads"] for r in rows) * 1.2 or 1]},
    )


def dropped_table(dropped: pl.DataFrame, names: dict[str, dict[str, str]], lang: str) -> tuple[pl.DataFrame, dict]:
    """The dropped leads for display: names instead of ids, outcomes and types in the interface language."""

    def translated(column: str, prefix: str) -> pl.Expr:
        return pl.col(column).map_elements(lambda v: t(f"{prefix}_{v}", lang), return_dtype=pl.String)

    table = dropped.select(
        "lead_id",
        "created_at",
        "furthest_stage_at",
        translated("outcome", "outcome").alias("outcome"),
        pl.col("reason").fill_null(""),
        "window_complete",
        "customer_id",
        translated("customer_type", "customer_type").alias("customer_type"),
        "officer_name",
        "team_name",
        pl.col("region_id").replace_strict(names["region"], default=pl.col("region_id")).alias("region"),
        pl.col("channel_id").replace_strict(names["channel"], default=pl.col("channel_id")).alias("channel"),
        translated("product_line", "product_line").alias("product_line"),
    )
    config = {
        "lead_id": st.column_config.TextColumn(t("lead_id", lang)),
        "created_at": st.column_config.DatetimeColumn(t("created_at", lang), format="YYYY-MM-DD HH:mm"),
        "furthest_stage_at": st.column_config.DatetimeColumn(t("furthest_stage_at", lang), format="YYYY-MM-DD HH:mm"),
        "outcome": st.column_config.TextColumn(t("outcome", lang)),
        "reason": st.column_config.TextColumn(t("reason", lang)),
        "window_complete": st.column_config.CheckboxColumn(t("window_complete", lang)),
        "customer_id": st.column_config.TextColumn(t("customer", lang)),
        "customer_type": st.column_config.TextColumn(t("customer_type", lang)),
        "officer_name": st.column_config.TextColumn(t("officer", lang)),
        "team_name": st.column_config.TextColumn(t("team", lang)),
        "region": st.column_config.TextColumn(t("region", lang)),
        "channel": st.column_config.TextColumn(t("channel", lang)),
        "product_line": st.column_config.TextColumn(t("product_line", lang)),
    }
    return table, config


MOVERS_SHOWN = 10
"""The waterfall shows this many values with the largest contributions; the rest are one "others" step."""

RISE_COLOUR = "#2ca02c"


def _pp(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.2f} pp"


def movers_caption(movers: pl.DataFrame, lang: str) -> str:
    """ "Conversion 2.0% → 2.7% (+0.72 pp), compared at the same age (comparison cohort as of 2026-11-06)"."""
    row = movers.row(0, named=True)
    text = t(
        "movers_caption",
        lang,
        before=percent(row["total_comparison_conversion"]),
        now=percent(row["total_conversion"]),
        change=_pp(row["total_change"]),
    )
    if row["comparison_age_matched"]:
        text += " · " + t("compared_same_age", lang, day=f"{row['comparison_as_of']:%Y-%m-%d}")
    return text


def movers_figure(movers: pl.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """A bridge from the comparison cohort's conversion to the current one, one step per value (largest first)."""
    rows = movers.to_dicts()
    shown, rest = rows[:MOVERS_SHOWN], rows[MOVERS_SHOWN:]
    labels = [names.get(r["value"], r["value"] or "—") for r in shown]
    steps = [r["contribution"] for r in shown]
    if rest:
        labels.append(t("movers_others", lang, n=len(rest)))
        steps.append(sum(r["contribution"] for r in rest))
    first = rows[0]
    before, now = first["total_comparison_conversion"], first["total_conversion"]
    before_label = t("movers_comparison_total", lang)
    now_label = t("movers_current_total", lang)
    bridge = go.Waterfall(
        orientation="h",
        y=[before_label, *labels, now_label],
        x=[before, *steps, now],
        measure=["absolute", *["relative"] * len(steps), "total"],
        text=[percent(before), *(_pp(v) for v in steps), percent(now)],
        textposition="outside",
        cliponaxis=False,
        increasing={"marker": {"color": RISE_COLOUR}},
        decreasing={"marker": {"color": FLAG_COLOUR}},
        totals={"marker": {"color": STAGE_COLOURS[4]}},
        connector={"line": {"color": "#bbbbbb", "width": 1}},
        hoverinfo="y+text",
    )
    low = min(0.0, before, now)
    top = max(before, now)
    running = before
    for v in steps:
        running += v
        low, top = min(low, running), max(top, running)
    span = (top - low) or 0.01
    return figure(
        [bridge],
        t("movers_title", lang),
        x_title=t("conversion_axis", lang),
        height=_rows_height(len(labels) + 2),
        legend=False,
        xaxis={"tickformat": ".1%", "range": [low, top + span * 0.35]},
        yaxis={"autorange": "reversed", "type": "category"},
    )


def movers_table(movers: pl.DataFrame, names: dict[str, str], lang: str) -> tuple[pl.DataFrame, dict]:
    """One row per value: leads and conversion now and at the comparison, change, its parts and share of the change."""
    same_age = bool(movers["comparison_age_matched"][0]) if movers.height else False
    table = movers.select(
        pl.col("value").replace_strict(names, default=pl.col("value")).fill_null("—").alias("name"),
        "leads",
        (pl.col("conversion") * 100).alias("conversion"),
        "comparison_leads",
        (pl.col("comparison_conversion") * 100).alias("comparison_conversion"),
        *[(pl.col(c) * 100).alias(c) for c in ("change", "rate_effect", "mix_effect", "contribution")],
        (pl.col("share_of_change") * 100).alias("share_of_change"),
    )
    points = "%+.2f"
    comparison = "same_age" if same_age else "period"
    config = {
        "name": st.column_config.TextColumn(t("name", lang)),
        "leads": st.column_config.NumberColumn(t("leads_axis", lang), format="localized"),
        "conversion": st.column_config.NumberColumn(t("lead_to_disbursed", lang), format=PERCENT_FORMAT),
        "comparison_leads": st.column_config.NumberColumn(t(f"movers_leads_{comparison}", lang), format="localized"),
        "comparison_conversion": st.column_config.NumberColumn(
            t(f"movers_conversion_{comparison}", lang), format=PERCENT_FORMAT
        ),
        "change": st.column_config.NumberColumn(t("movers_change", lang), format=points),
        "rate_effect": st.column_config.NumberColumn(t("movers_rate_effect", lang), format=points),
        "mix_effect": st.column_config.NumberColumn(t("movers_mix_effect", lang), format=points),
        "contribution": st.column_config.NumberColumn(t("movers_contribution", lang), format=points),
        "share_of_change": st.column_config.NumberColumn(t("movers_share", lang), format=PERCENT_FORMAT),
    }
    return table, config
