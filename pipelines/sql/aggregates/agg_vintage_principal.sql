-- Vintage denominators: the original principal of every loan of each vintage (disbursement month)
-- by the filter dimensions, whether the loan is still active, closed or written off. Taken from
-- the snapshot fact so the loans are exactly those the numerators see (disbursed by the as-of date).
with loans as (
    select distinct
        loan_id,
        vintage_month,
        principal,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type
    from fct_loan_snapshots
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
