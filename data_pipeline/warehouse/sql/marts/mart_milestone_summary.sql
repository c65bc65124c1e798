-- Per programme and step of a model built in steps: how many districts finished it by the
-- deadline, late, are overdue, or are not yet due (from mart_milestones' statuses).
with final as (
    select
        programme_id,
        step_id,
        any_value(step_name) as step_name,
        any_value(due_on) as due_on,
        any_value(step_order) as step_order,
        count(*) as units,
        count(*) filter (where status = 'hoàn thành') as done,
        count(*) filter (where status = 'hoàn thành trễ') as done_late,
        count(*) filter (where status = 'quá hạn') as overdue,
        count(*) filter (where status = 'chưa đến hạn') as not_due
    from mart_milestones
    group by programme_id, step_id
)

select * from final
