-- Where each open period's reporters count in each view: the areas they roll up into (with
-- core_area_map's weight, which spreads a district's report over the new communes that took
-- its territory) and the province total (weight 1). The marts that add reported figures up per
-- area (attainment, activities) share this one roll-up.
with final as (
    select
        core_period_reporters.programme_id,
        core_period_reporters.period,
        core_period_reporters.unit_code,
        core_area_map.view,
        core_area_map.area_code,
        core_area_map.weight::double as weight
    from core_period_reporters
    inner join core_area_map
        on core_area_map.programme_id = core_period_reporters.programme_id
        and core_area_map.source_code = core_period_reporters.unit_code
    union all
    select
        core_period_reporters.programme_id,
        core_period_reporters.period,
        core_period_reporters.unit_code,
        core_views.view,
        core_programmes.province_code,
        1.0::double
    from core_period_reporters
    inner join core_programmes on core_programmes.programme_id = core_period_reporters.programme_id
    cross join core_views
)

select * from final
