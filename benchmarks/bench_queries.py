"""Time every query function the pages call, on a built warehouse: median, p95 and max over repeated runs.

    .venv/bin/python benchmarks/bench_queries.py --db data/warehouse.duckdb [--runs 20] [--only credit]

Each function runs `--runs` times, cycling through six filter combinations (the unfinished
current month with its comparison, a region, a team with a product line, an officer, a channel
with a customer type, a past quarter with a comparison), on one read-only connection as the app
holds it. The first call of each function is a warm-up and not timed. The target is well under
100 ms per call on the `medium` demo; the last line prints the slowest median and the ratio of
each area's median to the fastest function, which stays comparable across machines.
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

from pipelines.queries import credit, customers, disbursement, funnel  # noqa: E402
from pipelines.queries.filters import Filters, Period  # noqa: E402


def filter_sets(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    """Six filter combinations over the busiest region, team, officer and channel of the warehouse."""

    def busiest(column: str) -> str:
        return con.sql(f"select {column} from fct_loans group by 1 order by count(*) desc, 1 limit 1").fetchall()[0][0]

    as_of = con.sql("select as_of from build_params").fetchall()[0][0]
    month_end = date(as_of.year + (as_of.month == 12), as_of.month % 12 + 1, 1).toordinal() - 1
    current = Period(as_of.replace(day=1), date.fromordinal(month_end))  # the unfinished current month
    past = Period(date(as_of.year, 4, 1), date(as_of.year, 6, 30))
    before = Period(date(as_of.year, 1, 1), date(as_of.year, 3, 31))
    return [
        Filters(period=current, comparison=current.previous()),
        Filters(period=current, region_ids=(busiest("region_id"),)),
        Filters(period=current, team_ids=(busiest("team_id"),), product_lines=("credit",)),
        Filters(period=current, officer_ids=(busiest("officer_id"),)),
        Filters(period=current, channel_ids=(busiest("channel_id"),), customer_types=("business",)),
        Filters(period=past, comparison=before),
    ]


def functions(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Callable[[Filters], object]]]:
    """Every query function by area, with the arguments the pages use."""
    since = con.sql("select max(as_of) from dim_rfm_dates where not is_build_as_of").fetchall()[0][0]
    return {
        "funnel": {
            "funnel_by_stage": lambda f: funnel.funnel_by_stage(con, f),
            "funnel_breakdown(team)": lambda f: funnel.funnel_breakdown(con, f, "team"),
            "funnel_breakdown(officer)": lambda f: funnel.funnel_breakdown(con, f, "officer"),
            "conversion_trend(week, 12)": lambda f: funnel.conversion_trend(con, f, "week", 12),
            "conversion_trend(month, 12)": lambda f: funnel.conversion_trend(con, f, "month", 12),
            "time_to_convert": lambda f: funnel.time_to_convert(con, f),
            "dropped_leads(meeting)": lambda f: funnel.dropped_leads(con, f, "meeting"),
            "activity_counts": lambda f: funnel.activity_counts(con, f),
            "new_leads": lambda f: funnel.new_leads(con, f),
        },
        "disbursement": {
            "disbursement_summary": lambda f: disbursement.disbursement_summary(con, f),
            "disbursement_series(day)": lambda f: disbursement.disbursement_series(con, f, "day"),
            "disbursement_series(week)": lambda f: disbursement.disbursement_series(con, f, "week"),
            "disbursement_mix(channel)": lambda f: disbursement.disbursement_mix(con, f, "channel"),
            "leaderboard(team)": lambda f: disbursement.leaderboard(con, f, "team"),
            "leaderboard(officer)": lambda f: disbursement.leaderboard(con, f, "officer"),
        },
        "credit": {
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
        },
        "customers": {
            "as_of_dates": lambda f: customers.as_of_dates(con, f),
            "segment_grid": lambda f: customers.segment_grid(con, f),
            "segment_summary": lambda f: customers.segment_summary(con, f),
            "tier_grade_matrix": lambda f: customers.tier_grade_matrix(con, f),
            "segment_migration": lambda f: customers.segment_migration(con, f),
            "strategic_at_risk": lambda f: customers.strategic_at_risk(con, f),
            "repeat_loan_candidates": lambda f: customers.repeat_loan_candidates(con, f),
            "moved_into_risk": lambda f: customers.moved_into_risk(con, f, since=since),
        },
    }


def time_one(function: Callable[[Filters], object], sets: list[Filters], runs: int) -> list[float]:
    function(sets[0])  # warm-up: the first touch of the tables
    timings = []
    for i in range(runs):
        started = time.perf_counter()
        function(sets[i % len(sets)])
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("data/warehouse.duckdb"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", choices=("funnel", "disbursement", "credit", "customers"), default=None)
    args = parser.parse_args()

    con = duckdb.connect(str(args.db), read_only=True)
    sets = filter_sets(con)
    leads, loans, snapshots = con.sql(
        "select (select count(*) from fct_leads), (select count(*) from fct_loans),"
        " (select count(*) from fct_loan_snapshots)"
    ).fetchall()[0]
    print(f"{args.db}: {leads:,} leads, {loans:,} loans, {snapshots:,} loan snapshots")
    print(f"{args.runs} runs per function over {len(sets)} filter sets")
    print(f"{'area':<14}{'function':<30}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}")
    medians: dict[str, float] = {}
    for area, table in functions(con).items():
        if args.only and area != args.only:
            continue
        for name, function in table.items():
            timings = time_one(function, sets, args.runs)
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            medians[f"{area}.{name}"] = statistics.median(timings)
            print(f"{area:<14}{name:<30}{medians[f'{area}.{name}']:>10.1f}{p95:>10.1f}{timings[-1]:>10.1f}")
    slowest = max(medians, key=medians.get)
    fastest = min(medians, key=medians.get)
    print(
        f"slowest median: {slowest} {medians[slowest]:.1f} ms; "
        f"{medians[slowest] / medians[fastest]:.0f}× the fastest ({fastest} {medians[fastest]:.1f} ms)"
    )


if __name__ == "__main__":
    main()
