-- Early warning for the whole book (SPEC §4.3): balance and overdue (dpd ≥ 1) balance of each
-- region, team, officer, product line and channel at every snapshot date (month-ends, biweekly
-- ends and the as-of date), with the threshold it is judged against there: mean + sigmas × sample
-- standard deviation of its own overdue rates at the lookback_month_ends month-ends strictly
-- before that date (month-ends with nothing outstanding do not count), and the money at risk,
-- balance × (overdue rate − threshold) (0 at or below it). pipelines/queries/credit.py applies the
-- flag (at least two history points, balance above the minimum) and rebuilds these same figures
-- from agg_delinquency_snapshot when the page is filtered.
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

rates as (
    select
        *,
        -- Undefined (null) when nothing is outstanding.
        case when balance > 0 then cast(balance_dpd1 as double) / cast(balance as double) end as overdue_rate
    from by_dimension
),

month_ends as (
    select snapshot_date, cast(row_number() over (order by snapshot_date) as integer) as month_end_no
    from dim_snapshot_dates
    where is_month_end
),

history_dates as (
    -- Each snapshot date → the lookback_month_ends month-ends strictly before it (fewer at the start):
    -- the latest of them is the end of the previous month.
    select d.snapshot_date, h.snapshot_date as history_date
    from dim_snapshot_dates as d
    inner join month_ends as latest
        on latest.snapshot_date = last_day(cast(date_trunc('month', d.snapshot_date) as date) - 1)
    cross join cfg_params as c
    inner join month_ends as h
        on h.month_end_no > latest.month_end_no - c.ew_lookback_month_ends
        and h.month_end_no <= latest.month_end_no
),

history as (
    select
        r.dimension,
        r.dimension_value,
        hd.snapshot_date,
        count(h.overdue_rate) as history_points,
        avg(h.overdue_rate) as history_mean,
        stddev_samp(h.overdue_rate) as history_stddev
    from rates as r
    inner join history_dates as hd on hd.snapshot_date = r.snapshot_date
    inner join rates as h
        on h.dimension = r.dimension
        and h.dimension_value is not distinct from r.dimension_value
        and h.snapshot_date = hd.history_date
    group by r.dimension, r.dimension_value, hd.snapshot_date
),

final as (
    select
        r.dimension,
        r.dimension_value,
        r.snapshot_date,
        r.is_month_end,
        r.active_loans,
        r.balance,
        r.balance_dpd1,
        r.overdue_rate,
        coalesce(h.history_points, 0) as history_points,
        h.history_mean,
        h.history_stddev,
        h.history_mean + c.ew_sigmas * h.history_stddev as threshold,
        -- Null without a threshold (greatest() would skip the null and say 0).
        case when h.history_stddev is not null then greatest(
            cast(r.balance as double) * (r.overdue_rate - (h.history_mean + c.ew_sigmas * h.history_stddev)), 0
        ) end as overdue_above_threshold
    from rates as r
    cross join cfg_params as c
    left join history as h
        on h.dimension = r.dimension
        and h.dimension_value is not distinct from r.dimension_value
        and h.snapshot_date = r.snapshot_date
)

select * from final order by dimension, dimension_value, snapshot_date
