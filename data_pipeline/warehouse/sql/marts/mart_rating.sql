-- Yearly rating of each unit expected to send the year's annual report (one that sent nothing
-- scores 0 on its indicators and its missing reports), from its own figures (its own
-- structure, nothing carried across): score = 100 × (attainment weight × mean over the
-- indicators of min(rate ÷ goal or trajectory, 1), an indicator without a figure counting 0,
-- + compliance weight × mean over the year's due reports of 1 on time, the late credit late,
-- 0 missing); the class is the first of the programme's scale whose minimum the score reaches.
-- Every unit carries its reasons (which targets, which reports); `needs_attention` marks the
-- classes the programme lists them for (Trung bình and Yếu in Đề án 835).
with annual as (
    select programme_id, period, cast(period as integer) as year, reporting_structure,
        case reporting_structure when '2025' then 'new' else 'legacy' end as native_view
    from core_open_periods
    where regexp_full_match(period, '\d{4}')
),

indicator_scores as (
    select
        annual.programme_id,
        annual.year,
        annual.native_view as view,
        mart_attainment.unit_code,
        mart_attainment.unit_name,
        avg(coalesce(mart_attainment.progress, 0)) as attainment_score,
        count(*) filter (where mart_attainment.status = 'đạt') as indicators_met,
        count(*) as indicators,
        count(*) filter (where mart_attainment.status = 'chưa có số liệu') as indicators_missing,
        string_agg(
            mart_attainment.indicator_code || ' ' || case
                when mart_attainment.status = 'chưa có số liệu' then 'chưa có số liệu'
                -- rounded half up on the decimal value, as formatting.fmt_pct rounds on every page
                else 'chậm (' || replace(printf('%.1f', round(mart_attainment.rate::decimal(38, 15) * 100, 1)), '.', ',')
                    || ' % so với ' || replace(printf('%.1f', round(
                        coalesce(mart_attainment.expected, mart_attainment.goal)::decimal(38, 15) * 100, 1
                    )), '.', ',')
                    || ' %)'
            end,
            '; ' order by mart_attainment.indicator_order
        ) filter (where mart_attainment.status in ('chậm', 'chưa có số liệu')) as target_reasons
    from annual
    inner join mart_attainment
        on mart_attainment.programme_id = annual.programme_id
        and mart_attainment.period = annual.period
        and mart_attainment.view = annual.native_view
        and mart_attainment.unit_level <> 'province'
        and mart_attainment.status <> 'không áp dụng'
    group by all
),

report_scores as (
    select
        annual.programme_id,
        annual.year,
        mart_compliance.unit_code,
        avg(
            case mart_compliance.status
                when 'đúng hạn' then 1.0
                when 'trễ hạn' then core_programmes.late_report_credit
                else 0.0
            end
        ) as compliance_score,
        string_agg(
            mart_compliance.period_label || case mart_compliance.status
                when 'trễ hạn' then ' nộp trễ ' || mart_compliance.days_late || ' ngày'
                else ' chưa nộp'
            end,
            '; ' order by mart_compliance.period_order
        ) filter (where mart_compliance.status in ('trễ hạn', 'chưa nộp')) as report_reasons
    from annual
    inner join mart_compliance
        on mart_compliance.programme_id = annual.programme_id
        and mart_compliance.view = annual.native_view
        and mart_compliance.period like annual.year || '%'
        and mart_compliance.status <> 'chưa đến hạn'
    inner join core_programmes on core_programmes.programme_id = annual.programme_id
    group by all
),

scored as (
    select
        indicator_scores.*,
        coalesce(report_scores.compliance_score, 0) as compliance_score,
        100 * (
            core_programmes.rating_weight_attainment * indicator_scores.attainment_score
            + core_programmes.rating_weight_compliance * coalesce(report_scores.compliance_score, 0)
        ) as score,
        report_scores.report_reasons
    from indicator_scores
    inner join core_programmes on core_programmes.programme_id = indicator_scores.programme_id
    left join report_scores
        on report_scores.programme_id = indicator_scores.programme_id
        and report_scores.year = indicator_scores.year
        and report_scores.unit_code = indicator_scores.unit_code
),

classed as (
    select
        scored.*,
        arg_min(raw_rating_scale.rating, raw_rating_scale.rank) as rating,
        min(raw_rating_scale.rank) as rating_rank,
        arg_min(raw_rating_scale.needs_attention, raw_rating_scale.rank) as needs_attention
    from scored
    inner join raw_rating_scale
        on raw_rating_scale.programme_id = scored.programme_id and scored.score >= raw_rating_scale.min_score
    group by all
),

final as (
    select
        classed.programme_id,
        classed.year,
        classed.view,
        classed.unit_code,
        classed.unit_name,
        classed.attainment_score,
        classed.compliance_score,
        classed.score,
        classed.rating,
        classed.rating_rank,
        classed.indicators_met,
        classed.indicators,
        classed.needs_attention,
        concat_ws(
            '; ',
            case
                when classed.indicators_missing = classed.indicators then 'không có số liệu chỉ tiêu nào'
                else classed.target_reasons
            end,
            classed.report_reasons
        ) as reasons
    from classed
)

select * from final
