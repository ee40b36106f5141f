"""Users, roles and the audit log in the store (issue 9.5, 9.7): the `users` command round trip, argon2 hashes,
the growing delay after failed sign-ins, disabled users, and passwords that reach no log, audit row or export."""

from __future__ import annotations

import io
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipelines.__main__ import main
from pipelines.queries.filters import Filters, Period, Scope
from pipelines.retro.store import SCHEMA_VERSION, RetroKey, RetroStore
from pipelines.users import UserError, Users, failure_delay, scope_of
from ui.auth import filters_text
from ui.exports import csv_bytes, excel_bytes

PASSWORD = "correct horse battery"


def run_cli(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "retro.sqlite"


def test_the_users_command_round_trip(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    s = str(store)
    assert run_cli(monkeypatch, "users", "list", "--store", s) == 0
    assert "demo mode" in capsys.readouterr().out
    assert not store.exists()  # listing creates nothing
    add = ("users", "add", "ann", "--role", "admin", "--password-stdin", "--store", s)
    assert run_cli(monkeypatch, *add, stdin=PASSWORD + "\n") == 0
    assert "sign-in is now on" in capsys.readouterr().out
    head = ("users", "add", "rhea", "--role", "region_head", "--region", "R02", "R01", "--email", "Rhea@Example.com")
    assert run_cli(monkeypatch, *head, "--password-stdin", "--store", s, stdin=PASSWORD + "x\n") == 0
    assert run_cli(monkeypatch, "users", "set-scope", "rhea", "--region", "R03", "--store", s) == 0
    assert run_cli(monkeypatch, "users", "set-role", "rhea", "team_lead", "--team", "T010", "--store", s) == 0
    assert run_cli(monkeypatch, "users", "disable", "rhea", "--store", s) == 0
    reset = ("users", "reset-password", "ann", "--password-stdin", "--store", s)
    assert run_cli(monkeypatch, *reset, stdin="a new password 2\n") == 0
    capsys.readouterr()
    assert run_cli(monkeypatch, "users", "list", "--store", s) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [
        "ann\tadmin\tall\t-\tactive",
        "rhea\tteam_lead\tT010\trhea@example.com\tdisabled",
    ]

    users = Users(store)
    rhea = users.get("rhea")
    assert rhea.role == "team_lead" and rhea.team_ids == ("T010",) and rhea.region_ids == () and rhea.disabled
    assert users.by_email("RHEA@example.com") == rhea
    assert users.authenticate("ann", PASSWORD).reason == "wrong"  # the reset replaced it
    events = users.audit_log()["event"].to_list()[::-1]
    assert events == [
        "user_added",
        "user_added",
        "scope_changed",
        "role_changed",
        "user_disabled",
        "password_reset",
        "sign_in_failed",
    ]
    assert users.audit_log()["user_name"][-1].startswith("cli")

    # Errors are one line, exit 1, nothing changed.
    assert run_cli(monkeypatch, "users", "add", "x", "--role", "region_head", "--password-stdin", "--store", s) == 1
    assert "needs at least one region" in capsys.readouterr().err
    assert run_cli(monkeypatch, *add, stdin=PASSWORD + "\n") == 1
    assert "already exists" in capsys.readouterr().err
    assert (
        run_cli(
            monkeypatch, "users", "add", "y", "--role", "director", "--password-stdin", "--store", s, stdin="short\n"
        )
        == 1
    )
    assert "at least 8 characters" in capsys.readouterr().err
    assert run_cli(monkeypatch, "users", "disable", "nobody", "--store", s) == 1

    # The password is nowhere in clear: not in the output, the logs, the store file or an export of the audit log.
    out = capsys.readouterr()
    for secret in (PASSWORD, PASSWORD + "x", "a new password 2"):
        assert secret not in out.out + out.err + caplog.text
        assert secret.encode() not in store.read_bytes()
        for sidecar in store.parent.glob("retro.sqlite*"):
            assert secret.encode() not in sidecar.read_bytes()
        assert secret not in users.audit_log().write_csv()
        assert secret.encode() not in csv_bytes(users.audit_log())
        assert secret.encode() not in excel_bytes(users.audit_log(), "audit-log", [])


def test_the_hash_is_argon2id_and_never_leaves_the_store(store: Path) -> None:
    users = Users(store)
    user = users.add("ann", "admin", PASSWORD)
    with sqlite3.connect(store) as con:
        (stored,) = con.execute("select password_hash from users where user_name = 'ann'").fetchone()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert "argon2" not in repr(user) and not hasattr(user, "password_hash")
    assert users.authenticate("ann", PASSWORD).user == user


def test_a_wrong_password_is_rejected_and_each_further_failure_waits_longer(store: Path) -> None:
    users = Users(store)
    users.add("ann", "admin", PASSWORD)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    first = users.authenticate("ann", "wrong password", now=start)
    assert not first.ok and first.reason == "wrong" and first.delay_seconds == 1.0
    assert first.locked_until == start + timedelta(seconds=1)
    # Inside the delay even the right password is refused, and the count does not move.
    early = users.authenticate("ann", PASSWORD, now=start + timedelta(milliseconds=500))
    assert not early.ok and early.reason == "locked" and users.failures("ann")["failures"] == 1
    later = start + timedelta(seconds=2)
    second = users.authenticate("ann", "wrong again", now=later)
    assert second.reason == "wrong" and second.delay_seconds > first.delay_seconds
    assert second.locked_until - later > first.locked_until - start
    # Recorded in the store: a restart (a new Users on the same file) keeps the count and the lock.
    recorded = Users(store).failures("ann")
    assert recorded["failures"] == 2 and recorded["delay_seconds"] == 2.0
    assert datetime.fromisoformat(recorded["locked_until"].replace("Z", "+00:00")) == later + timedelta(seconds=2)
    assert [failure_delay(n) for n in (1, 2, 3, 4, 20)] == [1, 2, 4, 8, 300]
    # After the delay the right password signs in and clears the count.
    assert users.authenticate("ann", PASSWORD, now=later + timedelta(seconds=3)).ok
    assert users.failures("ann") is None
    # An unknown name is refused and delayed the same way.
    unknown = users.authenticate("mallory", PASSWORD, now=later)
    assert unknown.reason == "wrong" and unknown.delay_seconds == 1.0
    log = users.audit_log()
    assert log.filter(log["event"] == "sign_in_failed").height == 4 and log["event"][0] == "sign_in_failed"


def test_a_disabled_user_cannot_sign_in(store: Path) -> None:
    users = Users(store)
    users.add("dan", "director", PASSWORD)
    users.disable("dan")
    result = users.authenticate("dan", PASSWORD)
    assert not result.ok and result.reason == "disabled"
    users.disable("dan", False)
    assert users.authenticate("dan", PASSWORD).ok


def test_scopes_follow_the_role(store: Path) -> None:
    users = Users(store)
    rhea = users.add("rhea", "region_head", PASSWORD, region_ids=("R02", "R01"))
    tess = users.add("tess", "team_lead", PASSWORD, team_ids=("T010",))
    assert scope_of(rhea) == Scope(region_ids=("R01", "R02"))
    assert scope_of(tess) == Scope(team_ids=("T010",))
    assert scope_of(users.add("dan", "director", PASSWORD)) == Scope() == scope_of(None)
    with pytest.raises(UserError, match="sees everything"):
        users.set_scope("dan", region_ids=("R01",))
    with pytest.raises(UserError, match="unknown role"):
        users.add("x", "king", PASSWORD)


def test_an_existing_retrospective_store_is_migrated_and_keeps_its_items(store: Path) -> None:
    with sqlite3.connect(store) as con:
        con.execute("create table schema_version (version integer not null)")
        from pipelines.retro.store import MIGRATIONS

        for statement in MIGRATIONS[0]:
            con.execute(statement)
        con.execute("insert into schema_version values (1)")
    RetroStore(store).add_item(RetroKey(datetime(2026, 11, 2).date()), "kept")
    users = Users(store)
    assert users.store.schema_version() == SCHEMA_VERSION == 2 and not users.has_users()
    assert [i.what for i in users.store.items(RetroKey(datetime(2026, 11, 2).date()))] == ["kept"]


def test_the_audit_filters_say_period_comparison_and_effective_scope() -> None:
    period = Period(datetime(2026, 11, 2).date(), datetime(2026, 11, 15).date())
    filters = Filters(period, period.previous(), team_ids=("T010",), scope=Scope(region_ids=("R01",)))
    assert filters_text(filters) == (
        "period 2026-11-02–2026-11-15; compared with 2026-10-19–2026-11-01; region=R01&team=T010"
    )
