-- Loan products. Staging: the source's columns as typed by validation, nothing else.
-- Primary key: product_id.
with source as (
    select * from raw_products
),

final as (
    select
        product_id,
        product_name,
        product_line,
        segment
    from source
)

select * from final
