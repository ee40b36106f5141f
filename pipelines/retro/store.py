"""Notes and action items of the biweekly retrospective, kept in their own transactional store.

The warehouse is read-only and replaced by every build; what a meeting writes must outlive
both the builds and the app's restarts, so it lives in a separate SQLite file
(`data/retro.sqlite` by default, `$LOAN_DASHBOARD_RETRO_DB` or an explicit path otherwise).

**Which retrospective.** A retrospective is keyed by `RetroKey(period_start, scope)`: the
Monday its biweekly period starts on, and the filter scope the meeting was held for. A
regional head's review of R01 is a different meeting from the company's, with its own
summary and action items, and only its own earlier meetings carry into it. The scope is a
canonical text built from the dimension filters with the URL's parameter names, values
sorted: `all` for the company, `region=R01`, `region=R01,R02&team=T010`, ... (see
`scope_text`). A user's access scope narrows it the same way it narrows the data: a
regional head restricted to R01 who filters nothing holds the `region=R01` meeting.

**Two people editing at once.** Every summary and every action item carries a `version`.
A save names the version it edited; when the row has moved on since, the save raises
`ConflictError` naming who saved the newer version and when, and carrying the current
text, instead of overwriting it. Adding an item never conflicts. Each change is one short
transaction: `BEGIN IMMEDIATE` takes the write lock before the check, so check and write
cannot interleave with another writer; WAL mode lets readers go on meanwhile.

**Carry forward.** `open_items_before(key)` lists the open items of earlier meetings of the
same scope; `carry(item, to_key)` marks the old one `carried` and opens a linked copy
(`carried_from`) in the new meeting; `close` marks an item `done` (`drop` → `dropped`).

Each call opens its own connection (cheap for SQLite), so one `RetroStore` may be shared by
the threads of a Streamlit server.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from pipelines.queries.filters import DIMENSIONS, Filters
from pipelines.retro import ActionItem

DEFAULT_STORE = Path("data/retro.sqlite")
STORE_ENV = "LOAN_DASHBOARD_RETRO_DB"
STATUSES: tuple[str, ...] = ("open", "done", "dropped", "carried")
COMPANY_SCOPE = "all"

# URL parameter names of the dimension filters (as in ui/filters.py), in DIMENSIONS order.
_SCOPE_NAMES = {
    "region_ids": "region",
    "team_ids": "team",
    "officer_ids": "officer",
    "product_lines": "line",
    "channel_ids": "channel",
    "customer_types": "ctype",
}

# Schema migrations in order: the store is at version N when migrations 1..N have run.
# Never edit a released migration; append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        create table retrospectives (
            period_start text not null,          -- ISO date, the Monday the biweekly period starts on
            scope        text not null,          -- see scope_text(); 'all' for the company
            summary      text not null default '',
            version      integer not null,       -- 1 on the first save, +1 on each save
            saved_by     text not null default '',
            saved_at     text not null,          -- ISO timestamp, UTC
            primary key (period_start, scope)
        )
        """,
        """
        create table action_items (
            item_id      integer primary key autoincrement,
            period_start text not null,
            scope        text not null,
            what         text not null,
            owner        text not null default '',
            due_date     text,
            status       text not null check (status in ('open', 'done', 'dropped', 'carried')),
            notes        text not null default '[]',  -- JSON list of strings
            carried_from integer references action_items (item_id),
            version      integer not null,
            created_by   text not null default '',
            created_at   text not null,
            saved_by     text not null default '',
            saved_at     text not null
        )
        """,
        "create index action_items_by_meeting on action_items (scope, period_start, status)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class ConflictError(Exception):
    """A save named a version that is no longer the current one: someone else saved in between.

    `current_text` is the text (summary, or the item's `what`) now stored, `current_version`
    its version, `saved_by`/`saved_at` who saved it and when; `current_item` is the stored
    item for item conflicts. Nothing was written.
    """

    def __init__(
        self,
        what: str,
        expected_version: int,
        current_version: int,
        saved_by: str,
        saved_at: str,
        current_text: str,
        current_item: ActionItem | None = None,
    ) -> None:
        who = saved_by or "someone"
        when = f" at {saved_at}" if saved_at else ""
        super().__init__(
            f"{what} was changed by {who}{when} (now version {current_version}) after you opened "
            f"version {expected_version}; your change was not saved. Reload to see the current text and "
            "apply your change to it."
        )
        self.expected_version = expected_version
        self.current_version = current_version
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.current_text = current_text
        self.current_item = current_item


class StoreVersionError(RuntimeError):
    """The store file was written by a newer version of the app than this one."""


def scope_values(filters: Filters) -> dict[str, tuple[str, ...]]:
    """The dimension values a retrospective held with `filters` covers, by Filters attribute (sorted; none = all).

    The access scope narrows a filter, or stands in for it when that level is not filtered.
    """
    values_by_attribute = {}
    for attribute, _column in DIMENSIONS:
        values = set(getattr(filters, attribute))
        allowed = set(getattr(filters.scope, attribute, ()))
        if allowed:
            values = values & allowed if values else allowed
        if values:
            values_by_attribute[attribute] = tuple(sorted(values))
    return values_by_attribute


def scope_text(filters: Filters) -> str:
    """The canonical scope of a retrospective held with `filters` (see the module docstring)."""
    parts = [f"{_SCOPE_NAMES[attribute]}={','.join(values)}" for attribute, values in scope_values(filters).items()]
    return "&".join(parts) or COMPANY_SCOPE


@dataclass(frozen=True)
class RetroKey:
    """One retrospective: the start of its biweekly period and the filter scope it was held for."""

    period_start: date
    scope: str = COMPANY_SCOPE

    @classmethod
    def for_filters(cls, period_start: date, filters: Filters) -> RetroKey:
        return cls(period_start, scope_text(filters))

    def __str__(self) -> str:
        return f"{self.period_start.isoformat()}/2w [{self.scope}]"


@dataclass(frozen=True)
class Summary:
    """A retrospective's summary text; version 0 means nothing has been saved yet."""

    key: RetroKey
    text: str
    version: int
    saved_by: str
    saved_at: str | None


def store_path(path: Path | str | None = None) -> Path:
    """The store file: `path` if given, else $LOAN_DASHBOARD_RETRO_DB, else data/retro.sqlite."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get(STORE_ENV, DEFAULT_STORE))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _item(row: sqlite3.Row) -> ActionItem:
    return ActionItem(
        item_id=row["item_id"],
        period_start=date.fromisoformat(row["period_start"]),
        what=row["what"],
        owner=row["owner"],
        due_date=date.fromisoformat(row["due_date"]) if row["due_date"] else None,
        status=row["status"],
        version=row["version"],
        carried_from=row["carried_from"],
        notes=list(json.loads(row["notes"])),
    )


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown action item status {status!r}; expected one of {', '.join(STATUSES)}")


class RetroStore:
    """The retrospective store at one SQLite file; the schema is created or migrated on first use."""

    def __init__(self, path: Path | str | None = None, timeout: float = 10.0) -> None:
        self.path = store_path(path)
        self.timeout = timeout  # seconds a writer waits for another writer's lock before giving up
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # -- plumbing -------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; every write below opens its own BEGIN IMMEDIATE.
        con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("pragma foreign_keys = on")
        return con

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction that holds the write lock from its first read (read-check-write)."""
        con = self._connect()
        try:
            con.execute("begin immediate")
            try:
                yield con
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("commit")
        finally:
            con.close()

    def _current_schema_version(self, con: sqlite3.Connection) -> int:
        exists = con.execute("select 1 from sqlite_master where type = 'table' and name = 'schema_version'").fetchone()
        return (con.execute("select max(version) from schema_version").fetchone()[0] or 0) if exists else 0

    def _migrate(self) -> None:
        con = self._connect()
        try:
            # The common case, an up-to-date store, needs no write lock (the page opens a store on every run).
            if self._current_schema_version(con) == SCHEMA_VERSION:
                return
            # WAL is a property of the file: set once, every later connection uses it.
            con.execute("pragma journal_mode = wal")
            con.execute("begin immediate")
            try:
                con.execute("create table if not exists schema_version (version integer not null)")
                current = self._current_schema_version(con)  # again, under the lock: another process may have run
                if current > SCHEMA_VERSION:
                    raise StoreVersionError(
                        f"{self.path} has schema version {current}, newer than this app's {SCHEMA_VERSION}; "
                        "update the app before opening it"
                    )
                for version in range(current + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[version - 1]:
                        con.execute(statement)
                    con.execute("insert into schema_version (version) values (?)", [version])
            except BaseException:
                con.execute("rollback")
                raise
            con.execute("commit")
        finally:
            con.close()

    def schema_version(self) -> int:
        with self._read() as con:
            return con.execute("select max(version) from schema_version").fetchone()[0]

    # -- summary --------------------------------------------------------------------------------

    def summary(self, key: RetroKey) -> Summary:
        """The retrospective's summary (empty, version 0, when none has been saved)."""
        with self._read() as con:
            row = con.execute(
                "select summary, version, saved_by, saved_at from retrospectives where period_start = ? and scope = ?",
                [key.period_start.isoformat(), key.scope],
            ).fetchone()
        if row is None:
            return Summary(key, "", 0, "", None)
        return Summary(key, row["summary"], row["version"], row["saved_by"], row["saved_at"])

    def save_summary(self, key: RetroKey, text: str, expected_version: int, author: str = "") -> Summary:
        """Save the summary over version `expected_version` (0 = the first save); ConflictError if it has moved on."""
        now = _now()
        with self._write() as con:
            row = con.execute(
                "select summary, version, saved_by, saved_at from retrospectives where period_start = ? and scope = ?",
                [key.period_start.isoformat(), key.scope],
            ).fetchone()
            current = row["version"] if row else 0
            if current != expected_version:
                raise ConflictError(
                    f"The summary of retrospective {key}",
                    expected_version,
                    current,
                    row["saved_by"] if row else "",
                    row["saved_at"] if row else "",
                    row["summary"] if row else "",
                )
            if row is None:
                con.execute(
                    "insert into retrospectives (period_start, scope, summary, version, saved_by, saved_at) "
                    "values (?, ?, ?, 1, ?, ?)",
                    [key.period_start.isoformat(), key.scope, text, author, now],
                )
            else:
                con.execute(
                    "update retrospectives set summary = ?, version = version + 1, saved_by = ?, saved_at = ? "
                    "where period_start = ? and scope = ?",
                    [text, author, now, key.period_start.isoformat(), key.scope],
                )
        return Summary(key, text, expected_version + 1, author, now)

    # -- action items ---------------------------------------------------------------------------

    def items(self, key: RetroKey) -> list[ActionItem]:
        """The action items agreed in this retrospective (any status), in the order they were added."""
        with self._read() as con:
            rows = con.execute(
                "select * from action_items where period_start = ? and scope = ? order by item_id",
                [key.period_start.isoformat(), key.scope],
            ).fetchall()
        return [_item(row) for row in rows]

    def item(self, item_id: int) -> ActionItem:
        with self._read() as con:
            row = con.execute("select * from action_items where item_id = ?", [item_id]).fetchone()
        if row is None:
            raise KeyError(f"no action item {item_id}")
        return _item(row)

    def scope_of(self, item_id: int) -> RetroKey:
        """The retrospective an item belongs to."""
        with self._read() as con:
            row = con.execute("select period_start, scope from action_items where item_id = ?", [item_id]).fetchone()
        if row is None:
            raise KeyError(f"no action item {item_id}")
        return RetroKey(date.fromisoformat(row["period_start"]), row["scope"])

    def add_item(
        self,
        key: RetroKey,
        what: str,
        owner: str = "",
        due_date: date | None = None,
        author: str = "",
        notes: list[str] | None = None,
    ) -> ActionItem:
        """A new open action item in this retrospective (version 1). Adding never conflicts."""
        if not what.strip():
            raise ValueError("an action item needs a description (what)")
        now = _now()
        with self._write() as con:
            cursor = con.execute(
                "insert into action_items (period_start, scope, what, owner, due_date, status, notes, version, "
                "created_by, created_at, saved_by, saved_at) values (?, ?, ?, ?, ?, 'open', ?, 1, ?, ?, ?, ?)",
                [
                    key.period_start.isoformat(),
                    key.scope,
                    what,
                    owner,
                    due_date.isoformat() if due_date else None,
                    json.dumps(notes or [], ensure_ascii=False),
                    author,
                    now,
                    author,
                    now,
                ],
            )
            item_id = cursor.lastrowid
        return ActionItem(item_id, key.period_start, what, owner, due_date, "open", 1, None, list(notes or []))

    def _current_for_update(self, con: sqlite3.Connection, item_id: int, expected_version: int) -> sqlite3.Row:
        row = con.execute("select * from action_items where item_id = ?", [item_id]).fetchone()
        if row is None:
            raise KeyError(f"no action item {item_id}")
        if row["version"] != expected_version:
            raise ConflictError(
                f"Action item {item_id}",
                expected_version,
                row["version"],
                row["saved_by"],
                row["saved_at"],
                row["what"],
                _item(row),
            )
        return row

    def update_item(self, item: ActionItem, expected_version: int | None = None, author: str = "") -> ActionItem:
        """Save the item's what/owner/due date/status/notes over `expected_version` (default: item.version).

        Raises ConflictError when the stored item has moved on since that version was read.
        """
        if item.item_id is None:
            raise ValueError("this action item was never added; use add_item")
        _check_status(item.status)
        expected = item.version if expected_version is None else expected_version
        now = _now()
        with self._write() as con:
            self._current_for_update(con, item.item_id, expected)
            con.execute(
                "update action_items set what = ?, owner = ?, due_date = ?, status = ?, notes = ?, "
                "version = version + 1, saved_by = ?, saved_at = ? where item_id = ?",
                [
                    item.what,
                    item.owner,
                    item.due_date.isoformat() if item.due_date else None,
                    item.status,
                    json.dumps(list(item.notes), ensure_ascii=False),
                    author,
                    now,
                    item.item_id,
                ],
            )
        return replace(item, version=expected + 1)

    def close(self, item: ActionItem, author: str = "") -> ActionItem:
        """Mark the item done (over the version the caller holds)."""
        return self.update_item(replace(item, status="done"), author=author)

    def drop(self, item: ActionItem, author: str = "") -> ActionItem:
        """Mark the item dropped: agreed no longer worth doing."""
        return self.update_item(replace(item, status="dropped"), author=author)

    def open_items_before(self, key: RetroKey) -> list[ActionItem]:
        """Open action items of earlier retrospectives of the same scope, oldest meeting first.

        An item carried forward is `carried` in its old meeting, so each piece of work appears once:
        as its latest copy.
        """
        with self._read() as con:
            rows = con.execute(
                "select * from action_items where scope = ? and period_start < ? and status = 'open' "
                "order by period_start, item_id",
                [key.scope, key.period_start.isoformat()],
            ).fetchall()
        return [_item(row) for row in rows]

    def carry(self, item: ActionItem, to_key: RetroKey, author: str = "") -> ActionItem:
        """Carry an open item into a later retrospective of the same scope: the old one becomes `carried`,
        and a linked open copy (carried_from = its id) is returned. One transaction: both or neither."""
        if item.item_id is None:
            raise ValueError("this action item was never added; nothing to carry")
        now = _now()
        with self._write() as con:
            row = self._current_for_update(con, item.item_id, item.version)
            if row["status"] != "open":
                raise ValueError(f"action item {item.item_id} is {row['status']}; only open items can be carried")
            if row["scope"] != to_key.scope:
                raise ValueError(
                    f"action item {item.item_id} belongs to scope {row['scope']!r}, not {to_key.scope!r}; "
                    "items carry only into the same scope's retrospectives"
                )
            if date.fromisoformat(row["period_start"]) >= to_key.period_start:
                raise ValueError(f"action item {item.item_id} can only be carried into a later retrospective")
            con.execute(
                "update action_items set status = 'carried', version = version + 1, saved_by = ?, saved_at = ? "
                "where item_id = ?",
                [author, now, item.item_id],
            )
            cursor = con.execute(
                "insert into action_items (period_start, scope, what, owner, due_date, status, notes, carried_from, "
                "version, created_by, created_at, saved_by, saved_at) "
                "values (?, ?, ?, ?, ?, 'open', ?, ?, 1, ?, ?, ?, ?)",
                [
                    to_key.period_start.isoformat(),
                    to_key.scope,
                    row["what"],
                    row["owner"],
                    row["due_date"],
                    row["notes"],
                    item.item_id,
                    author,
                    now,
                    author,
                    now,
                ],
            )
            new_id = cursor.lastrowid
        return self.item(new_id)
