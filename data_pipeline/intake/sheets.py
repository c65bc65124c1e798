"""Reading messy field spreadsheets: find sheets and header rows loosely, parse cells, explain errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from data_pipeline.errors import Rejection
from data_pipeline.intake import layouts
from data_pipeline.intake.spreadsheet import MAX_ROWS, Sheet, Spreadsheet, too_many_rows
from data_pipeline.reference import spelling

HEADER_SCAN_ROWS = 10


def cell_error(sheet: str, row: int, column: str, expected: str, value: object) -> str:
    """The message for one bad cell: sheet, row, column, what was expected and what was found."""
    shown = "" if value is None else value
    return f"Sheet '{sheet}', dòng {row}, cột '{column}': cần {expected}, nhận được '{shown}'"


# A header may span this many rows (a merged group over its sub-columns).
HEADER_DEPTH = 3
# First cells that mark a totals row under a list ("Tổng cộng", "Cộng", "Tổng số").
TOTALS = {"tong", "tongcong", "cong", "tongso"}


@dataclass(frozen=True)
class Header:
    """Where a table's header is and what it names: the row its data starts below, column
    index → column name, and every label it holds (as the sheet's user reads them)."""

    first_row: int
    last_row: int
    columns: dict[int, str]
    labels: list[str]

    @property
    def rows_named(self) -> str:
        """'dòng 3' or 'dòng 3–4', for messages."""
        if self.first_row == self.last_row:
            return f"dòng {self.first_row}"
        return f"dòng {self.first_row}–{self.last_row}"


def _stacked_labels(rows: list[tuple]) -> list[list[str]]:
    """For each column, its labels from the top row of the stack down, a merged group's label
    (written once, over its first sub-column) carried over the sub-columns below it."""
    width = max((len(row) for row in rows), default=0)
    grid = [[spelling.clean_text(row[i]) if i < len(row) else None for i in range(width)] for row in rows]
    for depth, line in enumerate(grid[:-1]):
        carried = None
        for i, label in enumerate(line):
            below = any(grid[d][i] for d in range(depth + 1, len(grid)))
            if label:
                carried = label
            elif below and carried:
                line[i] = carried
            else:
                carried = None
    return [[grid[d][i] for d in range(len(grid)) if grid[d][i]] for i in range(width)]


def _names(labels: list[str]) -> list[str]:
    """What a column's stacked labels may be read as: the lowest label, then each lower part
    of the stack joined ('Kết quả thu được Xử phạt (đồng)')."""
    return [labels[-1], *(" ".join(labels[i:]) for i in range(len(labels) - 1))] if labels else []


def _candidate(rows: list[tuple], wanted: dict[str, str]) -> tuple[dict[int, str], list[str]]:
    columns, shown = {}, []
    for i, labels in enumerate(_stacked_labels(rows)):
        if not labels:
            continue
        shown.append(" / ".join(dict.fromkeys(labels)))
        name = next((wanted[key] for key in map(spelling.match_key, _names(labels)) if key in wanted), None)
        if name is not None and name not in columns.values():
            columns[i] = name
    return columns, shown


def find_header(rows: list[tuple], columns: Iterable[str]) -> Header | None:
    """The header among the top rows that names most of `columns` (a title block above it is
    skipped; a header of two or three rows is read whole); None when no row names any."""
    wanted = {}
    for name in columns:
        for spelled in (name, *layouts.COLUMN_ALIASES.get(name, ())):
            wanted.setdefault(spelling.match_key(spelled), name)
    best = None
    for start in range(min(HEADER_SCAN_ROWS, len(rows))):
        for depth in range(1, HEADER_DEPTH + 1):
            if start + depth > len(rows):
                break
            found, shown = _candidate(rows[start : start + depth], wanted)
            if found and (best is None or len(found) > len(best.columns)):
                best = Header(start + 1, start + depth, found, shown)
    return best


def read_table(
    sheet: str,
    rows: Iterable[tuple],
    columns: Iterable[str],
    required: Iterable[str],
    expected: Iterable[str] = (),
    alternatives: Iterable[tuple[str, ...]] = (),
) -> Table:
    """The rows under the header (see find_header), each {column: value} with its row number.
    Refused when the header lacks a `required` column, or lacks an `expected` one (a column
    missing is never read as blanks) or every column of an `alternatives` group; totals rows
    are skipped and noted."""
    rows, columns, required = list(rows), list(columns), list(required)
    header = find_header(rows, columns)
    if header is None or not set(required) <= set(header.columns.values()):
        raise Rejection(
            [f"Sheet '{sheet}': không tìm thấy dòng tiêu đề có các cột {', '.join(repr(c) for c in required)}"]
        )
    _check_columns(sheet, header, [*required, *expected], list(alternatives))
    table = Table(header)
    for number, row in enumerate(rows[header.last_row :], start=header.last_row + 1):
        record = {name: row[i] if i < len(row) else None for i, name in header.columns.items()}
        if not any(spelling.clean_text(v) for v in record.values()):
            continue
        first = next((spelling.clean_text(v) for v in row if spelling.clean_text(v)), None)
        if spelling.match_key(first) in TOTALS:
            table.notes.append(
                f"Sheet '{sheet}', dòng {number}: dòng '{first}' là dòng tổng, không đọc như một dòng số liệu"
            )
            continue
        table.records.append((number, record))
    return table


def _check_columns(sheet: str, header: Header, expected: list[str], alternatives: list[tuple[str, ...]]) -> None:
    found = set(header.columns.values())
    missing = [c for c in dict.fromkeys(expected) if c not in found]
    missing += [" hoặc ".join(repr(c) for c in group) for group in alternatives if not found & set(group)]
    if not missing:
        return
    missing_named = ", ".join(m if m.startswith("'") else repr(m) for m in missing)
    wanted = [*dict.fromkeys(expected), *(" hoặc ".join(group) for group in alternatives)]
    raise Rejection(
        [
            f"Sheet '{sheet}', tiêu đề ở {header.rows_named}: thiếu cột {missing_named}. "
            f"Các cột tìm thấy: {', '.join(repr(label) for label in header.labels)}. "
            f"Các cột cần có: {', '.join(repr(c) for c in wanted)}. "
            "Cột thiếu không được coi là 0: hãy thêm cột (để trống ô không có số liệu) hoặc dùng lại mẫu"
        ]
    )


@dataclass
class Table:
    """A table read from a sheet: its header, its rows with their numbers, and what to tell the
    sender of rows not read (totals)."""

    header: Header
    records: list[tuple[int, dict[str, object]]] = dataclass_field(default_factory=list)
    notes: list[str] = dataclass_field(default_factory=list)


def has_header(rows: Iterable[tuple], required: Iterable[str]) -> bool:
    """Whether the top rows hold a header naming every required column."""
    required = list(required)
    header = find_header(list(rows)[: HEADER_SCAN_ROWS + HEADER_DEPTH], required)
    return header is not None and set(required) <= set(header.columns.values())


def find_sheet(workbook: Spreadsheet, name: str, required: Iterable[str] = ()) -> Sheet | None:
    """The sheet called `name` (loosely), or else the first sheet whose header has the
    required columns (a renamed sheet); None if there is neither."""
    for sheet in workbook.sheets:
        if spelling.match_key(sheet.title) == spelling.match_key(name):
            return sheet
    if required:
        for sheet in workbook.sheets:
            if has_header(sheet.rows, required):
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
            raise too_many_rows(sheet)
    return kept
