-- partition_by: programme_id, year
-- One row per case: a case id seen in several case lists keeps its latest version. Only the
-- repeated ids are ranked: sorting all ten million cases of a country took four times longer.
with repeated as (
    select programme_id, case_id from staging_incidents group by all having count(*) > 1
),

ranked as (
    select *, 1 as newest_first
    from staging_incidents
    anti join repeated using (programme_id, case_id)
    union all
    select
        *,
        row_number() over (
            partition by programme_id, case_id order by ingested_at desc, file_sha256 desc
        ) as newest_first
    from staging_incidents
    semi join repeated using (programme_id, case_id)
),

final as (
    select
        ranked.programme_id,
        ranked.case_id,
        ranked.occurred_on,
        date_trunc('month', ranked.occurred_on)::date as month,
        year(ranked.occurred_on)::integer as year,
        ranked.commune_code,
        units.district_code,
        ranked.category_code,
        ranked.category_name,
        ranked.outcome_code,
        ranked.outcome_name,
        ranked.taken_down,
        ranked.fine,
        ranked.loss,
        ranked.note
    from ranked
    left join core_units as units
        on units.programme_id = ranked.programme_id and units.unit_code = ranked.commune_code
    where ranked.newest_first = 1
)

select * from final
