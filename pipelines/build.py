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

One build at a time per warehouse: a build holds an OS lock on `.<name>.builds/build.lock`
from before it writes anything until it has cleaned up; a second build waits for it (or,
with `wait=False`, fails at once). Holding the lock, a build knows that any `.building`
file, spill folder or link left in the folder is debris of a build whose process is gone,
and removes it. Superseded build files are kept for a grace period (configuration
`build.keep_previous_seconds`) so that a reader that resolved the old link a moment ago can
still open what it resolved; the file the link points to is never removed.

The build's DuckDB connection runs under the configured memory limit and thread count
(`[build]` in the configuration, `--memory-limit`, `--threads`) and spills to a folder of
its own inside the builds folder.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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


LOCK_NAME = "build.lock"


def builds_dir_of(db_path: Path) -> Path:
    """The folder holding the build files of the warehouse at `db_path`."""
    return db_path.with_name(f".{db_path.name}.builds")


def _lock_holder(lock_file: Path) -> str:
    try:
        text = lock_file.read_text().strip()
    except OSError:
        text = ""
    return f" (process {text})" if text else ""


@contextmanager
def build_lock(db_path: Path, wait: bool = True, progress: bool = False) -> Iterator[None]:
    """Hold the warehouse's build lock; wait for another build to finish, or fail at once when `wait` is False.

    An OS lock (flock) is released by the kernel when its process dies, so a killed build never
    leaves the warehouse locked.
    """
    builds_dir = builds_dir_of(db_path)
    builds_dir.mkdir(parents=True, exist_ok=True)
    lock_file = builds_dir / LOCK_NAME
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            holder = _lock_holder(lock_file)
            if not wait:
                raise BuildError(
                    f"error: another build of {db_path} is running{holder}; not waiting (--no-wait). "
                    "The warehouse was not changed."
                ) from None
            print(f"another build of {db_path} is running{holder}; waiting for it to finish…", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def clean_builds(db_path: Path, keep_previous_seconds: float, now: float | None = None) -> list[Path]:
    """Remove debris and superseded builds of the warehouse at `db_path`; call only while holding the build lock.

    Removed: unfinished build files (`.building`, their `.wal`), spill folders and half-made links
    (their build's process is gone, since this process holds the lock), and build files superseded
    more than `keep_previous_seconds` ago. A build file counts as superseded when the next build
    finished (that file's modification time). The file the link points to is never removed.
    Returns what was removed.
    """
    builds_dir = builds_dir_of(db_path)
    if not builds_dir.is_dir():
        return []
    now = time.time() if now is None else now
    removed: list[Path] = []
    debris = [p for p in builds_dir.iterdir() if p.name.endswith((".building", ".building.wal", ".tmp"))]
    debris += list(db_path.parent.glob(f".{db_path.name}.*.link"))
    for path in debris:
        _remove(path)
        removed.append(path)
    current = db_path.resolve() if db_path.is_symlink() else None
    # In the order the builds finished (a file is renamed into place when its build completes; two builds
    # started in the same second have ids that do not sort in build order).
    finished = sorted(
        (p for p in builds_dir.glob("*.duckdb") if p.is_file()), key=lambda p: (p.stat().st_mtime, p.name)
    )
    for older, newer in zip(finished, finished[1:], strict=False):
        if older.resolve() == current or (db_path.is_symlink() and older.resolve() == db_path.resolve()):
            continue
        try:
            superseded_at = newer.stat().st_mtime
        except FileNotFoundError:
            continue
        if now - superseded_at >= keep_previous_seconds:
            for path in (older, older.with_name(older.name + ".wal")):
                if path.exists():
                    path.unlink(missing_ok=True)
                    removed.append(path)
    return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _connect(path: Path, spill: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    config: dict[str, object] = {"memory_limit": memory_limit, "temp_directory": str(spill)}
    if threads:
        config["threads"] = threads
    return duckdb.connect(str(path), config=config)


def _out_of_memory(exc: BaseException) -> bool:
    while exc is not None:
        if isinstance(exc, duckdb.OutOfMemoryException):
            return True
        exc = exc.__cause__
    return False


def build(
    source: Path,
    db_path: Path,
    as_of: date | None = None,
    config_path: Path | None = None,
    progress: bool = False,
    *,
    wait: bool = True,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> str:
    """Build a new warehouse from `source` and atomically make it `db_path`; returns the build id.

    `memory_limit` (a DuckDB size such as "4GB" or "50%") and `threads` override the
    configuration's `[build]` values; `wait` False fails at once when another build of the
    same warehouse is running.
    """
    source = Path(source)
    db_path = Path(db_path)
    if not source.exists():
        raise BuildError(f"error: source {source} does not exist")
    try:
        config = load_config(config_path, memory_limit=memory_limit, threads=threads)
    except ConfigError as exc:
        raise BuildError(f"error: bad configuration: {exc}") from None
    settings = config["build"]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(db_path, wait=wait, progress=progress):
        clean_builds(db_path, settings["keep_previous_seconds"])
        build_id = _build_locked(source, db_path, as_of, config, progress)
        clean_builds(db_path, settings["keep_previous_seconds"])
    return build_id


def _build_locked(source: Path, db_path: Path, as_of: date | None, config: Config, progress: bool) -> str:
    started_at = datetime.now(UTC)
    build_id = started_at.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
    builds_dir = builds_dir_of(db_path)
    build_file = builds_dir / f"{build_id}.duckdb"
    tmp_path = build_file.with_name(build_file.name + ".building")
    spill = builds_dir / f"{build_id}.tmp"
    link_tmp = db_path.with_name(f".{db_path.name}.{build_id}.link")
    steps: list[tuple[str, float, int]] = []
    settings = config["build"]
    con = _connect(tmp_path, spill, settings["memory_limit"], settings["threads"])
    try:
        _log(progress, f"build {build_id}: validating {source}")
        t0 = time.perf_counter()
        report = check_source(source, con, progress=progress, config=config, build_day=started_at.date())
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
            if _out_of_memory(exc):
                raise
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
    except BaseException as exc:
        con.close()
        for leftover in (tmp_path, tmp_path.with_name(tmp_path.name + ".wal"), link_tmp, spill):
            _remove(leftover)
        if _out_of_memory(exc):
            raise BuildError(
                f"error: the build needed more memory than its limit ({settings['memory_limit']}): {_first_line(exc)}\n"
                "Raise the limit with --memory-limit or [build] memory_limit in the configuration, or free memory. "
                f"The build stopped; the warehouse {db_path} was not changed."
            ) from None
        raise
    _remove(spill)
    total = sum(s[1] for s in steps)
    _log(progress, f"build {build_id} done in {total:.1f} s: {db_path}")
    return build_id


def _first_line(exc: BaseException) -> str:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
