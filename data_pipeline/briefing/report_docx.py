"""The draft "Báo cáo sơ kết" as a Word document, laid out as a Vietnamese administrative report
(Nghị định 30/2020/NĐ-CP): issuing body and national motto, title, sections I–III, recipients
and signature. Every figure comes from the Briefing, so the report agrees with the deck."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

import docx
import pandas as pd
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from data_pipeline.briefing.collect import Briefing
from data_pipeline.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct, fmt_window, is_missing
from data_pipeline.warehouse.statuses import (
    BEHIND,
    DEMO_MARK,
    LATE,
    MISSING,
    NO_DATA,
    NOT_APPLICABLE,
    RISE,
    TASK_DONE,
    TASK_OVERDUE,
)

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TABLE_SIZE = Pt(12)
# A4 with the margins of Nghị định 30: 2 cm top and bottom, 3 cm left, 2 cm right.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_VERTICAL = Cm(3), Cm(2), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
HEADER_WIDTHS = (Cm(6), TEXT_WIDTH - Cm(6))
DEMO_RED = RGBColor(0xC6, 0x28, 0x28)
NO_DIRECTIONS = "Ban Thư ký bổ sung phương hướng, nhiệm vụ."


def write_report_docx(briefing: Briefing, path: Path) -> Path:
    """Write the draft sơ kết report for `briefing` to `path` (.docx) and return the path."""
    document = docx.Document()
    _setup_page(document)
    _setup_fonts(document)
    if briefing.is_demo:
        _demo_mark(document)
    document.core_properties.title = f"Báo cáo sơ kết thực hiện {briefing.short_name} — {briefing.period_label}"
    document.core_properties.author = briefing.secretariat

    _national_header(document, briefing)
    _title(document, briefing)
    _body(
        document,
        f"Thực hiện {briefing.document}, {briefing.secretariat} báo cáo sơ kết thực hiện "
        f"{briefing.programme_name} ({briefing.period_label}), số liệu tính đến ngày "
        f"{fmt_date(briefing.as_of)}, như sau:",
    )
    if briefing.sources:
        _body(document, f"Số liệu được tổng hợp từ: {'; '.join(briefing.sources)}.", italic=True)

    _heading(document, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    _indicators(document, briefing)
    _areas(document, briefing)
    _compliance(document, briefing)
    _incidents(document, briefing)
    _coverage(document, briefing)
    _tasks_and_budget(document, briefing)

    _heading(document, "II. TỒN TẠI, HẠN CHẾ")
    for item in _shortcomings(briefing) or ["Số liệu chưa cho thấy tồn tại, hạn chế; Ban Thư ký bổ sung."]:
        _body(document, f"- {item}")

    _heading(document, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    if briefing.directions:
        for number, direction in enumerate(briefing.directions, start=1):
            _body(document, f"{number}. {direction}")
    else:
        _body(document, NO_DIRECTIONS)

    _closing(document)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


# --- page and styles ---------------------------------------------------------------------------


def _setup_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin = section.bottom_margin = MARGIN_VERTICAL
    # Nghị định 30 numbers pages from the second, centred at the top.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)


def _demo_mark(document: Document) -> None:
    """DEMO_MARK in red as the first line and in the page headers (the first page's and the
    others'), so every printed page says the report was made from generated data."""
    section = document.sections[0]
    for paragraph in (
        section.first_page_header.paragraphs[0],  # the first page has no page number (Nghị định 30)
        section.header.add_paragraph(),  # below the page number
        document.add_paragraph(),
    ):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(DEMO_MARK)
        run.bold, run.font.size, run.font.color.rgb = True, TABLE_SIZE, DEMO_RED


def _setup_fonts(document: Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    rpr = normal.element.get_or_add_rPr()
    # python-docx only sets the Latin fonts; Vietnamese runs may be classed East Asian or complex,
    # and the template's theme fonts would otherwise win for them.
    _set_fonts(rpr.get_or_add_rFonts())
    _set_fonts(document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:rFonts')}"))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    paragraph = normal.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(0), Pt(6)
    paragraph.line_spacing = 1.0


def _set_fonts(rfonts: BaseOxmlElement) -> None:
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), FONT)


# --- building blocks ---------------------------------------------------------------------------


def _text(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Pt | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    # A no-break space keeps '%' on the line of its number.
    run = paragraph.add_run(text.replace(" %", "\u00a0%"))
    run.bold, run.italic = bold or None, italic or None
    if size is not None:
        run.font.size = size
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _body(document: Document, text: str, *, italic: bool = False) -> Paragraph:
    paragraph = _text(document.add_paragraph(), text, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _heading(document: Document, text: str) -> Paragraph:
    paragraph = _text(document.add_paragraph(), text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _cell_text(cell: _Cell, lines: Sequence[tuple[str, dict]]) -> None:
    """Fill a header cell with centred lines, each `(text, run options)`."""
    for n, (text, options) in enumerate(lines):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _text(paragraph, text, align=WD_ALIGN_PARAGRAPH.CENTER, **options)


def _rule(container: Document | _Cell, container_width: int, width: int) -> Paragraph:
    """A centred horizontal line of `width` under the previous line, as Nghị định 30 draws it."""
    paragraph = container.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    # The border goes into the still-empty pPr first: the setters below then keep the schema order.
    paragraph._p.get_or_add_pPr().append(border)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = (container_width - width) // 2
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    return paragraph


def _borderless(document: Document, rows: int, widths: Sequence[int]) -> Table:
    table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Word rejects a tblPr whose children are out of schema order.
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    _widths(table, widths)
    return table


def _widths(table: Table, widths: Sequence[int]) -> None:
    # Word reads the cell widths, LibreOffice the grid: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _grid(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    right: Collection[int],
) -> Table:
    """A 'Table Grid' table with a bold header row repeated on each page; columns in `right` (the
    figures) are right-aligned, widths are in cm."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        _table_cell(cell, label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        for column, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if column in right else WD_ALIGN_PARAGRAPH.LEFT
            _table_cell(cell, value, align=align)
    _widths(table, [Cm(w) for w in widths])
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    return table


def _table_cell(cell: _Cell, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    _text(paragraph, text, bold=bold, size=TABLE_SIZE, align=align)


def _fill(
    document: Document,
    frame: pd.DataFrame,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    right: Collection[int],
) -> None:
    """The table of `frame`, or a sentence saying there is nothing to show."""
    if frame.empty:
        _body(document, "Chưa có số liệu.", italic=True)
    else:
        _grid(document, header, rows, widths, right)


# --- formats -----------------------------------------------------------------------------------


def _ratio(part: object, whole: object) -> str:
    """'3/3'; '–' when either side is missing."""
    if is_missing(part) or is_missing(whole):
        return "–"
    return f"{fmt_int(part)}/{fmt_int(whole)}"


def _label(text: str) -> str:
    """A period label such as 'tháng 01–10/2025' as a column header."""
    return text[:1].upper() + text[1:]


def _str(value: object) -> str:
    return "" if is_missing(value) else str(value)


# --- header, title and closing -----------------------------------------------------------------


def _national_header(document: Document, briefing: Briefing) -> None:
    table = _borderless(document, rows=2, widths=HEADER_WIDTHS)
    left, right = table.rows[0].cells
    _cell_text(left, [(briefing.secretariat.upper(), {"bold": True, "size": Pt(12)})])
    _rule(left, HEADER_WIDTHS[0], Cm(2))
    _cell_text(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": Pt(12)}),
            ("Độc lập - Tự do - Hạnh phúc", {"bold": True, "size": Pt(13)}),
        ],
    )
    _rule(right, HEADER_WIDTHS[1], Cm(6))
    number, date = table.rows[1].cells
    _cell_text(number, [("Số:        /BC-……", {"size": Pt(13)})])
    _cell_text(date, [("……, ngày …… tháng …… năm ……", {"italic": True, "size": Pt(13)})])
    for cell in (number, date):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _title(document: Document, briefing: Briefing) -> None:
    heading = _text(document.add_paragraph(), "BÁO CÁO", bold=True, size=Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER)
    heading.paragraph_format.space_before = Pt(18)
    heading.paragraph_format.space_after = Pt(0)
    subject = f"Sơ kết thực hiện {briefing.short_name} — {briefing.period_label}"
    subject_line = _text(document.add_paragraph(), subject, bold=True, size=Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER)
    subject_line.paragraph_format.space_after = Pt(0)
    _rule(document, TEXT_WIDTH, Cm(4)).paragraph_format.space_after = Pt(12)


def _closing(document: Document) -> None:
    table = _borderless(document, rows=1, widths=(Cm(8), TEXT_WIDTH - Cm(8)))
    # Recipients and signature stay together on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signature = table.rows[0].cells
    recipients.paragraphs[0].paragraph_format.space_after = Pt(0)
    _text(recipients.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=Pt(12))
    for line in ("- Như trên;", "- Lưu: VT."):
        paragraph = _text(recipients.add_paragraph(), line, size=Pt(11))
        paragraph.paragraph_format.space_after = Pt(0)
    # Blank lines leave room for the signature and the seal.
    _cell_text(signature, [("THỦ TRƯỞNG CƠ QUAN", {"bold": True}), *[("", {})] * 4])
    for cell in (recipients, signature):
        cell.paragraphs[0].paragraph_format.space_before = Pt(12)


# --- section I ---------------------------------------------------------------------------------


def _indicators(document: Document, briefing: Briefing) -> None:
    if briefing.headline.empty and not briefing.activities.empty:
        _heading(document, "1. Kết quả hoạt động")
        activities = briefing.activities
        _body(
            document,
            f"{briefing.short_name} không đặt chỉ tiêu tỉ lệ; {fmt_int(activities.units_reported.max())} đơn vị "
            "đã báo cáo số lượng hoạt động như sau:",
        )
        rows = [(_str(r.activity_name), fmt_int(r.value)) for r in activities.itertuples()]
        _fill(document, activities, ("Hoạt động", "Số lượng"), rows, (12.0, 4.0), {1})
        return
    _heading(document, "1. Các chỉ tiêu")
    headline = briefing.headline
    counts = briefing.status_counts
    if briefing.on_track_share is None:
        _body(document, f"Chưa có chỉ tiêu nào có số liệu để đánh giá theo yêu cầu {briefing.review_name}.")
    else:
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
        _body(document, sentence)
    rows = [
        (
            _str(r.indicator_code),
            _str(r.indicator_name),
            fmt_pct(r.rate),
            fmt_pct(r.goal),
            fmt_pct(r.expected),
            _str(r.status),
            _ratio(r.units_reported, r.units_expected),
        )
        for r in headline.itertuples()
    ]
    header = ("Mã", "Chỉ tiêu", "Tỉ lệ", "Mục tiêu", "Lộ trình", "Tình trạng", "Đơn vị đã báo cáo")
    _fill(document, headline, header, rows, (1.3, 4.9, 1.9, 1.9, 1.9, 2.2, 1.9), {2, 3, 4, 6})


def _areas(document: Document, briefing: Briefing) -> None:
    _heading(document, "2. Theo địa bàn")
    if briefing.headline.empty and not briefing.activities.empty:
        _body(document, f"{briefing.short_name} không đặt chỉ tiêu tỉ lệ nên không xếp hạng địa bàn.")
        return
    _body(
        document,
        f"{briefing.view_label}: xếp hạng {briefing.area_label.lower()} theo mức đạt bình quân "
        "của các chỉ tiêu có số liệu.",
    )
    rows = [
        (_str(r.area_name), fmt_pct(r.score), _ratio(r.indicators_met, r.indicators))
        for r in briefing.ranking.itertuples()
    ]
    header = ("Địa bàn", "Mức đạt bình quân", "Số chỉ tiêu đạt")
    _fill(document, briefing.ranking, header, rows, (8.0, 4.0, 4.0), {1, 2})


def _compliance(document: Document, briefing: Briefing) -> None:
    _heading(document, "3. Tình hình báo cáo")
    c = briefing.compliance
    _body(
        document,
        f"{briefing.period_label}: {fmt_int(c.get('expected'))} đơn vị phải báo cáo, đã nhận "
        f"{fmt_int(c.get('received'))} báo cáo (tỉ lệ báo cáo {fmt_pct(c.get('reporting_rate'))}), trong đó "
        f"đúng hạn {fmt_int(c.get('on_time'))}, trễ hạn {fmt_int(c.get('late'))} (tỉ lệ đúng hạn "
        f"{fmt_pct(c.get('on_time_rate'))}); chưa nộp {fmt_int(c.get('missing'))} đơn vị.",
    )


def _incidents(document: Document, briefing: Briefing) -> None:
    _heading(document, "4. Vụ việc")
    incidents = briefing.incidents
    if briefing.incidents_note is not None:
        _body(document, f"Số vụ việc {briefing.incidents_label}. {briefing.incidents_note}")
        rows = [(_str(r.category_name), fmt_int(r.cases)) for r in incidents.itertuples()]
        rows.append(("Tổng cộng", fmt_int(incidents.cases.sum())))
        _fill(document, incidents, ("Loại vụ việc", _label(briefing.incidents_label)), rows, (10.0, 6.0), {1})
        return
    _body(
        document,
        f"Số vụ việc {briefing.incidents_label} so với cùng kỳ ({briefing.incidents_previous_label}):",
    )
    rows = [
        (_str(r.category_name), fmt_int(r.cases), fmt_int(r.previous_cases), _str(r.flag))
        for r in incidents.itertuples()
    ]
    rows.append(("Tổng cộng", fmt_int(incidents.cases.sum()), fmt_int(incidents.previous_cases.sum()), ""))
    header = (
        "Loại vụ việc",
        _label(briefing.incidents_label),
        _label(briefing.incidents_previous_label),
        "Đánh giá",
    )
    _fill(document, incidents, header, rows, (5.6, 3.4, 3.4, 3.6), {1, 2})


def _coverage(document: Document, briefing: Briefing) -> None:
    _heading(document, "5. Mô hình")
    steps, windows = briefing.milestones, briefing.contacts
    if briefing.coverage.empty and not (steps.empty and windows.empty):
        _model_steps(document, steps, windows)
        return
    rows = [
        (
            f"{_str(r.indicator_code)} {_str(r.indicator_name)}",
            _ratio(r.numerator, r.denominator),
            fmt_pct(r.rate),
            fmt_pct(r.goal),
            "–"
            if is_missing(r.registry_rate)
            else f"{_ratio(r.registry_units_with_model, r.registry_units)} ({fmt_pct(r.registry_rate)})",
        )
        for r in briefing.coverage.itertuples()
    ]
    header = ("Chỉ tiêu", "Kết quả", "Tỉ lệ", "Mục tiêu", "Theo sổ theo dõi mô hình")
    _fill(document, briefing.coverage, header, rows, (5.4, 2.6, 2.2, 2.2, 3.6), {1, 2, 3, 4})


def _model_steps(document: Document, steps: pd.DataFrame, windows: pd.DataFrame) -> None:
    """A model built in steps: the districts on each step, then the contacts with group admins."""
    if not steps.empty:
        _body(document, f"Tiến độ các bước xây dựng mô hình ({fmt_int(steps.units.max())} huyện, thị xã, thành phố):")
        rows = [
            (f"{r.step_id}. {_str(r.step_name)}", fmt_date(r.due_on), *map(fmt_int, (r.done, r.done_late, r.overdue)))
            for r in steps.itertuples()
        ]
        header = ("Bước", "Hạn", "Đúng hạn", "Trễ hạn", "Quá hạn")
        _grid(document, header, rows, (7.0, 2.6, 2.2, 2.2, 2.0), {2, 3, 4})
    if not windows.empty:
        last = windows.iloc[-1]
        _body(
            document,
            f"Tiếp xúc định kỳ với quản trị viên hội nhóm: kỳ gần nhất ({fmt_window(last.window_start, last.window_end)}) "
            f"{fmt_int(last.compliant)}/{fmt_int(last.groups)} hội nhóm được tiếp xúc "
            f"({fmt_pct(last.compliant_share)}); cả giai đoạn {fmt_int(windows.compliant.sum())}/"
            f"{fmt_int(windows.groups.sum())} lượt kỳ – hội nhóm có tiếp xúc.",
        )


def _tasks_and_budget(document: Document, briefing: Briefing) -> None:
    _heading(document, "6. Nhiệm vụ và kinh phí")
    tasks = briefing.tasks
    done = int((tasks.status == TASK_DONE).sum())
    _body(document, f"Đã hoàn thành {done}/{len(tasks)} nhiệm vụ theo kế hoạch:")
    rows = [
        (_str(r.task_id), _str(r.name), _str(r.owner), fmt_date(r.deadline), fmt_date(r.done_on), _str(r.status))
        for r in tasks.itertuples()
    ]
    header = ("TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Hoàn thành", "Tình trạng")
    _fill(document, tasks, header, rows, (1.1, 4.1, 2.7, 2.8, 2.8, 2.5), {0, 3, 4})

    budget = briefing.budget
    _body(document, "Kinh phí (đồng):")
    rows = [
        (_str(r.level_name), fmt_int(r.planned), fmt_int(r.spent), fmt_pct(r.spent_share)) for r in budget.itertuples()
    ]
    _fill(document, budget, ("Cấp", "Kế hoạch", "Đã chi", "Tỉ lệ đã chi"), rows, (4.0, 4.2, 4.2, 3.6), {1, 2, 3})


# --- section II --------------------------------------------------------------------------------


def _shortcomings(briefing: Briefing) -> list[str]:
    """One line per weakness the figures show, most serious kinds first."""
    items = []
    for r in briefing.headline[briefing.headline.status == BEHIND].itertuples():
        trajectory = "" if is_missing(r.expected) else f", lộ trình {fmt_pct(r.expected)}"
        items.append(
            f"Chỉ tiêu {r.indicator_code} — {r.indicator_name}: chậm, đạt {fmt_pct(r.rate)}, "
            f"mục tiêu {fmt_pct(r.goal)}{trajectory}."
        )

    late = briefing.late_units
    for status, lead, overdue in (
        (MISSING, "Chưa nộp báo cáo", "quá hạn"),
        (LATE, "Nộp báo cáo trễ hạn", "trễ"),
    ):
        units = [_unit(r, overdue) for r in late[late.status == status].itertuples()]
        if units:
            items.append(f"{lead}: {'; '.join(units)}.")

    for r in briefing.weak_units.itertuples():
        year = "" if is_missing(r.year) else f" năm {int(r.year)}"
        items.append(f"{r.unit_name} xếp loại {_str(r.rating)}{year} ({fmt_decimal(r.score)} điểm): {_str(r.reasons)}.")

    incidents = briefing.incidents
    for r in incidents[incidents.flag == RISE].itertuples():
        items.append(
            f"{r.category_name} tăng bất thường: {fmt_int(r.cases)} vụ ({briefing.incidents_label}) so với "
            f"{fmt_int(r.previous_cases)} vụ cùng kỳ ({briefing.incidents_previous_label})."
        )

    tasks = briefing.tasks
    for r in tasks[tasks.status == TASK_OVERDUE].itertuples():
        items.append(f"Nhiệm vụ quá hạn: {r.name} ({_str(r.owner)}, thời hạn {fmt_date(r.deadline)}).")

    for r in briefing.milestones[briefing.milestones.overdue > 0].itertuples():
        items.append(
            f"Bước {r.step_id} ({_str(r.step_name)}): {fmt_int(r.overdue)}/{fmt_int(r.units)} huyện chưa hoàn thành, "
            f"quá hạn {fmt_date(r.due_on)}."
        )
    if not briefing.contacts.empty:
        last = briefing.contacts.iloc[-1]
        if last.compliant < last.groups:
            items.append(
                f"{fmt_int(last.groups - last.compliant)}/{fmt_int(last.groups)} hội nhóm chưa được tiếp xúc với quản "
                f"trị viên trong kỳ {fmt_window(last.window_start, last.window_end)}."
            )
    return items


def _unit(row, overdue: str) -> str:
    """'Xã A (Huyện B, trễ 3 ngày)': the area only when it differs from the unit's own name; a report
    still missing is 'quá hạn', one sent late 'trễ'."""
    notes = [] if is_missing(row.area_name) or row.area_name == row.unit_name else [row.area_name]
    if not is_missing(row.days_late) and row.days_late > 0:
        notes.append(f"{overdue} {fmt_int(row.days_late)} ngày")
    return f"{row.unit_name} ({', '.join(notes)})" if notes else str(row.unit_name)
