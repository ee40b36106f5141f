"""Opening the current warehouse for reading."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

DEFAULT_DB = Path("data/warehouse.duckdb")
DB_ENV = "LOAN_DASHBOARD_DB"


def db_path() -> Path:
    """The warehouse the app reads: $LOAN_DASHBOARD_DB, else data/warehouse.duckdb."""
    return Path(os.environ.get(DB_ENV, DEFAULT_DB))


def build_identity(path: Path) -> tuple[str, int, int] | None:
    """What changes when a build swaps a new file in (path, inode, mtime); None when there is no warehouse.

    Callers key their cached connection on it, so a new build is picked up on the
    next run without a restart while an old connection keeps serving its old file.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (str(path.resolve()), st.st_ino, st.st_mtime_ns)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection; many processes may hold one while a build writes its new file.

    A reader that resolved the link just before a build's cleanup removed the file it named
    retries once on what the link names now.
    """
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException:
        if Path(path).exists():
            return duckdb.connect(str(path), read_only=True)
        raise
