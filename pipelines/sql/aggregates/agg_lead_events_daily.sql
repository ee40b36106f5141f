-- Activity counts by event day (SPEC §4.1: applications, approvals, rejections are events by
-- occurred_at in the period). Only those three event stages are kept: the other stages are
-- four fifths of all events and no metric counts them by event day.
--
-- A lead counts once per event stage, on the day of its first event of that stage: a
-- duplicated or repeated event of the same stage for the same lead is not a second
-- application (a lead is one prospective loan). Counting first occurrences keeps the daily
-- rows additive, so the count for any period is a plain sum. Counts follow the events
-- themselves, not stage implication: an `approved` event without an `application` event adds
-- an approval and no application.
-- Grain: (occurred_date, stage, region_id, team_id, officer_id, channel_id, product_line, segment, customer_type).
with first_events as (
    select
        lead_id,
        stage,
        cast(min(occurred_at) as date) as occurred_date
    from stg_lead_events
    where stage in ('application', 'approved', 'rejected')
    group by lead_id, stage
),

leads as (
    select lead_id, region_id, team_id, officer_id, channel_id, product_line, segment, customer_type
    from fct_leads
),

final as (
    select
        first_events.occurred_date,
        first_events.stage,
        leads.region_id,
        leads.team_id,
        leads.officer_id,
        leads.channel_id,
        leads.product_line,
        leads.segment,
        leads.customer_type,
        count(*) as leads
    from first_events
    inner join leads using (lead_id)
    group by all
)

select * from final
-- Day order keeps a period's rows together (DuckDB skips row groups outside the dates).
order by occurred_date
