-- Attainment per programme, period, reporting unit (and the province total) and indicator.
-- A missing report is "chưa có số liệu", never zero; the province total is the sum of the
-- numerators over the sum of the denominators of the units that reported, with their count.
with reporting_units as (
    select * from core_units where is_reporting_unit
),

unit_rows as (
    select
        core_open_periods.programme_id,
        core_open_periods.period,
        reporting_units.unit_code,
        core_indicators.indicator_code,
        core_report_values.numerator,
        core_report_values.denominator,
        (core_report_values.numerator is not null)::bigint as units_reported,
        1::bigint as units_expected
    from core_open_periods
    inner join reporting_units on reporting_units.programme_id = core_open_periods.programme_id
    inner join core_indicators on core_indicators.programme_id = core_open_periods.programme_id
    left join core_report_values
        on core_report_values.programme_id = core_open_periods.programme_id
        and core_report_values.period = core_open_periods.period
        and core_report_values.unit_code = reporting_units.unit_code
        and core_report_values.indicator_code = core_indicators.indicator_code
),

province_rows as (
    select
        unit_rows.programme_id,
        unit_rows.period,
        core_programmes.province_code as unit_code,
        unit_rows.indicator_code,
        sum(unit_rows.numerator)::bigint as numerator,
        sum(unit_rows.denominator)::bigint as denominator,
        sum(unit_rows.units_reported)::bigint as units_reported,
        sum(unit_rows.units_expected)::bigint as units_expected
    from unit_rows
    inner join core_programmes on core_programmes.programme_id = unit_rows.programme_id
    group by all
),

all_rows as (
    select * from unit_rows
    union all
    select * from province_rows
),

rated as (
    select
        all_rows.*,
        case when all_rows.denominator > 0 then all_rows.numerator / all_rows.denominator end as rate,
        core_indicators.goal,
        case when core_indicators.is_cumulative then core_indicators.goal * core_open_periods.trajectory_share end
            as expected
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
        rated.period,
        core_open_periods.period_label,
        core_open_periods.due_on,
        core_open_periods.sort_order as period_order,
        rated.unit_code,
        core_units.unit_name,
        core_units.unit_kind as unit_level,
        core_units.parent_code,
        core_units.lat,
        core_units.lon,
        core_indicators.target_code,
        core_indicators.target_name,
        rated.indicator_code,
        core_indicators.indicator_name,
        core_indicators.sort_order as indicator_order,
        core_indicators.is_cumulative,
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
        rated.units_expected
    from rated
    inner join core_open_periods
        on core_open_periods.programme_id = rated.programme_id and core_open_periods.period = rated.period
    inner join core_indicators
        on core_indicators.programme_id = rated.programme_id
        and core_indicators.indicator_code = rated.indicator_code
    inner join core_units
        on core_units.programme_id = rated.programme_id and core_units.unit_code = rated.unit_code
)

select * from final
