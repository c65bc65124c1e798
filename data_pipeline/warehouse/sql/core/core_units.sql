-- partition_by: programme_id
-- Every unit of a programme: the province, districts and communes of both structures from
-- vietnamadminunits (with their validity), and what the latest units file adds, each with its
-- district and commune for roll-ups and the unit it is anchored to on a map of areas.
with latest_units_file as (
    select programme_id, arg_max(file_sha256, ingested_at) as file_sha256
    from staging_units_file
    group by programme_id
),

listed as (
    select staging_units_file.*
    from staging_units_file
    inner join latest_units_file
        on latest_units_file.programme_id = staging_units_file.programme_id
        and latest_units_file.file_sha256 = staging_units_file.file_sha256
),

reference as (
    select
        programme_id, unit_code, official_code, unit_name, unit_kind, parent_code, lat, lon,
        structure, cast(valid_from as date) as valid_from, cast(valid_to as date) as valid_to,
        null::varchar as size_class, null::varchar as school_level, null::bigint as households,
        false as is_synthetic, true as is_counted
    from raw_reference_units
),

combined as (
    select * from reference
    union all
    select
        listed.programme_id, listed.unit_code, listed.unit_code, listed.unit_name, listed.unit_kind,
        listed.parent_code, null::double as lat, null::double as lon,
        null::varchar as structure, null::date as valid_from, null::date as valid_to,
        listed.size_class, listed.school_level, listed.households, listed.is_synthetic, listed.is_counted
    from listed
    anti join reference
        on reference.programme_id = listed.programme_id and reference.unit_code = listed.unit_code
),

-- Listed units hang at most three levels below a district (e.g. village → commune → district).
chain as (
    select
        unit.*,
        parent.unit_kind as parent_kind, parent.lat as parent_lat, parent.lon as parent_lon,
        grandparent.unit_code as grandparent_code, grandparent.unit_kind as grandparent_kind,
        grandparent.parent_code as great_grandparent_code
    from combined as unit
    left join combined as parent
        on parent.programme_id = unit.programme_id and parent.unit_code = unit.parent_code
    left join combined as grandparent
        on grandparent.programme_id = unit.programme_id and grandparent.unit_code = parent.parent_code
),

resolved as (
    select
        chain.programme_id,
        chain.unit_code,
        chain.official_code,
        chain.unit_name,
        chain.unit_kind,
        chain.parent_code,
        case
            when chain.unit_kind = 'district' then chain.unit_code
            when chain.parent_kind = 'district' then chain.parent_code
            when chain.grandparent_kind = 'district' then chain.grandparent_code
        end as district_code,
        case
            when chain.unit_kind = 'commune' then chain.unit_code
            when chain.parent_kind = 'commune' then chain.parent_code
            when chain.grandparent_kind = 'commune' then chain.grandparent_code
        end as commune_code,
        coalesce(chain.lat, chain.parent_lat) as lat,
        coalesce(chain.lon, chain.parent_lon) as lon,
        chain.size_class,
        chain.school_level,
        chain.households,
        chain.is_synthetic,
        chain.is_counted,
        chain.structure,
        chain.valid_from,
        chain.valid_to
    from chain
),

final as (
    select
        resolved.*,
        coalesce(resolved.commune_code, resolved.district_code, programmes.province_code) as anchor_code,
        (resolved.valid_from is null or resolved.valid_from <= getvariable('as_of'))
        and (resolved.valid_to is null or getvariable('as_of') <= resolved.valid_to) as is_current
    from resolved
    inner join raw_programmes as programmes on programmes.programme_id = resolved.programme_id
)

select * from final
