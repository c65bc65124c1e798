-- partition_by: programme_id
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

final as (
    select
        months.programme_id,
        core_model_areas.view,
        core_model_areas.area_code,
        months.month_end,
        core_model_areas.participants,
        count(*) as active_models,
        sum(core_model_areas.members)::bigint as members
    from months
    inner join core_model_areas
        on core_model_areas.programme_id = months.programme_id
        and core_model_areas.established_on <= months.month_end
        and (core_model_areas.ended_on is null or core_model_areas.ended_on > months.month_end)
        -- an ended model whose end date was not written is no longer counted at the as-of date
        and (core_model_areas.is_active or core_model_areas.ended_on is not null or months.month_end < getvariable('as_of'))
    group by all
)

select * from final
