"""The draft "Báo cáo sơ kết" as a Word document, laid out as a Vietnamese administrative report
(Nghị định 30/2020/NĐ-CP): issuing body and national motto, title, sections I–III, recipients
and signature. Every figure comes from the Briefing, so the report agrees with the deck.

This module holds the document's order, its frame and sections II–III; section I is in
report_results and the page, styles and tables in docx_parts."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.docx_parts import (
    TEXT_WIDTH,
    add_text,
    body,
    borderless,
    cell_text,
    demo_mark,
    heading,
    rule,
    setup_fonts,
    setup_page,
)
from data_pipeline.briefing.report_results import results
from data_pipeline.briefing.values import text
from data_pipeline.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct, fmt_window, is_missing
from data_pipeline.warehouse.statuses import BEHIND, LATE, MISSING, RISE, TASK_OVERDUE

HEADER_WIDTHS = (Cm(6), TEXT_WIDTH - Cm(6))
NO_DIRECTIONS = "Ban Thư ký bổ sung phương hướng, nhiệm vụ."
NO_SHORTCOMINGS = "Số liệu chưa cho thấy tồn tại, hạn chế; Ban Thư ký bổ sung."


def write_report_docx(briefing: Briefing, path: Path) -> Path:
    """Write the draft sơ kết report for `briefing` to `path` (.docx) and return the path."""
    document = docx.Document()
    setup_page(document)
    setup_fonts(document)
    if briefing.is_demo:
        demo_mark(document)
    document.core_properties.title = f"Báo cáo sơ kết thực hiện {briefing.short_name} — {briefing.period_label}"
    document.core_properties.author = briefing.secretariat

    _national_header(document, briefing)
    _title(document, briefing)
    _opening(document, briefing)
    results(document, briefing)

    heading(document, "II. TỒN TẠI, HẠN CHẾ")
    for item in _shortcomings(briefing) or [NO_SHORTCOMINGS]:
        body(document, f"- {item}")

    heading(document, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    if briefing.directions:
        for number, direction in enumerate(briefing.directions, start=1):
            body(document, f"{number}. {direction}")
    else:
        body(document, NO_DIRECTIONS)

    _closing(document)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _national_header(document: Document, briefing: Briefing) -> None:
    """The issuing body beside the national motto, then the number and date lines left to fill."""
    table = borderless(document, rows=2, widths=HEADER_WIDTHS)
    left, right = table.rows[0].cells
    cell_text(left, [(briefing.secretariat.upper(), {"bold": True, "size": Pt(12)})])
    rule(left, HEADER_WIDTHS[0], Cm(2))
    cell_text(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True, "size": Pt(12)}),
            ("Độc lập - Tự do - Hạnh phúc", {"bold": True, "size": Pt(13)}),
        ],
    )
    rule(right, HEADER_WIDTHS[1], Cm(6))
    number, date = table.rows[1].cells
    cell_text(number, [("Số:        /BC-……", {"size": Pt(13)})])
    cell_text(date, [("……, ngày …… tháng …… năm ……", {"italic": True, "size": Pt(13)})])
    for cell in (number, date):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)


def _title(document: Document, briefing: Briefing) -> None:
    """'BÁO CÁO' and its subject, centred, with a short rule under them."""
    title = add_text(document.add_paragraph(), "BÁO CÁO", bold=True, size=Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.space_after = Pt(0)
    subject = f"Sơ kết thực hiện {briefing.short_name} — {briefing.period_label}"
    subject_line = add_text(document.add_paragraph(), subject, bold=True, size=Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER)
    subject_line.paragraph_format.space_after = Pt(0)
    rule(document, TEXT_WIDTH, Cm(4)).paragraph_format.space_after = Pt(12)


def _opening(document: Document, briefing: Briefing) -> None:
    """What is reported, by whom and as of when, and where the figures come from."""
    body(
        document,
        f"Thực hiện {briefing.document}, {briefing.secretariat} báo cáo sơ kết thực hiện "
        f"{briefing.programme_name} ({briefing.period_label}), số liệu tính đến ngày "
        f"{fmt_date(briefing.as_of)}, như sau:",
    )
    if briefing.sources:
        body(document, f"Số liệu được tổng hợp từ: {'; '.join(briefing.sources)}.", italic=True)


def _closing(document: Document) -> None:
    """The recipients beside the signature block, kept together on one page."""
    table = borderless(document, rows=1, widths=(Cm(8), TEXT_WIDTH - Cm(8)))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signature = table.rows[0].cells
    recipients.paragraphs[0].paragraph_format.space_after = Pt(0)
    add_text(recipients.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=Pt(12))
    for line in ("- Như trên;", "- Lưu: VT."):
        paragraph = add_text(recipients.add_paragraph(), line, size=Pt(11))
        paragraph.paragraph_format.space_after = Pt(0)
    # Blank lines leave room for the signature and the seal.
    cell_text(signature, [("THỦ TRƯỞNG CƠ QUAN", {"bold": True}), *[("", {})] * 4])
    for cell in (recipients, signature):
        cell.paragraphs[0].paragraph_format.space_before = Pt(12)


def _shortcomings(briefing: Briefing) -> list[str]:
    """Section II: one line per weakness the figures show, most serious kinds first."""
    return [
        *_behind(briefing),
        *_late_reports(briefing),
        *_weak_units(briefing),
        *_rising_incidents(briefing),
        *_late_work(briefing),
    ]


def _behind(briefing: Briefing) -> list[str]:
    """The indicators behind their trajectory."""
    items = []
    for r in briefing.headline[briefing.headline.status == BEHIND].itertuples():
        trajectory = "" if is_missing(r.expected) else f", lộ trình {fmt_pct(r.expected)}"
        items.append(
            f"Chỉ tiêu {r.indicator_code} — {r.indicator_name}: chậm, đạt {fmt_pct(r.rate)}, "
            f"mục tiêu {fmt_pct(r.goal)}{trajectory}."
        )
    return items


def _late_reports(briefing: Briefing) -> list[str]:
    """The units whose report is missing, then those who sent it late."""
    late = briefing.late_units
    items = []
    for status, lead, overdue in (
        (MISSING, "Chưa nộp báo cáo", "quá hạn"),
        (LATE, "Nộp báo cáo trễ hạn", "trễ"),
    ):
        units = [_unit(r, overdue) for r in late[late.status == status].itertuples()]
        if units:
            items.append(f"{lead}: {'; '.join(units)}.")
    return items


def _weak_units(briefing: Briefing) -> list[str]:
    """The units rated Trung bình or Yếu, with the rating's reasons."""
    items = []
    for r in briefing.weak_units.itertuples():
        year = "" if is_missing(r.year) else f" năm {int(r.year)}"
        items.append(
            f"{r.unit_name} xếp loại {text(r.rating, '')}{year} ({fmt_decimal(r.score)} điểm): {text(r.reasons, '')}."
        )
    return items


def _rising_incidents(briefing: Briefing) -> list[str]:
    """The incident categories rising unusually against the same months a year earlier."""
    incidents = briefing.incidents
    return [
        f"{r.category_name} tăng bất thường: {fmt_int(r.cases)} vụ ({briefing.incidents_label}) so với "
        f"{fmt_int(r.previous_cases)} vụ cùng kỳ ({briefing.incidents_previous_label})."
        for r in incidents[incidents.flag == RISE].itertuples()
    ]


def _late_work(briefing: Briefing) -> list[str]:
    """Overdue tasks, overdue model steps and the last contact window's groups left uncontacted."""
    tasks = briefing.tasks
    items = [
        f"Nhiệm vụ quá hạn: {r.name} ({text(r.owner, '')}, thời hạn {fmt_date(r.deadline)})."
        for r in tasks[tasks.status == TASK_OVERDUE].itertuples()
    ]
    for r in briefing.milestones[briefing.milestones.overdue > 0].itertuples():
        items.append(
            f"Bước {r.step_id} ({text(r.step_name, '')}): {fmt_int(r.overdue)}/{fmt_int(r.units)} huyện chưa hoàn thành, "
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


def _unit(row: tuple, overdue: str) -> str:
    """'Xã A (Huyện B, trễ 3 ngày)': the area only when it differs from the unit's own name; a report
    still missing is 'quá hạn', one sent late 'trễ'."""
    notes = [] if is_missing(row.area_name) or row.area_name == row.unit_name else [row.area_name]
    if not is_missing(row.days_late) and row.days_late > 0:
        notes.append(f"{overdue} {fmt_int(row.days_late)} ngày")
    return f"{row.unit_name} ({', '.join(notes)})" if notes else str(row.unit_name)
