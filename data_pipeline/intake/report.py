"""Read a unit's report workbook (the generated template, or an older hand-made one)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from data_pipeline.errors import Rejection, UnitError, UnknownUnit
from data_pipeline.intake import layouts, sheets
from data_pipeline.intake.spreadsheet import Sheet, Spreadsheet
from data_pipeline.intake.values import parse_count, parse_date
from data_pipeline.reference import spelling
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory

COUNT = "số nguyên ≥ 0"
IDENTITY_REQUIRED = ("Mã đơn vị", "Kỳ báo cáo")
TARGET_REQUIRED = ("Mã chỉ tiêu", "Tử số", "Mẫu số")
ACTIVITY_REQUIRED = ("Mã", "Số lượng")
NOT_FROM_TEMPLATE = (
    "Tệp có dạng báo cáo (sheet '{sheet}') nhưng không được tạo từ mẫu báo cáo: thiếu thông tin mẫu báo "
    "cáo (đơn vị, kỳ báo cáo), thường do chép các sheet sang một tệp mới. Hãy tải mẫu của đơn vị trên "
    "trang 'Nộp báo cáo' (hoặc nhận từ Ban Chỉ đạo), điền số liệu vào chính tệp mẫu đó rồi gửi lại"
)
USE_TEMPLATE = "hãy dùng lại mẫu đã tải, không xóa dòng nào (chưa có số liệu thì để trống)"


@dataclass
class ParsedReport:
    """What one report workbook says, validated."""

    programme: Programme
    unit_code: str
    period: str
    recorded_on: dt.date | None
    template_version: str | None
    # the number the unit gave this file among those it sent for the report (None: not given)
    version_mark: int | None = None
    values: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    narratives: list[dict] = field(default_factory=list)
    # what the unit is told of what was not read or did not match
    notes: list[str] = field(default_factory=list)


def _identity_sheet(workbook: Spreadsheet) -> Sheet | None:
    sheet = sheets.find_sheet(workbook, layouts.REPORT_IDENTITY_SHEET)
    if sheet is not None:
        return sheet
    keys = {spelling.match_key(k) for k in IDENTITY_REQUIRED}
    for candidate in workbook.sheets:
        if keys <= {spelling.match_key(row[0]) for row in candidate.rows[:20] if row}:
            return candidate
    return None


def is_report(workbook: Spreadsheet) -> bool:
    """Whether a workbook is a unit report (it carries a report identity)."""
    return _identity_sheet(workbook) is not None


def check_not_orphaned(workbook: Spreadsheet) -> None:
    """Refuse a workbook shaped like a report that lost its identity (its sheets copied into a
    new workbook), saying how to get the template, rather than 'not a known kind of file'."""
    for sheet in workbook.visible:
        if sheets.has_header(sheet.rows, TARGET_REQUIRED) or (
            spelling.match_key(sheet.title) == spelling.match_key(layouts.REPORT_ACTIVITIES_SHEET)
            and sheets.has_header(sheet.rows, ACTIVITY_REQUIRED)
        ):
            raise Rejection([NOT_FROM_TEMPLATE.format(sheet=sheet.title)])


def _labelled(workbook: Spreadsheet, label: str) -> tuple[object, str] | None:
    """The value beside a label in the first column of a sheet (the guide's date and version
    rows), with where it is; None when no sheet has the label."""
    key = spelling.match_key(label)
    for sheet in workbook.sheets:
        for number, row in enumerate(sheet.rows[:40], start=1):
            if row and spelling.match_key(row[0]).startswith(key):
                return (row[1] if len(row) > 1 else None), f"{sheet.place}, dòng {number} ('{row[0]}')"
    return None


def _recorded_date(workbook: Spreadsheet, identity: dict, place: str) -> dt.date | None:
    """The report date written in the workbook: the identity's, else the guide's date row."""
    value, where = identity.get("submitted_on"), f"{place}, mục 'Ngày báo cáo'"
    if value is None and (found := _labelled(workbook, layouts.REPORT_DATE_LABEL)):
        value, where = found
    try:
        return parse_date(value)
    except (ValueError, TypeError):
        raise Rejection([f"{where}: cần ngày dạng dd/mm/yyyy, nhận được '{value}'"]) from None


def _version_mark(workbook: Spreadsheet) -> int | None:
    """The number the unit wrote for this file (1 the first, 2… a correction), if any."""
    found = _labelled(workbook, layouts.REPORT_VERSION_LABEL)
    if found is None:
        return None
    value, where = found
    try:
        number = parse_count(value)
    except (ValueError, TypeError):
        number = 0
    if number is not None and not 1 <= number <= 99:
        raise Rejection([f"{where}: cần số lần gửi là số nguyên từ 1 (lần đầu), nhận được '{value}'"])
    return number


def _identity(sheet: Sheet) -> dict:
    keys = {
        spelling.match_key(k): v
        for k, v in {**layouts.REPORT_IDENTITY_KEYS, layouts.TEMPLATE_VERSION_KEY: "template_version"}.items()
    }
    identity = {}
    for row in sheet.rows:
        if row and spelling.match_key(row[0]) in keys:
            identity[keys[spelling.match_key(row[0])]] = row[1] if len(row) > 1 else None
    return identity


def read_report(
    workbook: Spreadsheet, programmes: dict[str, Programme], directory: Callable[[Programme], UnitDirectory]
) -> ParsedReport:
    """Validate a report workbook whole: the first problems found are all reported together.
    Messages name the hidden identity sheet as 'thông tin mẫu báo cáo', never by its title."""
    identity_sheet = _identity_sheet(workbook)
    place = identity_sheet.place
    identity = _identity(identity_sheet)
    programme = programmes.get(spelling.clean_text(identity.get("programme_id")) or "")
    if programme is None:
        raise Rejection(
            [
                f"{place}, mục 'Chương trình': cần một trong {', '.join(programmes)}, nhận được '{identity.get('programme_id')}'"
            ]
        )
    period = spelling.clean_text(identity.get("period"))
    if period not in {p.id for p in programme.periods}:
        raise Rejection([f"{place}, mục 'Kỳ báo cáo': cần một kỳ của {programme.short_name}, nhận được '{period}'"])
    units = directory(programme)
    typed_code = spelling.clean_text(identity.get("unit_code")) or ""
    try:
        unit = units.reporter(typed_code, period)
    except UnitError as error:
        raise Rejection([f"{place}, mục 'Mã đơn vị': {error}"], isinstance(error, UnknownUnit)) from None
    report = ParsedReport(
        programme,
        unit,
        period,
        _recorded_date(workbook, identity, place),
        spelling.clean_text(identity.get("template_version")),
        _version_mark(workbook),
    )
    errors: list[str] = []
    report.values = _values(workbook, programme, errors, report.notes) if programme.indicators else []
    report.activities = _activities(workbook, programme, errors, report.notes, report.template_version is not None)
    if not programme.indicators and not report.activities and not errors:
        errors.append(f"Sheet '{layouts.REPORT_ACTIVITIES_SHEET}': chưa nhập số lượng hoạt động nào")
    report.narratives = _narratives(workbook)
    if note := _unread_models(workbook):
        report.notes.append(note)
    official, name = units.identity(unit)
    typed_name = spelling.clean_text(identity.get("unit_name"))
    if typed_name and spelling.match_key(typed_name) != spelling.match_key(name):
        report.notes.append(
            f"{place}: tên đơn vị ghi '{typed_name}' nhưng mã {official} là '{name}'; báo cáo được tính cho "
            f"'{name}' theo mã đơn vị"
        )
    if errors:
        raise Rejection(errors)
    return report


def _missing_rows(sheet: str, what: str, expected: dict[str, str], seen: set[str]) -> str | None:
    """The refusal of a sheet that lost rows of its template."""
    missing = [f"{code} ({name})" for code, name in expected.items() if code not in seen]
    if not missing:
        return None
    return f"Sheet '{sheet}': thiếu dòng {what} {', '.join(missing)}; {USE_TEMPLATE}"


def _values(workbook: Spreadsheet, programme: Programme, errors: list[str], notes: list[str]) -> list[dict]:
    targets = sheets.find_sheet(workbook, layouts.REPORT_TARGETS_SHEET, TARGET_REQUIRED)
    if targets is None:
        errors.append(f"Thiếu sheet '{layouts.REPORT_TARGETS_SHEET}' (cột {', '.join(TARGET_REQUIRED)})")
        return []
    known = {i.code: i.name for i in programme.indicators}
    values, seen, name = [], set(), targets.title
    table = sheets.read_table(name, targets.rows, layouts.REPORT_TARGET_COLUMNS, TARGET_REQUIRED)
    notes.extend(table.notes)
    for number, record in table.records:
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
    if missing := _missing_rows(name, "chỉ tiêu", known, seen):
        errors.append(missing)
    elif not values and not errors:
        errors.append(f"Sheet '{name}': chưa nhập số liệu cho chỉ tiêu nào (cần Tử số và Mẫu số)")
    return values


def _activities(
    workbook: Spreadsheet, programme: Programme, errors: list[str], notes: list[str], template_made: bool
) -> list[dict]:
    sheet = sheets.find_sheet(workbook, layouts.REPORT_ACTIVITIES_SHEET)
    known, seen = dict(programme.activities), set()
    if sheet is None:
        if template_made and known:  # the template has the sheet: it was deleted
            errors.append(f"Thiếu sheet '{layouts.REPORT_ACTIVITIES_SHEET}'; {USE_TEMPLATE}")
        return []
    activities = []
    table = sheets.read_table(sheet.title, sheet.rows, layouts.REPORT_ACTIVITY_COLUMNS, ACTIVITY_REQUIRED)
    notes.extend(table.notes)
    for number, record in table.records:
        code = spelling.clean_text(record["Mã"])
        try:
            value = sheets.field(sheet.title, number, record, "Số lượng", parse_count, COUNT, False)
            if code not in known and value is None:
                continue  # a line of text the unit added, with no figure
            if code not in known or code in seen:
                expected = "mã hoạt động của chương trình" if code not in known else "mỗi hoạt động một dòng"
                raise Rejection([sheets.cell_error(sheet.title, number, "Mã", expected, code)])
            seen.add(code)
        except Rejection as error:
            errors.extend(error.reasons)
            continue
        if value is not None:
            activities.append({"activity_code": code, "value": value})
    if missing := _missing_rows(sheet.title, "hoạt động", known, seen):
        errors.append(missing)
    return activities


def _unread_models(workbook: Spreadsheet) -> str | None:
    """What to say of a filled 'Mô hình' sheet of an older template: models come from the model
    registry, so its rows are not read, but the unit is told rather than ignored."""
    sheet = sheets.find_sheet(workbook, layouts.REPORT_MODELS_SHEET)
    if sheet is None:
        return None
    try:
        count = len(sheets.read_table(sheet.title, sheet.rows, layouts.REPORT_MODEL_COLUMNS, ["Tên mô hình"]).records)
    except Rejection:  # a header of its own: every row below its first filled one was typed by the unit
        filled = sum(1 for row in sheet.rows if any(spelling.clean_text(v) for v in row))
        count = max(filled - 1, 0)
    if not count:
        return None
    return (
        f"Sheet '{sheet.title}': {count} dòng không được đọc — mô hình được nạp qua sổ theo dõi mô hình, "
        "không qua báo cáo"
    )


def _narratives(workbook: Spreadsheet) -> list[dict]:
    """The narrative as written (line breaks kept), NFC-normalised like every stored text."""
    sheet = sheets.find_sheet(workbook, layouts.REPORT_NARRATIVE_SHEET)
    if sheet is None:
        return []
    table = sheets.read_table(sheet.title, sheet.rows, ["Mục", "Nội dung"], ["Mục", "Nội dung"])
    return [
        {
            "section": spelling.clean_text(record["Mục"]),
            "text": unicodedata.normalize("NFC", str(record["Nội dung"])).strip(),
        }
        for _, record in table.records
        if spelling.clean_text(record["Nội dung"])
    ]
