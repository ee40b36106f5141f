-- Borrowers, individual or business. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: customer_id.
with source as (
    select * from raw_customers
),

final as (
    select
        customer_id,
        customer_type,
        industry,
        region_id,
        credit_score,
        created_date
    from source
)

select * from final
