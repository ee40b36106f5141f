-- Sales activities of officers (optional table). Staging: the source's columns as typed by validation, nothing else.
-- Primary key: activity_id.
with source as (
    select * from raw_activities
),

final as (
    select
        activity_id,
        officer_id,
        customer_id,
        lead_id,
        activity_type,
        occurred_at
    from source
)

select * from final
