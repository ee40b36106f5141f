"""Sweep, don't sample: every page opened for every region, team and period kind of the small demo, and for every
account manager — every one of them on Funnel, elsewhere every one with no new lead in the period or no active
balance at its snapshot (the kind that crashed) — with zero exceptions.

One AppTest per page; each value is chosen in the filter bar as a user would and the page re-run. Officers with no
leads in the default period crashed the Funnel page (issue 9): they are in the sweep."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import periods
from pipelines.queries.dimensions import dimensions
from tests.conftest import REPO
from ui.filters import PERIOD_KINDS

EVERY_OFFICER = ("funnel",)
OTHER_PAGES = ("overview", "disbursement", "teams", "credit", "customers", "retrospective", "data")


@pytest.fixture(scope="module")
def values(demo_warehouse: Path) -> dict[str, list[str]]:
    """The small demo's regions, teams, account managers, and those with no new lead or no balance (default period)."""
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        d = dimensions(con)
        period = periods.last_complete("biweekly", d.as_of, d.biweekly_anchor_monday)
        empty = [
            r[0]
            for r in con.execute(
                """
                select o.officer_id from stg_officers as o
                where not exists (select 1 from fct_leads as l where l.officer_id = o.officer_id
                                  and l.created_date between $start and $end)
                   or not exists (select 1 from fct_loan_snapshots as s where s.officer_id = o.officer_id
                                  and s.status = 'active' and s.snapshot_date = (
                                      select max(snapshot_date) from dim_snapshot_dates where snapshot_date <= $end))
                order by 1
                """,
                {"start": period.start, "end": period.end},
            ).fetchall()
        ]
        return {
            "region": d.regions["region_id"].to_list(),
            "team": d.teams["team_id"].to_list(),
            "officer": d.officers["officer_id"].to_list(),
            "empty_officer": empty,
        }
    finally:
        con.close()


def sweep(page: str, warehouse: Path, choices: list[tuple[str, object]]) -> list[str]:
    """Open `page`, then for each (widget key, value) choose it alone in the filter bar and re-run; the failures."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    failures = [f"{page} (default): {e.value}" for e in at.exception]
    for key, value in choices:
        for other in ("f_region", "f_team", "f_officer"):
            if other != key and at.multiselect(key=other).value:
                at.multiselect(key=other).set_value([])
        widget = at.selectbox(key=key) if key == "f_kind" else at.multiselect(key=key)
        widget.set_value(value if key == "f_kind" else [value]).run()
        failures += [f"{page} {key}={value}: {e.value}" for e in at.exception]
    return failures


def choices_for(page: str, values: dict[str, list[str]]) -> list[tuple[str, object]]:
    officers = values["officer"] if page in EVERY_OFFICER else values["empty_officer"]
    return (
        [("f_kind", kind) for kind in PERIOD_KINDS]
        + [("f_kind", "biweekly")]
        + [("f_region", r) for r in values["region"]]
        + [("f_team", t) for t in values["team"]]
        + [("f_officer", o) for o in officers]
    )


@pytest.mark.parametrize("page", EVERY_OFFICER + OTHER_PAGES)
def test_every_page_opens_for_every_scope_and_period_kind(
    page: str, values, demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))
    assert values["empty_officer"], "the small demo should have account managers with an empty period"
    failures = sweep(page, demo_warehouse, choices_for(page, values))
    assert failures == []
