"""Small hand-written sources for metric tests, built into a real warehouse.

A test names only the rows that matter to it; the organisation, products and
channels come from a fixed default set, and customers referenced by leads or
loans are created with plain defaults unless the test gives them.

    con = build_warehouse(tmp_path, as_of="2025-03-31",
                          loans=[loan("L1", principal=1200, disbursed_date="2025-01-15")],
                          installments=schedule("L1", "2025-01-15", [400, 400, 400]))
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from pipelines.build import build
from pipelines.contract import TABLES

Row = dict[str, Any]

DEFAULT_ROWS: dict[str, list[Row]] = {
    "regions": [
        {"region_id": "R1", "region_name": "East China"},
        {"region_id": "R2", "region_name": "South China"},
    ],
    "teams": [
        {"team_id": "T1", "team_name": "East Direct", "region_id": "R1", "team_type": "direct"},
        {"team_id": "T2", "team_name": "East Channel", "region_id": "R1", "team_type": "channel"},
        {"team_id": "T3", "team_name": "South Direct", "region_id": "R2", "team_type": "direct"},
    ],
    "officers": [
        {"officer_id": "O1", "officer_name": "Wang Fang", "team_id": "T1", "hire_date": "2020-01-01"},
        {"officer_id": "O2", "officer_name": "Li Wei", "team_id": "T2", "hire_date": "2020-01-01"},
        {"officer_id": "O3", "officer_name": "Zhang Min", "team_id": "T3", "hire_date": "2020-01-01"},
    ],
    "products": [
        {"product_id": "P1", "product_name": "Consumer credit", "product_line": "credit", "segment": "consumer"},
        {
            "product_id": "P2",
            "product_name": "Business guaranteed",
            "product_line": "guaranteed",
            "segment": "business",
        },
        {"product_id": "P3", "product_name": "Home mortgage", "product_line": "mortgage", "segment": "consumer"},
        {"product_id": "P4", "product_name": "Business pledge", "product_line": "pledge", "segment": "business"},
    ],
    "channels": [
        {"channel_id": "C1", "channel_name": "Branch", "channel_type": "branch"},
        {"channel_id": "C2", "channel_name": "App", "channel_type": "online"},
    ],
}


def lead(lead_id: str, created_at: str, **kw: Any) -> Row:
    """A lead with default customer (same id with C prefix), officer O1, channel C1, product P1."""
    return {
        "lead_id": lead_id,
        "customer_id": kw.pop("customer_id", f"CU{lead_id}"),
        "officer_id": kw.pop("officer_id", "O1"),
        "channel_id": kw.pop("channel_id", "C1"),
        "product_id": kw.pop("product_id", "P1"),
        "created_at": created_at,
        **kw,
    }


def event(lead_id: str, stage: str, occurred_at: str, reason: str | None = None) -> Row:
    return {"lead_id": lead_id, "stage": stage, "occurred_at": occurred_at, "reason": reason}


def loan(loan_id: str, principal: float, disbursed_date: str, **kw: Any) -> Row:
    """A loan with defaults: customer CU<loan_id>, officer O1, product P1, channel C1, 12% for 36 months (long enough
    for every schedule a test writes: a due date after the term is an error, issue 9)."""
    return {
        "loan_id": loan_id,
        "lead_id": kw.pop("lead_id", None),
        "customer_id": kw.pop("customer_id", f"CU{loan_id}"),
        "officer_id": kw.pop("officer_id", "O1"),
        "product_id": kw.pop("product_id", "P1"),
        "channel_id": kw.pop("channel_id", "C1"),
        "principal": principal,
        "annual_rate": kw.pop("annual_rate", 0.12),
        "term_months": kw.pop("term_months", 36),
        "disbursed_date": disbursed_date,
        "written_off_date": kw.pop("written_off_date", None),
        **kw,
    }


def schedule(
    loan_id: str, due_dates: list[str], principal_due: list[float], interest_due: list[float] | None = None
) -> list[Row]:
    """Installments 1..n of a loan with the given due dates and principal (interest 0 unless given)."""
    interest_due = interest_due or [0.0] * len(principal_due)
    return [
        {"loan_id": loan_id, "installment_no": i, "due_date": d, "principal_due": p, "interest_due": r}
        for i, (d, p, r) in enumerate(zip(due_dates, principal_due, interest_due, strict=True), 1)
    ]


def payment(payment_id: str, loan_id: str, paid_date: str, amount: float) -> Row:
    return {"payment_id": payment_id, "loan_id": loan_id, "paid_date": paid_date, "amount": amount}


def customer(customer_id: str, **kw: Any) -> Row:
    return {
        "customer_id": customer_id,
        "customer_type": kw.pop("customer_type", "individual"),
        "industry": kw.pop("industry", None),
        "region_id": kw.pop("region_id", "R1"),
        "credit_score": kw.pop("credit_score", 70),
        "created_date": kw.pop("created_date", "2020-01-01"),
        **kw,
    }


def monthly_dates(first: str, n: int) -> list[str]:
    """n dates one calendar month apart starting at `first` (day clamped to the month's end)."""
    start = date.fromisoformat(first)
    out = []
    for k in range(n):
        year, month = divmod(start.month - 1 + k, 12)
        y, m = start.year + year, month + 1
        last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
        out.append(date(y, m, min(start.day, last)).isoformat())
    return out


def write_source(folder: Path, **tables: list[Row]) -> Path:
    """Write a CSV source: the given tables over the defaults, customers filled in as referenced."""
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows.update({name: list(value) for name, value in DEFAULT_ROWS.items()})
    for name, value in tables.items():
        if name not in TABLES:
            raise KeyError(f"no table {name} in the contract")
        rows[name] = list(value)
    known = {c["customer_id"] for c in rows["customers"]}
    for table in ("leads", "loans"):
        for r in rows[table]:
            if r["customer_id"] not in known:
                rows["customers"].append(customer(r["customer_id"]))
                known.add(r["customer_id"])
    for name, table in TABLES.items():
        with (folder / f"{name}.csv").open("w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(table.column_names)
            for r in rows[name]:
                unknown = set(r) - set(table.column_names)
                if unknown:
                    raise KeyError(f"{name} has no column(s) {sorted(unknown)}")
                writer.writerow(["" if r.get(c) is None else r.get(c) for c in table.column_names])
    return folder


def build_warehouse(
    tmp_path: Path, as_of: str, config: str | None = None, **tables: list[Row]
) -> duckdb.DuckDBPyConnection:
    """Write the source, build it as of `as_of` (with an optional TOML config override), open it read-only."""
    source = write_source(tmp_path / "source", **tables)
    config_path = None
    if config is not None:
        config_path = tmp_path / "config.toml"
        config_path.write_text(config)
    db = tmp_path / "warehouse.duckdb"
    build(source, db, as_of=date.fromisoformat(as_of), config_path=config_path)
    return duckdb.connect(str(db), read_only=True)
