"""Write report workbooks and simple tables in the field formats (used by the demo and tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from data_pipeline.intake import layouts


def _sheet_rows(sheet, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))


def write_table(path: Path, sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """One-sheet workbook with a bold header row."""
    workbook = Workbook()
    _sheet_rows(workbook.active, header, rows)
    workbook.active.title = sheet
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_report(
    path: Path,
    *,
    programme_id: str,
    unit_code: str,
    unit_name: str | None,
    period: str,
    submitted_on: dt.date,
    values: Iterable[tuple[str, str, int | None, int | None]],
    activities: Iterable[tuple[str, str, int]] = (),
    narrative: Iterable[tuple[str, str]] = (),
) -> Path:
    """A unit's periodic report: identity, indicator values, activities and narrative sheets."""
    workbook = Workbook()
    identity = workbook.active
    identity.title = layouts.REPORT_IDENTITY_SHEET
    for key, value in zip(
        layouts.REPORT_IDENTITY_KEYS,
        (programme_id, unit_code, unit_name, period, submitted_on.strftime("%d/%m/%Y")),
        strict=True,
    ):
        identity.append([key, value])
    _sheet_rows(workbook.create_sheet(layouts.REPORT_TARGETS_SHEET), list(layouts.REPORT_TARGET_COLUMNS), values)
    _sheet_rows(
        workbook.create_sheet(layouts.REPORT_ACTIVITIES_SHEET), list(layouts.REPORT_ACTIVITY_COLUMNS), activities
    )
    _sheet_rows(workbook.create_sheet(layouts.REPORT_NARRATIVE_SHEET), ["Mục", "Nội dung"], narrative)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
