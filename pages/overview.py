"""Overview: the twelve core indicators of the period against the comparison, with sparklines and targets."""

import streamlit as st

from pipelines.queries import funnel, overview
from ui import overview_view as view
from ui.charts import show
from ui.components import definition_popover, empty_state
from ui.db import query, require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.state import language

ensure_app_entry()
ctx = context()
if ctx is None:
    require_cursor(language())
lang, filters = ctx.lang, ctx.filters

st.title(t("overview_title", lang))
st.caption(view.period_line(ctx))

indicators = query(overview.core_indicators, filters)
if view.is_empty(indicators):
    empty_state(lang)
    st.stop()
history = query(overview.indicator_history, filters, ctx.kind, ctx.dims.biweekly_anchor_monday)
stages = query(funnel.funnel_by_stage, filters)

heading, popover = st.columns([4, 1], vertical_alignment="bottom")
heading.subheader(t("ov_core_indicators", lang))
definition_popover(overview.INDICATORS, lang, container=popover)
view.tiles(st, indicators, history, ctx, stages["window_complete_share"][0])
st.caption(t("ov_sparkline_caption", lang, n=overview.DEFAULT_HISTORY_PERIODS))

target_chart, funnel_chart = st.columns([3, 2], gap="medium")
with target_chart:
    show(view.target_figure(history, ctx), key="overview_target")
    definition_popover(["disbursed_amount", "base_target", "stretch_target", "attainment"], lang)
with funnel_chart:
    show(view.funnel_figure(stages, lang), key="overview_funnel")
    definition_popover(["stage_reached", "overall_conversion"], lang)
