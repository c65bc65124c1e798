"""Section I of the draft report, "Kết quả đạt được": one numbered subsection per part of the
Briefing, each a sentence and the table of its figures."""

from __future__ import annotations

import pandas as pd
from docx.document import Document

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.docx_parts import as_header, body, frame_table, grid, heading, ratio
from data_pipeline.briefing.values import text
from data_pipeline.formatting import fmt_date, fmt_int, fmt_pct, fmt_window, is_missing
from data_pipeline.warehouse.statuses import NO_DATA, NOT_APPLICABLE, TASK_DONE


def results(document: Document, briefing: Briefing) -> None:
    """Section I's subsections, in the order the meeting goes through them."""
    heading(document, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    _indicators(document, briefing)
    _areas(document, briefing)
    _compliance(document, briefing)
    _incidents(document, briefing)
    _coverage(document, briefing)
    _tasks_and_budget(document, briefing)


def _indicators(document: Document, briefing: Briefing) -> None:
    if briefing.reports_activities:
        _activities(document, briefing)
        return
    heading(document, "1. Các chỉ tiêu")
    headline = briefing.headline
    body(document, _review_sentence(briefing))
    rows = [
        (
            text(r.indicator_code, ""),
            text(r.indicator_name, ""),
            fmt_pct(r.rate),
            fmt_pct(r.goal),
            fmt_pct(r.expected),
            text(r.status, ""),
            ratio(r.units_reported, r.units_expected),
        )
        for r in headline.itertuples()
    ]
    header = ("Mã", "Chỉ tiêu", "Tỉ lệ", "Mục tiêu", "Lộ trình", "Tình trạng", "Đơn vị đã báo cáo")
    frame_table(document, headline, header, rows, (1.3, 4.9, 1.9, 1.9, 1.9, 2.2, 1.9), {2, 3, 4, 6})


def _review_sentence(briefing: Briefing) -> str:
    """How many indicators are met or on track against the sơ kết rule, and how many lack a figure."""
    if briefing.on_track_share is None:
        return f"Chưa có chỉ tiêu nào có số liệu để đánh giá theo yêu cầu {briefing.review_name}."
    counts = briefing.status_counts
    verdict = "đã đáp ứng" if briefing.meets_review_rule else "chưa đáp ứng"
    sentence = (
        f"Có {fmt_int(briefing.met_or_on_track)}/{fmt_int(briefing.judged)} chỉ tiêu có số liệu đạt hoặc đúng "
        f"lộ trình ({fmt_pct(briefing.on_track_share)}). "
        f"Mốc {briefing.review_name} ({fmt_date(briefing.review_date)}) yêu cầu trên "
        f"{fmt_pct(briefing.required_share)} số chỉ tiêu đạt hoặc đúng lộ trình: hiện {verdict}."
    )
    if counts[NO_DATA]:
        sentence += f" Còn {fmt_int(counts[NO_DATA])} chỉ tiêu chưa có số liệu."
    if counts[NOT_APPLICABLE]:
        sentence += f" {fmt_int(counts[NOT_APPLICABLE])} chỉ tiêu không áp dụng (mẫu số bằng 0)."
    return sentence


def _activities(document: Document, briefing: Briefing) -> None:
    """For a programme without rate targets: the activity counts in place of the indicators."""
    heading(document, "1. Kết quả hoạt động")
    activities = briefing.activities
    body(
        document,
        f"{briefing.short_name} không đặt chỉ tiêu tỉ lệ; {fmt_int(activities.units_reported.max())} đơn vị "
        "đã báo cáo số lượng hoạt động như sau:",
    )
    rows = [(text(r.activity_name, ""), fmt_int(r.value)) for r in activities.itertuples()]
    frame_table(document, activities, ("Hoạt động", "Số lượng"), rows, (12.0, 4.0), {1})


def _areas(document: Document, briefing: Briefing) -> None:
    heading(document, "2. Theo địa bàn")
    if briefing.reports_activities:
        body(document, f"{briefing.short_name} không đặt chỉ tiêu tỉ lệ nên không xếp hạng địa bàn.")
        return
    body(
        document,
        f"{briefing.view_label}: xếp hạng {briefing.area_label.lower()} theo mức đạt bình quân "
        "của các chỉ tiêu có số liệu.",
    )
    rows = [
        (text(r.area_name, ""), fmt_pct(r.score), ratio(r.indicators_met, r.indicators))
        for r in briefing.ranking.itertuples()
    ]
    header = ("Địa bàn", "Mức đạt bình quân", "Số chỉ tiêu đạt")
    frame_table(document, briefing.ranking, header, rows, (8.0, 4.0, 4.0), {1, 2})


def _compliance(document: Document, briefing: Briefing) -> None:
    heading(document, "3. Tình hình báo cáo")
    c = briefing.compliance
    body(
        document,
        f"{briefing.period_label}: {fmt_int(c.get('expected'))} đơn vị phải báo cáo, đã nhận "
        f"{fmt_int(c.get('received'))} báo cáo (tỉ lệ báo cáo {fmt_pct(c.get('reporting_rate'))}), trong đó "
        f"đúng hạn {fmt_int(c.get('on_time'))}, trễ hạn {fmt_int(c.get('late'))} (tỉ lệ đúng hạn "
        f"{fmt_pct(c.get('on_time_rate'))}); chưa nộp {fmt_int(c.get('missing'))} đơn vị.",
    )


def _incidents(document: Document, briefing: Briefing) -> None:
    heading(document, "4. Vụ việc")
    incidents = briefing.incidents
    if briefing.incidents_note is not None:
        body(document, f"Số vụ việc {briefing.incidents_label}. {briefing.incidents_note}")
        rows = [(text(r.category_name, ""), fmt_int(r.cases)) for r in incidents.itertuples()]
        rows.append(("Tổng cộng", fmt_int(incidents.cases.sum())))
        header = ("Loại vụ việc", as_header(briefing.incidents_label))
        frame_table(document, incidents, header, rows, (10.0, 6.0), {1})
        return
    body(
        document,
        f"Số vụ việc {briefing.incidents_label} so với cùng kỳ ({briefing.incidents_previous_label}):",
    )
    rows = [
        (text(r.category_name, ""), fmt_int(r.cases), fmt_int(r.previous_cases), text(r.flag, ""))
        for r in incidents.itertuples()
    ]
    rows.append(("Tổng cộng", fmt_int(incidents.cases.sum()), fmt_int(incidents.previous_cases.sum()), ""))
    header = (
        "Loại vụ việc",
        as_header(briefing.incidents_label),
        as_header(briefing.incidents_previous_label),
        "Đánh giá",
    )
    frame_table(document, incidents, header, rows, (5.6, 3.4, 3.4, 3.6), {1, 2})


def _coverage(document: Document, briefing: Briefing) -> None:
    heading(document, "5. Mô hình")
    if briefing.builds_in_steps:
        _model_steps(document, briefing.milestones, briefing.contacts)
        return
    rows = [
        (
            f"{text(r.indicator_code, '')} {text(r.indicator_name, '')}",
            ratio(r.numerator, r.denominator),
            fmt_pct(r.rate),
            fmt_pct(r.goal),
            "–"
            if is_missing(r.registry_rate)
            else f"{ratio(r.registry_units_with_model, r.registry_units)} ({fmt_pct(r.registry_rate)})",
        )
        for r in briefing.coverage.itertuples()
    ]
    header = ("Chỉ tiêu", "Kết quả", "Tỉ lệ", "Mục tiêu", "Theo sổ theo dõi mô hình")
    frame_table(document, briefing.coverage, header, rows, (5.4, 2.6, 2.2, 2.2, 3.6), {1, 2, 3, 4})


def _model_steps(document: Document, steps: pd.DataFrame, windows: pd.DataFrame) -> None:
    """A model built in steps: the districts on each step, then the contacts with group admins."""
    if not steps.empty:
        body(document, f"Tiến độ các bước xây dựng mô hình ({fmt_int(steps.units.max())} huyện, thị xã, thành phố):")
        rows = [
            (
                f"{r.step_id}. {text(r.step_name, '')}",
                fmt_date(r.due_on),
                *map(fmt_int, (r.done, r.done_late, r.overdue)),
            )
            for r in steps.itertuples()
        ]
        header = ("Bước", "Hạn", "Đúng hạn", "Trễ hạn", "Quá hạn")
        grid(document, header, rows, (7.0, 2.6, 2.2, 2.2, 2.0), {2, 3, 4})
    if not windows.empty:
        last = windows.iloc[-1]
        body(
            document,
            f"Tiếp xúc định kỳ với quản trị viên hội nhóm: kỳ gần nhất ({fmt_window(last.window_start, last.window_end)}) "
            f"{fmt_int(last.compliant)}/{fmt_int(last.groups)} hội nhóm được tiếp xúc "
            f"({fmt_pct(last.compliant_share)}); cả giai đoạn {fmt_int(windows.compliant.sum())}/"
            f"{fmt_int(windows.groups.sum())} lượt kỳ – hội nhóm có tiếp xúc.",
        )


def _tasks_and_budget(document: Document, briefing: Briefing) -> None:
    heading(document, "6. Nhiệm vụ và kinh phí")
    tasks = briefing.tasks
    done = int((tasks.status == TASK_DONE).sum())
    body(document, f"Đã hoàn thành {done}/{len(tasks)} nhiệm vụ theo kế hoạch:")
    rows = [
        (
            text(r.task_id, ""),
            text(r.name, ""),
            text(r.owner, ""),
            fmt_date(r.deadline),
            fmt_date(r.done_on),
            text(r.status, ""),
        )
        for r in tasks.itertuples()
    ]
    header = ("TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Hoàn thành", "Tình trạng")
    frame_table(document, tasks, header, rows, (1.1, 4.1, 2.7, 2.8, 2.8, 2.5), {0, 3, 4})

    budget = briefing.budget
    body(document, "Kinh phí (đồng):")
    rows = [
        (text(r.level_name, ""), fmt_int(r.planned), fmt_int(r.spent), fmt_pct(r.spent_share))
        for r in budget.itertuples()
    ]
    header = ("Cấp", "Kế hoạch", "Đã chi", "Tỉ lệ đã chi")
    frame_table(document, budget, header, rows, (4.0, 4.2, 4.2, 3.6), {1, 2, 3})
