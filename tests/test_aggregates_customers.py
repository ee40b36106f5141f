"""Customers on the small demo: the RFM fact against an independent recomputation from the loans, and every
query function against a direct computation over the fact, for several filter combinations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipelines.config import RFM_SEGMENTS, load_config
from pipelines.queries import customers as q
from pipelines.queries.customers import ORGANISATION
from pipelines.queries.filters import DIMENSIONS, Filters, Period, Scope

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
MID_OCTOBER = Period(date(2026, 10, 5), date(2026, 10, 18))  # → as-of 2026-09-30
AUGUST = Period(date(2026, 8, 1), date(2026, 8, 31))


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def fact(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return con.sql("select * from fct_customer_rfm").pl()


@pytest.fixture(scope="module")
def filter_sets(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    """Unfiltered, each dimension alone, and combinations (a region with one of its teams, a product line, a scope)."""

    def first(sql: str, *params: str) -> str:
        return con.sql(sql, params=list(params)).fetchall()[0][0]

    region = first("select officer_region_id from fct_customer_rfm group by 1 order by count(*) desc limit 1")
    # A team of the region: region and team are both the latest loan's officer's, so another region's
    # team would select nobody.
    region_team = first("select team_id from stg_teams where region_id = ? order by team_id desc limit 1", region)
    team = first("select team_id from fct_customer_rfm group by 1 order by count(*) desc limit 1")
    officer = first("select officer_id from fct_customer_rfm group by 1 order by count(*) desc limit 1")
    channel = first("select channel_id from fct_customer_rfm group by 1 order by count(*) desc limit 1")
    base = Filters(period=NOVEMBER)
    return [
        base,
        Filters(period=NOVEMBER, region_ids=(region,)),
        Filters(period=NOVEMBER, team_ids=(team,), product_lines=("credit", "mortgage")),
        Filters(period=NOVEMBER, officer_ids=(officer,)),
        Filters(period=NOVEMBER, channel_ids=(channel,), customer_types=("business",)),
        Filters(period=NOVEMBER, region_ids=(region,), team_ids=(region_team,), product_lines=("credit",)),
        Filters(period=MID_OCTOBER, comparison=AUGUST, customer_types=("individual",)),
        Filters(period=NOVEMBER, scope=Scope(region_ids=(region,))),
    ]


def organisation(column: str) -> str:
    """A customer's region for filters and scopes is their latest loan's officer's (officer_region_id)."""
    return ORGANISATION.get(column, column)


def apply(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    """The dimension filters and the access scope, applied directly in polars."""
    for attribute, column in DIMENSIONS:
        values = getattr(filters, attribute)
        if values:
            frame = frame.filter(pl.col(organisation(column)).is_in(list(values)))
    for attribute in ("region_ids", "team_ids", "officer_ids"):
        allowed = getattr(filters.scope, attribute)
        if allowed:
            frame = frame.filter(pl.col(organisation(attribute[:-1])).is_in(list(allowed)))
    return frame


def expected_as_of(con: duckdb.DuckDBPyConnection, day: date) -> date:
    dates = [d for (d,) in con.sql("select as_of from dim_rfm_dates").fetchall() if d <= day]
    return max(dates)


# --- The fact against a recomputation from the loans ---


def recompute_rfm(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """SPEC §4.4 written again in polars, from the staging tables and the default configuration."""
    config = load_config()["rfm"]
    window = config["window_days"]
    loans = con.sql("select * from stg_loans").pl()
    customers = con.sql("select * from stg_customers").pl()
    officers = con.sql(
        "select officer_id, team_id, region_id as officer_region_id from stg_officers join stg_teams using (team_id)"
    ).pl()
    products = con.sql("select product_id, product_line from stg_products").pl()
    grid = pl.DataFrame(
        [
            {"r_score": 5 - r, "fm_score": fm + 1, "segment": segment}
            for r, row in enumerate(config["segment_grid"])
            for fm, segment in enumerate(row)
        ],
        schema={"r_score": pl.Int32, "fm_score": pl.Int32, "segment": pl.String},
    )
    grades = sorted(config["credit_grade_min_score"].items(), key=lambda kv: -kv[1])

    def grade(score: int) -> str:
        return next(g for g, low in grades if score >= low)

    def score(column: str, descending: bool) -> pl.Expr:
        rank = pl.col(column).rank(method="min", descending=descending).over("as_of")
        n = pl.len().over("as_of")
        percent_rank = pl.when(n > 1).then((rank - 1) / (n - 1)).otherwise(0.0)
        return pl.min_horizontal(pl.lit(5), 1 + (5 * percent_rank).floor()).cast(pl.Int32)

    frames = []
    for (as_of,) in con.sql("select as_of from dim_rfm_dates").fetchall():
        in_window = loans.filter(
            (pl.col("disbursed_date") > as_of - timedelta(days=window)) & (pl.col("disbursed_date") <= as_of)
        )
        latest = (
            in_window.sort(["disbursed_date", "principal", "loan_id"], descending=True)
            .group_by("customer_id", maintain_order=True)
            .first()
        )
        per_customer = in_window.group_by("customer_id").agg(
            pl.col("disbursed_date").max().alias("latest_loan_date"),
            pl.len().alias("frequency"),
            pl.col("principal").sum().alias("monetary"),
            pl.col("principal").max().alias("max_principal"),
        )
        frames.append(
            per_customer.join(
                latest.select("customer_id", "officer_id", "channel_id", "product_id", latest_loan_id="loan_id"),
                on="customer_id",
            ).with_columns(as_of=pl.lit(as_of))
        )
    tiers = config["tiers"]
    return (
        pl.concat(frames)
        .with_columns(recency_days=(pl.col("as_of") - pl.col("latest_loan_date")).dt.total_days().cast(pl.Int32))
        .with_columns(
            r_score=score("recency_days", descending=True),
            f_score=score("frequency", descending=False),
            m_score=score("monetary", descending=False),
        )
        .with_columns(fm_score=((pl.col("f_score") + pl.col("m_score") + 1) // 2).cast(pl.Int32))
        .join(grid, on=["r_score", "fm_score"])
        .join(customers, on="customer_id")
        .join(officers, on="officer_id")
        .join(products, on="product_id")
        .with_columns(
            tier=pl.when(pl.col("max_principal") >= tiers["strategic_min"])
            .then(pl.lit("strategic"))
            .when(pl.col("max_principal") >= tiers["growth_min"])
            .then(pl.lit("growth"))
            .otherwise(pl.lit("micro")),
            credit_grade=pl.col("credit_score").map_elements(grade, return_dtype=pl.String).fill_null("unrated"),
        )
    )


def test_fact_matches_an_independent_recomputation(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame) -> None:
    columns = [
        "customer_id", "as_of", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score",
        "fm_score", "segment", "max_principal", "tier", "credit_score", "credit_grade", "customer_type",
        "industry", "region_id", "officer_region_id", "officer_id", "team_id", "channel_id", "product_line",
        "latest_loan_date", "latest_loan_id",
    ]  # fmt: skip
    expected = recompute_rfm(con).select(columns).sort("as_of", "customer_id")
    got = fact.select(columns).sort("as_of", "customer_id")
    assert got.height == expected.height > 1000
    assert_frame_equal(got, expected, check_dtypes=False)
    # The demo is rich enough for the comparison to mean something.
    latest = got.filter(pl.col("as_of") == pl.col("as_of").max())
    assert set(latest["segment"]) == set(RFM_SEGMENTS)
    assert set(latest["tier"]) == {"strategic", "growth", "micro"}


def test_every_month_end_has_rows(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame) -> None:
    dates = [d for (d,) in con.sql("select as_of from dim_rfm_dates order by as_of").fetchall()]
    assert len(dates) == 13 and dates[-1] == date(2026, 11, 20) and dates[0] == date(2025, 11, 30)
    assert fact["as_of"].unique().sort().to_list() == dates


def test_loan_standing_matches_the_snapshots(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame) -> None:
    snapshots = con.sql(
        "select customer_id, snapshot_date as as_of, status, dpd, outstanding_principal from fct_loan_snapshots"
    ).pl()
    at_as_of = fact.select("customer_id", "as_of").join(snapshots, on=["customer_id", "as_of"], how="inner")
    active = pl.col("status") == "active"
    expected = at_as_of.group_by("customer_id", "as_of").agg(
        active.sum().cast(pl.Int32).alias("active_loans"),
        (active & (pl.col("dpd") >= 1)).sum().cast(pl.Int32).alias("past_due_loans"),
        pl.col("dpd").filter(active).max().fill_null(0).cast(pl.Int32).alias("max_dpd"),
        pl.col("outstanding_principal").sum().alias("outstanding_principal"),
    )
    got = con.sql(
        "select customer_id, as_of, active_loans, past_due_loans, max_dpd, outstanding_principal "
        "from agg_rfm_loan_status"
    ).pl()
    merged = got.join(expected, on=["customer_id", "as_of"], how="left", suffix="_expected")
    for column in ("active_loans", "past_due_loans", "max_dpd"):
        assert (merged[column] == merged[f"{column}_expected"].fill_null(0)).all(), column
    assert (
        merged["outstanding_principal"].cast(pl.Float64)
        == merged["outstanding_principal_expected"].cast(pl.Float64).fill_null(0)
    ).all()
    assert got.height == fact.height
    assert got["past_due_loans"].sum() > 0


# --- Query functions against the fact ---


def test_as_of_selection(con: duckdb.DuckDBPyConnection) -> None:
    assert q.selected_as_of(con, Filters(period=NOVEMBER)) == date(2026, 11, 20)
    assert q.selected_as_of(con, Filters(period=MID_OCTOBER)) == date(2026, 9, 30)
    assert q.comparison_as_of(con, Filters(period=MID_OCTOBER, comparison=AUGUST)) == date(2026, 8, 31)
    assert q.comparison_as_of(con, Filters(period=NOVEMBER)) is None
    assert q.selected_as_of(con, Filters(period=Period(date(2024, 1, 1), date(2024, 1, 31)))) is None


def test_as_of_dates_counts(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame, filter_sets: list[Filters]) -> None:
    for filters in filter_sets:
        got = q.as_of_dates(con, filters)
        counts = apply(fact, filters).group_by("as_of").len()
        expected = dict(counts.iter_rows())
        assert {r["as_of"]: r["customers"] for r in got.iter_rows(named=True)} == {
            d: expected.get(d, 0) for d in got["as_of"]
        }


def test_segment_grid_and_summary(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame, filter_sets) -> None:
    for filters in filter_sets:
        as_of = expected_as_of(con, filters.period.end)
        rows = apply(fact.filter(pl.col("as_of") == as_of), filters)
        cells = {(r, fm): (n, m) for r, fm, n, m in rows.group_by("r_score", "fm_score").agg(
            pl.len(), pl.col("monetary").sum()
        ).iter_rows()}  # fmt: skip
        grid = q.segment_grid(con, filters)
        assert grid.height == 25 and set(grid["as_of"]) == {as_of}
        for r in grid.iter_rows(named=True):
            n, m = cells.get((r["r_score"], r["fm_score"]), (0, 0))
            assert (r["customers"], r["monetary"]) == (n, m), (filters, r)
        assert grid["customers"].sum() == rows.height

        summary = q.segment_summary(con, filters)
        per_segment = {s: (n, m) for s, n, m in rows.group_by("segment").agg(
            pl.len(), pl.col("monetary").sum()
        ).iter_rows()}  # fmt: skip
        total_monetary = float(rows["monetary"].sum())
        for r in summary.iter_rows(named=True):
            n, m = per_segment.get(r["segment"], (0, 0))
            assert (r["customers"], r["monetary"]) == (n, m)
            assert r["customer_share"] == pytest.approx(n / rows.height)
            assert r["monetary_share"] == pytest.approx(float(m) / total_monetary)
        assert summary["customer_share"].sum() == pytest.approx(1.0)
        if filters.comparison:
            then = expected_as_of(con, filters.comparison.end)
            rows_then = apply(fact.filter(pl.col("as_of") == then), filters)
            per_segment_then = dict(rows_then.group_by("segment").len().iter_rows())
            assert set(summary["comparison_as_of"]) == {then}
            assert dict(summary.select("segment", "customers_comparison").iter_rows()) == {
                s: per_segment_then.get(s, 0) for s in summary["segment"]
            }
        else:
            assert summary["customers_comparison"].null_count() == summary.height


def test_tier_grade_matrix(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame, filter_sets) -> None:
    for filters in filter_sets:
        as_of = expected_as_of(con, filters.period.end)
        rows = apply(fact.filter(pl.col("as_of") == as_of), filters)
        cells = {(t, g): (n, m) for t, g, n, m in rows.group_by("tier", "credit_grade").agg(
            pl.len(), pl.col("monetary").sum()
        ).iter_rows()}  # fmt: skip
        matrix = q.tier_grade_matrix(con, filters)
        assert matrix.height == 30
        for r in matrix.iter_rows(named=True):
            assert (r["customers"], r["monetary"]) == cells.get((r["tier"], r["credit_grade"]), (0, 0))


def test_segment_migration(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame, filter_sets) -> None:
    for filters in filter_sets:
        to_as_of = expected_as_of(con, filters.period.end)
        if filters.comparison:
            from_as_of = expected_as_of(con, filters.comparison.end)
        else:
            from_as_of = max(d for d in fact["as_of"].unique() if d < to_as_of)
        before = fact.filter(pl.col("as_of") == from_as_of)
        after = fact.filter(pl.col("as_of") == to_as_of)
        dims = [organisation(c) for _, c in DIMENSIONS]
        pairs = before.select("customer_id", "segment", *dims).join(
            after.select("customer_id", "segment", *dims),
            on="customer_id",
            how="full",
            coalesce=True,
            suffix="_to",
        )
        # Attribution: the later row when the customer is scored then, else the earlier one.
        pairs = pairs.with_columns(
            [pl.coalesce(f"{d}_to", d).alias(d) for d in dims]
            + [
                pl.col("segment").fill_null("not_scored").alias("from_segment"),
                pl.col("segment_to").fill_null("not_scored").alias("to_segment"),
            ]
        )
        expected = dict(
            ((f, t), n) for f, t, n in apply(pairs, filters).group_by("from_segment", "to_segment").len().iter_rows()
        )
        got = q.segment_migration(con, filters)
        assert {(r["from_segment"], r["to_segment"]): r["customers"] for r in got.iter_rows(named=True)} == expected
        assert set(got["from_as_of"]) <= {from_as_of} and set(got["to_as_of"]) <= {to_as_of}
        if got.height:
            sums = got.group_by("from_segment").agg(pl.col("share_of_from").sum())
            assert sums["share_of_from"].to_list() == pytest.approx([1.0] * sums.height)


def test_action_lists(con: duckdb.DuckDBPyConnection, fact: pl.DataFrame, filter_sets) -> None:
    status = (
        con.sql("select * from agg_rfm_loan_status")
        .pl()
        .select("customer_id", "as_of", "past_due_loans", "written_off_loans")
    )
    grade_no = dict(con.sql("select credit_grade, grade_no from cfg_credit_grades").fetchall())
    risk = ["at_risk", "cant_lose", "hibernating"]
    for filters in filter_sets:
        as_of = expected_as_of(con, filters.period.end)
        previous = max(d for d in fact["as_of"].unique() if d < as_of)
        rows = apply(fact.filter(pl.col("as_of") == as_of), filters).join(status, on=["customer_id", "as_of"])
        before = fact.filter(pl.col("as_of") == previous).select("customer_id", previous_segment="segment")
        rows = rows.join(before, on="customer_id", how="left").with_columns(
            pl.col("previous_segment").fill_null("not_scored")
        )

        at_risk = q.strategic_at_risk(con, filters, limit=None)
        expected = rows.filter((pl.col("tier") == "strategic") & pl.col("segment").is_in(risk))
        assert set(at_risk["customer_id"]) == set(expected["customer_id"])
        assert at_risk["monetary"].to_list() == sorted(at_risk["monetary"].to_list(), reverse=True)
        assert dict(at_risk.select("customer_id", "previous_segment").iter_rows()) == dict(
            expected.select("customer_id", "previous_segment").iter_rows()
        )

        candidates = q.repeat_loan_candidates(con, filters, limit=None)
        expected = rows.filter(
            pl.col("segment").is_in(["champions", "loyal", "potential", "promising", "need_attention"])
            & pl.col("credit_grade").replace_strict(grade_no, default=99).le(grade_no["BBB"])
            & (pl.col("recency_days") >= 90)
            & (pl.col("past_due_loans") == 0)
            & (pl.col("written_off_loans") == 0)
        )
        assert set(candidates["customer_id"]) == set(expected["customer_id"])
        assert candidates.height == expected.height
        limited = q.repeat_loan_candidates(con, filters, limit=5)
        assert limited["customer_id"].to_list() == candidates["customer_id"].head(5).to_list()

        moved = q.moved_into_risk(con, filters, since=previous, limit=None)
        expected = rows.filter(pl.col("segment").is_in(risk) & ~pl.col("previous_segment").is_in(risk))
        assert set(moved["customer_id"]) == set(expected["customer_id"])


def test_lists_are_not_empty_on_the_demo(con: duckdb.DuckDBPyConnection) -> None:
    filters = Filters(period=NOVEMBER)
    assert q.strategic_at_risk(con, filters).height > 0
    assert q.repeat_loan_candidates(con, filters).height > 0
    assert q.moved_into_risk(con, filters, since=date(2026, 10, 31)).height > 0
