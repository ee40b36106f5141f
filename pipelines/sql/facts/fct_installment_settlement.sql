-- One row per installment with the date it became settled (SPEC §4.3), the building block of
-- fct_loan_snapshots. Installment i is settled by date D when cum_due_i ≤ paid_by_D + 0.01, so it
-- becomes settled on the first payment date at which the loan's cumulative payments reach
-- cum_due_i − 0.01, and stays settled (payments only add up). Because cum_due grows along the
-- schedule, settled dates never decrease along it: on any date the settled installments are a
-- prefix of the schedule (seq 1..k). fct_loan_snapshots relies on that.
-- Primary key: loan_id, installment_no.
with schedule as (
    select
        i.loan_id,
        i.installment_no,
        i.due_date,
        i.principal_due,
        i.interest_due,
        -- SPEC order: by due date, then installment number.
        row_number() over schedule_order as seq,
        sum(i.principal_due + i.interest_due) over schedule_order as cum_due,
        sum(i.principal_due) over schedule_order as cum_principal_due
    from stg_installments as i
    window schedule_order as (
        partition by i.loan_id
        order by i.due_date, i.installment_no
        rows between unbounded preceding and current row
    )
),

daily_payments as (
    -- Days with no money in would tie with the day before in the running total below and make
    -- the as-of match ambiguous; they settle nothing, so they are left out.
    select loan_id, paid_date, sum(amount) as amount
    from stg_payments
    group by loan_id, paid_date
    having sum(amount) > 0
),

paid_to_date as (
    select
        loan_id,
        paid_date,
        sum(amount) over (partition by loan_id order by paid_date) as cum_paid
    from daily_payments
),

thresholds_and_payments as (
    -- One stream per loan of what each installment needs (cum_due − 0.01) and what was paid by
    -- each payment date (cum_paid). Ordered by amount, an installment comes before a payment of
    -- the same amount (which does settle it).
    select loan_id, seq, cum_due - 0.01 as amount, 0 as kind, cast(null as date) as paid_date
    from schedule
    union all
    select loan_id, null, cum_paid, 1, paid_date
    from paid_to_date
),

settlement_dates as (
    -- The first payment date whose running total reaches the installment's need is the date of the
    -- next payment in amount order (cum_paid strictly increases with paid_date, so the earliest
    -- such date is the smallest later one). A window rather than an as-of join: DuckDB turns an
    -- as-of join into a nested loop when it underestimates freshly built tables.
    select
        loan_id,
        seq,
        min(paid_date) over (
            partition by loan_id
            order by amount, kind
            rows between current row and unbounded following
        ) as first_covering_payment_date,
        kind
    from thresholds_and_payments
),

settlement as (
    select s.*, d.first_covering_payment_date
    from schedule as s
    inner join settlement_dates as d on d.loan_id = s.loan_id and d.seq = s.seq and d.kind = 0
),

final as (
    select
        s.loan_id,
        s.installment_no,
        cast(s.seq as integer) as seq,
        s.due_date,
        s.principal_due,
        s.interest_due,
        s.cum_due,
        s.cum_principal_due,
        -- An installment with (almost) nothing cumulatively due is settled before any payment:
        -- from the day the loan is disbursed.
        case
            when s.cum_due - 0.01 <= 0 then l.disbursed_date
            else s.first_covering_payment_date
        end as settled_date
    from settlement as s
    inner join stg_loans as l on l.loan_id = s.loan_id
)

select * from final
