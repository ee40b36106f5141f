-- RFM scores, segment, tier and credit grade of every customer, per as-of date (SPEC §4.4).
-- One row per (customer_id, as_of) for the customers scored at that as-of: those with at
-- least one loan disbursed in the lookback window (as_of − window_days, as_of].
-- Primary key: (customer_id, as_of). As-of dates come from dim_rfm_dates.
--
-- Columns: region_id, customer_type and industry are the customer's own (SPEC §4.4); officer_id,
-- team_id, channel_id, product_id and product_line are those of the customer's latest loan in the
-- window, team_id being that officer's current team, and officer_region_id that team's region.
-- Filters and the access scope select customers by their organisation like every other figure
-- (SPEC §2): the customer queries read officer_region_id for the region (see
-- pipelines/queries/customers.py, CUSTOMER_ORGANISATION), so a region filter selects customers
-- by who served their latest loan, and region_id stays the customer's own.
with as_of_dates as (
    select as_of, window_days from dim_rfm_dates
),

tier_bounds as (
    select strategic_min, growth_min from cfg_params
),

loans as (
    select loan_id, customer_id, officer_id, product_id, channel_id, principal, disbursed_date
    from stg_loans
),

loans_in_window as (
    select
        as_of_dates.as_of,
        loans.loan_id,
        loans.customer_id,
        loans.principal,
        loans.disbursed_date
    from as_of_dates
    inner join loans
        -- Exclusive lower bound: a loan disbursed exactly window_days before the as-of is out.
        on loans.disbursed_date > as_of_dates.as_of - as_of_dates.window_days
        and loans.disbursed_date <= as_of_dates.as_of
),

customer_window as (
    select
        as_of,
        customer_id,
        max(disbursed_date) as latest_loan_date,
        count(*) as frequency,
        cast(sum(principal) as decimal(18, 2)) as monetary,
        max(principal) as max_principal,
        -- The loan whose officer, channel and product represent the customer in the filters.
        -- Same-day loans: the larger one, then the higher loan_id, so the choice is repeatable.
        arg_max(loan_id, struct_pack(disbursed_date := disbursed_date, principal := principal, loan_id := loan_id))
            as latest_loan_id
    from loans_in_window
    group by as_of, customer_id
),

latest_loan as (
    select
        loans.loan_id as latest_loan_id,
        loans.officer_id,
        officers.team_id,
        teams.region_id,
        loans.product_id,
        products.product_line,
        loans.channel_id
    from loans
    inner join stg_officers as officers
        on loans.officer_id = officers.officer_id
    inner join stg_teams as teams
        on officers.team_id = teams.team_id
    inner join stg_products as products
        on loans.product_id = products.product_id
),

grade_by_score as (
    -- One row per possible score (0–100), so grading a customer is an equality join
    -- rather than a range join over every customer.
    select
        score.score as credit_score,
        grades.credit_grade
    from (select unnest(range(0, 101)) as score) as score
    inner join cfg_credit_grades as grades
        on score.score between grades.min_score and grades.max_score
),

borrowers as (
    -- Only customers with a loan can be scored; grading them once, not once per as-of.
    select
        customers.customer_id,
        customers.customer_type,
        customers.industry,
        customers.region_id,
        -- The source has one current score per customer, so every as-of uses it.
        customers.credit_score,
        coalesce(grade_by_score.credit_grade, 'unrated') as credit_grade
    from stg_customers as customers
    left join grade_by_score
        on customers.credit_score = grade_by_score.credit_score
    where customers.customer_id in (select customer_id from loans)
),

with_recency as (
    select
        customer_window.*,
        cast(customer_window.as_of - customer_window.latest_loan_date as integer) as recency_days
    from customer_window
),

scored as (
    -- percent_rank() = (rank − 1) / (scored customers − 1): ties share a rank and so a score,
    -- and a lone scored customer gets 0, i.e. score 1. Ordered so that better ranks later:
    -- a long time since the last loan is worse (descending), fewer or smaller loans are worse.
    -- Exact fifths (0.2, 0.4, ...) times 5 come out as exact integers in double precision,
    -- so floor() does not drop a customer sitting exactly on a score boundary.
    select
        with_recency.*,
        cast(least(5, 1 + floor(5 * percent_rank() over (
            partition by as_of order by recency_days desc
        ))) as integer) as r_score,
        cast(least(5, 1 + floor(5 * percent_rank() over (
            partition by as_of order by frequency asc
        ))) as integer) as f_score,
        cast(least(5, 1 + floor(5 * percent_rank() over (
            partition by as_of order by monetary asc
        ))) as integer) as m_score
    from with_recency
),

with_fm as (
    select
        scored.*,
        -- The mean of f and m, rounded half up: (f + m + 1) / 2 rounded down.
        cast(floor((f_score + m_score + 1) / 2) as integer) as fm_score
    from scored
),

final as (
    select
        with_fm.customer_id,
        with_fm.as_of,
        with_fm.recency_days,
        with_fm.frequency,
        with_fm.monetary,
        with_fm.r_score,
        with_fm.f_score,
        with_fm.m_score,
        with_fm.fm_score,
        segments.segment,
        with_fm.max_principal,
        case
            when with_fm.max_principal >= tier_bounds.strategic_min then 'strategic'
            when with_fm.max_principal >= tier_bounds.growth_min then 'growth'
            else 'micro'
        end as tier,
        borrowers.credit_score,
        borrowers.credit_grade,
        borrowers.customer_type,
        borrowers.industry,
        borrowers.region_id,
        latest_loan.region_id as officer_region_id,
        latest_loan.officer_id,
        latest_loan.team_id,
        latest_loan.channel_id,
        latest_loan.product_id,
        latest_loan.product_line,
        with_fm.latest_loan_date,
        with_fm.latest_loan_id
    from with_fm
    inner join latest_loan
        on with_fm.latest_loan_id = latest_loan.latest_loan_id
    inner join borrowers
        on with_fm.customer_id = borrowers.customer_id
    inner join cfg_rfm_segments as segments
        on with_fm.r_score = segments.r_score
        and with_fm.fm_score = segments.fm_score
    cross join tier_bounds
    -- Sorted by as-of so that reading one as-of touches only its own row groups.
    order by with_fm.as_of
)

select * from final
