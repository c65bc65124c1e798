-- Per programme and completed contact window: the groups due a contact with their admin, how
-- many had one, and the share (the models page, the presentation page and the deck read it).
with final as (
    select
        programme_id,
        window_start,
        any_value(window_end) as window_end,
        count(*) as groups,
        count(*) filter (where is_compliant) as compliant,
        count(*) filter (where is_compliant) / count(*) as compliant_share
    from mart_contacts
    group by programme_id, window_start
)

select * from final
