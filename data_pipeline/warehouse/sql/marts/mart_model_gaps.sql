-- Units that target 2.9 counts and that have no active model yet, with the area of each view
-- they belong to: the list the secretariat follows up.
with final as (
    select
        core_unit_coverage.programme_id,
        core_area_map.view,
        core_area_map.area_code,
        areas.unit_name as area_name,
        core_unit_coverage.indicator_code,
        core_unit_coverage.indicator_name,
        core_unit_coverage.unit_code,
        core_unit_coverage.official_code,
        core_unit_coverage.unit_name,
        core_unit_coverage.unit_kind
    from core_unit_coverage
    inner join core_area_map
        on core_area_map.programme_id = core_unit_coverage.programme_id
        and core_area_map.source_code = core_unit_coverage.anchor_code
        and core_area_map.is_primary
    inner join core_units as areas
        on areas.programme_id = core_area_map.programme_id and areas.unit_code = core_area_map.area_code
    where not core_unit_coverage.has_model
)

select * from final
