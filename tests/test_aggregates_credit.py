"""Credit quality on the small demo: every credit aggregate and query function against a direct polars
computation over fct_loan_snapshots, for several filter combinations and periods."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.queries import credit
from pipelines.queries.filters import DIMENSIONS, Filters, Period, Scope

AS_OF_MONTH = Period(date(2026, 11, 1), date(2026, 11, 30))
PERIODS = [
    AS_OF_MONTH,
    Period(date(2026, 8, 1), date(2026, 8, 31)),
    Period(date(2026, 4, 1), date(2026, 6, 30)),  # a quarter: three month-end pairs
    Period(date(2026, 11, 2), date(2026, 11, 15)),  # a biweekly period: ends at a biweekly snapshot
    Period(date(2026, 2, 10), date(2026, 2, 14)),  # no snapshot inside: the one before
]


@pytest.fixture(scope="module")
def con(demo_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def snapshots(con) -> pl.DataFrame:
    return con.sql("select * from fct_loan_snapshots").pl()


@pytest.fixture(scope="module")
def snapshot_dates(con) -> list[date]:
    return [r[0] for r in con.sql("select snapshot_date from dim_snapshot_dates order by 1").fetchall()]


@pytest.fixture(scope="module")
def series_dates(con) -> list[date]:
    """The month-end series: month-ends and the as-of date."""
    return [
        r[0]
        for r in con.sql(
            "select snapshot_date from dim_snapshot_dates where is_month_end or is_as_of order by 1"
        ).fetchall()
    ]


@pytest.fixture(scope="module")
def filter_sets(con) -> list[Filters]:
    """Unfiltered, dimensions alone and combined, an officer, an access scope, and an empty combination."""

    def busiest(column: str, where: str = "true") -> str:
        sql = f"select {column} from fct_loans where {where} group by 1 order by count(*) desc, 1 limit 1"
        return con.sql(sql).fetchall()[0][0]

    region = busiest("region_id")
    team = busiest("team_id", f"region_id = '{region}'")
    other_region = busiest("region_id", f"region_id <> '{region}'")
    officer = busiest("officer_id")
    channel = busiest("channel_id")
    p = AS_OF_MONTH
    return [
        Filters(p),
        Filters(p, region_ids=(region,)),
        Filters(p, team_ids=(team,), product_lines=("credit", "mortgage")),
        Filters(p, officer_ids=(officer,)),
        Filters(p, channel_ids=(channel,), customer_types=("business",)),
        Filters(p, product_lines=("guaranteed",), scope=Scope(region_ids=(region,))),
        Filters(p, scope=Scope(officer_ids=(officer,))),
        Filters(p, region_ids=(other_region,), team_ids=(team,)),  # a team of another region: nothing
    ]


def apply(frame: pl.DataFrame, filters: Filters) -> pl.DataFrame:
    for attribute, column in DIMENSIONS:
        values = getattr(filters, attribute)
        if values:
            frame = frame.filter(pl.col(column).is_in(list(values)))
    for attribute in ("region_ids", "team_ids", "officer_ids"):
        allowed = getattr(filters.scope, attribute)
        if allowed:
            frame = frame.filter(pl.col(attribute.removesuffix("s")).is_in(list(allowed)))
    return frame


def ratio(numerator, denominator) -> float | None:
    return None if not denominator else float(numerator) / float(denominator)


def close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9))


def close_money(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    )


def latest_on_or_before(dates: list[date], day: date) -> date | None:
    return max((d for d in dates if d <= day), default=None)


def test_the_demo_book_is_not_trivial(snapshots):
    active = snapshots.filter(pl.col("status") == "active")
    assert active.height > 10_000
    assert active.filter(pl.col("dpd") > 90).height > 100
    assert snapshots.filter(pl.col("status") == "written_off").height > 10


def test_series_matches_the_fact(con, snapshots, snapshot_dates, filter_sets):
    for filters in filter_sets:
        series = credit.credit_series(con, filters)
        active = apply(snapshots, filters).filter(pl.col("status") == "active")
        expected = {
            r["snapshot_date"]: r
            for r in active.group_by("snapshot_date")
            .agg(
                pl.len().alias("active_loans"),
                pl.col("outstanding_principal").sum().alias("balance"),
                pl.col("outstanding_principal").filter(pl.col("dpd") >= 1).sum().alias("dpd1"),
                pl.col("outstanding_principal").filter(pl.col("dpd") > 30).sum().alias("par30"),
                pl.col("outstanding_principal").filter(pl.col("dpd") > 90).sum().alias("par90"),
                pl.col("outstanding_principal")
                .filter(pl.col("five_tier").is_in(["substandard", "doubtful", "loss"]))
                .sum()
                .alias("npl"),
                (pl.col("dpd") >= 1).sum().alias("n_dpd1"),
                (pl.col("dpd") > 30).sum().alias("n_par30"),
            )
            .iter_rows(named=True)
        }
        assert series.height == len(snapshot_dates)  # every date, with zeros where nothing is outstanding
        for row in series.iter_rows(named=True):
            e = expected.get(row["snapshot_date"])
            if e is None:
                assert row["balance"] == 0 and row["overdue_rate"] is None, filters
                continue
            assert row["active_loans"] == e["active_loans"], filters
            assert row["balance"] == e["balance"], filters
            assert close(row["overdue_rate"], ratio(e["dpd1"], e["balance"])), filters
            assert close(row["par30"], ratio(e["par30"], e["balance"])), filters
            assert close(row["par90"], ratio(e["par90"], e["balance"])), filters
            assert close(row["npl_ratio"], ratio(e["npl"], e["balance"])), filters
            assert close(row["overdue_rate_by_count"], ratio(e["n_dpd1"], e["active_loans"])), filters
            assert close(row["par30_by_count"], ratio(e["n_par30"], e["active_loans"])), filters


def test_period_end_figures_match_the_fact(con, snapshots, snapshot_dates, filter_sets):
    for period in PERIODS:
        for filters in filter_sets[:5]:
            f = Filters(
                period,
                comparison=period.previous(),
                scope=filters.scope,
                **{a: getattr(filters, a) for a, _ in DIMENSIONS},
            )
            figures = {r["metric"]: r for r in credit.credit_at_period_end(con, f).iter_rows(named=True)}
            for which, day in (("", period.end), ("comparison_", period.previous().end)):
                snap = latest_on_or_before(snapshot_dates, day)
                active = apply(snapshots, f).filter((pl.col("status") == "active") & (pl.col("snapshot_date") == snap))
                balance = active["outstanding_principal"].sum()
                overdue = active.filter(pl.col("dpd") >= 1)["outstanding_principal"].sum()
                assert figures["overdue_rate"][f"{which}snapshot_date"] == snap
                assert figures["balance"][f"{which}value"] == float(balance)
                assert close(figures["overdue_rate"][f"{which}value"], ratio(overdue, balance))
                assert figures["active_loans"][f"{which}value"] == active.height


@pytest.mark.parametrize("m4_plus", [False, True])
def test_bucket_and_tier_mix_match_the_fact(con, snapshots, filter_sets, m4_plus):
    for filters in filter_sets:
        active = apply(snapshots, filters).filter(pl.col("status") == "active")
        bucket = pl.when(pl.col("bucket_no") >= 4).then(pl.lit("M4+")).otherwise(pl.col("dpd_bucket"))
        keyed = active.with_columns((bucket if m4_plus else pl.col("dpd_bucket")).alias("bucket"))
        expected = {
            (r["snapshot_date"], r["bucket"]): (r["len"], r["balance"])
            for r in keyed.group_by("snapshot_date", "bucket")
            .agg(pl.len(), pl.col("outstanding_principal").sum().alias("balance"))
            .iter_rows(named=True)
        }
        mix = credit.bucket_mix_series(con, filters, m4_plus=m4_plus)
        assert mix.height == mix["snapshot_date"].n_unique() * (5 if m4_plus else 8)
        for row in mix.iter_rows(named=True):
            loans, balance = expected.get((row["snapshot_date"], row["dpd_bucket"]), (0, Decimal(0)))
            assert (row["active_loans"], row["balance"]) == (loans, balance), filters
        tiers = {
            (r["snapshot_date"], r["five_tier"]): (r["len"], r["balance"])
            for r in active.group_by("snapshot_date", "five_tier")
            .agg(pl.len(), pl.col("outstanding_principal").sum().alias("balance"))
            .iter_rows(named=True)
        }
        for row in credit.five_tier_mix_series(con, filters).iter_rows(named=True):
            loans, balance = tiers.get((row["snapshot_date"], row["five_tier"]), (0, Decimal(0)))
            assert (row["active_loans"], row["balance"]) == (loans, balance), filters
        single = credit.bucket_mix(con, filters, m4_plus=m4_plus)
        assert single["snapshot_date"].unique().to_list() == [date(2026, 11, 20)]


@pytest.mark.parametrize("threshold", [30, 60, 90])
def test_vintage_matches_the_fact(con, snapshots, series_dates, filter_sets, threshold):
    for filters in filter_sets:
        book = apply(snapshots, filters)
        on_series = book.filter(pl.col("snapshot_date").is_in(series_dates))
        principal = {
            r["vintage_month"]: r["principal"]
            for r in book.unique("loan_id")
            .group_by("vintage_month")
            .agg(pl.col("principal").sum())
            .iter_rows(named=True)
        }
        over = {
            (r["vintage_month"], r["mob"]): r["outstanding_principal"]
            for r in on_series.filter((pl.col("status") == "active") & (pl.col("dpd") > threshold))
            .group_by("vintage_month", "mob")
            .agg(pl.col("outstanding_principal").sum())
            .iter_rows(named=True)
        }
        curves = credit.vintage_curves(con, filters, threshold)
        assert set(curves["vintage_month"].unique().to_list()) == set(principal), filters
        for row in curves.iter_rows(named=True):
            assert row["principal"] == principal[row["vintage_month"]]
            expected = over.get((row["vintage_month"], row["mob"]), Decimal(0))
            assert row["balance_over"] == expected, filters
            assert close(row["ratio"], ratio(expected, principal[row["vintage_month"]]))
        # Every cell of the triangle, from the vintage's own month to the as-of date, is there, one per
        # date of the month-end series (biweekly ends are not vintage dates).
        assert set(curves["snapshot_date"].to_list()) <= set(series_dates)
        cells = curves.group_by("vintage_month").len()
        for vintage, n in cells.iter_rows():
            assert n == sum(1 for d in series_dates if d >= vintage), (filters, vintage)


def test_roll_rates_match_the_fact(con, snapshots, series_dates, filter_sets):
    states = credit.roll_state_order(con)
    consecutive = set(zip(series_dates, series_dates[1:], strict=False))
    for period in PERIODS:
        for filters in filter_sets:
            f = Filters(period, **{a: getattr(filters, a) for a, _ in DIMENSIONS}, scope=filters.scope)
            result = credit.roll_rate_matrix(con, f)
            assert result.pairs, period
            # Pairs of consecutive month-end-series dates only, whatever the period.
            assert set(result.pairs) <= consecutive, period
            book = apply(snapshots, f)
            parts = []
            for t, t1 in result.pairs:
                at_t = book.filter((pl.col("snapshot_date") == t) & (pl.col("status") == "active"))
                at_t1 = book.filter(pl.col("snapshot_date") == t1).select(
                    "loan_id",
                    pl.when(pl.col("status") == "active")
                    .then(pl.col("dpd_bucket"))
                    .otherwise(pl.col("status"))
                    .alias("to_state"),
                )
                joined = at_t.join(at_t1, on="loan_id", how="left")
                assert joined["to_state"].null_count() == 0  # an active loan always has a next row
                parts.append(joined.select("dpd_bucket", "to_state", "outstanding_principal"))
            if not parts or sum(p.height for p in parts) == 0:
                assert result.matrix.is_empty()
                continue
            pooled = pl.concat(parts).group_by("dpd_bucket", "to_state").agg(pl.col("outstanding_principal").sum())
            totals = pooled.group_by("dpd_bucket").agg(pl.col("outstanding_principal").sum().alias("total"))
            expected = {
                (r["dpd_bucket"], r["to_state"]): ratio(r["outstanding_principal"], r["total"])
                for r in pooled.join(totals, on="dpd_bucket").iter_rows(named=True)
            }
            for row in result.matrix.iter_rows(named=True):
                assert math.isclose(sum(row[s] for s in states), 1.0, rel_tol=1e-9)
                for state in states:
                    assert close(row[state], expected.get((row["from_bucket"], state), 0.0)), (f, row["from_bucket"])


def test_roll_trend_matches_the_matrix_of_each_pair(con, filter_sets):
    for filters in filter_sets[:4]:
        trend = credit.roll_rate_trend(con, filters)
        for to_date in (date(2026, 3, 31), date(2026, 10, 31), date(2026, 11, 20)):
            matrix = credit.roll_rate_matrix(con, filters, to_snapshot_date=to_date).matrix
            rows = {r["from_bucket"]: r for r in matrix.iter_rows(named=True)}
            for r in trend.filter(pl.col("to_snapshot_date") == to_date).iter_rows(named=True):
                expected = rows[r["from_bucket"]][r["to_bucket"]] if r["from_bucket"] in rows else None
                assert close(r["roll_rate"], expected), (filters, to_date, r["transition"])


def test_writeoffs_match_the_fact(con, snapshots, filter_sets):
    # A loan's last row is the one that counts; biweekly rows before it may already say written_off.
    written_off = snapshots.filter((pl.col("status") == "written_off") & pl.col("is_final_row"))
    for period in PERIODS:
        for filters in filter_sets:
            f = Filters(
                period,
                comparison=period.previous(),
                scope=filters.scope,
                **{a: getattr(filters, a) for a, _ in DIMENSIONS},
            )
            out = {r["period"]: r for r in credit.writeoffs(con, f).iter_rows(named=True)}
            for label, p in (("current", period), ("comparison", period.previous())):
                rows = apply(written_off, f).filter(pl.col("written_off_date").is_between(p.start, p.end))
                assert out[label]["loans"] == rows.height
                assert out[label]["written_off_principal"] == rows["written_off_principal"].sum()


def early_warning_expected(con, snapshots: pl.DataFrame, filters: Filters, day: date) -> dict:
    lookback, sigmas, min_balance = con.sql(
        "select ew_lookback_month_ends, ew_sigmas, ew_min_balance from cfg_params"
    ).fetchall()[0]
    month_ends = sorted(
        r[0]
        for r in con.sql(
            "select snapshot_date from dim_snapshot_dates where is_month_end and snapshot_date < ?", params=[day]
        ).fetchall()
    )[-lookback:]
    active = apply(snapshots, filters).filter(pl.col("status") == "active")
    expected = {}
    for dimension, column in credit._EW_COLUMNS.items():
        rates = (
            active.group_by(column, "snapshot_date")
            .agg(
                pl.col("outstanding_principal").sum().alias("balance"),
                pl.col("outstanding_principal").filter(pl.col("dpd") >= 1).sum().alias("overdue"),
            )
            .with_columns(
                pl.when(pl.col("balance") > 0)
                .then(pl.col("overdue").cast(pl.Float64) / pl.col("balance").cast(pl.Float64))
                .alias("rate")
            )
        )
        for value, group in rates.group_by(column):
            latest = group.filter(pl.col("snapshot_date") == day)
            if latest.is_empty() or latest["balance"][0] <= 0:
                continue
            history = group.filter(pl.col("snapshot_date").is_in(month_ends))["rate"].drop_nulls()
            mean = history.mean() if history.len() else None
            sd = history.std(ddof=1) if history.len() >= 2 else None
            threshold = None if mean is None or sd is None else mean + sigmas * sd
            rate = latest["rate"][0]
            flagged = threshold is not None and rate > threshold and latest["balance"][0] > min_balance
            expected[(dimension, value[0])] = (latest["balance"][0], rate, history.len(), mean, sd, flagged)
    return expected


def test_early_warning_matches_the_fact(con, snapshots, snapshot_dates, filter_sets):
    biweekly = Period(date(2026, 11, 2), date(2026, 11, 15))  # its snapshot is the Sunday 2026-11-15
    for period in (AS_OF_MONTH, Period(date(2026, 6, 1), date(2026, 6, 30)), biweekly):
        day = latest_on_or_before(snapshot_dates, period.end)
        for filters in filter_sets:
            f = Filters(period, **{a: getattr(filters, a) for a, _ in DIMENSIONS}, scope=filters.scope)
            expected = early_warning_expected(con, snapshots, f, day)
            flags = credit.early_warning(con, f)
            got = {(r["dimension"], r["dimension_value"]): r for r in flags.iter_rows(named=True)}
            assert set(got) == set(expected), f
            for key, (balance, rate, points, mean, sd, flagged) in expected.items():
                row = got[key]
                assert row["snapshot_date"] == day
                assert row["balance"] == balance
                assert close(row["overdue_rate"], rate)
                assert row["history_points"] == points
                assert close(row["history_mean"], mean) or math.isclose(row["history_mean"], mean, abs_tol=1e-12)
                assert close(row["history_stddev"], sd) or math.isclose(row["history_stddev"], sd, abs_tol=1e-12)
                assert row["flagged"] == flagged, (f, key)
                threshold = None if mean is None or sd is None else mean + 2 * sd
                money = None if threshold is None else max(float(balance) * (rate - threshold), 0.0)
                assert close_money(row["overdue_above_threshold"], money), (f, key)
            # Flags first, by money at risk (overdue balance above the threshold), largest first.
            flagged_money = flags.filter(pl.col("flagged"))["overdue_above_threshold"].to_list()
            assert flagged_money == sorted(flagged_money, reverse=True)
            assert flags["flagged"].to_list() == sorted(flags["flagged"].to_list(), reverse=True)
    assert date(2026, 11, 15) in snapshot_dates
    # The planted story: one region's delinquency rises over the last months; something is flagged.
    assert credit.early_warning(con, Filters(AS_OF_MONTH))["flagged"].any()


def test_precomputed_early_warning_inputs_equal_the_filtered_path(con):
    everything = con.sql(
        "select dimension, dimension_value, snapshot_date, balance, balance_dpd1 from agg_early_warning"
    ).pl()
    recomputed = (
        con.sql("select * from agg_delinquency_snapshot")
        .pl()
        .unpivot(
            index=["snapshot_date", "balance", "balance_dpd1"],
            on=list(credit._EW_COLUMNS.values()),
            variable_name="column",
            value_name="dimension_value",
        )
        .group_by("column", "dimension_value", "snapshot_date")
        .agg(pl.col("balance").sum(), pl.col("balance_dpd1").sum())
    )
    names = {column: name for name, column in credit._EW_COLUMNS.items()}
    recomputed = recomputed.with_columns(pl.col("column").replace_strict(names).alias("dimension")).drop("column")
    key = ["dimension", "dimension_value", "snapshot_date"]
    joined = everything.join(recomputed, on=key, how="full", coalesce=True, suffix="_r")
    assert joined.height == everything.height == recomputed.height
    assert (joined["balance"] == joined["balance_r"]).all()
    assert (joined["balance_dpd1"] == joined["balance_dpd1_r"]).all()


def test_precomputed_thresholds_equal_the_query(con, snapshot_dates):
    """agg_early_warning's threshold and money at risk are those credit.early_warning works out (whole book)."""
    for day in (date(2026, 11, 20), date(2026, 11, 15), date(2026, 10, 31), date(2026, 10, 18)):
        assert day in snapshot_dates
        flags = credit.early_warning(con, Filters(Period(day, day)))
        stored = {
            (r[0], r[1]): r[2:]
            for r in con.sql(
                "select dimension, dimension_value, history_points, threshold, overdue_above_threshold "
                "from agg_early_warning where snapshot_date = ?",
                params=[day],
            ).fetchall()
        }
        assert flags.height > 100
        for r in flags.iter_rows(named=True):
            points, threshold, money = stored[(r["dimension"], r["dimension_value"])]
            assert points == r["history_points"]
            assert close(threshold, r["threshold"]) or math.isclose(threshold, r["threshold"], abs_tol=1e-12)
            assert close_money(money, r["overdue_above_threshold"])


def test_team_grain_twins_sum_to_the_officer_grain(con):
    for table, measures in (
        ("agg_delinquency_snapshot", "active_loans, balance, balance_dpd1, balance_npl, loans_par90"),
        ("agg_delinquency_mix", "active_loans, balance"),
        ("agg_roll_rates", "loans, balance_at_t, balance_at_t1"),
    ):
        sums = ", ".join(f"sum({m.strip()})" for m in measures.split(","))
        assert (
            con.sql(f"select {sums} from {table}").fetchall()
            == con.sql(f"select {sums} from {table}_by_team").fetchall()
        )
