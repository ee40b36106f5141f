-- Snapshot dates (SPEC §3): every month-end and every biweekly period end (the Sunday closing each
-- two-ISO-week period counted from the configured anchor Monday, as pipelines/periods.py counts
-- them) on or after the first day of the first disbursement month and strictly before the as-of
-- date, plus the as-of date itself. Every credit figure is measured on one of these dates.
-- The month-end series is the month-ends among them plus the as-of date (in_month_end_series):
-- vintage curves, roll rates and the early warning's history use only that series, so they read
-- as in a monthly book. prev/next_snapshot_date are the neighbours among all snapshot dates;
-- prev/next_series_date the neighbours within the month-end series (null off the series);
-- series_date_on_or_after is the first month-end-series date on or after the date (itself on the
-- series), where a loan that ended on that date has its last snapshot row.
-- Primary key: snapshot_date.
with params as (
    select b.as_of, c.biweekly_anchor_monday as anchor
    from build_params as b, cfg_params as c
),

first_month as (
    -- Loans disbursed after the as-of date do not exist yet as far as this build is concerned.
    select date_trunc('month', min(l.disbursed_date)) as first_month
    from stg_loans as l, params
    where l.disbursed_date <= params.as_of
),

month_ends as (
    select last_day(cast(unnest(range(
        cast(first_month.first_month as timestamp),
        cast(date_trunc('month', params.as_of) as timestamp),
        interval 1 month
    )) as date)) as snapshot_date
    from first_month, params
),

biweekly_ends as (
    -- The Sundays anchor + 14k + 13 (k of either sign) from the first month on, before the as-of.
    select cast(unnest(range(
        cast(
            params.anchor
            + 14 * cast(floor((cast(first_month.first_month as date) - params.anchor) / 14) as integer)
            + 13 as timestamp
        ),
        cast(params.as_of as timestamp),
        interval 14 day
    )) as date) as snapshot_date
    from first_month, params
),

all_dates as (
    select snapshot_date from month_ends
    union
    select b.snapshot_date from biweekly_ends as b, first_month
    where b.snapshot_date >= first_month.first_month
    union
    select as_of from params
),

flagged as (
    select
        d.snapshot_date,
        d.snapshot_date = last_day(d.snapshot_date) as is_month_end,
        ((d.snapshot_date - params.anchor) % 14 + 14) % 14 = 13 as is_biweekly_end,
        d.snapshot_date = params.as_of as is_as_of,
        d.snapshot_date = last_day(d.snapshot_date) or d.snapshot_date = params.as_of as in_month_end_series
    from all_dates as d, params
),

series as (
    select
        snapshot_date,
        lag(snapshot_date) over (order by snapshot_date) as prev_series_date,
        lead(snapshot_date) over (order by snapshot_date) as next_series_date
    from flagged
    where in_month_end_series
),

final as (
    select
        f.snapshot_date,
        cast(date_trunc('month', f.snapshot_date) as date) as snapshot_month,
        f.is_month_end,
        f.is_biweekly_end,
        f.is_as_of,
        f.in_month_end_series,
        cast(row_number() over (order by f.snapshot_date) as integer) as snapshot_no,
        lag(f.snapshot_date) over (order by f.snapshot_date) as prev_snapshot_date,
        lead(f.snapshot_date) over (order by f.snapshot_date) as next_snapshot_date,
        s.prev_series_date,
        s.next_series_date,
        -- The month-end of the date's month, or the as-of date within the as-of month.
        least(last_day(f.snapshot_date), params.as_of) as series_date_on_or_after
    from flagged as f
    cross join params
    left join series as s on s.snapshot_date = f.snapshot_date
)

select * from final order by snapshot_date
