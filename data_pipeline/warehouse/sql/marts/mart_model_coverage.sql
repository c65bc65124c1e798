-- Coverage of target 2.9 from the model registry: per programme, view, area (and province
-- total) and coverage indicator, the counted units and those with at least one active model.
-- Units are those in force at the as-of date (core_unit_coverage), so both views count the same.
with coverage_indicators as (
    select programme_id, indicator_code, indicator_name, coverage_of, goal
    from core_indicators
    where coverage_of is not null
),

counts as (
    select
        core_unit_coverage.programme_id,
        core_area_rollup.view,
        core_area_rollup.area_code as unit_code,
        core_unit_coverage.indicator_code,
        count(*) as units,
        count(*) filter (where core_unit_coverage.has_model) as units_with_model,
        sum(core_unit_coverage.members)::bigint as members
    from core_unit_coverage
    inner join core_area_rollup
        on core_area_rollup.programme_id = core_unit_coverage.programme_id
        and core_area_rollup.anchor_code = core_unit_coverage.anchor_code
    group by all
),

final as (
    select
        counts.programme_id,
        counts.view,
        counts.unit_code,
        core_units.unit_name,
        core_units.unit_kind as unit_level,
        core_units.lat,
        core_units.lon,
        counts.indicator_code,
        coverage_indicators.indicator_name,
        coverage_indicators.coverage_of,
        counts.units,
        counts.units_with_model,
        counts.members,
        case when counts.units > 0 then counts.units_with_model / counts.units end as coverage,
        coverage_indicators.goal
    from counts
    inner join coverage_indicators
        on coverage_indicators.programme_id = counts.programme_id
        and coverage_indicators.indicator_code = counts.indicator_code
    inner join core_units
        on core_units.programme_id = counts.programme_id and core_units.unit_code = counts.unit_code
)

select * from final
