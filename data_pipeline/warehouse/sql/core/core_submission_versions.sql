-- Every report file accepted for a unit and period, numbered in the order received; the
-- newest (by report date, then ingest time) is the version in force.
with versions as (
    select
        programme_id,
        unit_code,
        period,
        file_sha256,
        source_name,
        submitted_on,
        submitted_on_source,
        ingested_at,
        template_version,
        row_number() over (
            partition by programme_id, unit_code, period order by ingested_at, submitted_on, file_sha256
        ) as version,
        row_number() over (
            partition by programme_id, unit_code, period
            order by submitted_on desc, ingested_at desc, file_sha256 desc
        ) = 1 as is_in_force
    from staging_report_submissions
)

select * from versions
