"""A tiny, hand-written, fully valid source: small enough to read, complete enough to test metrics on.

Two regions, three teams (direct and channel), five officers, one product per product line
(both segments), three channels, six customers, ten leads whose events cover every stage
plus a rejection and a loss, five loans (one without a lead, one written off, one late),
their installments and payments, monthly targets and a few activities. Every value is a
literal below, so a test can point at a row and know its row number in the file:
data row i (1-based) is row i + 1, the header being row 1.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import duckdb

from pipelines import contract

# table → (columns, rows); the columns are the contract's, in its order. "" is an empty value.
TINY: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]] = {
    "regions": (
        ("region_id", "region_name"),
        [
            ("R1", "East China"),
            ("R2", "South China"),
        ],
    ),
    "teams": (
        ("team_id", "team_name", "region_id", "team_type"),
        [
            ("T1", "Shanghai Direct", "R1", "direct"),
            ("T2", "Shanghai Partners", "R1", "channel"),
            ("T3", "Shenzhen Direct", "R2", "direct"),
        ],
    ),
    "officers": (
        ("officer_id", "officer_name", "team_id", "hire_date", "leave_date"),
        [
            ("O1", "Li Wei", "T1", "2022-03-01", ""),
            ("O2", "Wang Fang", "T1", "2023-01-09", ""),
            ("O3", "Zhang Min", "T2", "2022-06-15", ""),
            ("O4", "Chen Jie", "T3", "2021-11-01", ""),
            ("O5", "Liu Yang", "T3", "2023-05-01", "2025-06-30"),
        ],
    ),
    "products": (
        ("product_id", "product_name", "product_line", "segment"),
        [
            ("P1", "Personal Credit Loan", "credit", "consumer"),
            ("P2", "Business Guaranteed Loan", "guaranteed", "business"),
            ("P3", "Home Mortgage", "mortgage", "consumer"),
            ("P4", "Equipment Pledge Loan", "pledge", "business"),
        ],
    ),
    "channels": (
        ("channel_id", "channel_name", "channel_type"),
        [
            ("C1", "Branch walk-in", "branch"),
            ("C2", "Mobile app", "online"),
            ("C3", "Dealer partners", "partner"),
        ],
    ),
    "customers": (
        ("customer_id", "customer_type", "industry", "region_id", "credit_score", "created_date"),
        [
            ("CU1", "individual", "", "R1", "82", "2024-06-01"),
            ("CU2", "business", "manufacturing", "R1", "74", "2024-08-15"),
            ("CU3", "individual", "", "R2", "", "2024-11-20"),
            ("CU4", "business", "retail", "R2", "65", "2024-12-02"),
            ("CU5", "individual", "", "R1", "91", "2025-01-05"),
            ("CU6", "business", "logistics", "R2", "45", "2025-01-18"),
        ],
    ),
    "leads": (
        ("lead_id", "customer_id", "officer_id", "channel_id", "product_id", "created_at"),
        [
            ("L01", "CU1", "O1", "C1", "P1", "2025-01-06 09:15:00"),  # disbursed → LN1
            ("L02", "CU2", "O1", "C3", "P2", "2025-01-08 10:00:00"),  # disbursed → LN2
            ("L03", "CU3", "O2", "C2", "P1", "2025-01-10 14:30:00"),  # rejected after application
            ("L04", "CU4", "O3", "C3", "P4", "2025-01-15 11:00:00"),  # lost after the meeting
            ("L05", "CU5", "O4", "C1", "P3", "2025-02-03 09:00:00"),  # disbursed → LN3
            ("L06", "CU6", "O4", "C2", "P2", "2025-02-05 16:20:00"),  # open, contacted only
            ("L07", "CU1", "O5", "C2", "P1", "2025-02-12 10:45:00"),  # approved, then lost
            ("L08", "CU2", "O3", "C3", "P4", "2025-03-03 09:30:00"),  # disbursed → LN4 (CU2's second loan)
            ("L09", "CU3", "O2", "C1", "P3", "2025-03-10 13:00:00"),  # open, no event yet
            ("L10", "CU6", "O5", "C2", "P2", "2025-03-20 15:00:00"),  # rejected after application
        ],
    ),
    "lead_events": (
        ("lead_id", "stage", "occurred_at", "reason"),
        [
            ("L01", "contacted", "2025-01-06 11:00:00", ""),
            ("L01", "meeting", "2025-01-08 15:00:00", ""),
            ("L01", "application", "2025-01-10 10:00:00", ""),
            ("L01", "approved", "2025-01-15 16:30:00", ""),
            ("L01", "contracted", "2025-01-17 11:00:00", ""),
            ("L01", "disbursed", "2025-01-20 09:00:00", ""),
            ("L02", "contacted", "2025-01-08 14:00:00", ""),
            ("L02", "meeting", "2025-01-09 10:00:00", ""),
            ("L02", "application", "2025-01-13 09:30:00", ""),
            ("L02", "approved", "2025-01-22 17:00:00", ""),
            ("L02", "contracted", "2025-01-24 10:00:00", ""),
            ("L02", "disbursed", "2025-01-27 09:00:00", ""),
            ("L03", "contacted", "2025-01-10 16:00:00", ""),
            ("L03", "application", "2025-01-14 11:00:00", ""),
            ("L03", "rejected", "2025-01-16 15:00:00", "credit score too low"),
            ("L04", "contacted", "2025-01-15 14:00:00", ""),
            ("L04", "meeting", "2025-01-20 10:00:00", ""),
            ("L04", "lost", "2025-02-05 12:00:00", "chose another lender"),
            ("L05", "contacted", "2025-02-03 10:30:00", ""),
            ("L05", "meeting", "2025-02-05 14:00:00", ""),
            ("L05", "application", "2025-02-07 09:00:00", ""),
            ("L05", "approved", "2025-02-14 16:00:00", ""),
            ("L05", "contracted", "2025-02-18 10:00:00", ""),
            ("L05", "disbursed", "2025-02-20 09:00:00", ""),
            ("L06", "contacted", "2025-02-06 09:30:00", ""),
            ("L07", "contacted", "2025-02-12 13:00:00", ""),
            ("L07", "meeting", "2025-02-14 10:00:00", ""),
            ("L07", "application", "2025-02-17 11:00:00", ""),
            ("L07", "approved", "2025-02-21 15:00:00", ""),
            ("L07", "lost", "2025-03-05 10:00:00", "rate too high"),
            ("L08", "contacted", "2025-03-03 11:00:00", ""),
            ("L08", "meeting", "2025-03-05 15:00:00", ""),
            ("L08", "application", "2025-03-07 10:00:00", ""),
            ("L08", "approved", "2025-03-12 16:00:00", ""),
            ("L08", "contracted", "2025-03-14 11:00:00", ""),
            ("L08", "disbursed", "2025-03-18 09:00:00", ""),
            ("L10", "contacted", "2025-03-20 16:30:00", ""),
            ("L10", "meeting", "2025-03-24 10:00:00", ""),
            ("L10", "application", "2025-03-26 14:00:00", ""),
            ("L10", "rejected", "2025-04-02 11:00:00", "insufficient collateral"),
        ],
    ),
    "loans": (
        (
            "loan_id",
            "lead_id",
            "customer_id",
            "officer_id",
            "product_id",
            "channel_id",
            "principal",
            "annual_rate",
            "term_months",
            "disbursed_date",
            "written_off_date",
        ),
        [
            ("LN1", "L01", "CU1", "O1", "P1", "C1", "120000.00", "0.085", "4", "2025-01-20", ""),  # repaid on time
            (
                "LN2",
                "L02",
                "CU2",
                "O1",
                "P2",
                "C3",
                "600000.00",
                "0.065",
                "3",
                "2025-01-27",
                "2025-06-15",
            ),  # written off
            ("LN3", "L05", "CU5", "O4", "P3", "C1", "1500000.00", "0.042", "4", "2025-02-20", ""),  # late once, cured
            ("LN4", "L08", "CU2", "O3", "P4", "C3", "250000.00", "0.072", "3", "2025-03-18", ""),  # last one unpaid
            ("LN5", "", "CU6", "O4", "P2", "C1", "80000.00", "0.09", "3", "2025-04-07", ""),  # no lead
        ],
    ),
    "installments": (
        ("loan_id", "installment_no", "due_date", "principal_due", "interest_due"),
        [
            ("LN1", "1", "2025-02-20", "30000.00", "850.00"),
            ("LN1", "2", "2025-03-20", "30000.00", "850.00"),
            ("LN1", "3", "2025-04-20", "30000.00", "850.00"),
            ("LN1", "4", "2025-05-20", "30000.00", "850.00"),
            ("LN2", "1", "2025-02-27", "200000.00", "3250.00"),
            ("LN2", "2", "2025-03-27", "200000.00", "3250.00"),
            ("LN2", "3", "2025-04-27", "200000.00", "3250.00"),
            ("LN3", "1", "2025-03-20", "375000.00", "5250.00"),
            ("LN3", "2", "2025-04-20", "375000.00", "5250.00"),
            ("LN3", "3", "2025-05-20", "375000.00", "5250.00"),
            ("LN3", "4", "2025-06-20", "375000.00", "5250.00"),
            ("LN4", "1", "2025-04-18", "83333.33", "1500.00"),
            ("LN4", "2", "2025-05-18", "83333.33", "1500.00"),
            ("LN4", "3", "2025-06-18", "83333.34", "1500.00"),
            ("LN5", "1", "2025-05-07", "26666.67", "600.00"),
            ("LN5", "2", "2025-06-07", "26666.67", "600.00"),
            ("LN5", "3", "2025-07-07", "26666.66", "600.00"),
        ],
    ),
    "payments": (
        ("payment_id", "loan_id", "paid_date", "amount"),
        [
            ("PM01", "LN1", "2025-02-20", "30850.00"),
            ("PM02", "LN1", "2025-03-20", "30850.00"),
            ("PM03", "LN1", "2025-04-18", "30850.00"),
            ("PM04", "LN1", "2025-05-20", "30850.00"),
            ("PM05", "LN2", "2025-02-27", "203250.00"),
            ("PM06", "LN3", "2025-03-20", "380250.00"),
            ("PM07", "LN3", "2025-04-20", "380250.00"),
            ("PM08", "LN3", "2025-06-05", "380250.00"),
            ("PM09", "LN3", "2025-06-20", "380250.00"),
            ("PM10", "LN4", "2025-04-18", "84833.33"),
            ("PM11", "LN4", "2025-05-19", "84833.33"),
            ("PM12", "LN5", "2025-05-07", "27266.67"),
            ("PM13", "LN5", "2025-06-07", "27266.67"),
        ],
    ),
    "targets": (
        ("month", "team_id", "product_line", "base_amount", "stretch_amount"),
        [
            ("2025-01-01", "T1", "credit", "100000.00", "130000.00"),
            ("2025-01-01", "T1", "guaranteed", "500000.00", "650000.00"),
            ("2025-01-01", "T2", "pledge", "200000.00", "260000.00"),
            ("2025-01-01", "T3", "mortgage", "1000000.00", "1300000.00"),
            ("2025-02-01", "T1", "credit", "100000.00", "130000.00"),
            ("2025-02-01", "T1", "guaranteed", "500000.00", "650000.00"),
            ("2025-02-01", "T2", "pledge", "200000.00", "260000.00"),
            ("2025-02-01", "T3", "mortgage", "1000000.00", "1300000.00"),
            ("2025-03-01", "T1", "credit", "100000.00", "130000.00"),
            ("2025-03-01", "T1", "guaranteed", "500000.00", "650000.00"),
            ("2025-03-01", "T2", "pledge", "200000.00", "260000.00"),
            ("2025-03-01", "T3", "mortgage", "1000000.00", "1300000.00"),
        ],
    ),
    "activities": (
        ("activity_id", "officer_id", "customer_id", "lead_id", "activity_type", "occurred_at"),
        [
            ("A1", "O1", "CU1", "L01", "call", "2025-01-06 10:00:00"),
            ("A2", "O1", "CU2", "L02", "visit", "2025-01-09 09:00:00"),
            ("A3", "O3", "CU4", "L04", "meeting", "2025-01-20 10:00:00"),
            ("A4", "O4", "", "", "follow_up", "2025-02-10 09:00:00"),
            ("A5", "O5", "CU1", "L07", "call", "2025-02-13 11:00:00"),
        ],
    ),
}

TINY_AS_OF = date(2025, 6, 20)
"""The as-of date a build infers from the tiny source: its last payment (PM09)."""


def write_tiny_source(folder: Path, fmt: str = "csv") -> Path:
    """Write the tiny source into `folder` as CSV files or typed Parquet files; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, (columns, rows) in TINY.items():
        assert columns == tuple(contract.TABLES[name].column_names), name
        if fmt == "csv":
            write_csv(folder / f"{name}.csv", columns, rows)
        elif fmt == "parquet":
            write_parquet(folder / f"{name}.parquet", name, rows)
        else:
            raise ValueError(f"unknown format {fmt!r} (csv or parquet)")
    return folder


def write_csv(path: Path, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def write_parquet(path: Path, table: str, rows: list[tuple[str, ...]]) -> None:
    """One table as Parquet with the contract's column types (dates as DATE, money as DECIMAL(18,2), ...)."""
    spec = contract.TABLES[table]
    con = duckdb.connect()
    con.execute("create table t (" + ", ".join(f'"{c.name}" VARCHAR' for c in spec.columns) + ")")
    if rows:
        con.executemany(f"insert into t values ({', '.join('?' for _ in spec.columns)})", rows)
    typed = ", ".join(
        f'CAST(nullif("{c.name}", \'\') AS {contract.DUCKDB_TYPES[c.type]}) AS "{c.name}"' for c in spec.columns
    )
    con.sql(f"SELECT {typed} FROM t").write_parquet(str(path))
    con.close()


def write_workbook(folder: Path, xlsx: Path) -> Path:
    """Turn a folder of CSV files into an Excel workbook, one sheet per table.

    Dates and timestamps become real Excel date cells and numbers real numbers, as a person
    typing the workbook would have them; text stays text. Returns the workbook path.
    """
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(xlsx))
    date_cell = workbook.add_format({"num_format": "yyyy-mm-dd"})
    timestamp_cell = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for path in sorted(Path(folder).glob("*.csv")):
        sheet = workbook.add_worksheet(path.stem)
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            types = {
                i: contract.TABLES[path.stem].column(name).type
                for i, name in enumerate(header)
                if path.stem in contract.TABLES and name in contract.TABLES[path.stem].column_names
            }
            sheet.write_row(0, 0, header)
            for r, row in enumerate(reader, start=1):
                for c, value in enumerate(row):
                    kind = types.get(c, contract.TEXT)
                    if value == "":
                        continue
                    if kind == contract.DATE and _is_iso_date(value):
                        sheet.write_datetime(r, c, date.fromisoformat(value), date_cell)
                    elif kind == contract.TIMESTAMP and _is_iso_timestamp(value):
                        sheet.write_datetime(r, c, datetime.fromisoformat(value), timestamp_cell)
                    elif kind in (contract.MONEY, contract.RATE, contract.INTEGER) and _is_number(value):
                        sheet.write_number(r, c, float(value))
                    else:
                        sheet.write_string(r, c, value)
    workbook.close()
    return Path(xlsx)


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_iso_timestamp(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


# Editing a written CSV source, for tests that break one thing and expect it to be reported.


def read_table(folder: Path, table: str) -> tuple[list[str], list[list[str]]]:
    """The header and the data rows of `<table>.csv` in `folder`."""
    with open(Path(folder) / f"{table}.csv", newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def set_value(folder: Path, table: str, data_row: int, column: str, value: str) -> int:
    """Set one cell of `<table>.csv` (`data_row` counts from 1); returns its row number as reported (data_row + 1)."""
    header, rows = read_table(folder, table)
    rows[data_row - 1][header.index(column)] = value
    write_csv(Path(folder) / f"{table}.csv", tuple(header), [tuple(r) for r in rows])
    return data_row + 1


def append_row(folder: Path, table: str, row: tuple[str, ...]) -> int:
    """Add a data row at the end of `<table>.csv`; returns its row number as reported."""
    header, rows = read_table(folder, table)
    rows.append(list(row))
    write_csv(Path(folder) / f"{table}.csv", tuple(header), [tuple(r) for r in rows])
    return len(rows) + 1


def drop_column(folder: Path, table: str, column: str) -> None:
    """Remove a column from `<table>.csv`."""
    header, rows = read_table(folder, table)
    i = header.index(column)
    write_csv(
        Path(folder) / f"{table}.csv",
        tuple(h for j, h in enumerate(header) if j != i),
        [tuple(v for j, v in enumerate(r) if j != i) for r in rows],
    )


def delete_rows(folder: Path, table: str, keep) -> None:
    """Keep only the data rows of `<table>.csv` for which `keep(row as dict)` is true."""
    header, rows = read_table(folder, table)
    kept = [tuple(r) for r in rows if keep(dict(zip(header, r, strict=True)))]
    write_csv(Path(folder) / f"{table}.csv", tuple(header), kept)
