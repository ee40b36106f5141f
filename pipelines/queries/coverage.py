"""How much of a period the data covers, so that a change is only shown between two periods that both have data.

Each figure belongs to a family that starts on its own first day: lead and funnel figures on the first
lead's creation day, disbursement figures (amounts, targets, tickets, cycle, repeat loans) on the first
loan's disbursement day, credit figures (balances, overdue, PAR, NPL) on the first snapshot. A period
that starts before its family's first day is only partly covered: comparing it would compare real
days with empty ones (a year with six weeks of data against a full year). A change is shown only when
both periods are fully covered; otherwise the page says how many days the comparison covers, or that
there is no comparable data. Credit figures are measured at a snapshot, not over days: a period is
covered when a snapshot exists on or before its last day, and not at all otherwise.

The first days are warehouse-wide (not per filter): a team that started later has real zeros before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from pipelines.queries.filters import Filters, Period

FAMILIES = ("leads", "loans", "snapshots")

METRIC_FAMILY: dict[str, str] = {
    # leads: counted over leads created or lead events in the period
    "new_leads": "leads",
    "lead_to_disbursed_conversion": "leads",
    "applications": "leads",
    "approvals": "leads",
    "rejections": "leads",
    "approval_rate": "leads",
    # loans: counted over loans disbursed in the period
    "disbursed_amount": "loans",
    "disbursed_count": "loans",
    "average_ticket": "loans",
    "attainment": "loans",
    "stretch_attainment": "loans",
    "conversion_cycle": "loans",
    "repeat_loan_rate": "loans",
    "writeoffs": "loans",
    # snapshots: measured at the latest snapshot on or before the period's last day
    "outstanding_balance": "snapshots",
    "active_loans": "snapshots",
    "overdue_rate": "snapshots",
    "par30": "snapshots",
    "par90": "snapshots",
    "npl_ratio": "snapshots",
    "early_dpd30": "snapshots",
}
"""The family of each figure shown with a change (its metric key, as in the query modules' DEFINITIONS)."""


@dataclass(frozen=True)
class DataStarts:
    """The first day of each family of figures (None when the warehouse holds none)."""

    leads: date | None
    loans: date | None
    snapshots: date | None

    def of(self, family: str) -> date | None:
        return getattr(self, family)


@dataclass(frozen=True)
class Coverage:
    """How many of a period's days the data covers."""

    covered_days: int
    total_days: int

    @property
    def complete(self) -> bool:
        return self.covered_days == self.total_days

    @property
    def empty(self) -> bool:
        return self.covered_days == 0


@dataclass(frozen=True)
class ChangeCoverage:
    """The coverage of a period and of its comparison period, for one family of figures."""

    period: Coverage
    comparison: Coverage

    @property
    def comparable(self) -> bool:
        """Both periods fully covered: a change can be shown."""
        return self.period.complete and self.comparison.complete


def data_starts(con: duckdb.DuckDBPyConnection) -> DataStarts:
    """The first lead day, first disbursement day and first snapshot day in the warehouse."""
    leads, loans, snapshots = con.sql(
        """
        select
            (select min(cast(created_at as date)) from stg_leads),
            (select min(disbursed_date) from stg_loans),
            (select min(snapshot_date) from fct_loan_snapshots)
        """
    ).fetchall()[0]
    return DataStarts(leads=leads, loans=loans, snapshots=snapshots)


def coverage(period: Period, first_day: date | None, *, at_snapshot: bool = False) -> Coverage:
    """The days of `period` on or after `first_day` (all or none for a figure measured at a snapshot)."""
    if first_day is None or first_day > period.end:
        return Coverage(0, period.days)
    if at_snapshot:
        return Coverage(period.days, period.days)
    return Coverage((period.end - max(period.start, first_day)).days + 1, period.days)


def change_coverage(filters: Filters, starts: DataStarts, metric: str) -> ChangeCoverage | None:
    """The coverage of the filters' period and comparison period for `metric`; None without a comparison
    or for a figure of no family."""
    family = METRIC_FAMILY.get(metric)
    if filters.comparison is None or family is None:
        return None
    first = starts.of(family)
    at_snapshot = family == "snapshots"
    return ChangeCoverage(
        period=coverage(filters.period, first, at_snapshot=at_snapshot),
        comparison=coverage(filters.comparison, first, at_snapshot=at_snapshot),
    )


__all__ = [
    "FAMILIES",
    "METRIC_FAMILY",
    "ChangeCoverage",
    "Coverage",
    "DataStarts",
    "change_coverage",
    "coverage",
    "data_starts",
]
