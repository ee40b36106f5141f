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

history as (
    -- Each month-end's rate is history for the snapshot dates whose latest earlier month-end is one of
    -- the lookback_month_ends month-ends from it on: unrolled by number and grouped, equality joins
    -- only (a range join here turns into a nested loop on a freshly built table).
    select
        r.dimension,
        r.dimension_value,
        latest_no,
        count(r.overdue_rate) as history_points,
        avg(r.overdue_rate) as history_mean,
        stddev_samp(r.overdue_rate) as history_stddev
    from (
        select r.*, unnest(range(m.month_end_no, m.month_end_no + c.ew_lookback_month_ends)) as latest_no
        from rates as r
        inner join month_ends as m on m.snapshot_date = r.snapshot_date
        cross join cfg_params as c
    ) as r
    group by all
),

dated as (
    -- Every rate with the number of the latest month-end strictly before its date (the end of the
    -- previous month); null in the first month.
    select r.*, m.month_end_no as latest_no
    from rates as r
    left join month_ends as m
        on m.snapshot_date = last_day(cast(date_trunc('month', r.snapshot_date) as date) - 1)
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
    from dated as r
    cross join cfg_params as c
    left join history as h
        on h.dimension = r.dimension
        and h.dimension_value = r.dimension_value
        and h.latest_no = r.latest_no
)

select * from final order by dimension, dimension_value, snapshot_date
