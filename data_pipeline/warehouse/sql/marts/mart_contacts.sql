-- Contact compliance per registered group (programme file: `contacts`): for every group of the
-- contact kind in the registry, every window of `every_months` calendar months from the later
-- of the contacts' start and the group's founding, up to the last window ended by the as-of
-- date (and not after the group ended), how many contacts officers logged with its admin.
-- A window is compliant with at least one. The same contact logged twice counts once.
with settings as (
    select programme_id, contact_model_kind, contact_every_months::integer as every, cast(contact_from as date) as starts
    from core_programmes
    where contact_model_kind is not null
),

groups as (
    select
        core_models.programme_id,
        core_models.model_id,
        core_models.model_name,
        core_models.head,
        core_models.district_code,
        core_models.established_on,
        core_models.ended_on,
        settings.every,
        greatest(settings.starts, core_models.established_on) as first_day
    from core_models
    inner join settings
        on settings.programme_id = core_models.programme_id and core_models.model_kind = settings.contact_model_kind
),

windows as (
    select
        groups.*,
        window_start::date as window_start,
        (window_start + to_months(groups.every) - interval 1 day)::date as window_end
    from groups,
        unnest(generate_series(
            make_date(year(groups.first_day), (month(groups.first_day) - 1) // groups.every * groups.every + 1, 1)::timestamp,
            getvariable('as_of')::timestamp,
            to_months(groups.every)
        )) as t(window_start)
),

contacts as (
    select distinct programme_id, model_id, contacted_on, admin
    from raw_contacts
),

final as (
    select
        windows.programme_id,
        windows.model_id,
        windows.model_name,
        coalesce(any_value(windows.head), max(contacts.admin)) as admin,
        windows.district_code,
        any_value(districts.unit_name) as district_name,
        windows.window_start,
        windows.window_end,
        count(contacts.contacted_on) as contacts,
        count(contacts.contacted_on) > 0 as is_compliant
    from windows
    left join contacts
        on contacts.programme_id = windows.programme_id
        and contacts.model_id = windows.model_id
        and contacts.contacted_on between windows.window_start and windows.window_end
    left join core_units as districts
        on districts.programme_id = windows.programme_id and districts.unit_code = windows.district_code
    where windows.window_end < getvariable('as_of')
        and (windows.ended_on is null or windows.ended_on >= windows.window_start)
    group by windows.programme_id, windows.model_id, windows.model_name, windows.district_code,
        windows.window_start, windows.window_end
)

select * from final
