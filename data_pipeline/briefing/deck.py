"""The sơ kết deck: an editable 16:9 PowerPoint with native charts, built from a Briefing.

Charts are real PowerPoint charts (their data opens in Excel from PowerPoint), never pictures, so the
secretariat can restyle or correct them before the meeting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.table import Table
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Length, Pt

from data_pipeline.briefing.collect import Briefing
from data_pipeline.formatting import fmt_change, fmt_date, fmt_decimal, fmt_int, fmt_pct, fmt_window, percent
from data_pipeline.warehouse.statuses import (
    ATTAINMENT_STATUSES,
    DEMO_MARK,
    NOT_APPLICABLE,
    REGISTRY_LABEL,
    RISE,
    TASK_DONE,
    TASK_ON_SCHEDULE,
    TASK_OVERDUE,
)

# Arial has every Vietnamese diacritic on Windows and macOS; LibreOffice maps it to Liberation Sans.
FONT = "Arial"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, PowerPoint's own 16:9 size
MARGIN = Inches(0.5)
TOP = Inches(1.3)  # below the title
BOTTOM = Inches(7.1)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
SMALLEST = 12  # pt; nothing on a slide is set smaller

BLUE = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0xA6, 0xA6, 0xA6)
GREEN = RGBColor(0x2E, 0x7D, 0x32)
AMBER = RGBColor(0xEF, 0x8F, 0x00)
RED = RGBColor(0xC6, 0x28, 0x28)

# Indices into the default template's layouts.
TITLE_LAYOUT, BULLETS_LAYOUT, TITLE_ONLY_LAYOUT = 0, 1, 5

TASK_ORDER = {TASK_OVERDUE: 0, TASK_ON_SCHEDULE: 1, TASK_DONE: 2}
MAX_CHART_AREAS = 24  # with 12 pt labels more bars than this do not fit the slide's height

Box = tuple[int, int, int, int]
Series = tuple[str, list[float | None], RGBColor, Callable[[float], str] | None]


def write_deck(briefing: Briefing, path: Path) -> Path:
    """Write the sơ kết deck (9 slides, 16:9, editable) for `briefing` to `path` and return the path."""
    prs = Presentation()
    _widen_template(prs)
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for build in (
        _title_slide,
        _headline_slide,
        _ranking_slide,
        _compliance_slide,
        _incidents_slide,
        _coverage_slide,
        _tasks_slide,
        _weak_units_slide,
        _directions_slide,
    ):
        build(prs, briefing)
    if briefing.is_demo:
        for slide in prs.slides:
            _demo_mark(slide)
    path = Path(path)
    prs.save(path)
    return path


# Slides ------------------------------------------------------------------------------------------


def _title_slide(prs: PresentationType, b: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.8), CONTENT_WIDTH, Inches(3.0)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    title.text = b.programme_name
    _style(title.text_frame, _fit_size([b.programme_name], title.width, title.height, 40), bold=True, color=BLUE)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(4.1), CONTENT_WIDTH, Inches(2.2)
    _fill(
        subtitle.text_frame,
        [f"Báo cáo sơ kết — {b.period_label}", b.secretariat, f"Số liệu đến ngày {fmt_date(b.as_of)}"],
        20,
    )
    _notes(slide, b, [f"{b.document}. Cách chia địa bàn: {b.view_label}."])


def _headline_slide(prs: PresentationType, b: Briefing) -> None:
    if b.headline.empty and not b.activities.empty:
        _activities_slide(prs, b)
        return
    slide = _new_slide(prs, "Kết quả thực hiện các chỉ tiêu")
    head = b.headline
    if head.empty:
        _no_data(slide, "Chưa có chỉ tiêu nào để tổng hợp.")
    else:
        _bar_chart(
            slide,
            (MARGIN, TOP, Inches(7.5), BOTTOM - TOP),
            [str(c) for c in head.indicator_code],
            [
                ("Tỉ lệ đạt (%)", _percents(head.rate), BLUE, _pct_label),
                ("Mục tiêu (%)", _percents(head.goal), GREY, None),
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
    frame = _write(slide, (Inches(8.2), TOP, Inches(4.63), BOTTOM - TOP), lines, 16)
    _emphasise(frame.paragraphs[0])
    _emphasise(frame.paragraphs[1], colour)
    # The chart names indicators by code; the presenter reads the names from the notes.
    names = [
        f"{r.indicator_code}: {r.indicator_name} — {fmt_pct(_num(r.rate))} (mục tiêu {fmt_pct(_num(r.goal))}; {r.status})"
        for r in head.itertuples()
    ]
    _notes(slide, b, names)


def _activities_slide(prs: PresentationType, b: Briefing) -> None:
    """For a programme without rate targets: what the units did in the period."""
    slide = _new_slide(prs, "Kết quả hoạt động")
    rows = b.activities
    _bar_chart(
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
    _write(slide, (Inches(8.2), TOP, Inches(4.63), BOTTOM - TOP), lines, 16)
    _notes(slide, b, [f"{r.activity_name}: {fmt_int(r.value)}" for r in rows.itertuples()])


def _ranking_slide(prs: PresentationType, b: Briefing) -> None:
    if b.headline.empty and not b.activities.empty:
        return  # no rate targets: areas are not ranked (their counts are on the activities slide's notes)
    slide = _new_slide(prs, "Kết quả theo địa bàn")
    ranking = b.ranking.reset_index(drop=True)
    if ranking.empty:
        _no_data(slide, "Chưa có địa bàn nào có số liệu.")
        _notes(slide, b, [])
        return
    # The meeting needs both ends of the ranking, so a long one loses its middle.
    half = MAX_CHART_AREAS // 2
    cut = len(ranking) > MAX_CHART_AREAS
    shown = pd.concat([ranking.head(half), ranking.tail(half)]) if cut else ranking
    chart_height = BOTTOM - TOP - (Inches(0.5) if cut else 0)
    _bar_chart(
        slide,
        (MARGIN, TOP, Inches(7.4), chart_height),
        [str(a) for a in shown.area_name],
        [("Mức đạt bình quân (%)", _percents(shown.score), BLUE, _pct_label)],
        percent=True,
    )
    if cut:
        caption = f"Biểu đồ thể hiện {half} địa bàn cao nhất và {half} địa bàn thấp nhất trong {len(ranking)}."
        _write(slide, (MARGIN, TOP + chart_height, Inches(7.4), Inches(0.5)), [caption], SMALLEST)
    rows = [
        [str(i + 1), str(r.area_name), fmt_pct(_num(r.score)), f"{fmt_int(r.indicators_met)}/{fmt_int(r.indicators)}"]
        for i, r in ranking.iterrows()
    ]
    if len(rows) > 6:
        rows = [*rows[:3], ["…", "", "", ""], *rows[-3:]]
    left = Inches(8.2)
    _emphasise(_write(slide, (left, TOP, Inches(4.6), Inches(0.5)), ["Cao nhất và thấp nhất"], 16).paragraphs[0])
    _table(
        slide,
        (left, TOP + Inches(0.6), Inches(4.6)),
        ["Hạng", b.area_label, "Mức đạt", "Chỉ tiêu đạt"],
        rows,
        [0.75, 1.95, 1.0, 0.9],
        "địa bàn",
    )
    _notes(slide, b, [f"Địa bàn: {b.area_label} ({b.view_label})."])


def _compliance_slide(prs: PresentationType, b: Briefing) -> None:
    slide = _new_slide(prs, "Tình hình nộp báo cáo")
    c = b.compliance
    _bar_chart(
        slide,
        (MARGIN, TOP, Inches(4.4), BOTTOM - TOP),
        ["Đúng hạn", "Trễ hạn", "Chưa nộp"],
        [("Số đơn vị", [_num(c.get(k)) for k in ("on_time", "late", "missing")], BLUE, fmt_int)],
        percent=False,
        horizontal=False,
        point_colors=[GREEN, AMBER, RED],
    )
    left = Inches(5.2)
    width = WIDTH - MARGIN - left
    summary = [
        f"Tỉ lệ nộp báo cáo: {fmt_pct(_num(c.get('reporting_rate')))} "
        f"({fmt_int(c.get('received'))}/{fmt_int(c.get('expected'))} đơn vị)",
        f"Tỉ lệ nộp đúng hạn: {fmt_pct(_num(c.get('on_time_rate')))}",
    ]
    _write(slide, (left, TOP, width, Inches(1.0)), summary, 18)
    late = b.late_units
    if late.empty:
        _write(slide, (left, TOP + Inches(1.1), width, Inches(0.6)), ["Mọi đơn vị đã nộp đúng hạn."], 16)
    else:
        rows = [
            [_text(r.unit_name), _text(r.area_name), _text(r.status), fmt_int(r.days_late)] for r in late.itertuples()
        ]
        _table(
            slide,
            (left, TOP + Inches(1.1), width),
            ["Đơn vị", "Địa bàn", "Tình trạng", "Ngày trễ"],
            rows,
            [3.0, 2.3, 1.33, 1.0],
            "đơn vị",
        )
    _notes(slide, b, [])


def _incidents_slide(prs: PresentationType, b: Briefing) -> None:
    compared = b.incidents_note is None
    slide = _new_slide(prs, "Vụ việc so với cùng kỳ" if compared else f"Vụ việc {b.incidents_label}")
    inc = b.incidents
    if inc.empty:
        within = f"{b.incidents_label} và {b.incidents_previous_label}" if compared else b.incidents_label
        _no_data(slide, f"Không có vụ việc nào trong {within}.")
        _notes(slide, b, [])
        return
    series = [(b.incidents_label, [_num(v) for v in inc.cases], BLUE, fmt_int)]
    total = f"Tổng số: {fmt_int(inc.cases.sum())} vụ ({b.incidents_label})"
    rising = inc[inc.flag == RISE]
    if not compared:
        lines = [f"{total}.", b.incidents_note]
    else:
        series.append((b.incidents_previous_label, [_num(v) for v in inc.previous_cases], GREY, fmt_int))
        lines = [f"{total}; cùng kỳ {fmt_int(inc.previous_cases.sum())} vụ ({b.incidents_previous_label})."]
        if rising.empty:
            lines.append("Không có loại vụ việc nào tăng bất thường so với cùng kỳ.")
        else:
            lines.append("Tăng bất thường so với cùng kỳ:")
            lines += _cap(
                [
                    f"{r.category_name}: {fmt_int(r.cases)} vụ (cùng kỳ {fmt_int(r.previous_cases)}; "
                    f"{fmt_change(r.cases, r.previous_cases)})"
                    for r in rising.itertuples()
                ],
                6,
                "loại vụ việc",
            )
    categories = [str(c) for c in inc.category_name]
    _bar_chart(slide, (MARGIN, TOP, Inches(7.8), BOTTOM - TOP), categories, series, percent=False)
    frame = _write(slide, (Inches(8.6), TOP, Inches(4.23), BOTTOM - TOP), lines, 16)
    _emphasise(frame.paragraphs[1], AMBER if not compared else GREEN if rising.empty else RED)
    _notes(slide, b, [])


def _coverage_slide(prs: PresentationType, b: Briefing) -> None:
    if b.coverage.empty and not (b.milestones.empty and b.contacts.empty):
        _model_steps_slide(prs, b)
        return
    slide = _new_slide(prs, "Mô hình: kết quả và đối chiếu sổ theo dõi")
    cov = b.coverage
    if cov.empty:
        _no_data(slide, "Chưa có số liệu về mô hình.")
        _notes(slide, b, [])
        return
    _bar_chart(
        slide,
        (MARGIN, TOP, Inches(7.8), BOTTOM - TOP),
        [f"{r.indicator_name} ({r.indicator_code})" for r in cov.itertuples()],
        [
            ("Kết quả (%)", _percents(cov.rate), BLUE, _pct_label),
            (f"{REGISTRY_LABEL} (%)", _percents(cov.registry_rate), GREEN, _pct_label),
            ("Mục tiêu (%)", _percents(cov.goal), GREY, None),
        ],
        percent=True,
    )
    lines = [
        f"{r.indicator_code} {r.indicator_name}: {_ratio(r.numerator, r.denominator)} — {fmt_pct(_num(r.rate))} "
        f"(mục tiêu {fmt_pct(_num(r.goal))})"
        + ("" if _num(r.registry_rate) is None else f"; sổ mô hình {fmt_pct(_num(r.registry_rate))}")
        for r in cov.itertuples()
    ]
    _write(slide, (Inches(8.6), TOP, Inches(4.23), BOTTOM - TOP), _cap(lines, 8, "chỉ tiêu"), 16)
    _notes(slide, b, [])


def _model_steps_slide(prs: PresentationType, b: Briefing) -> None:
    """For a model built in steps: where the districts stand on each step, and how regularly the
    groups' admins were contacted since."""
    slide = _new_slide(prs, "Xây dựng mô hình: các bước và tiếp xúc định kỳ")
    steps, windows = b.milestones, b.contacts
    left_width = Inches(7.0)
    if steps.empty:
        _write(slide, (MARGIN, TOP, left_width, Inches(0.6)), ["Chương trình không chia bước xây dựng mô hình."], 16)
    else:
        rows = [
            [
                f"{r.step_id}. {_text(r.step_name)}",
                fmt_date(r.due_on),
                *map(fmt_int, (r.done, r.done_late, r.overdue, r.not_due)),
            ]
            for r in steps.itertuples()
        ]
        table = _table(
            slide,
            (MARGIN, TOP, left_width),
            ["Bước", "Hạn", "Đúng hạn", "Trễ hạn", "Quá hạn", "Chưa đến hạn"],
            rows,
            [2.9, 1.2, 0.8, 0.7, 0.7, 0.7],
            "bước",
        )
        for row in list(table.rows)[1:]:
            if row.cells[4].text not in ("", "0"):
                _style(row.cells[4].text_frame, SMALLEST, bold=True, color=RED)
    left = MARGIN + left_width + Inches(0.4)
    width = WIDTH - MARGIN - left
    if windows.empty:
        _write(slide, (left, TOP, width, Inches(0.6)), ["Chưa có kỳ tiếp xúc nào kết thúc."], 16)
    else:
        shares = _percents(windows.compliant_share)
        labels = [fmt_window(a, z) for a, z in zip(windows.window_start, windows.window_end, strict=True)]
        _bar_chart(
            slide,
            (left, TOP, width, Inches(4.6)),
            labels,
            [("Có tiếp xúc (%)", shares, BLUE, _pct_label)],
            percent=True,
        )
        last = windows.iloc[-1]
        summary = (
            f"Kỳ gần nhất ({labels[-1]}): {fmt_int(last.compliant)}/{fmt_int(last.groups)} hội nhóm được tiếp xúc "
            f"với quản trị viên ({fmt_pct(last.compliant_share)})."
        )
        _write(slide, (left, TOP + Inches(4.7), width, Inches(1.0)), [summary], 16)
    _notes(
        slide, b, [] if steps.empty else [f"Mỗi bước tính trên {fmt_int(steps.units.max())} huyện, thị xã, thành phố."]
    )


def _tasks_slide(prs: PresentationType, b: Briefing) -> None:
    slide = _new_slide(prs, "Nhiệm vụ và kinh phí")
    tasks = b.tasks
    left_width = Inches(6.6)
    if tasks.empty:
        _write(slide, (MARGIN, TOP, left_width, Inches(0.6)), ["Chưa có nhiệm vụ nào được giao."], 16)
    else:
        counts = tasks.status.value_counts()
        summary = f"{len(tasks)} nhiệm vụ: " + ", ".join(f"{int(n)} {s}" for s, n in counts.items())
        _write(slide, (MARGIN, TOP, left_width, Inches(0.5)), [summary], 16)
        # Overdue tasks first: they are what the meeting has to act on.
        ordered = tasks.sort_values("status", key=lambda s: s.map(TASK_ORDER).fillna(len(TASK_ORDER)), kind="stable")
        rows = [[_text(r.name), _text(r.owner), fmt_date(r.deadline), _text(r.status)] for r in ordered.itertuples()]
        table = _table(
            slide,
            (MARGIN, TOP + Inches(0.6), left_width),
            ["Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng"],
            rows,
            [2.6, 1.6, 1.2, 1.2],
            "nhiệm vụ",
        )
        for row in list(table.rows)[1:]:
            if row.cells[3].text == TASK_OVERDUE:
                _style(row.cells[3].text_frame, SMALLEST, bold=True, color=RED)
    budget = b.budget
    left = MARGIN + left_width + Inches(0.4)
    width = WIDTH - MARGIN - left
    if budget.empty:
        _write(slide, (left, TOP, width, Inches(0.6)), ["Chưa có số liệu kinh phí."], 16)
    else:
        whole = budget[budget.is_total].iloc[0]
        budget = budget[~budget.is_total]
        _bar_chart(
            slide,
            (left, TOP, width, Inches(4.9)),
            [str(level) for level in budget.level_name],
            [
                ("Dự toán (đồng)", [_num(v) for v in budget.planned], GREY, fmt_int),
                ("Đã chi (đồng)", [_num(v) for v in budget.spent], BLUE, fmt_int),
            ],
            percent=False,
        )
        summary = f"Đã chi {fmt_int(whole.spent)}/{fmt_int(whole.planned)} đồng dự toán ({fmt_pct(whole.spent_share)})."
        _write(slide, (left, TOP + Inches(5.0), width, Inches(0.8)), [summary], 16)
    _notes(slide, b, [])


def _weak_units_slide(prs: PresentationType, b: Briefing) -> None:
    slide = _new_slide(prs, "Đơn vị xếp loại Trung bình, Yếu")
    weak = b.weak_units
    if weak.empty:
        _no_data(slide, "Không có đơn vị nào xếp loại Trung bình hoặc Yếu.")
    else:
        rows = [
            [_text(r.unit_name), _year(r.year), fmt_decimal(r.score), _text(r.rating), _text(r.reasons)]
            for r in weak.itertuples()
        ]
        _table(
            slide,
            (MARGIN, TOP, CONTENT_WIDTH),
            ["Đơn vị", "Năm", "Điểm", "Xếp loại", "Lý do"],
            rows,
            [2.6, 0.8, 0.9, 1.3, 6.73],
            "đơn vị",
        )
    _notes(slide, b, [])


def _directions_slide(prs: PresentationType, b: Briefing) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[BULLETS_LAYOUT])
    _set_title(slide, "Phương hướng, nhiệm vụ")
    body = slide.placeholders[1]
    body.left, body.top, body.width, body.height = MARGIN, TOP, CONTENT_WIDTH, BOTTOM - TOP
    directions = b.directions or ["Ban Thư ký bổ sung phương hướng trước khi trình bày."]
    body.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # the size is chosen below; the template would shrink it
    # The bullets' indent takes about half an inch of the width.
    _fill(body.text_frame, directions, _fit_size(directions, body.width - Inches(0.5), body.height, 24))
    _notes(slide, b, [])


# Building blocks ---------------------------------------------------------------------------------


def _widen_template(prs: PresentationType) -> None:
    """Stretch the default 4:3 template's placeholders to 16:9, so slides added later in PowerPoint fit.

    Layouts go before the master: a layout placeholder without its own position reads the master's,
    and all four sides are written because setting one starts the placeholder's own position at zero."""
    ratio = WIDTH / prs.slide_width
    for owner in [*prs.slide_layouts, prs.slide_master]:
        for shape in owner.placeholders:
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
            if left is not None:
                shape.left, shape.top = round(left * ratio), top
                shape.width, shape.height = round(width * ratio), height


def _new_slide(prs: PresentationType, title: str) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _set_title(slide, title)
    return slide


def _set_title(slide: Slide, title: str) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), CONTENT_WIDTH, Inches(0.9)
    shape.text = title
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # the template would shrink titles unevenly
    _style(shape.text_frame, 28, bold=True, color=BLUE)
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _notes(slide: Slide, b: Briefing, lines: list[str]) -> None:
    build = [f"Số liệu dựng lúc {b.built_at}, mã bản dựng {b.build_id}.", "Nguồn: " + "; ".join(b.sources)]
    _fill(slide.notes_slide.notes_text_frame, [*lines, *build], SMALLEST)


def _write(slide: Slide, box: Box, lines: Sequence[str], largest: int) -> TextFrame:
    """A text box holding `lines`, one paragraph each, at the largest size up to `largest` that fits."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    _fill(frame, lines, _fit_size(lines, box[2] - Inches(0.2), box[3], largest))  # less the box's insets
    return frame


def _no_data(slide: Slide, sentence: str) -> None:
    _write(slide, (MARGIN, TOP, CONTENT_WIDTH, Inches(1.0)), [sentence], 20)


def _fill(frame: TextFrame, lines: Sequence[str], size: int) -> None:
    """Replace the frame's text with one paragraph per line, in FONT at `size` points."""
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    _style(frame, size)
    for paragraph in frame.paragraphs[1:]:
        paragraph.space_before = Pt(size // 2)


def _style(frame: TextFrame, size: int, bold: bool = False, color: RGBColor | None = None) -> None:
    for paragraph in frame.paragraphs:
        paragraph.font.name, paragraph.font.size = FONT, Pt(size)
        for run in paragraph.runs:
            run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
            if color is not None:
                run.font.color.rgb = color


def _demo_mark(slide: Slide) -> None:
    """DEMO_MARK in red in the slide's top-right corner, above the title (0.3 in down)."""
    width = Inches(2.6)
    frame = slide.shapes.add_textbox(WIDTH - MARGIN - width, Inches(0.02), width, Inches(0.26)).text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.text = DEMO_MARK
    _style(frame, SMALLEST, bold=True, color=RED)
    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def _emphasise(paragraph: _Paragraph, color: RGBColor | None = None) -> None:
    for run in paragraph.runs:
        run.font.bold = True
        if color is not None:
            run.font.color.rgb = color


# python-pptx cannot measure text, so sizes and row heights come from an estimate: Arial's mean
# character is under 0.55 em wide, a line takes 1.2 em and paragraphs are half an em apart.
def _line_count(text: str, size: int, width: Length) -> int:
    per_line = max(1, int(width / Pt(size * 0.55)))
    return max(1, math.ceil(len(text) / per_line))


def _fit_size(lines: Sequence[str], width: Length, height: Length, largest: int) -> int:
    """The largest even size from `largest` down whose estimated height fits; SMALLEST when none does."""
    for size in range(largest, SMALLEST, -2):
        rows = sum(_line_count(line, size, width) for line in lines)
        if Pt(size * 1.2) * rows + Pt(size / 2) * (len(lines) - 1) + Inches(0.1) <= height:
            return size
    return SMALLEST


def _row_height(values: Sequence[str], inches: Sequence[float]) -> Length:
    lines = max(_line_count(v, SMALLEST, Inches(w - 0.2)) for v, w in zip(values, inches, strict=True))
    return Emu(Pt(SMALLEST * 1.2) * lines + Inches(0.12))  # with the cell's top and bottom margins


def _table(
    slide: Slide,
    box: tuple[int, int, int],
    header: list[str],
    rows: list[list[str]],
    inches: list[float],
    noun: str,
    max_rows: int = 10,
) -> Table:
    """A table at (left, top, width), columns `inches` wide, with as many rows as fit above BOTTOM.

    Past `max_rows` or the slide's foot, a last row spanning the table says how many `noun` are left out."""
    left, top, width = box
    heights = [_row_height(row, inches) for row in rows]
    tail_height = _row_height(["…"], inches[:1])
    room = BOTTOM - top - _row_height(header, inches)
    keep = len(rows)
    truncated = keep > max_rows or sum(heights) > room
    if truncated:
        keep = min(keep, max_rows) - 1
        while keep and sum(heights[:keep]) + tail_height > room:
            keep -= 1
        rows = [*rows[:keep], [f"… và {len(rows) - keep} {noun} khác", *[""] * (len(header) - 1)]]
        heights = [*heights[:keep], tail_height]
    heights = [_row_height(header, inches), *heights]
    table = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, sum(heights)).table
    for column, size in zip(table.columns, inches, strict=True):
        column.width = Inches(size)
    for r, values in enumerate([header, *rows]):
        table.rows[r].height = heights[r]
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            _style(cell.text_frame, SMALLEST, bold=r == 0)
    if truncated:
        table.cell(len(rows), 0).merge(table.cell(len(rows), len(header) - 1))
    return table


def _bar_chart(
    slide: Slide,
    box: Box,
    categories: list[str],
    series: list[Series],
    *,
    percent: bool,
    horizontal: bool = True,
    point_colors: list[RGBColor] | None = None,
) -> Chart:
    """A native clustered bar (or column) chart; each series labelled by its optional formatter.

    Labels are written as text because a chart number format takes its decimal separator from the
    viewer's locale, and the meeting must read "53,7 %" whatever the computer."""
    data = CategoryChartData()
    data.categories = categories
    for name, values, _, _ in series:
        data.add_series(name, values)  # None stays a blank point, never a zero
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = slide.shapes.add_chart(kind, *box, data).chart
    chart.font.name, chart.font.size = FONT, Pt(SMALLEST)
    chart.has_title = False  # the slide title says it; a one-series chart would repeat the series name
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.name, chart.legend.font.size = FONT, Pt(SMALLEST)
    axis = chart.value_axis
    axis.minimum_scale = 0
    if percent:
        values = [v for _, vs, _, _ in series for v in vs if v is not None]
        if max(values, default=0) <= 100:
            axis.maximum_scale = 100
        axis.has_major_gridlines = True
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False
    else:
        # Counts and đồng are read from the labels; an axis would show the locale's separators.
        axis.has_major_gridlines = False
        axis.visible = False
    if horizontal:
        # First category on top, as the list reads. The value axis would then move to the top; it
        # stays at the bottom by crossing at the last category, which python-pptx only offers in XML.
        chart.category_axis.reverse_order = True
        axis._element.crosses.val = XL_AXIS_CROSSES.MAXIMUM
    plot = chart.plots[0]
    plot.gap_width = 60
    for plot_series, (_, values, colour, label) in zip(plot.series, series, strict=True):
        plot_series.format.fill.solid()
        plot_series.format.fill.fore_color.rgb = colour
        for idx, value in enumerate(values):
            point = plot_series.points[idx]
            if point_colors:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = point_colors[idx]
            if label is None or value is None:
                continue
            point.data_label.text_frame.text = label(value)
            _style(point.data_label.text_frame, SMALLEST)
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    return chart


def _cap(lines: list[str], limit: int, noun: str) -> list[str]:
    """At most `limit` lines; past that the last one says how many were left out."""
    if len(lines) <= limit:
        return lines
    return [*lines[: limit - 1], f"… và {len(lines) - limit + 1} {noun} khác"]


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _percents(values: pd.Series) -> list[float | None]:
    """Shares 0–1 as the percents the labels, the page and the report show (one rounding)."""
    return [percent(value) for value in values]


def _pct_label(value: float) -> str:
    return f"{fmt_decimal(value)} %"


def _year(value: object) -> str:
    number = _num(value)  # a year column with a gap arrives as floats
    return "–" if number is None else str(int(number))


def _ratio(numerator: object, denominator: object) -> str:
    return "–" if _num(numerator) is None else f"{fmt_int(numerator)}/{fmt_int(denominator)}"


def _text(value: object) -> str:
    return "–" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
