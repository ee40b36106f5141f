"""The demo generator (SPEC §6): deterministic, contract-clean, and the planted stories are in the data."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines import demo
from pipelines.contract import TABLES
from pipelines.demo import DEFAULT_AS_OF, PLANTED_STORIES, generate, parse_scale

# Big enough for the planted stories to stand out of the noise, small enough to generate in about a second.
STORY_LEADS = 40_000
AS_OF = DEFAULT_AS_OF
BIWEEKLY_END = date(2026, 11, 15)
"""The last biweekly period end before the as-of: the snapshot of the retrospective's default period."""


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("demo")
    counts = generate(out, STORY_LEADS, seed=7, progress=False)
    return out, counts


@pytest.fixture(scope="module")
def con(source) -> duckdb.DuckDBPyConnection:
    """The generated CSVs as DuckDB views, typed by the contract (as validation would read them)."""
    folder, _ = source
    db = duckdb.connect()
    kinds = {
        "text": "VARCHAR",
        "date": "DATE",
        "timestamp": "TIMESTAMP",
        "integer": "INTEGER",
        "money": "DECIMAL(18,2)",
        "rate": "DOUBLE",
    }
    for table in TABLES.values():
        columns = ", ".join(f"'{c.name}': '{kinds[c.type]}'" for c in table.columns)
        db.execute(
            f"create table {table.name} as select * from read_csv('{folder / (table.name + '.csv')}', "
            f"header = true, auto_detect = false, columns = {{{columns}}})"
        )
    return db


def _one(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchall()[0][0]


# --- parse_scale ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("small", 20_000),
        ("medium", 1_000_000),
        ("large", 10_000_000),
        ("LARGE", 10_000_000),
        ("1234", 1234),
        ("40_000", 40_000),
    ],
)
def test_parse_scale_accepts_names_and_counts(text, expected):
    assert parse_scale(text) == expected


@pytest.mark.parametrize("text", ["", "huge", "0", "-5", "1.5", "1e6", "ten"])
def test_parse_scale_rejects_anything_else(text):
    with pytest.raises(ValueError, match="scale"):
        parse_scale(text)


@pytest.mark.parametrize("n_leads", [100, 20_000, 1_000_000, 10_000_000])
def test_planted_ids_name_the_same_entities_at_every_scale(n_leads):
    org = demo._organisation(demo._rng(5, 1), n_leads, demo._calendar(AS_OF))
    team, officer = int(PLANTED_STORIES["falling_conversion_team"][1:]) - 1, 3 - 1
    assert PLANTED_STORIES["high_volume_poor_quality_officer"] == "O0003"
    assert org.team_names[team] == "North China Channel 1"
    assert org.officer_team[officer] == 0 and org.team_names[0] == "East China Direct 1"
    assert org.officer_leave[officer] < 0
    assert PLANTED_STORIES["rising_delinquency_region"] == "R06"


# --- determinism and shape ----------------------------------------------------------------


def test_same_seed_gives_identical_files_and_another_seed_does_not(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(a, 3_000, seed=11, progress=False)
    generate(b, 3_000, seed=11, progress=False)
    generate(c, 3_000, seed=12, progress=False)
    first, second, other = _digests(a), _digests(b), _digests(c)
    assert first == second
    assert set(first) == {f"{name}.csv" for name in TABLES}
    changed = {name for name in first if first[name] != other[name]}
    assert {"leads.csv", "lead_events.csv", "loans.csv", "installments.csv", "payments.csv"} <= changed


def test_every_table_has_the_contract_columns_in_order(source):
    folder, counts = source
    assert set(counts) == set(TABLES)
    for name, table in TABLES.items():
        header = (folder / f"{name}.csv").open(encoding="utf-8").readline().rstrip("\n")
        assert header.split(",") == table.column_names, name


def test_row_counts_are_plausible_for_small(tmp_path):
    counts = generate(tmp_path, parse_scale("small"), progress=False)
    assert counts["leads"] == 20_000
    assert counts["regions"] == 7
    assert 14 <= counts["teams"] <= 28
    assert 8 * counts["teams"] <= counts["officers"] <= 15 * counts["teams"]
    assert counts["products"] >= 8
    assert 0.08 * 20_000 <= counts["loans"] <= 0.2 * 20_000
    assert 2 * counts["leads"] <= counts["lead_events"] <= 5 * counts["leads"]
    assert counts["installments"] > 10 * counts["loans"]
    assert counts["payments"] > 4 * counts["loans"]
    assert counts["customers"] < counts["leads"]
    assert 0.8 * counts["leads"] <= counts["activities"] <= 2.5 * counts["leads"]


def test_csv_formats(source):
    folder, _ = source
    loans = (folder / "loans.csv").read_text().splitlines()[1:50]
    for line in loans:
        row = line.split(",")
        assert len(row[6].split(".")[1]) == 2  # principal with cents
        date.fromisoformat(row[9])
    events = (folder / "lead_events.csv").read_text().splitlines()[1:50]
    for line in events:
        occurred = line.split(",")[2]
        assert len(occurred) == 19 and occurred[10] == "T"


def test_parquet_has_the_same_rows_and_types(tmp_path):
    csv, parquet = tmp_path / "csv", tmp_path / "parquet"
    csv_counts = generate(csv, 2_000, seed=3, fmt="csv", progress=False)
    parquet_counts = generate(parquet, 2_000, seed=3, fmt="parquet", progress=False)
    assert csv_counts == parquet_counts
    generate(tmp_path / "again", 2_000, seed=3, fmt="parquet", progress=False)
    assert _digests(parquet) == _digests(tmp_path / "again")
    for name in TABLES:
        frame = pl.read_parquet(parquet / f"{name}.parquet")
        assert frame.columns == TABLES[name].column_names
        assert frame.height == parquet_counts[name]
    loans = pl.read_parquet(parquet / "loans.parquet")
    assert loans.schema["principal"] == pl.Decimal(18, 2)
    assert loans.schema["disbursed_date"] == pl.Date
    assert pl.read_parquet(parquet / "leads.parquet").schema["created_at"] == pl.Datetime("us")
    from_csv = pl.read_csv(csv / "loans.csv", schema_overrides={"principal": pl.Decimal(18, 2)})
    assert from_csv["principal"].sum() == loans["principal"].sum()


@pytest.mark.parametrize("as_of", [date(2025, 3, 31), date(2040, 1, 15)])
def test_as_of_moves_the_two_year_window(tmp_path, as_of):
    generate(tmp_path, 3_000, as_of=as_of, progress=False)
    db = duckdb.connect()
    first_lead, last_event, last_payment, last_loan, first_target, last_target = db.execute(
        f"""
        select (select min(created_at)::date from read_csv('{tmp_path}/leads.csv')),
               (select max(occurred_at)::date from read_csv('{tmp_path}/lead_events.csv')),
               (select max(paid_date) from read_csv('{tmp_path}/payments.csv')),
               (select max(disbursed_date) from read_csv('{tmp_path}/loans.csv')),
               (select min(month) from read_csv('{tmp_path}/targets.csv')),
               (select max(month) from read_csv('{tmp_path}/targets.csv'))
        """
    ).fetchall()[0]
    assert first_lead >= as_of - timedelta(days=730)
    assert max(last_event, last_payment, last_loan) <= as_of
    assert last_event >= as_of - timedelta(days=7)
    assert first_target == (as_of - timedelta(days=730)).replace(day=1)
    assert last_target == as_of.replace(day=1)


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path, 100, fmt="xlsx", progress=False)
    with pytest.raises(ValueError):
        generate(tmp_path, 0, progress=False)


# --- the contract's rules -------------------------------------------------------------------


def test_primary_keys_are_unique(con):
    for table in TABLES.values():
        if not table.primary_key:
            continue
        key = ", ".join(table.primary_key)
        dupes = _one(con, f"select count(*) from (select {key} from {table.name} group by all having count(*) > 1)")
        nulls = _one(
            con, f"select count(*) from {table.name} where " + " or ".join(f"{k} is null" for k in table.primary_key)
        )
        assert (dupes, nulls) == (0, 0), table.name


def test_foreign_keys_resolve(con):
    for table in TABLES.values():
        for column in table.columns:
            if not column.references:
                continue
            parent, parent_column = column.references.split(".")
            dangling = _one(
                con,
                f"select count(*) from {table.name} c where c.{column.name} is not null and not exists "
                f"(select 1 from {parent} p where p.{parent_column} = c.{column.name})",
            )
            assert dangling == 0, f"{table.name}.{column.name}"


def test_required_columns_have_no_nulls_and_values_are_in_range(con):
    for table in TABLES.values():
        for column in table.columns:
            if not column.nullable:
                assert _one(con, f"select count(*) from {table.name} where {column.name} is null") == 0, (
                    f"{table.name}.{column.name}"
                )
            if column.enum:
                bad = _one(
                    con,
                    f"select count(*) from {table.name} where not list_contains(?, {column.name})",
                    [list(column.enum)],
                )
                assert bad == 0, f"{table.name}.{column.name}"
            if column.non_negative:
                assert _one(con, f"select count(*) from {table.name} where {column.name} < 0") == 0
            if column.min_value is not None:
                assert _one(con, f"select count(*) from {table.name} where {column.name} < ?", [column.min_value]) == 0
            if column.max_value is not None:
                assert _one(con, f"select count(*) from {table.name} where {column.name} > ?", [column.max_value]) == 0


def test_time_order_rules(con):
    early_events = "select count(*) from lead_events e join leads l using (lead_id) where e.occurred_at < l.created_at"
    early_payments = "select count(*) from payments p join loans l using (loan_id) where p.paid_date < l.disbursed_date"
    early_due = "select count(*) from installments i join loans l using (loan_id) where i.due_date <= l.disbursed_date"
    assert (_one(con, early_events), _one(con, early_payments), _one(con, early_due)) == (0, 0, 0)
    as_of = AS_OF
    assert _one(con, "select max(occurred_at) from lead_events").date() <= as_of
    assert _one(con, "select max(occurred_at) from activities").date() <= as_of
    assert _one(con, "select max(paid_date) from payments") <= as_of
    assert _one(con, "select max(disbursed_date) from loans") <= as_of
    assert _one(con, "select max(written_off_date) from loans") <= as_of
    assert _one(con, "select min(created_at) from leads").date() >= as_of - timedelta(days=730)
    # Stages of a lead happen in funnel order.
    out_of_order = _one(
        con,
        """
        with ranked as (
            select lead_id, occurred_at,
                   list_position(['contacted','meeting','application','approved','contracted','disbursed'], stage) as k
            from lead_events where stage not in ('rejected', 'lost'))
        select count(*) from ranked a join ranked b using (lead_id) where a.k < b.k and a.occurred_at > b.occurred_at
        """,
    )
    assert out_of_order == 0


def test_installments_sum_exactly_to_principal(con):
    off = _one(
        con,
        "select count(*) from loans l join (select loan_id, sum(principal_due) s from installments group by 1) i "
        "using (loan_id) where i.s <> l.principal",
    )
    assert off == 0
    assert _one(con, "select count(*) from loans where loan_id not in (select loan_id from installments)") == 0
    gaps = _one(
        con, "select count(*) from (select loan_id from installments group by 1 having max(installment_no) <> count(*))"
    )
    assert gaps == 0


def test_every_disbursed_event_has_exactly_one_loan_on_that_date(con):
    unmatched = _one(
        con,
        """
        select count(*) from lead_events e
        left join loans l on l.lead_id = e.lead_id and l.disbursed_date = e.occurred_at::date
        where e.stage = 'disbursed' and l.loan_id is null
        """,
    )
    assert unmatched == 0
    two_loans = (
        "select count(*) from (select lead_id from loans group by 1 having count(*) > 1) where lead_id is not null"
    )
    two_disbursals = (
        "select count(*) from (select lead_id from lead_events where stage = 'disbursed' "
        "group by 1 having count(*) > 1)"
    )
    no_event = (
        "select count(*) from loans l where lead_id is not null and not exists "
        "(select 1 from lead_events e where e.lead_id = l.lead_id and e.stage = 'disbursed')"
    )
    assert (_one(con, two_loans), _one(con, two_disbursals), _one(con, no_event)) == (0, 0, 0)


def test_targets_cover_every_month_team_and_line(con):
    months = _one(con, "select count(distinct month) from targets")
    assert months == 25
    assert _one(con, "select count(*) from targets where day(month) <> 1") == 0
    assert _one(con, "select count(*) from targets where stretch_amount < base_amount") == 0
    teams = _one(con, "select count(*) from teams")
    assert _one(con, "select count(distinct team_id) from targets") == teams


def test_some_teams_beat_their_targets_and_some_miss(con):
    attainment = con.sql(
        """
        with booked as (
            select o.team_id, sum(l.principal) as amount from loans l join officers o using (officer_id)
            where l.disbursed_date >= ? and l.disbursed_date < ? group by 1),
        planned as (select team_id, sum(base_amount) as base from targets where month >= ? and month < ? group by 1)
        select team_id, amount / base as attainment from booked join planned using (team_id)
        """,
        params=[date(2025, 11, 1), date(2026, 11, 1)] * 2,
    ).pl()["attainment"]
    assert attainment.max() >= 1.2
    assert attainment.min() < 0.8
    assert ((attainment >= 0.8) & (attainment < 1.2)).sum() > 0


def test_progress_goes_to_stderr_only(tmp_path, capsys):
    generate(tmp_path, 300, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "demo" in captured.err and "21/21" in captured.err
    generate(tmp_path, 300, progress=False)
    assert capsys.readouterr().err == ""


# --- realism ----------------------------------------------------------------------------


def test_all_three_customer_tiers_are_populated(con):
    strategic, growth, micro = con.execute(
        """
        with m as (select customer_id, max(principal) p from loans group by 1)
        select count(*) filter (where p >= 5000000), count(*) filter (where p >= 1000000 and p < 5000000),
               count(*) filter (where p < 1000000) from m
        """
    ).fetchone()
    assert strategic > 0 and growth > strategic and micro > growth


def test_funnel_repeat_and_repayment_rates_are_realistic(con):
    conversion = _one(
        con, "select count(distinct lead_id) / (select count(*) from leads) from lead_events where stage = 'disbursed'"
    )
    assert 0.08 <= conversion <= 0.16
    repeat = _one(
        con,
        """
        select avg(case when exists (select 1 from loans e where e.customer_id = l.customer_id
                                     and e.disbursed_date < l.disbursed_date) then 1 else 0 end) from loans l
        """,
    )
    assert 0.12 <= repeat <= 0.35
    renewals = _one(con, "select count(*) filter (where lead_id is null) / count(*) from loans")
    assert 0 < renewals < 0.05
    written_off = _one(con, "select count(*) filter (where written_off_date is not null) / count(*) from loans")
    assert 0.003 < written_off < 0.06
    channel_types = _one(con, "select count(distinct channel_type) from leads join channels using (channel_id)")
    assert channel_types == 5
    assert _one(con, "select count(*) from lead_events where stage = 'rejected'") > 0
    assert _one(con, "select count(*) from lead_events where stage = 'lost' and reason is not null") > 0
    assert _one(con, "select count(*) from officers where leave_date is not null") > 0


def test_chinese_new_year_dip_in_leads(con):
    # CNY 2026 was on 17 February: leads in the holiday week are far below the weeks around it.
    holiday = _one(con, "select count(*) from leads where created_at::date between '2026-02-15' and '2026-02-21'")
    before = _one(con, "select count(*) from leads where created_at::date between '2026-01-12' and '2026-01-18'")
    assert holiday < 0.5 * before


# --- planted stories ----------------------------------------------------------------------

_SNAPSHOT_STATE = """
    with inst as (
        select loan_id, installment_no, due_date, principal_due,
               sum(principal_due + interest_due)
                   over (partition by loan_id order by due_date, installment_no) as cum_due
        from installments),
    paid as (
        select s.loan_id, s.d, coalesce(sum(p.amount), 0) as paid
        from probe s left join payments p on p.loan_id = s.loan_id and p.paid_date <= s.d
        group by 1, 2),
    state as (
        select s.loan_id, s.d,
               sum(i.principal_due) filter (where i.cum_due <= pd.paid + 0.01) as settled_principal,
               count(*) filter (where i.cum_due > pd.paid + 0.01) as unsettled,
               min(i.due_date) filter (where i.cum_due > pd.paid + 0.01 and i.due_date < s.d) as oldest_overdue
        from probe s join inst i using (loan_id) join paid pd using (loan_id, d)
        group by 1, 2)
    select st.loan_id, st.d, l.principal - coalesce(st.settled_principal, 0) as outstanding,
           coalesce(st.d - st.oldest_overdue, 0) as dpd,
           case when l.written_off_date <= st.d then 'written_off' when st.unsettled = 0 then 'closed'
                else 'active' end as status
    from state st join loans l using (loan_id)
"""


def _month_ends(n: int) -> list[date]:
    """The last n month-ends before the as-of month, oldest first."""
    ends, d = [], AS_OF.replace(day=1)
    for _ in range(n):
        d = d - timedelta(days=1)
        ends.append(d)
        d = d.replace(day=1)
    return ends[::-1]


def test_story_region_delinquency_rises(con):
    region = PLANTED_STORIES["rising_delinquency_region"]
    # Jan–Oct 2026 month-ends, then the biweekly end 2026-11-15 the retrospective of the default period reads.
    ends = [*_month_ends(10), BIWEEKLY_END]
    con.execute("create or replace temp table snaps as select unnest(?::date[]) as d", [ends])
    con.execute("create or replace temp table probe as select loan_id, d from loans, snaps where disbursed_date <= d")
    rates = con.sql(
        f"""
        with s as ({_SNAPSHOT_STATE})
        select t.region_id, s.d,
               sum(outstanding) filter (where dpd >= 1) / sum(outstanding) as overdue_rate,
               count(*) filter (where dpd >= 1) / count(*) as overdue_count_rate
        from s join loans l using (loan_id) join officers o using (officer_id) join teams t using (team_id)
        where s.status = 'active'
        group by 1, 2 order by 1, 2
        """
    ).pl()
    planted = rates.filter(pl.col("region_id") == region).sort("d")
    others = rates.filter(pl.col("region_id") != region)
    # Up to September the region is like the others; its borrowers stop paying from October on, more
    # of them every week: the October month-end rises and the biweekly end of 15 November jumps.
    calm = ends[:-2]
    for column in ("overdue_count_rate", "overdue_rate"):
        series = planted[column].to_list()

        calm_level = sum(series[: len(calm)]) / len(calm)
        others_level = others.filter(pl.col("d").is_in(calm))[column].mean()
        assert calm_level < 1.5 * others_level, (column, series, others_level)
        sep, oct_, nov = series[-3:]
        assert sep < oct_ < nov and nov - oct_ > oct_ - sep, (column, series)
        assert nov > 3 * calm_level, (column, series)
        # SPEC §4.3's early-warning rule at 2026-11-15: well above mean + 2 sample standard deviations of
        # its own previous six month-ends (May–October, October's rise included).
        previous = planted[column][-7:-1]
        assert nov > 1.5 * (previous.mean() + 2 * previous.std()), (column, series)
        assert nov > others.filter(pl.col("d") == BIWEEKLY_END)[column].max(), (column, series)


def test_story_team_conversion_falls(con):
    team = PLANTED_STORIES["falling_conversion_team"]
    first_of_month = AS_OF.replace(day=1)
    story_start = (first_of_month - timedelta(days=1)).replace(day=1)
    for _ in range(2):
        story_start = (story_start - timedelta(days=1)).replace(day=1)
    conversion = con.sql(
        """
        with l as (
            select o.team_id, l.created_at >= ?::timestamp as recent,
                   exists (select 1 from lead_events e where e.lead_id = l.lead_id and e.stage = 'disbursed') as won
            from leads l join officers o using (officer_id)
            where l.created_at >= ?::timestamp - interval 6 month)
        select team_id, avg(won::int) filter (where recent) / avg(won::int) filter (where not recent) as ratio
        from l group by 1 order by ratio
        """,
        params=[story_start, story_start],
    ).pl()
    assert conversion["team_id"][0] == team, conversion.head(5)
    planted = conversion.filter(pl.col("team_id") == team)["ratio"].item()
    others = conversion.filter(pl.col("team_id") != team)["ratio"]
    assert planted < 0.7 * others.median()


def test_story_officer_high_volume_poor_early_quality(con):
    officer = PLANTED_STORIES["high_volume_poor_quality_officer"]
    since = AS_OF - timedelta(days=365)
    volume = con.sql(
        "select officer_id, sum(principal) as amount from loans where disbursed_date >= ? group by 1 order by 2 desc",
        params=[since],
    ).pl()
    rank = volume["officer_id"].to_list().index(officer)
    assert rank < volume.height / 4, (rank, volume.height)

    # MOB 3: the month-end three months after the vintage month.
    con.execute(
        """
        create or replace temp table probe as
        select loan_id, last_day(date_trunc('month', disbursed_date) + interval 3 month)::date as d
        from loans where disbursed_date >= ? and last_day(date_trunc('month', disbursed_date) + interval 3 month) < ?
        """,
        [since, AS_OF],
    )
    quality = con.sql(
        f"""
        with s as ({_SNAPSHOT_STATE})
        select l.officer_id, count(*) as loans, avg((s.dpd > 30)::int) as bad_share
        from s join loans l using (loan_id) group by 1 having count(*) >= 5 order by bad_share desc
        """
    ).pl()
    rank = quality["officer_id"].to_list().index(officer)
    assert rank < quality.height / 4, (rank, quality.head(5))
    planted = quality.filter(pl.col("officer_id") == officer)["bad_share"].item()
    assert planted > 3 * quality["bad_share"].median()
