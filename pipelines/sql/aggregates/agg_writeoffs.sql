-- Write-offs (SPEC §4.3) by write-off date and the filter dimensions: the principal outstanding on
-- the write-off date of each loan written off by the as-of date. Only the loan's last snapshot row
-- counts (biweekly rows before it may already say written_off), so each written-off loan counts once.
with written_off as (
    select *
    from fct_loan_snapshots
    where status = 'written_off' and is_final_row
),

final as (
    select
        written_off_date,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type,
        count(*) as loans,
        sum(written_off_principal) as written_off_principal
    from written_off
    group by all
)

select * from final order by written_off_date
