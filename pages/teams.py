"""Teams: region → team → account manager → their leads and loans, with who moved the amount at each level; click a
bar to go down, breadcrumbs to go up."""

import streamlit as st

from pipelines.queries import teams
from ui import moved_view
from ui import teams_view as view
from ui.charts import show
from ui.components import definition_popover, downloads, empty_state
from ui.db import query, require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.overview_view import period_line
from ui.state import language
from ui.table_view import show as show_table

ensure_app_entry()
ctx = context()
if ctx is None:
    require_cursor(language())
lang = ctx.lang

st.title(t("teams_title", lang))
st.caption(period_line(ctx))
drill = view.read_drill(ctx)
view.breadcrumbs(drill, ctx)
filters = drill.filters(ctx.filters)
level = drill.child_level
scorecard_metrics = ["disbursed_amount", "attainment", "lead_to_disbursed_conversion", "par30", "early_dpd30"]

if level is not None:
    # Regions, a region's teams, or a team's account managers: a bar to click and a scorecard.
    card = query(teams.scorecard, filters, level)
    if card.is_empty():
        empty_state(lang)
        st.stop()
    if card["amount"].sum() > 0:
        event = show(
            view.bar_figure(card, level, drill, ctx),
            key=f"teams_bars_{drill.param() or 'all'}",
            on_select="rerun",
            selection_mode="points",
        )
        st.caption(t(f"teams_click_hint_{level}", lang))
    else:
        event = None
        st.info(t("teams_no_disbursement", lang), icon=":material/bar_chart_off:")

    st.subheader(t("teams_scorecard", lang))
    definition_popover(scorecard_metrics, lang)
    table, config = view.scorecard_table(card, level, lang)
    rows = show_table(
        table,
        hide_index=True,
        column_config=config,
        on_select="rerun",
        selection_mode="single-row",
        key=f"teams_table_{drill.param() or 'all'}",
    )
    st.caption(t("teams_snapshot_caption", lang, day=f"{card['snapshot_date'][0]:%Y-%m-%d}"))
    downloads(view.labelled(table, config), f"scorecard_{level}", ctx, filters=filters)

    # Who moved the amount against the comparison period, split by the same level; a bar drills like the others.
    st.subheader(t("moved", lang))
    moved = moved_view.who_moved(ctx, filters, level, "teams_moved")

    picked = view.clicked_bar(event) or view.clicked_row(rows, card) or moved
    if picked:
        view.go_to(f"{level}:{picked}")
        st.rerun()
else:
    # One account manager: their figures, then the leads and loans behind them.
    card = query(teams.scorecard, filters, "officer")
    if card.is_empty():
        empty_state(lang)
        st.stop()
    before = query(teams.scorecard, filters.for_period(filters.comparison), "officer") if filters.comparison else None
    view.officer_tiles(card, before, ctx)
    definition_popover(scorecard_metrics, lang)

    st.subheader(t("teams_leads", lang))
    leads = query(teams.lead_list, filters)
    if leads.is_empty():
        st.caption(t("teams_no_leads", lang))
    else:
        table, config = view.lead_table(leads, lang)
        show_table(table, hide_index=True, column_config=config)
        view.limit_note(leads, lang)
        downloads(view.labelled(table, config), "officer_leads", ctx, filters=filters)

    st.subheader(t("teams_loans", lang))
    loans = query(teams.loan_list, filters)
    if loans.is_empty():
        st.caption(t("teams_no_loans", lang))
    else:
        table, config = view.loan_table(loans, lang)
        show_table(table, hide_index=True, column_config=config)
        view.limit_note(loans, lang)
        downloads(view.labelled(table, config), "officer_loans", ctx, filters=filters)
