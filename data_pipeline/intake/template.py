"""The report workbook for one unit and period, generated from the programme configuration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from data_pipeline.formatting import fmt_date, fmt_pct
from data_pipeline.intake import layouts
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory

TEMPLATE_VERSION = "1"
MODEL_ROWS = 30
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")
HEADER_FONT = Font(bold=True)


def _header(sheet, columns: list[str], widths: list[int]) -> None:
    sheet.append(columns)
    for cell, width in zip(sheet[1], widths, strict=True):
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _inputs(sheet, cells, validation: DataValidation | None = None) -> None:
    """Unlock and shade the cells a unit fills in; everything else stays locked."""
    for cell in cells:
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL
        if validation is not None:
            validation.add(cell)


def write_template(
    programme: Programme, unit: str, period_id: str, path: Path, agencies: dict[str, str] | None = None
) -> Path:
    """Write the report template for `unit` (as the unit writes its code) and `period_id`;
    `agencies` are the seat's agencies that may report (`reference.seat_agencies`).

    Raises ValueError (Vietnamese) when the unit does not report for that period.
    """
    period = programme.period(period_id)
    directory = UnitDirectory(programme, agencies)
    unit_code = directory.reporter(unit, period_id)
    official, unit_name = directory.identity(unit_code)
    workbook = Workbook()

    guide = workbook.active
    guide.title = layouts.REPORT_GUIDE_SHEET
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 90
    lines = [
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN", programme.name),
        ("Đơn vị báo cáo", f"{unit_name} (mã {official})"),
        ("Kỳ báo cáo", period.label),
        ("Hạn nộp", f"trước ngày {fmt_date(period.due)}"),
        ("Gửi về", f"Ban Chỉ đạo, qua {programme.secretariat}"),
        ("Căn cứ", programme.document),
        ("Cách điền", "Chỉ điền vào các ô tô màu vàng. Không đổi tên, không xóa sheet và dòng."),
        *(
            [
                (
                    "",
                    "Sheet 'Chỉ tiêu': với mỗi chỉ tiêu ghi Tử số (số đã đạt) và Mẫu số (tổng số phải đạt), là số "
                    "nguyên ≥ 0; Tử số không lớn hơn Mẫu số. Chưa có số liệu thì để trống cả hai ô — không ghi 0.",
                )
            ]
            if programme.indicators
            else []
        ),
        ("", "Sheet 'Hoạt động': số lượng trong kỳ; kinh phí ghi bằng đồng."),
        ("", "Sheet 'Mô hình': các mô hình của đơn vị (mỗi mô hình một dòng)."),
        ("", "Sheet 'Thuyết minh': kết quả, tồn tại hạn chế, đề xuất kiến nghị."),
        ("Ngày báo cáo (dd/mm/yyyy)", None),
    ]
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
    _inputs(guide, [date_cell], dated)
    workbook.defined_names[layouts.REPORT_DATE_NAME] = DefinedName(
        layouts.REPORT_DATE_NAME, attr_text=f"'{guide.title}'!${date_cell.column_letter}${date_cell.row}"
    )

    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        error="Cần số nguyên ≥ 0",
        errorTitle="Giá trị không hợp lệ",
        showErrorMessage=True,
    )
    sheets = [guide]
    if programme.indicators:  # a programme counting activities only has no targets sheet
        targets = workbook.create_sheet(layouts.REPORT_TARGETS_SHEET)
        _header(
            targets, [*layouts.REPORT_TARGET_COLUMNS, "Mẫu số là", "Mục tiêu", "Ghi chú"], [12, 60, 12, 12, 50, 10, 30]
        )
        targets.add_data_validation(whole)
        sheets.append(targets)
    for indicator in programme.indicators:
        name = (
            indicator.name if indicator.name == indicator.target_name else f"{indicator.target_name}: {indicator.name}"
        )
        targets.append([indicator.code, name, None, None, indicator.denominator, fmt_pct(indicator.goal, 0), None])
        row = targets.max_row
        _inputs(targets, [targets.cell(row, 3), targets.cell(row, 4)], whole)
        _inputs(targets, [targets.cell(row, 7)])
        for column in (2, 5):
            targets.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")

    activities = workbook.create_sheet(layouts.REPORT_ACTIVITIES_SHEET)
    _header(activities, list(layouts.REPORT_ACTIVITY_COLUMNS), [16, 50, 18])
    activities.add_data_validation(whole)
    for code, name in programme.activities:
        activities.append([code, name, None])
        _inputs(activities, [activities.cell(activities.max_row, 3)], whole)

    models = workbook.create_sheet(layouts.REPORT_MODELS_SHEET)
    _header(models, list(layouts.REPORT_MODEL_COLUMNS), [40, 30, 18, 30, 14, 14])
    stages = DataValidation(type="list", formula1='"' + ",".join(layouts.MODEL_STAGES) + '"', allow_blank=True)
    models.add_data_validation(stages)
    models.add_data_validation(whole)
    for row in range(2, MODEL_ROWS + 2):
        _inputs(models, [models.cell(row, c) for c in range(1, 5)])
        _inputs(models, [models.cell(row, 5)], whole)
        _inputs(models, [models.cell(row, 6)], stages)

    narrative = workbook.create_sheet(layouts.REPORT_NARRATIVE_SHEET)
    _header(narrative, ["Mục", "Nội dung"], [24, 100])
    for section in layouts.NARRATIVE_SECTIONS:
        narrative.append([section, None])
        cell = narrative.cell(narrative.max_row, 2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        narrative.row_dimensions[narrative.max_row].height = 120
        _inputs(narrative, [cell])

    identity = workbook.create_sheet(layouts.REPORT_IDENTITY_SHEET)
    for key, value in zip(
        [*list(layouts.REPORT_IDENTITY_KEYS)[:4], layouts.TEMPLATE_VERSION_KEY],
        (programme.id, official, unit_name, period.id, TEMPLATE_VERSION),
        strict=True,
    ):
        identity.append([key, value])
    identity.sheet_state = "hidden"

    for sheet in (*sheets, activities, models, narrative):
        sheet.protection.sheet = True  # labels and identity locked; the shaded cells stay editable
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
