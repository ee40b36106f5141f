-- Snapshot dates (SPEC §3): every month-end from the first disbursement month up to, but not
-- including, the as-of month, plus the as-of date itself. Every credit figure is measured on
-- one of these dates; roll rates compare each date with the one before it.
-- Primary key: snapshot_date.
with params as (
    select as_of from build_params
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

all_dates as (
    select snapshot_date from month_ends
    union
    select as_of from params
),

final as (
    select
        d.snapshot_date,
        cast(date_trunc('month', d.snapshot_date) as date) as snapshot_month,
        d.snapshot_date = last_day(d.snapshot_date) as is_month_end,
        d.snapshot_date = params.as_of as is_as_of,
        cast(row_number() over (order by d.snapshot_date) as integer) as snapshot_no,
        lag(d.snapshot_date) over (order by d.snapshot_date) as prev_snapshot_date,
        lead(d.snapshot_date) over (order by d.snapshot_date) as next_snapshot_date
    from all_dates as d, params
)

select * from final order by snapshot_date
