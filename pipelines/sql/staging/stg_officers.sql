-- Account managers (客户经理) and their current team. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: officer_id.
with source as (
    select * from raw_officers
),

final as (
    select
        officer_id,
        officer_name,
        team_id,
        hire_date,
        leave_date
    from source
)

select * from final
