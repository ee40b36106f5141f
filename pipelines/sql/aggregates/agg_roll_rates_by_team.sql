-- agg_roll_rates without the officer, for the views not filtered by officer.
with final as (
    select
        from_snapshot_date,
        to_snapshot_date,
        region_id,
        team_id,
        product_line,
        channel_id,
        customer_type,
        from_bucket,
        from_bucket_no,
        to_state,
        to_state_no,
        cast(sum(loans) as bigint) as loans,
        sum(balance_at_t) as balance_at_t,
        sum(balance_at_t1) as balance_at_t1
    from agg_roll_rates
    group by all
)

select * from final order by to_snapshot_date
