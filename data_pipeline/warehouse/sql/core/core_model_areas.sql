-- partition_by: programme_id
-- Each model of the registry in force with the area of each view it counts in: the area its
-- unit is anchored to (its commune, or its district for a district-level unit).
with final as (
    select core_models.*, core_area_map.view, core_area_map.area_code
    from core_models
    inner join core_units as units
        on units.programme_id = core_models.programme_id and units.unit_code = core_models.unit_code
    inner join core_area_map
        on core_area_map.programme_id = core_models.programme_id
        and core_area_map.source_code = units.anchor_code
        and core_area_map.is_primary
)

select * from final
