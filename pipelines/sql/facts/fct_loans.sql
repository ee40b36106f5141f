-- Disbursement (SPEC §4.2): one row per loan with its organisation, product, channel and
-- customer dimensions and whether it is a repeat loan (复贷).
-- Primary key: loan_id. Stored in disbursed_date order so period scans stay short.
with loans as (
    select * from stg_loans
),

first_disbursement as (
    -- A loan is a repeat loan when its customer has another loan with a strictly earlier
    -- disbursed_date, i.e. when the customer's first disbursement date is before this loan's.
    -- Two loans on the customer's first day are therefore neither of them repeats.
    select customer_id, min(disbursed_date) as first_disbursed_date
    from loans
    group by customer_id
),

final as (
    select
        loans.loan_id,
        loans.disbursed_date,
        cast(date_trunc('month', loans.disbursed_date) as date) as vintage_month,
        loans.principal,
        loans.annual_rate,
        loans.term_months,
        loans.customer_id,
        -- Organisation attribution: the officer's current team and that team's region.
        loans.officer_id,
        stg_officers.team_id,
        stg_teams.region_id,
        loans.channel_id,
        loans.product_id,
        stg_products.product_line,
        stg_products.segment,
        stg_customers.customer_type,
        loans.lead_id,
        loans.disbursed_date > first_disbursement.first_disbursed_date as is_repeat,
        loans.written_off_date
    from loans
    inner join first_disbursement using (customer_id)
    inner join stg_officers on stg_officers.officer_id = loans.officer_id
    inner join stg_teams on stg_teams.team_id = stg_officers.team_id
    inner join stg_products on stg_products.product_id = loans.product_id
    inner join stg_customers on stg_customers.customer_id = loans.customer_id
)

select * from final
order by disbursed_date, loan_id
