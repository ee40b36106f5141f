"""Customers page queries: RFM segment grid, tier × credit grade, segment migration and action lists (SPEC §4.4).

RFM is a snapshot of customers at an as-of date, not a flow over a period, so the
period filter chooses *which* as-of is shown: the latest available as-of on or before
the period's last day (the comparison period chooses the comparison as-of the same
way). The available as-of dates are the build's as-of date and the month-ends before
it (table dim_rfm_dates). The dimension filters apply to the columns of
fct_customer_rfm: customer type is the customer's own; region, team, officer, channel
and product line are those of the customer's latest loan in the window (its officer's
current team and region, SPEC §2). So a customer is in a region head's or team lead's
scope when the officer of their latest loan is, and a list shows only such customers
and their officers.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from pipelines.config import RFM_SEGMENTS
from pipelines.metrics import MetricDefinition
from pipelines.queries._sql import frame, scalar
from pipelines.queries.filters import Filters, dimension_clause

ORGANISATION = {"region_id": "officer_region_id"}
"""A customer's organisation is its latest loan's officer's (SPEC §2): fct_customer_rfm keeps the customer's own
region as region_id (SPEC §4.4) and that officer's region as officer_region_id, which filters and scopes read."""

NOT_SCORED = "not_scored"
"""Migration label for a customer with no loan in the window at one of the two as-of dates."""

TIERS: tuple[str, ...] = ("strategic", "growth", "micro")
UNRATED = "unrated"
RISK_SEGMENTS: tuple[str, ...] = ("at_risk", "cant_lose", "hibernating")
"""Segments of valuable customers slipping away: the ones the action lists watch."""
REPEAT_CANDIDATE_SEGMENTS: tuple[str, ...] = ("champions", "loyal", "potential", "promising", "need_attention")
"""Segments whose customers are worth offering another loan (not new, not slipping, not gone)."""
REPEAT_QUIET_DAYS = 90
REPEAT_MIN_GRADE = "BBB"
DEFAULT_LIST_LIMIT = 200

SEGMENT_ORDER: tuple[str, ...] = RFM_SEGMENTS + (NOT_SCORED,)

# The columns a sales director needs to act on a customer, in display order. The region is the organisation's
# (the latest loan's officer's region), as for the team and the officer.
_LIST_COLUMNS = """
    r.customer_id, r.customer_type, r.industry, r.officer_region_id as region_id, regions.region_name,
    r.team_id, teams.team_name, r.officer_id, officers.officer_name,
    r.segment, coalesce(r.previous_segment, 'not_scored') as previous_segment,
    r.tier, r.credit_grade, r.credit_score, r.r_score, r.f_score, r.m_score, r.fm_score,
    r.recency_days, r.frequency, r.monetary, r.max_principal, r.latest_loan_date,
    loan_status.active_loans, loan_status.outstanding_principal, loan_status.past_due_loans, loan_status.max_dpd,
    loan_status.written_off_loans, r.as_of, r.previous_as_of
"""


def latest_as_of_on_or_before(con: duckdb.DuckDBPyConnection, day: date | None) -> date | None:
    """The latest RFM as-of date on or before `day`; None if there is none (or `day` is None)."""
    if day is None:
        return None
    return scalar(con, "select max(as_of) from dim_rfm_dates where as_of <= ?", [day])


def selected_as_of(con: duckdb.DuckDBPyConnection, filters: Filters) -> date | None:
    """The as-of the period filter chooses: the latest available as-of on or before the period's end."""
    return latest_as_of_on_or_before(con, filters.period.end)


def comparison_as_of(con: duckdb.DuckDBPyConnection, filters: Filters) -> date | None:
    """The as-of the comparison period chooses, the same way; None without a comparison period."""
    return latest_as_of_on_or_before(con, filters.comparison.end if filters.comparison else None)


def previous_as_of(con: duckdb.DuckDBPyConnection, as_of: date | None) -> date | None:
    """The available as-of just before `as_of` (the previous month-end); None if there is none."""
    if as_of is None:
        return None
    return scalar(con, "select max(as_of) from dim_rfm_dates where as_of < ?", [as_of])


def as_of_dates(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Every available as-of date, newest first, with the number of scored customers under the filters."""
    where, params = dimension_clause(filters, "r", ORGANISATION)
    return frame(
        con,
        f"""
        with counts as (
            select r.as_of, count(*) as customers
            from fct_customer_rfm as r
            where {where}
            group by r.as_of
        )
        select d.as_of, d.is_build_as_of, d.is_month_end, coalesce(counts.customers, 0) as customers
        from dim_rfm_dates as d
        left join counts on d.as_of = counts.as_of
        order by d.as_of desc
        """,
        params,
    )


def _resolve(con: duckdb.DuckDBPyConnection, filters: Filters, as_of: date | None) -> date | None:
    return as_of if as_of is not None else selected_as_of(con, filters)


def segment_grid(con: duckdb.DuckDBPyConnection, filters: Filters, as_of: date | None = None) -> pl.DataFrame:
    """The 5 × 5 RFM grid (r_score × fm_score) with its segment, customers and monetary; empty cells are 0."""
    as_of = _resolve(con, filters, as_of)
    where, params = dimension_clause(filters, "r", ORGANISATION)
    return frame(
        con,
        f"""
        with cells as (
            select r.r_score, r.fm_score, count(*) as customers, sum(r.monetary) as monetary
            from fct_customer_rfm as r
            where r.as_of = ? and {where}
            group by r.r_score, r.fm_score
        )
        select
            cast(? as date) as as_of,
            grid.r_score,
            grid.fm_score,
            grid.segment,
            coalesce(cells.customers, 0) as customers,
            coalesce(cells.monetary, 0) as monetary
        from cfg_rfm_segments as grid
        left join cells on grid.r_score = cells.r_score and grid.fm_score = cells.fm_score
        order by grid.r_score desc, grid.fm_score
        """,
        [as_of, *params, as_of],
    )


def segment_summary(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    as_of: date | None = None,
    comparison_as_of_date: date | None = None,
) -> pl.DataFrame:
    """Every RFM segment with customers, monetary, their shares, and the same counts at the comparison as-of.

    The comparison as-of is the one the comparison period chooses (unless given); without
    either, the comparison columns are null.
    """
    as_of = _resolve(con, filters, as_of)
    if comparison_as_of_date is None:
        comparison_as_of_date = comparison_as_of(con, filters)
    where, params = dimension_clause(filters, "r", ORGANISATION)
    return frame(
        con,
        f"""
        with segments as (
            select unnest(?::varchar[]) as segment, unnest(range(len(?::varchar[]))) as segment_no
        ),
        totals as (
            select
                r.segment,
                count(*) filter (where r.as_of = ?) as customers,
                sum(r.monetary) filter (where r.as_of = ?) as monetary,
                count(*) filter (where r.as_of = ?) as customers_comparison,
                sum(r.monetary) filter (where r.as_of = ?) as monetary_comparison
            from fct_customer_rfm as r
            where (r.as_of = ? or r.as_of = ?) and {where}
            group by r.segment
        ),
        joined as (
            select
                segments.segment,
                segments.segment_no,
                coalesce(totals.customers, 0) as customers,
                coalesce(totals.monetary, 0) as monetary,
                coalesce(totals.customers_comparison, 0) as customers_comparison,
                coalesce(totals.monetary_comparison, 0) as monetary_comparison
            from segments
            left join totals on segments.segment = totals.segment
        )
        select
            cast(? as date) as as_of,
            segment,
            customers,
            monetary,
            -- No scored customer at all: the shares are undefined, not 0.
            customers / nullif(sum(customers) over (), 0) as customer_share,
            cast(monetary as double) / nullif(cast(sum(monetary) over () as double), 0) as monetary_share,
            cast(? as date) as comparison_as_of,
            -- Null, not 0, when there is no comparison date to count at.
            case when cast(? as date) is not null then customers_comparison end as customers_comparison,
            case when cast(? as date) is not null then monetary_comparison end as monetary_comparison
        from joined
        order by segment_no
        """,
        [
            list(RFM_SEGMENTS),
            list(RFM_SEGMENTS),
            as_of,
            as_of,
            comparison_as_of_date,
            comparison_as_of_date,
            as_of,
            comparison_as_of_date,
            *params,
            as_of,
            comparison_as_of_date,
            comparison_as_of_date,
            comparison_as_of_date,
        ],
    )


def tier_grade_matrix(con: duckdb.DuckDBPyConnection, filters: Filters, as_of: date | None = None) -> pl.DataFrame:
    """Customers and monetary by tier × credit grade (every cell, best tier and grade first; unrated last)."""
    as_of = _resolve(con, filters, as_of)
    where, params = dimension_clause(filters, "r", ORGANISATION)
    return frame(
        con,
        f"""
        with tiers as (
            select unnest(?::varchar[]) as tier, unnest(range(len(?::varchar[]))) as tier_no
        ),
        grades as (
            select credit_grade, grade_no from cfg_credit_grades
            union all
            select ?, (select count(*) from cfg_credit_grades)
        ),
        cells as (
            select r.tier, r.credit_grade, count(*) as customers, sum(r.monetary) as monetary
            from fct_customer_rfm as r
            where r.as_of = ? and {where}
            group by r.tier, r.credit_grade
        )
        select
            cast(? as date) as as_of,
            tiers.tier,
            grades.credit_grade,
            coalesce(cells.customers, 0) as customers,
            coalesce(cells.monetary, 0) as monetary
        from tiers
        cross join grades
        left join cells on tiers.tier = cells.tier and grades.credit_grade = cells.credit_grade
        order by tiers.tier_no, grades.grade_no
        """,
        [list(TIERS), list(TIERS), UNRATED, as_of, *params, as_of],
    )


def segment_migration(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    from_as_of: date | None = None,
    to_as_of: date | None = None,
) -> pl.DataFrame:
    """Customers by (segment at from_as_of, segment at to_as_of), 'not_scored' for entering or leaving.

    Defaults: to = the period's as-of; from = the comparison's as-of, else the as-of just
    before. A customer is attributed by its row at to_as_of, or at from_as_of if it is
    no longer scored. share_of_from = customers / all customers of the same from-segment.
    """
    to_as_of = _resolve(con, filters, to_as_of)
    if from_as_of is None:
        from_as_of = comparison_as_of(con, filters) or previous_as_of(con, to_as_of)
    dimensions = (
        "region_id",
        "officer_region_id",
        "team_id",
        "officer_id",
        "product_line",
        "channel_id",
        "customer_type",
    )
    attributed = ",\n".join(f"coalesce(t.{d}, f.{d}) as {d}" for d in dimensions)
    where, params = dimension_clause(filters, "p", ORGANISATION)
    return frame(
        con,
        f"""
        with pairs as (
            select
                coalesce(t.customer_id, f.customer_id) as customer_id,
                coalesce(f.segment, 'not_scored') as from_segment,
                coalesce(t.segment, 'not_scored') as to_segment,
                {attributed}
            from (select * from fct_customer_rfm where as_of = ?) as f
            full outer join (select * from fct_customer_rfm where as_of = ?) as t
                on f.customer_id = t.customer_id
        ),
        counts as (
            select p.from_segment, p.to_segment, count(*) as customers
            from pairs as p
            where {where}
            group by p.from_segment, p.to_segment
        )
        select
            cast(? as date) as from_as_of,
            cast(? as date) as to_as_of,
            from_segment,
            to_segment,
            customers,
            customers / sum(customers) over (partition by from_segment) as share_of_from
        from counts
        order by list_position(?::varchar[], from_segment), list_position(?::varchar[], to_segment)
        """,
        [from_as_of, to_as_of, *params, from_as_of, to_as_of, list(SEGMENT_ORDER), list(SEGMENT_ORDER)],
    )


def _customer_list(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    as_of: date | None,
    previous: date | None,
    condition: str,
    condition_params: list,
    order: str,
    limit: int | None,
) -> pl.DataFrame:
    """Customers at `as_of` meeting `condition` (on fct_customer_rfm as r), with their segment at `previous`.

    The customers are chosen and cut to `limit` first; previous segment, names and loan
    standing are looked up for those only.
    """
    where, params = dimension_clause(filters, "r", ORGANISATION)
    limit_sql, limit_params = ("limit ?", [limit]) if limit is not None else ("", [])
    return frame(
        con,
        f"""
        with chosen as (
            select r.*
            from fct_customer_rfm as r
            where r.as_of = ? and ({condition}) and {where}
            order by {order}
            {limit_sql}
        ),
        with_previous as (
            select chosen.*, previous.segment as previous_segment, previous.as_of as previous_as_of
            from chosen
            left join fct_customer_rfm as previous
                on previous.customer_id = chosen.customer_id and previous.as_of = ?
        )
        select {_LIST_COLUMNS}
        from with_previous as r
        left join stg_regions as regions on r.officer_region_id = regions.region_id
        left join stg_teams as teams on r.team_id = teams.team_id
        left join stg_officers as officers on r.officer_id = officers.officer_id
        left join agg_rfm_loan_status as loan_status
            on loan_status.customer_id = r.customer_id and loan_status.as_of = r.as_of
        order by {order}
        """,
        [as_of, *condition_params, *params, *limit_params, previous],
    )


def strategic_at_risk(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    as_of: date | None = None,
    limit: int | None = DEFAULT_LIST_LIMIT,
) -> pl.DataFrame:
    """Strategic-tier customers in at_risk, cant_lose or hibernating, with their segment at the previous as-of."""
    as_of = _resolve(con, filters, as_of)
    return _customer_list(
        con,
        filters,
        as_of,
        previous_as_of(con, as_of),
        "r.tier = 'strategic' and list_contains(?::varchar[], r.segment)",
        [list(RISK_SEGMENTS)],
        # The most value at stake first.
        "r.monetary desc, r.customer_id",
        limit,
    )


def repeat_loan_candidates(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    as_of: date | None = None,
    limit: int | None = DEFAULT_LIST_LIMIT,
    quiet_days: int = REPEAT_QUIET_DAYS,
    min_grade: str = REPEAT_MIN_GRADE,
) -> pl.DataFrame:
    """Good customers due another loan: candidate segment, grade min_grade or better, quiet, in good standing.

    "No loan in the last quiet_days days" uses the same exclusive bound as the RFM window:
    the latest loan is at least quiet_days days before the as-of (recency_days >= quiet_days).
    Good standing: no active loan past due (dpd ≥ 1) at the as-of and no loan ever written off.
    """
    as_of = _resolve(con, filters, as_of)
    condition = """
        list_contains(?::varchar[], r.segment)
        -- Grades are numbered best first; "unrated" is not among them, so it never qualifies.
        and r.credit_grade in (
            select credit_grade from cfg_credit_grades
            where grade_no <= (select grade_no from cfg_credit_grades where credit_grade = ?)
        )
        and r.recency_days >= ?
        -- Not behind on any loan at the as-of, and no loan ever written off.
        and r.customer_id not in (
            select customer_id from agg_rfm_loan_status
            where as_of = ? and (past_due_loans > 0 or written_off_loans > 0)
        )
    """
    return _customer_list(
        con,
        filters,
        as_of,
        previous_as_of(con, as_of),
        condition,
        [list(REPEAT_CANDIDATE_SEGMENTS), min_grade, quiet_days, as_of],
        # Best value first.
        "r.fm_score desc, r.monetary desc, r.customer_id",
        limit,
    )


def moved_into_risk(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    since: date,
    as_of: date | None = None,
    limit: int | None = DEFAULT_LIST_LIMIT,
) -> pl.DataFrame:
    """Customers now in at_risk, cant_lose or hibernating who were not in one of them at the as-of chosen by `since`.

    `since` picks the latest as-of on or before it (like a period end); a customer not
    scored then counts as having moved in. previous_segment is the segment at that as-of.
    """
    as_of = _resolve(con, filters, as_of)
    then = latest_as_of_on_or_before(con, since)
    return _customer_list(
        con,
        filters,
        as_of,
        then,
        # Not scored then, or scored in a segment other than these.
        """
        list_contains(?::varchar[], r.segment)
        and r.customer_id not in (
            select customer_id from fct_customer_rfm where as_of = ? and list_contains(?::varchar[], segment)
        )
        """,
        [list(RISK_SEGMENTS), then, list(RISK_SEGMENTS)],
        "r.monetary desc, r.customer_id",
        limit,
    )


DEFINITIONS: list[MetricDefinition] = [
    MetricDefinition(
        key="rfm_scored_customers",
        name="Scored customers",
        numerator="Customers with at least one loan disbursed in the lookback window (as-of − 730 days, as-of]",
        denominator=None,
        rules=(
            "Counted at one as-of date: the latest available as-of (the build's as-of date or a month-end) on or "
            "before the period's last day. A loan disbursed exactly 730 days before the as-of is outside the "
            "window. Region and customer type are the customer's own; team, officer, channel and product line "
            "are those of the customer's latest loan in the window."
        ),
        unit="count",
    ),
    MetricDefinition(
        key="rfm_recency_days",
        name="Recency (days)",
        numerator="Days from the customer's latest loan disbursed in the window to the as-of date",
        denominator=None,
        rules="A loan disbursed on the as-of date itself gives 0 days.",
        unit="days",
        higher_is_better=False,
    ),
    MetricDefinition(
        key="rfm_frequency",
        name="Frequency",
        numerator="Number of the customer's loans disbursed in the window",
        denominator=None,
        unit="count",
    ),
    MetricDefinition(
        key="rfm_monetary",
        name="Monetary",
        numerator="Sum of the principal of the customer's loans disbursed in the window",
        denominator=None,
        rules="Summed over customers for a grid cell, segment or tier × grade cell.",
        unit="money",
    ),
    MetricDefinition(
        key="rfm_score",
        name="R, F and M scores (1–5)",
        numerator="1 + ⌊5 × percent rank⌋, capped at 5",
        denominator=None,
        rules=(
            "Percent rank = (rank − 1) / (scored customers − 1) among the customers scored at the same as-of, "
            "ranked so that better is higher: longer since the last loan ranks lower, fewer loans and smaller "
            "sums rank lower. Equal values share the rank and the score; a single scored customer scores 1 on "
            "all three. FM score = ⌊(F + M + 1) / 2⌋, the average of F and M rounded half up."
        ),
        unit="count",
    ),
    MetricDefinition(
        key="rfm_segment_customers",
        name="Customers in a segment",
        numerator="Scored customers whose (R score, FM score) cell of the segment grid names that segment",
        denominator=None,
        unit="count",
    ),
    MetricDefinition(
        key="rfm_segment_share",
        name="Segment share",
        numerator="Scored customers in the segment (or their monetary)",
        denominator="All scored customers under the same filters (or their monetary)",
        rules=(
            "Undefined (blank) when no customer is scored. Shown with the segment's customers and monetary at the "
            "comparison as-of (chosen by the comparison period) when there is one."
        ),
    ),
    MetricDefinition(
        key="customer_tier",
        name="Customer tier",
        numerator="The largest single loan principal disbursed to the customer in the window",
        denominator=None,
        rules="Strategic at or above 5,000,000; growth at or above 1,000,000; micro below.",
        unit="money",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="credit_grade",
        name="Credit grade",
        numerator="The customer's credit score (0–100) mapped to AAA 90–100, AA 80–89, A 70–79, BBB 60–69, "
        "BB 50–59, B 40–49, CCC 30–39, CC 20–29, C 0–19",
        denominator=None,
        rules="Unrated when the customer has no score. The source holds one current score, used at every as-of.",
        unit="count",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="segment_migration",
        name="Segment migration",
        numerator="Customers in segment b at the later as-of among those in segment a at the earlier as-of",
        denominator="Customers in segment a at the earlier as-of (share_of_from)",
        rules=(
            "'Not scored' stands for a customer with no loan in the window at one of the two dates (entering or "
            "leaving the scored set). A customer is attributed to team, officer, channel and product line by its "
            "row at the later as-of, or at the earlier one if it is no longer scored. The later as-of is the "
            "period's, the earlier the comparison period's, else the month-end before."
        ),
        unit="count",
        higher_is_better=None,
    ),
    MetricDefinition(
        key="strategic_at_risk",
        name="Strategic customers at risk",
        numerator="Strategic-tier customers in segment at_risk, cant_lose or hibernating at the as-of",
        denominator=None,
        rules="Listed by monetary, largest first, with their segment at the previous month-end.",
        unit="count",
        higher_is_better=False,
    ),
    MetricDefinition(
        key="repeat_loan_candidates",
        name="Repeat-loan candidates",
        numerator=(
            "Customers in segment champions, loyal, potential, promising or need_attention, credit grade BBB or "
            "better, whose latest loan was disbursed at least 90 days before the as-of, with no loan past due at "
            "the as-of and no loan ever written off"
        ),
        denominator=None,
        rules=(
            "A loan disbursed exactly 90 days before the as-of no longer counts as recent. Past due = an active "
            "loan at least 1 day overdue on the as-of date (credit-quality snapshot). Unrated customers are not "
            "listed. Listed by FM score, then monetary, highest first."
        ),
        unit="count",
    ),
    MetricDefinition(
        key="moved_into_risk",
        name="Customers moved into risk segments",
        numerator=(
            "Customers in at_risk, cant_lose or hibernating at the as-of who were in another segment, or not "
            "scored, at the earlier as-of"
        ),
        denominator=None,
        rules="The earlier as-of is the latest available as-of on or before the date asked for.",
        unit="count",
        higher_is_better=False,
    ),
]
