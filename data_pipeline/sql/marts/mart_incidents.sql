-- Cases and their outcomes per programme, month, commune and category (only non-empty cells).
with final as (
    select
        core_incidents.programme_id,
        core_incidents.month,
        core_incidents.commune_code,
        communes.unit_name as commune_name,
        core_incidents.district_code,
        districts.unit_name as district_name,
        communes.lat,
        communes.lon,
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
    left join core_units as communes
        on communes.programme_id = core_incidents.programme_id
        and communes.unit_code = core_incidents.commune_code
    left join core_units as districts
        on districts.programme_id = core_incidents.programme_id
        and districts.unit_code = core_incidents.district_code
    group by all
)

select * from final
