"""Running parameterised SQL for the query functions (DuckDB 2.0: relations, not cursors' results)."""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    """Run a parameterised query and return its rows as a polars frame."""
    return con.sql(sql, params=params or None).pl()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """Run a parameterised query that returns one value."""
    return con.sql(sql, params=params or None).fetchall()[0][0]
