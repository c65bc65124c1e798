-- Spending reported per programme, year, budget level and spending line. A year's figure of a
-- unit is its annual report's (which covers the whole year), or its 6-month report's while the
-- annual one is not in. The level is the reporter's: a district's or commune's own budget, and
-- for an agency of the seat the seat's (a sở spends the province's budget).
with reported as (
    select
        core_report_activities.programme_id,
        core_report_activities.unit_code,
        cast(left(core_report_activities.period, 4) as integer) as year,
        case reporters.unit_kind when 'agency' then seats.unit_kind else reporters.unit_kind end as level,
        core_report_activities.activity_code as line_code,
        core_report_activities.value,
        row_number() over (
            partition by core_report_activities.programme_id, core_report_activities.unit_code,
                left(core_report_activities.period, 4), core_report_activities.activity_code
            order by (core_report_activities.period = left(core_report_activities.period, 4)) desc, core_periods.sort_order desc
        ) as latest_first
    from core_report_activities
    inner join core_periods
        on core_periods.programme_id = core_report_activities.programme_id
        and core_periods.period = core_report_activities.period
    inner join core_period_reporters as reporters
        on reporters.programme_id = core_report_activities.programme_id
        and reporters.period = core_report_activities.period
        and reporters.unit_code = core_report_activities.unit_code
    inner join core_programmes on core_programmes.programme_id = core_report_activities.programme_id
    inner join core_units as seats
        on seats.programme_id = core_programmes.programme_id and seats.unit_code = core_programmes.seat_code
    inner join raw_budget_lines
        on raw_budget_lines.programme_id = core_report_activities.programme_id
        and raw_budget_lines.line_code = core_report_activities.activity_code
),

final as (
    select
        reported.programme_id,
        reported.year,
        reported.level,
        core_budget_levels.level_name,
        reported.line_code,
        raw_budget_lines.line_name,
        raw_budget_lines.sort_order as line_order,
        sum(reported.value)::bigint as spent,
        count(distinct reported.unit_code) as units_reporting
    from reported
    inner join raw_budget_lines
        on raw_budget_lines.programme_id = reported.programme_id and raw_budget_lines.line_code = reported.line_code
    left join core_budget_levels
        on core_budget_levels.programme_id = reported.programme_id and core_budget_levels.level = reported.level
    where reported.latest_first = 1
    group by all
)

select * from final
