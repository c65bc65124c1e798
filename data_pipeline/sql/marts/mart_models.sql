-- Models and members per programme, district, commune, kind, platform, theme and lifecycle stage.
with final as (
    select
        core_models.programme_id,
        core_models.district_code,
        districts.unit_name as district_name,
        core_models.commune_code,
        communes.unit_name as commune_name,
        coalesce(communes.lat, districts.lat) as lat,
        coalesce(communes.lon, districts.lon) as lon,
        core_models.model_kind,
        core_models.participants,
        core_models.platform,
        core_models.theme,
        core_models.stage,
        core_models.is_active,
        count(*) as models,
        sum(core_models.members)::bigint as members,
        count(distinct core_models.unit_code) as units_with_model
    from core_models
    left join core_units as districts
        on districts.programme_id = core_models.programme_id and districts.unit_code = core_models.district_code
    left join core_units as communes
        on communes.programme_id = core_models.programme_id and communes.unit_code = core_models.commune_code
    group by all
)

select * from final
