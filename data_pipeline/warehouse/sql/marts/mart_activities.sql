-- Activity counts per programme, view, period, area (and the province total) and activity, as
-- the units reported them for the period. A year's reports are cumulative (the 6-month report
-- covers January–June, the annual one the whole year), so periods are shown side by side and
-- never added together. A district's counts are spread over the new communes with
-- core_reporter_areas' weights; the province total is the plain sum over the units that reported.
with all_rows as (
    select
        core_report_activities.programme_id,
        core_reporter_areas.view,
        core_report_activities.period,
        core_reporter_areas.area_code,
        core_report_activities.activity_code,
        sum(core_report_activities.value * core_reporter_areas.weight) as value,
        count(distinct core_report_activities.unit_code) as units_reported
    from core_report_activities
    inner join core_reporter_areas
        on core_reporter_areas.programme_id = core_report_activities.programme_id
        and core_reporter_areas.period = core_report_activities.period
        and core_reporter_areas.unit_code = core_report_activities.unit_code
    group by all
),

final as (
    select
        all_rows.programme_id,
        all_rows.view,
        all_rows.period,
        core_open_periods.period_label,
        core_open_periods.sort_order as period_order,
        all_rows.area_code,
        core_units.unit_name as area_name,
        core_units.unit_kind as area_level,
        all_rows.activity_code,
        raw_activities.activity_name,
        raw_activities.sort_order as activity_order,
        raw_activities.is_spending,
        all_rows.value,
        all_rows.units_reported
    from all_rows
    inner join core_open_periods
        on core_open_periods.programme_id = all_rows.programme_id and core_open_periods.period = all_rows.period
    inner join raw_activities
        on raw_activities.programme_id = all_rows.programme_id
        and raw_activities.activity_code = all_rows.activity_code
    inner join core_units
        on core_units.programme_id = all_rows.programme_id and core_units.unit_code = all_rows.area_code
)

select * from final
