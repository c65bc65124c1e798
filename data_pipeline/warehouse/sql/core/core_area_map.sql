-- How every district or commune (of either structure) rolls up into the areas of each view:
-- view 'legacy' = the former districts, view 'new' = the communes from 1/7/2025. An agency of
-- the programme's seat (a sở or a city's phòng ban) reports for itself, not for a territory:
-- it is its own area in both views, and counts in the province total like any reporter.
-- `weight` apportions additive figures (a district's report spread over the new communes that
-- took its old communes, in proportion to how many); `is_primary` picks the one area that
-- discrete things (cases, models, units) are counted in.
-- An island district the package lists without communes (Lý Sơn, Côn Đảo, …) is crosswalked
-- whole to its special zone (đặc khu): it counts as one old commune of its own.
with old_communes as (
    select programme_id, unit_code, parent_code as district_code
    from core_units
    where structure = 'legacy' and unit_kind = 'commune'
),

-- Each crosswalked old unit with its district: an old commune's, or the island district itself.
old_units as (
    select programme_id, unit_code, district_code, true as is_commune from old_communes
    union all
    select programme_id, unit_code, unit_code, false
    from core_units
    where structure = 'legacy' and unit_kind = 'district'
),

crosswalked as (
    select
        core_unit_crosswalk.programme_id,
        core_unit_crosswalk.old_code,
        core_unit_crosswalk.new_code,
        old_units.district_code,
        old_units.is_commune
    from core_unit_crosswalk
    inner join old_units
        on old_units.programme_id = core_unit_crosswalk.programme_id
        and old_units.unit_code = core_unit_crosswalk.old_code
),

district_shares as (
    select programme_id, new_code, district_code, count(*) as old_communes
    from crosswalked
    group by all
),

-- A new commune that took old communes from two districts belongs, in the legacy view, to
-- the district that gave it the most (ties: the lowest district code).
new_to_district as (
    select programme_id, new_code, district_code
    from district_shares
    qualify row_number() over (partition by programme_id, new_code order by old_communes desc, district_code) = 1
),

district_to_new as (
    select
        programme_id,
        district_code,
        new_code,
        old_communes / sum(old_communes) over (partition by programme_id, district_code) as weight,
        row_number() over (partition by programme_id, district_code order by old_communes desc, new_code) = 1
            as is_primary
    from district_shares
),

provinces as (
    select programme_id, province_code from core_programmes
),

final as (
    select programme_id, 'legacy' as view, unit_code as source_code, unit_code as area_code, 1.0 as weight, true as is_primary
    from core_units where structure = 'legacy' and unit_kind = 'district'
    union all
    select programme_id, 'legacy', unit_code, district_code, 1.0, true from old_communes
    union all
    select programme_id, 'legacy', new_code, district_code, 1.0, true from new_to_district
    union all
    select programme_id, 'new', unit_code, unit_code, 1.0, true
    from core_units where structure = '2025' and unit_kind = 'commune'
    union all
    select programme_id, 'new', old_code, new_code, 1.0, true from crosswalked where is_commune
    union all
    select programme_id, 'new', district_code, new_code, weight, is_primary from district_to_new
    union all
    select core_units.programme_id, views.view, core_units.unit_code, core_units.unit_code, 1.0, true
    from core_units
    inner join core_programmes
        on core_programmes.programme_id = core_units.programme_id
        and core_programmes.seat_code = core_units.parent_code
    cross join (values ('legacy'), ('new')) as views (view)
    where core_units.unit_kind = 'agency'
    union all
    select programme_id, view, province_code, province_code, 1.0, true
    from provinces cross join (values ('legacy'), ('new')) as views (view)
)

select * from final
