-- The figures in force: the values of each unit's current report version.
with final as (
    select
        core_submissions.programme_id,
        core_submissions.unit_code,
        core_submissions.period,
        staging_report_values.indicator_code,
        staging_report_values.numerator,
        staging_report_values.denominator
    from core_submissions
    inner join staging_report_values on staging_report_values.file_sha256 = core_submissions.file_sha256
)

select * from final
