-- Areas ranked per programme, view and period by their mean attainment (rate ÷ goal, capped at
-- 1) over the indicators they have a figure for; the presentation page and the deck's ranking
-- slide read it. Not the unit rating, which also weighs reporting on time.
with scored as (
    select
        programme_id,
        view,
        period,
        unit_code as area_code,
        any_value(unit_name) as area_name,
        any_value(unit_level) as area_level,
        avg(attainment) as score,
        count(*) filter (where status = 'đạt') as indicators_met,
        count(attainment) as indicators
    from mart_attainment
    where unit_level <> 'province' and attainment is not null
    group by programme_id, view, period, unit_code
)

select
    *,
    rank() over (partition by programme_id, view, period order by score desc) as position
from scored
