-- The activity counts and spending in force: those of each unit's current report version.
with final as (
    select
        core_submissions.programme_id,
        core_submissions.unit_code,
        core_submissions.period,
        raw_report_activities.activity_code,
        raw_report_activities.value
    from core_submissions
    inner join raw_report_activities on raw_report_activities.file_sha256 = core_submissions.file_sha256
)

select * from final
