"""`python -m pipelines build`: metadata, as-of date, atomic swap, readers during a build, failures changing nothing."""

from __future__ import annotations

import hashlib
import json
import os
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
    """Every file in the warehouse's folder (recursively), relative to it, but the builds' lock file."""
    return sorted(
        str(p.relative_to(db.parent)) for p in db.parent.rglob("*") if not p.is_dir() and p.name != "build.lock"
    )


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
    # The superseded build file stays for the grace period (readers that resolved the old link can open it).
    assert [f for f in files_beside(db) if f != "stop"] == sorted(
        [f".wh.duckdb.builds/{first}.duckdb", f".wh.duckdb.builds/{second}.duckdb", "wh.duckdb"]
    )


# Builds that cannot destroy (issue 9): one build at a time, debris removed, the previous build kept for a
# grace period, a memory limit that fails cleanly, readers that never see a missing file.


def _config(tmp_path: Path, keep_previous_seconds: float) -> Path:
    path = tmp_path / f"keep{keep_previous_seconds}.toml"
    path.write_text(f"[build]\nkeep_previous_seconds = {keep_previous_seconds}\n")
    return path


def _cli_build(source: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines", "build", "--source", str(source), "--db", str(db), "--quiet", *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _build_id(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select build_id from meta_build").fetchone()[0]


def test_concurrent_builds_take_turns_and_always_leave_a_warehouse(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "out" / "wh.duckdb"
    config = _config(tmp_path, 0)
    for _ in range(3):
        builds = [_cli_build(source, db, "--config", str(config)) for _ in range(3)]
        results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
        assert [code for code, _ in results] == [0, 0, 0], results
        # The link names a complete build; with no grace period only that one remains.
        assert db.resolve().exists()
        assert _build_id(db) == db.resolve().stem
        assert [f for f in files_beside(db)] == [
            str(db.resolve().relative_to(db.parent)),
            "wh.duckdb",
        ]


def test_a_second_build_waits_for_the_first_or_fails_at_once_with_no_wait(tmp_path: Path) -> None:
    from pipelines.build import build_lock

    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    build(source, db)
    first = db.resolve()
    with build_lock(db):
        refused = subprocess.run(
            [sys.executable, "-m", "pipelines", "build", "--source", str(source), "--db", str(db), "--no-wait"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        waiting = _cli_build(source, db)
        time.sleep(3)
        assert waiting.poll() is None, "the second build should wait while the lock is held"
        assert db.resolve() == first
    assert refused.returncode == 1
    assert f"another build of {db} is running (process {os.getpid()}); not waiting (--no-wait)" in refused.stderr
    assert db.resolve() == first
    assert waiting.wait(timeout=300) == 0
    assert "waiting for it to finish" in waiting.stderr.read()
    assert db.resolve() != first


def test_debris_of_killed_builds_is_removed_and_the_previous_build_kept_for_a_grace_period(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    first = build(source, db)
    builds = db.with_name(".wh.duckdb.builds")
    # What a build killed with -9 leaves behind: its unfinished file, its WAL, its spill folder, a half-made link.
    debris = [builds / "20200101T000000Z-dead0000.duckdb.building", builds / "x.duckdb.building.wal"]
    for path in debris:
        path.write_bytes(b"\0" * 1024)
    (builds / "20200101T000000Z-dead0000.tmp").mkdir()
    os.symlink("nowhere", db.with_name(".wh.duckdb.20200101T000000Z-dead0000.link"))
    second = build(source, db)
    # The previous build stays (default grace period 300 s) for readers that resolved the old link.
    assert [f for f in files_beside(db) if not f.startswith("src/")] == sorted(
        [f".wh.duckdb.builds/{first}.duckdb", f".wh.duckdb.builds/{second}.duckdb", "wh.duckdb"]
    )
    assert not any(p.exists() or p.is_symlink() for p in db.parent.glob(".wh.duckdb.*.link"))
    # Once the grace period is over (0 here), the next build removes it; never the one the link names.
    third = build(source, db, config_path=_config(tmp_path, 0))
    assert [f for f in files_beside(db) if f.startswith(".wh.duckdb.builds/") and f.endswith(".duckdb")] == [
        f".wh.duckdb.builds/{third}.duckdb"
    ]
    assert _build_id(db) == third


def test_a_build_over_its_memory_limit_fails_cleanly(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    build(source, db)
    before = digest(db)
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "build", "--source", str(source), "--db", str(db), "--memory-limit", "2MB"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "the build needed more memory than its limit (2MB)" in result.stderr
    assert "--memory-limit" in result.stderr and "was not changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(db) == before
    assert [f for f in files_beside(db) if not f.startswith("src/")] == [
        str(db.resolve().relative_to(tmp_path)),
        "wh.duckdb",
    ]


def test_memory_limit_and_threads_reach_the_build_and_are_recorded(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    build(source, db, memory_limit="1GB", threads=1)
    with duckdb.connect(str(db), read_only=True) as con:
        recorded = json.loads(con.execute("select config_json from meta_build").fetchone()[0])
    assert recorded["build"]["memory_limit"] == "1GB" and recorded["build"]["threads"] == 1
    with pytest.raises(BuildError, match="build.memory_limit"):
        build(source, db, memory_limit="lots")


RECONNECTING_READER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pipelines import warehouse
    db, stop = Path(sys.argv[1]), Path(sys.argv[2])
    answers = errors = 0
    while not stop.exists():
        try:
            con = warehouse.connect(db)
            con.execute("select count(*) from fct_loans").fetchall()
            con.close()
            answers += 1
        except Exception as exc:
            errors += 1
            print("error", type(exc).__name__, exc, flush=True)
    print("answers", answers, "errors", errors, flush=True)
    """
)


def test_readers_reconnecting_across_back_to_back_builds_never_fail(tmp_path: Path) -> None:
    source = write_tiny_source(tmp_path / "src")
    db = tmp_path / "wh.duckdb"
    config = _config(tmp_path, 0)  # no grace period: the harshest case for a reader
    build(source, db, config_path=config)
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", RECONNECTING_READER, str(db), str(stop)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for _ in range(5):
            build(source, db, config_path=config)
    finally:
        stop.touch()
        outputs = [r.communicate(timeout=60) for r in readers]
    for (out, err), reader in zip(outputs, readers, strict=True):
        assert reader.returncode == 0, err
        last = out.splitlines()[-1].split()
        assert int(last[1]) > 5 and last[3] == "0", out
