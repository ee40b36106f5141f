-- Monthly disbursement targets per team and product line, with the team's region and the
-- month's length, so a query can prorate them exactly for any date range (SPEC §4.2):
-- target(range) = Σ over months of amount × (days of the month inside the range / days_in_month).
-- Proration is left to the query (days inside the range depend on the range); amounts stay exact.
-- Primary key: (month, team_id, product_line).
with targets as (
    select * from stg_targets
),

final as (
    select
        -- The contract says `month` is the first day; truncating keeps the proration right anyway.
        cast(date_trunc('month', targets.month) as date) as month,
        last_day(targets.month) as month_end,
        cast(day(last_day(targets.month)) as integer) as days_in_month,
        -- Targets roll up team → region (the team's region as given in `teams`) → company.
        stg_teams.region_id,
        targets.team_id,
        targets.product_line,
        targets.base_amount,
        targets.stretch_amount
    from targets
    inner join stg_teams using (team_id)
)

select * from final
order by month, team_id, product_line
