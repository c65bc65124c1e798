-- Reporting rate and on-time rate per programme and period (DHIS2's definitions):
-- reporting rate = received ÷ expected; on-time rate = received by the deadline ÷ expected.
with per_reporter as (
    select
        core_period_reporters.programme_id,
        core_period_reporters.period,
        core_submissions.first_submitted_on,
        core_open_periods.due_on
    from core_period_reporters
    inner join core_open_periods
        on core_open_periods.programme_id = core_period_reporters.programme_id
        and core_open_periods.period = core_period_reporters.period
    left join core_submissions
        on core_submissions.programme_id = core_period_reporters.programme_id
        and core_submissions.period = core_period_reporters.period
        and core_submissions.unit_code = core_period_reporters.unit_code
),

counts as (
    select
        programme_id,
        period,
        count(*) as expected,
        count(first_submitted_on) as received,
        count(*) filter (where first_submitted_on <= due_on) as on_time
    from per_reporter
    group by all
),

final as (
    select
        counts.programme_id,
        counts.period,
        core_open_periods.period_label,
        core_open_periods.sort_order as period_order,
        core_open_periods.due_on,
        core_open_periods.reporting_structure,
        core_open_periods.reporting_area_level,
        core_open_periods.agencies_report,
        counts.expected,
        counts.received,
        counts.on_time,
        counts.received - counts.on_time as late,
        counts.expected - counts.received as missing,
        counts.received / counts.expected as reporting_rate,
        counts.on_time / counts.expected as on_time_rate
    from counts
    inner join core_open_periods
        on core_open_periods.programme_id = counts.programme_id and core_open_periods.period = counts.period
)

select * from final
