-- Rows of the model registry files (mô hình), one per model per file.
with source as (
    select * from raw_models
),

final as (
    select
        file_sha256,
        ingested_at,
        programme_id,
        model_id,
        model_name,
        model_kind,
        participants,
        leader,
        content,
        platform,
        theme,
        unit_code,
        head,
        members,
        stage,
        stage in ('build', 'maintain', 'replicate') as is_active,
        cast(established_on as date) as established_on,
        cast(ended_on as date) as ended_on
    from source
)

select * from final
