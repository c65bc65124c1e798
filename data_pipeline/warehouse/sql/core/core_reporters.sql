-- Who is expected to report for each configured period (open or not): the units of the
-- period's structure and area level (districts before the 2025 reorganisation, the new communes after it), and, where
-- the programme says so, the agencies of its seat (the province's sở, ban, ngành, or a city's
-- phòng ban: units of kind agency directly under the seat, from the units file).
with final as (
    select
        core_periods.programme_id,
        core_periods.period,
        core_units.unit_code,
        core_units.official_code,
        core_units.unit_name,
        core_units.unit_kind
    from core_periods
    inner join core_programmes on core_programmes.programme_id = core_periods.programme_id
    inner join core_units
        on core_units.programme_id = core_periods.programme_id
        and (
            (
                core_units.structure = core_periods.reporting_structure
                and core_units.unit_kind = core_periods.reporting_area_level
            )
            or (
                core_periods.agencies_report
                and core_units.unit_kind = 'agency'
                and core_units.parent_code = core_programmes.seat_code
            )
        )
)

select * from final
