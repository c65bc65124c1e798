-- One row per programme, unit and period that has at least one report: the version in force
-- (the latest by report date, then by ingest time) and the history's count and first date.
with versions as (
    select
        *,
        row_number() over (
            partition by programme_id, unit_code, period
            order by submitted_on desc, ingested_at desc, file_sha256 desc
        ) as newest_first
    from staging_report_submissions
),

final as (
    select
        programme_id,
        unit_code,
        period,
        any_value(file_sha256) filter (where newest_first = 1) as file_sha256,
        any_value(source_name) filter (where newest_first = 1) as source_name,
        min(submitted_on) as first_submitted_on,
        max(submitted_on) as last_submitted_on,
        count(distinct file_sha256) as version_count
    from versions
    group by programme_id, unit_code, period
)

select * from final
