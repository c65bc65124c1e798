-- One row per accepted report file: who reported which period, when it was received and what
-- says so, the date the unit wrote in it, and the facts that order it among its report's files.
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
        received_at,
        received_source,
        cast(recorded_on as date) as recorded_on,
        version_mark,
        version_mark_source,
        saved_at,
        version_reason,
        figures_sha256,
        template_version
    from source
)

select * from final
