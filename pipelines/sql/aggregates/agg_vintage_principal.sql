-- Vintage denominators: the original principal of every loan of each vintage (disbursement month)
-- by the filter dimensions, whether the loan is still active, closed or written off. Taken from
-- the loans fct_loan_snapshots holds (every loan disbursed by the as-of date has snapshot rows),
-- with the same dimensions, so the loans are exactly those the numerators see. Read from fct_loans:
-- one row per loan instead of a distinct over every snapshot row.
with loans as (
    select
        l.loan_id,
        l.vintage_month,
        l.principal,
        l.region_id,
        l.team_id,
        l.officer_id,
        l.product_line,
        l.channel_id,
        l.customer_type
    from fct_loans as l
    where l.disbursed_date <= (select as_of from build_params)
),

final as (
    select
        vintage_month,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type,
        count(*) as loans,
        sum(principal) as principal
    from loans
    group by all
)

select * from final order by vintage_month
