-- Reporting compliance per programme, view, period and reporting unit: on time, late, or
-- missing, with the area each reporter belongs to in the view (its former district, or the
-- new commune that took most of its territory). Periods appear once they are due (or once
-- someone reported for them).
with final as (
    select
        core_open_periods.programme_id,
        core_area_map.view,
        core_open_periods.period,
        core_open_periods.period_label,
        core_open_periods.sort_order as period_order,
        core_open_periods.due_on,
        reporters.unit_code,
        reporters.official_code,
        reporters.unit_name,
        reporters.unit_kind,
        core_area_map.area_code,
        areas.unit_name as area_name,
        areas.lat,
        areas.lon,
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
    inner join core_period_reporters as reporters
        on reporters.programme_id = core_open_periods.programme_id and reporters.period = core_open_periods.period
    inner join core_area_map
        on core_area_map.programme_id = reporters.programme_id
        and core_area_map.source_code = reporters.unit_code
        and core_area_map.is_primary
    inner join core_units as areas
        on areas.programme_id = core_area_map.programme_id and areas.unit_code = core_area_map.area_code
    left join core_submissions
        on core_submissions.programme_id = core_open_periods.programme_id
        and core_submissions.period = core_open_periods.period
        and core_submissions.unit_code = reporters.unit_code
)

select * from final
