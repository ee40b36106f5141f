"""The retrospective under an access scope: the meeting's key, its notes and items, and the report command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import fastexcel
import pytest

from pipelines.__main__ import main
from pipelines.queries.dimensions import dimensions
from pipelines.queries.filters import Filters, Period, Scope
from pipelines.retro.report import ReportError, write_report
from pipelines.retro.store import COMPANY_SCOPE, RetroKey, RetroStore, scope_text
from tests.test_scope_queries import plain

P2 = date(2026, 11, 2)
PERIOD = Period(P2, date(2026, 11, 15))
R01 = Scope(region_ids=("R01",))


def test_a_scoped_users_meeting_is_never_the_companys() -> None:
    # Filtering nothing, inside or outside the scope: always the effective scope, never "all".
    assert scope_text(Filters(PERIOD, scope=R01)) == "region=R01"
    assert scope_text(Filters(PERIOD, region_ids=("R01",), scope=R01)) == "region=R01"
    assert scope_text(Filters(PERIOD, region_ids=("R02",), scope=R01)) == "region="
    assert scope_text(Filters(PERIOD, region_ids=("R01", "R02"), scope=R01)) == "region=R01"
    # Another level's filter narrows the region head's meeting; it never lifts the region.
    assert scope_text(Filters(PERIOD, team_ids=("T002",), scope=R01)) == "region=R01&team=T002"
    assert scope_text(Filters(PERIOD, product_lines=("credit",), scope=R01)) == "region=R01&line=credit"
    # A team lead of two teams; filtering on one of them, or on a team not theirs.
    lead = Scope(team_ids=("T001", "T008"))
    assert scope_text(Filters(PERIOD, scope=lead)) == "team=T001,T008"
    assert scope_text(Filters(PERIOD, team_ids=("T008",), scope=lead)) == "team=T008"
    assert scope_text(Filters(PERIOD, team_ids=("T002",), scope=lead)) == "team="
    for filters in (Filters(PERIOD, scope=R01), Filters(PERIOD, region_ids=("R02",), scope=R01)):
        assert scope_text(filters) != COMPANY_SCOPE


def test_notes_and_items_written_outside_the_scope_are_not_the_companys_or_another_regions(tmp_path: Path) -> None:
    store = RetroStore(tmp_path / "retro.sqlite")
    company, r02 = RetroKey(P2), RetroKey(P2, "region=R02")
    store.save_summary(company, "company notes", 0, author="Director")
    store.save_summary(r02, "R02 notes", 0, author="Head R02")
    store.add_item(r02, "R02's item", owner="Head R02")
    asking_for_r02 = RetroKey.for_filters(P2, Filters(PERIOD, region_ids=("R02",), scope=R01))
    asking_for_all = RetroKey.for_filters(P2, Filters(PERIOD, scope=R01))
    for key in (asking_for_r02, asking_for_all):
        assert store.summary(key).text == ""
        assert store.items(key) == []
        assert store.open_items_before(RetroKey(date(2026, 11, 16), key.scope)) == []


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


def _sheet_text(path: Path) -> str:
    reader = fastexcel.read_excel(path.read_bytes())
    return "\n".join(str(reader.load_sheet(name).to_polars().rows()) for name in reader.sheet_names)


def test_the_report_for_a_scope_holds_only_its_rows(
    con: duckdb.DuckDBPyConnection, demo_warehouse: Path, tmp_path: Path
) -> None:
    dims = dimensions(con)
    inside = set(dims.teams.filter(dims.teams["region_id"] == "R01")["team_id"]) | set(
        dims.officers.filter(dims.officers["region_id"] == "R01")["officer_id"]
    )
    outside_names = set(dims.teams.filter(dims.teams["region_id"] != "R01")["team_name"]) | set(
        dims.regions.filter(dims.regions["region_id"] != "R01")["region_name"]
    )
    store = tmp_path / "s.sqlite"
    RetroStore(store).add_item(RetroKey(P2), "a company item", owner="Director")
    RetroStore(store).add_item(RetroKey(P2, "region=R01"), "an R01 item", owner="Head R01")

    out = tmp_path / "r01.xlsx"
    args = ["report", "--period", "2026-11-02/2w", "--db", str(demo_warehouse), "--store", str(store)]
    assert main([*args, "--out", str(out), "--scope-region", "R01"]) == 0
    text = _sheet_text(out)
    assert "an R01 item" in text and "a company item" not in text
    assert not [name for name in outside_names if name in text]
    assert any(team in text for team in inside)

    # The same report as the function makes it, and as a region filter of R01 would (the figures).
    report = write_report(tmp_path / "r01b.xlsx", db=demo_warehouse, period_text="2026-11-02/2w", store_path=store,
                          scope=R01)  # fmt: skip
    filtered = write_report(tmp_path / "f.xlsx", db=demo_warehouse, period_text="2026-11-02/2w", store_path=store,
                            dimension_filters={"region_ids": ("R01",)})  # fmt: skip
    assert report.key.scope == "region=R01"
    assert plain(report.scoreboard) == plain(filtered.scoreboard)
    assert [f.subject_id for f in report.findings] == [f.subject_id for f in filtered.findings]


def test_a_report_asking_outside_its_scope_is_refused(demo_warehouse: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.html"
    args = ["report", "--out", str(out), "--db", str(demo_warehouse), "--store", str(tmp_path / "s.sqlite")]
    assert main([*args, "--scope-region", "R01", "--region", "R02"]) == 2
    assert "--region R02 is outside the report's scope (region R01)" in capsys.readouterr().err
    assert main([*args, "--scope-team", "T001", "--team", "T002"]) == 2
    assert "--team T002 is outside the report's scope (team T001)" in capsys.readouterr().err
    assert main([*args, "--scope-region", "R99"]) == 2
    assert "the scope names an unknown region R99" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(ReportError, match="outside the report's scope"):
        write_report(out, db=demo_warehouse, dimension_filters={"region_ids": ("R02",)}, scope=R01)


def test_the_report_for_a_user_is_their_scopes(demo_warehouse: Path, tmp_path: Path, capsys) -> None:
    from pipelines.users import Users

    store = tmp_path / "s.sqlite"
    users = Users(store)
    users.add("head", "region_head", "a long password 1", region_ids=("R01",))
    users.add("lead", "team_lead", "a long password 2", team_ids=("T001",))
    users.add("gone", "director", "a long password 3")
    users.disable("gone")
    RetroStore(store).add_item(RetroKey(P2), "a company item", owner="Director")
    RetroStore(store).add_item(RetroKey(P2, "region=R01"), "an R01 item", owner="Head R01")
    args = ["report", "--period", "2026-11-02/2w", "--db", str(demo_warehouse), "--store", str(store)]
    # A region head's report is the report for their scope, and holds their meeting's items only.
    assert main([*args, "--out", str(tmp_path / "user.xlsx"), "--user", "head"]) == 0
    assert main([*args, "--out", str(tmp_path / "scope.xlsx"), "--scope-region", "R01"]) == 0
    assert _sheet_text(tmp_path / "user.xlsx") == _sheet_text(tmp_path / "scope.xlsx")
    assert "an R01 item" in _sheet_text(tmp_path / "user.xlsx")
    # Sign-in is on (users exist): the report written from the command line is an audited export.
    log = users.audit_log()
    exports = log.filter(log["event"] == "export").rows(named=True)
    assert exports[-1]["user_name"] == "head" and exports[-1]["what"] == "report user.xlsx"
    assert exports[-1]["filters"] == "period 2026-11-02/2w; scope region=R01"
    assert "a company item" not in _sheet_text(tmp_path / "user.xlsx")
    # A team lead cannot ask for another team; unknown and disabled users get nothing.
    assert main([*args, "--out", str(tmp_path / "t.html"), "--user", "lead", "--team", "T002"]) == 2
    assert "outside the report's scope (team T001)" in capsys.readouterr().err
    for name in ("nobody", "gone"):
        assert main([*args, "--out", str(tmp_path / "x.html"), "--user", name]) == 2
        assert f"no active user {name!r}" in capsys.readouterr().err
    assert not (tmp_path / "t.html").exists() and not (tmp_path / "x.html").exists()
