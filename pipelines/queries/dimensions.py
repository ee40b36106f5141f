"""The choices the filter bar offers: organisation, product lines, channels, customer types, dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from pipelines.contract import CUSTOMER_TYPES, PRODUCT_LINES
from pipelines.queries.filters import Scope, scope_clause


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

    def ids(self) -> dict[str, set[str]]:
        """The ids each filter may name, by its URL parameter (region, team, officer, line, channel, ctype)."""
        return {
            "region": set(self.regions["region_id"]),
            "team": set(self.teams["team_id"]),
            "officer": set(self.officers["officer_id"]),
            "line": set(self.product_lines),
            "channel": set(self.channels["channel_id"]),
            "ctype": set(self.customer_types),
        }


def dimensions(con: duckdb.DuckDBPyConnection, scope: Scope | None = None) -> Dimensions:
    """Everything the filter bar can offer, in display order; under an access scope, only what it allows.

    The organisation is cut to the scope: the account managers inside it, the teams it names (or holding its
    account managers) within its regions, and the regions it names (or holding its teams). Dates, product
    lines, channels and customer types are not organisation and stay whole; their figures are still cut to
    the scope wherever they are read.
    """
    scope = scope or Scope()
    teams_sql, teams_params = _scoped_teams(scope)
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
        regions=_scoped_regions(con, scope, teams_sql, teams_params),
        teams=con.sql(
            f"select team_id, team_name, team_type, region_id from ({teams_sql}) order by team_name",
            params=teams_params or None,
        ).pl(),
        officers=_scoped_officers(con, scope),
        channels=con.sql("select channel_id, channel_name, channel_type from stg_channels order by channel_name").pl(),
        product_lines=PRODUCT_LINES,
        customer_types=CUSTOMER_TYPES,
    )


def _scoped_teams(scope: Scope) -> tuple[str, list]:
    """The teams inside the scope, as a parameterised select over stg_teams."""
    where, params = scope_clause(scope, columns={"region_ids": "region_id", "team_ids": "team_id", "officer_ids": None})
    if scope.officer_ids:
        # An account manager's scope holds their own team.
        where += " and team_id in (select team_id from stg_officers where list_contains(?::VARCHAR[], officer_id))"
        params = [*params, list(scope.officer_ids)]
    return f"select * from stg_teams where {where}", params


def _scoped_regions(con: duckdb.DuckDBPyConnection, scope: Scope, teams_sql: str, teams_params: list) -> pl.DataFrame:
    """The regions the scope names, or (for a team lead's or account manager's scope) holding its teams."""
    where, params = scope_clause(scope, columns={"region_ids": "region_id", "team_ids": None, "officer_ids": None})
    if scope.team_ids or scope.officer_ids:
        where += f" and region_id in (select region_id from ({teams_sql}))"
        params = [*params, *teams_params]
    return con.sql(
        f"select region_id, region_name from stg_regions where {where} order by region_name", params=params or None
    ).pl()


def _scoped_officers(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    where, params = scope_clause(
        scope, columns={"region_ids": "t.region_id", "team_ids": "o.team_id", "officer_ids": "o.officer_id"}
    )
    return con.sql(
        f"""
        select o.officer_id, o.officer_name, o.team_id, t.region_id, o.leave_date
        from stg_officers o join stg_teams t using (team_id)
        where {where}
        order by o.officer_name
        """,
        params=params or None,
    ).pl()
