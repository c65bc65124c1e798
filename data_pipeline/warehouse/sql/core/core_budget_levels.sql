-- The programme's budget by level (đồng), as configured.
select * from raw_budget_levels
