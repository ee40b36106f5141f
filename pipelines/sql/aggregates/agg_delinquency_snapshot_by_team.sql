-- agg_delinquency_snapshot without the officer: a fraction of the rows, for the (usual) views that
-- are not filtered by officer. Same columns otherwise; the query layer picks the table.
with by_team as (
    select
        snapshot_date,
        is_month_end,
        region_id,
        team_id,
        product_line,
        channel_id,
        customer_type,
        sum(active_loans) as active_loans,
        sum(balance) as balance,
        sum(balance_dpd1) as balance_dpd1,
        sum(balance_par30) as balance_par30,
        sum(balance_par90) as balance_par90,
        sum(balance_npl) as balance_npl,
        sum(loans_dpd1) as loans_dpd1,
        sum(loans_par30) as loans_par30,
        sum(loans_par90) as loans_par90,
        sum(loans_npl) as loans_npl
    from agg_delinquency_snapshot
    group by all
),

final as (
    -- Counts stay whole numbers (BIGINT), money stays DECIMAL.
    select
        * replace (
            cast(active_loans as bigint) as active_loans,
            cast(loans_dpd1 as bigint) as loans_dpd1,
            cast(loans_par30 as bigint) as loans_par30,
            cast(loans_par90 as bigint) as loans_par90,
            cast(loans_npl as bigint) as loans_npl
        )
    from by_team
)

select * from final order by snapshot_date
