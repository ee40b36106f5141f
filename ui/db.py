"""The app's handle on the warehouse: one cached read-only connection per build."""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from pipelines import warehouse


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    # Keyed on the file's identity: after a build swaps a new file in, the next run
    # opens it, while sessions still holding the old connection finish on the old file.
    return warehouse.connect(Path(path))


def current_build() -> tuple[str, int, int] | None:
    """The identity of the warehouse now in place, or None if there is none; use it as a cache key."""
    return warehouse.build_identity(warehouse.db_path())


def cursor() -> duckdb.DuckDBPyConnection | None:
    """A cursor on the current warehouse for this run (one per thread), or None if none is built."""
    identity = current_build()
    if identity is None:
        return None
    return _connection(*identity).cursor()


def require_cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the current warehouse; stops the page with instructions when there is none."""
    con = cursor()
    if con is None:
        st.info(
            f"No warehouse at `{warehouse.db_path()}` yet. Build one with "
            "`python -m pipelines build --source <folder or workbook>`, or run `make run` for the demo."
        )
        st.stop()
    return con
