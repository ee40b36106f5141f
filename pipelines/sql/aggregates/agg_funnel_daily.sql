-- Funnel cohorts by creation day: leads created per day and filter-dimension combination, how
-- many reached each stage within the conversion window, how they ended, and how many of them
-- have a complete window. Every funnel figure for a period is a sum of these rows.
-- Grain: (created_date, region_id, team_id, officer_id, channel_id, product_line, segment, customer_type).
with leads as (
    select * from fct_leads
),

final as (
    select
        created_date,
        region_id,
        team_id,
        officer_id,
        channel_id,
        product_line,
        segment,
        customer_type,
        count(*) as leads,
        count(*) filter (where window_complete) as window_complete_leads,
        count(*) filter (where reached_contacted) as reached_contacted,
        count(*) filter (where reached_meeting) as reached_meeting,
        count(*) filter (where reached_application) as reached_application,
        count(*) filter (where reached_approved) as reached_approved,
        count(*) filter (where reached_contracted) as reached_contracted,
        count(*) filter (where reached_disbursed) as reached_disbursed,
        count(*) filter (where outcome = 'disbursed') as outcome_disbursed,
        count(*) filter (where outcome = 'rejected') as outcome_rejected,
        count(*) filter (where outcome = 'lost') as outcome_lost,
        count(*) filter (where outcome = 'open') as outcome_open
    from leads
    group by all
)

select * from final
-- Day order keeps a period's rows together (DuckDB skips row groups outside the dates).
order by created_date
