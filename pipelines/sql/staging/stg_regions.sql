-- Sales regions. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: region_id.
with source as (
    select * from raw_regions
),

final as (
    select
        region_id,
        region_name
    from source
)

select * from final
