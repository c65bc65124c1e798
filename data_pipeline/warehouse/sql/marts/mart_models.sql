-- Models and members per programme, view, area, kind, classification (participants, leader,
-- content), platform, themes (as listed, "; "-separated) and lifecycle stage.
-- A model counts in the area of the view its unit is anchored to (its commune or district).
with final as (
    select
        model_areas.programme_id,
        model_areas.view,
        model_areas.area_code,
        areas.unit_name as area_name,
        areas.lat,
        areas.lon,
        model_areas.model_kind,
        model_areas.participants,
        model_areas.leader,
        model_areas.content,
        model_areas.platform,
        model_areas.theme,
        model_areas.stage,
        model_areas.is_active,
        count(*) as models,
        sum(model_areas.members)::bigint as members,
        count(distinct model_areas.unit_code) as units_with_model
    from core_model_areas as model_areas
    inner join core_units as areas
        on areas.programme_id = model_areas.programme_id and areas.unit_code = model_areas.area_code
    group by all
)

select * from final
