-- partition_by: programme_id
-- Attainment per programme, view, period, area (and the province total) and indicator.
-- A missing report is "chưa có số liệu", never zero. Each view rolls the period's reporters up
-- into its areas through core_reporter_areas (apportioning a district's figures over the new
-- communes that took its territory); rates are recomputed from the summed numerators and
-- denominators. The province total is Σ numerators ÷ Σ denominators of the units that
-- reported, the same in both views, with how many reported.
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

all_rows as (
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
),

-- Period and indicator attributes are carried from here rather than joined again below: joined
-- in one step with core_units, DuckDB paired every unit with every period and indicator of its
-- programme first (36 million rows for the country).
rated as (
    select
        all_rows.*,
        case when all_rows.denominator > 0 then all_rows.numerator / all_rows.denominator end as rate,
        core_indicators.goal,
        case when core_indicators.is_cumulative then core_indicators.goal * core_open_periods.trajectory_share end
            as expected,
        core_open_periods.period_label,
        core_open_periods.due_on,
        core_open_periods.sort_order as period_order,
        core_open_periods.reporting_structure,
        core_indicators.target_code,
        core_indicators.target_name,
        core_indicators.indicator_name,
        core_indicators.sort_order as indicator_order,
        core_indicators.is_cumulative
    from all_rows
    inner join core_indicators
        on core_indicators.programme_id = all_rows.programme_id
        and core_indicators.indicator_code = all_rows.indicator_code
    inner join core_open_periods
        on core_open_periods.programme_id = all_rows.programme_id and core_open_periods.period = all_rows.period
),

final as (
    select
        rated.programme_id,
        rated.view,
        rated.period,
        rated.period_label,
        rated.due_on,
        rated.period_order,
        rated.reporting_structure,
        rated.unit_code,
        core_units.unit_name,
        core_units.unit_kind as unit_level,
        core_units.lat,
        core_units.lon,
        rated.target_code,
        rated.target_name,
        rated.indicator_code,
        rated.indicator_name,
        rated.indicator_order,
        rated.is_cumulative,
        rated.numerator,
        rated.denominator,
        rated.rate,
        rated.goal,
        -- least() skips NULLs, so guard it: a missing rate must stay missing, not become 100 %.
        case when rated.rate is not null then least(rated.rate / rated.goal, 1.0) end as attainment,
        rated.expected,
        -- How far along the unit is against what is due now: the trajectory value for
        -- cumulative targets, the goal for annual ones (1 = on track or better).
        case when rated.rate is not null then least(rated.rate / coalesce(nullif(rated.expected, 0), rated.goal), 1.0) end
            as progress,
        case
            when rated.numerator is null then 'chưa có số liệu'
            when rated.denominator = 0 then 'không áp dụng'
            -- Compare counts, not floating rates, so 8 of 10 meets an 80 % goal exactly.
            when rated.numerator >= round(rated.goal * rated.denominator, 9) then 'đạt'
            when rated.expected is not null
                and rated.numerator >= round(rated.expected * rated.denominator, 9) then 'đúng lộ trình'
            else 'chậm'
        end as status,
        rated.units_reported,
        rated.units_expected,
        rated.reporting_structure <> case rated.view when 'new' then '2025' else 'legacy' end
            and core_units.unit_kind <> 'province' as is_converted
    from rated
    inner join core_units
        on core_units.programme_id = rated.programme_id and core_units.unit_code = rated.unit_code
)

select * from final
