"""Disbursement: volume against base and stretch target, pacing, mix, average ticket, the leaderboard and who moved
the amount against the comparison period."""

import streamlit as st

from pipelines.queries import disbursement
from ui import disbursement_view as view
from ui import moved_view
from ui import teams_view as drill_view
from ui.charts import show
from ui.components import definition_popover, downloads, empty_state
from ui.db import query, require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.sales_view import dimension_colours, display_names, labelled, period_line
from ui.state import language
from ui.table_view import show as show_table

ensure_app_entry()
ctx = context()
if ctx is None:
    require_cursor(language())
lang, filters = ctx.lang, ctx.filters

st.title(t("disbursement_title", lang))
st.caption(period_line(ctx, "disbursement_period_line"))

summary = query(disbursement.disbursement_summary, filters).row(0, named=True)
if summary["loans"] == 0:
    empty_state(lang)
    st.stop()

view.headline_tiles(ctx, summary)

st.subheader(t("volume_over_time", lang))
grain_column, view_column = st.columns(2)
grain = grain_column.segmented_control(
    t("bucket_by", lang),
    ["day", "week", "month"],
    format_func=lambda g: t(f"grain_{g}", lang),
    default=view.default_grain(ctx),
    key="disbursement_grain",
) or view.default_grain(ctx)
cumulative = (
    view_column.segmented_control(
        t("volume_view", lang),
        ["per_bucket", "cumulative"],
        format_func=lambda v: t(f"volume_view_{v}", lang),
        default="per_bucket",
        key="disbursement_volume_view",
    )
    == "cumulative"
)
series = query(disbursement.disbursement_series, filters, grain)
show(view.volume_figure(series, cumulative, ctx.as_of, grain, lang), key="disbursement_volume")
definition_popover(["disbursed_amount", "base_target", "stretch_target"], lang)

st.subheader(t("disbursement_mix", lang))
by = (
    st.segmented_control(
        t("mix_by", lang),
        list(disbursement.MIX_DIMENSIONS),
        format_func=lambda d: t(d, lang),
        default="product_line",
        key="disbursement_mix_by",
    )
    or "product_line"
)
mix = query(disbursement.disbursement_mix, filters, by)
names = display_names(ctx, by)
share_chart, ticket_chart = view.mix_figures(mix, names, dimension_colours(ctx, by), lang)
amount_column, ticket_column = st.columns(2, gap="medium")
with amount_column:
    show(share_chart, key="disbursement_mix_amount")
with ticket_column:
    show(ticket_chart, key="disbursement_mix_ticket")
definition_popover(["disbursed_amount", "amount_share", "average_ticket"], lang)
with st.expander(t("mix_table", lang)):
    table, config = view.mix_table(mix, names, lang)
    show_table(table, hide_index=True, column_config=config)
    downloads(labelled(table, config), f"disbursement_by_{by}", ctx)

st.subheader(t("leaderboard", lang))
# Click a bar to go one level down (the drill sets the filters, as on the Teams page); breadcrumbs lead back up.
drill = drill_view.read_drill(ctx)
if drill.level is None:
    level = (
        st.segmented_control(
            t("leaderboard_level", lang),
            list(disbursement.LEADERBOARD_LEVELS),
            format_func=lambda v: t(v, lang),
            default="region",
            key="disbursement_leaderboard_level",
        )
        or "region"
    )
else:
    drill_view.breadcrumbs(drill, ctx)
    level = drill.child_level or "officer"
board = query(disbursement.leaderboard, drill.filters(filters), level)
if board.is_empty():
    empty_state(lang)
else:
    event = show(
        view.leaderboard_figure(board, level, ctx),
        key=f"disbursement_leaderboard_{drill.param() or level}",
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(view.drill_hint(level, lang))
    if level == "officer":
        st.caption(t("officer_no_target", lang))
    table, config = view.leaderboard_table(board, level, lang)
    show_table(view.coloured_bands(table, board), hide_index=True, column_config=config)
    downloads(labelled(table, config), f"leaderboard_{level}", ctx, filters=drill.filters(filters))
    picked = view.clicked(event, board)
    if picked:
        view.drill_to(level, picked)
definition_popover(["disbursed_amount", "amount_share", "average_ticket", "attainment", "stretch_attainment"], lang)

st.subheader(t("moved", lang))
# The change against the comparison period, split by a level under the leaderboard's drill; a bar drills like it.
levels = moved_view.levels_below(drill.level)
moved_level = (
    st.segmented_control(
        t("moved_level", lang),
        levels,
        format_func=lambda v: t(v, lang),
        default=levels[0],
        key=f"disbursement_moved_by_{drill.param() or 'all'}",
    )
    or levels[0]
)
picked = moved_view.who_moved(ctx, drill.filters(filters), moved_level, "disbursement_moved")
if picked:
    view.drill_to(moved_level, picked)
