-- The implementation plan's tasks with their progress: the plan (programme file) and the
-- secretariat's latest task tracker, matched on the task id (a task only in the tracker is
-- kept too; a standing task may be tracked as 3.1, 3.2… one row per year). Status at the
-- as-of date: 'hoàn thành' once done, 'quá hạn' past its deadline,
-- else 'đúng tiến độ' (standing tasks without a deadline stay on track until done).
with latest_tracker as (
    select programme_id, arg_max(file_sha256, ingested_at) as file_sha256
    from raw_tasks
    group by programme_id
),

tracked as (
    select raw_tasks.*
    from raw_tasks
    inner join latest_tracker
        on latest_tracker.programme_id = raw_tasks.programme_id and latest_tracker.file_sha256 = raw_tasks.file_sha256
),

final as (
    select
        coalesce(tracked.programme_id, plan.programme_id) as programme_id,
        coalesce(tracked.task_id, plan.task_id) as task_id,
        coalesce(tracked.task_name, plan.task_name) as task_name,
        coalesce(tracked.owner, plan.owner) as owner,
        coalesce(tracked.starts_on, core_programmes.start_on) as starts_on,
        coalesce(tracked.due_on, cast(plan.due_on as date)) as due_on,
        plan.recurrence,
        tracked.done_on,
        tracked.note,
        case
            when tracked.done_on is not null then 'hoàn thành'
            when coalesce(tracked.due_on, cast(plan.due_on as date)) < getvariable('as_of') then 'quá hạn'
            else 'đúng tiến độ'
        end as status,
        -- greatest() skips NULLs, so a task without a deadline comes out 0 days late
        case
            when tracked.done_on is not null then greatest(tracked.done_on - coalesce(tracked.due_on, cast(plan.due_on as date)), 0)
            else greatest(getvariable('as_of') - coalesce(tracked.due_on, cast(plan.due_on as date)), 0)
        end as days_late,
        tracked.task_id is not null as is_tracked
    from raw_plan_tasks as plan
    full outer join tracked on tracked.programme_id = plan.programme_id and tracked.task_id = plan.task_id
    inner join core_programmes on core_programmes.programme_id = coalesce(tracked.programme_id, plan.programme_id)
    -- a standing task the tracker follows year by year (ids 3.1, 3.2…) is shown by those rows
    where tracked.task_id is not null
        or not exists (
            select 1 from tracked as parts
            where parts.programme_id = plan.programme_id and parts.task_id like plan.task_id || '.%'
        )
)

select * from final
