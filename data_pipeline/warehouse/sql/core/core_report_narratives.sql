-- The free text in force: each section of each unit's current report version.
with final as (
    select
        core_submissions.programme_id,
        core_submissions.unit_code,
        core_submissions.period,
        raw_report_narratives.section,
        raw_report_narratives.text
    from core_submissions
    inner join raw_report_narratives on raw_report_narratives.file_sha256 = core_submissions.file_sha256
)

select * from final
