-- Repayments received. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: payment_id.
with source as (
    select * from raw_payments
),

final as (
    select
        payment_id,
        loan_id,
        paid_date,
        amount
    from source
)

select * from final
