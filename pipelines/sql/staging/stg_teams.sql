-- Sales teams; each belongs to one region. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: team_id.
with source as (
    select * from raw_teams
),

final as (
    select
        team_id,
        team_name,
        region_id,
        team_type
    from source
)

select * from final
