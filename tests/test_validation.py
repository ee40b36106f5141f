"""Validation (SPEC §2 "Bad input"): every error class stops `check` and `build`, every warning is reported.

Each case breaks one thing in a copy of the tiny source and states what the report must say:
the table, the column, the check, the number of offending rows and the first of them with
their row numbers (the header is row 1, so the n-th data row is row n + 1).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines import contract
from pipelines.__main__ import main
from pipelines.validate import Finding, ValidationReport, check_source
from tests.conftest import REPO
from tests.tiny_source import (
    TINY,
    append_row,
    delete_rows,
    drop_column,
    set_value,
    write_parquet,
    write_tiny_source,
)


@dataclass(frozen=True)
class Expect:
    """What one line of the report must say."""

    location: str  # "table" or "table.column"
    check: str
    count: int | None = None  # None for table-level findings
    examples: tuple[tuple[int, str], ...] = ()
    says: str = ""  # a fragment of the message, for table-level findings
    more: bool = False  # more offending rows than examples shown

    def matches(self, line: str, severity: str = "error") -> bool:
        head = f"{severity}: {self.location} [{self.check}] "
        if not line.startswith(head) or self.says not in line:
            return False
        if self.count is None:
            return True
        rows = ", ".join(f"{row} ({value})" for row, value in self.examples)
        tail = f" — {'row' if len(self.examples) == 1 else 'rows'} {rows}" + (", …" if self.more else "")
        return line.startswith(f"{head}{self.count} {'row' if self.count == 1 else 'rows'}: ") and line.endswith(tail)


def _one_error(table: str, column: str, check: str, edits: list[tuple[int, str]], shown: list[str] | None = None):
    """Break `column` of `table` on some data rows; expect one `check` finding listing those rows."""

    def breaker(folder: Path) -> Expect:
        rows = [set_value(folder, table, data_row, column, value) for data_row, value in edits]
        values = shown or [value for _, value in edits]
        return Expect(f"{table}.{column}", check, len(rows), tuple(zip(rows, values, strict=True)))

    return breaker


def _missing_table(folder: Path) -> Expect:
    (folder / "payments.csv").unlink()
    return Expect(
        "payments",
        "missing_table",
        says="the source has no payments table (expected payments.csv, payments.parquet or a sheet named payments)",
    )


def _missing_column(folder: Path) -> Expect:
    drop_column(folder, "leads", "created_at")
    return Expect("leads.created_at", "missing_column", says="leads.csv has no column created_at")


def _duplicate_file(folder: Path) -> Expect:
    write_parquet(folder / "leads.parquet", "leads", TINY["leads"][1])
    return Expect("leads", "duplicate_file", says="leads.csv and leads.parquet")


def _duplicate_lead_id(folder: Path) -> Expect:
    row = set_value(folder, "leads", 10, "lead_id", "L09")  # the 9th data row is L09 already
    return Expect("leads.lead_id", "duplicate_key", 2, ((row - 1, "L09"), (row, "L09")))


def _duplicate_installment(folder: Path) -> Expect:
    row = set_value(folder, "installments", 2, "installment_no", "1")  # LN1 has installment 1 on the 1st data row
    return Expect("installments.(loan_id, installment_no)", "duplicate_key", 2, ((row - 1, "LN1, 1"), (row, "LN1, 1")))


def _duplicate_target(folder: Path) -> Expect:
    row = set_value(folder, "targets", 5, "month", "2025-01-01")  # now the same key as the 1st data row
    return Expect(
        "targets.(month, team_id, product_line)",
        "duplicate_key",
        2,
        ((2, "2025-01-01, T1, credit"), (row, "2025-01-01, T1, credit")),
    )


def _event_before_lead(folder: Path) -> Expect:
    row = set_value(folder, "lead_events", 1, "occurred_at", "2025-01-06 09:00:00")  # L01 was created at 09:15
    return Expect(
        "lead_events.occurred_at",
        "event_before_lead",
        1,
        ((row, "2025-01-06 09:00:00; lead created 2025-01-06 09:15:00"),),
    )


def _payment_before_disbursement(folder: Path) -> Expect:
    row = set_value(folder, "payments", 6, "paid_date", "2025-02-19")  # PM06 pays LN3, disbursed 2025-02-20
    return Expect(
        "payments.paid_date", "payment_before_disbursement", 1, ((row, "2025-02-19; loan disbursed 2025-02-20"),)
    )


def _installment_before_disbursement(folder: Path) -> Expect:
    row = set_value(folder, "installments", 15, "due_date", "2025-04-06")  # LN5 was disbursed 2025-04-07
    return Expect(
        "installments.due_date",
        "installment_before_disbursement",
        1,
        ((row, "2025-04-06; loan disbursed 2025-04-07"),),
    )


def _installment_after_term(folder: Path) -> Expect:
    # LN5: disbursed 2025-04-07 for 3 months, so due dates may run to 2025-07-07 (its 3rd installment's
    # date, allowed) and not one day later.
    row = set_value(folder, "installments", 17, "due_date", "2025-07-08")
    return Expect(
        "installments.due_date",
        "date_out_of_range",
        1,
        ((row, "2025-07-08; loan disbursed 2025-04-07 for 3 months"),),
    )


def _disbursed_in_1900(folder: Path) -> Expect:
    # LN5's payments and installments then fall after its term too; the disbursement date is reported on its own.
    row = set_value(folder, "loans", 5, "disbursed_date", "1900-04-07")
    return Expect("loans.disbursed_date", "date_out_of_range", 1, ((row, "1900-04-07"),))


def _many_dangling_channels(folder: Path) -> Expect:
    rows = [set_value(folder, "leads", i, "channel_id", "C9") for i in range(1, 11)]
    return Expect("leads.channel_id", "foreign_key", 10, tuple((r, "C9") for r in rows[:5]), more=True)


ERROR_CASES: dict[str, Callable[[Path], Expect]] = {
    "missing_table": _missing_table,
    "missing_column": _missing_column,
    "duplicate_file": _duplicate_file,
    "type_date_no_such_day": _one_error("officers", "hire_date", "type", [(3, "2022-06-31")]),
    "type_date_shape": _one_error("customers", "created_date", "type", [(2, "15/08/2024")]),
    "type_date_with_time": _one_error("loans", "disbursed_date", "type", [(2, "2025-01-27 10:00:00")]),
    "type_timestamp": _one_error("leads", "created_at", "type", [(5, "2025-02-03 9am")]),
    "type_timestamp_zone": _one_error("lead_events", "occurred_at", "type", [(3, "2025-01-10T10:00:00+08:00")]),
    "type_integer": _one_error("customers", "credit_score", "type", [(1, "82.5")]),
    "type_money": _one_error("payments", "amount", "type", [(4, "30,850.00")]),
    "type_money_exponent": _one_error("payments", "amount", "type", [(4, "3.085e4")]),
    "type_rate": _one_error("loans", "annual_rate", "type", [(2, "6.5%")]),
    "money_precision": _one_error("installments", "principal_due", "money_precision", [(12, "83333.333")]),
    "not_null_text": _one_error("leads", "officer_id", "not_null", [(7, "")], shown=["empty"]),
    "not_null_spaces": _one_error("regions", "region_name", "not_null", [(2, "   ")], shown=["'   '"]),
    "not_null_date": _one_error("loans", "disbursed_date", "not_null", [(5, "")], shown=["empty"]),
    "duplicate_key": _duplicate_lead_id,
    "duplicate_key_composite": _duplicate_installment,
    "duplicate_key_with_a_date": _duplicate_target,
    "foreign_key": _one_error("leads", "officer_id", "foreign_key", [(7, "O9")]),
    "foreign_key_nullable": _one_error("loans", "lead_id", "foreign_key", [(5, "L99")]),
    "foreign_key_many_rows": _many_dangling_channels,
    "enum": _one_error("teams", "team_type", "enum", [(2, "Channel")]),
    "enum_stage": _one_error("lead_events", "stage", "enum", [(4, "approval")]),
    "negative_amount": _one_error("payments", "amount", "negative", [(5, "-5.00"), (9, "-7.50")]),
    "negative_principal": _one_error("loans", "principal", "negative", [(1, "-100")], shown=["-100.00"]),
    "negative_rate": _one_error("loans", "annual_rate", "negative", [(3, "-0.01")]),
    "out_of_range_score": _one_error("customers", "credit_score", "out_of_range", [(4, "101")]),
    "out_of_range_term": _one_error("loans", "term_months", "out_of_range", [(3, "0")]),
    "out_of_range_installment_no": _one_error("installments", "installment_no", "out_of_range", [(1, "0")]),
    "event_before_lead": _event_before_lead,
    # Plausible dates (issue 9): from 2000-01-01 to the build day plus one day.
    "date_far_future": _one_error("payments", "paid_date", "date_out_of_range", [(4, "9999-12-31")]),
    "date_next_century": _one_error("leads", "created_at", "date_out_of_range", [(3, "2126-11-20 10:00:00")]),
    "date_before_2000": _one_error("customers", "created_date", "date_out_of_range", [(2, "1999-12-31")]),
    "date_1900_disbursement": _disbursed_in_1900,
    "installment_after_term": _installment_after_term,
    "payment_before_disbursement": _payment_before_disbursement,
    "installment_before_disbursement": _installment_before_disbursement,
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_source(tmp_path_factory.mktemp("tiny") / "source")


def broken_copy(tiny: Path, tmp_path: Path, case: str) -> tuple[Path, Expect]:
    folder = tmp_path / "broken"
    shutil.copytree(tiny, folder)
    return folder, ERROR_CASES[case](folder)


def check(source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--source", str(source)])
    return code, capsys.readouterr().out.splitlines()


def test_the_tiny_source_is_valid(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(tiny, capsys)
    assert code == 0, lines
    assert lines == [f"Source {tiny} is valid: 13 tables, 125 rows; 0 errors, 0 warnings."]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_check_reports_each_error_and_exits_non_zero(
    case: str, tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken, expect = broken_copy(tiny, tmp_path, case)
    code, lines = check(broken, capsys)
    assert code == 1
    assert lines[0].startswith(f"Source {broken} is not valid: ")
    assert any(expect.matches(line) for line in lines), f"expected {expect} in:\n" + "\n".join(lines)


def test_check_in_a_subprocess(tiny: Path, tmp_path: Path) -> None:
    broken, expect = broken_copy(tiny, tmp_path, "negative_amount")
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "check", "--source", str(broken)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "error: payments.amount [negative] 2 rows: a negative amount — rows 6 (-5.00), 10 (-7.50)" in lines
    assert any(expect.matches(line) for line in lines)
    assert any(line.startswith("Row numbers count the header as row 1") for line in lines)


def test_findings_are_structured_too(tiny: Path, tmp_path: Path) -> None:
    broken, _ = broken_copy(tiny, tmp_path, "negative_amount")
    report = check_source(broken)
    assert not report.ok and report.warnings == []
    [finding] = report.errors
    assert finding == Finding(
        "error", "payments", "amount", "negative", 2, [(6, "-5.00"), (10, "-7.50")], "a negative amount"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.count = 3  # type: ignore[misc]
    assert report.to_rows() == [
        {
            "severity": "error",
            "table_name": "payments",
            "column_name": "amount",
            "check_name": "negative",
            "row_count": 2,
            "example_rows": "6 (-5.00), 10 (-7.50)",
            "message": "a negative amount",
        }
    ]


def test_checks_that_depend_on_a_failed_table_are_skipped(tiny: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(tiny, broken)
    (broken / "loans.csv").unlink()
    drop_column(broken, "leads", "lead_id")
    report = check_source(broken)
    found = {(f.table, f.column, f.check) for f in report.findings}
    # Only the causes are reported: no dangling keys towards the missing table or column,
    # no payment-before-disbursement, no disbursed-without-loan, no principal mismatch.
    assert found == {("loans", None, "missing_table"), ("leads", "lead_id", "missing_column")}


def test_a_missing_source_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(tmp_path / "nowhere", capsys)
    assert code == 1
    assert any(line.startswith("error: source [missing_source]") and "does not exist" in line for line in lines)


# Warnings: reported, but `check` exits 0 and the build goes ahead and stores them.


def _disbursed_without_loan(folder: Path) -> Expect:
    row = append_row(folder, "lead_events", ("L06", "disbursed", "2025-02-20 10:00:00", ""))
    return Expect("lead_events.lead_id", "disbursed_without_loan", 1, ((row, "L06"),))


def _installments_short(folder: Path) -> Expect:
    set_value(folder, "installments", 4, "principal_due", "20000.00")  # LN1: 110,000 of 120,000
    return Expect(
        "loans.principal",
        "installments_principal_mismatch",
        1,
        ((2, "principal 120000.00; installments sum to 110000.00"),),
    )


def _no_installments(folder: Path) -> Expect:
    delete_rows(folder, "installments", lambda row: row["loan_id"] != "LN5")
    return Expect(
        "loans.principal", "installments_principal_mismatch", 1, ((6, "principal 80000.00; no installments"),)
    )


WARNING_CASES: dict[str, Callable[[Path], Expect]] = {
    "disbursed_without_loan": _disbursed_without_loan,
    "installments_principal_mismatch": _installments_short,
    "no_installments": _no_installments,
}


@pytest.mark.parametrize("case", WARNING_CASES)
def test_warnings_do_not_stop_check(case: str, tiny: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "warned"
    shutil.copytree(tiny, folder)
    expect = WARNING_CASES[case](folder)
    code, lines = check(folder, capsys)
    assert code == 0, lines
    assert lines[0].startswith(f"Source {folder} is valid: ") and lines[0].endswith("; 0 errors, 1 warning.")
    assert any(expect.matches(line, "warning") for line in lines), "\n".join(lines)


def test_installments_within_one_percent_are_fine(tiny: Path, tmp_path: Path) -> None:
    folder = tmp_path / "close"
    shutil.copytree(tiny, folder)
    set_value(folder, "installments", 4, "principal_due", "29000.00")  # LN1: 119,000 of 120,000 is 0.83% short
    assert check_source(folder).findings == []


def test_the_build_stores_warnings_in_the_data_quality_table(tiny: Path, tmp_path: Path) -> None:
    from pipelines.build import build

    folder = tmp_path / "warned"
    shutil.copytree(tiny, folder)
    _disbursed_without_loan(folder)
    _no_installments(folder)
    db = tmp_path / "warehouse.duckdb"
    build(folder, db)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select severity, table_name, column_name, check_name, row_count, example_rows from meta_data_quality "
        "order by check_name"
    ).fetchall()
    assert rows == [
        ("warning", "lead_events", "lead_id", "disbursed_without_loan", 1, "42 (L06)"),
        (
            "warning",
            "loans",
            "principal",
            "installments_principal_mismatch",
            1,
            "6 (principal 80000.00; no installments)",
        ),
    ]


# A failed build leaves the current warehouse exactly as it was.


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file, link and folder under `folder`: a link's target, a file's hash and modification time."""
    entries: dict[str, tuple] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.name == "build.lock":
            continue  # each build writes its process id into the lock file; it is not part of the warehouse
        if path.is_symlink():
            entries[name] = ("link", os.readlink(path))
        elif path.is_file():
            entries[name] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        else:
            entries[name] = ("folder",)
    return entries


@pytest.fixture(scope="module")
def warehouse(tiny: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple]]:
    """A good warehouse built from the tiny source, and a snapshot of its folder."""
    from pipelines.build import build

    db = tmp_path_factory.mktemp("current") / "warehouse.duckdb"
    build(tiny, db)
    return db, snapshot(db.parent)


def assert_unchanged(warehouse: tuple[Path, dict[str, tuple]]) -> None:
    db, before = warehouse
    # Same bytes, same modification time, and no temporary file left anywhere next to it.
    assert snapshot(db.parent) == before
    assert duckdb.connect(str(db), read_only=True).execute("select count(*) from fct_loans").fetchall() == [(5,)]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_a_failed_build_leaves_the_warehouse_unchanged(
    case: str, tiny: Path, tmp_path: Path, warehouse: tuple[Path, dict[str, tuple]], capsys: pytest.CaptureFixture[str]
) -> None:
    broken, expect = broken_copy(tiny, tmp_path, case)
    code = main(["build", "--source", str(broken), "--db", str(warehouse[0]), "--quiet"])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    assert any(expect.matches(line) for line in lines), "\n".join(lines)
    assert_unchanged(warehouse)


def test_a_failed_build_in_a_subprocess(tiny: Path, tmp_path: Path, warehouse: tuple[Path, dict[str, tuple]]) -> None:
    broken, expect = broken_copy(tiny, tmp_path, "payment_before_disbursement")
    result = subprocess.run(
        [sys.executable, "-m", "pipelines", "build", "--source", str(broken), "--db", str(warehouse[0])],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert any(expect.matches(line) for line in result.stderr.splitlines()), result.stderr
    assert_unchanged(warehouse)


def test_check_source_leaves_typed_raw_tables_in_the_connection(tiny: Path) -> None:
    con = duckdb.connect()
    report = check_source(tiny, con)
    assert isinstance(report, ValidationReport) and report.ok
    for table in contract.TABLES.values():
        columns = con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = ? order by column_index",
            [f"raw_{table.name}"],
        ).fetchall()
        expected = [(c.name, contract.DUCKDB_TYPES[c.type]) for c in table.columns] + [("_row", "BIGINT")]
        assert columns == expected, table.name
        rows = con.execute(f'select _row from "raw_{table.name}" order by _row').fetchall()
        assert [r[0] for r in rows] == list(range(2, len(TINY[table.name][1]) + 2))
        assert report.row_counts[table.name] == len(TINY[table.name][1])
