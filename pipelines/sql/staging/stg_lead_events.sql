-- Stage changes of leads. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: none (an event log).
with source as (
    select * from raw_lead_events
),

final as (
    select
        lead_id,
        stage,
        occurred_at,
        reason
    from source
)

select * from final
