-- The disbursed leads alone, narrow and in disbursement order: the conversion cycle (median
-- days_to_disburse of leads disbursed in a period) needs each lead's exact value, and the
-- time-to-convert histogram of a cohort needs them by creation date. About a tenth of fct_leads.
-- Grain: one row per lead with a disbursed event (at any time, in or out of the window).
with leads as (
    select * from fct_leads
),

final as (
    select
        lead_id,
        created_date,
        disbursed_date,
        days_to_disburse,
        reached_disbursed,
        region_id,
        team_id,
        officer_id,
        channel_id,
        product_line,
        segment,
        customer_type
    from leads
    where disbursed_at is not null
)

select * from final
order by disbursed_date, lead_id
