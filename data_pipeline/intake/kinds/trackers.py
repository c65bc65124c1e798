"""The secretariat's trackers: the plan's tasks with their progress, and when each reporting unit
completed each step of the plan."""

from __future__ import annotations

from data_pipeline.intake import layouts
from data_pipeline.intake.kinds.base import Context, Kind
from data_pipeline.intake.rows import Row


def parse_task(row: Row, context: Context) -> dict:
    """One task of the plan; its dates may be left blank until known."""
    return {
        "task_id": row.text("Mã nhiệm vụ"),
        "task_name": row.text("Nội dung nhiệm vụ"),
        "owner": row.text("Cơ quan chủ trì"),
        "starts_on": row.date("Ngày bắt đầu", False),
        "due_on": row.date("Hạn hoàn thành", False),
        "done_on": row.date("Ngày hoàn thành", False),
        "note": row.text("Ghi chú", False),
    }


def parse_milestone(row: Row, context: Context) -> dict:
    """One step of one unit: the step must be one the programme defines, the unit one of its own."""
    programme = context.programme
    steps = {m.id for m in programme.milestones}
    step = row.clean("Bước")
    if step not in steps:
        expected = f"một bước của {programme.short_name} ({', '.join(sorted(steps))})" if steps else None
        raise row.rejection("Bước", expected or "chương trình có các bước (milestones)", step)
    unit = row.text("Mã đơn vị", expected="mã đơn vị")
    units = context.directory().units
    if unit not in units.index:
        raise row.rejection("Mã đơn vị", "mã huyện hoặc xã của chương trình", unit)
    row.warn_name("Tên đơn vị", row.clean("Tên đơn vị"), unit, units.loc[unit, "unit_name"])
    return {
        "step_id": step,
        "unit_code": unit,
        "done_on": row.date("Ngày hoàn thành", False),
        "note": row.text("Ghi chú", False),
    }


TASKS = Kind("tasks", layouts.TASK_COLUMNS, layouts.TASK_REQUIRED, parse_task, optional=layouts.TASK_OPTIONAL)
MILESTONES = Kind(
    "milestones",
    layouts.MILESTONE_COLUMNS,
    layouts.MILESTONE_REQUIRED,
    parse_milestone,
    optional=layouts.MILESTONE_OPTIONAL,
)
