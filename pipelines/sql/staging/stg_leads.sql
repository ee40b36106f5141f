-- Sales leads: one prospective loan for one customer. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: lead_id.
with source as (
    select * from raw_leads
),

final as (
    select
        lead_id,
        customer_id,
        officer_id,
        channel_id,
        product_id,
        created_at
    from source
)

select * from final
