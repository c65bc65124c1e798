-- Cases from the police's case lists, with canonical category and outcome names.
with source as (
    select * from raw_incidents
),

categories as (
    select code as category_code, name as category_name from raw_incident_categories
),

outcomes as (
    select code as outcome_code, name as outcome_name from raw_incident_outcomes
),

final as (
    select
        source.file_sha256,
        source.ingested_at,
        source.programme_id,
        source.case_id,
        cast(source.occurred_on as date) as occurred_on,
        source.commune_code,
        source.category_code,
        categories.category_name,
        source.outcome_code,
        outcomes.outcome_name,
        source.taken_down,
        source.fine,
        source.loss,
        source.note
    from source
    left join categories on categories.category_code = source.category_code
    left join outcomes on outcomes.outcome_code = source.outcome_code
)

select * from final
