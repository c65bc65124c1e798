-- The reporting rule, once: per programme, open period and expected reporter, whether its
-- report arrived by the deadline (its first version decides), late, not at all, or is not due
-- yet. The compliance mart shows it per view, and its summary counts it. The rates are
-- DHIS2's: reporting rate = received ÷ expected, on-time rate = received by the deadline ÷
-- expected (a reporter whose deadline is still ahead is expected and not yet received).
with final as (
    select
        core_open_periods.programme_id,
        core_open_periods.period,
        core_period_reporters.unit_code,
        core_open_periods.due_on,
        core_submissions.first_submitted_on as submitted_on,
        core_submissions.last_submitted_on,
        coalesce(core_submissions.version_count, 0) as version_count,
        core_submissions.source_name,
        case
            when core_submissions.first_submitted_on <= core_open_periods.due_on then 'đúng hạn'
            when core_submissions.first_submitted_on > core_open_periods.due_on then 'trễ hạn'
            when core_open_periods.due_on < getvariable('as_of') then 'chưa nộp'
            else 'chưa đến hạn'
        end as status,
        case
            when core_submissions.first_submitted_on is not null
                then greatest(core_submissions.first_submitted_on - core_open_periods.due_on, 0)
            else greatest(getvariable('as_of') - core_open_periods.due_on, 0)
        end as days_late
    from core_open_periods
    inner join core_period_reporters
        on core_period_reporters.programme_id = core_open_periods.programme_id
        and core_period_reporters.period = core_open_periods.period
    left join core_submissions
        on core_submissions.programme_id = core_open_periods.programme_id
        and core_submissions.period = core_open_periods.period
        and core_submissions.unit_code = core_period_reporters.unit_code
)

select
    *,
    -- the two rates' numerators, as 0/1 per reporter, so any grouping sums them the same way
    (status in ('đúng hạn', 'trễ hạn'))::int as is_received,
    (status = 'đúng hạn')::int as is_on_time
from final
