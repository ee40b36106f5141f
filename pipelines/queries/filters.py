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


@dataclass(frozen=True)
class Scope:
    """What a signed-in user may see; empty tuples mean no restriction on that level."""

    region_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    officer_ids: tuple[str, ...] = ()


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


def dimension_clause(filters: Filters, alias: str = "") -> tuple[str, list]:
    """A SQL condition (never empty: 'true' when unfiltered) and its parameters for the dimension filters.

    Every fact and aggregate carries the columns named in DIMENSIONS, so the same clause
    serves all of them. The access scope is applied the same way, on top of the filters.
    """
    prefix = f"{alias}." if alias else ""
    conditions: list[str] = []
    params: list = []
    for attribute, column in DIMENSIONS:
        values = getattr(filters, attribute)
        if values:
            conditions.append(f"list_contains(?::VARCHAR[], {prefix}{column})")
            params.append(list(values))
    for attribute, column in (("region_ids", "region_id"), ("team_ids", "team_id"), ("officer_ids", "officer_id")):
        allowed = getattr(filters.scope, attribute)
        if allowed:
            conditions.append(f"list_contains(?::VARCHAR[], {prefix}{column})")
            params.append(list(allowed))
    return (" and ".join(conditions) or "true"), params
