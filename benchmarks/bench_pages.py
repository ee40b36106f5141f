"""Script time of every page after a filter change: median and p95 of AppTest reruns on a built warehouse.

    .venv/bin/python benchmarks/bench_pages.py --db data/warehouse.duckdb [--changes 12] [--pages funnel teams]

One session per page. Before each timed rerun the filter bar changes (the biweekly period steps
back, the region selection cycles), so every rerun asks for figures it has not seen — the cold
path of a director changing a filter. A second figure, "warm", reruns with an unchanged filter
(everything cached). The target is under half a second of script time per page on the `medium`
demo. AppTest runs the script in-process, without the browser's rendering time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PAGES = ("overview", "funnel", "disbursement", "credit", "customers", "teams", "retrospective", "data")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_page(page: str, changes: int, regions: list[str], periods: list[str]) -> tuple[list[float], list[float]]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    at.switch_page(f"pages/{page}.py")
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    cold, warm = [], []
    selections = [[], *([r] for r in regions), regions[:2]]
    for i in range(changes):
        at.selectbox(key="f_period_biweekly").set_value(periods[i % len(periods)])
        at.multiselect(key="f_region").set_value(selections[i % len(selections)])
        started = time.perf_counter()
        at.run()
        cold.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].value}")
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=REPO / "data" / "warehouse.duckdb")
    parser.add_argument("--changes", type=int, default=12)
    parser.add_argument("--pages", nargs="*", default=[p for p in PAGES if (REPO / "pages" / f"{p}.py").exists()])
    args = parser.parse_args()
    os.environ["LOAN_DASHBOARD_DB"] = str(args.db.resolve())

    import duckdb

    from pipelines import periods

    con = duckdb.connect(str(args.db), read_only=True)
    as_of, anchor = con.sql(
        "select b.as_of, p.biweekly_anchor_monday from build_params b cross join cfg_params p"
    ).fetchall()[0]
    regions = [r[0] for r in con.sql("select region_id from stg_regions order by 1").fetchall()]
    con.close()
    last = periods.last_complete("biweekly", as_of, anchor)
    choices = [periods.to_text("biweekly", periods.shift("biweekly", last, -k, anchor)) for k in range(1, 9)]

    print(f"{args.db}: {args.changes} filter changes per page")
    print(f"{'page':<16}{'cold median ms':>16}{'cold p95 ms':>14}{'warm median ms':>16}")
    for page in args.pages:
        cold, warm = bench_page(page, args.changes, regions, choices)
        print(
            f"{page:<16}{statistics.median(cold) * 1000:>16.0f}{percentile(cold, 0.95) * 1000:>14.0f}"
            f"{statistics.median(warm) * 1000:>16.0f}"
        )


if __name__ == "__main__":
    main()
