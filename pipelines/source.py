"""Reading a source: find its tables, then load each one into DuckDB as a typed `raw_<table>`.

A source is a folder with one `<table>.csv` or `<table>.parquet` per table, or an Excel
workbook with one sheet per table (SPEC §2). Every table is loaded in one pass:
the file is read as text (or as its native Parquet types), each column is cast to its
contract type with `try_cast`, and next to each typed column a hidden `_bad_<column>`
keeps the original text of the values that are not valid for their type, so that
validation can report them. Validation drops the `_bad_*` columns when it is done.

`_row` is the row number as the user sees it: the header is row 1 and the first data
row is row 2 (CSV: the line number; Excel: the sheet row; Parquet: the record number + 1).
"""

from __future__ import annotations

import csv
import re
import sys
import time
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pyarrow as pa

from pipelines import contract

FOLDER_FORMATS = {".csv": "csv", ".parquet": "parquet"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

ROW_NUMBERS_NOTE = (
    "Row numbers count the header as row 1, so row 2 is the first data row "
    "(CSV: the line number; Excel: the sheet row; Parquet: the record number + 1)."
)

# Strict RFC 4180 CSV: comma-separated, double quotes, no sniffing (the sniffer guesses wrong on
# ragged files and then silently reads nothing).
_CSV_OPTIONS = "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true"

# What each logical type accepts, as SQL over the text `{v}` and its `try_cast` result `{t}`.
# DuckDB's casts are lenient where leniency would hide a mistake ('85.5' becomes the integer 86,
# '2024-01-05 10:00' the date 2024-01-05, a time zone offset is dropped, '1234.567' rounds to
# the cent), so each type also checks the shape of the text, using cheap tests on the common
# shapes first because this runs on every value.
_VALID_TEXT: dict[str, str] = {
    contract.DATE: "{t} IS NOT NULL AND (length({v}) = 10 OR {v} LIKE '____-__-__ 00:00:00')",
    contract.TIMESTAMP: (
        "{t} IS NOT NULL AND ((length({v}) = 19 AND substr({v}, 17, 1) = ':') OR length({v}) = 10"
        r" OR regexp_full_match({v}, '\d{{4}}-\d{{2}}-\d{{2}}[ T]\d{{2}}:\d{{2}}:\d{{2}}\.\d{{1,9}}'))"
    ),
    contract.INTEGER: r"{t} IS NOT NULL AND (NOT contains({v}, '.') OR regexp_full_match({v}, '[+-]?\d+\.0*'))",
    # Correct to the cent; a value that went through a float (an Excel cell, a Parquet double)
    # may carry binary noise such as 1234.5600000000001, which is still 1234.56.
    contract.MONEY: (
        "{t} IS NOT NULL AND NOT (contains({v}, 'e') OR contains({v}, 'E'))"
        " AND (strpos({v}, '.') = 0 OR length({v}) - strpos({v}, '.') <= 2"
        " OR abs(try_cast({v} AS DOUBLE) * 100 - round(try_cast({v} AS DOUBLE) * 100))"
        " <= greatest(1e-6, abs(try_cast({v} AS DOUBLE)) * 1e-11))"
    ),
    contract.RATE: "isfinite({t})",
}
_MONEY_FORMAT = r"regexp_full_match({v}, '[+-]?(\d+(\.\d*)?|\.\d+)')"

# Parquet columns already stored with a fitting type are cast directly, without the text checks.
_NATIVE_OK: dict[str, re.Pattern[str]] = {
    contract.DATE: re.compile(r"DATE"),
    contract.TIMESTAMP: re.compile(r"TIMESTAMP"),
    contract.INTEGER: re.compile(r"(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)"),
    contract.MONEY: re.compile(r"DECIMAL\(\d+,[012]\)|TINYINT|SMALLINT|INTEGER|BIGINT"),
    contract.RATE: re.compile(r"DOUBLE|FLOAT|DECIMAL\(\d+,\d+\)"),
}


def money_format_sql(v: str) -> str:
    """SQL that is true when the text `v` is written as a plain decimal (the shape money must have)."""
    return _MONEY_FORMAT.format(v=v)


class SourceError(Exception):
    """The source, or one of its files, cannot be read at all."""


@dataclass(frozen=True)
class TableFile:
    """Where one table of a source lives."""

    table: str
    path: Path
    kind: str  # "csv", "parquet" or "xlsx"
    sheet: str | None = None

    @property
    def label(self) -> str:
        return f"sheet {self.sheet} of {self.path.name}" if self.sheet else self.path.name


@dataclass(frozen=True)
class SourceLayout:
    """The tables a source provides, and tables it provides more than once."""

    path: Path
    kind: str  # "folder" or "workbook"
    files: dict[str, TableFile]
    conflicts: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    names: tuple[str, ...] = ()  # every file or sheet name seen, for hints about near misses


@dataclass
class LoadedTable:
    """What loading one table found: its size, its header and the contract columns it lacks."""

    file: TableFile
    rows: int
    header: list[str]
    missing_columns: list[str]
    duplicate_columns: list[str]
    seconds: float = 0.0


def bad_column(column: str) -> str:
    """The hidden column that keeps the original text of invalid values of `column`."""
    return f"_bad_{column}"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def raw_table_name(table: str) -> str:
    return f"raw_{table}"


def locate_tables(source: Path) -> SourceLayout:
    """Find which file or sheet holds each contract table; extra files and sheets are ignored."""
    source = Path(source)
    if source.is_dir():
        found: dict[str, list[Path]] = {}
        for path in sorted(source.iterdir()):
            kind = FOLDER_FORMATS.get(path.suffix.lower())
            if kind and path.is_file() and path.stem in contract.TABLES:
                found.setdefault(path.stem, []).append(path)
        files = {
            name: TableFile(name, paths[0], FOLDER_FORMATS[paths[0].suffix.lower()])
            for name, paths in found.items()
            if len(paths) == 1
        }
        conflicts = {name: tuple(paths) for name, paths in found.items() if len(paths) > 1}
        names = tuple(p.name for p in source.iterdir())
        return SourceLayout(source, "folder", files, conflicts, names)
    if source.is_file() and source.suffix.lower() in WORKBOOK_SUFFIXES:
        import fastexcel

        try:
            sheets = fastexcel.read_excel(source).sheet_names
        except Exception as exc:  # calamine raises its own error types for every kind of broken file
            raise SourceError(f"cannot read the workbook {source}: {exc}") from None
        files = {s: TableFile(s, source, "xlsx", sheet=s) for s in sheets if s in contract.TABLES}
        return SourceLayout(source, "workbook", files, {}, tuple(sheets))
    if not source.exists():
        raise SourceError(f"the source {source} does not exist")
    raise SourceError(
        f"the source {source} is neither a folder of CSV/Parquet files "
        f"nor an Excel workbook ({', '.join(WORKBOOK_SUFFIXES)})"
    )


def create_empty_raw_table(con: duckdb.DuckDBPyConnection, table: contract.Table) -> None:
    """An empty `raw_<table>` with the contract's columns (for an absent optional or a failed table)."""
    columns = ", ".join(
        f"CAST(NULL AS {contract.DUCKDB_TYPES[c.type]}) AS {quote_ident(c.name)}" for c in table.columns
    )
    con.execute(
        f"CREATE OR REPLACE TABLE {quote_ident(raw_table_name(table.name))} AS "
        f"SELECT {columns}, CAST(NULL AS BIGINT) AS _row LIMIT 0"
    )


class TableLoader:
    """Loads the tables of one source into a connection; checks CSV line numbers on the side."""

    def __init__(self, con: duckdb.DuckDBPyConnection, progress: bool = False):
        self.con = con
        self.progress = progress
        self._line_counts: dict[str, Future[int]] = {}
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._workbooks: dict[Path, object] = {}

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def load(self, file: TableFile, table: contract.Table) -> LoadedTable:
        """Create `raw_<table>` from `file`; raises SourceError when the file cannot be read."""
        started = time.perf_counter()
        if file.kind == "csv":
            # Counting lines runs next to DuckDB's parse; it tells whether line numbers need fixing.
            self._line_counts[file.table] = self._pool.submit(_count_lines, file.path)
            header = _csv_header(file.path)
            columns = {f"c{i}": "VARCHAR" for i in range(len(header))}
            struct = "{" + ", ".join(f"'{name}': 'VARCHAR'" for name in columns) + "}"
            reader = f"read_csv($path, columns = {struct}, {_CSV_OPTIONS})"
            inputs = {name: (f"c{i}", "VARCHAR") for i, name in reversed(list(enumerate(header)))}
            row_sql = "row_number() OVER () + 1"
            params: dict[str, object] = {"path": str(file.path)}
        elif file.kind == "parquet":
            try:
                described = self.con.execute("DESCRIBE SELECT * FROM read_parquet($path)", {"path": str(file.path)})
                schema = [(r[0], r[1]) for r in described.fetchall()]
            except duckdb.Error as exc:
                raise SourceError(_first_line(exc)) from None
            header = [name for name, _ in schema]
            reader = "read_parquet($path, file_row_number = true)"
            inputs = {name: (quote_ident(name), type_) for name, type_ in reversed(schema)}
            row_sql = "file_row_number + 2"
            params = {"path": str(file.path)}
        else:
            header, view, first_row = self._register_sheet(file)
            reader = quote_ident(view)
            inputs = {name: (f"c{i}", "VARCHAR") for i, name in reversed(list(enumerate(header)))}
            row_sql = "row_number() OVER () + $first_row"
            params = {"first_row": first_row}

        missing = [c.name for c in table.columns if c.name not in inputs]
        duplicates = sorted({name for name in header if header.count(name) > 1 and name in table.column_names})
        # Three layers: read (with the row number), cast each column once, then keep the typed
        # value and, in `_bad_<column>`, the text of values that are not valid for their type.
        inner: list[str] = []
        typed: list[str] = []
        hidden: list[str] = []
        for i, column in enumerate(table.columns):
            name = quote_ident(column.name)
            if column.name not in inputs:
                typed.append(f"CAST(NULL AS {contract.DUCKDB_TYPES[column.type]}) AS {name}")
                continue
            cast, value, bad = _column_sql(column, *inputs[column.name], text=f"__in{i}", cast=f"__cast{i}")
            inner += cast
            typed.append(f"{value} AS {name}")
            if bad is not None:
                hidden.append(f"{bad} AS {quote_ident(bad_column(column.name))}")

        raw = quote_ident(raw_table_name(table.name))
        sql = (
            f"CREATE OR REPLACE TABLE {raw} AS SELECT {', '.join(typed + ['__source_row AS _row'] + hidden)} "
            f"FROM (SELECT {', '.join(inner + ['__source_row'])} "
            f"FROM (SELECT *, {row_sql} AS __source_row FROM {reader}))"
        )
        try:
            self.con.execute(sql, params)
        except duckdb.Error as exc:
            raise SourceError(_first_line(exc)) from None
        finally:
            if file.kind == "xlsx":
                self.con.unregister(view)
        loaded_names = [c.name for c in table.columns if c.name in inputs]
        if loaded_names:
            # Wholly blank rows (Excel's formatted-but-empty rows, CSV lines of bare commas) are not data.
            blank = " AND ".join(
                [f"{quote_ident(n)} IS NULL" for n in loaded_names]
                + [
                    f"{quote_ident(bad_column(n))} IS NULL"
                    for n in loaded_names
                    if table.column(n).type != contract.TEXT
                ]
            )
            self.con.execute(f"DELETE FROM {raw} WHERE {blank}")
        rows = self.con.execute(f"SELECT count(*) FROM {raw}").fetchall()[0][0]
        loaded = LoadedTable(file, rows, header, missing, duplicates, time.perf_counter() - started)
        if self.progress:
            print(f"  {table.name:<14} {rows:>12,} rows  {loaded.seconds:5.1f}s  {file.label}", file=sys.stderr)
        return loaded

    def fix_csv_line_numbers(self, loaded: LoadedTable) -> None:
        """Make `_row` the true line number when a CSV has blank lines or values spanning lines.

        DuckDB skips blank lines and a quoted value may hold line breaks, so the record number
        and the line number can differ; only then is the file read again, record by record.
        """
        future = self._line_counts.pop(loaded.file.table, None)
        if future is None:
            return
        raw = quote_ident(raw_table_name(loaded.file.table))
        records, last_row = self.con.execute(f"SELECT count(*), coalesce(max(_row), 1) FROM {raw}").fetchall()[0]
        lines = future.result()
        if lines == last_row and records == last_row - 1:
            return
        starts = _csv_record_lines(loaded.file.path)
        mapping = pa.table(
            {"_record_row": pa.array(range(2, len(starts) + 2), pa.int64()), "_line": pa.array(starts, pa.int64())}
        )
        self.con.register("_csv_lines", mapping)
        try:
            self.con.execute(f"UPDATE {raw} SET _row = m._line FROM _csv_lines m WHERE {raw}._row = m._record_row")
        finally:
            self.con.unregister("_csv_lines")

    def _register_sheet(self, file: TableFile) -> tuple[list[str], str, int]:
        import fastexcel

        try:
            if file.path not in self._workbooks:
                self._workbooks[file.path] = fastexcel.read_excel(file.path)
            sheet = self._workbooks[file.path].load_sheet(file.sheet, dtypes="string")
            batch = sheet.to_arrow()
        except Exception as exc:  # calamine raises its own error types for every kind of broken sheet
            raise SourceError(f"cannot read {file.label}: {exc}") from None
        header = [str(name).strip() for name in batch.schema.names]
        columns = {f"c{i}": batch.column(i) for i in range(batch.num_columns)}
        view = f"_sheet_{file.table}"
        self.con.register(view, pa.table(columns) if columns else pa.table({"c0": pa.array([], pa.string())}))
        # fastexcel starts at the first non-empty row; the header is there, data follows it.
        return header, view, _first_used_row(file.path, file.sheet)


def _column_sql(
    column: contract.Column, source: str, source_type: str, text: str, cast: str
) -> tuple[list[str], str, str | None]:
    """SQL for one column: the expressions of the cast layer, the typed value, and its `_bad_` text.

    `text` and `cast` name the cast layer's columns holding the input and its `try_cast`.
    Text columns have no `_bad_` column (None): any text is valid text.
    """
    target = contract.DUCKDB_TYPES[column.type]
    as_text = source if source_type == "VARCHAR" else f"CAST({source} AS VARCHAR)"
    if column.type == contract.TEXT:
        return [f"{as_text} AS {text}"], f"nullif({text}, '')", None
    if source_type != "VARCHAR" and _NATIVE_OK[column.type].fullmatch(source_type):
        ok = f"isfinite({cast})" if column.type == contract.RATE else f"{cast} IS NOT NULL"
        return (
            [f"{source} AS {text}", f"try_cast({source} AS {target}) AS {cast}"],
            cast,
            f"CASE WHEN {text} IS NOT NULL AND NOT coalesce({ok}, false) THEN CAST({text} AS VARCHAR) END",
        )
    valid = _VALID_TEXT[column.type].format(v=text, t=cast)
    return (
        [f"{as_text} AS {text}", f"try_cast({as_text} AS {target}) AS {cast}"],
        cast,
        f"CASE WHEN {valid} THEN NULL WHEN trim({text}) = '' THEN NULL ELSE {text} END",
    )


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    # DuckDB's CSV errors say where ("CSV Error on Line: 7") and what ("Expected Number of Columns: 3 Found: 2").
    keep = [line for line in lines[:4] if not line.startswith("Possible fixes")]
    return "; ".join(keep) if keep else type(exc).__name__


def _csv_header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f), None)
    except UnicodeDecodeError:
        raise SourceError(f"{path.name} is not UTF-8 text") from None
    except csv.Error as exc:
        raise SourceError(f"{path.name}: cannot read the header line: {exc}") from None
    if not header:
        raise SourceError(f"{path.name} is empty (no header line)")
    return [name.strip() for name in header]


def _count_lines(path: Path) -> int:
    lines = 0
    last = b"\n"
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(1 << 24):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def _csv_record_lines(path: Path) -> list[int]:
    """The line on which each data record starts, skipping blank lines as DuckDB does."""
    starts: list[int] = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        line = reader.line_num
        for record in reader:
            if record:  # a blank line yields [] and is no record to DuckDB either
                starts.append(line + 1)
            line = reader.line_num
    return starts


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _first_used_row(path: Path, sheet: str) -> int:
    """The sheet row of the first non-empty row (where fastexcel finds the header); 1 if unknown."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels}
            rel_id = next(s.get(f"{_REL_NS}id") for s in workbook.iter(f"{_SHEET_NS}sheet") if s.get("name") == sheet)
            target = targets[rel_id].lstrip("/")
            member = target if target.startswith("xl/") else f"xl/{target}"
            with book.open(member) as xml:
                for _, element in ElementTree.iterparse(xml):
                    if element.tag == f"{_SHEET_NS}c" and any(
                        child.tag in (f"{_SHEET_NS}v", f"{_SHEET_NS}is") for child in element
                    ):
                        match = re.search(r"\d+$", element.get("r", ""))
                        return int(match.group()) if match else 1
    except (KeyError, StopIteration, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        pass
    return 1
