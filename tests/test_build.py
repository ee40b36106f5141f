"""`python -m pipelines build`: metadata, as-of date, atomic swap, readers during a build, failures changing nothing."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from pipelines import runner
from pipelines.build import BuildError, build
from pipelines.config import load_config
from pipelines.contract import DUCKDB_TYPES, TABLES
from tests.conftest import REPO
from tests.tiny_source import write_tiny_source


def digest(path: Path) -> str:
    """The warehouse's content and which build file it points to."""
    return hashlib.sha256(path.read_bytes()).hexdigest() + str(path.resolve())


def files_beside(db: Path) -> list[str]:
    """Every file in the warehouse's folder (recursively), relative to it."""
    return sorted(str(p.relative_to(db.parent)) for p in db.parent.rglob("*") if not p.is_dir())


def test_build_records_its_metadata(demo_source: Path, demo_warehouse: Path) -> None:
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    build_id, source, fmt, as_of, config_json = con.execute(
        "select build_id, source, source_format, as_of, config_json from meta_build"
    ).fetchone()
    assert build_id and source == str(demo_source.resolve()) and fmt == "csv"
    # As-of defaults to the latest date among lead events, loans and payments (SPEC §3),
    # computed here straight from the CSV files.
    raw = duckdb.connect()
    latest = raw.execute(
        f"""
        select max(d) from (
            select max(cast(occurred_at as date)) d from read_csv('{demo_source}/lead_events.csv')
            union all select max(disbursed_date) from read_csv('{demo_source}/loans.csv')
            union all select max(paid_date) from read_csv('{demo_source}/payments.csv'))
        """
    ).fetchone()[0]
    assert as_of == latest
    assert json.loads(config_json) == load_config().raw

    counts = dict(con.execute("select table_name, row_count from meta_row_counts").fetchall())
    for table in TABLES:
        lines = sum(1 for _ in (demo_source / f"{table}.csv").open()) - 1  # minus the header
        assert counts[f"source: {table}"] == lines
        assert counts[f"stg_{table}"] == lines

    steps = [r[0] for r in con.execute("select step from meta_steps order by step_no").fetchall()]
    assert steps[0] == "validate and load source"
    assert set(steps[1:]) == {m.name for m in runner.discover()}
    # No raw tables or temporary files are left behind: the warehouse is a link to its one build file.
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert not {t for t in tables if t.startswith("raw_")}
    assert files_beside(demo_warehouse) == [f".{demo_warehouse.name}.builds/{build_id}.duckdb", demo_warehouse.name]
    assert demo_warehouse.resolve() == demo_warehouse.parent / f".{demo_warehouse.name}.builds/{build_id}.duckdb"


def test_staging_tables_have_the_contract_types(demo_warehouse: Path) -> None:
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    for table in TABLES.values():
        columns = con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = ? order by column_index",
            [f"stg_{table.name}"],
        ).fetchall()
        assert columns == [(c.name, DUCKDB_TYPES[c.type]) for c in table.columns], table.name


def test_as_of_can_be_given(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    build(source, db, as_of=date(2030, 1, 31))
    assert duckdb.connect(str(db), read_only=True).execute("select as_of from meta_build").fetchone()[0] == date(
        2030, 1, 31
    )


def test_cli_build_prints_model_timings_and_exits_zero(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "out" / "wh.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "build", "--source", str(source), "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "stg_lead_events" in result.stderr and " s\n" in result.stderr
    assert db.exists()


def test_a_bad_config_stops_the_build_and_changes_nothing(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    build(source, db)
    before = digest(db)
    bad = tmp_path / "bad.toml"
    bad.write_text("[funnel]\nconversion_window_days = -3\n")
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "build", "--source", str(source), "--db", str(db), "--config", str(bad)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "funnel.conversion_window_days" in result.stderr and "at least 1" in result.stderr
    assert digest(db) == before
    assert [f for f in files_beside(db) if not f.startswith(("src/", "bad.toml"))] == [
        str(db.resolve().relative_to(tmp_path)),
        "wh.duckdb",
    ]


def test_a_failing_model_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    build(source, db)
    before = digest(db)
    broken = tmp_path / "sql" / "facts"
    broken.mkdir(parents=True)
    (broken / "fct_broken.sql").write_text("select no_such_column from stg_leads")
    models = runner.discover() + runner.discover(tmp_path / "sql")
    # Fault injection: the real models plus one that fails half-way through the build.
    monkeypatch.setattr(runner, "discover", lambda: models)
    with pytest.raises(BuildError, match="fct_broken"):
        build(source, db)
    assert digest(db) == before
    assert [f for f in files_beside(db) if not f.startswith(("src/", "sql/"))] == [
        str(db.resolve().relative_to(tmp_path)),
        "wh.duckdb",
    ]


READER = textwrap.dedent(
    """
    import sys, time, duckdb
    from pathlib import Path
    db, stop = sys.argv[1], Path(sys.argv[2])
    con = duckdb.connect(db, read_only=True)
    answers = 0
    while True:
        done = stop.exists()
        build_id, leads = con.execute(
            "select (select build_id from meta_build), (select count(*) from stg_leads)"
        ).fetchone()
        answers += 1
        print(build_id, leads, flush=True)
        if done:
            break
        time.sleep(0.02)
    print("answers", answers, flush=True)
    """
)


def test_a_reader_keeps_answering_during_and_after_a_build(demo_source: Path, tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    first = build(demo_source, db)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        time.sleep(0.5)
        second = build(demo_source, db, as_of=date(2026, 11, 20) - timedelta(days=1))
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    lines = out.splitlines()
    answers = int(lines[-1].split()[1])
    assert answers > 5, "the reader should have answered many times while the build ran"
    # Every answer, including the one after the swap, came from the build the reader opened.
    assert {line.split()[0] for line in lines[:-1]} == {first}
    # A new connection, even from a process that still has the old build open, sees the new build.
    assert duckdb.connect(str(db), read_only=True).execute("select build_id from meta_build").fetchone()[0] == second
    assert second != first
    # The superseded build file is gone; only the new one remains beside the link.
    assert [f for f in files_beside(db) if f != "stop"] == [f".wh.duckdb.builds/{second}.duckdb", "wh.duckdb"]
