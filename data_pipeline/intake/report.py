"""Read a unit's report workbook (the generated template, or an older hand-made one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from data_pipeline.errors import Rejection, UnitError, UnknownUnit
from data_pipeline.intake import layouts, sheets
from data_pipeline.intake.values import parse_count, parse_date
from data_pipeline.reference import spelling
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory

if TYPE_CHECKING:
    from openpyxl import Workbook

COUNT = "số nguyên ≥ 0"
IDENTITY_REQUIRED = ("Mã đơn vị", "Kỳ báo cáo")


@dataclass
class ParsedReport:
    """What one report workbook says, validated."""

    programme: Programme
    unit_code: str
    period: str
    recorded_on: dt.date | None
    template_version: str | None
    values: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    narratives: list[dict] = field(default_factory=list)
    # what the unit is told of sheets that are not read
    notes: list[str] = field(default_factory=list)


def _identity_sheet(workbook):
    sheet = sheets.find_sheet(workbook, layouts.REPORT_IDENTITY_SHEET)
    if sheet is not None:
        return sheet
    keys = {spelling.match_key(k) for k in IDENTITY_REQUIRED}
    for candidate in workbook.worksheets:
        first_column = {spelling.match_key(row[0]) for row in candidate.iter_rows(values_only=True, max_row=20) if row}
        if keys <= first_column:
            return candidate
    return None


def is_report(workbook: Workbook) -> bool:
    """Whether a workbook is a unit report (it carries a report identity)."""
    return _identity_sheet(workbook) is not None


def _recorded_date(workbook, identity: dict, sheet: str) -> dt.date | None:
    """The report date written in the workbook: the identity's, else the template's date cell."""
    value = identity.get("submitted_on")
    where = f"Sheet '{sheet}', ô 'Ngày báo cáo'"
    if value is None and layouts.REPORT_DATE_NAME in workbook.defined_names:
        for title, coordinate in workbook.defined_names[layouts.REPORT_DATE_NAME].destinations:
            if title in workbook.sheetnames:
                value = workbook[title][coordinate.replace("$", "")].value
                where = f"Sheet '{title}', ô {coordinate.replace('$', '')} ('Ngày báo cáo')"
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        raise Rejection([f"{where}: cần ngày dạng dd/mm/yyyy, nhận được '{value}'"]) from None


def read_report(
    workbook: Workbook, programmes: dict[str, Programme], directory: Callable[[Programme], UnitDirectory]
) -> ParsedReport:
    """Validate a report workbook whole: the first problems found are all reported together."""
    identity_sheet = _identity_sheet(workbook)
    sheet = identity_sheet.title
    keys = {
        spelling.match_key(k): v
        for k, v in {**layouts.REPORT_IDENTITY_KEYS, layouts.TEMPLATE_VERSION_KEY: "template_version"}.items()
    }
    identity = {}
    for row in identity_sheet.iter_rows(values_only=True):
        if row and spelling.match_key(row[0]) in keys:
            identity[keys[spelling.match_key(row[0])]] = row[1] if len(row) > 1 else None
    programme = programmes.get(spelling.clean_text(identity.get("programme_id")) or "")
    if programme is None:
        raise Rejection(
            [
                f"Sheet '{sheet}', ô 'Chương trình': cần một trong {', '.join(programmes)}, nhận được '{identity.get('programme_id')}'"
            ]
        )
    period = spelling.clean_text(identity.get("period"))
    if period not in {p.id for p in programme.periods}:
        raise Rejection(
            [f"Sheet '{sheet}', ô 'Kỳ báo cáo': cần một kỳ của {programme.short_name}, nhận được '{period}'"]
        )
    try:
        unit = directory(programme).reporter(spelling.clean_text(identity.get("unit_code")) or "", period)
    except UnitError as error:
        raise Rejection([f"Sheet '{sheet}', ô 'Mã đơn vị': {error}"], isinstance(error, UnknownUnit)) from None
    report = ParsedReport(
        programme,
        unit,
        period,
        _recorded_date(workbook, identity, sheet),
        spelling.clean_text(identity.get("template_version")),
    )
    errors: list[str] = []
    report.values = _values(workbook, programme, errors) if programme.indicators else []
    report.activities = _activities(workbook, errors)
    if not programme.indicators and not report.activities and not errors:
        errors.append(f"Sheet '{layouts.REPORT_ACTIVITIES_SHEET}': chưa nhập số lượng hoạt động nào")
    report.narratives = _narratives(workbook)
    report.notes = [note] if (note := _unread_models(workbook)) else []
    if errors:
        raise Rejection(errors)
    return report


def _values(workbook, programme: Programme, errors: list[str]) -> list[dict]:
    required = ["Mã chỉ tiêu", "Tử số", "Mẫu số"]
    targets = sheets.find_sheet(workbook, layouts.REPORT_TARGETS_SHEET, required)
    if targets is None:
        errors.append(f"Thiếu sheet '{layouts.REPORT_TARGETS_SHEET}' (cột {', '.join(required)})")
        return []
    known = {i.code for i in programme.indicators}
    values, seen, name = [], set(), targets.title
    for number, record in sheets.records(
        name, targets.iter_rows(values_only=True), layouts.REPORT_TARGET_COLUMNS, required
    ):
        code = spelling.clean_text(record["Mã chỉ tiêu"])
        try:
            if code not in known:
                raise Rejection([sheets.cell_error(name, number, "Mã chỉ tiêu", "mã chỉ tiêu của chương trình", code)])
            if code in seen:
                raise Rejection([sheets.cell_error(name, number, "Mã chỉ tiêu", "mỗi chỉ tiêu một dòng", code)])
            seen.add(code)
            numerator = sheets.field(name, number, record, "Tử số", parse_count, COUNT, False)
            denominator = sheets.field(name, number, record, "Mẫu số", parse_count, COUNT, False)
            if (numerator is None) != (denominator is None):
                empty = "Mẫu số" if denominator is None else "Tử số"
                raise Rejection(
                    [
                        sheets.cell_error(
                            name, number, empty, f"{COUNT} (nhập cả Tử số và Mẫu số, hoặc để trống cả hai)", None
                        )
                    ]
                )
            if numerator is not None and numerator > denominator:
                raise Rejection(
                    [f"Sheet '{name}', dòng {number}, cột 'Tử số': {numerator} lớn hơn 'Mẫu số' {denominator}"]
                )
        except Rejection as error:
            errors.extend(error.reasons)
            continue
        if numerator is not None:
            values.append({"indicator_code": code, "numerator": numerator, "denominator": denominator})
    if not values and not errors:
        errors.append(f"Sheet '{name}': chưa nhập số liệu cho chỉ tiêu nào (cần Tử số và Mẫu số)")
    return values


def _activities(workbook, errors: list[str]) -> list[dict]:
    sheet = sheets.find_sheet(workbook, layouts.REPORT_ACTIVITIES_SHEET)
    if sheet is None:
        return []
    activities = []
    for number, record in sheets.records(
        sheet.title, sheet.iter_rows(values_only=True), layouts.REPORT_ACTIVITY_COLUMNS, ["Mã", "Số lượng"]
    ):
        try:
            value = sheets.field(sheet.title, number, record, "Số lượng", parse_count, COUNT, False)
        except Rejection as error:
            errors.extend(error.reasons)
            continue
        if value is not None:
            activities.append({"activity_code": spelling.clean_text(record["Mã"]), "value": value})
    return activities


def _unread_models(workbook) -> str | None:
    """What to say of a filled 'Mô hình' sheet of an older template: models come from the model
    registry, so its rows are not read, but the unit is told rather than ignored."""
    sheet = sheets.find_sheet(workbook, layouts.REPORT_MODELS_SHEET)
    if sheet is None:
        return None
    rows = sheet.iter_rows(values_only=True)
    try:
        count = sum(1 for _ in sheets.records(sheet.title, rows, layouts.REPORT_MODEL_COLUMNS, ["Tên mô hình"]))
    except Rejection:  # a header of its own: every row below its first filled one was typed by the unit
        filled = sum(1 for row in sheet.iter_rows(values_only=True) if any(spelling.clean_text(v) for v in row))
        count = max(filled - 1, 0)
    if not count:
        return None
    return (
        f"Sheet '{sheet.title}': {count} dòng không được đọc — mô hình được nạp qua sổ theo dõi mô hình, "
        "không qua báo cáo"
    )


def _narratives(workbook) -> list[dict]:
    sheet = sheets.find_sheet(workbook, layouts.REPORT_NARRATIVE_SHEET)
    if sheet is None:
        return []
    rows = sheets.records(sheet.title, sheet.iter_rows(values_only=True), ["Mục", "Nội dung"], ["Mục", "Nội dung"])
    return [
        {"section": spelling.clean_text(record["Mục"]), "text": str(record["Nội dung"]).strip()}
        for _, record in rows
        if spelling.clean_text(record["Nội dung"])
    ]
