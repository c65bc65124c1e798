-- The units each registered model covers: the unit it is registered on and, for a commune
-- before 1/7/2025, the commune that took its territory (so both structures count it).
with final as (
    select programme_id, unit_code, model_id, members, established_on, ended_on, is_active from core_models
    union all
    select
        core_models.programme_id,
        core_unit_crosswalk.new_code,
        core_models.model_id,
        core_models.members,
        core_models.established_on,
        core_models.ended_on,
        core_models.is_active
    from core_models
    inner join core_unit_crosswalk
        on core_unit_crosswalk.programme_id = core_models.programme_id
        and core_unit_crosswalk.old_code = core_models.unit_code
)

select * from final
