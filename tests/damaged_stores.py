"""Ways a retrospective store file goes wrong (issue 9), shared by the store, report and page tests.

Each case damages a valid store in place and names the StoreError kind it must give and a phrase of its
sentence. `snapshot` is what must stay unchanged: the file's bytes (or, for a folder, its listing).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pipelines.retro.store import SCHEMA_VERSION, RetroKey, RetroStore


def make_store(path: Path) -> RetroStore:
    """A valid store with a summary and two action items (so it has pages worth damaging)."""
    store = RetroStore(path)
    key = RetroKey(date(2026, 11, 2))
    store.save_summary(key, "Disbursement fell in R06; the pipeline is thin.", 0, author="Li Wei")
    store.add_item(key, "Call the largest R06 customers", "Wang Fang", date(2026, 11, 30))
    store.add_item(RetroKey(date(2026, 11, 2), "region=R01"), "Coach T010 on meetings", "Zhao Min")
    return store


def _sql(path: Path, statement: str) -> None:
    con = sqlite3.connect(path)
    con.execute(statement)
    con.commit()
    con.close()


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) >= 3 * 4096  # header page and table pages: cut in the middle of the tables
    path.write_bytes(data[: len(data) // 2 + 100])


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _newer_schema(path: Path) -> None:
    _sql(path, f"insert into schema_version values ({SCHEMA_VERSION + 1})")


def _dropped_table(path: Path) -> None:
    _sql(path, "drop table retrospectives")


def _dropped_column(path: Path) -> None:
    _sql(path, "alter table action_items drop column owner")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("a folder where the store should be")


# name → (damage, StoreError kind, a phrase of the sentence)
DAMAGES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "garbage": (_garbage, "damaged", "file is not a database"),
    "truncated": (_truncated, "damaged", "is damaged"),
    "zero_bytes": (_zero_bytes, "damaged", "an empty file of 0 bytes"),
    "newer_schema": (_newer_schema, "newer", f"schema version {SCHEMA_VERSION + 1}, newer than this app's"),
    "dropped_table": (_dropped_table, "unexpected", "table retrospectives is missing"),
    "dropped_column": (_dropped_column, "unexpected", "table action_items lacks column owner"),
    "folder": (_folder, "directory", "is a folder, not a file"),
}


def damaged_store(path: Path, case: str) -> Path:
    """A valid store at `path`, then damaged as `case` says; log files checkpointed first (a closed store)."""
    make_store(path)
    _sql(path, "pragma wal_checkpoint(truncate)")
    DAMAGES[case][0](path)
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        if sidecar.exists():
            sidecar.unlink()
    return path


def snapshot(path: Path) -> object:
    """What must not change: the bytes of the file, or the listing of a folder; and no log files appear."""
    logs = sorted(p.name for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm", "-journal")))
    if path.is_dir():
        return sorted(os.listdir(path)), logs
    return path.read_bytes(), logs
