-- Delinquency snapshots (SPEC §4.3): one row per loan per snapshot date, from the loan's first
-- snapshot date (the first one on or after disbursement) up to and including the first date of the
-- month-end series (a month-end, or the as-of date) at which it is closed or written off, none
-- after. Rows at biweekly ends before that date may already say closed or written_off; the last
-- row (is_final_row) is the one roll rates and write-offs count.
--
-- Computed without the loans × dates × installments × payments explosion: fct_installment_settlement
-- gives each installment's settled date, and since installments settle in schedule order, on date D
-- the settled ones are the prefix seq 1..k where k is the largest seq settled on or before D. Each
-- installment is assigned to the first snapshot date on or after its settled date (the earliest of
-- its month-end, its biweekly period's closing Sunday and the as-of date); k is constant between
-- two such dates, so the rows are unrolled from those runs (equality joins and a window over the
-- runs only: as-of and range joins fall back to nested loops when DuckDB underestimates freshly
-- built tables). So:
--   outstanding (active) = principal − cum_principal_due of installment k
--   dpd = D − due_date of installment k + 1 when that is before D (the earliest unsettled
--         installment is k + 1 and every later one is due no earlier), else 0.
-- tests/test_snapshots.py checks this against the literal SPEC definition on the demo data.
-- Primary key: loan_id, snapshot_date.
with params as (
    select b.as_of, c.biweekly_anchor_monday as anchor
    from build_params as b, cfg_params as c
),

loans as (
    -- The loan's dimensions exactly as fct_loans attributes them (officer's current team → region).
    select
        l.loan_id,
        l.customer_id,
        l.officer_id,
        l.team_id,
        l.region_id,
        l.product_id,
        l.product_line,
        l.segment,
        l.channel_id,
        l.customer_type,
        l.principal,
        l.disbursed_date,
        l.vintage_month,
        l.written_off_date
    from fct_loans as l
    cross join params
    where l.disbursed_date <= params.as_of
),

settled_prefixes as (
    -- For each snapshot date: the longest prefix of the schedule settled by then among the
    -- installments that became settled since the previous snapshot, and its principal.
    select
        i.loan_id,
        -- The first snapshot date on or after the settled date: its month-end, the Sunday closing its
        -- biweekly period (anchor + 14k + 13, the same arithmetic as pipelines/periods.py) or the as-of.
        least(
            last_day(i.settled_date),
            params.anchor + 14 * cast(floor((i.settled_date - params.anchor) / 14) as integer) + 13,
            params.as_of
        ) as snapshot_date,
        max(i.seq) as settled_installments,
        max(i.cum_principal_due) as settled_principal
    from fct_installment_settlement as i
    cross join params
    where i.settled_date <= params.as_of
    group by all
),

schedules as (
    -- closed_date: the day the last installment was settled; null while any is unsettled.
    select
        loan_id,
        count(*) as installments,
        case when count(settled_date) = count(*) then max(settled_date) end as closed_date
    from fct_installment_settlement
    group by loan_id
),

loan_spans as (
    select
        l.*,
        coalesce(s.installments, 0) as installments,
        -- A loan without any installment has nothing left to settle: closed from disbursement.
        case when s.loan_id is null then l.disbursed_date else s.closed_date end as closed_date,
        least(
            last_day(l.disbursed_date),
            params.anchor + 14 * cast(floor((l.disbursed_date - params.anchor) / 14) as integer) + 13,
            params.as_of
        ) as first_snapshot_date
    from loans as l
    left join schedules as s on s.loan_id = l.loan_id
    cross join params
),

loan_end_dates as (
    -- The day the loan stopped being active: closed or written off, whichever came first
    -- (least() skips nulls; null while neither happened). A write-off dated before disbursement
    -- is bad data; it is taken to happen at disbursement.
    select
        *,
        case
            when least(closed_date, written_off_date) is not null
                then greatest(least(closed_date, written_off_date), disbursed_date)
        end as end_date
    from loan_spans
),

loan_ends as (
    -- The loan's last row is the first month-end-series date on or after its end date: the
    -- month-end of that day, or the as-of date within the as-of month; the as-of date when it has
    -- not ended.
    select
        l.*,
        case
            when l.end_date <= params.as_of then least(last_day(l.end_date), params.as_of)
            else params.as_of
        end as last_snapshot_date
    from loan_end_dates as l
    cross join params
),

loan_numbers as (
    -- The loan's first and last snapshot dates by their numbers (dim_snapshot_dates.snapshot_no).
    select l.*, f.snapshot_no as first_no, e.snapshot_no as last_no
    from loan_ends as l
    inner join dim_snapshot_dates as f on f.snapshot_date = l.first_snapshot_date
    inner join dim_snapshot_dates as e on e.snapshot_date = l.last_snapshot_date
),

prefix_changes as (
    -- Where the settled prefix grows, within the loan's rows: nothing settled from its first row on,
    -- then each snapshot at which more installments became settled (one settled before the first
    -- row counts from the first row; one after the last row is never seen).
    select loan_id, from_no, max(settled_installments) as settled_installments,
        max(settled_principal) as settled_principal
    from (
        select l.loan_id, l.first_no as from_no, 0 as settled_installments, 0 as settled_principal
        from loan_numbers as l
        union all
        select sp.loan_id, greatest(d.snapshot_no, l.first_no), sp.settled_installments, sp.settled_principal
        from settled_prefixes as sp
        inner join dim_snapshot_dates as d on d.snapshot_date = sp.snapshot_date
        inner join loan_numbers as l on l.loan_id = sp.loan_id
        where d.snapshot_no <= l.last_no
    )
    group by loan_id, from_no
),

segments as (
    -- Runs of consecutive snapshot dates over which the settled prefix (so the outstanding principal
    -- and the first unsettled installment) stays the same: from one change to the next.
    select
        c.*,
        coalesce(lead(c.from_no) over (partition by c.loan_id order by c.from_no) - 1, l.last_no) as to_no,
        nxt.due_date as first_unsettled_due_date
    from prefix_changes as c
    inner join loan_numbers as l on l.loan_id = c.loan_id
    left join fct_installment_settlement as nxt
        on nxt.loan_id = c.loan_id
        and nxt.seq = c.settled_installments + 1
),

with_first_unsettled as (
    -- One row per loan and snapshot date: each run unrolled, matched to its dates by number.
    -- (Equality joins only: a range join on the dates, with the row estimates DuckDB has for
    -- freshly built tables, can turn into a nested loop.)
    select l.*, s.settled_installments, s.settled_principal, s.first_unsettled_due_date,
        d.snapshot_date, d.is_month_end
    from (
        select loan_id, settled_installments, settled_principal, first_unsettled_due_date,
            unnest(range(from_no, to_no + 1)) as snapshot_no
        from segments
    ) as s
    inner join dim_snapshot_dates as d on d.snapshot_no = s.snapshot_no
    inner join loan_numbers as l on l.loan_id = s.loan_id
),

written_off_amounts as (
    -- Principal outstanding on the write-off date itself (payments up to and including that day
    -- count), the amount the write-off metric sums.
    select
        l.loan_id,
        l.principal
            - coalesce(sum(i.principal_due) filter (where i.settled_date <= l.written_off_date), 0)
            as written_off_principal
    from loans as l
    left join fct_installment_settlement as i on i.loan_id = l.loan_id
    where l.written_off_date is not null
    group by l.loan_id, l.principal
),

measured as (
    select
        f.*,
        case
            when f.written_off_date <= f.snapshot_date then 'written_off'
            when f.settled_installments = f.installments then 'closed'
            else 'active'
        end as status,
        case
            when f.first_unsettled_due_date < f.snapshot_date
                then cast(f.snapshot_date - f.first_unsettled_due_date as integer)
            else 0
        end as dpd,
        (year(f.snapshot_date) - year(f.vintage_month)) * 12
            + month(f.snapshot_date) - month(f.vintage_month) as mob
    from with_first_unsettled as f
),

dpd_bands as (
    -- Bucket and five-tier class of every dpd that occurs: the band with the largest minimum at or
    -- below it (the configured bands are contiguous from 0). Looked up once per distinct dpd, then
    -- joined by equality.
    select d.dpd, b.dpd_bucket, b.bucket_no, t.five_tier, t.tier_no
    from (select distinct dpd from measured) as d
    asof inner join cfg_dpd_buckets as b on d.dpd >= b.min_dpd
    asof inner join cfg_five_tier as t on d.dpd >= t.min_dpd
),

final as (
    select
        m.loan_id,
        m.snapshot_date,
        m.is_month_end,
        cast(m.mob as integer) as mob,
        m.status,
        case
            when m.status = 'active' then cast(m.principal - m.settled_principal as decimal(18, 2))
            else cast(0 as decimal(18, 2))
        end as outstanding_principal,
        m.dpd,
        b.dpd_bucket,
        b.bucket_no,
        b.five_tier,
        b.tier_no,
        cast(m.settled_installments as integer) as settled_installments,
        cast(m.installments as integer) as installments,
        m.first_unsettled_due_date,
        m.principal,
        m.disbursed_date,
        m.vintage_month,
        m.written_off_date,
        -- Only on the loan's last row when it is written off (earlier biweekly rows may already
        -- say written_off), so summing it never double counts.
        case
            when m.status = 'written_off' and m.snapshot_date = m.last_snapshot_date
                then cast(w.written_off_principal as decimal(18, 2))
        end as written_off_principal,
        m.snapshot_date = m.last_snapshot_date and m.status <> 'active' as is_final_row,
        m.region_id,
        m.team_id,
        m.officer_id,
        m.product_id,
        m.product_line,
        m.segment,
        m.channel_id,
        m.customer_id,
        m.customer_type
    from measured as m
    inner join dpd_bands as b on b.dpd = m.dpd
    left join written_off_amounts as w on w.loan_id = m.loan_id
)

-- No order: sorting 3-4 rows per loan-month costs more than any reader gains (they group or filter).
select * from final
