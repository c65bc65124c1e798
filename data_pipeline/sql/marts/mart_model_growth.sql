-- Active models and their members at the end of each month, from the programme's baseline
-- (or the first model) to the as-of date, per view, area and participants class. A model is
-- active on a day from its start date until its end date; members are as last registered.
with months as (
    select
        core_programmes.programme_id,
        least(last_day(month.month::date), getvariable('as_of')) as month_end
    from core_programmes
    cross join lateral (
        select unnest(
            generate_series(
                date_trunc('month', coalesce(
                    core_programmes.baseline_on,
                    (select min(established_on) from core_models where core_models.programme_id = core_programmes.programme_id)
                )),
                date_trunc('month', getvariable('as_of')),
                interval 1 month
            )
        ) as month
    ) as month
),

models_in_area as (
    select core_models.*, core_area_map.view, core_area_map.area_code
    from core_models
    inner join core_units as units
        on units.programme_id = core_models.programme_id and units.unit_code = core_models.unit_code
    inner join core_area_map
        on core_area_map.programme_id = core_models.programme_id
        and core_area_map.source_code = units.anchor_code
        and core_area_map.is_primary
),

final as (
    select
        months.programme_id,
        models_in_area.view,
        models_in_area.area_code,
        months.month_end,
        models_in_area.participants,
        count(*) as active_models,
        sum(models_in_area.members)::bigint as members
    from months
    inner join models_in_area
        on models_in_area.programme_id = months.programme_id
        and models_in_area.established_on <= months.month_end
        and (models_in_area.ended_on is null or models_in_area.ended_on > months.month_end)
        -- an ended model whose end date was not written is no longer counted at the as-of date
        and (models_in_area.is_active or models_in_area.ended_on is not null or months.month_end < getvariable('as_of'))
    group by all
)

select * from final
