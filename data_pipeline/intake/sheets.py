"""Reading messy field spreadsheets: find sheets and header rows loosely, parse cells, explain errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data_pipeline.errors import Rejection
from data_pipeline.reference import spelling

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

HEADER_SCAN_ROWS = 10
# More rows than any province's list; beyond it a sheet is refused, not read into memory.
MAX_ROWS = 100_000


def cell_error(sheet: str, row: int, column: str, expected: str, value: object) -> str:
    """The message for one bad cell: sheet, row, column, what was expected and what was found."""
    shown = "" if value is None else value
    return f"Sheet '{sheet}', dòng {row}, cột '{column}': cần {expected}, nhận được '{shown}'"


def _header_map(header: Iterable[object], columns: Iterable[str]) -> dict[int, str]:
    """Column index → column name, matching headers loosely (case, spaces, diacritics)."""
    wanted = {spelling.match_key(name): name for name in columns}
    return {i: wanted[spelling.match_key(h)] for i, h in enumerate(header) if spelling.match_key(h) in wanted}


def records(
    sheet: str, rows: Iterable[tuple], columns: Iterable[str], required: Iterable[str]
) -> Iterator[tuple[int, dict[str, object]]]:
    """(row number, {column: value}) for each non-empty row under the header row, which may sit
    below a title block (it is the first of the top rows that holds every required column)."""
    rows, required = iter(rows), list(required)
    for number, row in enumerate(rows, start=1):
        header = _header_map(row, columns)
        if set(required) <= set(header.values()):
            break
        if number >= HEADER_SCAN_ROWS:
            header = None
            break
    else:
        header = None
    if header is None:
        raise Rejection(
            [f"Sheet '{sheet}': không tìm thấy dòng tiêu đề có các cột {', '.join(repr(c) for c in required)}"]
        )
    for offset, row in enumerate(rows, start=number + 1):
        record = {name: row[i] if i < len(row) else None for i, name in header.items()}
        if any(spelling.clean_text(v) for v in record.values()):
            yield offset, record


def has_header(rows: Iterable[tuple], required: Iterable[str]) -> bool:
    """Whether one of the top rows holds every required column."""
    keys = {spelling.match_key(c) for c in required}
    for number, row in enumerate(rows, start=1):
        if keys <= {spelling.match_key(v) for v in row}:
            return True
        if number >= HEADER_SCAN_ROWS:
            return False
    return False


def find_sheet(workbook: Workbook, name: str, required: Iterable[str] = ()) -> ReadOnlyWorksheet | None:
    """The sheet called `name` (loosely), or else the first sheet whose header has the
    required columns (a renamed sheet); None if there is neither."""
    for sheet in workbook.worksheets:
        if spelling.match_key(sheet.title) == spelling.match_key(name):
            return sheet
    if required:
        for sheet in workbook.worksheets:
            if has_header(sheet.iter_rows(values_only=True, max_row=HEADER_SCAN_ROWS), required):
                return sheet
    return None


def field(
    sheet: str,
    number: int,
    record: dict,
    column: str,
    parse: Callable[[Any], Any],
    expected: str,
    required: bool = True,
) -> Any:
    """One cell parsed, or a Rejection naming sheet, row, column and what was expected."""
    value = record.get(column)
    try:
        parsed = parse(value)
    except (ValueError, TypeError):
        raise Rejection([cell_error(sheet, number, column, expected, value)]) from None
    if parsed is None and required:
        raise Rejection([cell_error(sheet, number, column, expected, value)])
    return parsed


def read_csv(path: Path) -> list[tuple]:
    """Rows of a CSV in UTF-8 (with or without BOM) or Windows-1258, any of , ; or tab."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Rejection(["Tệp CSV không đọc được bằng UTF-8 hay Windows-1258"])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return bounded_rows((tuple(row) for row in csv.reader(io.StringIO(text), dialect)), path.name)


def bounded_rows(rows: Iterable[tuple], sheet: str) -> list[tuple]:
    """The rows of a sheet, refusing one longer than MAX_ROWS instead of reading it all."""
    kept = []
    for row in rows:
        kept.append(row)
        if len(kept) > MAX_ROWS:
            raise Rejection([f"Sheet '{sheet}' có hơn {MAX_ROWS:_} dòng; tách thành nhiều tệp".replace("_", ".")])
    return kept
