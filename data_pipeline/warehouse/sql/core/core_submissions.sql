-- One row per programme, unit and period that has at least one report: the version in force
-- and the history's count and first date (the first report decides whether it was on time).
with final as (
    select
        programme_id,
        unit_code,
        period,
        any_value(file_sha256) filter (where is_in_force) as file_sha256,
        any_value(source_name) filter (where is_in_force) as source_name,
        min(submitted_on) as first_submitted_on,
        max(submitted_on) as last_submitted_on,
        count(*) as version_count
    from core_submission_versions
    group by programme_id, unit_code, period
)

select * from final
