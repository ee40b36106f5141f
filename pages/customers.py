"""Customers: the RFM segment grid, tier × credit grade, segment migration, and lists of customers to act on."""

import streamlit as st

from pipelines.queries import customers
from ui import customers_view as view
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

st.title(t("customers_title", lang))
as_of = query(customers.selected_as_of, filters)
if as_of is None:
    empty_state(lang)
    st.stop()
period_comparison = query(customers.comparison_as_of, filters)
compare_to = view.page_comparison(as_of, period_comparison, query(customers.previous_as_of, as_of))
summary = query(customers.segment_summary, filters, as_of, compare_to)
if view.nobody_scored(summary):
    empty_state(lang)
    st.stop()
as_of_dates = query(customers.as_of_dates, filters)
view.as_of_caption(as_of, compare_to, period_comparison, filters, as_of_dates["as_of"].min(), lang)

at_risk = query(customers.strategic_at_risk, filters, as_of, None)
at_risk_before = query(customers.strategic_at_risk, filters, compare_to, None).height if compare_to else None
view.kpi_tiles(summary, at_risk.height, at_risk_before, lang)
definition_popover(["rfm_scored_customers", "rfm_monetary", "rfm_segment_share", "strategic_at_risk"], lang)

st.subheader(t("customers_segments_heading", lang))
measure = view.measure_switch(lang)
left, right = st.columns(2)
with left:
    show(view.segment_grid_chart(query(customers.segment_grid, filters, as_of), measure, lang), key="rfm_grid")
    definition_popover(["rfm_score", "rfm_segment_customers", "rfm_monetary"], lang)
with right:
    st.markdown(t("customers_summary_heading", lang, date=compare_to.isoformat() if compare_to else "—"))
    shown, config = view.segment_table(summary, measure, lang)
    table(shown, config)
    downloads(view.segment_export(summary, lang), "rfm_segments", ctx)
    definition_popover(["rfm_segment_share"], lang)

st.subheader(t("customers_tier_grade_heading", lang))
matrix = query(customers.tier_grade_matrix, filters, as_of)
show(view.tier_grade_chart(matrix, measure, lang), key="tier_grade")
definition_popover(["customer_tier", "credit_grade"], lang)
downloads(view.tier_grade_table(matrix, lang), "tier_by_grade", ctx, container=st.columns(3)[0])

st.subheader(t("customers_migration_heading", lang))
source, target = view.migration_pickers(as_of_dates, compare_to or query(customers.previous_as_of, as_of), as_of, lang)
migration = query(customers.segment_migration, filters, source, target)
if source == target:
    st.info(t("customers_migration_same", lang), icon=":material/info:")
if migration.is_empty():
    empty_state(lang)
else:
    show(view.migration_chart(migration, lang), key="migration")
    definition_popover(["segment_migration"], lang)
    downloads(view.migration_table(migration, lang), "segment_migration", ctx, container=st.columns(3)[0])

st.subheader(t("customers_lists_heading", lang))
since = compare_to or query(customers.previous_as_of, as_of)
lists = {
    "strategic_at_risk": (at_risk, t("customers_list_strategic_about", lang, date=as_of.isoformat())),
    "repeat_loan_candidates": (
        query(customers.repeat_loan_candidates, filters, as_of),
        t(
            "customers_list_repeat_about",
            lang,
            days=customers.REPEAT_QUIET_DAYS,
            grade=customers.REPEAT_MIN_GRADE,
            date=as_of.isoformat(),
        ),
    ),
    "moved_into_risk": (
        query(customers.moved_into_risk, filters, since, as_of) if since else at_risk.clear(),
        t("customers_list_moved_about", lang, since=since.isoformat() if since else "—", date=as_of.isoformat()),
    ),
}
tabs = st.tabs([t(f"customers_list_{name}", lang, n=view.list_size(frame)) for name, (frame, _) in lists.items()])
for tab, (name, (frame, about)) in zip(tabs, lists.items(), strict=True):
    with tab:
        st.markdown(about)
        if frame.height >= customers.DEFAULT_LIST_LIMIT and name != "strategic_at_risk":
            st.caption(t("customers_list_capped", lang, n=customers.DEFAULT_LIST_LIMIT))
        if frame.is_empty():
            st.info(t("customers_list_empty", lang), icon=":material/person_off:")
            continue
        shown, config = view.customer_list(frame, lang)
        table(shown, config, height=min(440, 38 + 35 * shown.height))
        downloads(shown, name, ctx, container=st.columns(3)[0])
        definition_popover([name], lang)
