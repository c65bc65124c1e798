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
        -- Đề án 835 counts enterprises except small and micro ones, and schools except
        -- kindergartens and primary schools (targets 2.2 and 2.9).
        case
            when unit_kind = 'enterprise' then coalesce(lower(size_class), '') not in ('nhỏ', 'siêu nhỏ')
            when unit_kind = 'school' then coalesce(lower(school_level), '') not in ('mầm non', 'tiểu học')
            else true
        end as is_counted
    from source
)

select * from final
