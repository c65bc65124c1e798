-- Per programme and registered group: the completed windows it was due a contact in, those
-- that had one, the share, the contacts logged, and whether the latest window had one.
with latest as (
    select programme_id, max(window_start) as window_start from mart_contacts group by programme_id
),

final as (
    select
        mart_contacts.programme_id,
        mart_contacts.model_id,
        any_value(mart_contacts.model_name) as model_name,
        any_value(mart_contacts.admin) as admin,
        any_value(mart_contacts.district_code) as district_code,
        any_value(mart_contacts.district_name) as district_name,
        count(*) as windows,
        count(*) filter (where mart_contacts.is_compliant) as met,
        count(*) filter (where mart_contacts.is_compliant) / count(*) as met_share,
        sum(mart_contacts.contacts)::bigint as contacts,
        bool_or(mart_contacts.is_compliant) filter (where mart_contacts.window_start = latest.window_start)
            as latest_compliant
    from mart_contacts
    inner join latest on latest.programme_id = mart_contacts.programme_id
    group by mart_contacts.programme_id, mart_contacts.model_id
)

select * from final
