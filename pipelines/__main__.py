"""Command-line interface: `python -m pipelines demo | check | build` (SPEC §3)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

DEFAULT_DB = Path("data/warehouse.duckdb")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="write a realistic synthetic source")
    demo.add_argument("--out", type=Path, required=True, help="folder to write the source to")
    demo.add_argument(
        "--scale",
        default="medium",
        help="small (~20k leads), medium (~1M), large (~10M) or a number of leads",
    )
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed and options give identical files)")
    demo.add_argument("--as-of", type=_iso_date, default=None, help="last day of the data (default: a fixed demo date)")
    demo.add_argument("--format", choices=("csv", "parquet"), default="csv")
    demo.add_argument("--quiet", action="store_true", help="no progress bar")

    check = sub.add_parser("check", help="validate a source and print the report")
    check.add_argument("--source", type=Path, required=True, help="a folder of CSV/Parquet files or an .xlsx workbook")

    build = sub.add_parser("build", help="validate, load and build the warehouse")
    build.add_argument("--source", type=Path, required=True, help="a folder of CSV/Parquet files or an .xlsx workbook")
    build.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    build.add_argument("--as-of", type=_iso_date, default=None, help="as-of date (default: latest date in the data)")
    build.add_argument("--config", type=Path, default=None, help="configuration file (default: pipelines/config.toml)")
    build.add_argument("--quiet", action="store_true", help="no progress output")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo":
        from pipelines.demo import generate, parse_scale

        try:
            n_leads = parse_scale(args.scale)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        generate(args.out, n_leads=n_leads, seed=args.seed, as_of=args.as_of, fmt=args.format, progress=not args.quiet)
        return 0
    if args.command == "check":
        from pipelines.validate import check_source

        report = check_source(args.source)
        print(report.format())
        return 0 if report.ok else 1
    if args.command == "build":
        from pipelines.build import BuildError, build

        try:
            build(args.source, args.db, as_of=args.as_of, config_path=args.config, progress=not args.quiet)
        except BuildError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        return 0
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
