-- Reporting compliance per programme, view, period and reporting unit (the rule is
-- core_compliance's), with the area each reporter belongs to in the view (its former
-- district, or the new commune that took most of its territory). Periods appear once they are
-- due (or once someone reported for them). Rates over any grouping: sum(is_received) or
-- sum(is_on_time) ÷ count(*) (every row is one expected report).
with final as (
    select
        core_compliance.programme_id,
        core_area_map.view,
        core_compliance.period,
        core_open_periods.period_label,
        core_open_periods.sort_order as period_order,
        core_compliance.due_on,
        reporters.unit_code,
        reporters.official_code,
        reporters.unit_name,
        reporters.unit_kind,
        core_area_map.area_code,
        areas.unit_name as area_name,
        areas.lat,
        areas.lon,
        core_compliance.submitted_on,
        core_compliance.last_submitted_on,
        core_compliance.version_count,
        core_compliance.source_name,
        core_compliance.status,
        core_compliance.days_late,
        core_compliance.is_received,
        core_compliance.is_on_time
    from core_compliance
    inner join core_open_periods
        on core_open_periods.programme_id = core_compliance.programme_id
        and core_open_periods.period = core_compliance.period
    inner join core_period_reporters as reporters
        on reporters.programme_id = core_compliance.programme_id
        and reporters.period = core_compliance.period
        and reporters.unit_code = core_compliance.unit_code
    inner join core_area_map
        on core_area_map.programme_id = reporters.programme_id
        and core_area_map.source_code = reporters.unit_code
        and core_area_map.is_primary
    inner join core_units as areas
        on areas.programme_id = core_area_map.programme_id and areas.unit_code = core_area_map.area_code
)

select * from final
