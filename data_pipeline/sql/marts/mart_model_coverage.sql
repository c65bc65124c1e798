-- Coverage of target 2.9 from the model registry: per programme, view, area (and province
-- total) and coverage indicator, the counted units and those with at least one active model.
-- Communes are those in force at the as-of date, so both views count the same units.
with coverage_indicators as (
    select programme_id, indicator_code, indicator_name, coverage_of, goal
    from core_indicators
    where coverage_of is not null
),

-- A model registered on a commune before 1/7/2025 covers the commune that took its territory.
active_units as (
    select programme_id, unit_code from core_models where is_active
    union
    select core_models.programme_id, core_unit_crosswalk.new_code
    from core_models
    inner join core_unit_crosswalk
        on core_unit_crosswalk.programme_id = core_models.programme_id
        and core_unit_crosswalk.old_code = core_models.unit_code
    where core_models.is_active
),

unit_flags as (
    select
        core_units.programme_id,
        core_units.anchor_code,
        coverage_indicators.indicator_code,
        active_units.unit_code is not null as has_model
    from core_units
    inner join coverage_indicators
        on coverage_indicators.programme_id = core_units.programme_id
        and coverage_indicators.coverage_of = core_units.unit_kind
    left join active_units
        on active_units.programme_id = core_units.programme_id and active_units.unit_code = core_units.unit_code
    where core_units.is_counted and core_units.is_current
),

by_area as (
    select
        unit_flags.programme_id,
        core_area_map.view,
        core_area_map.area_code as unit_code,
        unit_flags.indicator_code,
        count(*) as units,
        count(*) filter (where unit_flags.has_model) as units_with_model
    from unit_flags
    inner join core_area_map
        on core_area_map.programme_id = unit_flags.programme_id
        and core_area_map.source_code = unit_flags.anchor_code
        and core_area_map.is_primary
    inner join core_programmes on core_programmes.programme_id = unit_flags.programme_id
    where core_area_map.area_code <> core_programmes.province_code
    group by all
),

by_province as (
    select
        unit_flags.programme_id,
        core_views.view,
        core_programmes.province_code as unit_code,
        unit_flags.indicator_code,
        count(*) as units,
        count(*) filter (where unit_flags.has_model) as units_with_model
    from unit_flags
    inner join core_programmes on core_programmes.programme_id = unit_flags.programme_id
    cross join core_views
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
        case when counts.units > 0 then counts.units_with_model / counts.units end as coverage,
        coverage_indicators.goal
    from (select * from by_area union all select * from by_province) as counts
    inner join coverage_indicators
        on coverage_indicators.programme_id = counts.programme_id
        and coverage_indicators.indicator_code = counts.indicator_code
    inner join core_units
        on core_units.programme_id = counts.programme_id and core_units.unit_code = counts.unit_code
)

select * from final
