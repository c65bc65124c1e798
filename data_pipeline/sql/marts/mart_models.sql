-- Models and members per programme, view, area, kind, classification (participants, leader,
-- content), platform, themes (as listed, "; "-separated) and lifecycle stage.
-- A model counts in the area of the view its unit is anchored to (its commune or district).
with final as (
    select
        core_models.programme_id,
        core_area_map.view,
        core_area_map.area_code,
        areas.unit_name as area_name,
        areas.lat,
        areas.lon,
        core_models.model_kind,
        core_models.participants,
        core_models.leader,
        core_models.content,
        core_models.platform,
        core_models.theme,
        core_models.stage,
        core_models.is_active,
        count(*) as models,
        sum(core_models.members)::bigint as members,
        count(distinct core_models.unit_code) as units_with_model
    from core_models
    inner join core_units as units
        on units.programme_id = core_models.programme_id and units.unit_code = core_models.unit_code
    inner join core_area_map
        on core_area_map.programme_id = core_models.programme_id
        and core_area_map.source_code = units.anchor_code
        and core_area_map.is_primary
    inner join core_units as areas
        on areas.programme_id = core_area_map.programme_id and areas.unit_code = core_area_map.area_code
    group by all
)

select * from final
