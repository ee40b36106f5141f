-- The as-of dates customers are RFM-scored at (SPEC §4.4): the build's as-of date plus the
-- last `rfm_history_month_ends` month-ends strictly before it, so segment migration can be
-- shown month by month. One row per as-of date, whether or not anyone is scored on it, so
-- the app can list the dates even when a filter leaves a date empty.
-- Primary key: as_of.
with params as (
    select
        build_params.as_of,
        cfg_params.rfm_history_month_ends as history_month_ends,
        cfg_params.rfm_window_days as window_days
    from build_params
    cross join cfg_params
),

months_back as (
    select unnest(generate_series(1, history_month_ends)) as months_back
    from params
),

month_ends as (
    -- Going back k whole months lands somewhere in the k-th month before the as-of month
    -- (the day is clamped, 31 March − 1 month = 28 February), so its last day is that
    -- month's end; k = 1 is the last month-end strictly before the as-of date.
    select
        cast(last_day(cast(params.as_of - to_months(months_back.months_back) as date)) as date) as as_of,
        months_back.months_back
    from params
    cross join months_back
),

all_dates as (
    select as_of, 0 as months_back from params
    union all
    select as_of, months_back from month_ends
),

final as (
    select
        all_dates.as_of,
        cast(all_dates.months_back as integer) as months_back,
        all_dates.months_back = 0 as is_build_as_of,
        all_dates.as_of = last_day(all_dates.as_of) as is_month_end,
        params.window_days,
        -- The lookback window is (window_opens_after, as_of]: a loan disbursed exactly
        -- window_days before the as-of date is already outside it.
        cast(all_dates.as_of - params.window_days as date) as window_opens_after
    from all_dates
    cross join params
    order by all_dates.as_of
)

select * from final
