"""Reading a source: CSV, Parquet and Excel give the same typed raw tables; row numbers are the user's."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import contract
from pipelines.validate import ValidationReport, check_source
from tests.tiny_source import (
    TINY,
    append_row,
    drop_column,
    read_table,
    set_value,
    write_csv,
    write_tiny_source,
    write_workbook,
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_source(tmp_path_factory.mktemp("tiny") / "source")


@pytest.fixture(scope="module")
def tiny_raw(tiny: Path) -> dict[str, list[tuple]]:
    return load_raw(tiny)


def load_raw(source: Path) -> dict[str, list[tuple]]:
    """The typed raw tables validation leaves behind, after checking that the source is clean."""
    con = duckdb.connect()
    report = check_source(source, con)
    assert report.findings == [], report.format()
    return {name: con.execute(f'select * from "raw_{name}" order by _row').fetchall() for name in contract.TABLES}


def report_lines(source: Path) -> list[str]:
    return check_source(source).format().splitlines()


def copy_of(tiny: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    shutil.copytree(tiny, folder)
    return folder


def write_parquet_folder(csv_folder: Path, out: Path, dtypes: dict[str, pl.DataType]) -> Path:
    """Each CSV table as Parquet with polars, column types chosen per logical type (text when not given)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, table in contract.TABLES.items():
        header, rows = read_table(csv_folder, name)
        frame = pl.DataFrame(
            {column: [row[i] or None for row in rows] for i, column in enumerate(header)},
            schema={column: pl.String for column in header},
        )
        frame = frame.with_columns(
            pl.col(c.name).str.to_date("%Y-%m-%d", strict=False)
            if dtypes[c.type] == pl.Date
            else pl.col(c.name).cast(dtypes[c.type])
            for c in table.columns
            if c.type in dtypes and c.name in header
        )
        frame.write_parquet(out / f"{name}.parquet")
    return out


def test_csv_parquet_and_excel_give_identical_typed_raw_tables(
    tiny: Path, tiny_raw: dict[str, list[tuple]], tmp_path: Path
) -> None:
    parquet = write_tiny_source(tmp_path / "parquet", fmt="parquet")
    workbook = write_workbook(tiny, tmp_path / "tiny.xlsx")
    assert load_raw(parquet) == tiny_raw
    assert load_raw(workbook) == tiny_raw
    # The values are the literals of the tiny source, typed.
    loan = dict(zip([*contract.TABLES["loans"].column_names, "_row"], tiny_raw["loans"][1], strict=True))
    assert str(loan["principal"]) == "600000.00" and loan["annual_rate"] == 0.065 and loan["term_months"] == 3
    assert str(loan["disbursed_date"]) == "2025-01-27" and str(loan["written_off_date"]) == "2025-06-15"
    assert loan["_row"] == 3
    assert str(tiny_raw["leads"][0][5]) == "2025-01-06 09:15:00"


def test_parquet_with_text_or_float_columns_reads_the_same(
    tiny: Path, tiny_raw: dict[str, list[tuple]], tmp_path: Path
) -> None:
    as_text = write_parquet_folder(tiny, tmp_path / "text", {})
    assert load_raw(as_text) == tiny_raw
    as_floats = write_parquet_folder(
        tiny,
        tmp_path / "floats",
        {contract.MONEY: pl.Float64, contract.RATE: pl.Float64, contract.INTEGER: pl.Int64, contract.DATE: pl.Date},
    )
    assert load_raw(as_floats) == tiny_raw


def test_a_folder_may_mix_csv_and_parquet(tiny: Path, tiny_raw: dict[str, list[tuple]], tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    parquet = write_tiny_source(tmp_path / "parquet", fmt="parquet")
    for name in ("leads", "loans", "payments"):
        (folder / f"{name}.csv").unlink()
        shutil.copy(parquet / f"{name}.parquet", folder)
    assert load_raw(folder) == tiny_raw


def test_extra_columns_files_and_sheets_are_ignored(
    tiny: Path, tiny_raw: dict[str, list[tuple]], tmp_path: Path
) -> None:
    folder = copy_of(tiny, tmp_path)
    header, rows = read_table(folder, "leads")
    write_csv(folder / "leads.csv", ("note", *header), [("call back", *row) for row in rows])
    (folder / "README.txt").write_text("exported from the CRM")
    write_csv(folder / "leads_2019.csv", ("whatever",), [("x",)])
    (folder / "archive").mkdir()
    assert load_raw(folder) == tiny_raw
    # In a workbook: the extra column, and an extra sheet (leads_2019, from the extra CSV file).
    assert load_raw(write_workbook(folder, tmp_path / "extra.xlsx")) == tiny_raw


def test_activities_are_optional(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    (folder / "activities.csv").unlink()
    con = duckdb.connect()
    report = check_source(folder, con)
    assert report.ok and report.findings == []
    assert report.row_counts["activities"] == 0
    columns = [r[0] for r in con.execute("describe raw_activities").fetchall()]
    assert columns == [*contract.TABLES["activities"].column_names, "_row"]
    assert con.execute("select count(*) from raw_activities").fetchall() == [(0,)]
    workbook = write_workbook(folder, tmp_path / "no_activities.xlsx")
    assert check_source(workbook).findings == []


def test_accepted_spellings_of_timestamps_and_money(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    set_value(folder, "leads", 1, "created_at", "2025-01-06T09:15:00")
    set_value(folder, "leads", 2, "created_at", "2025-01-08 10:00:00.250")
    set_value(folder, "leads", 3, "created_at", "2025-01-10")
    set_value(folder, "payments", 1, "amount", "30850")
    set_value(folder, "payments", 2, "amount", "30850.5")
    set_value(folder, "payments", 3, "amount", "30850.500")
    con = duckdb.connect()
    assert check_source(folder, con).findings == []
    created = [str(r[0]) for r in con.execute("select created_at from raw_leads order by _row limit 3").fetchall()]
    assert created == ["2025-01-06 09:15:00", "2025-01-08 10:00:00.250000", "2025-01-10 00:00:00"]
    amounts = [str(r[0]) for r in con.execute("select amount from raw_payments order by _row limit 3").fetchall()]
    assert amounts == ["30850.00", "30850.50", "30850.50"]


def test_excel_reports_the_sheet_row_of_a_broken_cell(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    row = set_value(folder, "loans", 3, "principal", "1.5 million")
    money_row = set_value(folder, "payments", 2, "amount", "30850.125")  # written as a number cell
    date_row = set_value(folder, "officers", 2, "hire_date", "2023-01-09 08:30:00")
    lines = report_lines(write_workbook(folder, tmp_path / "broken.xlsx"))
    amount = "not an amount (a plain decimal such as 1234.56)"
    assert f"error: loans.principal [type] 1 row: {amount} — row {row} (1.5 million)" in lines
    assert (
        f"error: payments.amount [money_precision] 1 row: money has more than 2 decimals — row {money_row} (30850.125)"
        in lines
    )
    assert any(
        line.startswith("error: officers.hire_date [type] 1 row:")
        and line.endswith(f"row {date_row} (2023-01-09 08:30:00)")
        for line in lines
    )


def test_excel_row_numbers_follow_the_sheet_when_the_header_is_lower(tiny: Path, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name, (columns, rows) in TINY.items():
        sheet = book.add_worksheet(name)
        top = 2 if name == "loans" else 0  # two empty rows above the header
        sheet.write_row(top, 0, columns)
        for i, row in enumerate(rows, start=1):
            if name == "loans" and i == 3:
                row = (*row[:6], "lots", *row[7:])
            sheet.write_row(top + i, 0, [v if v != "" else None for v in row])
        if name == "payments":
            # A blank row inside the data, then one more payment with a negative amount.
            sheet.write_row(top + len(rows) + 2, 0, ["PM99", "LN1", "2025-06-01", "-1.00"])
    book.close()
    lines = report_lines(path)
    # The header is in row 3: the 3rd loan is on sheet row 6.
    assert any(
        line.startswith("error: loans.principal [type] 1 row:") and line.endswith("row 6 (lots)") for line in lines
    ), lines
    # 13 payments in rows 2–14, a blank row 15, the extra payment on row 16.
    assert "error: payments.amount [negative] 1 row: a negative amount — row 16 (-1.00)" in lines, lines


def test_csv_row_numbers_are_line_numbers(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    set_value(folder, "lead_events", 3, "reason", "asked twice:\nonce by phone")  # a value spanning two lines
    set_value(folder, "lead_events", 6, "stage", "paid out")
    path = folder / "lead_events.csv"
    lines = path.read_text().split("\n")
    lines.insert(5, "")  # a blank line after the 3rd data row (which ends on line 5)
    path.write_text("\n".join(lines))
    # Header line 1; data rows 1–2 on lines 2–3; row 3 on lines 4–5; blank line 6; rows 4–6 on lines 7–9.
    stages = ", ".join(contract.EVENT_STAGES)
    assert f"error: lead_events.stage [enum] 1 row: not one of {stages} — row 9 (paid out)" in report_lines(folder)


def test_parquet_row_numbers_count_the_first_record_as_row_2(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    set_value(folder, "leads", 7, "officer_id", "O9")
    set_value(folder, "officers", 4, "hire_date", "2021-13-01")
    parquet = write_parquet_folder(folder, tmp_path / "parquet", {contract.MONEY: pl.Float64})
    lines = report_lines(parquet)
    assert "error: leads.officer_id [foreign_key] 1 row: no officers.officer_id matches — row 8 (O9)" in lines
    assert "error: officers.hire_date [type] 1 row: not a date (YYYY-MM-DD) — row 5 (2021-13-01)" in lines


def test_unreadable_files_are_reported(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    with open(folder / "leads.csv", "a") as f:
        f.write("L11,CU1,O1\n")  # three fields where six are expected, on line 12
    (folder / "channels.csv").write_bytes("channel_id,channel_name,channel_type\nC1,营业厅,branch\n".encode("gb18030"))
    (folder / "regions.csv").write_text("")
    report = check_source(folder)
    by_table = {f.table: f for f in report.errors if f.check == "unreadable_file"}
    assert set(by_table) == {"leads", "channels", "regions"}
    assert "Line: 12" in by_table["leads"].message
    assert "UTF-8" in by_table["channels"].message
    assert "empty" in by_table["regions"].message


def test_a_single_csv_file_is_not_a_source(tiny: Path) -> None:
    report = check_source(tiny / "leads.csv")
    assert [(f.check, f.severity) for f in report.findings] == [("missing_source", "error")]
    assert "neither a folder of CSV/Parquet files nor an Excel workbook" in report.format()


def test_blank_rows_and_missing_columns_in_excel(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    drop_column(folder, "products", "segment")
    append_row(folder, "regions", ("", ""))  # a blank row is no data
    report = check_source(write_workbook(folder, tmp_path / "book.xlsx"))
    assert [f.format() for f in report.errors] == [
        "error: products.segment [missing_column] sheet products of book.xlsx has no column segment"
    ]
    assert report.row_counts["regions"] == 2


def test_the_report_formats(tiny: Path) -> None:
    report = check_source(tiny)
    assert isinstance(report, ValidationReport) and report.ok
    assert report.to_rows() == []
    assert sum(report.row_counts.values()) == sum(len(rows) for _, rows in TINY.values())


def test_near_misses_get_a_hint(tiny: Path, tmp_path: Path) -> None:
    folder = copy_of(tiny, tmp_path)
    (folder / "payments.csv").rename(folder / "Payments.csv")
    header, rows = read_table(folder, "teams")
    write_csv(folder / "teams.csv", (*header[:3], "Team_Type", "team_id"), [(*row[:3], row[3], "X") for row in rows])
    lines = report_lines(folder)
    assert (
        "error: payments [missing_table] the source has no payments table (expected payments.csv, payments.parquet "
        "or a sheet named payments); found 'Payments.csv': names are case-sensitive, files .csv or .parquet"
    ) in lines
    assert (
        "error: teams.team_type [missing_column] teams.csv has no column team_type "
        "(found 'Team_Type'; column names are case-sensitive)"
    ) in lines
    assert "error: teams.team_id [duplicate_column] teams.csv has the column team_id more than once" in lines
