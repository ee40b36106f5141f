"""Benchmark the demo generator: wall time, rows per table and rows per second by scale.

    python benchmarks/bench_demo.py                      # small and medium, CSV
    python benchmarks/bench_demo.py --scales small,medium,large --format parquet

Files go to a temporary folder that is removed afterwards (use --keep DIR to keep them).
The budget (SPEC §6, design brief): medium, CSV included, in under 60 s on two cores.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.contract import TABLES  # noqa: E402
from pipelines.demo import generate, parse_scale  # noqa: E402

MEDIUM_BUDGET_SECONDS = 60.0


def run(scale: str, out: Path, fmt: str, seed: int) -> tuple[float, dict[str, int]]:
    start = time.perf_counter()
    counts = generate(out, parse_scale(scale), seed=seed, fmt=fmt, progress=False)
    return time.perf_counter() - start, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="small,medium", help="comma-separated scales (default small,medium)")
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="write into this folder and keep the files")
    args = parser.parse_args(argv)

    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_demo_"))
    results: dict[str, tuple[float, dict[str, int]]] = {}
    try:
        for scale in scales:
            seconds, counts = run(scale, root / scale, args.format, args.seed)
            results[scale] = (seconds, counts)
            size = sum(f.stat().st_size for f in (root / scale).iterdir()) / 1e6
            total = sum(counts.values())
            print(
                f"\n== {scale} ({parse_scale(scale):,} leads, {args.format}): {seconds:.2f} s, "
                f"{total:,} rows, {total / seconds:,.0f} rows/s, {size:,.0f} MB"
            )
            print(f"   {'table':<14}{'rows':>14}{'rows/s':>16}")
            for name in TABLES:
                print(f"   {name:<14}{counts[name]:>14,}{counts[name] / seconds:>16,.0f}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)

    print()
    if "small" in results and "medium" in results:
        ratio = results["medium"][0] / results["small"][0]
        print(f"medium / small time: {ratio:.1f}x (leads {parse_scale('medium') / parse_scale('small'):.0f}x)")
    if "medium" in results:
        seconds = results["medium"][0]
        verdict = "within" if seconds < MEDIUM_BUDGET_SECONDS else "OVER"
        print(f"medium: {seconds:.1f} s, {verdict} the {MEDIUM_BUDGET_SECONDS:.0f} s budget")
        return 0 if seconds < MEDIUM_BUDGET_SECONDS else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
