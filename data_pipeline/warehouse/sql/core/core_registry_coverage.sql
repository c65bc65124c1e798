-- partition_by: programme_id
-- Coverage of each registry-measured indicator of target 2.9 (communes, villages, agencies,
-- schools, enterprises with at least one active model) per programme, view, open period, area
-- (and the province), on the period's date: its deadline, or the as-of date for a period not
-- yet due. A unit counts if it is in force on that date; a model is active on it if it was
-- established by then and had not ended (a model with no end date counts while its stage is
-- active). A model covers the units core_model_units lists for it. This is the registry's side
-- of the reconciliation with the units' reports, and the official figure of a sub-goal whose
-- programme file names the registry as its source.
with coverage_indicators as (
    select programme_id, indicator_code, coverage_of from core_indicators where coverage_of is not null
),

dates as (
    select programme_id, period, least(due_on, getvariable('as_of')) as on_date from core_open_periods
),

covered as (
    select distinct dates.programme_id, dates.period, models.unit_code
    from dates
    inner join core_model_units as models on models.programme_id = dates.programme_id
    where coalesce(models.established_on, dates.on_date) <= dates.on_date
        and (models.ended_on > dates.on_date or (models.ended_on is null and models.is_active))
),

units as (
    select
        dates.programme_id,
        dates.period,
        coverage_indicators.indicator_code,
        core_units.anchor_code,
        covered.unit_code is not null as has_model
    from dates
    inner join core_units on core_units.programme_id = dates.programme_id
    inner join coverage_indicators
        on coverage_indicators.programme_id = core_units.programme_id
        and coverage_indicators.coverage_of = core_units.unit_kind
    left join covered
        on covered.programme_id = dates.programme_id
        and covered.period = dates.period
        and covered.unit_code = core_units.unit_code
    where core_units.is_counted
        and (core_units.valid_from is null or core_units.valid_from <= dates.on_date)
        and (core_units.valid_to is null or dates.on_date <= core_units.valid_to)
),

counts as (
    select
        units.programme_id,
        core_area_rollup.view,
        units.period,
        core_area_rollup.area_code as unit_code,
        units.indicator_code,
        count(*) as units,
        count(*) filter (where units.has_model) as units_with_model
    from units
    inner join core_area_rollup
        on core_area_rollup.programme_id = units.programme_id
        and core_area_rollup.anchor_code = units.anchor_code
    group by all
)

select * from counts
