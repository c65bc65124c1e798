-- partition_by: programme_id
-- Target 2.9 (the target whose sub-goals the model registry measures) per programme, view,
-- period, area (and the province) and sub-goal: the official figure (mart_attainment, from the
-- source the programme file names), and beside it both sources — what the units reported and
-- what the registry counts on the period's date — with the gap between them in points. Pages,
-- slides and the report show the official figure as "2.9.x" and the registry's only here,
-- labelled "theo sổ theo dõi mô hình". A sub-goal the registry cannot measure (households) has
-- no registry figure.
with coverage_targets as (
    select distinct programme_id, target_code from core_indicators where coverage_of is not null
),

final as (
    select
        mart_attainment.programme_id,
        mart_attainment.view,
        mart_attainment.period,
        mart_attainment.period_label,
        mart_attainment.period_order,
        mart_attainment.unit_code,
        mart_attainment.unit_name,
        mart_attainment.unit_level,
        mart_attainment.target_code,
        mart_attainment.indicator_code,
        mart_attainment.indicator_name,
        mart_attainment.indicator_order,
        core_indicators.coverage_of,
        mart_attainment.source as official_source,
        mart_attainment.numerator,
        mart_attainment.denominator,
        mart_attainment.rate,
        mart_attainment.goal,
        mart_attainment.expected,
        mart_attainment.status,
        reported.numerator as reported_numerator,
        reported.denominator as reported_denominator,
        case when reported.denominator > 0 then reported.numerator / reported.denominator end as reported_rate,
        registry.units as registry_units,
        registry.units_with_model as registry_units_with_model,
        case when registry.units > 0 then registry.units_with_model / registry.units end as registry_rate
    from mart_attainment
    inner join coverage_targets
        on coverage_targets.programme_id = mart_attainment.programme_id
        and coverage_targets.target_code = mart_attainment.target_code
    inner join core_indicators
        on core_indicators.programme_id = mart_attainment.programme_id
        and core_indicators.indicator_code = mart_attainment.indicator_code
    inner join core_attainment_counts as reported
        on reported.programme_id = mart_attainment.programme_id
        and reported.view = mart_attainment.view
        and reported.period = mart_attainment.period
        and reported.unit_code = mart_attainment.unit_code
        and reported.indicator_code = mart_attainment.indicator_code
    left join core_registry_coverage as registry
        on registry.programme_id = mart_attainment.programme_id
        and registry.view = mart_attainment.view
        and registry.period = mart_attainment.period
        and registry.unit_code = mart_attainment.unit_code
        and registry.indicator_code = mart_attainment.indicator_code
)

select *, registry_rate - reported_rate as gap from final
