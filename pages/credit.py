"""Credit quality: balance and delinquency at the period's snapshot, their trend, mixes, vintages, roll rates, flags."""

import streamlit as st

from pipelines.queries import credit
from ui import credit_view as view
from ui.charts import show
from ui.components import definition_popover, downloads, empty_state
from ui.db import query, require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.state import language
from ui.table_view import table

ensure_app_entry()
ctx = context()
if ctx is None:
    require_cursor(language())
lang, filters = ctx.lang, ctx.filters

st.title(t("credit_title", lang))
basis = view.basis_switch(lang)
at_end = query(credit.credit_at_period_end, filters)
if view.nothing_outstanding(at_end):
    empty_state(lang)
    st.stop()
snapshot, _ = view.snapshot_dates(at_end)
view.snapshot_caption(at_end, ctx.as_of, filters.comparison is not None, lang)

series = query(credit.credit_series, filters)
writeoffs_monthly = query(credit.writeoffs_by_month, filters)
view.kpi_tiles(at_end, series, query(credit.writeoffs, filters), writeoffs_monthly, filters.period.end, basis, lang)
definition_popover(
    ["outstanding_balance" if basis == "balance" else "active_loans"]
    + [view.figure_key(m, basis) for m in view.RATIOS]
    + ["write_offs"],
    lang,
)

st.subheader(t("credit_trend_heading", lang))
left, right = st.columns([3, 2])
with left:
    show(view.ratio_trend(series, basis, lang), key="credit_ratio_trend")
    st.caption(t("credit_trend_points", lang))
    if view.npl_equals_par90(series, basis):
        st.caption(t("credit_npl_equals_par90", lang))
    definition_popover([view.figure_key(m, basis) for m in view.RATIOS], lang)
with right:
    show(view.balance_and_writeoffs(series, writeoffs_monthly, snapshot, basis, lang), key="credit_balance")
    definition_popover(["outstanding_balance" if basis == "balance" else "active_loans", "write_offs"], lang)

st.subheader(t("credit_mix_heading", lang))
left, right = st.columns(2)
with left:
    show(view.bucket_mix_chart(query(credit.bucket_mix_series, filters, m4_plus=True), basis, lang), key="mix_b")
    definition_popover(["dpd_bucket_mix"], lang)
    with st.expander(t("credit_at_snapshot_table", lang, date=snapshot.isoformat())):
        shown, config = view.bucket_table(query(credit.bucket_mix, filters), lang)
        table(shown, config)
        downloads(shown, "dpd_bucket_mix", ctx)
with right:
    show(view.five_tier_chart(query(credit.five_tier_mix_series, filters), basis, lang), key="mix_tier")
    definition_popover(["five_tier_mix"], lang)
    with st.expander(t("credit_at_snapshot_table", lang, date=snapshot.isoformat())):
        shown, config = view.five_tier_table(query(credit.five_tier_mix, filters), lang)
        table(shown, config)
        downloads(shown, "five_tier_mix", ctx)

st.subheader(t("credit_vintage_heading", lang))
threshold = view.vintage_threshold_switch(lang)
triangle = query(credit.vintage_triangle, filters, threshold)
if triangle.is_empty():
    empty_state(lang)
else:
    show(view.vintage_heatmap(triangle, threshold, lang), key="credit_vintage_triangle")
    st.caption(t("credit_vintage_caption", lang))
    show(view.vintage_curves_chart(query(credit.vintage_curves, filters, threshold), threshold, lang), key="vc")
    definition_popover(["vintage_ratio"], lang)
    downloads(view.vintage_table(triangle, lang), f"vintage_{threshold}", ctx, container=st.columns(3)[0])

st.subheader(t("credit_roll_heading", lang))
roll = query(credit.roll_rate_matrix, filters)
if roll.matrix.is_empty():
    empty_state(lang)
else:
    left, right = st.columns([3, 2])
    with left:
        show(view.roll_rate_heatmap(roll, lang), key="credit_roll_matrix")
        st.caption(view.pairs_caption(roll, ctx.as_of, lang))
    with right:
        show(view.roll_trend_chart(query(credit.roll_rate_trend, filters), lang), key="credit_roll_trend")
    definition_popover(["roll_rate"], lang)
    downloads(view.roll_rate_table(roll, lang), "roll_rates", ctx, container=st.columns(3)[0])

st.subheader(t("early_warning", lang))
flags = query(credit.early_warning, filters)
st.caption(t("credit_ew_caption", lang, date=snapshot.isoformat()))
flagged_only = st.toggle(t("credit_ew_flagged_only", lang), value=True, key="credit_ew_flagged_only")
shown, config = view.early_warning_table(flags, lang, flagged_only)
if shown.is_empty():
    st.success(t("credit_ew_none", lang), icon=":material/check_circle:")
else:
    st.markdown(t("credit_ew_count", lang, n=int(flags["flagged"].sum()), total=flags.height))
    table(shown, config, height=min(420, 38 + 35 * shown.height))
    downloads(shown, "early_warning", ctx, container=st.columns(3)[0])
definition_popover(["early_warning"], lang)
