"""Disbursement (SPEC §4.2): fct_loans, prorated targets, attainment bands, pacing and the disbursement queries.

Every expected value is worked out by hand from the rows written here; the arithmetic is
in the comment next to it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from pipelines.queries import disbursement
from pipelines.queries.filters import Filters, Period, Scope
from tests.factory import build_warehouse, customer, event, lead, loan

AS_OF = "2026-09-10"


def month(year: int, m: int) -> Period:
    last = (date(year + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return Period(date(year, m, 1), date(year, m, last))


def target(month_start: str, team_id: str, product_line: str, base: float, stretch: float) -> dict:
    return {
        "month": month_start,
        "team_id": team_id,
        "product_line": product_line,
        "base_amount": base,
        "stretch_amount": stretch,
    }


TARGETS = [
    # T1 credit, 100 a day in January (3100 / 31) and in February (2800 / 28); stretch 120 a day.
    target("2026-01-01", "T1", "credit", 3100, 3720),
    target("2026-02-01", "T1", "credit", 2800, 3360),
    # Other teams and lines in January, for the roll-ups.
    target("2026-01-01", "T2", "credit", 620, 744),
    target("2026-01-01", "T3", "credit", 310, 372),
    target("2026-01-01", "T1", "guaranteed", 930, 1116),
    # March–August: T1 credit 1000 a month (stretch 1250), for the bands.
    *[target(f"2026-{m:02d}-01", "T1", "credit", 1000, 1250) for m in range(3, 9)],
    # September (30 days): 3000, stretch 3600, for pacing.
    target("2026-09-01", "T1", "credit", 3000, 3600),
]

LOANS = [
    # January–February. Customer X: two loans on 10 Jan (neither a repeat), a third on 10 Feb (repeat).
    loan("R1", 1000, "2026-01-10", customer_id="X", officer_id="O3", product_id="P3", channel_id="C1"),
    loan("R2", 500, "2026-01-10", customer_id="X", officer_id="O3", product_id="P3", channel_id="C2"),
    loan("R3", 500, "2026-02-10", customer_id="X", officer_id="O3", product_id="P3", channel_id="C1"),
    loan("R4", 250, "2026-01-15", customer_id="Y", officer_id="O3", product_id="P4", channel_id="C2"),
    loan("S1", 300, "2026-01-27", officer_id="O1", product_id="P1", channel_id="C1"),
    # March–August, one T1 credit loan a month against a target of 1000.
    loan("B3", 799.99, "2026-03-15"),
    loan("B4", 800.00, "2026-04-15"),
    loan("B5", 999.99, "2026-05-15"),
    loan("B6", 1000.00, "2026-06-15"),
    loan("B7", 1199.99, "2026-07-15"),
    loan("B8", 1200.00, "2026-08-15"),
    # September up to the as-of day (10 Sep).
    loan("P1", 700, "2026-09-03"),
    loan("P2", 200, "2026-09-08"),
    # June 2025: one loan per combination of dimensions, amounts powers of two so every subset sums uniquely.
    #   F1 O1 (T1, R1) C1 P1 credit     individual 100
    #   F2 O2 (T2, R1) C1 P2 guaranteed business   200
    #   F3 O3 (T3, R2) C2 P1 credit     individual 400
    #   F4 O1 (T1, R1) C2 P2 guaranteed individual 800
    #   F5 O3 (T3, R2) C1 P2 guaranteed business   1600
    #   F6 O2 (T2, R1) C2 P1 credit     individual 3200
    loan("F1", 100, "2025-06-01", officer_id="O1", channel_id="C1", product_id="P1"),
    loan("F2", 200, "2025-06-02", officer_id="O2", channel_id="C1", product_id="P2"),
    loan("F3", 400, "2025-06-03", officer_id="O3", channel_id="C2", product_id="P1"),
    loan("F4", 800, "2025-06-04", officer_id="O1", channel_id="C2", product_id="P2"),
    loan("F5", 1600, "2025-06-05", officer_id="O3", channel_id="C1", product_id="P2"),
    loan("F6", 3200, "2025-06-06", officer_id="O2", channel_id="C2", product_id="P1"),
]

CUSTOMERS = [
    customer("Y", customer_type="business"),
    customer("CUF2", customer_type="business"),
    customer("CUF5", customer_type="business"),
]

# Leads disbursed in July 2026, for the conversion cycle.
LEADS = [
    lead("K1", "2026-06-25 00:00:00", officer_id="O2"),
    lead("K2", "2026-07-01 00:00:00", officer_id="O2"),
    lead("K3", "2026-06-01 00:00:00", officer_id="O3"),
    lead("K4", "2026-05-20 12:00:00", officer_id="O3"),
    lead("K5", "2026-07-20 00:00:00", officer_id="O3"),
]
LEAD_EVENTS = [
    event("K1", "disbursed", "2026-07-05 00:00:00"),  # 10 days
    event("K2", "disbursed", "2026-07-21 00:00:00"),  # 20 days
    event("K3", "disbursed", "2026-07-11 00:00:00"),  # 30 (June) + 10 = 40 days
    event("K4", "disbursed", "2026-07-01 00:00:00"),  # 20 May 12:00 → 1 Jul 00:00 = 42 − 0.5 = 41.5 days
    event("K5", "disbursed", "2026-08-02 00:00:00"),  # August: outside July
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = build_warehouse(
        tmp_path_factory.mktemp("disbursement"),
        as_of=AS_OF,
        loans=LOANS,
        targets=TARGETS,
        customers=CUSTOMERS,
        leads=LEADS,
        lead_events=LEAD_EVENTS,
    )
    yield connection
    connection.close()


def summary(con, period: Period, **filters) -> dict:
    return disbursement.disbursement_summary(con, Filters(period, **filters)).row(0, named=True)


T1_CREDIT = {"team_ids": ("T1",), "product_lines": ("credit",)}

# --- fct_loans -------------------------------------------------------------------------------------


def test_fct_loans_has_the_spec_columns(con):
    columns = set(con.sql("select * from fct_loans limit 0").columns)
    spec = {
        "loan_id",
        "disbursed_date",
        "vintage_month",
        "principal",
        "annual_rate",
        "term_months",
        "customer_id",
        "officer_id",
        "team_id",
        "region_id",
        "channel_id",
        "product_id",
        "product_line",
        "segment",
        "lead_id",
        "is_repeat",
        "customer_type",
    }
    assert spec <= columns


def test_repeat_loans_need_a_strictly_earlier_disbursement(con):
    rows = dict(con.sql("select loan_id, is_repeat from fct_loans where customer_id in ('X', 'Y')").fetchall())
    # X: R1 and R2 on the same first day → neither is a repeat; R3 a month later → repeat. Y: one loan.
    assert rows == {"R1": False, "R2": False, "R3": True, "R4": False}


def test_loan_dimensions_follow_the_officer_and_product(con):
    row = con.sql(
        "select team_id, region_id, product_line, segment, customer_type, vintage_month from fct_loans "
        "where loan_id = 'R4'"
    ).fetchall()[0]
    assert row == ("T3", "R2", "pledge", "business", "business", date(2026, 1, 1))


# --- amount, count, average ticket, repeat rate -------------------------------------------------------


def test_amount_count_ticket_and_repeat_rate(con):
    row = summary(con, Period(date(2026, 1, 1), date(2026, 2, 28)))
    # R1 1000 + R2 500 + R3 500 + R4 250 + S1 300 = 2550 over 5 loans
    assert row["amount"] == Decimal("2550.00")
    assert row["loans"] == 5
    assert row["average_ticket"] == pytest.approx(2550 / 5)  # 510
    # R3 is the only repeat loan: 1 / 5
    assert row["repeat_loans"] == 1
    assert row["repeat_rate"] == pytest.approx(1 / 5)
    assert summary(con, month(2026, 1))["repeat_rate"] == 0.0  # 0 / 4
    assert summary(con, month(2026, 2))["repeat_rate"] == 1.0  # R3 / R3


def test_no_loans_gives_empty_ratios(con):
    row = summary(con, month(2025, 12))
    assert row["amount"] == Decimal("0.00") and row["loans"] == 0
    assert row["average_ticket"] is None and row["repeat_rate"] is None and row["conversion_cycle_days"] is None


# --- targets -----------------------------------------------------------------------------------------


def test_target_prorated_within_one_month(con):
    row = summary(con, Period(date(2026, 2, 1), date(2026, 2, 14)))
    # Only T1 credit has a February target: 2800 × 14/28 = 1400; stretch 3360 × 14/28 = 1680
    assert row["base_target"] == pytest.approx(1400)
    assert row["stretch_target"] == pytest.approx(1680)


def test_target_prorated_across_a_month_boundary(con):
    row = summary(con, Period(date(2026, 1, 20), date(2026, 2, 10)), **T1_CREDIT)
    # 20–31 Jan = 12 of 31 days, 1–10 Feb = 10 of 28 days:
    # base 3100 × 12/31 + 2800 × 10/28 = 1200 + 1000 = 2200; stretch 3720 × 12/31 + 3360 × 10/28 = 1440 + 1200 = 2640
    assert row["base_target"] == pytest.approx(2200)
    assert row["stretch_target"] == pytest.approx(2640)
    everyone = summary(con, Period(date(2026, 1, 20), date(2026, 2, 10)))
    # all January targets 3100 + 620 + 310 + 930 = 4960 × 12/31 = 1920, plus February 1000 = 2920
    assert everyone["base_target"] == pytest.approx(2920)


@pytest.mark.parametrize(
    ("filters", "base"),
    [
        ({}, 4960),  # 3100 + 620 + 310 + 930: the company
        ({"region_ids": ("R1",)}, 4650),  # T1 3100 + 930, T2 620
        ({"region_ids": ("R2",)}, 310),  # T3
        ({"team_ids": ("T1",)}, 4030),  # 3100 + 930: both lines
        ({"product_lines": ("credit",)}, 4030),  # 3100 + 620 + 310: all teams
        ({"product_lines": ("guaranteed",)}, 930),
        ({"region_ids": ("R1",), "product_lines": ("credit",)}, 3720),  # 3100 + 620
        ({"scope": Scope(team_ids=("T2",))}, 620),
    ],
)
def test_targets_roll_up(con, filters, base):
    assert summary(con, month(2026, 1), **filters)["base_target"] == pytest.approx(base)


@pytest.mark.parametrize(
    "filters",
    [
        {"officer_ids": ("O1",)},
        {"channel_ids": ("C1",)},
        {"customer_types": ("individual",)},
        {"scope": Scope(officer_ids=("O1",))},
    ],
)
def test_no_target_under_an_officer_channel_or_customer_type_filter(con, filters):
    row = summary(con, month(2026, 1), **filters)
    assert row["targets_apply"] is False
    assert row["base_target"] is None and row["stretch_target"] is None
    assert row["attainment"] is None and row["band"] is None
    series = disbursement.disbursement_series(con, Filters(month(2026, 1), **filters), "week")
    assert series["base_target"].null_count() == series.height


def test_no_target_row_gives_an_empty_target(con):
    row = summary(con, month(2026, 10))
    assert row["targets_apply"] is True and row["base_target"] is None and row["attainment"] is None


# --- attainment and bands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("m", "attainment", "band"),
    [
        (3, 799.99 / 1000, "red"),  # just below 80%
        (4, 0.80, "amber"),  # exactly 80%
        (5, 999.99 / 1000, "amber"),  # just below 100%
        (6, 1.00, "green"),  # exactly 100%
        (7, 1199.99 / 1000, "green"),  # just below 120%
        (8, 1.20, "bonus"),  # exactly 120%
    ],
)
def test_attainment_bands(con, m, attainment, band):
    row = summary(con, month(2026, m), **T1_CREDIT)
    assert row["base_target"] == pytest.approx(1000)
    assert row["attainment"] == pytest.approx(attainment)
    assert row["band"] == band
    board = disbursement.leaderboard(con, Filters(month(2026, m), **T1_CREDIT), "team")
    assert board.filter(value="T1")["band"].item() == band


def test_stretch_attainment(con):
    row = summary(con, month(2026, 4), **T1_CREDIT)
    assert row["stretch_attainment"] == pytest.approx(800 / 1250)  # 0.64


# --- pacing ------------------------------------------------------------------------------------------


def test_pacing_of_an_unfinished_month(con):
    row = summary(con, month(2026, 9), **T1_CREDIT)
    # as-of 10 Sep: 10 of 30 days elapsed; amount 700 + 200 = 900
    assert row["period_complete"] is False
    assert row["elapsed_share"] == pytest.approx(10 / 30)
    # pacing = 900 / (3000 × 10/30) = 900 / 1000 = 0.9 → amber; attainment 900 / 3000 = 0.3
    assert row["pacing"] == pytest.approx(0.9)
    assert row["pacing_band"] == "amber"
    assert row["attainment"] == pytest.approx(0.3)


def test_pacing_inside_a_partly_elapsed_range(con):
    row = summary(con, Period(date(2026, 9, 5), date(2026, 9, 14)), **T1_CREDIT)
    # 5–14 Sep: target 3000 × 10/30 = 1000; elapsed 5–10 Sep = 6 of 10 days; amount P2 200
    # pacing = 200 / (1000 × 6/10) = 1/3
    assert row["pacing"] == pytest.approx(1 / 3)


def test_no_pacing_for_a_finished_or_future_period(con):
    finished = summary(con, Period(date(2026, 9, 1), date(2026, 9, 10)), **T1_CREDIT)
    # ends on the as-of day: complete; attainment 900 / (3000 × 10/30) = 0.9
    assert finished["period_complete"] is True and finished["pacing"] is None
    assert finished["attainment"] == pytest.approx(0.9)
    future = summary(con, month(2026, 10), **T1_CREDIT)
    assert future["elapsed_share"] == 0.0 and future["pacing"] is None


# --- conversion cycle --------------------------------------------------------------------------------


def test_conversion_cycle_is_the_median_over_leads_disbursed_in_the_period(con):
    row = summary(con, month(2026, 7))
    # K1 10, K2 20, K3 40, K4 41.5 (K5 disbursed in August): median = (20 + 40) / 2 = 30
    assert row["disbursed_leads"] == 4
    assert row["conversion_cycle_days"] == pytest.approx(30)
    # R2 (O3): K3 40, K4 41.5 → 40.75; R1 (O2): K1 10, K2 20 → 15
    assert summary(con, month(2026, 7), region_ids=("R2",))["conversion_cycle_days"] == pytest.approx(40.75)
    assert summary(con, month(2026, 7), region_ids=("R1",))["conversion_cycle_days"] == pytest.approx(15)


# --- dimension filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "amount"),
    [
        ({}, 6300),  # 100 + 200 + 400 + 800 + 1600 + 3200
        ({"region_ids": ("R1",)}, 4300),  # F1 F2 F4 F6 = 100 + 200 + 800 + 3200
        ({"region_ids": ("R2",)}, 2000),  # F3 F5 = 400 + 1600
        ({"team_ids": ("T2",)}, 3400),  # F2 F6
        ({"officer_ids": ("O1",)}, 900),  # F1 F4
        ({"product_lines": ("guaranteed",)}, 2600),  # F2 F4 F5
        ({"channel_ids": ("C2",)}, 4400),  # F3 F4 F6
        ({"customer_types": ("business",)}, 1800),  # F2 F5
        ({"region_ids": ("R1",), "channel_ids": ("C2",)}, 4000),  # F4 F6
        ({"officer_ids": ("O1", "O3"), "product_lines": ("credit",)}, 500),  # F1 F3
        ({"scope": Scope(region_ids=("R2",))}, 2000),  # F3 F5
    ],
)
def test_dimension_filters_narrow_the_loans(con, filters, amount):
    assert summary(con, month(2025, 6), **filters)["amount"] == Decimal(amount)


# --- series, mix, leaderboard -------------------------------------------------------------------------


def test_weekly_series_with_prorated_targets(con):
    series = disbursement.disbursement_series(
        con, Filters(Period(date(2026, 1, 20), date(2026, 2, 10)), **T1_CREDIT), "week"
    )
    # ISO weeks clipped to the period: 20–25 Jan (6 days), 26 Jan–1 Feb (7), 2–8 Feb (7), 9–10 Feb (2)
    assert series["bucket_start"].to_list() == [
        date(2026, 1, 20),
        date(2026, 1, 26),
        date(2026, 2, 2),
        date(2026, 2, 9),
    ]
    assert series["bucket_end"].to_list() == [date(2026, 1, 25), date(2026, 2, 1), date(2026, 2, 8), date(2026, 2, 10)]
    # 100 a day in both months (3100/31, 2800/28): 600, 700 (6 Jan days + 1 Feb day), 700, 200 = 2200
    assert series["base_target"].to_list() == pytest.approx([600, 700, 700, 200])
    assert series["stretch_target"].to_list() == pytest.approx([720, 840, 840, 240])
    assert series["cumulative_base_target"][-1] == pytest.approx(2200)
    # S1 300 on 27 Jan is T1 credit
    assert series["amount"].to_list() == [Decimal("0.00"), Decimal("300.00"), Decimal("0.00"), Decimal("0.00")]
    assert series["cumulative_amount"].to_list()[-1] == Decimal("300.00")


def test_daily_and_monthly_series(con):
    filters = Filters(Period(date(2026, 1, 20), date(2026, 2, 10)), **T1_CREDIT)
    daily = disbursement.disbursement_series(con, filters, "day")
    assert daily.height == 22  # 12 January days + 10 February days
    assert daily["base_target"].to_list() == pytest.approx([100.0] * 22)
    monthly = disbursement.disbursement_series(con, filters, "month")
    assert monthly["bucket_start"].to_list() == [date(2026, 1, 20), date(2026, 2, 1)]
    assert monthly["base_target"].to_list() == pytest.approx([1200, 1000])  # 3100 × 12/31, 2800 × 10/28


def test_mix_by_product_line_channel_segment_and_customer_type(con):
    filters = Filters(Period(date(2026, 1, 1), date(2026, 2, 28)))
    lines = disbursement.disbursement_mix(con, filters, "product_line")
    # mortgage R1 + R2 + R3 = 2000 (3 loans), credit S1 300, pledge R4 250; total 2550
    assert lines["value"].to_list() == ["mortgage", "credit", "pledge"]
    assert lines["amount"].to_list() == [Decimal("2000.00"), Decimal("300.00"), Decimal("250.00")]
    assert lines["loans"].to_list() == [3, 1, 1]
    assert lines["amount_share"].to_list() == pytest.approx([2000 / 2550, 300 / 2550, 250 / 2550])
    assert lines["count_share"].to_list() == pytest.approx([3 / 5, 1 / 5, 1 / 5])
    assert lines["average_ticket"][0] == pytest.approx(2000 / 3)
    channels = disbursement.disbursement_mix(con, filters, "channel")
    # C1: R1 1000 + R3 500 + S1 300 = 1800; C2: R2 500 + R4 250 = 750
    assert dict(zip(channels["value"], channels["amount"], strict=True)) == {
        "C1": Decimal("1800.00"),
        "C2": Decimal("750.00"),
    }
    assert channels["value_name"].to_list() == ["Branch", "App"]
    segments = disbursement.disbursement_mix(con, filters, "segment")
    assert dict(zip(segments["value"], segments["amount"], strict=True)) == {
        "consumer": Decimal("2300.00"),  # P3 mortgage and P1 credit
        "business": Decimal("250.00"),  # P4 pledge
    }
    types = disbursement.disbursement_mix(con, filters, "customer_type")
    assert dict(zip(types["value"], types["amount"], strict=True)) == {
        "individual": Decimal("2300.00"),
        "business": Decimal("250.00"),  # customer Y
    }


def test_team_leaderboard(con):
    board = disbursement.leaderboard(con, Filters(month(2026, 1)), "team")
    # T3: R1 + R2 + R4 = 1750 (3 loans), target 310; T1: S1 300, target 3100 + 930 = 4030;
    # T2: no loan, target 620 — listed with 0
    assert board["value"].to_list() == ["T3", "T1", "T2"]
    assert board["rank"].to_list() == [1, 2, 3]
    assert board["amount"].to_list() == [Decimal("1750.00"), Decimal("300.00"), Decimal("0.00")]
    assert board["loans"].to_list() == [3, 1, 0]
    assert board["base_target"].to_list() == pytest.approx([310, 4030, 620])
    assert board["attainment"].to_list() == pytest.approx([1750 / 310, 300 / 4030, 0.0])
    assert board["band"].to_list() == ["bonus", "red", "red"]
    assert board["average_ticket"][0] == pytest.approx(1750 / 3)
    assert board["average_ticket"][2] is None
    assert board["region_name"].to_list() == ["South China", "East China", "East China"]


def test_region_and_officer_leaderboards(con):
    regions = disbursement.leaderboard(con, Filters(month(2026, 1)), "region")
    # R2 = T3: 1750 against 310; R1 = T1 + T2: 300 against 4030 + 620 = 4650
    assert regions["value"].to_list() == ["R2", "R1"]
    assert regions["attainment"].to_list() == pytest.approx([1750 / 310, 300 / 4650])
    officers = disbursement.leaderboard(con, Filters(month(2026, 1)), "officer")
    # officers have no targets of their own
    assert officers["value"].to_list() == ["O3", "O1"]
    assert officers["name"].to_list() == ["Zhang Min", "Wang Fang"]
    assert officers["attainment"].null_count() == 2
    assert officers["amount_share"].to_list() == pytest.approx([1750 / 2050, 300 / 2050])


def test_leaderboard_equal_amounts_share_a_rank(tmp_path):
    con = build_warehouse(
        tmp_path,
        as_of="2026-01-31",
        loans=[
            loan("E1", 500, "2026-01-05", officer_id="O1"),
            loan("E2", 500, "2026-01-06", officer_id="O2"),
            loan("E3", 100, "2026-01-07", officer_id="O3"),
        ],
    )
    board = disbursement.leaderboard(con, Filters(month(2026, 1)), "officer")
    assert board["value"].to_list() == ["O1", "O2", "O3"]
    assert board["rank"].to_list() == [1, 1, 3]
    con.close()


def test_unknown_grain_mix_or_level_is_refused(con):
    filters = Filters(month(2026, 1))
    with pytest.raises(ValueError):
        disbursement.disbursement_series(con, filters, "hour")
    with pytest.raises(ValueError):
        disbursement.disbursement_mix(con, filters, "officer_name")
    with pytest.raises(ValueError):
        disbursement.leaderboard(con, filters, "customer")


def test_comparison_helper(con):
    filters = Filters(month(2026, 2), comparison=month(2026, 1))
    previous = disbursement.on_comparison(disbursement.disbursement_summary, con, filters)
    assert previous["amount"].item() == Decimal("2050.00")  # R1 1000 + R2 500 + R4 250 + S1 300


def test_definitions_cover_the_disbursement_metrics():
    keys = {d.key for d in disbursement.DEFINITIONS}
    assert {"disbursed_amount", "attainment", "pacing", "repeat_loan_rate", "conversion_cycle"} <= keys
