-- Periods that have opened at the as-of date: already due, or already reported on.
with final as (
    select core_periods.*
    from core_periods
    where core_periods.due_on <= getvariable('as_of')
        or exists (
            select 1 from core_submissions
            where core_submissions.programme_id = core_periods.programme_id
                and core_submissions.period = core_periods.period
        )
)

select * from final
