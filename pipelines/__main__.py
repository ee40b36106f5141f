"""Command-line interface: `python -m pipelines demo | check | build` (SPEC §3), `report` (issue 5) and
`store backup | restore` (the retrospective's notes and action items, issue 9) and
`users add | list | set-role | set-scope | disable | reset-password` (who may sign in, issue 9)."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

DEFAULT_DB = Path("data/warehouse.duckdb")
# The roles of `users` (as pipelines.users.ROLES; repeated so `--help` does not load argon2).
ROLES = ("admin", "director", "region_head", "team_lead")


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
    check.add_argument("--config", type=Path, default=None, help="configuration file (default: pipelines/config.toml)")

    build = sub.add_parser("build", help="validate, load and build the warehouse")
    build.add_argument("--source", type=Path, required=True, help="a folder of CSV/Parquet files or an .xlsx workbook")
    build.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    build.add_argument("--as-of", type=_iso_date, default=None, help="as-of date (default: latest date in the data)")
    build.add_argument("--config", type=Path, default=None, help="configuration file (default: pipelines/config.toml)")
    build.add_argument("--quiet", action="store_true", help="no progress output")
    build.add_argument(
        "--no-wait", action="store_true", help="fail at once when another build of the same warehouse is running"
    )
    build.add_argument(
        "--memory-limit", default=None, help="DuckDB memory limit, e.g. 4GB or 50%% (default: [build] memory_limit)"
    )
    build.add_argument("--threads", type=int, default=None, help="threads, 0 = one per core (default: [build] threads)")

    report = sub.add_parser("report", help="write the biweekly retrospective as one HTML file or an Excel workbook")
    report.add_argument(
        "--period", default="latest", help="latest (the last complete biweekly period) or e.g. 2026-11-02/2w"
    )
    report.add_argument("--out", type=Path, required=True, help="FILE.html (self-contained) or FILE.xlsx")
    report.add_argument(
        "--db", type=Path, default=None, help="warehouse (default $LOAN_DASHBOARD_DB or data/warehouse.duckdb)"
    )
    report.add_argument(
        "--store",
        type=Path,
        default=None,
        help="notes and action items (default $LOAN_DASHBOARD_RETRO_DB or data/retro.sqlite)",
    )
    report.add_argument("--lang", choices=("en", "zh"), default="en")
    for name, (_, what) in REPORT_FILTERS.items():
        report.add_argument(
            f"--{name}", nargs="+", action="extend", default=[], metavar="ID", help=f"only these {what}"
        )
    report.add_argument("--app-url", default=None, help="the app's address, to link each finding to its view")
    report.add_argument(
        "--user",
        default=None,
        metavar="NAME",
        help="produce the report as this user of the store sees it (their role's regions or teams)",
    )
    for name, what in (("region", "regions"), ("team", "teams")):
        report.add_argument(
            f"--scope-{name}",
            nargs="+",
            action="extend",
            default=[],
            metavar="ID",
            help=f"produce the report for a user who may see only these {what} (their access scope)",
        )

    store = sub.add_parser("store", help="back up or restore the retrospective's notes and action items")
    store_sub = store.add_subparsers(dest="store_command", required=True)
    store_help = "the store (default $LOAN_DASHBOARD_RETRO_DB or data/retro.sqlite)"
    backup = store_sub.add_parser("backup", help="copy the store to FILE (SQLite's online backup; safe while in use)")
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write (replaced if it exists)")
    backup.add_argument("--store", type=Path, default=None, help=store_help)
    restore = store_sub.add_parser(
        "restore", help="replace the store by a backup FILE, checked first (the previous store is kept beside it)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a backup written by `store backup`")
    restore.add_argument("--store", type=Path, default=None, help=store_help)

    users = sub.add_parser("users", help="manage who may sign in to the app (kept in the retrospective store)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    users_store_help = "the store holding the users (default $LOAN_DASHBOARD_RETRO_DB or data/retro.sqlite)"
    password_help = "read the password from the first line of standard input instead of prompting (for scripts)"

    def scope_options(command: argparse.ArgumentParser) -> None:
        command.add_argument("--region", nargs="+", action="extend", default=[], metavar="ID", help="a region_head's")
        command.add_argument("--team", nargs="+", action="extend", default=[], metavar="ID", help="a team_lead's")

    add = users_sub.add_parser("add", help="add a user (the first user turns sign-in on)")
    add.add_argument("name", help="the user name typed to sign in")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--email", default="", help="the e-mail an OIDC sign-in maps to this user")
    scope_options(add)
    add.add_argument(
        "--no-password", action="store_true", help="no local password: the user signs in through OIDC only"
    )
    add.add_argument("--password-stdin", action="store_true", help=password_help)
    add.add_argument("--store", type=Path, default=None, help=users_store_help)
    listing = users_sub.add_parser("list", help="list the users, their roles and scopes")
    listing.add_argument("--store", type=Path, default=None, help=users_store_help)
    set_role = users_sub.add_parser("set-role", help="change a user's role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=ROLES)
    scope_options(set_role)
    set_role.add_argument("--store", type=Path, default=None, help=users_store_help)
    set_scope = users_sub.add_parser("set-scope", help="replace a region_head's regions or a team_lead's teams")
    set_scope.add_argument("name")
    scope_options(set_scope)
    set_scope.add_argument("--store", type=Path, default=None, help=users_store_help)
    disable = users_sub.add_parser("disable", help="stop a user from signing in (--enable to undo)")
    disable.add_argument("name")
    disable.add_argument("--enable", action="store_true", help="enable the user again")
    disable.add_argument("--store", type=Path, default=None, help=users_store_help)
    reset = users_sub.add_parser("reset-password", help="give a user a new password")
    reset.add_argument("name")
    reset.add_argument("--password-stdin", action="store_true", help=password_help)
    reset.add_argument("--store", type=Path, default=None, help=users_store_help)
    return parser


def _read_password(from_stdin: bool) -> str:
    """The new password: the first line of stdin (scripts), else typed twice at a prompt that does not echo."""
    from pipelines.users import UserError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != password:
        raise UserError("the two passwords differ; nothing was changed")
    return password


def _actor() -> str:
    """Who ran a users command, for the audit log: `cli:<operating-system user>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in the environment (some containers)
        return "cli"


def _users_command(args: argparse.Namespace) -> int:
    from pipelines.retro.store import StoreError
    from pipelines.users import UserError, Users

    try:
        users = Users(args.store)
        command, actor = args.users_command, _actor()
        if command == "list":
            rows = users.all()
            if not rows:
                print("no users: the app runs in demo mode (everything visible to everyone)")
            for user in rows:
                scope = ",".join(user.region_ids or user.team_ids) or "all"
                state = "disabled" if user.disabled else "active"
                print(f"{user.name}\t{user.role}\t{scope}\t{user.email or '-'}\t{state}")
            return 0
        if command == "add":
            password = "" if args.no_password else _read_password(args.password_stdin)
            if args.no_password and not args.email:
                raise UserError("a user without a password needs --email to sign in through OIDC")
            first = not users.has_users()
            user = users.add(
                args.name,
                args.role,
                password,
                email=args.email,
                region_ids=tuple(args.region),
                team_ids=tuple(args.team),
                actor=actor,
            )
            print(f"added {user.name} ({user.role})" + ("; sign-in is now on" if first else ""))
            if first and user.role != "admin":
                print("note: there is no admin yet; add one to see the Data page and the audit log", file=sys.stderr)
        elif command == "set-role":
            user = users.set_role(
                args.name, args.role, region_ids=tuple(args.region), team_ids=tuple(args.team), actor=actor
            )
            print(f"{user.name} is now {user.role}")
        elif command == "set-scope":
            user = users.set_scope(args.name, region_ids=tuple(args.region), team_ids=tuple(args.team), actor=actor)
            print(f"{user.name} now sees {', '.join(user.region_ids or user.team_ids)}")
        elif command == "disable":
            user = users.disable(args.name, not args.enable, actor=actor)
            print(f"{user.name} is {'disabled' if user.disabled else 'enabled'}")
        elif command == "reset-password":
            if users.get(args.name) is None:
                raise UserError(f"no user {args.name!r}")
            users.reset_password(args.name, _read_password(args.password_stdin), actor=actor)
            print(f"new password set for {args.name}")
    except (UserError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


# The report's dimension filters: option (the URL parameter's name) → (Filters attribute, what it names).
REPORT_FILTERS = {
    "region": ("region_ids", "regions"),
    "team": ("team_ids", "teams"),
    "officer": ("officer_ids", "account managers"),
    "line": ("product_lines", "product lines"),
    "channel": ("channel_ids", "channels"),
    "ctype": ("customer_types", "customer types"),
}


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
        from pipelines.config import ConfigError, load_config
        from pipelines.validate import check_source

        try:
            config = load_config(args.config)
        except ConfigError as exc:
            print(f"error: bad configuration: {exc}", file=sys.stderr)
            return 1
        report = check_source(args.source, config=config)
        print(report.format())
        return 0 if report.ok else 1
    if args.command == "build":
        from pipelines.build import BuildError, build

        try:
            build(
                args.source,
                args.db,
                as_of=args.as_of,
                config_path=args.config,
                progress=not args.quiet,
                wait=not args.no_wait,
                memory_limit=args.memory_limit,
                threads=args.threads,
            )
        except BuildError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        return 0
    if args.command == "users":
        return _users_command(args)
    if args.command == "store":
        from pipelines.retro.store import StoreError, backup, restore

        try:
            if args.store_command == "backup":
                print(backup(args.out, args.store))
            else:
                print(restore(args.file, args.store))
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
            return 1
        return 0
    if args.command == "report":
        from pipelines.retro.report import ReportError, report_scope, write_report
        from pipelines.retro.store import StoreError

        chosen = {attribute: tuple(getattr(args, name)) for name, (attribute, _) in REPORT_FILTERS.items()}
        try:
            scope = report_scope(region_ids=args.scope_region, team_ids=args.scope_team)
            if args.user is not None:
                from pipelines.users import Users, scope_of

                if args.scope_region or args.scope_team:
                    print("error: give --user or --scope-region/--scope-team, not both", file=sys.stderr)
                    return 2
                user = Users(args.store).get(args.user)
                if user is None or user.disabled:
                    print(f"error: no active user {args.user!r} in the store", file=sys.stderr)
                    return 2
                scope = scope_of(user)
            write_report(
                args.out,
                db=args.db,
                period_text=args.period,
                lang=args.lang,
                dimension_filters=chosen,
                store_path=args.store,
                app_url=args.app_url,
                scope=scope,
            )
        except ReportError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        _audit_report(args, scope)
        print(f"wrote {args.out}")
        return 0
    raise AssertionError(args.command)


def _audit_report(args: argparse.Namespace, scope) -> None:
    """With sign-in on (users in the store), a report written from the command line is an export: audit it."""
    import getpass

    from pipelines.users import Users

    users = Users(args.store)
    if not users.has_users():
        return
    who = args.user or f"cli:{getpass.getuser()}"
    where = ", ".join(f"{k}={','.join(v)}" for k, v in (("region", scope.region_ids), ("team", scope.team_ids)) if v)
    users.audit(
        "export", who, what=f"report {Path(args.out).name}", filters=f"period {args.period}; scope {where or 'all'}"
    )


if __name__ == "__main__":
    sys.exit(main())
