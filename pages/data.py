"""Data: where the numbers come from — source, as-of date, build, row counts, data-quality warnings; for admins
the audit log. Admins only once sign-in is on."""

import streamlit as st

from pipelines.queries import data as queries
from pipelines.users import Users
from ui.auth import current_user, require_admin
from ui.components import downloads
from ui.db import require_cursor
from ui.entry import ensure_app_entry
from ui.filters import context
from ui.i18n import t
from ui.state import language
from ui.table_view import show as show_table

ensure_app_entry()
lang = language()
require_admin(lang)
st.title(t("data_title", lang))
con = require_cursor(lang)
info = queries.build_info(con)
# Company-wide tables: empty under a region head's or team lead's access scope (the page is for admins).
filter_context = context()
scope = filter_context.filters.scope if filter_context is not None else None

as_of, built, duration, fmt = st.columns([1, 1.5, 1, 1])
as_of.metric(t("as_of_date", lang), info.as_of.isoformat(), help=t("as_of_help", lang))
built.metric(t("built_at", lang), info.built_at.strftime("%Y-%m-%d %H:%M"))
duration.metric(t("build_time", lang), f"{info.duration_seconds:,.1f} s")
fmt.metric(t("source_format", lang), info.source_format.upper())
st.caption(t("source_caption", lang, source=info.source, build_id=info.build_id, config=info.config_source))

st.subheader(t("tables", lang))
show_table(
    queries.row_counts(con, scope),
    hide_index=True,
    column_config={
        "table_name": st.column_config.TextColumn(t("table", lang)),
        "layer": st.column_config.TextColumn(t("layer", lang)),
        "row_count": st.column_config.NumberColumn(t("rows", lang), format="localized"),
    },
)

st.subheader(t("data_quality_warnings", lang))
warnings = queries.data_quality(con, scope)
if warnings.is_empty():
    st.success(t("no_warnings", lang))
else:
    st.warning(t("n_warnings", lang, n=len(warnings)))
    show_table(
        warnings,
        hide_index=True,
        column_config={
            "severity": None,
            "table_name": t("table", lang),
            "column_name": t("column", lang),
            "check_name": t("check", lang),
            "row_count": st.column_config.NumberColumn(t("rows", lang), format="localized"),
            "example_rows": t("first_rows", lang),
            "message": t("message", lang),
        },
    )

with st.expander(t("build_steps", lang)):
    show_table(
        queries.build_steps(con),
        hide_index=True,
        column_config={
            "step": t("step", lang),
            "seconds": st.column_config.NumberColumn(t("seconds", lang), format="%.2f"),
            "row_count": st.column_config.NumberColumn(t("rows", lang), format="localized"),
        },
    )
with st.expander(t("configuration_used", lang)):
    st.json(info.config)

user = current_user()
if user is not None and user.is_admin:
    st.subheader(t("audit_log", lang))
    st.caption(t("audit_log_caption", lang))
    audit_log = Users().audit_log()
    show_table(
        audit_log,
        hide_index=True,
        column_config={
            "at": t("audit_at", lang),
            "user_name": t("audit_user", lang),
            "event": t("audit_event", lang),
            "what": t("audit_what", lang),
            "filters": t("audit_filters", lang),
        },
    )
    ctx = context()
    if ctx is not None:
        downloads(audit_log, "audit-log", ctx)
