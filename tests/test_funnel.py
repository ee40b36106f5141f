"""Funnel (SPEC §4.1): fct_leads rules and the funnel query functions, on hand-written leads and events.

Every expected value is worked out by hand from the rows written here; the arithmetic is
in the comment next to it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pipelines.queries import funnel
from pipelines.queries.filters import Filters, Period, Scope
from tests.factory import build_warehouse, customer, event, lead

AS_OF = "2026-09-30"


def month(year: int, m: int) -> Period:
    last = (date(year + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return Period(date(year, m, 1), date(year, m, last))


def cohort(prefix: str, year: int, m: int, furthest: dict[str, int]) -> tuple[list, list]:
    """Leads created in the month, each with one event at its furthest stage one day after creation."""
    leads, events = [], []
    n = 0
    for stage, count in furthest.items():
        for _ in range(count):
            n += 1
            created = datetime(year, m, 1 + n % 20, 9, 0, 0)
            lead_id = f"{prefix}{n:02d}"
            leads.append(lead(lead_id, created.isoformat(sep=" ")))
            if stage != "lead":
                events.append(event(lead_id, stage, (created + timedelta(days=1)).isoformat(sep=" ")))
    return leads, events


# --- The cohorts of the module warehouse ------------------------------------------------------------

# January: single rules (window boundary, stage implication, outcome precedence, days to disburse).
JANUARY_LEADS = [
    lead("W1", "2026-01-01 10:00:00"),
    lead("W2", "2026-01-01 10:00:00"),
    lead("W3", "2026-01-01 10:00:00"),
    lead("I1", "2026-01-02 09:00:00"),
    lead("I2", "2026-01-02 09:00:00"),
    lead("OD", "2026-01-03 09:00:00"),
    lead("OR", "2026-01-03 09:00:00"),
    lead("OL", "2026-01-03 09:00:00"),
    lead("OO", "2026-01-03 09:00:00"),
    lead("ON", "2026-01-03 09:00:00"),
    lead("D1", "2026-01-03 00:00:00"),
]
JANUARY_EVENTS = [
    # 2026-01-01 10:00 + 90 days = 2026-04-01 10:00 (31 + 28 + 31 = 90): exactly at the end counts...
    event("W1", "contacted", "2026-04-01 10:00:00"),
    # ...one second later does not.
    event("W2", "contacted", "2026-04-01 10:00:01"),
    # Disbursed 95 days after creation: outcome disbursed, but not reached within the window.
    event("W3", "application", "2026-01-05 10:00:00"),
    event("W3", "disbursed", "2026-04-06 10:00:00"),
    # Only an approved event: contacted, meeting, application and approved all reached at its time.
    event("I1", "approved", "2026-01-20 12:00:00"),
    # The meeting came before the contact was recorded: contacted_at is the earlier meeting time.
    event("I2", "contacted", "2026-01-10 09:00:00"),
    event("I2", "meeting", "2026-01-05 09:00:00"),
    # Outcome precedence: disbursed > rejected > lost > open.
    event("OD", "lost", "2026-01-04 09:00:00", "no reply"),
    event("OD", "rejected", "2026-01-05 09:00:00", "low score"),
    event("OD", "disbursed", "2026-01-20 09:00:00"),
    event("OR", "lost", "2026-01-04 09:00:00", "no reply"),
    event("OR", "rejected", "2026-01-05 09:00:00", "low score"),
    event("OL", "contacted", "2026-01-04 09:00:00"),
    event("OL", "lost", "2026-01-05 09:00:00", "chose a competitor"),
    event("OO", "contacted", "2026-01-04 09:00:00"),
    # 2026-01-03 00:00 → 2026-01-13 12:00 = 10.5 days.
    event("D1", "disbursed", "2026-01-13 12:00:00"),
]

# March (comparison cohort, 14 leads) and April (current cohort, 20 leads), by furthest stage:
#   March: contacted 2, application 1, disbursed 11
#     → reached contacted 14, meeting 12, application 12, approved 11, contracted 11, disbursed 11
#   April: contacted 3, meeting 7, application 1, disbursed 9
#     → reached contacted 20, meeting 17, application 10, approved 9, contracted 9, disbursed 9
MARCH_LEADS, MARCH_EVENTS = cohort("MA", 2026, 3, {"contacted": 2, "application": 1, "disbursed": 11})
APRIL_LEADS, APRIL_EVENTS = cohort("AP", 2026, 4, {"contacted": 3, "meeting": 7, "application": 1, "disbursed": 9})

# May: dropped leads and time to convert.
MAY_LEADS = [
    lead("M1", "2026-05-03 09:00:00"),
    lead("M2", "2026-05-10 09:00:00"),
    lead("M3", "2026-05-15 09:00:00"),
    lead("M4", "2026-05-20 09:00:00"),
    lead("T1", "2026-05-01 00:00:00"),
    lead("T2", "2026-05-01 00:00:00"),
    lead("T3", "2026-05-01 00:00:00"),
    lead("T4", "2026-05-02 00:00:00"),
]
MAY_EVENTS = [
    event("M1", "contacted", "2026-05-04 09:00:00"),
    event("M1", "meeting", "2026-05-06 09:00:00"),
    event("M1", "lost", "2026-05-20 09:00:00", "chose a competitor"),
    event("M2", "meeting", "2026-05-11 09:00:00"),
    event("M2", "rejected", "2026-05-12 09:00:00", "low score"),
    event("M2", "lost", "2026-05-13 09:00:00", "no reply"),
    event("M3", "meeting", "2026-05-16 09:00:00"),
    event("M4", "application", "2026-05-21 09:00:00"),
    event("T1", "disbursed", "2026-05-01 12:00:00"),  # 0.5 days
    event("T2", "disbursed", "2026-05-08 00:00:00"),  # 7.0 days: the 7–14 bucket (lower edge included)
    event("T3", "disbursed", "2026-05-07 23:59:00"),  # 6.999 days: the 0–7 bucket
    event("T4", "disbursed", "2026-08-05 00:00:00"),  # 2 May → 5 Aug = 29 + 30 + 31 + 5 = 95 days: 90+
]

# June: one lead per combination of dimensions, for filters and breakdowns.
#   F1 O1 (T1, R1) C1 P1 credit     individual  disbursed
#   F2 O2 (T2, R1) C1 P2 guaranteed business    application
#   F3 O3 (T3, R2) C2 P1 credit     individual  disbursed
#   F4 O1 (T1, R1) C2 P2 guaranteed individual  contacted
#   F5 O3 (T3, R2) C1 P2 guaranteed business    (no event)
#   F6 O2 (T2, R1) C2 P1 credit     individual  meeting
JUNE_LEADS = [
    lead("F1", "2026-06-01 09:00:00", officer_id="O1", channel_id="C1", product_id="P1"),
    lead("F2", "2026-06-02 09:00:00", officer_id="O2", channel_id="C1", product_id="P2"),
    lead("F3", "2026-06-03 09:00:00", officer_id="O3", channel_id="C2", product_id="P1"),
    lead("F4", "2026-06-04 09:00:00", officer_id="O1", channel_id="C2", product_id="P2"),
    lead("F5", "2026-06-05 09:00:00", officer_id="O3", channel_id="C1", product_id="P2"),
    lead("F6", "2026-06-06 09:00:00", officer_id="O2", channel_id="C2", product_id="P1"),
]
JUNE_EVENTS = [
    event("F1", "disbursed", "2026-06-10 09:00:00"),
    event("F2", "application", "2026-06-10 09:00:00"),
    event("F3", "disbursed", "2026-06-10 09:00:00"),
    event("F4", "contacted", "2026-06-10 09:00:00"),
    event("F6", "meeting", "2026-06-10 09:00:00"),
]
JUNE_CUSTOMERS = [customer("CUF2", customer_type="business"), customer("CUF5", customer_type="business")]

# September: activity counts, by event day.
ACTIVITY_LEADS = [
    lead("A1", "2026-08-25 09:00:00"),
    lead("A2", "2026-08-20 09:00:00"),
    lead("A3", "2026-08-26 09:00:00"),
    lead("A4", "2026-08-27 09:00:00"),
    lead("A5", "2026-08-28 09:00:00"),
]
ACTIVITY_EVENTS = [
    event("A1", "application", "2026-09-02 10:00:00"),
    event("A1", "application", "2026-09-05 10:00:00"),  # the same lead's application again: not a second one
    event("A1", "approved", "2026-09-08 10:00:00"),
    event("A2", "application", "2026-08-31 15:00:00"),  # August
    event("A2", "approved", "2026-09-01 09:00:00"),
    event("A3", "application", "2026-09-03 10:00:00"),
    event("A3", "rejected", "2026-09-04 10:00:00", "low score"),
    event("A4", "approved", "2026-09-10 10:00:00"),  # an approval without an application event
    event("A5", "application", "2026-09-30 23:59:59"),  # the last second of September
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = build_warehouse(
        tmp_path_factory.mktemp("funnel"),
        as_of=AS_OF,
        leads=JANUARY_LEADS + MARCH_LEADS + APRIL_LEADS + MAY_LEADS + JUNE_LEADS + ACTIVITY_LEADS,
        lead_events=JANUARY_EVENTS + MARCH_EVENTS + APRIL_EVENTS + MAY_EVENTS + JUNE_EVENTS + ACTIVITY_EVENTS,
        customers=JUNE_CUSTOMERS,
    )
    yield connection
    connection.close()


def lead_row(con, lead_id: str) -> dict:
    frame = con.sql("select * from fct_leads where lead_id = ?", params=[lead_id]).pl()
    assert frame.height == 1
    return frame.row(0, named=True)


# --- fct_leads --------------------------------------------------------------------------------------


def test_fct_leads_has_the_spec_columns(con):
    columns = set(con.sql("select * from fct_leads limit 0").columns)
    spec = {
        "lead_id",
        "created_at",
        "created_date",
        "customer_id",
        "officer_id",
        "team_id",
        "region_id",
        "channel_id",
        "product_id",
        "product_line",
        "furthest_stage",
        "furthest_stage_no",
        "outcome",
        "window_complete",
        "days_to_disburse",
        "customer_type",
        "segment",
    }
    for stage in funnel.FUNNEL_STAGES:
        spec |= {f"{stage}_at", f"reached_{stage}"}
    assert spec <= columns


def test_event_exactly_at_the_window_end_counts(con):
    row = lead_row(con, "W1")
    assert row["contacted_at"] == datetime(2026, 4, 1, 10, 0, 0)
    assert row["reached_contacted"] is True
    assert row["furthest_stage"] == "contacted" and row["furthest_stage_no"] == 1


def test_event_one_second_after_the_window_end_does_not(con):
    row = lead_row(con, "W2")
    assert row["contacted_at"] == datetime(2026, 4, 1, 10, 0, 1)
    assert row["reached_contacted"] is False
    assert row["furthest_stage"] == "lead" and row["furthest_stage_no"] == 0
    assert row["outcome"] == "open"


def test_disbursed_after_the_window_is_the_outcome_but_not_reached(con):
    row = lead_row(con, "W3")
    assert row["outcome"] == "disbursed"
    assert row["reached_disbursed"] is False
    # application on day 4 is inside the window; the disbursement 95 days in is not.
    assert row["reached_application"] is True and row["furthest_stage"] == "application"
    # 2026-01-01 10:00 → 2026-04-06 10:00 = 90 + 5 = 95 days
    assert row["days_to_disburse"] == pytest.approx(95.0)


def test_a_later_stage_implies_the_earlier_ones(con):
    row = lead_row(con, "I1")
    at = datetime(2026, 1, 20, 12, 0, 0)
    assert [row[f"{s}_at"] for s in ("contacted", "meeting", "application", "approved")] == [at] * 4
    assert [row[f"reached_{s}"] for s in funnel.FUNNEL_STAGES] == [True, True, True, True, False, False]
    assert row["furthest_stage"] == "approved" and row["furthest_stage_no"] == 4
    assert row["contracted_at"] is None and row["disbursed_at"] is None


def test_stage_time_is_the_earliest_event_of_that_stage_or_later(con):
    row = lead_row(con, "I2")
    # contacted on 10 Jan, meeting on 5 Jan: contacted_at = min(10 Jan, 5 Jan) = 5 Jan.
    assert row["contacted_at"] == datetime(2026, 1, 5, 9, 0, 0)
    assert row["meeting_at"] == datetime(2026, 1, 5, 9, 0, 0)


@pytest.mark.parametrize(
    ("lead_id", "outcome"),
    [("OD", "disbursed"), ("OR", "rejected"), ("OL", "lost"), ("OO", "open"), ("ON", "open")],
)
def test_outcome_precedence(con, lead_id, outcome):
    assert lead_row(con, lead_id)["outcome"] == outcome


def test_outcome_reasons_are_those_of_the_first_rejected_and_lost_events(con):
    row = lead_row(con, "OR")
    assert (row["rejected_reason"], row["lost_reason"]) == ("low score", "no reply")
    assert lead_row(con, "ON")["furthest_stage"] == "lead"


def test_days_to_disburse_is_fractional(con):
    # 2026-01-03 00:00 → 2026-01-13 12:00 = 10 days + 12 hours = 10.5
    assert lead_row(con, "D1")["days_to_disburse"] == 10.5
    assert lead_row(con, "OO")["days_to_disburse"] is None


# --- funnel by stage and its flags -------------------------------------------------------------------


def test_funnel_step_and_overall_conversion(con):
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 4)))
    assert stages["stage"].to_list() == list(funnel.STAGES)
    assert stages["reached"].to_list() == [20, 20, 17, 10, 9, 9, 9]
    assert stages["step_conversion"].to_list()[1:] == pytest.approx(
        [20 / 20, 17 / 20, 10 / 17, 9 / 10, 9 / 9, 9 / 9]  # reached(k) / reached(k − 1)
    )
    assert stages["overall_conversion"].to_list() == pytest.approx(
        [1, 1, 17 / 20, 10 / 20, 9 / 20, 9 / 20, 9 / 20]  # reached(k) / 20 leads
    )
    assert stages["step_loss"].to_list()[1:] == pytest.approx([0, 3 / 20, 7 / 17, 1 / 10, 0, 0])
    assert stages["loss_threshold"].to_list()[1:] == [0.15] * 6


def test_flags_without_comparison_use_the_threshold_only(con):
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 4)))
    # losses 0, 3/20 = 0.15 (exactly the threshold: not above it), 7/17 ≈ 0.41 (above), 0.1, 0, 0
    assert stages["flagged"].to_list() == [False, False, False, True, False, False, False]
    assert stages["comparison_step_loss"].null_count() == 7


def test_flags_with_comparison_add_relative_worsening(con):
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 4), comparison=month(2026, 3)))
    # March: reached 14, 14, 12, 12, 11, 11, 11 → losses 0, 2/14, 0, 1/12, 0, 0
    assert stages["comparison_reached"].to_list() == [14, 14, 12, 12, 11, 11, 11]
    assert stages["comparison_step_loss"].to_list()[1:] == pytest.approx([0, 2 / 14, 0, 1 / 12, 0, 0])
    # meeting:     3/20 = 0.15  vs 2/14 × 1.15 ≈ 0.164 → not worse by more than 15%: not flagged
    # application: 7/17 vs 0 → worse (and above the threshold)
    # approved:    1/10 = 0.1   vs 1/12 × 1.15 ≈ 0.0958 → 20% worse: flagged on worsening alone
    # contacted, contracted, disbursed: 0 vs 0 → not worse
    assert stages["over_threshold"].to_list() == [False, False, False, True, False, False, False]
    assert stages["worsened"].to_list() == [False, False, False, True, True, False, False]
    assert stages["flagged"].to_list() == [False, False, False, True, True, False, False]
    # approved: (1/10) / (1/12) − 1 = 0.2
    assert stages.filter(stage="approved")["loss_change"].item() == pytest.approx(0.2)


def test_relative_worsening_exactly_at_the_bound_is_not_flagged(tmp_path):
    # Thresholds at 90% so only worsening can flag. March meeting loss 1/10; April 3/20.
    # 3/20 = 1/10 × 1.5: exactly 50% worse. relative_worsening 0.5 → not flagged; 0.4 → flagged.
    march_leads, march_events = cohort("MA", 2026, 3, {"contacted": 1, "meeting": 9})
    april_leads, april_events = cohort("AP", 2026, 4, {"contacted": 3, "meeting": 17})
    thresholds = "\n".join(f"{s} = 0.9" for s in funnel.FUNNEL_STAGES)
    filters = Filters(month(2026, 4), comparison=month(2026, 3))
    for worsening, flagged in ((0.5, False), (0.4, True)):
        con = build_warehouse(
            tmp_path / str(worsening),
            as_of=AS_OF,
            leads=march_leads + april_leads,
            lead_events=march_events + april_events,
            config=f"[funnel.stage_loss_threshold]\n{thresholds}\n[funnel.flags]\nrelative_worsening = {worsening}\n",
        )
        meeting = funnel.funnel_by_stage(con, filters).filter(stage="meeting")
        assert meeting["step_loss"].item() == pytest.approx(3 / 20)
        assert meeting["comparison_step_loss"].item() == pytest.approx(1 / 10)
        assert meeting["flagged"].item() is flagged, worsening
        con.close()


def test_empty_cohort_has_no_conversions_and_no_flags(con):
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 2)))
    assert stages["reached"].to_list() == [0] * 7
    assert stages["step_conversion"].null_count() == 7
    assert stages["overall_conversion"].null_count() == 7
    assert not stages["flagged"].any()
    assert stages["cohort_complete"].null_count() == 7


def test_completed_cohort_is_marked_complete(con):
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 4)))
    # created 1–21 April, window ends by 20 July, before the as-of day 30 September
    assert stages["window_complete_share"].to_list() == [1.0] * 7
    assert stages["cohort_complete"].all()


# --- dimension filters and breakdowns ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "leads"),
    [
        ({}, 6),
        ({"region_ids": ("R1",)}, 4),  # F1 F2 F4 F6
        ({"region_ids": ("R2",)}, 2),  # F3 F5
        ({"team_ids": ("T2",)}, 2),  # F2 F6
        ({"officer_ids": ("O3",)}, 2),  # F3 F5
        ({"product_lines": ("guaranteed",)}, 3),  # F2 F4 F5
        ({"channel_ids": ("C2",)}, 3),  # F3 F4 F6
        ({"customer_types": ("business",)}, 2),  # F2 F5
        ({"region_ids": ("R1",), "channel_ids": ("C2",)}, 2),  # F4 F6
        ({"product_lines": ("credit", "pledge"), "customer_types": ("individual",)}, 3),  # F1 F3 F6
        ({"scope": Scope(team_ids=("T1",))}, 2),  # F1 F4
        ({"region_ids": ("R2",), "scope": Scope(team_ids=("T1",))}, 0),  # the scope intersects the filters
    ],
)
def test_dimension_filters_narrow_the_cohort(con, filters, leads):
    assert funnel.new_leads(con, Filters(month(2026, 6), **filters)) == leads
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 6), **filters))
    assert stages.filter(stage="lead")["reached"].item() == leads


def test_breakdown_by_region(con):
    frame = funnel.funnel_breakdown(con, Filters(month(2026, 6)), "region")
    r1 = frame.filter(value="R1").sort("stage_no")
    r2 = frame.filter(value="R2").sort("stage_no")
    assert r1["value_name"][0] == "East China"
    # R1: F1 disbursed, F2 application, F4 contacted, F6 meeting
    assert r1["reached"].to_list() == [4, 3, 2, 1, 1, 1]
    assert r1["leads"][0] == 4
    assert r1["overall_conversion"].to_list() == pytest.approx([1, 3 / 4, 2 / 4, 1 / 4, 1 / 4, 1 / 4])
    assert r1["step_conversion"].to_list() == pytest.approx([1, 3 / 4, 2 / 3, 1 / 2, 1, 1])
    # R2: F3 disbursed, F5 no event
    assert r2["reached"].to_list() == [1] * 6
    assert r2["step_conversion"].to_list() == pytest.approx([1 / 2, 1, 1, 1, 1, 1])
    assert r2["overall_conversion"].to_list() == pytest.approx([1 / 2] * 6)


def test_breakdown_by_product_line_and_officer(con):
    lines = funnel.funnel_breakdown(con, Filters(month(2026, 6)), "product_line").filter(stage="disbursed")
    # credit: F1, F3 disbursed of F1 F3 F6 → 2/3; guaranteed: none of F2 F4 F5
    assert dict(zip(lines["value"], lines["overall_conversion"], strict=True)) == pytest.approx(
        {"credit": 2 / 3, "guaranteed": 0.0}
    )
    officers = funnel.funnel_breakdown(con, Filters(month(2026, 6), channel_ids=("C2",)), "officer")
    # channel C2 only: O1 → F4, O2 → F6, O3 → F3
    contacted = officers.filter(stage="contacted")
    assert dict(zip(contacted["value"], contacted["leads"], strict=True)) == {"O1": 1, "O2": 1, "O3": 1}
    assert officers.filter(value="O2")["value_name"][0] == "Li Wei"


def test_breakdown_rejects_an_unknown_dimension(con):
    with pytest.raises(ValueError, match="unknown funnel breakdown"):
        funnel.funnel_breakdown(con, Filters(month(2026, 6)), "region_id; drop table fct_leads")


# --- time to convert, dropped leads, activity ---------------------------------------------------------


def test_time_to_convert_histogram(con):
    histogram = funnel.time_to_convert(con, Filters(month(2026, 5)))
    assert histogram["bucket"].to_list() == ["0–7", "7–14", "14–30", "30–60", "60–90", "90+"]
    # T1 0.5 d and T3 6.999 d → 0–7; T2 exactly 7 d → 7–14; T4 95 d → 90+
    assert histogram["leads"].to_list() == [2, 1, 0, 0, 0, 1]
    assert histogram["share"].to_list() == pytest.approx([2 / 4, 1 / 4, 0, 0, 0, 1 / 4])


def test_time_to_convert_with_other_edges(con):
    histogram = funnel.time_to_convert(con, Filters(month(2026, 5)), edges=(1, 30))
    # 0.5 → [0, 1); 6.999 and 7 → [1, 30); 95 → 30+
    assert histogram["leads"].to_list() == [1, 2, 1]


def test_dropped_leads_at_a_stage(con):
    dropped = funnel.dropped_leads(con, Filters(month(2026, 5)), "meeting")
    # furthest stage meeting: M1, M2, M3 (M4 got to application); newest first
    assert dropped["lead_id"].to_list() == ["M3", "M2", "M1"]
    assert dropped["outcome"].to_list() == ["open", "rejected", "lost"]
    # M2 has both a rejected and a lost event: the rejection is its outcome and its reason
    assert dropped["reason"].to_list() == [None, "low score", "chose a competitor"]
    assert dropped["officer_name"].to_list() == ["Wang Fang"] * 3
    assert dropped["created_date"].to_list() == [date(2026, 5, 15), date(2026, 5, 10), date(2026, 5, 3)]
    assert dropped["furthest_stage_at"].to_list()[2] == datetime(2026, 5, 6, 9, 0, 0)
    limited = funnel.dropped_leads(con, Filters(month(2026, 5)), "meeting", limit=2)
    assert limited["lead_id"].to_list() == ["M3", "M2"]


def test_dropped_leads_count_matches_the_funnel(con):
    stages = funnel.funnel_by_stage(con, Filters(month(2026, 4)))
    reached = dict(zip(stages["stage"], stages["reached"], strict=True))
    dropped = funnel.dropped_leads(con, Filters(month(2026, 4)), "meeting", limit=1000)
    # reached meeting 17 − reached application 10 = 7
    assert dropped.height == reached["meeting"] - reached["application"] == 7


def test_activity_counts_by_event_day(con):
    september = funnel.activity_counts(con, Filters(month(2026, 9)))
    # applications: A1 (2 Sep, counted once), A3, A5 (30 Sep 23:59:59) = 3; A2 applied in August
    # approvals: A1, A2, A4 (no application event needed) = 3; rejections: A3 = 1
    assert september.row(0, named=True) == {
        "applications": 3,
        "approvals": 3,
        "rejections": 1,
        "approval_rate": pytest.approx(3 / (3 + 1)),
    }
    august = funnel.activity_counts(con, Filters(month(2026, 8))).row(0, named=True)
    # A2's application on 31 August; no approval or rejection → approval rate empty
    assert (august["applications"], august["approvals"], august["rejections"]) == (1, 0, 0)
    assert august["approval_rate"] is None


def test_activity_counts_follow_dimension_filters(con):
    june = funnel.activity_counts(con, Filters(month(2026, 6), region_ids=("R1",)))
    # R1 June events: F2's application (F1's disbursed event is not an application event)
    assert june["applications"].item() == 1
    assert funnel.activity_counts(con, Filters(month(2026, 6), region_ids=("R2",)))["applications"].item() == 0


def test_comparison_helper_reruns_the_query_on_the_comparison_period(con):
    filters = Filters(month(2026, 9), comparison=month(2026, 8))
    assert funnel.on_comparison(funnel.activity_counts, con, filters)["applications"].item() == 1
    assert funnel.on_comparison(funnel.activity_counts, con, Filters(month(2026, 9))) is None


# --- window completeness and the cohort trend (10-day window) ----------------------------------------


@pytest.fixture(scope="module")
def short_window(tmp_path_factory):
    # window 10 days, as-of 2026-03-20 (the whole day is in the data)
    connection = build_warehouse(
        tmp_path_factory.mktemp("short_window"),
        as_of="2026-03-20",
        config="[funnel]\nconversion_window_days = 10\n",
        leads=[
            lead("C1", "2026-03-02 08:00:00"),  # window ends 12 Mar 08:00 → complete
            lead("C2", "2026-03-03 08:00:00"),  # 13 Mar → complete
            lead("C3", "2026-03-09 12:00:00"),  # 19 Mar 12:00 → complete
            lead("C4", "2026-03-10 00:00:00"),  # 20 Mar 00:00, the as-of day → complete
            lead("C5", "2026-03-10 23:59:59"),  # 20 Mar 23:59:59, still the as-of day → complete
            lead("C6", "2026-03-11 00:00:00"),  # 21 Mar 00:00, after the as-of day → incomplete
        ],
        lead_events=[
            event("C1", "disbursed", "2026-03-05 08:00:00"),
            event("C3", "disbursed", "2026-03-19 12:00:00"),  # exactly at the window's end: reached
        ],
    )
    yield connection
    connection.close()


def test_window_complete_is_judged_against_the_end_of_the_as_of_day(short_window):
    rows = short_window.sql("select lead_id, window_complete from fct_leads order by lead_id").fetchall()
    assert rows == [("C1", True), ("C2", True), ("C3", True), ("C4", True), ("C5", True), ("C6", False)]


def test_incomplete_cohort_is_marked(short_window):
    stages = funnel.funnel_by_stage(short_window, Filters(Period(date(2026, 3, 1), date(2026, 3, 20))))
    # 5 of 6 windows complete
    assert stages["window_complete_share"][0] == pytest.approx(5 / 6)
    assert stages["cohort_complete"][0] is False
    # C1 and C3 disbursed within the window: 2 / 6
    assert stages.filter(stage="disbursed")["overall_conversion"].item() == pytest.approx(2 / 6)


def test_weekly_conversion_trend_marks_incomplete_cohorts(short_window):
    trend = funnel.conversion_trend(short_window, Filters(Period(date(2026, 3, 1), date(2026, 3, 20))), "week", 3)
    disbursed = trend.filter(stage="disbursed").sort("cohort_start")
    assert disbursed["cohort_start"].to_list() == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert disbursed["cohort_end"].to_list() == [date(2026, 3, 8), date(2026, 3, 15), date(2026, 3, 22)]
    # week of 2 Mar: C1, C2 → 1/2, complete; week of 9 Mar: C3–C6 → 1/4, 3 of 4 complete; week of 16 Mar: empty
    assert disbursed["leads"].to_list() == [2, 4, 0]
    assert disbursed["overall_conversion"].to_list()[:2] == pytest.approx([1 / 2, 1 / 4])
    assert disbursed["overall_conversion"][2] is None
    assert disbursed["window_complete_share"].to_list()[:2] == pytest.approx([1.0, 3 / 4])
    assert disbursed["cohort_complete"].to_list() == [True, False, None]


def test_monthly_conversion_trend(short_window):
    trend = funnel.conversion_trend(short_window, Filters(Period(date(2026, 3, 1), date(2026, 3, 20))), "month", 2)
    disbursed = trend.filter(stage="disbursed").sort("cohort_start")
    assert disbursed["cohort_start"].to_list() == [date(2026, 2, 1), date(2026, 3, 1)]
    assert disbursed["cohort_end"].to_list() == [date(2026, 2, 28), date(2026, 3, 31)]
    assert disbursed["leads"].to_list() == [0, 6]
    assert disbursed["overall_conversion"][1] == pytest.approx(2 / 6)
    assert disbursed["cohort_complete"].to_list() == [None, False]


def test_definitions_cover_the_funnel_metrics():
    keys = {d.key for d in funnel.DEFINITIONS}
    assert {"step_conversion", "overall_conversion", "step_loss", "approval_rate", "applications"} <= keys
    assert len(keys) == len(funnel.DEFINITIONS)
