"""The filter state every query function takes: a period, a comparison period and dimension filters."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

# The dimension filters, as (Filters attribute, column name in every fact and aggregate).
DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("region_ids", "region_id"),
    ("team_ids", "team_id"),
    ("officer_ids", "officer_id"),
    ("product_lines", "product_line"),
    ("channel_ids", "channel_id"),
    ("customer_types", "customer_type"),
)


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end]."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of equal length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def last_year(self) -> Period:
        """The same dates one year earlier (29 February becomes 28 February)."""
        return Period(_minus_year(self.start), _minus_year(self.end))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# The access scope's levels, as (Scope attribute, column name in every fact and aggregate).
SCOPE_LEVELS: tuple[tuple[str, str], ...] = (
    ("region_ids", "region_id"),
    ("team_ids", "team_id"),
    ("officer_ids", "officer_id"),
)


@dataclass(frozen=True)
class Scope:
    """What a signed-in user may see; empty tuples mean no restriction on that level.

    Levels given together intersect (a row must be in every restricted level), like filters.
    """

    region_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    officer_ids: tuple[str, ...] = ()

    @property
    def restricted(self) -> bool:
        """True when the scope hides something (a region head, a team lead), False for everything."""
        return bool(self.region_ids or self.team_ids or self.officer_ids)


@dataclass(frozen=True)
class Filters:
    """A page's filter state. Empty tuples mean "all"."""

    period: Period
    comparison: Period | None = None
    region_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    officer_ids: tuple[str, ...] = ()
    product_lines: tuple[str, ...] = ()
    channel_ids: tuple[str, ...] = ()
    customer_types: tuple[str, ...] = ()
    scope: Scope = field(default_factory=Scope)

    def for_period(self, period: Period) -> Filters:
        """The same dimension filters over another period (e.g. the comparison period)."""
        return replace(self, period=period, comparison=None)


def dimension_clause(filters: Filters, alias: str = "", columns: dict[str, str] | None = None) -> tuple[str, list]:
    """A SQL condition (never empty: 'true' when unfiltered) and its parameters for the dimension filters.

    Every fact and aggregate carries the columns named in DIMENSIONS, so the same clause
    serves all of them. The access scope is applied the same way, on top of the filters.
    `columns` renames a column where a table keeps the dimension under another name
    (fct_customer_rfm: {"region_id": "officer_region_id"}), for the filters and the scope alike.
    """
    prefix = f"{alias}." if alias else ""
    renamed = columns or {}
    conditions: list[str] = []
    params: list = []
    for attribute, column in DIMENSIONS:
        values = getattr(filters, attribute)
        if values:
            conditions.append(f"list_contains(?::VARCHAR[], {prefix}{renamed.get(column, column)})")
            params.append(list(values))
    scope_columns = {a: f"{prefix}{renamed[c]}" for a, c in SCOPE_LEVELS if c in renamed}
    scope_sql, scope_params = scope_clause(filters.scope, alias, scope_columns)
    if scope_params:
        conditions.append(scope_sql)
        params.extend(scope_params)
    return (" and ".join(conditions) or "true"), params


def scope_clause(scope: Scope, alias: str = "", columns: dict[str, str] | None = None) -> tuple[str, list]:
    """A SQL condition ('true' for no restriction) and its parameters keeping only rows inside the access scope.

    `columns` names the column of a level where it is not the usual one (e.g. {"region_ids": "t.region_id"});
    a level mapped to None is not checked here (the caller restricts it another way).
    """
    prefix = f"{alias}." if alias else ""
    conditions: list[str] = []
    params: list = []
    for attribute, column in SCOPE_LEVELS:
        allowed = getattr(scope, attribute)
        if not allowed:
            continue
        expression = (columns or {}).get(attribute, f"{prefix}{column}")
        if expression is None:
            continue
        conditions.append(f"list_contains(?::VARCHAR[], {expression})")
        params.append(list(allowed))
    return (" and ".join(conditions) or "true"), params
