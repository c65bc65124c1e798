-- partition_by: programme_id
-- Each unit counted by a coverage indicator of target 2.9 (communes, villages, agencies,
-- schools, enterprises in force at the as-of date), with its active models and their members.
-- A model covers the units core_model_units lists for it.
with coverage_indicators as (
    select programme_id, indicator_code, indicator_name, coverage_of, goal
    from core_indicators
    where coverage_of is not null
),

active_models as (
    select programme_id, unit_code, model_id, members from core_model_units where is_active
),

per_unit as (
    select programme_id, unit_code, count(*) as active_models, sum(members)::bigint as members
    from active_models
    group by all
),

final as (
    select
        core_units.programme_id,
        core_units.unit_code,
        core_units.official_code,
        core_units.unit_name,
        core_units.unit_kind,
        core_units.anchor_code,
        coverage_indicators.indicator_code,
        coverage_indicators.indicator_name,
        coverage_indicators.goal,
        coalesce(per_unit.active_models, 0) as active_models,
        coalesce(per_unit.members, 0) as members,
        per_unit.unit_code is not null as has_model
    from core_units
    inner join coverage_indicators
        on coverage_indicators.programme_id = core_units.programme_id
        and coverage_indicators.coverage_of = core_units.unit_kind
    left join per_unit
        on per_unit.programme_id = core_units.programme_id and per_unit.unit_code = core_units.unit_code
    where core_units.is_counted and core_units.is_current
)

select * from final
