-- Vintage numerators: balance of active loans past 30, 60 and 90 days at each month on book, by
-- vintage (disbursement month) and the filter dimensions. Only the month-end series (month-ends and
-- the as-of date: one date per month on book) is used, so the curves read as in a monthly book. The denominator (all principal
-- disbursed in the vintage, closed loans included) is agg_vintage_principal.
-- 30/60/90 are the curves SPEC §4.3 names, not configurable bounds. Only loans more than 30 days
-- past due contribute to any numerator, so only they are kept: the table stays small although
-- vintage × months on book × the dimensions is almost one cell per loan.
with active as (
    select *
    from fct_loan_snapshots
    where status = 'active' and dpd > 30
        and (is_month_end or snapshot_date = (select as_of from build_params))
),

final as (
    select
        vintage_month,
        mob,
        snapshot_date,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type,
        count(*) as loans_dpd30,
        sum(outstanding_principal) as balance_dpd30,
        count(*) filter (where dpd > 60) as loans_dpd60,
        coalesce(sum(outstanding_principal) filter (where dpd > 60), 0) as balance_dpd60,
        count(*) filter (where dpd > 90) as loans_dpd90,
        coalesce(sum(outstanding_principal) filter (where dpd > 90), 0) as balance_dpd90
    from active
    group by all
)

select * from final order by vintage_month, mob
