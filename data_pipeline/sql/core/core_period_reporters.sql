-- Who is expected to report for each open period: the units of the period's structure and
-- level (districts before the 2025 reorganisation, the new communes after it).
with final as (
    select
        core_open_periods.programme_id,
        core_open_periods.period,
        core_units.unit_code,
        core_units.official_code,
        core_units.unit_name
    from core_open_periods
    inner join core_units
        on core_units.programme_id = core_open_periods.programme_id
        and core_units.structure = core_open_periods.reporting_structure
        and core_units.unit_kind = core_open_periods.reporting_level
)

select * from final
