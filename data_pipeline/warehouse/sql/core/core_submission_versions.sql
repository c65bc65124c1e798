-- Every report file accepted for a unit and period, numbered in the order received: by when it
-- was received, then the number the unit gave it (a file without one is its first), then when
-- it was last saved. Intake holds back a file these facts cannot place, so no two versions tie
-- and no hash decides; the latest is the version in force.
with versions as (
    select
        programme_id,
        unit_code,
        period,
        file_sha256,
        source_name,
        submitted_on,
        received_at,
        received_source,
        recorded_on,
        version_reason,
        ingested_at,
        template_version,
        row_number() over receipt_order as version,
        count(*) over (partition by programme_id, unit_code, period) as version_count
    from staging_report_submissions
    window receipt_order as (
        partition by programme_id, unit_code, period order by received_at, coalesce(version_mark, 1), saved_at
    )
)

select
    * exclude (version_count),
    version = version_count as is_in_force
from versions
