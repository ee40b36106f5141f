"""Finding rules of the biweekly retrospective on hand-written warehouses, every expected value worked by hand.

Unless a test says otherwise the warehouse's as-of date is 2026-11-20 and the biweekly anchor
the default Monday 2024-01-01, so the reviewed period is 2026-11-02..2026-11-15 and the
previous one 2026-10-19..2026-11-01 (see test_retro_scoreboard for the arithmetic).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from pytest import approx

from pipelines.queries.filters import Filters, Period
from pipelines.retro import FINDING_KINDS, Finding
from pipelines.retro import findings as F
from pipelines.retro.periods import retro_period
from pipelines.retro.report import statement as report_statement
from tests.factory import DEFAULT_ROWS, build_warehouse, event, lead, loan, schedule
from tests.test_credit_metrics import EW_MEAN, EW_SD, early_warning_source

AS_OF = date(2026, 11, 20)
ANCHOR = date(2024, 1, 1)
RETRO = retro_period(AS_OF, ANCHOR)
ALL = Filters(period=RETRO.period)


def by_subject(findings: list[Finding]) -> dict[tuple[str, str | None], Finding]:
    return {(f.subject_level, f.subject_id): f for f in findings}


# ---------------------------------------------------------------------------------------------
# 1. Decomposition of the change in disbursed amount
#
# A third region R3 (team T4, officer O4) besides the default R1 (T1: O1, T2: O2) and R2 (T3: O3).
#
#   loan  officer  team region  date        principal   period
#   A1    O1       T1   R1      2026-10-20    1000.10   previous
#   A2    O1       T1   R1      2026-11-03    2500.25   period
#   A3    O1       T1   R1      2026-11-15     300.00   period (its last day)
#   B1    O2       T2   R1      2026-10-19     400.01   previous (its first day) — O2 / T2 only before
#   C1    O3       T3   R2      2026-11-01    5000.05   previous (its last day)
#   C2    O3       T3   R2      2026-11-02    1200.40   period (its first day)
#   D1    O4       T4   R3      2026-11-10     700.33   period — O4 / T4 / R3 only now
#   X1    O1       T1   R1      2026-10-18    9999.99   neither (the day before the previous period)
#   X2    O1       T1   R1      2026-11-16    9999.99   neither (the day after the period)
#
# Period: 2500.25 + 300.00 + 1200.40 + 700.33 = 4700.98; previous: 1000.10 + 400.01 + 5000.05 = 6400.16;
# change 4700.98 − 6400.16 = −1699.18.
#   regions:  R1 (2500.25 + 300.00) − (1000.10 + 400.01) = 2800.25 − 1400.11 = +1400.14
#             R2 1200.40 − 5000.05 = −3799.65;  R3 700.33 − 0 = +700.33
#             sum 1400.14 − 3799.65 + 700.33 = −1699.18
#   teams / officers: T1/O1 2800.25 − 1000.10 = +1800.15;  T2/O2 0 − 400.01 = −400.01;
#             T3/O3 −3799.65;  T4/O4 +700.33;  sum 1800.15 − 400.01 − 3799.65 + 700.33 = −1699.18

ORGANISATION = {
    "regions": [*DEFAULT_ROWS["regions"], {"region_id": "R3", "region_name": "North China"}],
    "teams": [
        *DEFAULT_ROWS["teams"],
        {"team_id": "T4", "team_name": "North Direct", "region_id": "R3", "team_type": "direct"},
    ],
    "officers": [
        *DEFAULT_ROWS["officers"],
        {"officer_id": "O4", "officer_name": "Chen Jie", "team_id": "T4", "hire_date": "2020-01-01"},
    ],
}

CHANGE_LOANS = [
    loan("A1", 1000.10, "2026-10-20", officer_id="O1"),
    loan("A2", 2500.25, "2026-11-03", officer_id="O1"),
    loan("A3", 300.00, "2026-11-15", officer_id="O1"),
    loan("B1", 400.01, "2026-10-19", officer_id="O2"),
    loan("C1", 5000.05, "2026-11-01", officer_id="O3"),
    loan("C2", 1200.40, "2026-11-02", officer_id="O3"),
    loan("D1", 700.33, "2026-11-10", officer_id="O4"),
    loan("X1", 9999.99, "2026-10-18", officer_id="O1"),
    loan("X2", 9999.99, "2026-11-16", officer_id="O1"),
]


@pytest.fixture(scope="module")
def change_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("change"), as_of="2026-11-20", loans=CHANGE_LOANS, **ORGANISATION)
    yield con
    con.close()


def test_decomposition_by_region_adds_up_to_the_cent(change_book):
    parts = F.change_decomposition(change_book, ALL, RETRO, "region")
    rows = {r["value"]: r for r in parts.iter_rows(named=True)}
    assert {v: (r["previous_amount"], r["amount"], r["contribution"]) for v, r in rows.items()} == {
        "R1": (Decimal("1400.11"), Decimal("2800.25"), Decimal("1400.14")),
        "R2": (Decimal("5000.05"), Decimal("1200.40"), Decimal("-3799.65")),
        "R3": (Decimal("0.00"), Decimal("700.33"), Decimal("700.33")),
    }
    # Largest absolute contribution first.
    assert parts["value"].to_list() == ["R2", "R1", "R3"]
    assert sum(parts["contribution"].to_list(), Decimal(0)) == Decimal("-1699.18")
    # Shares of the total change: −3799.65 / −1699.18, 1400.14 / −1699.18, 700.33 / −1699.18; they sum to 1.
    assert rows["R2"]["share_of_change"] == approx(3799.65 / 1699.18)
    assert rows["R3"]["share_of_change"] == approx(-700.33 / 1699.18)
    assert sum(parts["share_of_change"].to_list()) == approx(1.0)
    assert rows["R3"]["name"] == "North China"


@pytest.mark.parametrize("level", ["team", "officer"])
def test_decomposition_by_team_and_officer_adds_up_to_the_cent(change_book, level):
    parts = F.change_decomposition(change_book, ALL, RETRO, level)
    ids = {"team": ["T1", "T2", "T3", "T4"], "officer": ["O1", "O2", "O3", "O4"]}[level]
    got = dict(zip(parts["value"].to_list(), parts["contribution"].to_list(), strict=True))
    assert got == dict(
        zip(ids, [Decimal("1800.15"), Decimal("-400.01"), Decimal("-3799.65"), Decimal("700.33")], strict=True)
    )
    assert sum(got.values(), Decimal(0)) == Decimal("-1699.18")


def test_decomposition_under_a_region_filter(change_book):
    # R1 only: teams T1 (+1800.15) and T2 (−400.01); the total change of R1 is +1400.14.
    parts = F.change_decomposition(change_book, Filters(period=RETRO.period, region_ids=("R1",)), RETRO, "team")
    assert parts["value"].to_list() == ["T1", "T2"]
    assert sum(parts["contribution"].to_list(), Decimal(0)) == Decimal("1400.14")


def test_change_findings_rank_contributors_by_absolute_contribution(change_book):
    # The bug: a small gain ranked above the fall that made most of the drop. By absolute contribution:
    # R2 −3799.65 (|3799.65|), then R1 +1400.14, then R3 +700.33.
    found = F.disbursement_change_findings(change_book, ALL, RETRO, levels=("region",), top=2)
    assert [(f.subject_id, f.severity) for f in found] == [("R2", "watch"), ("R1", "good")]
    assert [f.rank for f in found] == approx([3799.65, 1400.14])
    down, up = found
    assert down.values["contribution"] == approx(-3799.65)
    assert down.values["total_change"] == approx(-1699.18)
    # Share of the total change: −3799.65 / −1699.18 = 2.2362 (a fall larger than the whole drop: R1 and R3 grew).
    assert down.values["share_of_change"] == approx(3799.65 / 1699.18)
    assert up.values["share_of_change"] == approx(-1400.14 / 1699.18)  # −0.8240: it grew while the total fell
    assert down.page == "teams"
    assert down.link_params == {"period": "2026-11-02/2w", "drill": "region:R2"}
    assert F.render(down) == (
        "Region South China: disbursed amount ¥5,000 → ¥1,200 (-¥3,800), 223.6% of the total change of -¥1,699"
    )
    assert F.render(up, "zh") == "区域 East China: 放款金额 ¥1,400 → ¥2,800 (+¥1,400), 占总变化 -¥1,699 的 -82.4%"
    # The default takes three a level, all levels, each level's largest first.
    every = F.disbursement_change_findings(change_book, ALL, RETRO)
    assert [(f.subject_level, f.subject_id) for f in every] == [
        ("region", "R2"),
        ("region", "R1"),
        ("region", "R3"),
        ("team", "T3"),  # −3799.65
        ("team", "T1"),  # +1800.15
        ("team", "T4"),  # +700.33 (T2's −400.01 is fourth)
        ("officer", "O3"),
        ("officer", "O1"),
        ("officer", "O4"),
    ]


def test_no_change_finding_without_a_change(tmp_path: Path):
    # One loan in each period, the same amount by the same officer: every contribution is 0.
    con = build_warehouse(
        tmp_path,
        as_of="2026-11-20",
        loans=[loan("P", 100, "2026-10-25"), loan("N", 100, "2026-11-05")],
    )
    parts = F.change_decomposition(con, ALL, RETRO, "officer")
    assert parts["contribution"].to_list() == [Decimal("0.00")]
    assert parts["share_of_change"].to_list() == [None]
    assert F.disbursement_change_findings(con, ALL, RETRO) == []


# ---------------------------------------------------------------------------------------------
# 2. Funnel stages flagged by SPEC §4.1's rule
#
# Cohort of the period (created 2026-11-03), 10 leads per officer; nobody reaches a meeting:
#   O1 (T1, R1): 10 contacted → contacted loss 0
#   O2 (T2, R1):  4 contacted → loss 6/10 = 0.6
#   O3 (T3, R2):  8 contacted → loss 2/10 = 0.2
# Whole book: 30 leads, 22 contacted → contacted loss 8/30 = 0.266667; meeting loss 22/22 = 1.
# Previous period's cohort (created 2026-10-20): 10 leads of O1, all contacted, none to a meeting
# → contacted loss 0 (so any loss now is a worsening), meeting loss 1.
#
# Company: contacted flagged (0.2667 > 0.15, and worsened: 0.2667 > 0 × 1.15), leads beyond the
#   threshold (0.266667 − 0.15) × 30 = 3.5; meeting flagged (1 > 0.15; not worsened: 1 = 1),
#   (1 − 0.15) × 22 = 18.7 beyond. Worsened first: contacted, then meeting. Later stages: nobody
#   entered them, no loss, no flag.
# Regions: R1 = O1 + O2: 20 leads, 14 contacted → loss 0.3 > 0.2667 overall, but by less than chance gives
#   (see the test); R2 = O3: 0.2 is below the overall 0.2667 → no finding.
# Teams: T2 (0.6 − 0.266667) × 10 = 3.3333 leads more → finding; T3 below overall → none;
#   T1 loss 0 → none. At the meeting stage every member loses 1 = overall → none.
# The book is built as of 2027-03-01, when both cohorts' 90-day windows are over, so that the loss
# thresholds apply (SPEC §4.1: they are evaluated only for a complete cohort).


def funnel_source() -> dict:
    leads, events = [], []
    for officer, contacted in (("O1", 10), ("O2", 4), ("O3", 8)):
        for i in range(10):
            lead_id = f"N{officer}{i}"
            leads.append(lead(lead_id, "2026-11-03T10:00:00", officer_id=officer))
            if i < contacted:
                events.append(event(lead_id, "contacted", "2026-11-04T10:00:00"))
    for i in range(10):
        leads.append(lead(f"PO1{i}", "2026-10-20T10:00:00", officer_id="O1"))
        events.append(event(f"PO1{i}", "contacted", "2026-10-21T10:00:00"))
    # The year of complete cohorts that values a lost lead (see test_funnel_materiality_...): four leads of
    # 2026-05-04; Y1 contacted, Y2 to a meeting, Y3 and Y4 disbursed (loans of 300 and 500).
    loans = []
    for lead_id, stage in (("Y1", "contacted"), ("Y2", "meeting"), ("Y3", "disbursed"), ("Y4", "disbursed")):
        leads.append(lead(lead_id, "2026-05-04T10:00:00", officer_id="O1"))
        events.append(event(lead_id, stage, "2026-05-20T10:00:00"))
    loans += [loan("YL3", 300, "2026-05-20", lead_id="Y3"), loan("YL4", 500, "2026-05-20", lead_id="Y4")]
    return {"leads": leads, "lead_events": events, "loans": loans}


@pytest.fixture(scope="module")
def funnel_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("funnel"), as_of="2027-03-01", **funnel_source())
    yield con
    con.close()


def test_funnel_flags_company_worsened_first(funnel_book):
    found = [f for f in F.funnel_flag_findings(funnel_book, ALL, RETRO) if f.subject_level == "company"]
    assert [(f.values["stage"], f.severity) for f in found] == [("contacted", "alert"), ("meeting", "watch")]
    contacted, meeting = found
    assert contacted.values["loss"] == approx(8 / 30)
    assert contacted.values["previous_loss"] == 0.0
    assert contacted.values["worsened"] is True
    assert contacted.values["leads_beyond_threshold"] == approx(3.5)
    assert meeting.values["leads_beyond_threshold"] == approx(18.7)
    # The cohort (created 2026-11-03) is complete on 2027-03-01.
    assert contacted.statement_key == "retro_funnel_company"
    assert contacted.link_params == {"period": "2026-11-02/2w"}
    assert F.render(contacted) == "contacted stage: 26.7% of leads lost (threshold 15.0%; previous period 0.0%)"


def test_funnel_flags_of_a_cohort_still_converting_are_age_matched_worsenings_only(tmp_path: Path):
    # The same book as of 2026-11-20: the cohort (created 2026-11-03) is inside its window, so the
    # thresholds are not evaluated. The previous cohort is evaluated as of 2026-11-20 − 14 days =
    # 2026-11-06; its contacts (2026-10-21) count: contacted loss 0. Company: contacted 0.2667 > 0 × 1.15
    # worsened → alert; meeting 1 against 1 → not worsened, and its loss of 1 is not held against 15%.
    # Members, against the whole of the same cohort (so of the same age), beyond chance (two standard
    # errors, as in test_funnel_flags_members_losing_more_than_the_whole):
    #   R1 (O1 + O2) 0.3 against 8/30: (1/30)² × 20 = 0.0222 < 0.7822 → within chance, none
    #   T2 0.6: (1/3)² × 10 = 1.111 > 0.7822 → a finding (excess 3.3333)
    #   R2 / T3 0.2: below the whole → none; T1 loses nothing → none
    #   meeting: every member loses 1 = the whole → none
    con = build_warehouse(tmp_path, as_of="2026-11-20", **funnel_source())
    found = F.funnel_flag_findings(con, ALL, RETRO)
    assert [(f.subject_level, f.subject_id, f.values["stage"]) for f in found] == [
        ("company", None, "contacted"),
        ("team", "T2", "contacted"),
    ]
    assert found[1].values["excess_leads"] == approx(10 / 3) and found[1].severity == "watch"
    company = found[0]
    assert (company.severity, company.values["over_threshold"], company.values["worsened"]) == ("alert", None, True)
    assert company.statement_key == "retro_funnel_company_open"
    assert company.values["leads_beyond_threshold"] == 0.0
    assert F.render(company) == (
        "contacted stage: 26.7% of leads lost so far against 0.0% in the previous period at the same age "
        "— the cohort is still inside its conversion window (threshold not applied yet)"
    )
    con.close()


def test_funnel_flags_members_losing_more_than_the_whole(funnel_book):
    found = by_subject(f for f in F.funnel_flag_findings(funnel_book, ALL, RETRO) if f.subject_level != "company")
    # T2 only. A member is reported when it loses more than the whole book by more than two standard errors:
    # (loss − p)² × n > 2² × p (1 − p), with p = 8/30: 4 × 8/30 × 22/30 = 0.7822.
    #   T2: (0.6 − 8/30)² × 10 = (1/3)² × 10 = 1.111 > 0.7822 → reported;
    #   R1: (0.3 − 8/30)² × 20 = (1/30)² × 20 = 0.0222 → within chance, not reported;
    #   R2 / T3 lose 0.2 < 8/30 and T1 loses nothing.
    assert set(found) == {("team", "T2")}
    t2 = found[("team", "T2")]
    assert (t2.values["stage"], t2.values["loss"], t2.values["benchmark_loss"]) == ("contacted", 0.6, approx(8 / 30))
    assert t2.values["excess_leads"] == approx(10 / 3)
    assert t2.rank == approx(10 / 3)
    # T2's previous cohort was empty: no comparison, so not worsened.
    assert (t2.severity, t2.values["worsened"], t2.values["previous_loss"]) == ("watch", False, None)
    assert t2.page == "funnel"
    assert t2.link_params == {"period": "2026-11-02/2w", "team": "T2"}


def test_funnel_materiality_values_lost_leads_at_what_got_past_the_stage(tmp_path: Path):
    # Leads that value a lost lead, for a period ending 2026-11-15: created 2025-08-19..2026-08-17 (364 days
    # ending one 90-day window before). Y1..Y4: 4 contacted, 3 to a meeting, 2 to every later stage; their loans
    # 300 + 500 = 800. Per lead past the stage: contacted 800 / 4 = 200, meeting 800 / 3, later stages 800 / 2.
    # As of 2026-11-20: the period's cohort (created 2026-11-03) is still converting.
    funnel_book = build_warehouse(tmp_path, as_of="2026-11-20", **funnel_source())
    values = F.stage_lead_values(funnel_book, ALL, RETRO.period.end)
    assert values == approx(
        {"contacted": 200, "meeting": 800 / 3, "application": 400, "approved": 400, "contracted": 400, "disbursed": 400}
    )
    found = {
        (f.subject_level, f.subject_id, f.values["stage"]): f for f in F.funnel_flag_findings(funnel_book, ALL, RETRO)
    }
    # T2: 10/3 leads lost beyond the overall rate × 200 = 666.67.
    assert found[("team", "T2", "contacted")].materiality == approx(2000 / 3)
    # Company, contacted: the cohort is still converting, so its loss against the threshold is no money yet; it
    # worsened from 0: (8/30 − 0) × 30 = 8 leads × 200 = 1600.
    assert found[("company", None, "contacted")].materiality == approx(1600)
    # Company, meeting: a loss of 1 on a still-converting cohort is not held against the threshold (SPEC §4.1) and
    # is not worse than before at the same age (1 = 1): not flagged, so no finding at all.
    assert ("company", None, "meeting") not in found


def test_a_member_at_exactly_the_overall_loss_or_the_chance_bound_is_not_reported():
    # The same share lost as the whole: 7 of 10 reached against 70 of 100.
    assert not F.beyond_chance(7, 10, 70, 100)
    # p = 1/2 (50 of 100 reached); n = 16: reported when (loss − 1/2)² × 16 > 2² × 1/2 × 1/2 = 1.
    # Loss 3/4 (4 of 16 reached): (1/4)² × 16 = 1, exactly the bound → not reported; loss 13/16: (5/16)² × 16
    # = 1.5625 → reported. Losing less than the whole (12 of 16 reached) never is.
    assert not F.beyond_chance(4, 16, 50, 100)
    assert F.beyond_chance(3, 16, 50, 100)
    assert not F.beyond_chance(12, 16, 50, 100)
    # Nobody entering the stage: nothing to judge.
    assert not F.beyond_chance(0, 0, 50, 100)


def test_funnel_flags_are_capped_per_level(funnel_book):
    found = F.funnel_flag_findings(funnel_book, ALL, RETRO, caps={"company": 1, "region": 0, "team": 1})
    assert [(f.subject_level, f.values["stage"]) for f in found] == [("company", "contacted"), ("team", "contacted")]


def test_funnel_flags_do_not_fire_without_flagged_stages(tmp_path: Path):
    # Every stage's threshold at 100% (a loss can never exceed it) and no previous cohort to worsen against: no
    # company-wide finding. A member is judged against the whole book, not on its own flags: T2 still loses more
    # than the book beyond chance (see test_funnel_flags_members_losing_more_than_the_whole).
    thresholds = "\n".join(
        f"{s} = 1.0" for s in ("contacted", "meeting", "application", "approved", "contracted", "disbursed")
    )
    source = funnel_source()
    source["leads"] = [r for r in source["leads"] if not r["lead_id"].startswith("P")]
    source["lead_events"] = [r for r in source["lead_events"] if not r["lead_id"].startswith("P")]
    # As of 2027-03-01 the cohort is complete: the thresholds decide (a cohort still converting would compare
    # each member with the whole at the same age instead).
    source["loans"] = []
    con = build_warehouse(
        tmp_path, as_of="2027-03-01", config=f"[funnel.stage_loss_threshold]\n{thresholds}\n", **source
    )
    assert [(f.subject_level, f.subject_id) for f in F.funnel_flag_findings(con, ALL, RETRO)] == [("team", "T2")]


# ---------------------------------------------------------------------------------------------
# 3. Targets: below 80% of the prorated target, and the 120% bonus tier
#
# Each team's November base target is 3000 (stretch 3600); the period has 14 of November's 30 days,
# so its prorated target is 3000 × 14 / 30 = 1400.
#   T1 disburses 1000 → 1000 / 1400 = 0.714 → red → below 80%
#   T2 disburses 1120 → exactly 0.8 → amber (a value on a bound takes the higher band) → no finding
#   T3 disburses 1680 → exactly 1.2 → bonus tier
# Unfinished period 2026-11-16..2026-11-29 on 2026-11-20: 5 of 14 days elapsed; target 1400;
# pacing = amount / (1400 × 5 / 14) = amount / 500. T1 disburses 300 on 2026-11-18 → 0.6 → red;
# T3 650 → 1.3 → bonus pace; T2 450 → 0.9 → amber.

TARGETS = [
    {"month": "2026-11-01", "team_id": team, "product_line": "credit", "base_amount": 3000, "stretch_amount": 3600}
    for team in ("T1", "T2", "T3")
]
TARGET_LOANS = [
    loan("T1a", 1000, "2026-11-05", officer_id="O1"),
    loan("T2a", 1120, "2026-11-05", officer_id="O2"),
    loan("T3a", 1680, "2026-11-05", officer_id="O3"),
    loan("T1b", 300, "2026-11-18", officer_id="O1"),
    loan("T2b", 450, "2026-11-18", officer_id="O2"),
    loan("T3b", 650, "2026-11-18", officer_id="O3"),
]


@pytest.fixture(scope="module")
def target_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("targets"), as_of="2026-11-20", loans=TARGET_LOANS, targets=TARGETS)
    yield con
    con.close()


def test_teams_below_target_and_in_the_bonus_tier(target_book):
    found = F.target_findings(target_book, ALL, RETRO)
    assert [(f.kind, f.subject_id, f.severity) for f in found] == [
        ("target_below", "T1", "alert"),
        ("target_bonus", "T3", "good"),
    ]
    below, bonus = found
    assert below.values["attainment"] == approx(1000 / 1400)
    assert below.values["base_target"] == approx(1400)
    assert below.rank == approx(400)  # shortfall 1400 − 1000
    assert below.materiality == approx(400)
    assert bonus.values["attainment"] == approx(1.2)
    assert bonus.materiality == approx(280)  # above the target: 1680 − 1400
    assert below.link_params == {"period": "2026-11-02/2w", "team": "T1"}
    assert F.render(below) == "Team East Direct reached 71.4% of its prorated target (¥1,000 of ¥1,400), below 80.0%"
    assert F.render(bonus, "zh") == "团队 South Direct 目标达成率 120.0% (¥1,680 / ¥1,400), 进入奖励档 (≥ 120.0%)"


def test_an_unfinished_period_is_judged_on_pacing(target_book):
    current = retro_period(AS_OF, ANCHOR, "2026-11-16/2w")
    found = F.target_findings(target_book, Filters(period=current.period), current)
    assert [(f.kind, f.subject_id, f.statement_key) for f in found] == [
        ("target_below", "T1", "retro_target_below_pacing"),
        ("target_bonus", "T3", "retro_target_bonus_pacing"),
    ]
    assert found[0].values["attainment"] == approx(0.6)
    assert found[1].values["attainment"] == approx(1.3)
    # Against the target × the elapsed share, 1400 × 5/14 = 500: T1 300 is 200 short, T3 650 is 150 above.
    assert [f.materiality for f in found] == approx([200, 150])


def test_no_target_finding_without_targets(target_book):
    # An account-manager filter has no target (targets are per team × product line).
    assert F.target_findings(target_book, Filters(period=RETRO.period, officer_ids=("O1",)), RETRO) == []
    # Under region R2 only T3 is left, in the bonus tier.
    found = F.target_findings(target_book, Filters(period=RETRO.period, region_ids=("R2",)), RETRO)
    assert [(f.subject_id, f.link_params) for f in found] == [
        ("T3", {"period": "2026-11-02/2w", "region": "R2", "team": "T3"})
    ]


# ---------------------------------------------------------------------------------------------
# 4. Early-warning flags: the book of tests/test_credit_metrics.py (worked out there), as of
# 2025-07-27. The reviewed period is 2025-07-14..2025-07-27 (as-of − anchor = 573 days = 40 × 14 + 13),
# whose snapshot is the as-of date itself. As on 2025-07-20: O1's book (R1, T1, credit, C1) has an
# overdue rate of 200 / 500 = 0.4 against a threshold of 0.15 + 2 × 0.0548 = 0.2595 → flagged in
# every dimension; O3's (R2, T3, guaranteed, C2) 100 / 400 = 0.25 → not flagged.

EW_AS_OF = date(2025, 7, 27)
EW_RETRO = retro_period(EW_AS_OF, ANCHOR)


def test_early_warning_findings_fire_and_do_not_fire(tmp_path: Path):
    assert EW_RETRO.period == Period(date(2025, 7, 14), date(2025, 7, 27))
    con = build_warehouse(
        tmp_path, as_of="2025-07-27", config="[early_warning]\nmin_balance = 100\n", **early_warning_source()
    )
    found = F.early_warning_findings(con, Filters(period=EW_RETRO.period), EW_RETRO)
    assert [(f.subject_level, f.subject_id) for f in found] == [
        ("region", "R1"),
        ("team", "T1"),
        ("officer", "O1"),
        ("product_line", "credit"),
        ("channel", "C1"),
    ]
    region = found[0]
    assert region.values["overdue_rate"] == approx(0.4)
    assert region.values["threshold"] == approx(EW_MEAN + 2 * EW_SD)
    assert region.values["snapshot_date"] == EW_AS_OF
    assert region.values["lookback"] == 6
    # Balance beyond the threshold: 500 × (0.4 − 0.2595) = 70.23.
    assert region.rank == approx(500 * (0.4 - EW_MEAN - 2 * EW_SD))
    assert region.materiality == approx(500 * (0.4 - EW_MEAN - 2 * EW_SD))
    assert region.page == "credit"
    # A product line is named by its label in both languages, never by its key.
    line = {f.subject_level: f for f in found}["product_line"]
    assert F.render(line).startswith("Product line Credit: overdue rate 40.0%")
    assert F.render(line, "zh").startswith("产品线 信用贷: 2025-07-27 逾期率 40.0%")
    assert report_statement(line, "en").startswith("Product line Credit: overdue rate 40.0%")
    assert report_statement(line, "zh").startswith("产品线 信用贷: 2025-07-27 逾期率 40.0%")
    assert {f.subject_level: f.link_params for f in found}["product_line"] == {
        "period": "2025-07-14/2w",
        "line": "credit",
    }
    assert F.render(region) == (
        "Region East China: overdue rate 40.0% on 2025-07-27, above its early-warning threshold 26.0% "
        "(mean of its previous 6 month-ends 15.0%)"
    )
    # The default minimum balance (1,000,000) is far above these books: nothing is flagged.
    quiet = build_warehouse(tmp_path / "quiet", as_of="2025-07-27", **early_warning_source())
    assert F.early_warning_findings(quiet, Filters(period=EW_RETRO.period), EW_RETRO) == []


def test_an_early_warning_at_exactly_its_threshold_or_zero_does_not_fire():
    # 25 / 100 against a threshold of exactly 0.25: not above it; 25.01 / 100 is.
    assert not F._above_threshold(Decimal("25.00"), Decimal("100.00"), 0.25)
    assert F._above_threshold(Decimal("25.01"), Decimal("100.00"), 0.25)
    # 10 / 100 against the double nearest 0.1 (0.1000000000000000055...): not above it.
    assert not F._above_threshold(Decimal("10.00"), Decimal("100.00"), 0.1)
    # A history without any overdue balance has a threshold of 0: a zero rate is not above it, any overdue is.
    assert not F._above_threshold(Decimal("0.00"), Decimal("100.00"), 0.0)
    assert F._above_threshold(Decimal("0.01"), Decimal("100.00"), 0.0)


def test_an_early_warning_after_a_history_of_zeros(tmp_path: Path):
    # As of 2025-07-27 (period 2025-07-14..07-27, snapshot 07-27), minimum balance 100, both loans disbursed
    # 2024-12-05 with one installment of 1000:
    #   W1 (O1: T1, R1) due 2025-07-10, never paid: nothing overdue at the month-ends Jan–Jun, 1000 / 1000 = 1.0 now;
    #   W3 (O3: T3, R2) due 2026-01-10: nothing overdue ever, 0 now.
    # Both histories are all 0 (mean 0, sd 0): threshold 0. O1's 1.0 fires; O3's 0 does not (0 is not above 0).
    # Product line credit and channel C1 hold both: 1000 / 2000 = 0.5 > 0 → fire.
    loans = [
        loan("W1", 1000, "2024-12-05", officer_id="O1"),
        loan("W3", 1000, "2024-12-05", officer_id="O3", term_months=14),
    ]
    installments = [*schedule("W1", ["2025-07-10"], [1000]), *schedule("W3", ["2026-01-10"], [1000])]
    con = build_warehouse(
        tmp_path,
        as_of="2025-07-27",
        config="[early_warning]\nmin_balance = 100\n",
        loans=loans,
        installments=installments,
    )
    found = F.early_warning_findings(con, Filters(period=EW_RETRO.period), EW_RETRO)
    assert [(f.subject_level, f.subject_id) for f in found] == [
        ("region", "R1"),
        ("team", "T1"),
        ("officer", "O1"),
        ("product_line", "credit"),
        ("channel", "C1"),
    ]
    officer = found[2]
    assert (officer.values["threshold"], officer.values["overdue_rate"]) == (0, 1.0)
    assert officer.materiality == approx(1000)  # 1000 × (1.0 − 0)
    assert F.render(officer) == (
        "Account manager Wang Fang: overdue rate 100.0% on 2025-07-27, after no overdue balance at any of "
        "its previous 6 month-ends"
    )


# ---------------------------------------------------------------------------------------------
# 5. Growth with poor quality
#
# Nine account managers; the period's snapshot is 2026-10-31, so the early vintages are 2025-08 to
# 2026-07 (MOB 3 of 2026-07 is 2026-10). Every loan below is of vintage 2026-06 (MOB 3 = 2026-09-30)
# unless dated otherwise. A "bad" loan has its one installment due 2026-07-10 and never pays: 82 days
# past due on 2026-09-30; a "good" one is due 2027-06-10, current.
#
#   officer  loans                                  early principal  30+ at MOB 3  early rate   volume*
#   O1       5 × 1000, 2 bad                          5000            2000          0.4          5000
#   O2       5 × 900 good; 777 on 2025-11-15 and      5377            0             0            4600
#            100 on 2025-11-16, good
#   O3       5 × 200, all bad                         1000            1000          1.0          1000
#   O4..O8   5 × 300, 280, 260, 240, 220, good        1500..1100      0             0            1500..1100
#   O9       4 × 3000, 1 bad (only 4 loans)           12000           3000          0.25         12000
#   * disbursed 2025-11-16..2026-11-15 (the 12 months to the period's end): O2's 777 is outside.
#
# Scope rate (all nine pooled): (2000 + 1000 + 3000) / (5000 + 5377 + 1000 + 6500 + 12000) = 6000 / 29877
# = 0.200823. Compared (≥ 5 loans): O1..O8, n = 8; a quarter: fewer than 2 ahead.
#   volume ranks: O1 5000 (1), O2 4600 (2), O4 (3), ..., O3 1000 (8) → top quarter O1, O2
#   rate ranks:   O3 1.0 (1), O1 0.4 (2), the rest 0 (3) → worst quarter O3, O1 (both above 0.2008)
# → O1 only. O3: worst quality, small volume; O2: large volume, no delinquency; O9: too few loans.
# With min_loans = 4, n = 9 (fewer than 9/4 ahead: up to 2): top volume O9 12000, O1, O2; worst O3,
# O1, O9 (0.25 > 0.2008) → O1 and O9. Ranked by the 30+ balance beyond the scope's rate:
# O1 (0.4 − 0.200823) × 5000 = 995.9, O9 (0.25 − 0.200823) × 12000 = 590.1 → O1 first.

OFFICERS = [
    {"officer_id": f"O{i}", "officer_name": f"Officer {i}", "team_id": f"T{(i - 1) % 3 + 1}", "hire_date": "2020-01-01"}
    for i in range(1, 10)
]


def quality_source() -> dict:
    loans, installments = [], []

    def add(loan_id: str, officer: str, principal: float, bad: bool, disbursed: str = "2026-06-10") -> None:
        loans.append(loan(loan_id, principal, disbursed, officer_id=officer))
        installments.extend(schedule(loan_id, ["2026-07-10" if bad else "2027-06-10"], [principal]))

    for i in range(5):
        add(f"O1-{i}", "O1", 1000, bad=i < 2)
        add(f"O2-{i}", "O2", 900, bad=False)
        add(f"O3-{i}", "O3", 200, bad=True)
        for officer, principal in (("O4", 300), ("O5", 280), ("O6", 260), ("O7", 240), ("O8", 220)):
            add(f"{officer}-{i}", officer, principal, bad=False)
    for i in range(4):
        add(f"O9-{i}", "O9", 3000, bad=i == 0)
    add("O2-edge-out", "O2", 777, bad=False, disbursed="2025-11-15")
    add("O2-edge-in", "O2", 100, bad=False, disbursed="2025-11-16")
    return {"loans": loans, "installments": installments, "officers": OFFICERS}


@pytest.fixture(scope="module")
def quality_book(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    con = build_warehouse(tmp_path_factory.mktemp("quality"), as_of="2026-11-20", **quality_source())
    yield con
    con.close()


SCOPE_RATE = 6000 / 29877


def test_growth_with_poor_quality_comparison(quality_book):
    compared = F.growth_with_poor_quality(quality_book, ALL, RETRO)
    rows = {r["value"]: r for r in compared.iter_rows(named=True)}
    assert set(rows) == {f"O{i}" for i in range(1, 9)}  # O9 has 4 loans at MOB 3
    assert rows["O1"]["early_dpd30"] == approx(0.4)
    assert rows["O3"]["early_dpd30"] == approx(1.0)
    assert rows["O2"]["early_loans"] == 7
    assert rows["O2"]["volume"] == Decimal("4600.00")  # 900 × 5 + 100; the 777 of 2025-11-15 is outside
    assert rows["O1"]["scope_early_dpd30"] == approx(SCOPE_RATE)
    assert {v: (r["volume_rank"], r["quality_rank"]) for v, r in rows.items()} == {
        "O1": (1, 2),
        "O2": (2, 3),
        "O4": (3, 3),
        "O5": (4, 3),
        "O6": (5, 3),
        "O7": (6, 3),
        "O8": (7, 3),
        "O3": (8, 1),
    }
    assert compared.filter(pl.col("top_volume"))["value"].to_list() == ["O1", "O2"]
    assert sorted(compared.filter(pl.col("worst_quality"))["value"].to_list()) == ["O1", "O3"]


def test_growth_with_poor_quality_finding(quality_book):
    found = F.growth_quality_findings(quality_book, ALL, RETRO)
    assert [f.subject_id for f in found] == ["O1"]
    (o1,) = found
    assert o1.values["volume"] == approx(5000)
    assert (o1.values["volume_rank"], o1.values["quality_rank"], o1.values["officers"]) == (1, 2, 8)
    assert o1.rank == approx((0.4 - SCOPE_RATE) * 5000)
    assert o1.materiality == approx((0.4 - SCOPE_RATE) * 5000)  # 995.9, the 30+ balance beyond the book's rate
    assert o1.link_params == {"period": "2026-11-02/2w", "drill": "officer:O1"}
    assert F.render(o1) == (
        "Account manager Officer 1 disbursed ¥5,000 in the 12 months to 2026-11-15 (#1 of 8, top quarter) while "
        "40.0% of their MOB-3 principal is 30+ days past due (#2, worst quarter; 20.1% overall)"
    )


def test_growth_with_poor_quality_needs_enough_loans(quality_book):
    # With four loans enough, O9 is compared too and fires; O1's excess 995.9 ranks above O9's 590.1.
    found = F.growth_quality_findings(quality_book, ALL, RETRO, min_loans=4)
    assert [f.subject_id for f in found] == ["O1", "O9"]
    assert found[1].values["officers"] == 9
    assert found[1].rank == approx((0.25 - SCOPE_RATE) * 12000)


def test_growth_with_poor_quality_does_not_fire_in_a_clean_book(quality_book):
    # Under team T2 (O2, O5, O8): no delinquency at all, so nobody is in a worst quarter above the scope's 0.
    assert F.growth_quality_findings(quality_book, Filters(period=RETRO.period, team_ids=("T2",)), RETRO) == []


# ---------------------------------------------------------------------------------------------
# 6. Strategic customers who moved into a risk segment
#
# Reviewed period 2026-10-19..2026-11-01: the RFM as-of its end chooses is 2026-10-31; the previous
# period's (ends 2026-10-18) is 2026-09-30. Five customers, n = 5, percent_rank = (rank − 1) / 4,
# scores 1..5 for ranks 1..5 (ties share the lowest rank).
#   A  one loan 2026-09-20 of 6,000,000 (strategic: ≥ 5,000,000)
#   B, C, D, E  loans of 100k, 200k, 300k, 400k on 08-01, 08-05, 08-10, 08-15, and each another of
#               10,000 in October on 10-05, 10-10, 10-15, 10-20.
# On 09-30 (October loans not yet made): recency A 10, B 60, C 56, D 51, E 46 days → r: B 1, C 2, D 3,
#   E 4, A 5; one loan each → f 1; monetary → m: B 1, C 2, D 3, E 4, A 5.
#   fm = floor((f + m + 1) / 2): B 1, C 2, D 2, E 3, A 3 → B lost, C hibernating, D need_attention,
#   E potential, A potential.
# On 10-31: recency A 41, B 26, C 21, D 16, E 11 → r: A 1, B 2, C 3, D 4, E 5; frequency A 1 (rank 1,
#   f 1), B–E 2 (rank 2, f 2); m unchanged. fm: A floor(7/2) = 3, B floor(4/2) = 2, C 2, D 3, E 3 →
#   A at_risk (r 1, fm 3), B hibernating (r 2, fm 2), C need_attention, D potential, E potential.
# Moved into a risk segment: A (potential → at_risk) and B (lost → hibernating); B is micro, so only A.


def strategic_source(principal_a: float) -> dict:
    loans = [loan("A1", principal_a, "2026-09-20", customer_id="A")]
    for customer_id, amount, first, second in (
        ("B", 100_000, "2026-08-01", "2026-10-05"),
        ("C", 200_000, "2026-08-05", "2026-10-10"),
        ("D", 300_000, "2026-08-10", "2026-10-15"),
        ("E", 400_000, "2026-08-15", "2026-10-20"),
    ):
        loans += [
            loan(f"{customer_id}1", amount, first, customer_id=customer_id),
            loan(f"{customer_id}2", 10_000, second, customer_id=customer_id),
        ]
    return {"loans": loans}


OCTOBER_RETRO = retro_period(AS_OF, ANCHOR, "2026-10-19/2w")


def test_strategic_customer_moved_into_risk(tmp_path: Path):
    con = build_warehouse(tmp_path, as_of="2026-11-20", **strategic_source(6_000_000))
    segments = dict(con.sql("select customer_id, segment from fct_customer_rfm where as_of = '2026-10-31'").fetchall())
    assert segments == {
        "A": "at_risk",
        "B": "hibernating",
        "C": "need_attention",
        "D": "potential",
        "E": "potential",
    }
    found = F.strategic_customer_findings(con, Filters(period=OCTOBER_RETRO.period), OCTOBER_RETRO)
    assert [f.subject_id for f in found] == ["A"]
    (a,) = found
    assert (a.values["previous_segment"], a.values["segment"]) == ("potential", "at_risk")
    assert (a.values["from_as_of"], a.values["to_as_of"]) == (date(2026, 9, 30), date(2026, 10, 31))
    assert a.values["monetary"] == approx(6_000_000)
    assert a.page == "customers"
    assert a.link_params == {"period": "2026-10-19/2w"}
    assert F.render(a) == (
        "Strategic customer A moved from potential to at_risk between 2026-09-30 and 2026-10-31 "
        "(¥6,000,000 borrowed in the window)"
    )
    # The period after it: both its end and the previous period's choose the 2026-10-31 as-of, so
    # nothing can have moved since the last retrospective.
    assert F.strategic_customer_findings(con, ALL, RETRO) == []


def test_a_growth_tier_customer_moving_into_risk_is_not_a_strategic_finding(tmp_path: Path):
    # The same book with A's loan at 4,000,000 (growth tier): the ranks, and so the segments, are unchanged.
    con = build_warehouse(tmp_path, as_of="2026-11-20", **strategic_source(4_000_000))
    tier = con.sql("select tier from fct_customer_rfm where as_of = '2026-10-31' and customer_id = 'A'").fetchall()
    assert tier == [("growth",)]
    assert F.strategic_customer_findings(con, Filters(period=OCTOBER_RETRO.period), OCTOBER_RETRO) == []


# ---------------------------------------------------------------------------------------------
# All rules together, statements and links


def test_find_all_orders_by_kind(change_book):
    # No floor, no Top: by kind, at most 3 of each, the most money first (|contribution|):
    # R2 3799.65 and T3 / O3 3799.65 (ties keep the rules' order: region, team, officer), then T1 1800.15.
    everything = F.RetroSettings(materiality_floor=0, top_findings=0, max_per_kind=3)
    found = F.find_all(change_book, ALL, RETRO, settings_=everything)
    kinds = [f.kind for f in found]
    assert kinds == sorted(kinds, key=FINDING_KINDS.index)
    assert {f.kind for f in found} == {"disbursement_change"}  # no leads, targets, book or customers at risk
    assert [(f.subject_level, f.subject_id) for f in found] == [("region", "R2"), ("team", "T3"), ("officer", "O3")]
    # The default floor (¥1,000,000) hides every one of these small changes.
    assert F.find_all(change_book, ALL, RETRO) == []


def test_find_all_reads_the_floor_the_warehouse_was_built_with(tmp_path: Path):
    # The change book built with a floor of 500, ten per kind and a Top of one. Every contribution the rule
    # reports (two up and two down per level) is kept but T2 / O2's −400.01, below the floor; by money (ties in
    # the rule's order: regions, teams, officers): 3799.65 R2, T3, O3; 1800.15 T1, O1; 1400.14 R1; 700.33 R3, T4, O4.
    config = "[retrospective]\nmateriality_floor = 500\nmax_per_kind = 10\ntop_findings = 1\n"
    con = build_warehouse(tmp_path, as_of="2026-11-20", config=config, loans=CHANGE_LOANS, **ORGANISATION)
    assert F.retro_settings(con) == F.RetroSettings(500.0, 1, 10)
    found = F.find_all(con, ALL, RETRO)
    assert [(f.subject_id, f.top) for f in found] == [
        ("R2", True),
        ("T3", False),
        ("O3", False),
        ("T1", False),
        ("O1", False),
        ("R1", False),
        ("R3", False),
        ("T4", False),
        ("O4", False),
    ]


def made(kind: str, subject: str, materiality: float) -> Finding:
    return Finding(kind, "alert", "team", subject, subject, "retro_target_below", {}, "teams", {}, 0.0, materiality)


def test_the_floor_hides_findings_just_below_it_and_shows_them_at_it():
    settings = F.RetroSettings(materiality_floor=1_000_000, top_findings=5, max_per_kind=3)
    found = F.arrange([made("early_warning", "A", 999_999.99), made("early_warning", "B", 1_000_000)], settings)
    # The boundary falls on the shown side: at the floor is shown, a cent below it is not.
    assert [f.subject_id for f in found] == ["B"]


def test_the_top_is_the_most_material_of_each_kind_then_the_rest_by_kind():
    settings = F.RetroSettings(materiality_floor=100, top_findings=3, max_per_kind=2)
    found = F.arrange(
        [
            made("disbursement_change", "C1", 900),
            made("disbursement_change", "C2", 800),
            made("disbursement_change", "C3", 700),  # third of its kind: over the cap of 2
            made("funnel_flag", "F1", 150),
            made("target_below", "T1", 300),
            made("target_bonus", "B1", 500),  # targets below and above share one place in the Top
            made("early_warning", "E1", 600),
            made("growth_with_poor_quality", "G1", 99),  # below the floor
        ],
        settings,
    )
    # Leaders: change 900, early warning 600, targets max(300, 500) = 500 (bonus), funnel 150. Top 3: 900, 600, 500.
    assert [(f.subject_id, f.top) for f in found] == [
        ("C1", True),
        ("E1", True),
        ("B1", True),
        # The rest by kind (FINDING_KINDS order), most material first.
        ("C2", False),
        ("F1", False),
        ("T1", False),
    ]


def test_every_statement_has_both_languages_and_known_placeholders():
    import string

    for key, texts in F.STATEMENTS.items():
        assert set(texts) == {"en", "zh"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in texts.values()]
        assert fields[0] == fields[1], key
        assert fields[0] <= set(F.VALUE_UNITS), (key, fields[0] - set(F.VALUE_UNITS))


def test_link_params_follow_the_filter_bar():
    filters = Filters(
        period=RETRO.period,
        region_ids=("R1", "R2"),
        product_lines=("credit",),
        channel_ids=("C1",),
        customer_types=("business",),
    )
    assert F.link_params(filters, RETRO, team="T1", region=None) == {
        "period": "2026-11-02/2w",
        "line": "credit",
        "channel": "C1",
        "ctype": "business",
        "team": "T1",
    }
