-- Where each scored customer's loans stand at the RFM as-of date, for the customer action
-- lists (a repeat-loan offer goes to customers who are not behind on a loan and never had one
-- written off). Kept apart from fct_customer_rfm so RFM scoring reads only the loans themselves.
-- One row per (customer_id, as_of) of fct_customer_rfm. Every RFM as-of is also a snapshot
-- date of fct_loan_snapshots (both are the build's as-of date and the month-ends before it).
-- Primary key: (customer_id, as_of).
with scored as (
    select
        customer_id, as_of, region_id, team_id, officer_id, product_line, channel_id, customer_type
    from fct_customer_rfm
),

snapshot_status as (
    -- All the customer's loans on the books at the as-of, not only those in the RFM window.
    select
        scored.customer_id,
        scored.as_of,
        count(*) filter (where s.status = 'active') as active_loans,
        count(*) filter (where s.status = 'active' and s.dpd >= 1) as past_due_loans,
        coalesce(max(s.dpd) filter (where s.status = 'active'), 0) as max_dpd,
        coalesce(sum(s.outstanding_principal), 0) as outstanding_principal
    from scored
    inner join fct_loan_snapshots as s
        on s.customer_id = scored.customer_id
        and s.snapshot_date = scored.as_of
    group by scored.customer_id, scored.as_of
),

write_offs as (
    -- A loan drops out of the snapshots after its write-off row, so write-offs come from the loans.
    select
        scored.customer_id,
        scored.as_of,
        count(*) as written_off_loans
    from scored
    inner join stg_loans as l
        on l.customer_id = scored.customer_id
        and l.written_off_date <= scored.as_of
    group by scored.customer_id, scored.as_of
),

final as (
    select
        scored.customer_id,
        scored.as_of,
        cast(coalesce(snapshot_status.active_loans, 0) as integer) as active_loans,
        cast(coalesce(snapshot_status.past_due_loans, 0) as integer) as past_due_loans,
        cast(coalesce(snapshot_status.max_dpd, 0) as integer) as max_dpd,
        cast(coalesce(snapshot_status.outstanding_principal, 0) as decimal(18, 2)) as outstanding_principal,
        cast(coalesce(write_offs.written_off_loans, 0) as integer) as written_off_loans,
        scored.region_id,
        scored.team_id,
        scored.officer_id,
        scored.product_line,
        scored.channel_id,
        scored.customer_type
    from scored
    left join snapshot_status
        on scored.customer_id = snapshot_status.customer_id
        and scored.as_of = snapshot_status.as_of
    left join write_offs
        on scored.customer_id = write_offs.customer_id
        and scored.as_of = write_offs.as_of
    order by scored.as_of, scored.customer_id
)

select * from final
