-- Repayment schedule of each loan. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: loan_id, installment_no.
with source as (
    select * from raw_installments
),

final as (
    select
        loan_id,
        installment_no,
        due_date,
        principal_due,
        interest_due
    from source
)

select * from final
