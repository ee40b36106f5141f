-- Roll-rate inputs (SPEC §4.3): for each pair of consecutive dates t → t+1 of the month-end series
-- (the month-ends and the as-of date; biweekly ends are not roll-rate dates), the balance at t of
-- loans active at t, by their bucket at t and their state at t+1 (a bucket if still active, else
-- closed or written_off), by the filter dimensions. A loan active at t always has a row at t+1
-- (its rows end at the first month-end-series date where it is closed or written off).
with pairs as (
    select snapshot_date as from_snapshot_date, next_series_date as to_snapshot_date
    from dim_snapshot_dates
    where in_month_end_series and next_series_date is not null
),

bucket_count as (
    select count(*) as buckets from cfg_dpd_buckets
),

transitions as (
    select
        p.from_snapshot_date,
        p.to_snapshot_date,
        a.region_id,
        a.team_id,
        a.officer_id,
        a.product_line,
        a.channel_id,
        a.customer_type,
        a.dpd_bucket as from_bucket,
        a.bucket_no as from_bucket_no,
        case when b.status = 'active' then b.dpd_bucket else b.status end as to_state,
        -- Columns of the matrix: the buckets in order, then closed, then written off.
        case b.status
            when 'active' then b.bucket_no
            when 'closed' then bucket_count.buckets
            else bucket_count.buckets + 1
        end as to_state_no,
        a.outstanding_principal as balance_at_t,
        b.outstanding_principal as balance_at_t1
    from pairs as p
    inner join fct_loan_snapshots as a
        on a.snapshot_date = p.from_snapshot_date and a.status = 'active'
    inner join fct_loan_snapshots as b
        on b.loan_id = a.loan_id and b.snapshot_date = p.to_snapshot_date
    cross join bucket_count
),

final as (
    select
        from_snapshot_date,
        to_snapshot_date,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type,
        from_bucket,
        from_bucket_no,
        to_state,
        cast(to_state_no as integer) as to_state_no,
        count(*) as loans,
        sum(balance_at_t) as balance_at_t,
        sum(balance_at_t1) as balance_at_t1
    from transitions
    group by all
)

select * from final order by to_snapshot_date
