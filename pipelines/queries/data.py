"""What the Data page shows: the build's metadata, row counts and data-quality warnings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import polars as pl


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


def row_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Rows per table: the source tables as loaded, then every table the build made."""
    return con.sql(
        """
        select table_name, layer, row_count
        from meta_row_counts
        order by case layer when 'source' then 0 when 'staging' then 1 when 'fact' then 2
                 when 'aggregate' then 3 else 4 end, table_name
        """
    ).pl()


def build_steps(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The build's steps with their durations, in the order they ran."""
    return con.sql("select step, seconds, row_count from meta_steps order by step_no").pl()


def data_quality(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Data-quality warnings found while validating the source."""
    return con.sql(
        """
        select severity, table_name, column_name, check_name, row_count, example_rows, message
        from meta_data_quality
        order by table_name, column_name, check_name
        """
    ).pl()
