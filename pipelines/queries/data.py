"""What the Data page shows: the build's metadata, row counts and data-quality warnings.

The page is for admins. Row counts, build steps and data-quality examples are company-wide (an example row
can be any region's), so under a restricted access scope they come back empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import polars as pl

from pipelines.queries.filters import Scope


@dataclass(frozen=True)
class BuildInfo:
    build_id: str
    source: str
    source_format: str
    as_of: date
    built_at: datetime
    duration_seconds: float
    config_source: str
    config: dict


def build_info(con: duckdb.DuckDBPyConnection) -> BuildInfo:
    """The metadata of the build this warehouse came from."""
    row = con.sql(
        """
        select build_id, source, source_format, as_of, built_at, duration_seconds, config_source, config_json
        from meta_build
        """
    ).fetchall()[0]
    return BuildInfo(*row[:7], config=json.loads(row[7]))


def row_counts(con: duckdb.DuckDBPyConnection, scope: Scope | None = None) -> pl.DataFrame:
    """Rows per table: the source tables as loaded, then every table the build made (none under a scope)."""
    return _company_only(
        con,
        scope,
        """
        select table_name, layer, row_count
        from meta_row_counts
        order by case layer when 'source' then 0 when 'staging' then 1 when 'fact' then 2
                 when 'aggregate' then 3 else 4 end, table_name
        """,
    )


def build_steps(con: duckdb.DuckDBPyConnection, scope: Scope | None = None) -> pl.DataFrame:
    """The build's steps with their durations, in the order they ran (none under a scope)."""
    return _company_only(con, scope, "select step, seconds, row_count from meta_steps order by step_no")


def data_quality(con: duckdb.DuckDBPyConnection, scope: Scope | None = None) -> pl.DataFrame:
    """Data-quality warnings found while validating the source (none under a scope: examples name any row)."""
    return _company_only(
        con,
        scope,
        """
        select severity, table_name, column_name, check_name, row_count, example_rows, message
        from meta_data_quality
        order by table_name, column_name, check_name
        """,
    )


def _company_only(con: duckdb.DuckDBPyConnection, scope: Scope | None, sql: str) -> pl.DataFrame:
    """The query's rows, or its columns without rows under a restricted scope."""
    rows = con.sql(sql).pl()
    return rows.clear() if scope is not None and scope.restricted else rows
