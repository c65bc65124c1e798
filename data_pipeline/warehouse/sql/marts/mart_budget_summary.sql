-- Per programme and budget level, and in total: the planned amount (programme file), what the
-- units reported spending on it over all years (mart_budget), and the share spent. The tasks
-- page, its chart, the deck and the report read it.
with spent as (
    select programme_id, level, sum(spent)::bigint as spent from mart_budget group by all
),

levels as (
    select
        core_budget_levels.programme_id,
        core_budget_levels.level,
        core_budget_levels.level_name,
        core_budget_levels.planned,
        coalesce(spent.spent, 0)::bigint as spent,
        false as is_total
    from core_budget_levels
    left join spent
        on spent.programme_id = core_budget_levels.programme_id and spent.level = core_budget_levels.level
),

total as (
    select programme_id, 'total' as level, 'Tổng cộng' as level_name, sum(planned)::bigint as planned,
        sum(spent)::bigint as spent, true as is_total
    from levels
    group by programme_id
)

select *, spent / nullif(planned, 0) as spent_share
from (select * from levels union all select * from total)
