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

UNRECOGNISED = (
    "Sheet '{sheet}': không nhận ra loại tệp (không phải báo cáo, danh sách vụ việc, sổ mô hình, "
    "sổ tiếp xúc quản trị viên, bảng theo dõi các bước, bảng theo dõi nhiệm vụ hay danh mục đơn vị)"
)
KINDS: tuple[Kind, ...] = (INCIDENTS, CONTACTS, MILESTONES, MODELS, TASKS, UNITS)

__all__ = ["KINDS", "UNRECOGNISED", "Context", "Kind", "Parsed", "parse_table", "recognised"]


def recognised(rows: list[tuple]) -> Kind | None:
    """The first kind whose header the table has."""
    return next((kind for kind in KINDS if kind.recognises(rows)), None)


def parse_table(sheet: str, rows: list[tuple], context: Context) -> tuple[str, dict[str, list[dict]], list[str]]:
    """The table's kind, its rows for that kind's staged table and what the sender is told of
    it; or Rejection."""
    kind = recognised(rows)
    if kind is not None:
        parsed, notes = kind.parse(sheet, rows, context)
        return kind.name, {kind.name: [row for _, row in parsed]}, notes
    raise Rejection([UNRECOGNISED.format(sheet=sheet)])
