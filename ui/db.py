"""The app's handle on the warehouse: one cached read-only connection per build."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import streamlit as st

from pipelines import warehouse
from ui.i18n import t

T = TypeVar("T")


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
    try:
        return _connection(*identity).cursor()
    except duckdb.IOException:
        # The file named by the link a moment ago is gone (a build's cleanup): retry once on the new link.
        identity = current_build()
        return None if identity is None else _connection(*identity).cursor()


def require_cursor(lang: str = "en") -> duckdb.DuckDBPyConnection:
    """A cursor on the current warehouse; stops the page with instructions when there is none."""
    con = cursor()
    if con is None:
        st.info(t("no_warehouse", lang, path=warehouse.db_path()))
        st.stop()
    return con


def query(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a query function (`function(con, *args, **kwargs)`) on the current warehouse, cached.

    The cache key is the build's identity plus the plain arguments (filter dataclasses,
    strings, dates), never a frame or a connection, so a new build starts a fresh cache.
    """
    build = current_build()
    if build is None:
        raise RuntimeError("no warehouse has been built yet")
    key = (function.__module__, function.__qualname__, args, tuple(sorted(kwargs.items())))
    try:
        return _cached(build, *key)
    except duckdb.IOException:
        # As in cursor(): the file resolved a moment ago was removed; retry once on the new link.
        build = current_build()
        if build is None:
            raise
        return _cached(build, *key)


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached(build: tuple[str, int, int], module: str, name: str, args: tuple, kwargs: tuple) -> Any:
    function = getattr(importlib.import_module(module), name)
    return function(_connection(*build).cursor(), *args, **dict(kwargs))
