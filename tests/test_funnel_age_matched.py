"""Comparing a cohort that is still converting (SPEC §4.1): the comparison cohort at the same age, the threshold
only for complete cohorts, dropped leads only when out of the running, and who moved conversion.

A cohort 10 days old is compared with one 24 days old. As of A = 2026-06-30 (window 90 days):

    current P  = 2026-06-07 … 2026-06-20, its 10 leads CU01–CU10 created 2026-06-20 09:00 (10 days old)
    compared P′ = 2026-05-24 … 2026-06-06, its 10 leads CP01–CP10 created 2026-06-06 09:00 (24 days old)
    Δ = 06-07 − 05-24 = 14 days, so P′ is evaluated as of A − Δ = 2026-06-16 (10 days after its creation)

Every lead is contacted one day after its creation.
    CU (officer → team): CU01–CU05 O1 → T1, CU06–CU10 O2 → T2
        disbursed 2026-06-25: CU01, CU02 (T1), CU06, CU07 (T2); CU10 lost 2026-06-22; the rest open
    CP: CP01–CP04 O1 → T1, CP05–CP08 O2 → T2, CP09–CP10 O3 → T3
        disbursed by the end of 06-16: CP01 (06-12), CP05 (06-16 23:59:59)
        disbursed after it:            CP02 (06-17 00:00:00), CP03, CP06, CP09 (06-20)

Current:     reached contacted 10, meeting … disbursed 4 → meeting loss 6/10 = 0.6, conversion 4/10 = 0.4
P′ today:    contacted 10, meeting … disbursed 6          → meeting loss 4/10 = 0.4, conversion 6/10 = 0.6
P′ same age: contacted 10, meeting … disbursed 2          → meeting loss 8/10 = 0.8, conversion 2/10 = 0.2

Compared with P′ as it stands today, conversion falls 20 pp and the meeting stage worsens
(0.6 > 0.4 × 1.15 = 0.46); compared at the same age, conversion rises 20 pp and nothing worsens
(0.6 < 0.8 × 1.15 = 0.92).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest

from pipelines.queries import funnel, overview
from pipelines.queries.filters import Filters, Period
from tests.factory import build_warehouse, event, lead

D = date.fromisoformat
AS_OF = "2026-06-30"
CURRENT = Period(D("2026-06-07"), D("2026-06-20"))
COMPARISON = Period(D("2026-05-24"), D("2026-06-06"))


def _leads(prefix: str, created: str, officers: list[str]) -> tuple[list, list]:
    at = datetime.fromisoformat(created)
    leads, events = [], []
    for n, officer in enumerate(officers, 1):
        lead_id = f"{prefix}{n:02d}"
        leads.append(lead(lead_id, at.isoformat(sep=" "), officer_id=officer))
        events.append(event(lead_id, "contacted", (at + timedelta(days=1)).isoformat(sep=" ")))
    return leads, events


CU_LEADS, CU_CONTACTS = _leads("CU", "2026-06-20 09:00:00", ["O1"] * 5 + ["O2"] * 5)
CP_LEADS, CP_CONTACTS = _leads("CP", "2026-06-06 09:00:00", ["O1"] * 4 + ["O2"] * 4 + ["O3"] * 2)
EVENTS = [
    *CU_CONTACTS,
    *CP_CONTACTS,
    *(event(i, "disbursed", "2026-06-25 10:00:00") for i in ("CU01", "CU02", "CU06", "CU07")),
    event("CU10", "lost", "2026-06-22 10:00:00", "chose a competitor"),
    event("CP01", "disbursed", "2026-06-12 10:00:00"),
    event("CP05", "disbursed", "2026-06-16 23:59:59"),  # the last second of A − Δ: counts
    event("CP02", "disbursed", "2026-06-17 00:00:00"),  # the first second after it: does not
    *(event(i, "disbursed", "2026-06-20 10:00:00") for i in ("CP03", "CP06", "CP09")),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = build_warehouse(
        tmp_path_factory.mktemp("age_matched"), as_of=AS_OF, leads=CU_LEADS + CP_LEADS, lead_events=EVENTS
    )
    yield connection
    connection.close()


def test_comparison_basis_is_a_minus_delta_while_the_cohort_converts():
    basis = funnel.comparison_basis(D(AS_OF), CURRENT, COMPARISON, cohort_complete=False)
    # A − Δ = 06-30 − 14 days = 06-16; P′ ends 06-06, before it: its whole cohort
    assert (basis.age_matched, basis.as_of, basis.cohort) == (True, D("2026-06-16"), COMPARISON)
    # A complete cohort (or an empty one) is compared with the comparison cohort as it stands.
    assert funnel.comparison_basis(D(AS_OF), CURRENT, COMPARISON, True).age_matched is False
    assert funnel.comparison_basis(D(AS_OF), CURRENT, COMPARISON, None).age_matched is False


def test_comparison_basis_cuts_the_cohort_of_a_running_period():
    # P = 06-21 … 07-04 still running on 06-30; P′ = 06-07 … 06-20; A − Δ = 06-30 − 14 = 06-16:
    # P′'s cohort holds only the leads created by 06-16.
    running, previous = Period(D("2026-06-21"), D("2026-07-04")), Period(D("2026-06-07"), D("2026-06-20"))
    basis = funnel.comparison_basis(D(AS_OF), running, previous, cohort_complete=False)
    assert basis.cohort == Period(D("2026-06-07"), D("2026-06-16")) and basis.as_of == D("2026-06-16")


def test_age_matching_changes_the_arrow_and_the_flag(con):
    stages = funnel.funnel_by_stage(con, Filters(CURRENT, COMPARISON))
    assert stages["cohort_complete"][0] is False
    assert stages["reached"].to_list() == [10, 10, 4, 4, 4, 4, 4]
    # P′ at the same age: only CP01 and CP05 disbursed by the end of 06-16
    assert stages["comparison_reached"].to_list() == [10, 10, 2, 2, 2, 2, 2]
    assert stages["comparison_age_matched"].all() and stages["comparison_as_of"][0] == D("2026-06-16")
    meeting = stages.filter(stage="meeting").row(0, named=True)
    # loss 6/10 = 0.6 against 8/10 = 0.8 at the same age: better, not worsened (today's P′: 0.4 → worsened)
    assert (meeting["step_loss"], meeting["comparison_step_loss"]) == pytest.approx((0.6, 0.8))
    assert meeting["worsened"] is False and meeting["flagged"] is False
    assert meeting["loss_change"] == pytest.approx(0.6 / 0.8 - 1)  # −25%
    disbursed = stages.filter(stage="disbursed").row(0, named=True)
    # conversion 4/10 = 0.4 against 2/10 = 0.2: up 20 pp (against today's P′, 6/10: down 20 pp)
    assert disbursed["overall_conversion"] == pytest.approx(0.4)
    assert disbursed["comparison_overall_conversion"] == pytest.approx(0.2)
    assert not stages["flagged"].any()


def test_the_absolute_threshold_is_not_evaluated_for_a_cohort_still_converting(con):
    stages = funnel.funnel_by_stage(con, Filters(CURRENT))
    meeting = stages.filter(stage="meeting").row(0, named=True)
    # loss 0.6 is far above the 15% threshold, but the cohort is 10 days into its 90-day window
    assert meeting["step_loss"] == pytest.approx(0.6) and meeting["loss_threshold"] == 0.15
    assert meeting["threshold_applies"] is False and meeting["over_threshold"] is None
    assert not stages["flagged"].any()
    assert stages["comparison_age_matched"].null_count() == 7  # no comparison chosen


def test_the_threshold_applies_again_once_the_cohort_is_complete(tmp_path):
    # The same leads as of 2026-09-30: every window (created ≤ 06-20 + 90 days = 09-18) is complete.
    done = build_warehouse(tmp_path, as_of="2026-09-30", leads=CU_LEADS + CP_LEADS, lead_events=EVENTS)
    stages = funnel.funnel_by_stage(done, Filters(CURRENT, COMPARISON))
    meeting = stages.filter(stage="meeting").row(0, named=True)
    assert meeting["threshold_applies"] is True and meeting["over_threshold"] is True  # 0.6 > 0.15
    # A complete cohort is compared with P′ as it stands: 6 disbursed → loss 0.4; 0.6 > 0.46 worsened
    assert meeting["comparison_step_loss"] == pytest.approx(0.4) and meeting["worsened"] is True
    assert stages["comparison_age_matched"][0] is False and stages["comparison_as_of"][0] == D("2026-09-30")
    done.close()


def test_overview_conversion_change_is_age_matched(con):
    indicators = overview.core_indicators(con, Filters(CURRENT, COMPARISON))
    row = indicators.filter(pl.col("indicator") == "lead_to_disbursed_conversion").row(0, named=True)
    # 4/10 − 2/10 = +0.2 (not 4/10 − 6/10 = −0.2)
    assert row["value"] == pytest.approx(0.4) and row["comparison_value"] == pytest.approx(0.2)
    assert row["change"] == pytest.approx(0.2)
    assert row["comparison_as_of"] == D("2026-06-16")
    # New leads is a count, not a conversion: compared as it is (10 against 10)
    leads = indicators.filter(pl.col("indicator") == "new_leads").row(0, named=True)
    assert (leads["value"], leads["comparison_value"], leads["comparison_as_of"]) == (10, 10, None)


def test_overview_history_marks_cohorts_still_converting(con):
    history = overview.indicator_history(con, Filters(CURRENT), "range", D("2024-01-01"), n=2)
    conversion = history.filter(pl.col("indicator") == "lead_to_disbursed_conversion").sort("period_start")
    # both cohorts are inside their 90-day window on 06-30
    assert conversion["cohort_complete"].to_list() == [False, False]
    assert history.filter(pl.col("indicator") == "disbursed_amount")["cohort_complete"].null_count() == 2


def test_dropped_leads_leave_out_open_leads_still_inside_their_window(con):
    dropped = funnel.dropped_leads(con, Filters(CURRENT), "contacted")
    # stopped at contacted: CU03 CU04 CU05 CU08 CU09 (open, window running) and CU10 (lost): only CU10
    assert dropped["lead_id"].to_list() == ["CU10"]
    counts = funnel.dropped_counts(con, Filters(CURRENT)).filter(stage="contacted").row(0, named=True)
    assert (counts["dropped"], counts["converting"]) == (1, 5)


def test_conversion_movers_add_up_to_the_total_change(con):
    movers = funnel.conversion_movers(con, Filters(CURRENT, COMPARISON), "team")
    rows = {r["value"]: r for r in movers.iter_rows(named=True)}
    # T1: 5 leads, 2 disbursed = 0.4 against 4 leads, 1 (CP01) = 0.25 at the same age
    # T2: 5 leads, 2 disbursed = 0.4 against 4 leads, 1 (CP05) = 0.25
    # T3: no lead now, 2 leads, 0 disbursed by 06-16 then
    assert (rows["T1"]["conversion"], rows["T1"]["comparison_conversion"]) == pytest.approx((0.4, 0.25))
    assert rows["T3"]["leads"] == 0 and rows["T3"]["conversion"] is None
    # contribution = own disbursed / cohort now − then: T1 2/10 − 1/10 = 0.1, T2 0.1, T3 0 − 0 = 0
    assert [rows[t]["contribution"] for t in ("T1", "T2", "T3")] == pytest.approx([0.1, 0.1, 0.0])
    # the total change: 4/10 − 2/10 = 0.2, and the parts add up to it
    assert movers["total_change"][0] == pytest.approx(0.2)
    assert movers["contribution"].sum() == pytest.approx(0.2, abs=1e-12)
    assert [rows[t]["share_of_change"] for t in ("T1", "T2", "T3")] == pytest.approx([0.5, 0.5, 0.0])
    # T1's split: rate (0.5 + 0.4)/2 × (0.4 − 0.25) = 0.0675; mix (0.5 − 0.4) × (0.4 + 0.25)/2 = 0.0325
    assert (rows["T1"]["rate_effect"], rows["T1"]["mix_effect"]) == pytest.approx((0.0675, 0.0325))
    assert movers["comparison_age_matched"].all()


def test_conversion_movers_without_a_comparison_are_empty(con):
    assert funnel.conversion_movers(con, Filters(CURRENT), "region").is_empty()
