-- partition_by: programme_id
-- What the units reported, rolled up per programme, view, period, area (and the province) and
-- indicator: numerators and denominators summed over the period's reporters through
-- core_reporter_areas (a district's figures apportioned over the new communes that took its
-- territory), and how many of the reporters gave a figure. A missing report adds nothing and
-- is not a zero: an area whose reporters gave no figure has a null numerator.
with reporter_values as (
    select
        core_period_reporters.programme_id,
        core_period_reporters.period,
        core_period_reporters.unit_code as reporter_code,
        core_indicators.indicator_code,
        core_report_values.numerator,
        core_report_values.denominator
    from core_period_reporters
    inner join core_indicators on core_indicators.programme_id = core_period_reporters.programme_id
    left join core_report_values
        on core_report_values.programme_id = core_period_reporters.programme_id
        and core_report_values.period = core_period_reporters.period
        and core_report_values.unit_code = core_period_reporters.unit_code
        and core_report_values.indicator_code = core_indicators.indicator_code
),

final as (
    select
        reporter_values.programme_id,
        core_reporter_areas.view,
        reporter_values.period,
        core_reporter_areas.area_code as unit_code,
        reporter_values.indicator_code,
        sum(reporter_values.numerator * core_reporter_areas.weight) as numerator,
        sum(reporter_values.denominator * core_reporter_areas.weight) as denominator,
        count(distinct reporter_values.reporter_code) filter (where reporter_values.numerator is not null)
            as units_reported,
        count(distinct reporter_values.reporter_code) as units_expected
    from reporter_values
    inner join core_reporter_areas
        on core_reporter_areas.programme_id = reporter_values.programme_id
        and core_reporter_areas.period = reporter_values.period
        and core_reporter_areas.unit_code = reporter_values.reporter_code
    group by all
)

select * from final
