-- agg_delinquency_mix without the officer, for the views not filtered by officer.
with final as (
    select
        snapshot_date,
        is_month_end,
        region_id,
        team_id,
        product_line,
        channel_id,
        customer_type,
        dpd_bucket,
        bucket_no,
        five_tier,
        tier_no,
        cast(sum(active_loans) as bigint) as active_loans,
        sum(balance) as balance
    from agg_delinquency_mix
    group by all
)

select * from final order by snapshot_date
