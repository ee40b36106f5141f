"""Funnel: how the period's leads move from lead to disbursement, where they drop, and how fast they convert."""

import streamlit as st

from pipelines.queries import funnel
from ui import funnel_view as view
from ui.charts import show
from ui.components import definition_popover, downloads, empty_state
from ui.db import query, require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.sales_view import display_names, period_line
from ui.state import language
from ui.table_view import show as show_table

ensure_app_entry()
ctx = context()
if ctx is None:
    require_cursor(language())
lang, filters = ctx.lang, ctx.filters

st.title(t("funnel_title", lang))
st.caption(period_line(ctx, "funnel_period_line"))

stages = query(funnel.funnel_by_stage, filters)
activity = query(funnel.activity_counts, filters).row(0, named=True)
cohort = stages.row(0, named=True)
if cohort["cohort_leads"] == 0 and not (activity["applications"] or activity["approvals"] or activity["rejections"]):
    empty_state(lang)
    st.stop()

# The headline figures: the cohort's size and conversion, and the period's application activity.
view.headline_tiles(ctx, stages, activity)
if cohort["cohort_leads"] == 0:
    empty_state(lang)
    st.stop()
if not cohort["cohort_complete"]:
    st.info(view.incomplete_note(ctx, cohort), icon=":material/hourglass_top:")

st.subheader(t("funnel_stages", lang))
chart, flags = st.columns([3, 2], gap="medium")
with chart:
    show(view.stage_figure(stages, lang), key="funnel_stages")
with flags:
    view.flag_notes(stages, filters, lang)
    definition_popover(["stage_reached", "step_conversion", "overall_conversion", "step_loss"], lang)
with st.expander(t("stage_figures", lang)):
    table, config = view.stage_table(stages, lang)
    show_table(table, hide_index=True, column_config=config)
    downloads(view.labelled(table, config), "funnel_stages", ctx)

st.subheader(t("funnel_breakdown", lang))
by = (
    st.segmented_control(
        t("break_down_by", lang),
        ["region", "team", "channel", "product_line"],
        format_func=lambda d: t(d, lang),
        default="region",
        key="funnel_breakdown_by",
    )
    or "region"
)
breakdown = query(funnel.funnel_breakdown, filters, by)
names = display_names(ctx, by)
heatmap, conversion = st.columns([3, 2], gap="medium")
with heatmap:
    show(view.breakdown_heatmap(breakdown, names, lang), key="funnel_breakdown_heatmap")
with conversion:
    show(view.breakdown_conversion(breakdown, names, view.colours(ctx, by), lang), key="funnel_breakdown_conversion")
definition_popover(["step_conversion", "lead_to_disbursed_conversion"], lang)
with st.expander(t("breakdown_table", lang)):
    table, config = view.breakdown_table(breakdown, names, lang)
    show_table(table, hide_index=True, column_config=config)
    downloads(view.labelled(table, config), f"funnel_by_{by}", ctx)

# Who moved conversion: each value's contribution to the change of lead → disbursed conversion.
st.subheader(t("movers_heading", lang, by=t(by, lang)))
movers = query(funnel.conversion_movers, filters, by)
if filters.comparison is None:
    st.info(t("movers_no_comparison", lang), icon=":material/compare_arrows:")
elif movers.is_empty() or movers["total_change"][0] is None:
    st.info(t("movers_nothing_to_compare", lang), icon=":material/hourglass_empty:")
else:
    st.caption(view.movers_caption(movers, lang))
    show(view.movers_figure(movers, names, lang), key="funnel_movers")
    definition_popover(["conversion_contribution"], lang)
    with st.expander(t("movers_table", lang)):
        table, config = view.movers_table(movers, names, lang)
        show_table(table, hide_index=True, column_config=config)
        downloads(view.labelled(table, config), f"funnel_conversion_movers_by_{by}", ctx)

trend_column, speed_column = st.columns([3, 2], gap="large")
with trend_column:
    st.subheader(t("conversion_trend", lang))
    grain_column, stage_column = st.columns(2)
    grain = (
        grain_column.segmented_control(
            t("cohort_grain", lang),
            list(funnel.COHORT_GRAINS),
            format_func=lambda g: t(f"cohort_grain_{g}", lang),
            default="week",
            key="funnel_trend_grain",
        )
        or "week"
    )
    trend_stage = stage_column.selectbox(
        t("conversion_to", lang),
        list(funnel.STAGES[1:]),
        index=len(funnel.STAGES) - 2,
        format_func=lambda s: view.stage_name(s, lang),
        key="funnel_trend_stage",
    )
    # Enough cohorts that complete ones show beside those still inside the 90-day window.
    trend = query(funnel.conversion_trend, filters, grain, view.TREND_COHORTS[grain])
    show(view.trend_figure(trend, trend_stage, grain, lang), key="funnel_trend")
    st.caption(t("trend_caption", lang))
    definition_popover(["overall_conversion", "window_complete_share"], lang)
with speed_column:
    st.subheader(t("time_to_convert", lang))
    histogram = query(funnel.time_to_convert, filters)
    if histogram["leads"].sum() == 0:
        st.info(t("no_disbursed_leads", lang), icon=":material/hourglass_empty:")
    else:
        show(view.time_to_convert_figure(histogram, lang), key="funnel_time_to_convert")
    definition_popover(["time_to_convert"], lang)

st.subheader(t("dropped_leads", lang))
drop_counts = query(funnel.dropped_counts, filters)
drop_stage = st.selectbox(
    t("dropped_at", lang),
    list(funnel.STAGES[:-1]),
    index=view.default_drop_stage(stages),
    format_func=lambda s: view.drop_option(drop_counts, s, lang),
    key="funnel_dropped_stage",
)
dropped = query(funnel.dropped_leads, filters, drop_stage)
if dropped.is_empty():
    st.info(view.no_dropped_text(drop_counts, drop_stage, lang), icon=":material/check_circle:")
else:
    table, config = view.dropped_table(dropped, {d: display_names(ctx, d) for d in ("region", "channel")}, lang)
    st.caption(view.dropped_caption(drop_counts, drop_stage, dropped.height, lang))
    show_table(table, hide_index=True, column_config=config)
    downloads(view.labelled(table, config), f"dropped_at_{drop_stage}", ctx)
definition_popover(["dropped_leads"], lang)
