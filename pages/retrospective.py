"""Retrospective (双周复盘): the biweekly period against the last one and last year, findings found automatically,
the meeting's summary and action items, and the report to send."""

import streamlit as st

from pipelines.queries.overview import INDICATORS
from pipelines.retro.findings import find_all, retro_settings
from pipelines.retro.scoreboard import TARGET_LEVELS, scoreboard
from ui import format as fmt
from ui import retro_view as view
from ui.components import definition_popover, downloads, empty_state
from ui.db import query, require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.state import language
from ui.table_view import show as show_table

ensure_app_entry()
view.follow_open_view()  # a finding's "Open" button was clicked: go to its page with its filters
ctx = context()
if ctx is None:
    require_cursor(language())
lang = ctx.lang
rv = view.review(ctx)

st.title(t("biweekly_retrospective", lang))
picker, reports = st.columns([3, 2], vertical_alignment="bottom")
view.period_picker(ctx, rv, picker)
st.caption(view.period_line(ctx, rv))
if not rv.from_filter_bar:
    st.info(t("retro_not_biweekly", lang), icon=":material/date_range:")

with st.spinner(t("retro_computing", lang)):  # a few seconds the first time, then cached per build and filters
    board = query(scoreboard, rv.filters, rv.retro)
if view.is_empty(board):
    empty_state(lang)
    st.stop()
store = view.store(lang)  # None, with the reason shown, when the notes store cannot be used
con = require_cursor(lang)
view.report_downloads(con.cursor, rv, store, lang, reports)
view.show_flashes(rv.key)
if store is not None:
    view.waiting_items(store, rv, lang)

scoreboard_tab, findings_tab, notes_tab = view.tabs(lang)

if scoreboard_tab.open:
    with scoreboard_tab:
        heading, popover = st.columns([4, 1], vertical_alignment="bottom")
        heading.subheader(t("section_scoreboard", lang))
        definition_popover(INDICATORS, lang, container=popover)
        view.scoreboard_table(board, lang)
        st.caption(t("retro_scoreboard_caption", lang))
        downloads(view.scoreboard_export(board, lang), "retrospective_scoreboard", view.download_context(ctx, rv))

        heading, popover = st.columns([4, 1], vertical_alignment="bottom")
        heading.subheader(t("section_targets", lang))
        definition_popover(["attainment", "stretch_attainment", "pacing"], lang, container=popover)
        if board.targets.is_empty():
            st.info(t("no_targets", lang), icon=":material/flag:")
        for level in TARGET_LEVELS:
            rows = board.targets.filter(board.targets["level"] == level)
            if rows.is_empty():
                continue
            st.markdown(f"##### {t(f'retro_attainment_by_{level}', lang)}")
            styled, config, export = view.targets_table(rows, level, lang)
            show_table(
                styled, hide_index=True, column_config=config, width="stretch", height=view.table_height(rows.height)
            )
            downloads(export, f"retrospective_targets_{level}", view.download_context(ctx, rv))
        st.caption(t("retro_targets_caption", lang, as_of=f"{ctx.as_of:%Y-%m-%d}"))

if findings_tab.open:
    with findings_tab:
        heading, popover = st.columns([4, 1], vertical_alignment="bottom")
        heading.subheader(t("section_findings", lang))
        settings = query(retro_settings)
        view.how_found_popover(settings, lang, popover)
        with st.spinner(t("retro_computing", lang)):
            findings = query(find_all, rv.filters, rv.retro)
        st.caption(
            t("retro_findings_caption", lang, n=len(findings), floor=fmt.money(settings.materiality_floor, lang))
        )
        view.findings_section(findings, ctx, settings)

if notes_tab.open:
    with notes_tab:
        st.subheader(t("retro_notes_title", lang))
        if store is None:
            st.info(t("retro_store_notes_off", lang), icon=":material/database:")
        else:
            st.caption(t("retro_notes_caption", lang, period=rv.text, scope=fmt.escape_markdown(view.scope_label(ctx))))
            view.author_input(lang)
            view.summary_editor(store, rv, lang)
            view.items_editor(store, rv, lang)
            view.add_item_form(store, rv, lang)
