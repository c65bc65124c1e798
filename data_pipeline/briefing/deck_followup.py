"""The deck's slides of what the meeting follows up: the models, the tasks and budget, and the
units rated Trung bình or Yếu."""

from __future__ import annotations

import pandas as pd
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Inches, Length

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.deck_charts import bar_chart, percents
from data_pipeline.briefing.deck_tables import table
from data_pipeline.briefing.deck_text import (
    BLUE,
    BOTTOM,
    CONTENT_WIDTH,
    GREEN,
    GREY,
    MARGIN,
    RED,
    SMALLEST,
    TOP,
    WIDTH,
    cap,
    new_slide,
    no_data,
    notes,
    pct_label,
    ratio,
    style,
    write,
    year,
)
from data_pipeline.briefing.values import number, text
from data_pipeline.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct, fmt_window
from data_pipeline.warehouse.statuses import REGISTRY_LABEL, TASK_DONE, TASK_ON_SCHEDULE, TASK_OVERDUE

TASK_ORDER = {TASK_OVERDUE: 0, TASK_ON_SCHEDULE: 1, TASK_DONE: 2}


def coverage_slide(prs: PresentationType, b: Briefing) -> None:
    """The models' official figures beside the model registry's, against their goals."""
    if b.builds_in_steps:
        _model_steps_slide(prs, b)
        return
    slide = new_slide(prs, "Mô hình: kết quả và đối chiếu sổ theo dõi")
    cov = b.coverage
    if cov.empty:
        no_data(slide, "Chưa có số liệu về mô hình.")
        notes(slide, b, [])
        return
    bar_chart(
        slide,
        (MARGIN, TOP, Inches(7.8), BOTTOM - TOP),
        [f"{r.indicator_name} ({r.indicator_code})" for r in cov.itertuples()],
        [
            ("Kết quả (%)", percents(cov.rate), BLUE, pct_label),
            (f"{REGISTRY_LABEL} (%)", percents(cov.registry_rate), GREEN, pct_label),
            ("Mục tiêu (%)", percents(cov.goal), GREY, None),
        ],
        percent=True,
    )
    lines = [
        f"{r.indicator_code} {r.indicator_name}: {ratio(r.numerator, r.denominator)} — {fmt_pct(number(r.rate))} "
        f"(mục tiêu {fmt_pct(number(r.goal))})"
        + ("" if number(r.registry_rate) is None else f"; sổ mô hình {fmt_pct(number(r.registry_rate))}")
        for r in cov.itertuples()
    ]
    write(slide, (Inches(8.6), TOP, Inches(4.23), BOTTOM - TOP), cap(lines, 8, "chỉ tiêu"), 16)
    notes(slide, b, [])


def _model_steps_slide(prs: PresentationType, b: Briefing) -> None:
    """For a model built in steps: where the districts stand on each step, and how regularly the
    groups' admins were contacted since."""
    slide = new_slide(prs, "Xây dựng mô hình: các bước và tiếp xúc định kỳ")
    steps = b.milestones
    left_width = Inches(7.0)
    _steps_table(slide, steps, left_width)
    left = MARGIN + left_width + Inches(0.4)
    _contacts_chart(slide, b.contacts, left, WIDTH - MARGIN - left)
    notes(
        slide, b, [] if steps.empty else [f"Mỗi bước tính trên {fmt_int(steps.units.max())} huyện, thị xã, thành phố."]
    )


def _steps_table(slide: Slide, steps: pd.DataFrame, width: Length) -> None:
    """Each step's districts done on time, late, overdue and not yet due; overdue counts in red."""
    if steps.empty:
        write(slide, (MARGIN, TOP, width, Inches(0.6)), ["Chương trình không chia bước xây dựng mô hình."], 16)
        return
    rows = [
        [
            f"{r.step_id}. {text(r.step_name)}",
            fmt_date(r.due_on),
            *map(fmt_int, (r.done, r.done_late, r.overdue, r.not_due)),
        ]
        for r in steps.itertuples()
    ]
    shape = table(
        slide,
        (MARGIN, TOP, width),
        ["Bước", "Hạn", "Đúng hạn", "Trễ hạn", "Quá hạn", "Chưa đến hạn"],
        rows,
        [2.9, 1.2, 0.8, 0.7, 0.7, 0.7],
        "bước",
    )
    for row in list(shape.rows)[1:]:
        if row.cells[4].text not in ("", "0"):
            style(row.cells[4].text_frame, SMALLEST, bold=True, color=RED)


def _contacts_chart(slide: Slide, windows: pd.DataFrame, left: Length, width: Length) -> None:
    """The share of groups contacted in each completed window, and the last window in words."""
    if windows.empty:
        write(slide, (left, TOP, width, Inches(0.6)), ["Chưa có kỳ tiếp xúc nào kết thúc."], 16)
        return
    shares = percents(windows.compliant_share)
    labels = [fmt_window(a, z) for a, z in zip(windows.window_start, windows.window_end, strict=True)]
    bar_chart(
        slide,
        (left, TOP, width, Inches(4.6)),
        labels,
        [("Có tiếp xúc (%)", shares, BLUE, pct_label)],
        percent=True,
    )
    last = windows.iloc[-1]
    summary = (
        f"Kỳ gần nhất ({labels[-1]}): {fmt_int(last.compliant)}/{fmt_int(last.groups)} hội nhóm được tiếp xúc "
        f"với quản trị viên ({fmt_pct(last.compliant_share)})."
    )
    write(slide, (left, TOP + Inches(4.7), width, Inches(1.0)), [summary], 16)


def tasks_slide(prs: PresentationType, b: Briefing) -> None:
    """The plan's tasks, overdue first, beside the budget planned and spent by level."""
    slide = new_slide(prs, "Nhiệm vụ và kinh phí")
    left_width = Inches(6.6)
    _tasks_table(slide, b.tasks, left_width)
    left = MARGIN + left_width + Inches(0.4)
    _budget_chart(slide, b.budget, left, WIDTH - MARGIN - left)
    notes(slide, b, [])


def _tasks_table(slide: Slide, tasks: pd.DataFrame, width: Length) -> None:
    """The tasks' counts by status, then the table with overdue ones in red."""
    if tasks.empty:
        write(slide, (MARGIN, TOP, width, Inches(0.6)), ["Chưa có nhiệm vụ nào được giao."], 16)
        return
    counts = tasks.status.value_counts()
    summary = f"{len(tasks)} nhiệm vụ: " + ", ".join(f"{int(n)} {s}" for s, n in counts.items())
    write(slide, (MARGIN, TOP, width, Inches(0.5)), [summary], 16)
    # Overdue tasks first: they are what the meeting has to act on.
    ordered = tasks.sort_values("status", key=lambda s: s.map(TASK_ORDER).fillna(len(TASK_ORDER)), kind="stable")
    rows = [[text(r.name), text(r.owner), fmt_date(r.deadline), text(r.status)] for r in ordered.itertuples()]
    shape = table(
        slide,
        (MARGIN, TOP + Inches(0.6), width),
        ["Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng"],
        rows,
        [2.6, 1.6, 1.2, 1.2],
        "nhiệm vụ",
    )
    for row in list(shape.rows)[1:]:
        if row.cells[3].text == TASK_OVERDUE:
            style(row.cells[3].text_frame, SMALLEST, bold=True, color=RED)


def _budget_chart(slide: Slide, budget: pd.DataFrame, left: Length, width: Length) -> None:
    """Planned and spent by level in a chart, the total in a sentence under it."""
    if budget.empty:
        write(slide, (left, TOP, width, Inches(0.6)), ["Chưa có số liệu kinh phí."], 16)
        return
    whole = budget[budget.is_total].iloc[0]
    levels = budget[~budget.is_total]
    bar_chart(
        slide,
        (left, TOP, width, Inches(4.9)),
        [str(level) for level in levels.level_name],
        [
            ("Dự toán (đồng)", [number(v) for v in levels.planned], GREY, fmt_int),
            ("Đã chi (đồng)", [number(v) for v in levels.spent], BLUE, fmt_int),
        ],
        percent=False,
    )
    summary = f"Đã chi {fmt_int(whole.spent)}/{fmt_int(whole.planned)} đồng dự toán ({fmt_pct(whole.spent_share)})."
    write(slide, (left, TOP + Inches(5.0), width, Inches(0.8)), [summary], 16)


def weak_units_slide(prs: PresentationType, b: Briefing) -> None:
    """The units rated Trung bình or Yếu, with the reasons the rating gives."""
    slide = new_slide(prs, "Đơn vị xếp loại Trung bình, Yếu")
    weak = b.weak_units
    if weak.empty:
        no_data(slide, "Không có đơn vị nào xếp loại Trung bình hoặc Yếu.")
    else:
        rows = [
            [text(r.unit_name), year(r.year), fmt_decimal(r.score), text(r.rating), text(r.reasons)]
            for r in weak.itertuples()
        ]
        table(
            slide,
            (MARGIN, TOP, CONTENT_WIDTH),
            ["Đơn vị", "Năm", "Điểm", "Xếp loại", "Lý do"],
            rows,
            [2.6, 0.8, 0.9, 1.3, 6.73],
            "đơn vị",
        )
    notes(slide, b, [])
