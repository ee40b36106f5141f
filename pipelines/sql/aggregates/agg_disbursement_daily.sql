-- Disbursement by day: amount, count and repeat loans per disbursement day and filter-dimension
-- combination. Every disbursement figure for a period (amount, count, average ticket, repeat
-- rate, series, mix, leaderboard) is a sum of these rows.
-- Grain: (disbursed_date, region_id, team_id, officer_id, channel_id, product_line, segment, customer_type).
with loans as (
    select * from fct_loans
),

final as (
    select
        disbursed_date,
        region_id,
        team_id,
        officer_id,
        channel_id,
        product_line,
        segment,
        customer_type,
        count(*) as loans,
        -- Money stays exact: DECIMAL sums.
        cast(sum(principal) as decimal(18, 2)) as amount,
        count(*) filter (where is_repeat) as repeat_loans,
        cast(coalesce(sum(principal) filter (where is_repeat), 0) as decimal(18, 2)) as repeat_amount
    from loans
    group by all
)

select * from final
-- Day order keeps a period's rows together (DuckDB skips row groups outside the dates).
order by disbursed_date
