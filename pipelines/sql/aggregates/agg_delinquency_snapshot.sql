-- Credit quality at each snapshot date by the filter dimensions (SPEC §4.3 "metrics at a snapshot
-- date, over active loans"): outstanding balance and the balance and count past each threshold.
-- The thresholds are the metrics' own definitions (overdue = dpd ≥ 1, PAR30 = dpd > 30,
-- PAR90 = dpd > 90, NPL = the substandard, doubtful and loss tiers), not configurable bounds.
-- Grain: snapshot_date × officer (→ team → region) × product line × channel × customer type;
-- agg_delinquency_snapshot_by_team drops the officer for pages not filtered by officer.
with active as (
    select *
    from fct_loan_snapshots
    where status = 'active'
),

final as (
    select
        snapshot_date,
        is_month_end,
        region_id,
        team_id,
        officer_id,
        product_line,
        channel_id,
        customer_type,
        count(*) as active_loans,
        sum(outstanding_principal) as balance,
        coalesce(sum(outstanding_principal) filter (where dpd >= 1), 0) as balance_dpd1,
        coalesce(sum(outstanding_principal) filter (where dpd > 30), 0) as balance_par30,
        coalesce(sum(outstanding_principal) filter (where dpd > 90), 0) as balance_par90,
        coalesce(sum(outstanding_principal) filter (
            where five_tier in ('substandard', 'doubtful', 'loss')
        ), 0) as balance_npl,
        count(*) filter (where dpd >= 1) as loans_dpd1,
        count(*) filter (where dpd > 30) as loans_par30,
        count(*) filter (where dpd > 90) as loans_par90,
        count(*) filter (where five_tier in ('substandard', 'doubtful', 'loss')) as loans_npl
    from active
    group by all
)

select * from final order by snapshot_date
