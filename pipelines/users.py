"""Users, roles, sign-in and the audit log (issue 9), kept in the retrospective's store (pipelines/retro/store.py).

**Roles.** `admin` sees everything, manages users and reads the audit log and the Data page; `director` sees all
data; `region_head` sees one or more regions; `team_lead` one or more teams. `scope_of(user)` is the
`pipelines.queries.filters.Scope` every query applies.

**Passwords** are hashed with argon2id (argon2-cffi's defaults); the password itself is never stored, logged or
written to the audit log. A wrong password (or an unknown user name) is recorded against the name typed, and locks
that name for a delay that doubles with each consecutive failure (`failure_delay`: 1 s, 2 s, 4 s, ... up to 5
minutes); an attempt while locked is refused without checking the password. A success clears the count. The
count lives in the store, so a restart does not reset it.

**No users** means the app runs in demo mode (everything visible); adding the first user turns sign-in on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pipelines.queries.filters import Scope
from pipelines.retro.store import RetroStore

ROLES: tuple[str, ...] = ("admin", "director", "region_head", "team_lead")
MIN_PASSWORD_LENGTH = 8
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 300.0

_hasher = PasswordHasher()
# Checked against when the user name is unknown, so an unknown name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class UserError(ValueError):
    """A user command that cannot be carried out (unknown user, bad role, missing scope, short password)."""


@dataclass(frozen=True)
class User:
    """A user as the app sees it; the password hash never leaves the store."""

    name: str
    role: str
    email: str = ""
    region_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    disabled: bool = False
    created_at: str = ""
    changed_at: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: `user` when it succeeded, else `reason` (wrong, disabled, locked) and,
    for wrong and locked, how long the name stays locked (`delay_seconds`) and until when (`locked_until`)."""

    user: User | None
    reason: str = ""
    delay_seconds: float = 0.0
    locked_until: datetime | None = None
    failures: int = 0

    @property
    def ok(self) -> bool:
        return self.user is not None


@dataclass(frozen=True)
class AuditEntry:
    event: str
    user_name: str
    what: str = ""
    filters: str = ""
    at: str = field(default="")


def scope_of(user: User | None) -> Scope:
    """What `user` may see: admin and director (and no user: demo mode) everything, a region_head their regions,
    a team_lead their teams."""
    if user is None or user.role in ("admin", "director"):
        return Scope()
    if user.role == "region_head":
        return Scope(region_ids=user.region_ids)
    return Scope(team_ids=user.team_ids)


def failure_delay(failures: int) -> float:
    """Seconds a name stays locked after its `failures`-th consecutive failure: 1, 2, 4, ... at most 300."""
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** max(0, failures - 1))


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _user(row) -> User:
    return User(
        name=row["user_name"],
        role=row["role"],
        email=row["email"],
        region_ids=tuple(json.loads(row["region_ids"])),
        team_ids=tuple(json.loads(row["team_ids"])),
        disabled=bool(row["disabled"]),
        created_at=row["created_at"],
        changed_at=row["changed_at"],
    )


def _check_scope(role: str, region_ids: tuple[str, ...], team_ids: tuple[str, ...]) -> tuple[tuple, tuple]:
    """The scope kept for `role`: a region_head needs regions, a team_lead teams; other roles keep none."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if role == "region_head":
        if not region_ids:
            raise UserError("a region_head needs at least one region (--region R01 ...)")
        return tuple(sorted(set(region_ids))), ()
    if role == "team_lead":
        if not team_ids:
            raise UserError("a team_lead needs at least one team (--team T010 ...)")
        return (), tuple(sorted(set(team_ids)))
    return (), ()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


class Users:
    """The users and audit log of the store at `path` (default: the retrospective store, `store_path()`)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.store = RetroStore(path)  # checked (StoreError when damaged) and migrated to the users schema
        self.path = self.store.path

    # The store's own transactions: one short BEGIN IMMEDIATE per change, a missing store created on first write.
    def _read(self):
        return self.store._read()

    def _write(self):
        return self.store._write()

    # -- reading --------------------------------------------------------------------------------

    def has_users(self) -> bool:
        """True when at least one user exists: sign-in is on."""
        with self._read() as con:
            return con.execute("select exists (select 1 from users)").fetchone()[0] == 1

    def get(self, name: str) -> User | None:
        with self._read() as con:
            row = con.execute("select * from users where user_name = ?", [name]).fetchone()
        return _user(row) if row else None

    def by_email(self, email: str) -> User | None:
        """The user with this e-mail (case-insensitive), None when there is none."""
        with self._read() as con:
            row = con.execute("select * from users where email = ?", [email.strip().lower()]).fetchone()
        return _user(row) if row else None

    def all(self) -> list[User]:
        with self._read() as con:
            return [_user(row) for row in con.execute("select * from users order by user_name")]

    def failures(self, name: str) -> dict | None:
        """The recorded failures of the name: failures, last_failed_at, delay_seconds, locked_until (or None)."""
        with self._read() as con:
            row = con.execute("select * from sign_in_failures where user_name = ?", [name]).fetchone()
        return dict(row) if row else None

    # -- managing -------------------------------------------------------------------------------

    def add(
        self,
        name: str,
        role: str,
        password: str = "",
        *,
        email: str = "",
        region_ids: tuple[str, ...] = (),
        team_ids: tuple[str, ...] = (),
        actor: str = "",
    ) -> User:
        """A new user. A password is needed unless the user signs in through OIDC only (an e-mail and no password
        can never sign in with the local form)."""
        name = name.strip()
        if not name:
            raise UserError("a user needs a name")
        regions, teams = _check_scope(role, tuple(region_ids), tuple(team_ids))
        if password or not email:
            _check_password(password)
        password_hash = _hasher.hash(password) if password else ""
        now = _stamp(_now())
        with self._write() as con:
            if con.execute("select 1 from users where user_name = ?", [name]).fetchone():
                raise UserError(f"user {name!r} already exists")
            if email and con.execute("select 1 from users where email = ?", [email.strip().lower()]).fetchone():
                raise UserError(f"another user already has the e-mail {email!r}")
            con.execute(
                "insert into users (user_name, email, role, region_ids, team_ids, disabled, password_hash, "
                "created_at, changed_at) values (?, ?, ?, ?, ?, 0, ?, ?, ?)",
                [name, email.strip().lower(), role, json.dumps(regions), json.dumps(teams), password_hash, now, now],
            )
            self._log(con, actor, "user_added", f"{name}: {_describe(role, regions, teams)}")
        return self.get(name)

    def _existing(self, con, name: str):
        row = con.execute("select * from users where user_name = ?", [name]).fetchone()
        if row is None:
            raise UserError(f"no user {name!r}")
        return row

    def set_role(
        self, name: str, role: str, *, region_ids: tuple[str, ...] = (), team_ids: tuple[str, ...] = (), actor: str = ""
    ) -> User:
        """Change a user's role; a region_head or team_lead keeps their current scope unless one is given."""
        with self._write() as con:
            row = self._existing(con, name)
            regions = tuple(region_ids) or tuple(json.loads(row["region_ids"]))
            teams = tuple(team_ids) or tuple(json.loads(row["team_ids"]))
            regions, teams = _check_scope(role, regions, teams)
            con.execute(
                "update users set role = ?, region_ids = ?, team_ids = ?, changed_at = ? where user_name = ?",
                [role, json.dumps(regions), json.dumps(teams), _stamp(_now()), name],
            )
            before = _describe(row["role"], json.loads(row["region_ids"]), json.loads(row["team_ids"]))
            self._log(con, actor, "role_changed", f"{name}: {before} → {_describe(role, regions, teams)}")
        return self.get(name)

    def set_scope(
        self, name: str, *, region_ids: tuple[str, ...] = (), team_ids: tuple[str, ...] = (), actor: str = ""
    ) -> User:
        """Replace a region_head's regions or a team_lead's teams."""
        with self._write() as con:
            row = self._existing(con, name)
            regions, teams = _check_scope(row["role"], tuple(region_ids), tuple(team_ids))
            if row["role"] in ("admin", "director"):
                raise UserError(f"{name} is {row['role']} and sees everything; change the role to restrict them")
            con.execute(
                "update users set region_ids = ?, team_ids = ?, changed_at = ? where user_name = ?",
                [json.dumps(regions), json.dumps(teams), _stamp(_now()), name],
            )
            before = _describe(row["role"], json.loads(row["region_ids"]), json.loads(row["team_ids"]))
            self._log(con, actor, "scope_changed", f"{name}: {before} → {_describe(row['role'], regions, teams)}")
        return self.get(name)

    def disable(self, name: str, disabled: bool = True, *, actor: str = "") -> User:
        """Disable (or, with disabled=False, enable again) a user: a disabled user cannot sign in."""
        with self._write() as con:
            self._existing(con, name)
            con.execute(
                "update users set disabled = ?, changed_at = ? where user_name = ?",
                [int(disabled), _stamp(_now()), name],
            )
            self._log(con, actor, "user_disabled" if disabled else "user_enabled", name)
        return self.get(name)

    def reset_password(self, name: str, password: str, *, actor: str = "") -> User:
        """Give a user a new password; their failure count is cleared."""
        _check_password(password)
        password_hash = _hasher.hash(password)
        with self._write() as con:
            self._existing(con, name)
            con.execute(
                "update users set password_hash = ?, changed_at = ? where user_name = ?",
                [password_hash, _stamp(_now()), name],
            )
            con.execute("delete from sign_in_failures where user_name = ?", [name])
            self._log(con, actor, "password_reset", name)
        return self.get(name)

    # -- signing in -----------------------------------------------------------------------------

    def authenticate(self, name: str, password: str, now: datetime | None = None) -> SignIn:
        """Check a local sign-in; records the success or failure (and its delay) and audits it."""
        now = now or _now()
        name = name.strip()
        with self._read() as con:
            row = con.execute("select * from users where user_name = ?", [name]).fetchone()
            failed = con.execute("select * from sign_in_failures where user_name = ?", [name]).fetchone()
        if failed is not None and _parse(failed["locked_until"]) > now:
            self.audit("sign_in_failed", name, "locked: attempt before the delay of the last failure ran out")
            return SignIn(None, "locked", failed["delay_seconds"], _parse(failed["locked_until"]), failed["failures"])
        stored_hash = row["password_hash"] if row is not None and row["password_hash"] else _DUMMY_HASH
        try:
            matches = _hasher.verify(stored_hash, password) and row is not None and bool(row["password_hash"])
        except (VerificationError, InvalidHashError):
            matches = False
        if not matches:
            return self._record_failure(name, now)
        user = _user(row)
        if user.disabled:
            self.audit("sign_in_failed", name, "disabled user")
            return SignIn(None, "disabled")
        with self._write() as con:
            con.execute("delete from sign_in_failures where user_name = ?", [name])
            if _hasher.check_needs_rehash(stored_hash):
                con.execute("update users set password_hash = ? where user_name = ?", [_hasher.hash(password), name])
            self._log(con, name, "sign_in", "local account")
        return SignIn(user)

    def _record_failure(self, name: str, now: datetime) -> SignIn:
        with self._write() as con:
            row = con.execute("select failures from sign_in_failures where user_name = ?", [name]).fetchone()
            failures = (row["failures"] if row else 0) + 1
            delay = failure_delay(failures)
            locked_until = now + timedelta(seconds=delay)
            con.execute(
                "insert into sign_in_failures (user_name, failures, last_failed_at, delay_seconds, locked_until) "
                "values (?, ?, ?, ?, ?) on conflict (user_name) do update set failures = excluded.failures, "
                "last_failed_at = excluded.last_failed_at, delay_seconds = excluded.delay_seconds, "
                "locked_until = excluded.locked_until",
                [name, failures, _stamp(now), delay, _stamp(locked_until)],
            )
            self._log(
                con, name, "sign_in_failed", f"wrong user name or password (failure {failures}, locked {delay:g} s)"
            )
        return SignIn(None, "wrong", delay, locked_until, failures)

    # -- audit log ------------------------------------------------------------------------------

    @staticmethod
    def _log(con, user_name: str, event: str, what: str = "", filters: str = "") -> None:
        con.execute(
            "insert into audit_log (at, user_name, event, what, filters) values (?, ?, ?, ?, ?)",
            [_stamp(_now()), user_name, event, what, filters],
        )

    def audit(self, event: str, user_name: str, what: str = "", filters: str = "") -> None:
        """Append one entry to the audit log (who, what happened, to what, with which filters)."""
        with self._write() as con:
            self._log(con, user_name, event, what, filters)

    def audit_log(self, limit: int | None = None) -> pl.DataFrame:
        """The audit log, newest first: at, user_name, event, what, filters."""
        sql = "select at, user_name, event, what, filters from audit_log order by audit_id desc"
        with self._read() as con:
            rows = [tuple(r) for r in con.execute(sql + (" limit ?" if limit else ""), [limit] if limit else [])]
        schema = {"at": pl.String, "user_name": pl.String, "event": pl.String, "what": pl.String, "filters": pl.String}
        return pl.DataFrame(rows, schema=schema, orient="row")


def _describe(role: str, region_ids, team_ids) -> str:
    if region_ids:
        return f"{role} of regions {', '.join(region_ids)}"
    if team_ids:
        return f"{role} of teams {', '.join(team_ids)}"
    return role
