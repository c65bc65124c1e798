-- One row per accepted report file: who reported which period, on what date.
with source as (
    select * from raw_report_submissions
),

final as (
    select
        file_sha256,
        source_name,
        ingested_at,
        programme_id,
        unit_code,
        period,
        cast(submitted_on as date) as submitted_on,
        submitted_on_source,
        template_version
    from source
)

select * from final
