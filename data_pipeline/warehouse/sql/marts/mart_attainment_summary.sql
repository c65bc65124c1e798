-- The sơ kết rule per programme, view and period, over the province rows of mart_attainment:
-- how many indicators stand at each status, the share met or on their trajectory among those
-- that can be judged (a figure exists and its denominator is not 0), and the verdict against
-- the review the period prepares (the first review on or after its deadline, else the last):
-- more than the review's required share must be met or on track. The overview, the
-- presentation page, the deck and the report all read this row.
with counts as (
    select
        programme_id,
        view,
        period,
        any_value(period_label) as period_label,
        any_value(due_on) as due_on,
        count(*) as indicators,
        count(*) filter (where status = 'đạt') as met,
        count(*) filter (where status = 'đúng lộ trình') as on_track,
        count(*) filter (where status = 'chậm') as behind,
        count(*) filter (where status = 'chưa có số liệu') as no_data,
        count(*) filter (where status = 'không áp dụng') as not_applicable
    from mart_attainment
    where unit_level = 'province'
    group by programme_id, view, period
),

review as (
    select
        counts.programme_id,
        counts.period,
        arg_min(core_reviews.review_name, core_reviews.review_on) filter (where core_reviews.review_on >= counts.due_on)
            as next_name,
        min(core_reviews.review_on) filter (where core_reviews.review_on >= counts.due_on) as next_on,
        arg_min(core_reviews.required_share, core_reviews.review_on) filter (
            where core_reviews.review_on >= counts.due_on
        ) as next_share,
        arg_max(core_reviews.review_name, core_reviews.review_on) as last_name,
        max(core_reviews.review_on) as last_on,
        arg_max(core_reviews.required_share, core_reviews.review_on) as last_share
    from (select distinct programme_id, period, due_on from counts) as counts
    inner join core_reviews on core_reviews.programme_id = counts.programme_id
    group by counts.programme_id, counts.period
),

final as (
    select
        counts.*,
        counts.met + counts.on_track + counts.behind as judged,
        counts.met + counts.on_track as met_or_on_track,
        (counts.met + counts.on_track) / nullif(counts.met + counts.on_track + counts.behind, 0) as on_track_share,
        coalesce(review.next_name, review.last_name) as review_name,
        coalesce(review.next_on, review.last_on) as review_on,
        coalesce(review.next_share, review.last_share) as required_share
    from counts
    inner join review on review.programme_id = counts.programme_id and review.period = counts.period
)

select
    *,
    case when on_track_share is not null then on_track_share > required_share end as meets_review_rule
from final
