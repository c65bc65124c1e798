-- Reporting rate and on-time rate per programme and period, counted from core_compliance
-- (DHIS2's definitions): reporting rate = received ÷ expected; on-time rate = received by the
-- deadline ÷ expected. The overview, the compliance page, the explorer, the deck and the
-- report all show these.
with counts as (
    select
        programme_id,
        period,
        count(*) as expected,
        sum(is_received)::bigint as received,
        sum(is_on_time)::bigint as on_time,
        count(*) filter (where status = 'chưa đến hạn') as not_yet_due
    from core_compliance
    group by all
),

final as (
    select
        counts.programme_id,
        counts.period,
        core_open_periods.period_label,
        core_open_periods.sort_order as period_order,
        core_open_periods.due_on,
        core_open_periods.reporting_structure,
        core_open_periods.reporting_area_level,
        core_open_periods.agencies_report,
        counts.expected,
        counts.received,
        counts.on_time,
        counts.received - counts.on_time as late,
        counts.expected - counts.received - counts.not_yet_due as missing,
        counts.not_yet_due,
        counts.received / counts.expected as reporting_rate,
        counts.on_time / counts.expected as on_time_rate
    from counts
    inner join core_open_periods
        on core_open_periods.programme_id = counts.programme_id and core_open_periods.period = counts.period
)

select * from final
