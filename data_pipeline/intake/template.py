"""The report workbook for one unit and period, generated from the programme configuration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from data_pipeline.formatting import fmt_date, fmt_pct
from data_pipeline.intake import layouts
from data_pipeline.reference.programme import Period, Programme
from data_pipeline.reference.units import UnitDirectory

TEMPLATE_VERSION = "2"
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")
HEADER_FONT = Font(bold=True)


def _header(sheet: Worksheet, columns: list[str], widths: list[int]) -> None:
    sheet.append(columns)
    for cell, width in zip(sheet[1], widths, strict=True):
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _inputs(cells: Iterable[Cell], validation: DataValidation | None = None) -> None:
    """Unlock and shade the cells a unit fills in; everything else stays locked."""
    for cell in cells:
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        if validation is not None:
            validation.add(cell)


def _whole() -> DataValidation:
    """A whole number ≥ 0 (a sheet's own: a validation shared by sheets would apply each one's
    cells to the others)."""
    return DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        error="Cần số nguyên ≥ 0",
        errorTitle="Giá trị không hợp lệ",
        showErrorMessage=True,
    )


def _guide_lines(programme: Programme, period: Period, official: str, unit_name: str) -> list[tuple[str, str | None]]:
    """What the report is, for whom and by when, and how to fill each sheet; the last two lines
    hold the file's number among those sent for the report and the report's date."""
    targets_line = (
        "",
        "Sheet 'Chỉ tiêu': với mỗi chỉ tiêu ghi Tử số (số đã đạt) và Mẫu số (tổng số phải đạt), là số "
        "nguyên ≥ 0; Tử số không lớn hơn Mẫu số. Chưa có số liệu thì để trống cả hai ô — không ghi 0.",
    )
    return [
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN", programme.name),
        ("Đơn vị báo cáo", f"{unit_name} (mã {official})"),
        ("Kỳ báo cáo", period.label),
        ("Hạn nộp", f"trước ngày {fmt_date(period.due)}"),
        ("Gửi về", f"Ban Chỉ đạo, qua {programme.secretariat}"),
        ("Căn cứ", programme.document),
        ("Cách điền", "Chỉ điền vào các ô tô màu vàng. Không đổi tên, không xóa sheet và dòng."),
        *([targets_line] if programme.indicators else []),
        ("", "Sheet 'Hoạt động': số lượng trong kỳ; kinh phí ghi bằng đồng."),
        ("", "Sheet 'Thuyết minh': kết quả, tồn tại hạn chế, đề xuất kiến nghị."),
        (f"{layouts.REPORT_VERSION_LABEL} (1 nếu gửi lần đầu; 2, 3… nếu gửi lại bản sửa)", None),
        (f"{layouts.REPORT_DATE_LABEL} (dd/mm/yyyy)", None),
    ]


def _guide(workbook: Workbook, programme: Programme, period: Period, official: str, unit_name: str) -> Worksheet:
    """The first sheet: the guide, and the report's date, named so the reader finds it."""
    guide = workbook.active
    guide.title = layouts.REPORT_GUIDE_SHEET
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 90
    lines = _guide_lines(programme, period, official, unit_name)
    for row in lines:
        guide.append(list(row))
    guide["A1"].font = Font(bold=True, size=13)
    guide["B1"].font = Font(bold=True, size=13)
    for row in guide.iter_rows(min_row=1, max_row=len(lines)):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    date_cell = guide.cell(row=len(lines), column=2)
    date_cell.number_format = "DD/MM/YYYY"
    # Excel counts days from 30/12/1899; a report cannot be dated before its programme started
    first_day = (programme.start - dt.date(1899, 12, 30)).days
    dated = DataValidation(type="date", operator="greaterThanOrEqual", formula1=str(first_day), allow_blank=True)
    guide.add_data_validation(dated)
    _inputs([date_cell], dated)
    numbered = _whole()
    guide.add_data_validation(numbered)
    _inputs([guide.cell(row=len(lines) - 1, column=2)], numbered)
    workbook.defined_names[layouts.REPORT_DATE_NAME] = DefinedName(
        layouts.REPORT_DATE_NAME, attr_text=f"'{guide.title}'!${date_cell.column_letter}${date_cell.row}"
    )
    return guide


def _targets(workbook: Workbook, programme: Programme) -> Worksheet:
    """One row per indicator: numerator, denominator and a note to fill in."""
    targets = workbook.create_sheet(layouts.REPORT_TARGETS_SHEET)
    _header(targets, [*layouts.REPORT_TARGET_COLUMNS, "Mẫu số là", "Mục tiêu", "Ghi chú"], [12, 60, 12, 12, 50, 10, 30])
    whole = _whole()
    targets.add_data_validation(whole)
    for indicator in programme.indicators:
        name = (
            indicator.name if indicator.name == indicator.target_name else f"{indicator.target_name}: {indicator.name}"
        )
        targets.append([indicator.code, name, None, None, indicator.denominator, fmt_pct(indicator.goal, 0), None])
        row = targets.max_row
        _inputs([targets.cell(row, 3), targets.cell(row, 4)], whole)
        _inputs([targets.cell(row, 7)])
        for column in (2, 5):
            targets.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")
    return targets


def _activities(workbook: Workbook, programme: Programme) -> Worksheet:
    """One row per activity: its count in the period (spending in đồng)."""
    activities = workbook.create_sheet(layouts.REPORT_ACTIVITIES_SHEET)
    _header(activities, list(layouts.REPORT_ACTIVITY_COLUMNS), [16, 50, 18])
    whole = _whole()
    activities.add_data_validation(whole)
    for code, name in programme.activities:
        activities.append([code, name, None])
        _inputs([activities.cell(activities.max_row, 3)], whole)
    return activities


def _narrative(workbook: Workbook) -> Worksheet:
    """One tall free-text cell per section of the narrative."""
    narrative = workbook.create_sheet(layouts.REPORT_NARRATIVE_SHEET)
    _header(narrative, ["Mục", "Nội dung"], [24, 100])
    for section in layouts.NARRATIVE_SECTIONS:
        narrative.append([section, None])
        cell = narrative.cell(narrative.max_row, 2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        narrative.row_dimensions[narrative.max_row].height = 120
        _inputs([cell])
    return narrative


def _identity(workbook: Workbook, programme: Programme, period: Period, official: str, unit_name: str) -> None:
    """The hidden sheet saying whose report this is, which the reader trusts over the file name."""
    identity = workbook.create_sheet(layouts.REPORT_IDENTITY_SHEET)
    for key, value in zip(
        [*list(layouts.REPORT_IDENTITY_KEYS)[:4], layouts.TEMPLATE_VERSION_KEY],
        (programme.id, official, unit_name, period.id, TEMPLATE_VERSION),
        strict=True,
    ):
        identity.append([key, value])
    identity.sheet_state = "hidden"


def write_template(
    programme: Programme, unit: str, period_id: str, path: Path, agencies: dict[str, str] | None = None
) -> Path:
    """Write the report template for `unit` (as the unit writes its code) and `period_id`;
    `agencies` are the seat's agencies that may report (`reference.seat_agencies`).

    Raises UnitError (Vietnamese) when the unit does not report for that period.
    """
    period = programme.period(period_id)
    directory = UnitDirectory(programme, agencies)
    unit_code = directory.reporter(unit, period_id)
    official, unit_name = directory.identity(unit_code)
    workbook = Workbook()
    sheets = [_guide(workbook, programme, period, official, unit_name)]
    if programme.indicators:  # a programme counting activities only has no targets sheet
        sheets.append(_targets(workbook, programme))
    sheets += [_activities(workbook, programme), _narrative(workbook)]
    _identity(workbook, programme, period, official, unit_name)
    for sheet in sheets:
        sheet.protection.sheet = True  # labels and identity locked; the shaded cells stay editable
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
