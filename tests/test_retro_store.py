"""The retrospective store: schema on first use, scopes, optimistic concurrency, carry-forward, durability."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipelines.build import build
from pipelines.queries.filters import Filters, Period, Scope
from pipelines.retro.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    STORE_ENV,
    ConflictError,
    RetroKey,
    RetroStore,
    StoreError,
    StoreVersionError,
    backup,
    marker_path,
    restore,
    scope_text,
    store_path,
    verify,
)
from tests.conftest import REPO
from tests.damaged_stores import DAMAGES, damaged_store, make_store, snapshot
from tests.factory import loan, schedule, write_source

P1 = date(2026, 10, 19)  # three consecutive biweekly periods (anchor 2024-01-01 + 14k days)
P2 = date(2026, 11, 2)
P3 = date(2026, 11, 16)
COMPANY_P1, COMPANY_P2, COMPANY_P3 = RetroKey(P1), RetroKey(P2), RetroKey(P3)


@pytest.fixture
def store(tmp_path: Path) -> RetroStore:
    return RetroStore(tmp_path / "retro.sqlite")


def run_python(code: str, *args: str) -> str:
    """Run `code` in a fresh interpreter (a "restarted app") and return its stdout."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- schema and location ------------------------------------------------------------------------


def test_a_missing_store_is_created_on_the_first_write_in_wal_mode_and_recorded(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "retro.sqlite"
    store = RetroStore(path)
    # Opening and reading create nothing: a missing store reads as an empty one.
    assert store.items(COMPANY_P2) == [] and store.summary(COMPANY_P2).version == 0
    assert store.schema_version() == SCHEMA_VERSION == 2
    assert not path.exists() and not marker_path(path).exists()
    store.add_item(COMPANY_P2, "the first write")
    assert path.exists()
    with sqlite3.connect(path) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    assert {"schema_version", "retrospectives", "action_items"} <= tables
    marker = json.loads(marker_path(path).read_text(encoding="utf-8"))
    assert marker["store"] == str(path.resolve()) and marker["created_at"].startswith("20")
    # Opening again runs no migration twice: still one row per version.
    RetroStore(path)
    with sqlite3.connect(path) as con:
        assert con.execute("select count(*) from schema_version").fetchone()[0] == SCHEMA_VERSION
    assert not [p.name for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_a_store_that_disappears_after_its_creation_is_reported_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    store = RetroStore(path)
    store.add_item(COMPANY_P2, "written before the file went away")
    path.unlink()
    for action in (lambda: RetroStore(path), lambda: store.items(COMPANY_P2), lambda: store.add_item(COMPANY_P2, "x")):
        with pytest.raises(StoreError, match="but is missing now") as caught:
            action()
        assert caught.value.kind == "missing" and str(path) in str(caught.value)
        assert "python -m pipelines store restore FILE" in str(caught.value)
    assert not path.exists()
    # Deleting the marker, as the message says, starts a new store on the next write.
    marker_path(path).unlink()
    RetroStore(path).add_item(COMPANY_P2, "a new store")
    assert [i.what for i in RetroStore(path).items(COMPANY_P2)] == ["a new store"]


def test_a_store_made_before_markers_gets_one_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    RetroStore(path).add_item(COMPANY_P2, "kept")
    marker_path(path).unlink()
    RetroStore(path)
    marker = json.loads(marker_path(path).read_text(encoding="utf-8"))
    assert marker["created_at"] is None and marker["first_seen_at"]
    path.unlink()
    with pytest.raises(StoreError, match="created on an unknown date but is missing now"):
        RetroStore(path)


@pytest.mark.parametrize("case", sorted(DAMAGES))
def test_a_damaged_store_gives_its_sentence_and_is_not_written(case: str, tmp_path: Path) -> None:
    path = damaged_store(tmp_path / "retro.sqlite", case)
    before = snapshot(path)
    _, kind, phrase = DAMAGES[case]
    with pytest.raises(StoreError) as caught:
        RetroStore(path)
    message = str(caught.value)
    assert caught.value.kind == kind and phrase in message, message
    assert f"`{path}`" in message and "\n" not in message and message.count(". ") == 0  # one sentence
    assert message.endswith(".")
    assert ("restore FILE --store" in message) or ("move the folder away" in message)
    assert snapshot(path) == before


@pytest.mark.parametrize("case", ["garbage", "zero_bytes", "folder"])
def test_a_store_damaged_while_open_raises_store_error_on_use_and_is_not_written(case: str, tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    store = RetroStore(path)
    damaged_store(path, case)
    before = snapshot(path)
    for action in (
        store.check,
        lambda: store.items(COMPANY_P2),
        lambda: store.add_item(COMPANY_P2, "must not be written"),
        lambda: store.save_summary(COMPANY_P3, "must not be written", 0),
    ):
        with pytest.raises(StoreError, match=str(path)):
            action()
    assert snapshot(path) == before


def test_first_use_by_several_sessions_at_once_creates_the_schema_once(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    barrier = threading.Barrier(4)
    failures: list[Exception] = []

    def open_store() -> None:
        barrier.wait()
        try:
            RetroStore(path).add_item(COMPANY_P2, "from a session")
        except Exception as exc:  # reported below, with the others
            failures.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with sqlite3.connect(path) as con:
        assert con.execute("select version from schema_version").fetchall() == [
            (v,) for v in range(1, SCHEMA_VERSION + 1)
        ]
    assert len(RetroStore(path).items(COMPANY_P2)) == 4


def _first_opens(directory: str, name: str, rounds: int, barrier, errors) -> None:
    """One process of the test below: in each round, open a store nobody has created yet, at the same moment as the
    other processes, read it, write to it, open it again."""
    for r in range(rounds):
        barrier.wait(timeout=120)
        path = Path(directory) / f"round{r}.sqlite"
        try:
            store = RetroStore(path)
            store.items(COMPANY_P2)
            store.add_item(COMPANY_P2, f"{name} round {r}")
            RetroStore(path).summary(COMPANY_P2)
        except Exception as exc:  # reported by the test, with the round
            errors.put(f"{name} round {r}: {exc!r}")


def test_simultaneous_first_opens_from_processes_never_fail(tmp_path: Path) -> None:
    # 6 processes × 60 rounds = 360 first opens (the issue saw `database is locked` 7 times in 360).
    n, rounds = 6, 60
    ctx = multiprocessing.get_context("spawn")
    barrier, errors = ctx.Barrier(n), ctx.Queue()
    workers = [
        ctx.Process(target=_first_opens, args=(str(tmp_path), f"p{k}", rounds, barrier, errors)) for k in range(n)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=600)
    assert [w.exitcode for w in workers] == [0] * n
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == []
    for r in range(rounds):
        path = tmp_path / f"round{r}.sqlite"
        assert sorted(i.what for i in RetroStore(path).items(COMPANY_P2)) == [f"p{k} round {r}" for k in range(n)]
        with sqlite3.connect(path) as con:
            assert con.execute("select version from schema_version").fetchall() == [
                (v,) for v in range(1, SCHEMA_VERSION + 1)
            ]
        assert marker_path(path).exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_a_store_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    RetroStore(path).add_item(COMPANY_P2, "created")
    with sqlite3.connect(path) as con:
        con.execute("insert into schema_version values (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreVersionError, match="newer than this app"):
        RetroStore(path)


def test_store_path_argument_then_environment_then_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert store_path() == Path("data/retro.sqlite")
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "env.sqlite"))
    assert store_path() == tmp_path / "env.sqlite"
    assert store_path(tmp_path / "arg.sqlite") == tmp_path / "arg.sqlite"
    assert RetroStore().path == tmp_path / "env.sqlite"


# -- which retrospective ------------------------------------------------------------------------


def test_scope_text_is_canonical_and_follows_the_access_scope() -> None:
    period = Period(P2, date(2026, 11, 15))
    assert scope_text(Filters(period)) == "all"
    # Values are sorted and levels come in a fixed order, whatever order they were picked in.
    assert scope_text(Filters(period, team_ids=("T010",), region_ids=("R02", "R01"))) == "region=R01,R02&team=T010"
    assert scope_text(Filters(period, product_lines=("credit",))) == "line=credit"
    # A regional head restricted to R01 who filters nothing holds the R01 meeting ...
    assert scope_text(Filters(period, scope=Scope(region_ids=("R01",)))) == "region=R01"
    # ... and a filter inside the access scope is narrowed to it.
    assert scope_text(Filters(period, region_ids=("R01", "R02"), scope=Scope(region_ids=("R01",)))) == "region=R01"
    # The comparison period does not change which meeting it is.
    assert scope_text(Filters(period, comparison=period.previous())) == "all"
    assert RetroKey.for_filters(P2, Filters(period, region_ids=("R01",))) == RetroKey(P2, "region=R01")


def test_each_scope_has_its_own_summary_and_items(store: RetroStore) -> None:
    region = RetroKey(P2, "region=R01")
    store.save_summary(COMPANY_P2, "company notes", 0, author="Director")
    store.save_summary(region, "R01 notes", 0, author="Head R01")
    store.add_item(region, "Call the R01 branches", owner="Head R01")
    assert store.summary(COMPANY_P2).text == "company notes"
    assert store.summary(region).text == "R01 notes"
    assert store.items(COMPANY_P2) == []
    assert [i.what for i in store.items(region)] == ["Call the R01 branches"]


# -- summaries and optimistic concurrency -------------------------------------------------------


def test_summary_versions_count_the_saves(store: RetroStore) -> None:
    empty = store.summary(COMPANY_P2)
    assert (empty.text, empty.version, empty.saved_at) == ("", 0, None)
    first = store.save_summary(COMPANY_P2, "Volume up, quality down in R06.", 0, author="Alice")
    assert first.version == 1
    second = store.save_summary(COMPANY_P2, "Volume up, quality down in R06. Act on O0003.", 1, author="Bob")
    assert second.version == 2
    stored = store.summary(COMPANY_P2)
    assert (stored.text, stored.version, stored.saved_by) == (second.text, 2, "Bob")


def test_the_later_of_two_concurrent_edits_raises_and_the_earlier_text_is_intact(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    alice_store, bob_store = RetroStore(path), RetroStore(path)  # two app sessions, two connections
    alice_store.save_summary(COMPANY_P2, "draft", 0, author="Alice")
    alice_reads, bob_reads = alice_store.summary(COMPANY_P2), bob_store.summary(COMPANY_P2)
    assert alice_reads.version == bob_reads.version == 1

    alice_store.save_summary(COMPANY_P2, "Alice's summary", alice_reads.version, author="Alice")
    with pytest.raises(ConflictError) as caught:
        bob_store.save_summary(COMPANY_P2, "Bob's summary", bob_reads.version, author="Bob")

    conflict = caught.value
    assert conflict.saved_by == "Alice" and conflict.current_version == 2 and conflict.expected_version == 1
    assert conflict.current_text == "Alice's summary"
    assert "changed by Alice at " in str(conflict) and conflict.saved_at in str(conflict)
    assert alice_store.summary(COMPANY_P2).text == "Alice's summary"
    # Bob merges onto what he was given and saves over the version he now holds.
    merged = bob_store.save_summary(COMPANY_P2, conflict.current_text + " + Bob's point", conflict.current_version)
    assert merged.version == 3 and bob_store.summary(COMPANY_P2).text == "Alice's summary + Bob's point"


def test_two_first_saves_conflict_too(store: RetroStore) -> None:
    store.save_summary(COMPANY_P2, "first", 0, author="Alice")
    with pytest.raises(ConflictError) as caught:
        store.save_summary(COMPANY_P2, "second", 0, author="Bob")
    assert caught.value.current_text == "first"


def test_concurrent_edits_from_two_threads(tmp_path: Path) -> None:
    """Two threads read version 1, then both save at the same moment: exactly one wins, the other gets a conflict."""
    path = tmp_path / "retro.sqlite"
    RetroStore(path).save_summary(COMPANY_P2, "v1", 0)
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(name: str) -> None:
        store = RetroStore(path)
        seen = store.summary(COMPANY_P2)
        barrier.wait()
        try:
            store.save_summary(COMPANY_P2, f"by {name}", seen.version, author=name)
            outcome[name] = "saved"
        except ConflictError:
            outcome[name] = "conflict"

    threads = [threading.Thread(target=edit, args=(name,)) for name in ("Alice", "Bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.values()) == ["conflict", "saved"]
    winner = next(name for name, result in outcome.items() if result == "saved")
    stored = RetroStore(path).summary(COMPANY_P2)
    assert (stored.text, stored.version, stored.saved_by) == (f"by {winner}", 2, winner)


# Each writer appends its own lines, re-reading and retrying on conflict as the page does. If any
# save silently overwrote another, a line would be missing at the end.
HAMMER = """
import sys
from datetime import date
from pipelines.retro.store import ConflictError, RetroKey, RetroStore

path, name, saves = sys.argv[1], sys.argv[2], int(sys.argv[3])
store, key = RetroStore(path), RetroKey(date(2026, 11, 2))
conflicts = 0
for n in range(saves):
    while True:
        current = store.summary(key)
        try:
            store.save_summary(key, current.text + f"{name}:{n}\\n", current.version, author=name)
            break
        except ConflictError:
            conflicts += 1
print(conflicts)
"""


def test_hammering_saves_from_processes_and_threads_loses_no_update(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    RetroStore(path)
    saves = 30
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", HAMMER, str(path), f"proc{k}", str(saves)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(2)
    ]

    def thread_writer(name: str) -> None:
        store = RetroStore(path)
        for n in range(saves):
            while True:
                current = store.summary(COMPANY_P2)
                try:
                    store.save_summary(COMPANY_P2, current.text + f"{name}:{n}\n", current.version, author=name)
                    break
                except ConflictError:
                    pass

    threads = [threading.Thread(target=thread_writer, args=(f"thread{k}",)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err

    stored = RetroStore(path).summary(COMPANY_P2)
    lines = stored.text.splitlines()
    writers = ["proc0", "proc1", "thread0", "thread1"]
    # 4 writers × 30 saves = 120 lines, each exactly once, each writer's in its own order; 120 saves = version 120.
    assert sorted(lines) == sorted(f"{w}:{n}" for w in writers for n in range(saves))
    for writer in writers:
        assert [line for line in lines if line.startswith(writer + ":")] == [f"{writer}:{n}" for n in range(saves)]
    assert stored.version == 4 * saves


# -- backup and restore -------------------------------------------------------------------------


def dump(path: Path) -> tuple[list[tuple], list[tuple]]:
    """Every row of the store's two tables, in key order."""
    con = sqlite3.connect(path)
    try:
        return (
            con.execute("select * from retrospectives order by period_start, scope").fetchall(),
            con.execute("select * from action_items order by item_id").fetchall(),
        )
    finally:
        con.close()


def run_store_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "store", *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_backup_then_restore_round_trips_notes_and_action_items(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    store = make_store(path)
    first = store.items(COMPANY_P2)[0]
    store.update_item(replace(first, notes=["called 3 of 5"]), author="Li Wei")
    store.carry(store.item(first.item_id), COMPANY_P3, author="Li Wei")
    saved = dump(path)
    assert len(saved[0]) == 1 and len(saved[1]) == 3  # one summary; two items and a carried copy

    copy = tmp_path / "backups" / "retro-2026-11-20.sqlite"
    message = backup(copy, path)
    assert message == f"backed up {path} to {copy}: 1 retrospective summaries, 3 action items"
    assert dump(copy) == saved
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    with sqlite3.connect(copy) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "delete"

    # Later work, then the restore: the store is as it was backed up, the later state kept beside it.
    store.save_summary(COMPANY_P3, "written after the backup", 0)
    store.add_item(COMPANY_P3, "added after the backup")
    later = dump(path)
    message = restore(copy, path)
    assert message.startswith(f"restored {path} from {copy}: 1 retrospective summaries, 3 action items")
    assert dump(path) == saved
    assert store.summary(COMPANY_P3).version == 0 and [i.notes for i in store.items(COMPANY_P2)][0] == ["called 3 of 5"]
    (kept,) = tmp_path.glob("retro.sqlite.before-restore-*")
    assert dump(kept) == later and f"kept as {kept}" in message
    marker = json.loads(marker_path(path).read_text(encoding="utf-8"))
    assert marker["restored_from"] == str(copy.resolve())
    # The restored store is in WAL mode like a new one, and writable.
    with sqlite3.connect(path) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    RetroStore(path).add_item(COMPANY_P3, "after the restore")


def test_the_store_commands_back_up_and_restore(tmp_path: Path) -> None:
    path, copy = tmp_path / "retro.sqlite", tmp_path / "copy.sqlite"
    saved = dump(make_store(path).path)
    done = run_store_cli("backup", "--out", str(copy), "--store", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"backed up {path} to {copy}: 1 retrospective summaries, 2 action items"
    path.write_bytes(b"garbage" * 1000)  # the store is damaged: restore moves it aside
    done = run_store_cli("restore", str(copy), "--store", str(path))
    assert done.returncode == 0, done.stderr
    (aside,) = tmp_path.glob("retro.sqlite.damaged-*")
    assert f"the damaged store was moved to {aside}" in done.stdout and aside.read_bytes() == b"garbage" * 1000
    assert dump(path) == saved
    # A missing store is restored too (the marker says it existed; the restore puts it back).
    path.unlink()
    done = run_store_cli("restore", str(copy), "--store", str(path))
    assert done.returncode == 0, done.stderr
    assert dump(RetroStore(path).path) == saved


def test_a_backup_with_another_page_size_restores_into_a_live_store(tmp_path: Path) -> None:
    # SQLite's backup API cannot write into a WAL database of another page size: the copy is rewritten first.
    path, copy, source = tmp_path / "retro.sqlite", tmp_path / "copy.sqlite", tmp_path / "source.sqlite"
    make_store(path)
    con = sqlite3.connect(source, isolation_level=None)  # a store made elsewhere, with 1 KiB pages
    con.execute("pragma page_size = 1024")
    con.execute("create table schema_version (version integer not null)")
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("insert into schema_version values (1)")
    con.close()
    RetroStore(source).add_item(COMPANY_P3, "from the 1 KiB store")
    backup(copy, source)
    with sqlite3.connect(copy) as con:
        assert con.execute("pragma page_size").fetchone()[0] == 1024
    restore(copy, path)
    assert [i.what for i in RetroStore(path).items(COMPANY_P3)] == ["from the 1 KiB store"]
    assert RetroStore(path).items(COMPANY_P2) == []


@pytest.mark.parametrize("case", sorted(set(DAMAGES) - {"folder"}))
def test_restore_refuses_a_damaged_backup_and_leaves_the_store_unchanged(case: str, tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    make_store(path)
    bad = damaged_store(tmp_path / "bad" / "backup.sqlite", case)
    before, bad_before = snapshot(path), snapshot(bad)
    with pytest.raises(StoreError) as caught:
        restore(bad, path)
    assert caught.value.kind == "bad_backup" and "nothing was restored" in str(caught.value)
    with pytest.raises(StoreError) as opened:
        verify(bad)  # what opening it as a store says is what the refusal says
    assert f"`{bad}`" in str(caught.value) and opened.value.detail in str(caught.value)
    assert case != "newer_schema" or f"schema version {SCHEMA_VERSION + 1}, newer than" in str(caught.value)
    done = run_store_cli("restore", str(bad), "--store", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: The backup `{bad}` is not a usable retrospective store")
    assert snapshot(path) == before and snapshot(bad) == bad_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "retro.sqlite", "retro.sqlite.created"]


def test_backing_up_a_damaged_or_missing_store_says_so(tmp_path: Path) -> None:
    path = damaged_store(tmp_path / "retro.sqlite", "truncated")
    done = run_store_cli("backup", "--out", str(tmp_path / "copy.sqlite"), "--store", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr and "is damaged" in done.stderr
    assert not (tmp_path / "copy.sqlite").exists()
    with pytest.raises(StoreError, match="no retrospective store at .* to back up yet"):
        backup(tmp_path / "copy.sqlite", tmp_path / "never.sqlite")


# -- action items -------------------------------------------------------------------------------


def test_adding_items_never_conflicts(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    RetroStore(path)
    barrier = threading.Barrier(4)

    def add(k: int) -> None:
        store = RetroStore(path)
        barrier.wait()
        for n in range(10):
            store.add_item(COMPANY_P2, f"item {k}-{n}", owner=f"owner {k}")

    threads = [threading.Thread(target=add, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    items = RetroStore(path).items(COMPANY_P2)
    assert sorted(i.what for i in items) == sorted(f"item {k}-{n}" for k in range(4) for n in range(10))
    assert {(i.status, i.version) for i in items} == {("open", 1)}


def test_item_edits_are_versioned(store: RetroStore) -> None:
    added = store.add_item(COMPANY_P2, "Review T010's funnel", owner="Zhang", due_date=date(2026, 11, 30))
    assert (added.status, added.version, added.due_date) == ("open", 1, date(2026, 11, 30))
    assert store.item(added.item_id) == added

    alice_copy, bob_copy = store.item(added.item_id), store.item(added.item_id)
    alice_copy.owner = "Li"
    saved = store.update_item(alice_copy, author="Alice")
    assert saved.version == 2 and store.item(added.item_id).owner == "Li"

    bob_copy.what = "Review T010's funnel with the team"
    with pytest.raises(ConflictError) as caught:
        store.update_item(bob_copy, author="Bob")
    assert caught.value.saved_by == "Alice" and caught.value.current_item.owner == "Li"
    assert store.item(added.item_id).what == "Review T010's funnel"  # Bob's edit did not land ...
    # ... and an explicit expected_version that is current saves.
    bob_copy.owner = "Li"
    assert store.update_item(bob_copy, expected_version=2).version == 3
    assert store.item(added.item_id).what == "Review T010's funnel with the team"


def test_bad_statuses_and_empty_items_are_refused(store: RetroStore) -> None:
    with pytest.raises(ValueError, match="needs a description"):
        store.add_item(COMPANY_P2, "  ")
    item = store.add_item(COMPANY_P2, "x")
    item.status = "finished"
    with pytest.raises(ValueError, match="unknown action item status"):
        store.update_item(item)


def test_closing_and_dropping(store: RetroStore) -> None:
    done = store.close(store.add_item(COMPANY_P1, "Fix the pricing sheet"), author="Alice")
    dropped = store.drop(store.add_item(COMPANY_P1, "Old idea"))
    assert (store.item(done.item_id).status, done.version) == ("done", 2)
    assert store.item(dropped.item_id).status == "dropped"
    assert store.open_items_before(COMPANY_P2) == []  # neither is open any more


# -- carry forward ------------------------------------------------------------------------------


def test_open_items_carry_forward_to_the_next_retrospective(store: RetroStore) -> None:
    calls = store.add_item(COMPANY_P1, "Call R06 borrowers at MOB 3", owner="Risk", due_date=date(2026, 11, 6))
    coach = store.add_item(COMPANY_P1, "Coach O0003 on quality", owner="Head T001")
    store.close(store.add_item(COMPANY_P1, "Send targets", owner="Finance"))  # done: must NOT come back
    store.add_item(RetroKey(P1, "region=R01"), "R01's own item")  # another scope: must NOT come back
    own = store.add_item(COMPANY_P2, "Agreed in P2 itself")  # same meeting, not earlier: must NOT come back

    waiting = store.open_items_before(COMPANY_P2)
    assert [i.what for i in waiting] == [calls.what, coach.what]
    assert store.open_items_before(COMPANY_P1) == []  # nothing before the first meeting

    carried = store.carry(waiting[0], COMPANY_P2, author="Director")
    assert (carried.period_start, carried.status, carried.version) == (P2, "open", 1)
    assert carried.carried_from == calls.item_id
    assert (carried.what, carried.owner, carried.due_date) == (calls.what, "Risk", date(2026, 11, 6))
    assert store.item(calls.item_id).status == "carried"
    store.close(waiting[1])  # closed in P2's meeting

    # P2's meeting now lists its own item and the carried copy; P1's items are no longer waiting (one
    # carried, one done), and P3 will open with P2's two open items, the carried work appearing once.
    assert [i.item_id for i in store.items(COMPANY_P2)] == [own.item_id, carried.item_id]
    assert store.open_items_before(COMPANY_P2) == []
    assert [i.item_id for i in store.open_items_before(COMPANY_P3)] == [own.item_id, carried.item_id]


def test_carry_refuses_stale_closed_backwards_and_cross_scope_moves(store: RetroStore) -> None:
    item = store.add_item(COMPANY_P2, "Something")
    with pytest.raises(ValueError, match="later retrospective"):
        store.carry(item, COMPANY_P1)
    with pytest.raises(ValueError, match="later retrospective"):
        store.carry(item, COMPANY_P2)
    with pytest.raises(ValueError, match="same scope"):
        store.carry(item, RetroKey(P3, "region=R01"))
    renamed = store.update_item(replace(store.item(item.item_id), what="Something else"))
    with pytest.raises(ConflictError):
        store.carry(item, COMPANY_P3)  # `item` is version 1; the stored one is version 2
    store.carry(renamed, COMPANY_P3)
    with pytest.raises(ConflictError):
        store.carry(renamed, COMPANY_P3)  # carried already: its version moved on
    done = store.close(store.add_item(COMPANY_P2, "Done thing"))
    with pytest.raises(ValueError, match="only open items"):
        store.carry(done, COMPANY_P3)
    assert len(store.items(COMPANY_P3)) == 1


# -- durability ---------------------------------------------------------------------------------

WRITE = """
import sys
from datetime import date
from pipelines.retro.store import RetroKey, RetroStore

store, key = RetroStore(sys.argv[1]), RetroKey(date(2026, 11, 2), "region=R06")
store.save_summary(key, "R06 delinquency keeps rising; 催收 first.", 0, author="Director")
store.add_item(key, "Collections plan for R06", owner="Risk", due_date=date(2026, 11, 30))
"""

READ = """
import sys
from datetime import date
from pipelines.retro.store import RetroKey, RetroStore

store, key = RetroStore(sys.argv[1]), RetroKey(date(2026, 11, 2), "region=R06")
print(store.summary(key).text)
for item in store.items(key):
    print(item.what, item.owner, item.due_date, item.status, item.version, sep="|")
"""


def test_a_new_process_sees_what_another_saved(tmp_path: Path) -> None:
    path = tmp_path / "retro.sqlite"
    run_python(WRITE, str(path))  # the app that wrote has exited
    key = RetroKey(P2, "region=R06")
    store = RetroStore(path)
    assert store.summary(key).text == "R06 delinquency keeps rising; 催收 first."
    store.close(store.items(key)[0])
    # A restarted app (another fresh process) reads both the first app's and this one's writes.
    assert run_python(READ, str(path)).splitlines() == [
        "R06 delinquency keeps rising; 催收 first.",
        "Collections plan for R06|Risk|2026-11-30|done|2",
    ]


def test_the_store_survives_warehouse_rebuilds(tmp_path: Path) -> None:
    """The store sits next to the warehouse in data/; builds swap and prune their own files and leave it alone."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / "retro.sqlite"
    source = write_source(
        tmp_path / "source",
        loans=[loan("L1", principal=1200, disbursed_date="2026-09-15")],
        installments=schedule("L1", ["2026-10-15", "2026-11-15", "2026-12-15"], [400, 400, 400]),
    )
    build(source, data / "warehouse.duckdb")
    run_python(WRITE, str(path))
    before = RetroStore(path)
    key = RetroKey(P2, "region=R06")
    snapshot = (before.summary(key), before.items(key))

    # Rebuild with no grace period for superseded builds: new file swapped in, the old build file deleted.
    no_grace = tmp_path / "no_grace.toml"
    no_grace.write_text("[build]\nkeep_previous_seconds = 0\n")
    build(source, data / "warehouse.duckdb", config_path=no_grace)
    build(source, data / "warehouse.duckdb", config_path=no_grace)
    builds = list((data / ".warehouse.duckdb.builds").glob("*.duckdb"))
    assert len(builds) == 1  # the rebuilds did prune old warehouse files ...
    assert path.exists()  # ... and left the store alone
    after = RetroStore(path)
    assert (after.summary(key), after.items(key)) == snapshot
    assert run_python(READ, str(path)).splitlines()[0] == "R06 delinquency keeps rising; 催收 first."
