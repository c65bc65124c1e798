-- Who is expected to report for each open period (core_reporters of the periods that have
-- opened at the as-of date).
with final as (
    select core_reporters.*
    from core_reporters
    semi join core_open_periods
        on core_open_periods.programme_id = core_reporters.programme_id
        and core_open_periods.period = core_reporters.period
)

select * from final
