"""Validating a source against the input data contract (SPEC §2 "Bad input").

`check_source` loads every table into `raw_<table>` (see `pipelines.source`) and runs the
checks in DuckDB: errors stop the build, warnings are stored in the warehouse and shown
in the app. Every finding names the table, the column, the check, the number of offending
rows and the first few of them with their row numbers and values.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import duckdb

from pipelines import contract
from pipelines.config import Config, load_config
from pipelines.source import (
    ROW_NUMBERS_NOTE,
    LoadedTable,
    SourceError,
    TableLoader,
    bad_column,
    create_empty_raw_table,
    locate_tables,
    money_format_sql,
    quote_ident,
    raw_table_name,
)

ERROR = "error"
WARNING = "warning"
MAX_EXAMPLES = 5
PRINCIPAL_TOLERANCE = 0.01  # installments must sum to the principal within 1% (SPEC §2)

_TYPE_MESSAGES = {
    contract.DATE: "not a date (YYYY-MM-DD)",
    contract.TIMESTAMP: "not a timestamp (YYYY-MM-DD HH:MM:SS)",
    contract.INTEGER: "not a whole number",
    contract.MONEY: "not an amount (a plain decimal such as 1234.56)",
    contract.RATE: "not a rate (a decimal number such as 0.085)",
}


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the source: a check that failed on some rows (or on the whole table)."""

    severity: str  # "error" or "warning"
    table: str
    column: str | None  # None for table-level findings
    check: str
    count: int  # offending rows; 0 for table-level findings
    examples: list[tuple[int, str]] = field(default_factory=list)  # (row number, value as text), first rows first
    message: str = ""

    @property
    def location(self) -> str:
        if not self.table:
            return "source"
        if self.column is None:
            return self.table
        return f"{self.table}.({self.column})" if "," in self.column else f"{self.table}.{self.column}"

    @property
    def example_text(self) -> str:
        text = ", ".join(f"{row} ({_show(value)})" for row, value in self.examples)
        return text + (", …" if self.count > len(self.examples) else "")

    def format(self) -> str:
        """One line: `error: loans.principal [negative] 2 rows: a negative amount — rows 5 (-100.00), 9 (-3.50)`."""
        line = f"{self.severity}: {self.location} [{self.check}] "
        if self.count:
            line += f"{self.count:,} {'row' if self.count == 1 else 'rows'}: "
        line += self.message
        if self.examples:
            line += f" — {'row' if len(self.examples) == 1 else 'rows'} {self.example_text}"
        return line


@dataclass
class ValidationReport:
    """The outcome of checking a source: findings, and the rows loaded per table."""

    source: Path
    findings: list[Finding] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self) -> str:
        """The human report: a summary line, then one line per finding (errors first)."""
        n_errors, n_warnings = len(self.errors), len(self.warnings)
        counts = f"{_plural(n_errors, 'error')}, {_plural(n_warnings, 'warning')}"
        size = f"{_plural(len(self.row_counts), 'table')}, {_plural(sum(self.row_counts.values()), 'row')}"
        if self.ok:
            summary = f"Source {self.source} is valid: {size}; {counts}."
        else:
            summary = f"Source {self.source} is not valid: {counts} ({size} read). Errors stop the build."
        lines = [summary]
        if any(f.examples for f in self.findings):
            lines.append(ROW_NUMBERS_NOTE)
        lines += [f.format() for f in self.errors + self.warnings]
        return "\n".join(lines)

    def to_rows(self) -> list[dict]:
        """Findings as rows for the warehouse's data-quality table."""
        return [
            {
                "severity": f.severity,
                "table_name": f.table,
                "column_name": f.column,
                "check_name": f.check,
                "row_count": f.count,
                "example_rows": f.example_text,
                "message": f.message,
            }
            for f in self.findings
        ]


@dataclass(frozen=True)
class DateRange:
    """The dates a source may hold (SPEC §2 plausibility): [earliest, latest], both inclusive."""

    earliest: date
    latest: date

    @classmethod
    def from_config(cls, config: Config | None = None, build_day: date | None = None) -> DateRange:
        """earliest_date to the build day (today by default) plus latest_days_after_build days."""
        config = config or load_config()
        build_day = build_day or date.today()
        return cls(config.earliest_date, build_day + timedelta(days=config["validation"]["latest_days_after_build"]))


def check_source(
    source: Path,
    con: duckdb.DuckDBPyConnection | None = None,
    progress: bool = False,
    *,
    config: Config | None = None,
    build_day: date | None = None,
) -> ValidationReport:
    """Load `source` into `raw_<table>` tables of `con` (a private in-memory DuckDB if None) and check it.

    Dates are checked against the configuration's plausible range (`[validation]`), counted
    from `build_day` (today by default), so `check` and `build` on the same day agree.
    """
    started = time.perf_counter()
    dates = DateRange.from_config(config, build_day)
    source = Path(source)
    report = ValidationReport(source)
    private = con is None
    if private:
        # Larger-than-memory sources spill to a private temporary folder, removed afterwards.
        spill = tempfile.TemporaryDirectory(prefix="loan-dashboard-check-")
        con = duckdb.connect(config={"temp_directory": spill.name})
        con.execute("SET enable_progress_bar = false")
    try:
        try:
            layout = locate_tables(source)
        except SourceError as exc:
            report.findings.append(Finding(ERROR, "", None, "missing_source", 0, [], str(exc)))
            return report
        if progress:
            print(f"Reading {source}", file=sys.stderr)
        loaded = _load_tables(con, layout, report, progress)
        checks_started = time.perf_counter()
        _Checks(con, loaded, report, dates).run()
        for name, table in contract.TABLES.items():
            raw = quote_ident(raw_table_name(name))
            present = {r[0] for r in con.execute(f"DESCRIBE {raw}").fetchall()}
            for column in table.columns:
                if bad_column(column.name) in present:
                    con.execute(f"ALTER TABLE {raw} DROP COLUMN {quote_ident(bad_column(column.name))}")
        if progress:
            print(f"  checks {time.perf_counter() - checks_started:28.1f}s", file=sys.stderr)
    finally:
        if private:
            con.close()
            spill.cleanup()
        report.seconds = time.perf_counter() - started
    order = {name: i for i, name in enumerate(contract.TABLE_ORDER)}
    report.findings.sort(key=lambda f: (f.severity != ERROR, order.get(f.table, -1)))
    return report


def _load_tables(
    con: duckdb.DuckDBPyConnection, layout, report: ValidationReport, progress: bool
) -> dict[str, LoadedTable | None]:
    """Load every contract table; a table that cannot be used is an empty raw table and None here."""
    loaded: dict[str, LoadedTable | None] = {}
    loader = TableLoader(con, progress=progress)
    try:
        for name, table in contract.TABLES.items():
            loaded[name] = None
            if name in layout.conflicts:
                files = " and ".join(p.name for p in layout.conflicts[name])
                report.findings.append(
                    Finding(ERROR, name, None, "duplicate_file", 0, [], f"the source has both {files}; keep one")
                )
            elif name not in layout.files:
                if not table.optional:
                    near = [n for n in layout.names if Path(n).stem.strip().lower() == name and n != name]
                    hint = f"; found {near[0]!r}: names are case-sensitive, files .csv or .parquet" if near else ""
                    report.findings.append(
                        Finding(
                            ERROR,
                            name,
                            None,
                            "missing_table",
                            0,
                            [],
                            f"the source has no {name} table "
                            f"(expected {name}.csv, {name}.parquet or a sheet named {name}){hint}",
                        )
                    )
            else:
                try:
                    loaded[name] = loader.load(layout.files[name], table)
                except SourceError as exc:
                    report.findings.append(
                        Finding(
                            ERROR,
                            name,
                            None,
                            "unreadable_file",
                            0,
                            [],
                            f"cannot read {layout.files[name].label}: {exc}",
                        )
                    )
            if loaded[name] is not None:
                report.row_counts[name] = loaded[name].rows
            else:
                create_empty_raw_table(con, table)
                if table.optional and name not in layout.files and name not in layout.conflicts:
                    report.row_counts[name] = 0
        for table_loaded in loaded.values():
            if table_loaded is not None and table_loaded.file.kind == "csv":
                loader.fix_csv_line_numbers(table_loaded)
    finally:
        loader.close()
    for name, table_loaded in loaded.items():
        if table_loaded is None:
            continue
        for column in table_loaded.missing_columns:
            hint = _near_miss(column, table_loaded.header)
            report.findings.append(
                Finding(
                    ERROR,
                    name,
                    column,
                    "missing_column",
                    0,
                    [],
                    f"{table_loaded.file.label} has no column {column}{hint}",
                )
            )
        for column in table_loaded.duplicate_columns:
            report.findings.append(
                Finding(
                    ERROR,
                    name,
                    column,
                    "duplicate_column",
                    0,
                    [],
                    f"{table_loaded.file.label} has the column {column} more than once",
                )
            )
    return loaded


@dataclass
class _Check:
    """One check: a condition over a FROM clause in which the reported table is aliased `t`."""

    severity: str
    table: str
    column: str | None
    check: str
    where: str
    value: str  # SQL for the offending value shown in the examples
    message: str


_Group = tuple[str, list[_Check]]  # checks sharing one FROM clause, counted in one scan


class _Checks:
    """Builds the checks that apply, given what loaded, and runs them.

    Each query counts several checks in one scan; only a check that fails pays for a second
    query fetching its first rows. Checks that depend on a table or column that did not load
    are skipped rather than reported as a flood of misleading findings.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        loaded: dict[str, LoadedTable | None],
        report: ValidationReport,
        dates: DateRange,
    ):
        self.con = con
        self.dates = dates
        self.loaded = loaded
        self.report = report
        self.params: dict[str, object] = {}
        self.unique_keys: set[str] = set()  # tables whose primary key was checked and is unique

    def usable(self, table: str, *columns: str) -> bool:
        """Whether a table (and these columns of it) loaded, so checks relying on them make sense."""
        if table not in self.loaded:
            return False
        table_loaded = self.loaded[table]
        if table_loaded is None:
            # An absent optional table is an empty table: every check on it passes.
            return contract.TABLES[table].optional and not any(f.table == table for f in self.report.errors)
        return not set(columns) & set(table_loaded.missing_columns + table_loaded.duplicate_columns)

    def param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def run(self) -> None:
        tables = [table for name, table in contract.TABLES.items() if self.usable(name)]
        # Two round trips for a valid source: values and key uniqueness, then references and
        # warnings (which join on keys known to be unique where possible).
        keyed = [t for t in tables if t.primary_key and self.usable(t.name, *t.primary_key)]
        # An absent optional table is empty and has no `_bad_` columns: nothing to check in its values.
        groups = [(f"{_raw(t.name)} AS t", self.column_checks(t)) for t in tables if self.loaded[t.name]]
        _, extra_rows = self._count(groups, [self.key_probe(t) for t in keyed])
        for table, extra in zip(keyed, extra_rows, strict=True):
            if not extra or not self._count([self.duplicate_keys(table)])[0]:
                self.unique_keys.add(table.name)
        groups = [self.references(t, c) for t in tables for c in t.columns if c.references]
        groups += [self.disbursed_without_loan(), self.installments_principal()]
        self._count([g for g in groups if g is not None])

    def column_checks(self, table: contract.Table) -> list[_Check]:
        """Checks on one value at a time: type, money precision, not null, enumeration, sign, range."""
        checks: list[_Check] = []
        for column in table.columns:
            if not self.usable(table.name, column.name):
                continue
            c = f"t.{quote_ident(column.name)}"
            bad = f"t.{quote_ident(bad_column(column.name))}"

            def add(check: str, where: str, value: str, message: str, column: contract.Column = column) -> None:
                checks.append(_Check(ERROR, table.name, column.name, check, where, value, message))

            if column.type == contract.MONEY:
                money_format = money_format_sql(bad)
                add(
                    "type",
                    f"{bad} IS NOT NULL AND ({c} IS NULL OR NOT {money_format})",
                    bad,
                    _TYPE_MESSAGES[column.type],
                )
                add(
                    "money_precision",
                    f"{bad} IS NOT NULL AND {c} IS NOT NULL AND {money_format}",
                    bad,
                    "money has more than 2 decimals",
                )
            elif column.type != contract.TEXT:
                add("type", f"{bad} IS NOT NULL", bad, _TYPE_MESSAGES[column.type])
            if not column.nullable:
                if column.type == contract.TEXT:
                    # All spaces is empty too; a CASE keeps trim() off the values that start with a letter.
                    add(
                        "not_null",
                        f"CASE WHEN {c} < '!' THEN trim({c}) = '' ELSE {c} IS NULL END",
                        c,
                        "empty, but a value is required",
                    )
                else:
                    add("not_null", f"{c} IS NULL AND {bad} IS NULL", "''", "empty, but a value is required")
            if column.enum:
                add(
                    "enum",
                    f"NOT list_contains({self.param(list(column.enum))}, {c})",
                    c,
                    f"not one of {', '.join(column.enum)}",
                )
            if column.non_negative:
                add(
                    "negative",
                    f"{c} < 0",
                    c,
                    "a negative amount" if column.type == contract.MONEY else "a negative value",
                )
            if column.type in (contract.DATE, contract.TIMESTAMP):
                day = f"CAST({c} AS DATE)"
                earliest, latest = self.param(self.dates.earliest), self.param(self.dates.latest)
                if (table.name, column.name) in _TERM_BOUNDED:
                    # The upper bound (the loan's term after disbursement) is checked along the loan reference.
                    add("date_out_of_range", f"{day} < {earliest}", c, f"before {self.dates.earliest}")
                else:
                    add(
                        "date_out_of_range",
                        f"{day} < {earliest} OR {day} > {latest}",
                        c,
                        f"outside the plausible dates {self.dates.earliest} to {self.dates.latest}",
                    )
            if column.min_value is not None or column.max_value is not None:
                bounds = []
                if column.min_value is not None:
                    bounds.append(f"{c} < {self.param(column.min_value)}")
                if column.max_value is not None:
                    bounds.append(f"{c} > {self.param(column.max_value)}")
                if column.min_value is not None and column.max_value is not None:
                    message = f"outside {column.min_value}–{column.max_value}"
                elif column.min_value is not None:
                    message = f"below the minimum {column.min_value}"
                else:
                    message = f"above the maximum {column.max_value}"
                add("out_of_range", " OR ".join(bounds), c, message)
        return checks

    def key_probe(self, table: contract.Table) -> str:
        """SQL counting the rows beyond the first of each primary key value (0 when the key is unique).

        Counting distinct 64-bit hashes is much cheaper than grouping the keys. Equal keys have
        equal hashes, so 0 proves the key unique; a hash collision only costs the exact query.
        """
        cols = ", ".join(quote_ident(k) for k in table.primary_key)
        not_null = " AND ".join(f"{quote_ident(k)} IS NOT NULL" for k in table.primary_key)
        return f"SELECT count(*) - count(DISTINCT hash({cols})) FROM {_raw(table.name)} WHERE {not_null}"

    def duplicate_keys(self, table: contract.Table) -> _Group:
        key = table.primary_key
        cols = ", ".join(quote_ident(k) for k in key)
        not_null = " AND ".join(f"{quote_ident(k)} IS NOT NULL" for k in key)
        duplicated = f"SELECT {cols} FROM {_raw(table.name)} WHERE {not_null} GROUP BY ALL HAVING count(*) > 1"
        value = "concat_ws(', ', " + ", ".join(f"CAST(t.{quote_ident(k)} AS VARCHAR)" for k in key) + ")"
        label = key[0] if len(key) == 1 else f"({', '.join(key)})"
        message = f"{label} is not unique (the same key on several rows)"
        return (
            f"{_raw(table.name)} AS t SEMI JOIN ({duplicated}) AS d USING ({cols})",
            [_Check(ERROR, table.name, ", ".join(key), "duplicate_key", "true", value, message)],
        )

    def references(self, table: contract.Table, column: contract.Column) -> _Group | None:
        """A dangling foreign key, and the date check that joins along the same key."""
        parent, parent_column = column.references.split(".")
        if not (self.usable(table.name, column.name) and self.usable(parent, parent_column)):
            return None
        c = f"t.{quote_ident(column.name)}"
        p = f"p.{quote_ident(parent_column)}"
        dangling = _Check(
            ERROR,
            table.name,
            column.name,
            "foreign_key",
            f"{c} IS NOT NULL AND {p} IS NULL",
            c,
            f"no {parent}.{parent_column} matches",
        )
        timing = _TIMING.get((table.name, column.name))
        if timing is None or not (self.usable(table.name, timing[0]) and self.usable(parent, timing[1])):
            return (
                f"(SELECT * FROM {_raw(table.name)} WHERE {quote_ident(column.name)} IS NOT NULL) AS t "
                f"ANTI JOIN {_raw(parent)} AS p ON {c} = {p}",
                [replace(dangling, where=f"{c} IS NOT NULL")],
            )
        child_time, parent_time, check, message, label = timing
        when, then = f"t.{quote_ident(child_time)}", f"p.{quote_ident(parent_time)}"
        term_checks = []
        if (
            (table.name, child_time) in _TERM_BOUNDED
            and parent in self.unique_keys
            and self.usable(parent, "term_months")
        ):
            term = "p.term_months"
            term_checks.append(
                _Check(
                    ERROR,
                    table.name,
                    child_time,
                    "date_out_of_range",
                    f"{term} >= 1 AND {when} > {then} + to_months(CAST({term} AS INTEGER))",
                    f"concat({when}, '; loan disbursed ', {then}, ' for ', {term}, ' months')",
                    "due after the loan's term (disbursement plus term_months)",
                )
            )
        if parent in self.unique_keys:
            parent_rows = f"{_raw(parent)} AS p"
        else:  # a duplicated parent key would count its children twice
            parent_rows = (
                f"(SELECT {quote_ident(parent_column)}, min({quote_ident(parent_time)}) AS {quote_ident(parent_time)} "
                f"FROM {_raw(parent)} GROUP BY ALL) AS p"
            )
        return (
            f"{_raw(table.name)} AS t LEFT JOIN {parent_rows} ON {c} = {p}",
            [
                dangling,
                _Check(
                    ERROR,
                    table.name,
                    child_time,
                    check,
                    f"{when} < {then}",
                    f"concat({when}, '; {label} ', {then})",
                    message,
                ),
                *term_checks,
            ],
        )

    def disbursed_without_loan(self) -> _Group | None:
        if not (self.usable("lead_events", "lead_id", "stage") and self.usable("loans", "lead_id")):
            return None
        lead_id, stage = quote_ident("lead_id"), quote_ident("stage")
        return (
            # Filtering before the join keeps the join to the few disbursed events.
            f"(SELECT * FROM {_raw('lead_events')} WHERE {stage} = {self.param('disbursed')}) AS t "
            f"ANTI JOIN {_raw('loans')} AS l ON t.{lead_id} = l.{lead_id}",
            [
                _Check(
                    WARNING,
                    "lead_events",
                    "lead_id",
                    "disbursed_without_loan",
                    f"t.{lead_id} IS NOT NULL",
                    f"t.{lead_id}",
                    "a disbursed event, but no loan has this lead_id",
                )
            ],
        )

    def installments_principal(self) -> _Group | None:
        if not (
            self.usable("loans", "loan_id", "principal") and self.usable("installments", "loan_id", "principal_due")
        ):
            return None
        loan_id, principal, due = quote_ident("loan_id"), quote_ident("principal"), quote_ident("principal_due")
        schedule = f"SELECT {loan_id}, sum({due}) AS {due} FROM {_raw('installments')} GROUP BY {loan_id}"
        return (
            f"{_raw('loans')} AS t LEFT JOIN ({schedule}) AS i ON t.{loan_id} = i.{loan_id}",
            [
                _Check(
                    WARNING,
                    "loans",
                    "principal",
                    "installments_principal_mismatch",
                    f"t.{loan_id} IS NOT NULL AND t.{principal} IS NOT NULL AND (i.{loan_id} IS NULL OR "
                    f"abs(i.{due} - t.{principal}) > {self.param(PRINCIPAL_TOLERANCE)} * t.{principal})",
                    f"CASE WHEN i.{loan_id} IS NULL THEN concat('principal ', t.{principal}, '; no installments') "
                    f"ELSE concat('principal ', t.{principal}, '; installments sum to ', i.{due}) END",
                    "the installments' principal_due does not sum to the principal within 1%",
                )
            ],
        )

    def _count(self, groups: list[_Group], scalars: list[str] = ()) -> tuple[int, list]:
        """Count every check of `groups` in one query (one scan per FROM clause) and report the failing ones.

        `scalars` are extra single-value queries answered in the same round trip. Returns the
        number of failing checks and the scalars' values. Only a check that fails pays for a
        second query, fetching its first rows.
        """
        groups = [(from_sql, checks) for from_sql, checks in groups if checks]
        parts = [
            f"(SELECT [{', '.join(f'count_if({c.where})' for c in checks)}] FROM {from_sql})"
            for from_sql, checks in groups
        ] + [f"({scalar})" for scalar in scalars]
        if not parts:
            return 0, []
        answers = self._query(f"SELECT {', '.join(parts)}")[0]
        failed = 0
        for (from_sql, checks), counts in zip(groups, answers, strict=False):
            for check, count in zip(checks, counts, strict=True):
                if count:
                    failed += 1
                    self._report(from_sql, check, count)
        return failed, list(answers[len(groups) :])

    def _report(self, from_sql: str, check: _Check, count: int) -> None:
        examples = self._query(
            f"SELECT t._row, CAST({check.value} AS VARCHAR) FROM {from_sql} WHERE {check.where} "
            f"ORDER BY t._row LIMIT {MAX_EXAMPLES}"
        )
        self.report.findings.append(
            Finding(check.severity, check.table, check.column, check.check, count, list(examples), check.message)
        )

    def _query(self, sql: str) -> list[tuple]:
        used = {name: self.params[name] for name in set(re.findall(r"\$(p\d+)\b", sql))}
        return self.con.execute(sql, used).fetchall()


# A child that must not come before its parent: (child table, key) →
# (child time column, parent time column, check, message, how the example names the parent time).
_TIMING = {
    ("lead_events", "lead_id"): (
        "occurred_at",
        "created_at",
        "event_before_lead",
        "the event occurred before its lead was created",
        "lead created",
    ),
    ("payments", "loan_id"): (
        "paid_date",
        "disbursed_date",
        "payment_before_disbursement",
        "paid before the loan was disbursed",
        "loan disbursed",
    ),
    ("installments", "loan_id"): (
        "due_date",
        "disbursed_date",
        "installment_before_disbursement",
        "due before the loan was disbursed",
        "loan disbursed",
    ),
}


# Dates whose upper bound is the loan's term after disbursement rather than the build day.
_TERM_BOUNDED = {("installments", "due_date")}


def _raw(table: str) -> str:
    return quote_ident(raw_table_name(table))


def _near_miss(column: str, header: list[str]) -> str:
    close = [name for name in header if name.strip().lower() == column.lower()]
    return f" (found {close[0]!r}; column names are case-sensitive)" if close else ""


def _show(value: str | None) -> str:
    if value is None or value == "":
        return "empty"
    if len(value) > 60:
        value = value[:59] + "…"
    if value != value.strip() or "\n" in value:
        return repr(value)
    return value


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
