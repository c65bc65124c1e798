-- Each district's progress through the steps of the programme file's `milestones`, from the
-- programme's latest milestone tracker: 'hoàn thành' (by the deadline), 'hoàn thành trễ',
-- 'quá hạn' (not done, deadline passed at the as-of date) or 'chưa đến hạn'. A district the
-- tracker leaves out has not done the step.
with latest_tracker as (
    select programme_id, arg_max(file_sha256, ingested_at) as file_sha256
    from raw_milestones
    group by programme_id
),

done as (
    select
        raw_milestones.programme_id,
        raw_milestones.unit_code,
        raw_milestones.step_id,
        min(raw_milestones.done_on) as done_on,
        any_value(raw_milestones.note) as note
    from raw_milestones
    inner join latest_tracker
        on latest_tracker.programme_id = raw_milestones.programme_id
        and latest_tracker.file_sha256 = raw_milestones.file_sha256
    group by all
),

steps as (
    select programme_id, step_id, step_name, sort_order, cast(due_on as date) as due_on
    from raw_plan_milestones
),

final as (
    select
        steps.programme_id,
        core_units.unit_code,
        core_units.unit_name,
        steps.step_id,
        steps.step_name,
        steps.sort_order as step_order,
        steps.due_on,
        done.done_on,
        done.note,
        case
            when done.done_on <= steps.due_on then 'hoàn thành'
            when done.done_on is not null then 'hoàn thành trễ'
            when steps.due_on < getvariable('as_of') then 'quá hạn'
            else 'chưa đến hạn'
        end as status,
        greatest(coalesce(done.done_on, getvariable('as_of')) - steps.due_on, 0) as days_late
    from steps
    inner join core_units
        on core_units.programme_id = steps.programme_id
        and core_units.structure = 'legacy'
        and core_units.unit_kind = 'district'
    left join done
        on done.programme_id = steps.programme_id
        and done.unit_code = core_units.unit_code
        and done.step_id = steps.step_id
)

select * from final
