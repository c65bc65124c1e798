-- Units the province lists itself (villages, agencies, enterprises, schools, party
-- committees, influencers), with the exclusions the targets name made explicit.
with source as (
    select * from raw_units
),

final as (
    select
        file_sha256,
        ingested_at,
        programme_id,
        unit_code,
        unit_name,
        unit_kind,
        parent_code,
        size_class,
        school_level,
        households,
        is_synthetic,
        -- the units the targets leave out are declared once (intake.layouts.NOT_COUNTED)
        not exists (
            select 1
            from raw_uncounted_units as excluded
            where excluded.unit_kind = source.unit_kind
                and excluded.value = lower(
                    case excluded.column_name when 'size_class' then size_class when 'school_level' then school_level end
                )
        ) as is_counted
    from source
)

select * from final
