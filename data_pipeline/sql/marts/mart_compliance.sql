-- Reporting compliance per programme, period and reporting unit: on time, late, or missing.
-- Periods appear once they are due (or once someone reported for them).
with final as (
    select
        core_open_periods.programme_id,
        core_open_periods.period,
        core_open_periods.period_label,
        core_open_periods.sort_order as period_order,
        core_open_periods.due_on,
        units.unit_code,
        units.unit_name,
        units.parent_code,
        units.lat,
        units.lon,
        core_submissions.first_submitted_on as submitted_on,
        core_submissions.last_submitted_on,
        coalesce(core_submissions.version_count, 0) as version_count,
        core_submissions.source_name,
        case
            when core_submissions.first_submitted_on <= core_open_periods.due_on then 'đúng hạn'
            when core_submissions.first_submitted_on > core_open_periods.due_on then 'trễ hạn'
            when core_open_periods.due_on < getvariable('as_of') then 'chưa nộp'
            else 'chưa đến hạn'
        end as status,
        case
            when core_submissions.first_submitted_on is not null
                then greatest(core_submissions.first_submitted_on - core_open_periods.due_on, 0)
            else greatest(getvariable('as_of') - core_open_periods.due_on, 0)
        end as days_late
    from core_open_periods
    inner join core_units as units
        on units.programme_id = core_open_periods.programme_id and units.is_reporting_unit
    left join core_submissions
        on core_submissions.programme_id = core_open_periods.programme_id
        and core_submissions.period = core_open_periods.period
        and core_submissions.unit_code = units.unit_code
)

select * from final
