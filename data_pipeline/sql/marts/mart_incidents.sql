-- partition_by: programme_id
-- Cases and their outcomes per programme, view, month, commune (as coded in the case list) and
-- category, with the area of the view the commune belongs to (only non-empty cells). Cases
-- coded with old communes are carried to the new communes, and cases coded with new communes
-- to the former districts, through core_area_map.
with final as (
    select
        core_incidents.programme_id,
        core_area_map.view,
        core_incidents.month,
        core_incidents.commune_code,
        communes.unit_name as commune_name,
        core_area_map.area_code,
        areas.unit_name as area_name,
        areas.lat,
        areas.lon,
        core_incidents.category_code,
        any_value(core_incidents.category_name) as category_name,
        count(*) as cases,
        count(*) filter (where core_incidents.outcome_code = 'xu_phat') as sanctioned,
        sum(core_incidents.fine)::bigint as fines,
        count(*) filter (where core_incidents.outcome_code = 'ran_de') as warned,
        sum(core_incidents.taken_down)::bigint as taken_down,
        count(*) filter (where core_incidents.outcome_code = 'khoi_to') as prosecuted,
        sum(core_incidents.loss)::bigint as loss
    from core_incidents
    inner join core_area_map
        on core_area_map.programme_id = core_incidents.programme_id
        and core_area_map.source_code = core_incidents.commune_code
        and core_area_map.is_primary
    left join core_units as communes
        on communes.programme_id = core_incidents.programme_id
        and communes.unit_code = core_incidents.commune_code
    left join core_units as areas
        on areas.programme_id = core_area_map.programme_id and areas.unit_code = core_area_map.area_code
    group by all
)

select * from final
