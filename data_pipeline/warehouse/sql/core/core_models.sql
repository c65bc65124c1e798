-- partition_by: programme_id
-- The model registry in force: the latest registry file of each programme is a full snapshot.
with latest_registry as (
    select programme_id, arg_max(file_sha256, ingested_at) as file_sha256
    from staging_models
    group by programme_id
),

final as (
    select
        staging_models.programme_id,
        staging_models.model_id,
        staging_models.model_name,
        staging_models.model_kind,
        staging_models.participants,
        staging_models.leader,
        staging_models.content,
        staging_models.platform,
        staging_models.theme,
        staging_models.unit_code,
        units.unit_kind,
        units.commune_code,
        units.district_code,
        staging_models.head,
        staging_models.members,
        staging_models.stage,
        staging_models.is_active,
        staging_models.established_on,
        staging_models.ended_on
    from staging_models
    inner join latest_registry
        on latest_registry.programme_id = staging_models.programme_id
        and latest_registry.file_sha256 = staging_models.file_sha256
    left join core_units as units
        on units.programme_id = staging_models.programme_id and units.unit_code = staging_models.unit_code
)

select * from final
