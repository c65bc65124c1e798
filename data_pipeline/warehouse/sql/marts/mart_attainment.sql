-- partition_by: programme_id
-- Attainment per programme, view, period, area (and the province total) and indicator.
-- A missing report is "chưa có số liệu", never zero; a denominator of 0 is "không áp dụng"
-- (no rate exists). Rates are recomputed from the summed numerators and denominators: the
-- province total is Σ numerators ÷ Σ denominators of the units that reported, the same in
-- both views, with how many reported.
-- The figure is the one the programme file names as official for the indicator
-- (`official_source`): the units' reports (core_attainment_counts), or for a sub-goal of
-- target 2.9 measured by the model registry, the registry's count on the period's date
-- (core_registry_coverage). The other source is shown only in the coverage reconciliation.
with all_rows as (
    select
        counts.programme_id,
        counts.view,
        counts.period,
        counts.unit_code,
        counts.indicator_code,
        core_indicators.official_source as source,
        case when core_indicators.official_source = 'registry' then registry.units_with_model else counts.numerator end
            as numerator,
        case when core_indicators.official_source = 'registry' then registry.units else counts.denominator end
            as denominator,
        counts.units_reported,
        counts.units_expected
    from core_attainment_counts as counts
    inner join core_indicators
        on core_indicators.programme_id = counts.programme_id
        and core_indicators.indicator_code = counts.indicator_code
    left join core_registry_coverage as registry
        on registry.programme_id = counts.programme_id
        and registry.view = counts.view
        and registry.period = counts.period
        and registry.unit_code = counts.unit_code
        and registry.indicator_code = counts.indicator_code
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
        rated.source,
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
