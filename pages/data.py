"""Data: where the numbers come from — source, as-of date, build, row counts, data-quality warnings."""

import streamlit as st

from pipelines.queries import data as queries
from ui.db import require_cursor

st.title("Data")
con = require_cursor()
info = queries.build_info(con)

as_of, built, duration, fmt = st.columns(4)
as_of.metric("As-of date", info.as_of.isoformat(), help="Every figure in the app is as of this date.")
built.metric("Built at (UTC)", info.built_at.strftime("%Y-%m-%d %H:%M"))
duration.metric("Build time", f"{info.duration_seconds:,.1f} s")
fmt.metric("Source format", info.source_format.upper())
st.caption(f"Source: `{info.source}` · build `{info.build_id}` · configuration `{info.config_source}`")

st.subheader("Tables")
st.dataframe(
    queries.row_counts(con),
    hide_index=True,
    column_config={
        "table_name": st.column_config.TextColumn("Table"),
        "layer": st.column_config.TextColumn("Layer"),
        "row_count": st.column_config.NumberColumn("Rows", format="localized"),
    },
)

st.subheader("Data-quality warnings")
warnings = queries.data_quality(con)
if warnings.is_empty():
    st.success("The source passed every check with no warnings.")
else:
    st.warning(f"{len(warnings)} warning(s) found while validating the source; the build went ahead.")
    st.dataframe(
        warnings,
        hide_index=True,
        column_config={
            "severity": None,
            "table_name": "Table",
            "column_name": "Column",
            "check_name": "Check",
            "row_count": st.column_config.NumberColumn("Rows", format="localized"),
            "example_rows": "First rows",
            "message": "Message",
        },
    )

with st.expander("Build steps"):
    st.dataframe(
        queries.build_steps(con),
        hide_index=True,
        column_config={
            "step": "Step",
            "seconds": st.column_config.NumberColumn("Seconds", format="%.2f"),
            "row_count": st.column_config.NumberColumn("Rows", format="localized"),
        },
    )
with st.expander("Configuration used"):
    st.json(info.config)
