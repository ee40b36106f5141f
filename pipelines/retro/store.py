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
regional head restricted to R01 who filters nothing holds the `region=R01` meeting, and one
who filters on R02 (outside their scope) the `region=` meeting, which covers nothing and is
never the company's.

**Two people editing at once.** Every summary and every action item carries a `version`.
A save names the version it edited; when the row has moved on since, the save raises
`ConflictError` naming who saved the newer version and when, and carrying the current
text, instead of overwriting it. Adding an item never conflicts. Each change is one short
transaction: `BEGIN IMMEDIATE` takes the write lock before the check, so check and write
cannot interleave with another writer; WAL mode lets readers go on meanwhile.

**Carry forward.** `open_items_before(key)` lists the open items of earlier meetings of the
same scope; `carry(item, to_key)` marks the old one `carried` and opens a linked copy
(`carried_from`) in the new meeting; `close` marks an item `done` (`drop` → `dropped`).

**A store that fails loudly.** Opening a store checks it (`check`): SQLite's `pragma quick_check`,
the schema version (a newer one than this app's is refused), and the tables and columns this
version expects. A damaged or unexpected file raises `StoreError`, one sentence with the path and
what to do, and nothing is written to it. A missing store is created on the first write, not on
open, atomically (built in a temporary file, then hard-linked into place, so concurrent first
writers never see a half-made store), and its creation is recorded in a sidecar marker
`<store>.created` (JSON: path, creation time). A store whose marker exists but whose file is gone
is reported as missing instead of being silently recreated. `backup` and `restore` copy a store
with SQLite's online backup API.

**Users and the audit log** (issue 9) live in the same file (migration 2: `users`, `sign_in_failures`,
`audit_log`), read and written through `pipelines.users.Users`, so one backup keeps them with the notes.

Each call opens its own connection (cheap for SQLite), so one `RetroStore` may be shared by
the threads of a Streamlit server.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
    # 2: users, sign-in failures and the audit log (issue 9; pipelines/users.py).
    (
        """
        create table users (
            user_name     text primary key,
            email         text not null default '',    -- lower case; '' for none
            role          text not null check (role in ('admin', 'director', 'region_head', 'team_lead')),
            region_ids    text not null default '[]',  -- JSON list: a region_head's regions
            team_ids      text not null default '[]',  -- JSON list: a team_lead's teams
            disabled      integer not null default 0,
            password_hash text not null default '',    -- argon2id, never the password
            created_at    text not null,
            changed_at    text not null
        )
        """,
        "create unique index users_by_email on users (email) where email != ''",
        """
        create table sign_in_failures (
            user_name      text primary key,           -- as typed, whether or not such a user exists
            failures       integer not null,           -- consecutive failed attempts since the last success
            last_failed_at text not null,
            delay_seconds  real not null,              -- how long the last failure locks further attempts
            locked_until   text not null               -- ISO timestamp, UTC
        )
        """,
        """
        create table audit_log (
            audit_id  integer primary key autoincrement,
            at        text not null,                   -- ISO timestamp, UTC
            user_name text not null,                   -- who ('' when unknown)
            event     text not null,                   -- sign_in, sign_in_failed, sign_out, download, user_added, ...
            what      text not null default '',
            filters   text not null default ''
        )
        """,
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


RESTORE_HINT = "restore it from a backup with `python -m pipelines store restore FILE --store {path}`"
# Why a store cannot be used, as one sentence each: the path, what is wrong, what to do. The page shows the same
# sentences in both languages (ui/i18n.py, keys retro_store_<kind>), with the same placeholders.
STORE_ERRORS = {
    "damaged": "The retrospective store `{path}` is damaged ({detail}) and was left untouched: "
    + RESTORE_HINT
    + ", or move the file away to start a new, empty store.",
    "unexpected": "The retrospective store `{path}` is not laid out as this app expects ({detail}) and was left "
    "untouched: " + RESTORE_HINT + ", or move the file away to start a new, empty store.",
    "newer": "The retrospective store `{path}` was written by a newer version of the app (schema version {detail}, "
    "newer than this app's {known}) and was left untouched: update the app, or " + RESTORE_HINT + ".",
    "directory": "The retrospective store `{path}` is a folder, not a file: point `$LOAN_DASHBOARD_RETRO_DB` "
    "(or `--store`) to a file, or move the folder away.",
    "missing": "The retrospective store `{path}` was created on {detail} but is missing now: "
    + RESTORE_HINT
    + ", or delete `{path}.created` to start a new, empty store.",
    "unreadable": "The retrospective store `{path}` cannot be opened ({detail}): check that the file and its "
    "folder can be read and written by the app, then try again.",
    "busy": "The retrospective store `{path}` stayed locked by another program ({detail}): try again in a moment; "
    "nothing was saved.",
    "bad_backup": "The backup `{path}` is not a usable retrospective store ({detail}); nothing was restored: "
    "choose another backup file.",
    "copy_failed": "Copying to `{path}` failed ({detail}) and `{path}` was left as it was: check the free disk "
    "space and try again.",
    "no_store": "There is no retrospective store at `{path}` to back up yet: it is created with the first "
    "summary or action item saved.",
}


class StoreError(RuntimeError):
    """The store cannot be used as it is; `str()` is one sentence with its path and what to do.

    `kind` is a key of STORE_ERRORS, `path` the file, `detail` what was found (SQLite's words, a version, a
    date); `known` in a sentence is this app's schema version. Nothing was written to the store.
    """

    def __init__(self, kind: str, path: Path | str, detail: str = "") -> None:
        super().__init__(STORE_ERRORS[kind].format(path=path, detail=detail, known=SCHEMA_VERSION))
        self.kind = kind
        self.path = str(path)
        self.detail = detail


class StoreVersionError(StoreError):
    """The store file was written by a newer version of the app than this one."""

    def __init__(self, path: Path | str, found: int) -> None:
        super().__init__("newer", path, str(found))
        self.found = found


def scope_values(filters: Filters) -> dict[str, tuple[str, ...]]:
    """The dimension values a retrospective held with `filters` covers, by Filters attribute (sorted; none = all).

    The access scope narrows a filter, or stands in for it when that level is not filtered: the effective
    scope is the filters ∩ the access scope. A filter wholly outside the access scope covers nothing: its
    level is kept with no values (never dropped, which would read as "all").
    """
    values_by_attribute = {}
    for attribute, _column in DIMENSIONS:
        values = set(getattr(filters, attribute))
        allowed = set(getattr(filters.scope, attribute, ()))
        if allowed:
            values = values & allowed if values else allowed
            values_by_attribute[attribute] = tuple(sorted(values))
        elif values:
            values_by_attribute[attribute] = tuple(sorted(values))
    return values_by_attribute


def scope_text(filters: Filters) -> str:
    """The canonical scope of a retrospective held with `filters` (see the module docstring).

    `all` only for the whole company with nothing filtered; a restricted user's meeting is always keyed by
    their effective scope, and a filter outside it by an empty level (`region=`) that matches no other meeting.
    """
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
        created_by=row["created_by"],
    )


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown action item status {status!r}; expected one of {', '.join(STATUSES)}")


_LOCK_RETRIES = 5  # `database is locked` beyond the busy timeout during checks and schema setup: tries


def marker_path(path: Path | str) -> Path:
    """The sidecar that records a store's creation: `<store>.created`, beside the store."""
    return Path(f"{path}.created")


def _read_marker(path: Path) -> dict | None:
    try:
        return json.loads(marker_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable or garbled: the store was created, when is unknown


def _write_marker(path: Path, **fields: str | None) -> None:
    """Record (atomically) that the store at `path` exists: its absolute path, creation time, `fields`."""
    marker = marker_path(path)
    record = {"store": str(path.resolve()), "created_at": _now(), **(_read_marker(path) or {}), **fields}
    tmp = marker.with_name(f".{marker.name}.{uuid.uuid4().hex}")
    tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, marker)


def _expected_columns() -> dict[str, set[str]]:
    """Table → columns of a store at SCHEMA_VERSION, read from the migrations run in memory."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute("create table schema_version (version integer not null)")
        for statements in MIGRATIONS:
            for statement in statements:
                con.execute(statement)
        return _columns(con)
    finally:
        con.close()


def _columns(con: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in con.execute("select name from sqlite_master where type = 'table'")]
    return {t: {r[1] for r in con.execute(f'pragma table_info("{t}")')} for t in tables if not t.startswith("sqlite_")}


def _retrying(action, path: Path):
    """Run `action()`; `database is locked` (past the busy timeout) is retried a few times, then StoreError busy."""
    for attempt in range(_LOCK_RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == _LOCK_RETRIES - 1:
                raise StoreError("busy", path, str(exc)) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _check_file(path: Path) -> None:
    """The cheap part of the checks, done before every use: a file, and not an empty one (SQLite would take an
    empty file for a new database and write into it). Only `stat`: opening and closing the file here would drop
    the POSIX locks SQLite holds on it for this process's other connections (SQLite's own check of the header
    says "file is not a database")."""
    if path.is_dir():
        raise StoreError("directory", path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StoreError("unreadable", path, exc.strerror or str(exc)) from None
    if size == 0:
        raise StoreError("damaged", path, "an empty file of 0 bytes")


def verify(path: Path | str, timeout: float = 10.0) -> int:
    """Check the store file at `path` without writing to it; its schema version, or StoreError saying what is wrong.

    Checks, in order: a file (not a folder) that is not empty, an SQLite database, `pragma quick_check`,
    a `schema_version` table with a version this app knows, and every table and column of that version.
    A store older than this app (version < SCHEMA_VERSION) is returned as is: opening it migrates it.
    """
    path = Path(path)
    _check_file(path)

    def check() -> int:
        con = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        try:
            problems = [r[0] for r in con.execute("pragma quick_check").fetchall()]
            if problems != ["ok"]:
                raise StoreError("damaged", path, "integrity check: " + "; ".join(problems[:3]))
            columns = _columns(con)
            if "schema_version" not in columns:
                found = ", ".join(sorted(columns)) or "no tables"
                raise StoreError("unexpected", path, f"no schema_version table; found {found}")
            version = con.execute("select max(version) from schema_version").fetchone()[0] or 0
        finally:
            con.close()
        if version > SCHEMA_VERSION:
            raise StoreVersionError(path, version)
        if version == SCHEMA_VERSION:
            expected = _expected_columns()
            for table in sorted(expected):
                if table not in columns:
                    raise StoreError("unexpected", path, f"table {table} is missing")
                missing = sorted(expected[table] - columns[table])
                if missing:
                    raise StoreError("unexpected", path, f"table {table} lacks column {', '.join(missing)}")
        return version

    try:
        return _retrying(check, path)
    except sqlite3.DatabaseError as exc:  # not a database, malformed, truncated, ...
        raise StoreError("damaged", path, str(exc)) from None


def _remove_quietly(*paths: Path) -> None:
    for p in paths:
        with suppress(FileNotFoundError):
            p.unlink()


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


class RetroStore:
    """The retrospective store at one SQLite file, checked when opened (`check`), created on the first write."""

    def __init__(self, path: Path | str | None = None, timeout: float = 10.0) -> None:
        self.path = store_path(path)
        self.timeout = timeout  # seconds a writer waits for another writer's lock before giving up
        self.check()

    # -- plumbing -------------------------------------------------------------------------------

    def check(self) -> None:
        """Raise StoreError when the store cannot be used (see `verify`), or when it is missing although its marker
        says it was created. A missing store without a marker is fine: it is created on the first write.

        An older store is migrated; a valid store without a marker (made before markers existed) gets one.
        """
        if not self.path.exists() and not self.path.is_symlink():
            self._missing()
            return
        if verify(self.path, self.timeout) < SCHEMA_VERSION:
            self._migrate()
            verify(self.path, self.timeout)
        if _read_marker(self.path) is None:
            # In a read-only folder the store is still usable; only its disappearance would go unnoticed.
            with suppress(OSError):
                _write_marker(self.path, created_at=None, first_seen_at=_now())

    def _missing(self) -> None:
        """The store file does not exist: an error when its marker says it was created."""
        # The marker first: it is written after the store is linked into place, so a marker read before the file
        # is looked for cannot be a concurrent creator's new marker with its store not yet there.
        marker = _read_marker(self.path)
        if self.path.exists():
            if self.path.is_dir():
                raise StoreError("directory", self.path)
            return
        if marker is not None:
            raise StoreError("missing", self.path, marker.get("created_at") or "an unknown date")

    def _create(self) -> None:
        """Create the store at SCHEMA_VERSION: built in a temporary file, then linked into place (atomic: a
        concurrent creator's link fails and its store is used instead). Records the creation in the marker."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.creating")
        try:
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                con.execute("pragma journal_mode = wal")  # a property of the file: every later connection uses it
                con.execute("begin immediate")
                con.execute("create table schema_version (version integer not null)")
                for version, statements in enumerate(MIGRATIONS, start=1):
                    for statement in statements:
                        con.execute(statement)
                    con.execute("insert into schema_version (version) values (?)", [version])
                con.execute("commit")
            finally:
                con.close()
            self._missing()  # re-checked just before: a store that vanished meanwhile is not recreated either
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                return  # another process created it first: theirs is used
            _write_marker(self.path, created_at=_now())
        except OSError as exc:
            raise StoreError("unreadable", self.path, exc.strerror or str(exc)) from None
        finally:
            _remove_quietly(tmp, *_sidecars(tmp))

    def _connect(self, create: bool = False) -> sqlite3.Connection:
        if not self.path.exists():
            self._missing()
            if not create:
                return self._empty()
            self._create()
        else:
            _check_file(self.path)
        # isolation_level=None: no implicit transactions; every write below opens its own BEGIN IMMEDIATE.
        con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("pragma foreign_keys = on")
        return con

    @staticmethod
    def _empty() -> sqlite3.Connection:
        """A store not created yet reads as an empty one (in memory; nothing is written until the first save)."""
        con = sqlite3.connect(":memory:", isolation_level=None)
        con.row_factory = sqlite3.Row
        con.execute("create table schema_version (version integer not null)")
        for version, statements in enumerate(MIGRATIONS, start=1):
            for statement in statements:
                con.execute(statement)
            con.execute("insert into schema_version (version) values (?)", [version])
        return con

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        """SQLite's errors past the open checks (the file was replaced or damaged meanwhile, a lock held too long)
        as StoreError; constraint violations stay what they are."""
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError("busy", self.path, str(exc)) from None
            raise StoreError("damaged", self.path, str(exc)) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError("damaged", self.path, str(exc)) from None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._sqlite_errors():
            con = self._connect()
            try:
                yield con
            finally:
                con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction that holds the write lock from its first read (read-check-write).

        The first write creates a missing store."""
        with self._sqlite_errors():
            con = self._connect(create=True)
            try:
                con.execute("begin immediate")
                try:
                    yield con
                except BaseException:
                    if con.in_transaction:  # SQLite rolls back by itself after some errors (I/O, full disk)
                        con.execute("rollback")
                    raise
                con.execute("commit")
            finally:
                con.close()

    def _migrate(self) -> None:
        """Run the migrations a store older than this app lacks, under the write lock (once, whoever comes first)."""

        def run() -> None:
            con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            try:
                con.execute("begin immediate")
                try:
                    current = con.execute("select max(version) from schema_version").fetchone()[0] or 0
                    for version in range(current + 1, SCHEMA_VERSION + 1):
                        for statement in MIGRATIONS[version - 1]:
                            con.execute(statement)
                        con.execute("insert into schema_version (version) values (?)", [version])
                except BaseException:
                    if con.in_transaction:  # SQLite rolls back by itself after some errors (I/O, full disk)
                        con.execute("rollback")
                    raise
                con.execute("commit")
            finally:
                con.close()

        with self._sqlite_errors():
            _retrying(run, self.path)

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
        return ActionItem(
            item_id, key.period_start, what, owner, due_date, "open", 1, None, list(notes or []), created_by=author
        )

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


# -- backup and restore -------------------------------------------------------------------------


def _counts(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return (
            con.execute("select count(*) from retrospectives").fetchone()[0],
            con.execute("select count(*) from action_items").fetchone()[0],
        )
    finally:
        con.close()


def _copy(source: Path, target: Path, journal_mode: str, timeout: float = 10.0) -> None:
    """Copy the database `source` into `target` with SQLite's online backup API (a consistent snapshot, even
    while others write), one step: `target` changes in one transaction. Then set its journal mode."""
    src = sqlite3.connect(source, timeout=timeout)
    try:
        dst = sqlite3.connect(target, timeout=timeout, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute(f"pragma journal_mode = {journal_mode}")
        finally:
            dst.close()
    finally:
        src.close()


def _set_journal_mode(path: Path, mode: str) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute(f"pragma journal_mode = {mode}")
    finally:
        con.close()


def _match_page_size(path: Path, like: Path) -> None:
    """Rewrite the (rollback-journal) database `path` with the page size of `like`, when they differ."""
    con = sqlite3.connect(like)
    try:
        wanted = con.execute("pragma page_size").fetchone()[0]
    finally:
        con.close()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        if con.execute("pragma page_size").fetchone()[0] != wanted:
            con.execute(f"pragma page_size = {int(wanted)}")
            con.execute("vacuum")
    finally:
        con.close()


def backup(out: Path | str, path: Path | str | None = None) -> str:
    """Copy the store at `path` (default `store_path()`) to the file `out`, atomically (a temporary file next to
    `out`, then renamed; an existing `out` is replaced). The store is checked first. Returns what was done."""
    store, out = store_path(path), Path(out)
    if not store.exists() and not store.is_symlink():
        RetroStore(store)  # a store that vanished is reported as such
        raise StoreError("no_store", store)
    verify(store)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.partial")
    try:
        _copy(store, tmp, "delete")  # a backup is one self-contained file
        verify(tmp)
        os.replace(tmp, out)
    except sqlite3.Error as exc:
        raise StoreError("copy_failed", out, str(exc)) from None
    finally:
        _remove_quietly(tmp, Path(f"{tmp}-journal"))
    retros, items = _counts(out)
    return f"backed up {store} to {out}: {retros} retrospective summaries, {items} action items"


def restore(backup_file: Path | str, path: Path | str | None = None) -> str:
    """Replace the store at `path` (default `store_path()`) by the backup `backup_file`. Returns what was done.

    The backup must pass the same checks as a store being opened (else StoreError `bad_backup`, nothing changed).
    A valid current store is first copied to `<store>.before-restore-<time>`, then overwritten through the backup
    API in one transaction (safe while the app reads it). A damaged current store is moved aside to
    `<store>.damaged-<time>` (with its log files) and the restored file renamed into place. The marker records
    the restore.
    """
    store, source = store_path(path), Path(backup_file)
    try:
        if not source.is_file():
            raise StoreError("unreadable", source, "no such file")
        verify(source)
    except StoreError as exc:
        detail = f"schema version {exc.detail}, newer than this app's {SCHEMA_VERSION}" if exc.kind == "newer" else None
        raise StoreError("bad_backup", source, detail or exc.detail or exc.kind) from None
    if store.is_dir():
        raise StoreError("directory", store)
    stamp = _now().replace(":", "").replace("-", "")
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = store.with_name(f".{store.name}.{uuid.uuid4().hex}.restoring")
    done = []
    try:
        _copy(source, tmp, "delete")
        verify(tmp)
        current_ok = store.exists()
        if current_ok:
            try:
                verify(store)
            except StoreError:
                current_ok = False
        if current_ok:
            kept = store.with_name(f"{store.name}.before-restore-{stamp}")
            _copy(store, kept, "delete")
            done.append(f"the previous store was kept as {kept}")
            _match_page_size(tmp, store)  # SQLite's backup into a WAL database needs the same page size
            _copy(tmp, store, "wal")
        else:
            _set_journal_mode(tmp, "wal")
            if store.exists():
                aside = store.with_name(f"{store.name}.damaged-{stamp}")
                os.replace(store, aside)
                done.append(f"the damaged store was moved to {aside}")
            for sidecar in _sidecars(store):
                if sidecar.exists():
                    os.replace(sidecar, sidecar.with_name(f"{sidecar.name}.damaged-{stamp}"))
            os.replace(tmp, store)
    except sqlite3.Error as exc:
        raise StoreError("copy_failed", store, str(exc)) from None
    finally:
        _remove_quietly(tmp, *_sidecars(tmp), Path(f"{tmp}-journal"))
    verify(store)
    _write_marker(store, restored_at=_now(), restored_from=str(source.resolve()))
    retros, items = _counts(store)
    return "; ".join([f"restored {store} from {source}: {retros} retrospective summaries, {items} action items", *done])
