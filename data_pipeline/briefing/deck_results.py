"""The deck's slides of results: the indicators (or the activity counts), the areas' ranking, the
reporting and the incidents."""

from __future__ import annotations

import pandas as pd
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.deck_charts import Series, bar_chart, percents
from data_pipeline.briefing.deck_tables import table
from data_pipeline.briefing.deck_text import (
    AMBER,
    BLUE,
    BOTTOM,
    GREEN,
    GREY,
    MARGIN,
    RED,
    SMALLEST,
    TOP,
    WIDTH,
    cap,
    emphasise,
    new_slide,
    no_data,
    notes,
    pct_label,
    write,
)
from data_pipeline.briefing.values import number, text
from data_pipeline.formatting import fmt_change, fmt_int, fmt_pct
from data_pipeline.warehouse.statuses import ATTAINMENT_STATUSES, NOT_APPLICABLE, RISE

MAX_CHART_AREAS = 24  # with 12 pt labels more bars than this do not fit the slide's height


def headline_slide(prs: PresentationType, b: Briefing) -> None:
    """Each indicator's rate against its goal, and whether the sơ kết rule is met."""
    if b.reports_activities:
        _activities_slide(prs, b)
        return
    slide = new_slide(prs, "Kết quả thực hiện các chỉ tiêu")
    head = b.headline
    if head.empty:
        no_data(slide, "Chưa có chỉ tiêu nào để tổng hợp.")
    else:
        bar_chart(
            slide,
            (MARGIN, TOP, Inches(7.5), BOTTOM - TOP),
            [str(c) for c in head.indicator_code],
            [
                ("Tỉ lệ đạt (%)", percents(head.rate), BLUE, pct_label),
                ("Mục tiêu (%)", percents(head.goal), GREY, None),
            ],
            percent=True,
        )
    rule = (
        f"{fmt_int(b.met_or_on_track)}/{fmt_int(b.judged)} chỉ tiêu đạt hoặc đúng lộ trình "
        f"({fmt_pct(b.on_track_share)}); yêu cầu {b.review_name}: trên {fmt_pct(b.required_share)}"
    )
    verdict, colour = {
        True: (f"Đạt yêu cầu {b.review_name}.", GREEN),
        False: (f"Chưa đạt yêu cầu {b.review_name}.", RED),
        None: ("Chưa có chỉ tiêu nào có số liệu để đánh giá.", AMBER),
    }[b.meets_review_rule]
    shown = [s for s in ATTAINMENT_STATUSES if s != NOT_APPLICABLE or b.status_counts[s]]
    lines = [rule, verdict, *(f"{s.capitalize()}: {fmt_int(b.status_counts[s])} chỉ tiêu" for s in shown)]
    frame = write(slide, (Inches(8.2), TOP, Inches(4.63), BOTTOM - TOP), lines, 16)
    emphasise(frame.paragraphs[0])
    emphasise(frame.paragraphs[1], colour)
    # The chart names indicators by code; the presenter reads the names from the notes.
    names = [
        f"{r.indicator_code}: {r.indicator_name} — {fmt_pct(number(r.rate))} "
        f"(mục tiêu {fmt_pct(number(r.goal))}; {r.status})"
        for r in head.itertuples()
    ]
    notes(slide, b, names)


def _activities_slide(prs: PresentationType, b: Briefing) -> None:
    """For a programme without rate targets: what the units did in the period."""
    slide = new_slide(prs, "Kết quả hoạt động")
    rows = b.activities
    bar_chart(
        slide,
        (MARGIN, TOP, Inches(7.5), BOTTOM - TOP),
        [str(name) for name in rows.activity_name],
        [("Số lượng", [float(v) for v in rows.value], BLUE, fmt_int)],
        percent=False,
    )
    lines = [
        f"{b.short_name} không đặt chỉ tiêu tỉ lệ: kết quả là số lượng hoạt động các đơn vị báo cáo.",
        f"Đã báo cáo: {fmt_int(rows.units_reported.max())} đơn vị.",
    ]
    write(slide, (Inches(8.2), TOP, Inches(4.63), BOTTOM - TOP), lines, 16)
    notes(slide, b, [f"{r.activity_name}: {fmt_int(r.value)}" for r in rows.itertuples()])


def ranking_slide(prs: PresentationType, b: Briefing) -> None:
    """The areas by mean attainment, with both ends of the ranking in a table beside."""
    if b.reports_activities:
        return  # no rate targets: areas are not ranked (their counts are on the activities slide's notes)
    slide = new_slide(prs, "Kết quả theo địa bàn")
    ranking = b.ranking.reset_index(drop=True)
    if ranking.empty:
        no_data(slide, "Chưa có địa bàn nào có số liệu.")
        notes(slide, b, [])
        return
    # The meeting needs both ends of the ranking, so a long one loses its middle.
    half = MAX_CHART_AREAS // 2
    cut = len(ranking) > MAX_CHART_AREAS
    shown = pd.concat([ranking.head(half), ranking.tail(half)]) if cut else ranking
    chart_height = BOTTOM - TOP - (Inches(0.5) if cut else 0)
    bar_chart(
        slide,
        (MARGIN, TOP, Inches(7.4), chart_height),
        [str(a) for a in shown.area_name],
        [("Mức đạt bình quân (%)", percents(shown.score), BLUE, pct_label)],
        percent=True,
    )
    if cut:
        caption = f"Biểu đồ thể hiện {half} địa bàn cao nhất và {half} địa bàn thấp nhất trong {len(ranking)}."
        write(slide, (MARGIN, TOP + chart_height, Inches(7.4), Inches(0.5)), [caption], SMALLEST)
    rows = [
        [str(i + 1), str(r.area_name), fmt_pct(number(r.score)), f"{fmt_int(r.indicators_met)}/{fmt_int(r.indicators)}"]
        for i, r in ranking.iterrows()
    ]
    if len(rows) > 6:
        rows = [*rows[:3], ["…", "", "", ""], *rows[-3:]]
    left = Inches(8.2)
    emphasise(write(slide, (left, TOP, Inches(4.6), Inches(0.5)), ["Cao nhất và thấp nhất"], 16).paragraphs[0])
    table(
        slide,
        (left, TOP + Inches(0.6), Inches(4.6)),
        ["Hạng", b.area_label, "Mức đạt", "Chỉ tiêu đạt"],
        rows,
        [0.75, 1.95, 1.0, 0.9],
        "địa bàn",
    )
    notes(slide, b, [f"Địa bàn: {b.area_label} ({b.view_label})."])


def compliance_slide(prs: PresentationType, b: Briefing) -> None:
    """How many units reported on time, late or not at all, and which were late."""
    slide = new_slide(prs, "Tình hình nộp báo cáo")
    c = b.compliance
    bar_chart(
        slide,
        (MARGIN, TOP, Inches(4.4), BOTTOM - TOP),
        ["Đúng hạn", "Trễ hạn", "Chưa nộp"],
        [("Số đơn vị", [number(c.get(k)) for k in ("on_time", "late", "missing")], BLUE, fmt_int)],
        percent=False,
        horizontal=False,
        point_colors=[GREEN, AMBER, RED],
    )
    left = Inches(5.2)
    width = WIDTH - MARGIN - left
    summary = [
        f"Tỉ lệ nộp báo cáo: {fmt_pct(number(c.get('reporting_rate')))} "
        f"({fmt_int(c.get('received'))}/{fmt_int(c.get('expected'))} đơn vị)",
        f"Tỉ lệ nộp đúng hạn: {fmt_pct(number(c.get('on_time_rate')))}",
    ]
    write(slide, (left, TOP, width, Inches(1.0)), summary, 18)
    late = b.late_units
    if late.empty:
        write(slide, (left, TOP + Inches(1.1), width, Inches(0.6)), ["Mọi đơn vị đã nộp đúng hạn."], 16)
    else:
        rows = [[text(r.unit_name), text(r.area_name), text(r.status), fmt_int(r.days_late)] for r in late.itertuples()]
        table(
            slide,
            (left, TOP + Inches(1.1), width),
            ["Đơn vị", "Địa bàn", "Tình trạng", "Ngày trễ"],
            rows,
            [3.0, 2.3, 1.33, 1.0],
            "đơn vị",
        )
    notes(slide, b, [])


def incidents_slide(prs: PresentationType, b: Briefing) -> None:
    """The cases by category, against the same months a year earlier when they can be compared."""
    compared = b.incidents_note is None
    slide = new_slide(prs, "Vụ việc so với cùng kỳ" if compared else f"Vụ việc {b.incidents_label}")
    inc = b.incidents
    if inc.empty:
        within = f"{b.incidents_label} và {b.incidents_previous_label}" if compared else b.incidents_label
        no_data(slide, f"Không có vụ việc nào trong {within}.")
        notes(slide, b, [])
        return
    series: list[Series] = [(b.incidents_label, [number(v) for v in inc.cases], BLUE, fmt_int)]
    total = f"Tổng số: {fmt_int(inc.cases.sum())} vụ ({b.incidents_label})"
    rising = inc[inc.flag == RISE]
    if compared:
        series.append((b.incidents_previous_label, [number(v) for v in inc.previous_cases], GREY, fmt_int))
        lines = [
            f"{total}; cùng kỳ {fmt_int(inc.previous_cases.sum())} vụ ({b.incidents_previous_label}).",
            *_rises(rising),
        ]
    else:
        lines = [f"{total}.", b.incidents_note]
    categories = [str(c) for c in inc.category_name]
    bar_chart(slide, (MARGIN, TOP, Inches(7.8), BOTTOM - TOP), categories, series, percent=False)
    frame = write(slide, (Inches(8.6), TOP, Inches(4.23), BOTTOM - TOP), lines, 16)
    emphasise(frame.paragraphs[1], AMBER if not compared else GREEN if rising.empty else RED)
    notes(slide, b, [])


def _rises(rising: pd.DataFrame) -> list[str]:
    """The lines under the totals: the categories rising unusually, or a sentence saying none is."""
    if rising.empty:
        return ["Không có loại vụ việc nào tăng bất thường so với cùng kỳ."]
    lines = [
        f"{r.category_name}: {fmt_int(r.cases)} vụ (cùng kỳ {fmt_int(r.previous_cases)}; "
        f"{fmt_change(r.cases, r.previous_cases)})"
        for r in rising.itertuples()
    ]
    return ["Tăng bất thường so với cùng kỳ:", *cap(lines, 6, "loại vụ việc")]
