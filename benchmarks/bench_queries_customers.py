"""Time every Customers query function on a built warehouse: median and p95 over repeated runs.

    .venv/bin/python benchmarks/bench_queries_customers.py --db /tmp/customers_medium.duckdb [--runs 20]

Each function runs `--runs` times, cycling through a few filter combinations (unfiltered, a region,
a team with a product line, an officer, a channel with a customer type, a past period with a
comparison), on one read-only connection as the app would hold it.
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

from pipelines.queries import customers as q  # noqa: E402
from pipelines.queries.filters import Filters, Period  # noqa: E402


def filter_sets(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    def busiest(column: str) -> str:
        return con.sql(f"select {column} from fct_customer_rfm group by 1 order by count(*) desc limit 1").fetchall()[
            0
        ][0]

    as_of = con.sql("select as_of from build_params").fetchall()[0][0]
    period = Period(as_of.replace(day=1), as_of)
    past = Period(date(as_of.year, 1, 1), date(as_of.year, 3, 31))
    comparison = Period(date(as_of.year - 1, 10, 1), date(as_of.year - 1, 12, 31))
    return [
        Filters(period=period),
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
    since = con.sql("select max(as_of) from dim_rfm_dates where not is_build_as_of").fetchall()[0][0]
    functions: dict[str, Callable[[Filters], object]] = {
        "as_of_dates": lambda f: q.as_of_dates(con, f),
        "selected_as_of": lambda f: q.selected_as_of(con, f),
        "segment_grid": lambda f: q.segment_grid(con, f),
        "segment_summary": lambda f: q.segment_summary(con, f),
        "tier_grade_matrix": lambda f: q.tier_grade_matrix(con, f),
        "segment_migration": lambda f: q.segment_migration(con, f),
        "strategic_at_risk": lambda f: q.strategic_at_risk(con, f),
        "repeat_loan_candidates": lambda f: q.repeat_loan_candidates(con, f),
        "moved_into_risk": lambda f: q.moved_into_risk(con, f, since=since),
    }
    rows = con.sql("select count(*) from fct_customer_rfm").fetchall()[0][0]
    print(f"{args.db}: fct_customer_rfm {rows:,} rows; {args.runs} runs per function over {len(sets)} filter sets")
    print(f"{'function':<26}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, function in functions.items():
        function(sets[0])  # warm-up: first touch of the tables
        timings = []
        for i in range(args.runs):
            started = time.perf_counter()
            function(sets[i % len(sets)])
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        print(f"{name:<26}{statistics.median(timings):>10.1f}{p95:>10.1f}{timings[-1]:>10.1f}")


if __name__ == "__main__":
    main()
