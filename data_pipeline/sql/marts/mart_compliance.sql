-- Reporting compliance per programme, period and reporting unit: on time, late, or missing.
-- Periods appear once they are due (or once someone reported for them).
with open_periods as (
    select core_periods.*
    from core_periods
    where core_periods.due_on <= getvariable('as_of')
        or exists (
            select 1 from core_submissions
            where core_submissions.programme_id = core_periods.programme_id
                and core_submissions.period = core_periods.period
        )
),

final as (
    select
        open_periods.programme_id,
        open_periods.period,
        open_periods.period_label,
        open_periods.sort_order as period_order,
        open_periods.due_on,
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
            when core_submissions.first_submitted_on <= open_periods.due_on then 'đúng hạn'
            when core_submissions.first_submitted_on > open_periods.due_on then 'trễ hạn'
            when open_periods.due_on < getvariable('as_of') then 'chưa nộp'
            else 'chưa đến hạn'
        end as status,
        case
            when core_submissions.first_submitted_on is not null
                then greatest(core_submissions.first_submitted_on - open_periods.due_on, 0)
            else greatest(getvariable('as_of') - open_periods.due_on, 0)
        end as days_late
    from open_periods
    inner join core_units as units
        on units.programme_id = open_periods.programme_id and units.is_reporting_unit
    left join core_submissions
        on core_submissions.programme_id = open_periods.programme_id
        and core_submissions.period = open_periods.period
        and core_submissions.unit_code = units.unit_code
)

select * from final
