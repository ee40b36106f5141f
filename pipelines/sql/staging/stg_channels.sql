-- Acquisition channels. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: channel_id.
with source as (
    select * from raw_channels
),

final as (
    select
        channel_id,
        channel_name,
        channel_type
    from source
)

select * from final
