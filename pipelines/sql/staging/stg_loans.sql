-- Disbursed loans. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: loan_id.
with source as (
    select * from raw_loans
),

final as (
    select
        loan_id,
        lead_id,
        customer_id,
        officer_id,
        product_id,
        channel_id,
        principal,
        annual_rate,
        term_months,
        disbursed_date,
        written_off_date
    from source
)

select * from final
