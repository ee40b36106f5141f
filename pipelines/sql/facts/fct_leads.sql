-- The funnel (SPEC §4.1): one row per lead, when it reached each stage, whether it got there
-- within the conversion window, how far it got and how it ended.
-- Primary key: lead_id. Stored in created_at order so cohort (created-date) scans stay short.
--
-- Stage numbers come from cfg_stage_thresholds (contacted = 1 … disbursed = 6, the contract's
-- order); `lead` (0) is where every lead starts. rejected and lost are outcomes, not stages.
--
-- The as-of date is a whole day: the data hold everything up to the end of that day. So a
-- lead's window is complete when its last instant (created_at + window) falls on or before
-- the as-of day, i.e. cast(created_at + window as date) <= as_of. A window ending exactly at
-- midnight after the as-of day is not complete: that instant still belongs to the window.
with params as (
    select conversion_window_days from cfg_params
),

as_of as (
    select as_of from build_params
),

stages as (
    select stage, stage_no from cfg_stage_thresholds
),

events as (
    select
        stg_lead_events.lead_id,
        stg_lead_events.stage,
        stg_lead_events.occurred_at,
        stg_lead_events.reason,
        stages.stage_no
    from stg_lead_events
    left join stages using (stage)
),

events_per_lead as (
    -- Reaching a later stage implies every earlier one: stage k is reached at the lead's first
    -- event of stage k or any later stage.
    select
        lead_id,
        min(occurred_at) filter (where stage_no >= 1) as contacted_at,
        min(occurred_at) filter (where stage_no >= 2) as meeting_at,
        min(occurred_at) filter (where stage_no >= 3) as application_at,
        min(occurred_at) filter (where stage_no >= 4) as approved_at,
        min(occurred_at) filter (where stage_no >= 5) as contracted_at,
        min(occurred_at) filter (where stage_no >= 6) as disbursed_at,
        -- The first rejected / lost event and its reason; a struct minimum keeps the pair
        -- together and picks the same row on every build.
        min({'at': occurred_at, 'reason': reason}) filter (where stage = 'rejected') as first_rejection,
        min({'at': occurred_at, 'reason': reason}) filter (where stage = 'lost') as first_loss
    from events
    group by lead_id
),

leads as (
    -- Organisation attribution: the officer's current team and that team's region.
    select
        stg_leads.lead_id,
        stg_leads.created_at,
        stg_leads.customer_id,
        stg_leads.officer_id,
        stg_officers.team_id,
        stg_teams.region_id,
        stg_leads.channel_id,
        stg_leads.product_id,
        stg_products.product_line,
        stg_products.segment,
        stg_customers.customer_type
    from stg_leads
    inner join stg_officers using (officer_id)
    inner join stg_teams using (team_id)
    inner join stg_products using (product_id)
    inner join stg_customers using (customer_id)
),

windowed as (
    select
        leads.*,
        leads.created_at + to_days(params.conversion_window_days) as window_end,
        events_per_lead.contacted_at,
        events_per_lead.meeting_at,
        events_per_lead.application_at,
        events_per_lead.approved_at,
        events_per_lead.contracted_at,
        events_per_lead.disbursed_at,
        events_per_lead.first_rejection.at as rejected_at,
        events_per_lead.first_rejection.reason as rejected_reason,
        events_per_lead.first_loss.at as lost_at,
        events_per_lead.first_loss.reason as lost_reason
    from leads
    cross join params
    left join events_per_lead using (lead_id)
),

reached as (
    -- Inclusive at the window's end: an event at exactly created_at + window counts.
    select
        windowed.*,
        coalesce(contacted_at <= window_end, false) as reached_contacted,
        coalesce(meeting_at <= window_end, false) as reached_meeting,
        coalesce(application_at <= window_end, false) as reached_application,
        coalesce(approved_at <= window_end, false) as reached_approved,
        coalesce(contracted_at <= window_end, false) as reached_contracted,
        coalesce(disbursed_at <= window_end, false) as reached_disbursed
    from windowed
),

furthest as (
    -- Stage implication makes reached_* monotone (a stage's time is never after a later
    -- stage's), so the furthest stage number is the count of stages reached.
    select
        reached.*,
        reached_contacted::integer + reached_meeting::integer + reached_application::integer
        + reached_approved::integer + reached_contracted::integer + reached_disbursed::integer
            as furthest_stage_no
    from reached
),

final as (
    select
        furthest.lead_id,
        furthest.created_at,
        cast(furthest.created_at as date) as created_date,
        furthest.customer_id,
        furthest.officer_id,
        furthest.team_id,
        furthest.region_id,
        furthest.channel_id,
        furthest.product_id,
        furthest.product_line,
        furthest.segment,
        furthest.customer_type,
        furthest.contacted_at,
        furthest.meeting_at,
        furthest.application_at,
        furthest.approved_at,
        furthest.contracted_at,
        furthest.disbursed_at,
        cast(furthest.disbursed_at as date) as disbursed_date,
        furthest.reached_contacted,
        furthest.reached_meeting,
        furthest.reached_application,
        furthest.reached_approved,
        furthest.reached_contracted,
        furthest.reached_disbursed,
        coalesce(stages.stage, 'lead') as furthest_stage,
        furthest.furthest_stage_no,
        -- Precedence: disbursed (at any time, in or out of the window) > rejected > lost > open.
        case
            when furthest.disbursed_at is not null then 'disbursed'
            when furthest.rejected_at is not null then 'rejected'
            when furthest.lost_at is not null then 'lost'
            else 'open'
        end as outcome,
        furthest.rejected_at,
        furthest.rejected_reason,
        furthest.lost_at,
        furthest.lost_reason,
        furthest.window_end,
        cast(furthest.window_end as date) <= as_of.as_of as window_complete,
        -- Fractional days, exact to the microsecond.
        (epoch_us(furthest.disbursed_at) - epoch_us(furthest.created_at)) / 86400000000.0 as days_to_disburse
    from furthest
    cross join as_of
    left join stages on stages.stage_no = furthest.furthest_stage_no
)

select * from final
order by created_at, lead_id
