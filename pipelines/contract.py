"""The input data contract (SPEC §2): every table a source provides, column by column.

This module is the single description of the contract. The demo generator writes
it, validation checks it, staging casts to it and the README documents it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Logical column types and the DuckDB type each one is staged as.
TEXT = "text"
DATE = "date"
TIMESTAMP = "timestamp"
INTEGER = "integer"
MONEY = "money"
RATE = "rate"

DUCKDB_TYPES: dict[str, str] = {
    TEXT: "VARCHAR",
    DATE: "DATE",
    TIMESTAMP: "TIMESTAMP",
    INTEGER: "INTEGER",
    # Money is exact to the cent; 18 digits hold amounts far beyond any lender's book.
    MONEY: "DECIMAL(18,2)",
    RATE: "DOUBLE",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = False
    enum: tuple[str, ...] | None = None
    references: str | None = None  # "table.column" for a foreign key
    non_negative: bool = False
    min_value: int | None = None
    max_value: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    optional: bool = False
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name}")


STAGES: tuple[str, ...] = (
    "lead",
    "contacted",
    "meeting",
    "application",
    "approved",
    "contracted",
    "disbursed",
)
"""Funnel stages in order; the index is the stage number (SPEC §4.1)."""

EVENT_STAGES: tuple[str, ...] = STAGES[1:] + ("rejected", "lost")
"""Values allowed in lead_events.stage: the stages 1–6 plus the two outcomes."""

TEAM_TYPES = ("direct", "channel")
PRODUCT_LINES = ("credit", "guaranteed", "mortgage", "pledge")
SEGMENTS = ("consumer", "business")
CHANNEL_TYPES = ("branch", "online", "partner", "referral", "telesales")
CUSTOMER_TYPES = ("individual", "business")
ACTIVITY_TYPES = ("call", "visit", "meeting", "follow_up")


def _c(name: str, type_: str = TEXT, **kw) -> Column:
    return Column(name, type_, **kw)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "regions",
            (_c("region_id"), _c("region_name")),
            primary_key=("region_id",),
            description="Sales regions.",
        ),
        Table(
            "teams",
            (
                _c("team_id"),
                _c("team_name"),
                _c("region_id", references="regions.region_id"),
                _c("team_type", enum=TEAM_TYPES),
            ),
            primary_key=("team_id",),
            description="Sales teams; each belongs to one region.",
        ),
        Table(
            "officers",
            (
                _c("officer_id"),
                _c("officer_name"),
                _c("team_id", references="teams.team_id"),
                _c("hire_date", DATE),
                _c("leave_date", DATE, nullable=True),
            ),
            primary_key=("officer_id",),
            description="Account managers (客户经理) and their current team.",
        ),
        Table(
            "products",
            (
                _c("product_id"),
                _c("product_name"),
                _c("product_line", enum=PRODUCT_LINES),
                _c("segment", enum=SEGMENTS),
            ),
            primary_key=("product_id",),
            description="Loan products.",
        ),
        Table(
            "channels",
            (
                _c("channel_id"),
                _c("channel_name"),
                _c("channel_type", enum=CHANNEL_TYPES),
            ),
            primary_key=("channel_id",),
            description="Acquisition channels.",
        ),
        Table(
            "customers",
            (
                _c("customer_id"),
                _c("customer_type", enum=CUSTOMER_TYPES),
                _c("industry", nullable=True),
                _c("region_id", references="regions.region_id"),
                _c("credit_score", INTEGER, nullable=True, min_value=0, max_value=100),
                _c("created_date", DATE),
            ),
            primary_key=("customer_id",),
            description="Borrowers, individual or business.",
        ),
        Table(
            "leads",
            (
                _c("lead_id"),
                _c("customer_id", references="customers.customer_id"),
                _c("officer_id", references="officers.officer_id"),
                _c("channel_id", references="channels.channel_id"),
                _c("product_id", references="products.product_id"),
                _c("created_at", TIMESTAMP),
            ),
            primary_key=("lead_id",),
            description="Sales leads: one prospective loan for one customer.",
        ),
        Table(
            "lead_events",
            (
                _c("lead_id", references="leads.lead_id"),
                _c("stage", enum=EVENT_STAGES),
                _c("occurred_at", TIMESTAMP),
                _c("reason", nullable=True),
            ),
            description="Stage changes of leads.",
        ),
        Table(
            "loans",
            (
                _c("loan_id"),
                _c("lead_id", nullable=True, references="leads.lead_id"),
                _c("customer_id", references="customers.customer_id"),
                _c("officer_id", references="officers.officer_id"),
                _c("product_id", references="products.product_id"),
                _c("channel_id", references="channels.channel_id"),
                _c("principal", MONEY, non_negative=True),
                _c("annual_rate", RATE, non_negative=True),
                _c("term_months", INTEGER, min_value=1),
                _c("disbursed_date", DATE),
                _c("written_off_date", DATE, nullable=True),
            ),
            primary_key=("loan_id",),
            description="Disbursed loans.",
        ),
        Table(
            "installments",
            (
                _c("loan_id", references="loans.loan_id"),
                _c("installment_no", INTEGER, min_value=1),
                _c("due_date", DATE),
                _c("principal_due", MONEY, non_negative=True),
                _c("interest_due", MONEY, non_negative=True),
            ),
            primary_key=("loan_id", "installment_no"),
            description="Repayment schedule of each loan.",
        ),
        Table(
            "payments",
            (
                _c("payment_id"),
                _c("loan_id", references="loans.loan_id"),
                _c("paid_date", DATE),
                _c("amount", MONEY, non_negative=True),
            ),
            primary_key=("payment_id",),
            description="Repayments received.",
        ),
        Table(
            "targets",
            (
                _c("month", DATE),
                _c("team_id", references="teams.team_id"),
                _c("product_line", enum=PRODUCT_LINES),
                _c("base_amount", MONEY, non_negative=True),
                _c("stretch_amount", MONEY, non_negative=True),
            ),
            primary_key=("month", "team_id", "product_line"),
            description="Monthly disbursement targets; `month` is the first day of the month.",
        ),
        Table(
            "activities",
            (
                _c("activity_id"),
                _c("officer_id", references="officers.officer_id"),
                _c("customer_id", nullable=True, references="customers.customer_id"),
                _c("lead_id", nullable=True, references="leads.lead_id"),
                _c("activity_type", enum=ACTIVITY_TYPES),
                _c("occurred_at", TIMESTAMP),
            ),
            primary_key=("activity_id",),
            optional=True,
            description="Sales activities of officers (optional table).",
        ),
    )
}

TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
"""Tables in dependency order: every table comes after the tables it references."""

REQUIRED_TABLES: tuple[str, ...] = tuple(name for name, t in TABLES.items() if not t.optional)
