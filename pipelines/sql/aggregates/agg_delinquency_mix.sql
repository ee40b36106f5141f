-- DPD bucket and five-tier mix of active loans at each snapshot date by the filter dimensions.
-- A bucket and a tier are both functions of dpd, so one row per (bucket, tier) pair that occurs.
with active as (
    select *
    from fct_loan_snapshots
    where status = 'active'
),

final as (
    select
        snapshot_date,
        is_month_end,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type,
        dpd_bucket,
        bucket_no,
        five_tier,
        tier_no,
        count(*) as active_loans,
        sum(outstanding_principal) as balance
    from active
    group by all
)

select * from final order by snapshot_date
