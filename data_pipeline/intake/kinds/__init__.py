"""The kinds of field table intake knows besides the report workbook, in the order a table is
tried against them: the first whose header matches reads it."""

from __future__ import annotations

from data_pipeline.errors import Rejection
from data_pipeline.intake.kinds.base import Context, Kind, Parsed
from data_pipeline.intake.kinds.contacts import CONTACTS
from data_pipeline.intake.kinds.incidents import INCIDENTS
from data_pipeline.intake.kinds.models import MODELS
from data_pipeline.intake.kinds.trackers import MILESTONES, TASKS
from data_pipeline.intake.kinds.units_file import UNITS

KINDS: tuple[Kind, ...] = (INCIDENTS, CONTACTS, MILESTONES, MODELS, TASKS, UNITS)

__all__ = ["KINDS", "Context", "Kind", "Parsed", "parse_table"]


def parse_table(sheet: str, rows: list[tuple], context: Context) -> tuple[str, dict[str, list[dict]]]:
    """The table's kind and its rows for that kind's staged table; or Rejection."""
    for kind in KINDS:
        if kind.recognises(rows):
            return kind.name, {kind.name: [row for _, row in kind.parse(sheet, rows, context)]}
    raise Rejection(
        [
            f"Sheet '{sheet}': không nhận ra loại tệp (không phải báo cáo, danh sách vụ việc, sổ mô hình, "
            "sổ tiếp xúc quản trị viên, bảng theo dõi các bước, bảng theo dõi nhiệm vụ hay danh mục đơn vị)"
        ]
    )
