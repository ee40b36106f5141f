"""Time every Credit quality query function on a built warehouse: median and p95 over repeated runs.

    .venv/bin/python benchmarks/bench_queries_credit.py --db /tmp/credit_medium.duckdb [--runs 20]

Each function runs `--runs` times, cycling through a few filter combinations (the current month
unfiltered, a region, a team with a product line, an officer, a channel with a customer type, a
past quarter with a comparison), on one read-only connection as the app would hold it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.queries import credit  # noqa: E402
from pipelines.queries.filters import Filters, Period  # noqa: E402


def filter_sets(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    def busiest(column: str) -> str:
        sql = f"select {column} from fct_loans group by 1 order by count(*) desc, 1 limit 1"
        return con.sql(sql).fetchall()[0][0]

    as_of = con.sql("select as_of from build_params").fetchall()[0][0]
    month_end = date(as_of.year + (as_of.month == 12), as_of.month % 12 + 1, 1).toordinal() - 1
    period = Period(as_of.replace(day=1), date.fromordinal(month_end))  # the unfinished current month
    previous = Period(date(as_of.year, as_of.month, 1), period.end).previous()
    past = Period(date(as_of.year, 4, 1), date(as_of.year, 6, 30))
    comparison = Period(date(as_of.year, 1, 1), date(as_of.year, 3, 31))
    return [
        Filters(period=period, comparison=previous),
        Filters(period=period, region_ids=(busiest("region_id"),)),
        Filters(period=period, team_ids=(busiest("team_id"),), product_lines=("credit",)),
        Filters(period=period, officer_ids=(busiest("officer_id"),)),
        Filters(period=period, channel_ids=(busiest("channel_id"),), customer_types=("business",)),
        Filters(period=past, comparison=comparison),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    con = duckdb.connect(str(args.db), read_only=True)
    sets = filter_sets(con)
    functions: dict[str, Callable[[Filters], object]] = {
        "credit_series": lambda f: credit.credit_series(con, f),
        "credit_at_period_end": lambda f: credit.credit_at_period_end(con, f),
        "bucket_mix(m4_plus)": lambda f: credit.bucket_mix(con, f, m4_plus=True),
        "bucket_mix_series": lambda f: credit.bucket_mix_series(con, f),
        "five_tier_mix": lambda f: credit.five_tier_mix(con, f),
        "five_tier_mix_series": lambda f: credit.five_tier_mix_series(con, f),
        "vintage_curves(30)": lambda f: credit.vintage_curves(con, f, 30),
        "vintage_triangle(90)": lambda f: credit.vintage_triangle(con, f, 90),
        "roll_rate_matrix": lambda f: credit.roll_rate_matrix(con, f),
        "roll_rate_trend": lambda f: credit.roll_rate_trend(con, f),
        "writeoffs": lambda f: credit.writeoffs(con, f),
        "writeoffs_by_month": lambda f: credit.writeoffs_by_month(con, f),
        "early_warning": lambda f: credit.early_warning(con, f),
        "early_warning_history(team)": lambda f: credit.early_warning_history(con, f, "team"),
    }
    counts = {
        table: con.sql(f"select count(*) from {table}").fetchall()[0][0]
        for table in (
            "fct_loan_snapshots",
            "agg_delinquency_snapshot",
            "agg_delinquency_mix",
            "agg_vintage",
            "agg_roll_rates",
            "agg_early_warning",
        )
    }
    print(f"{args.db}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"{args.runs} runs per function over {len(sets)} filter sets")
    print(f"{'function':<30}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, function in functions.items():
        function(sets[0])  # warm-up: first touch of the tables
        timings = []
        for i in range(args.runs):
            started = time.perf_counter()
            function(sets[i % len(sets)])
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        print(f"{name:<30}{statistics.median(timings):>10.1f}{p95:>10.1f}{timings[-1]:>10.1f}")


if __name__ == "__main__":
    main()
