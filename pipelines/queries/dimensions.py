"""The choices the filter bar offers: organisation, product lines, channels, customer types, dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from pipelines.contract import CUSTOMER_TYPES, PRODUCT_LINES


@dataclass(frozen=True)
class Dimensions:
    as_of: date
    first_date: date  # the earliest lead or disbursement date in the warehouse
    biweekly_anchor_monday: date
    regions: pl.DataFrame  # region_id, region_name
    teams: pl.DataFrame  # team_id, team_name, team_type, region_id
    officers: pl.DataFrame  # officer_id, officer_name, team_id, region_id, leave_date
    channels: pl.DataFrame  # channel_id, channel_name, channel_type
    product_lines: tuple[str, ...]
    customer_types: tuple[str, ...]


def dimensions(con: duckdb.DuckDBPyConnection) -> Dimensions:
    """Everything the filter bar can offer, in display order."""
    as_of, anchor = con.sql(
        "select b.as_of, p.biweekly_anchor_monday from build_params b cross join cfg_params p"
    ).fetchall()[0]
    first_date = con.sql(
        """
        select least(
            (select min(cast(created_at as date)) from stg_leads),
            (select min(disbursed_date) from stg_loans)
        )
        """
    ).fetchall()[0][0]
    return Dimensions(
        as_of=as_of,
        first_date=first_date or as_of,
        biweekly_anchor_monday=anchor,
        regions=con.sql("select region_id, region_name from stg_regions order by region_name").pl(),
        teams=con.sql("select team_id, team_name, team_type, region_id from stg_teams order by team_name").pl(),
        officers=con.sql(
            """
            select o.officer_id, o.officer_name, o.team_id, t.region_id, o.leave_date
            from stg_officers o join stg_teams t using (team_id)
            order by o.officer_name
            """
        ).pl(),
        channels=con.sql("select channel_id, channel_name, channel_type from stg_channels order by channel_name").pl(),
        product_lines=PRODUCT_LINES,
        customer_types=CUSTOMER_TYPES,
    )
