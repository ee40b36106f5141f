-- Monthly disbursement targets; `month` is the first day of the month. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: month, team_id, product_line.
with source as (
    select * from raw_targets
),

final as (
    select
        month,
        team_id,
        product_line,
        base_amount,
        stretch_amount
    from source
)

select * from final
