-- Reporting periods with who reports (structure, area level, whether the seat's agencies do) and the share of each goal a
-- cumulative target should have reached by the due date: linear between the programme start
-- and each review's required share.
with reviews as (
    select
        programme_id,
        review_on,
        required_share,
        lag(review_on) over by_date as previous_on,
        lag(required_share) over by_date as previous_share
    from raw_reviews
    window by_date as (partition by programme_id order by review_on)
),

segments as (
    select * from reviews where previous_on is not null
),

final as (
    select
        periods.programme_id,
        periods.period,
        periods.period_label,
        periods.due_on,
        periods.sort_order,
        periods.reporting_structure,
        periods.reporting_area_level,
        periods.agencies_report,
        coalesce(
            segments.previous_share
            + (segments.required_share - segments.previous_share)
            * (periods.due_on - segments.previous_on) / (segments.review_on - segments.previous_on),
            case when periods.due_on > programmes.end_on then 1.0 else 0.0 end
        ) as trajectory_share
    from raw_periods as periods
    inner join raw_programmes as programmes on programmes.programme_id = periods.programme_id
    left join segments
        on segments.programme_id = periods.programme_id
        and periods.due_on > segments.previous_on
        and periods.due_on <= segments.review_on
)

select * from final
