-- partition_by: programme_id
-- Cases and their outcomes per programme, view, month, commune (as coded in the case list) and
-- category, with the area of the view the commune belongs to (only non-empty cells). Cases
-- coded with old communes are carried to the new communes, and cases coded with new communes
-- to the former districts, through core_area_map. Counted per commune first, then spread over
-- the views and named: the case list is the biggest table of the warehouse.
with per_commune as (
    select
        programme_id,
        month,
        commune_code,
        category_code,
        any_value(category_name) as category_name,
        count(*) as cases,
        count(*) filter (where outcome_code = 'xu_phat') as sanctioned,
        sum(fine)::bigint as fines,
        count(*) filter (where outcome_code = 'ran_de') as warned,
        sum(taken_down)::bigint as taken_down,
        count(*) filter (where outcome_code = 'khoi_to') as prosecuted,
        sum(loss)::bigint as loss
    from core_incidents
    group by programme_id, month, commune_code, category_code
),

final as (
    select
        per_commune.programme_id,
        core_area_map.view,
        per_commune.month,
        per_commune.commune_code,
        communes.unit_name as commune_name,
        core_area_map.area_code,
        areas.unit_name as area_name,
        areas.lat,
        areas.lon,
        per_commune.category_code,
        per_commune.category_name,
        per_commune.cases,
        per_commune.sanctioned,
        per_commune.fines,
        per_commune.warned,
        per_commune.taken_down,
        per_commune.prosecuted,
        per_commune.loss
    from per_commune
    inner join core_area_map
        on core_area_map.programme_id = per_commune.programme_id
        and core_area_map.source_code = per_commune.commune_code
        and core_area_map.is_primary
    left join core_units as communes
        on communes.programme_id = per_commune.programme_id
        and communes.unit_code = per_commune.commune_code
    left join core_units as areas
        on areas.programme_id = core_area_map.programme_id and areas.unit_code = core_area_map.area_code
)

select * from final
