-- Early-warning inputs for the whole book (SPEC §4.3): balance and overdue (dpd ≥ 1) balance of
-- each region, team, officer, product line and channel at every snapshot date (the month-ends and
-- the as-of date). The flag itself (mean + sigmas × stddev of the previous month-ends, minimum
-- balance) is computed by pipelines/queries/credit.py, which rebuilds these same inputs from
-- agg_delinquency_snapshot when the page is filtered.
with by_dimension as (
    select 'region' as dimension, region_id as dimension_value, snapshot_date, is_month_end,
        sum(active_loans) as active_loans, sum(balance) as balance, sum(balance_dpd1) as balance_dpd1
    from agg_delinquency_snapshot group by all
    union all
    select 'team', team_id, snapshot_date, is_month_end,
        sum(active_loans), sum(balance), sum(balance_dpd1)
    from agg_delinquency_snapshot group by all
    union all
    select 'officer', officer_id, snapshot_date, is_month_end,
        sum(active_loans), sum(balance), sum(balance_dpd1)
    from agg_delinquency_snapshot group by all
    union all
    select 'product_line', product_line, snapshot_date, is_month_end,
        sum(active_loans), sum(balance), sum(balance_dpd1)
    from agg_delinquency_snapshot group by all
    union all
    select 'channel', channel_id, snapshot_date, is_month_end,
        sum(active_loans), sum(balance), sum(balance_dpd1)
    from agg_delinquency_snapshot group by all
),

final as (
    select
        dimension,
        dimension_value,
        snapshot_date,
        is_month_end,
        active_loans,
        balance,
        balance_dpd1,
        -- Undefined (null) when nothing is outstanding.
        case when balance > 0 then cast(balance_dpd1 as double) / cast(balance as double) end as overdue_rate
    from by_dimension
)

select * from final order by dimension, dimension_value, snapshot_date
