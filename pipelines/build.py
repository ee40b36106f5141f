"""`python -m pipelines build`: validate, load, build every model, then swap the warehouse in.

Each build is written to a file of its own, `.<name>.builds/<build id>.duckdb`
beside the warehouse path, and the warehouse path itself (`data/warehouse.duckdb`)
is a symbolic link that is atomically replaced (`os.replace`) once the new file
is complete. A reader that has the old file open keeps its open file and keeps
answering; the next connection opened sees the new build. One file per build
matters because DuckDB shares one database instance per resolved file path
within a process: a running app reconnecting to a reused path would be handed
the old instance. A failed build leaves the link and the file it points to
exactly as they were, and removes its own file.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pipelines import runner
from pipelines.config import CONFIG_TABLE_COLUMNS, Config, ConfigError, load_config
from pipelines.contract import TABLES
from pipelines.validate import check_source


class BuildError(RuntimeError):
    """The build stopped; the message says why (a validation report, a bad config, a failed model)."""


def _log(progress: bool, text: str) -> None:
    if progress:
        print(text, file=sys.stderr, flush=True)


def source_format(source: Path) -> str:
    """'xlsx', 'csv', 'parquet' or 'mixed', as the source is laid out."""
    if source.is_file():
        return source.suffix.lstrip(".").lower()
    kinds = {p.suffix.lstrip(".") for p in source.iterdir() if p.stem in TABLES and p.suffix in (".csv", ".parquet")}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def resolve_as_of(con: duckdb.DuckDBPyConnection, as_of: date | None) -> date:
    """The given as-of date, else the latest date found in lead events, loans and payments (SPEC §3)."""
    if as_of is not None:
        return as_of
    latest = con.execute(
        """
        select max(d) from (
            select max(cast(occurred_at as date)) as d from raw_lead_events
            union all select max(disbursed_date) from raw_loans
            union all select max(paid_date) from raw_payments
        )
        """
    ).fetchone()[0]
    if latest is None:
        raise BuildError("cannot infer the as-of date: lead_events, loans and payments are all empty; pass --as-of")
    return latest


def _write_config_tables(con: duckdb.DuckDBPyConnection, config: Config, as_of: date, build_id: str) -> None:
    for name, rows in config.tables().items():
        con.execute(f"create table {name} ({CONFIG_TABLE_COLUMNS[name]})")
        placeholders = ", ".join("?" for _ in rows[0])
        con.executemany(f"insert into {name} values ({placeholders})", rows)
    con.execute("create table build_params (build_id VARCHAR, as_of DATE)")
    con.execute("insert into build_params values (?, ?)", [build_id, as_of])


def _write_metadata(
    con: duckdb.DuckDBPyConnection,
    *,
    build_id: str,
    source: Path,
    as_of: date,
    config: Config,
    started_at: datetime,
    steps: list[tuple[str, float, int]],
    quality_rows: list[dict],
    raw_counts: dict[str, int],
) -> None:
    con.execute(
        """
        create table meta_build (
            build_id VARCHAR, source VARCHAR, source_format VARCHAR, as_of DATE,
            built_at TIMESTAMP, duration_seconds DOUBLE, config_source VARCHAR, config_json VARCHAR,
            duckdb_version VARCHAR
        )
        """
    )
    con.execute(
        "insert into meta_build values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            build_id,
            str(source.resolve()),
            source_format(source),
            as_of,
            started_at.replace(tzinfo=None),
            sum(s[1] for s in steps),
            config.source,
            config.to_json(),
            duckdb.__version__,
        ],
    )
    con.execute("create table meta_steps (step_no INTEGER, step VARCHAR, seconds DOUBLE, row_count BIGINT)")
    con.executemany("insert into meta_steps values (?, ?, ?, ?)", [(i, *s) for i, s in enumerate(steps, 1)])
    con.execute(
        """
        create table meta_data_quality (
            severity VARCHAR, table_name VARCHAR, column_name VARCHAR, check_name VARCHAR,
            row_count BIGINT, example_rows VARCHAR, message VARCHAR
        )
        """
    )
    if quality_rows:
        con.executemany(
            "insert into meta_data_quality values (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r["severity"],
                    r["table_name"],
                    r["column_name"],
                    r["check_name"],
                    r["row_count"],
                    str(r["example_rows"]),
                    r["message"],
                )
                for r in quality_rows
            ],
        )
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() order by table_name"
        ).fetchall()
    ]
    con.execute("create table meta_row_counts (table_name VARCHAR, layer VARCHAR, row_count BIGINT)")
    rows = [(f"source: {name}", "source", count) for name, count in raw_counts.items()]
    for name in tables:
        if name.startswith("meta_"):
            continue
        layer = next(
            (layer for prefix, layer in _LAYER_PREFIXES if name.startswith(prefix)),
            "other",
        )
        rows.append((name, layer, con.execute(f'select count(*) from "{name}"').fetchone()[0]))
    con.executemany("insert into meta_row_counts values (?, ?, ?)", rows)


_LAYER_PREFIXES = (
    ("stg_", "staging"),
    ("fct_", "fact"),
    ("agg_", "aggregate"),
    ("dim_", "dimension"),
    ("cfg_", "configuration"),
    ("build_", "configuration"),
)


def _remove_old_builds(builds_dir: Path, keep: Path) -> None:
    """Delete superseded build files; processes that still have one open keep reading it until they close it."""
    for old in builds_dir.glob("*.duckdb"):
        if old != keep:
            old.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def build(
    source: Path,
    db_path: Path,
    as_of: date | None = None,
    config_path: Path | None = None,
    progress: bool = False,
) -> str:
    """Build a new warehouse from `source` and atomically make it `db_path`; returns the build id."""
    source = Path(source)
    db_path = Path(db_path)
    if not source.exists():
        raise BuildError(f"error: source {source} does not exist")
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        raise BuildError(f"error: bad configuration: {exc}") from None

    started_at = datetime.now(UTC)
    build_id = started_at.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    builds_dir = db_path.with_name(f".{db_path.name}.builds")
    builds_dir.mkdir(exist_ok=True)
    build_file = builds_dir / f"{build_id}.duckdb"
    tmp_path = build_file.with_name(build_file.name + ".building")
    link_tmp = db_path.with_name(f".{db_path.name}.{build_id}.link")
    steps: list[tuple[str, float, int]] = []
    con = duckdb.connect(str(tmp_path))
    try:
        _log(progress, f"build {build_id}: validating {source}")
        t0 = time.perf_counter()
        report = check_source(source, con, progress=progress)
        steps.append(("validate and load source", time.perf_counter() - t0, 0))
        if not report.ok:
            raise BuildError(report.format() + f"\nThe build stopped; the warehouse {db_path} was not changed.")
        if report.warnings:
            _log(progress, report.format())
        raw_counts = {name: con.execute(f'select count(*) from "raw_{name}"').fetchone()[0] for name in TABLES}
        as_of = resolve_as_of(con, as_of)
        _log(progress, f"as-of date {as_of}")
        _write_config_tables(con, config, as_of, build_id)

        def on_step(step: runner.StepResult) -> None:
            steps.append((step.name, step.seconds, step.rows))
            _log(progress, f"  {step.name:<32} {step.rows:>12,} rows {step.seconds:8.2f} s")

        try:
            runner.run(con, on_step=on_step)
        except runner.ModelError as exc:
            raise BuildError(f"error: {exc}\nThe build stopped; the warehouse {db_path} was not changed.") from None
        for name in TABLES:
            con.execute(f'drop table "raw_{name}"')
        _write_metadata(
            con,
            build_id=build_id,
            source=source,
            as_of=as_of,
            config=config,
            started_at=started_at,
            steps=steps,
            quality_rows=report.to_rows(),
            raw_counts=raw_counts,
        )
        con.execute("checkpoint")
        con.close()
        os.replace(tmp_path, build_file)
        os.symlink(build_file.relative_to(db_path.parent), link_tmp)
        os.replace(link_tmp, db_path)
        _fsync_dir(db_path.parent)
    except BaseException:
        con.close()
        for leftover in (tmp_path, tmp_path.with_name(tmp_path.name + ".wal"), link_tmp):
            leftover.unlink(missing_ok=True)
        raise
    _remove_old_builds(builds_dir, keep=build_file)
    total = sum(s[1] for s in steps)
    _log(progress, f"build {build_id} done in {total:.1f} s: {db_path}")
    return build_id
