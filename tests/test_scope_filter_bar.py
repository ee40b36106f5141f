"""The filter bar under a region head's access scope (Streamlit's AppTest): it offers only the scope, and a link
naming another region, team or account manager shows the user's own scope with a notice, never other data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.queries.dimensions import dimensions


def _bar_with_region_head_scope() -> None:
    import streamlit as st

    from pipelines.queries.filters import Scope
    from ui.filters import filter_bar

    ctx = filter_bar("en", scope=Scope(region_ids=("R01",)))
    st.session_state["_test_filters"] = ctx.filters
    st.session_state["_test_teams"] = list(ctx.dims.teams["team_id"])


@pytest.fixture
def open_bar(demo_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("LOAN_DASHBOARD_DB", str(demo_warehouse))

    def run(**params: str) -> AppTest:
        at = AppTest.from_function(_bar_with_region_head_scope, default_timeout=60)
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return run


@pytest.fixture(scope="module")
def org(demo_warehouse: Path) -> dict[str, str]:
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        dims = dimensions(con)
    finally:
        con.close()
    return {
        "r01_team": dims.teams.filter(pl.col("region_id") == "R01")["team_id"][0],
        "r02_team": dims.teams.filter(pl.col("region_id") == "R02")["team_id"][0],
        "r02_officer": dims.officers.filter(pl.col("region_id") == "R02")["officer_id"][0],
    }


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_the_bar_offers_only_the_scope_and_carries_it(open_bar, org) -> None:
    at = open_bar()
    filters = at.session_state["_test_filters"]
    assert filters.scope.region_ids == ("R01",) and filters.region_ids == ()
    region_box = next(m for m in at.sidebar.multiselect if m.key == "f_region")
    assert region_box.options == ["East China"]
    assert org["r02_team"] not in at.session_state["_test_teams"]
    assert notices(at) == []


@pytest.mark.parametrize(
    ("param", "key"), [("region", None), ("team", "r02_team"), ("officer", "r02_officer")], ids=str
)
def test_a_link_outside_the_scope_shows_the_users_own_scope_with_a_notice(open_bar, org, param, key) -> None:
    value = "R02" if key is None else org[key]
    at = open_bar(**{param: value})
    filters = at.session_state["_test_filters"]
    assert (filters.region_ids, filters.team_ids, filters.officer_ids) == ((), (), ())
    assert filters.scope.region_ids == ("R01",)
    (notice,) = notices(at)
    assert "outside what you may see" in notice and value in notice and "East China" in notice
    assert param not in at.query_params


def test_a_link_inside_the_scope_is_kept(open_bar, org) -> None:
    at = open_bar(team=org["r01_team"])
    assert at.session_state["_test_filters"].team_ids == (org["r01_team"],)
    assert notices(at) == []


def test_an_unknown_id_is_still_reported_as_unknown(open_bar) -> None:
    at = open_bar(region="R99")
    (notice,) = notices(at)
    assert "not a known value" in notice


def test_downloads_name_the_access_scope_in_their_filter_rows(open_bar, demo_warehouse: Path) -> None:
    from ui.filters import FilterContext, describe

    at = open_bar()
    filters = at.session_state["_test_filters"]
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        dims = dimensions(con, filters.scope)
    finally:
        con.close()
    rows = dict(describe(FilterContext(filters=filters, kind="biweekly", lang="en", dims=dims)))
    assert rows["Access scope"] == "Region: East China"


def test_cached_results_are_keyed_on_the_scope_too() -> None:
    """ui.db.query caches on the plain arguments; two users' scopes must never share an entry."""
    import hashlib
    from datetime import date

    from streamlit.runtime.caching.cache_type import CacheType
    from streamlit.runtime.caching.hashing import update_hash

    from pipelines.queries.filters import Filters, Period, Scope

    def key(filters: Filters) -> str:
        digest = hashlib.new("md5")
        update_hash((filters,), digest, CacheType.DATA)
        return digest.hexdigest()

    period = Period(date(2026, 11, 2), date(2026, 11, 15))
    keys = {
        key(Filters(period)),
        key(Filters(period, scope=Scope(region_ids=("R01",)))),
        key(Filters(period, scope=Scope(region_ids=("R02",)))),
        key(Filters(period, scope=Scope(team_ids=("T001",)))),
    }
    assert len(keys) == 4
