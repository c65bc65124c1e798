"""The secretariat's task tracker (theo dõi nhiệm vụ): the plan's tasks with the dates the plan
gives them, done on time (most), late, or not yet, as of the demo date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from data_pipeline.demo.world import DemoWorld, month_end
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table
from data_pipeline.reference.programme import Programme


def planned_start(programme: Programme, task: dict[str, Any], due: dt.date) -> dt.date:
    """When the plan has a task (or one year of a standing task) start: with the programme, or
    at the start of its deadline's year — of its month, for a task done in a set month each
    year — and never after its deadline's month has begun (a review due years ahead is prepared
    in its own year; a task due the month the programme starts starts that month)."""
    opens = dt.date(due.year, int(task.month or 1), 1)
    return min(max(programme.start, opens), due.replace(day=1))


def schedule(programme: Programme, as_of: dt.date) -> list[tuple[str, str, str, dt.date, dt.date]]:
    """The plan's tasks as tracked rows (id, name, owner, start, deadline): a dated task once; a
    standing one once a year up to the as-of year (3.1, 3.2…), due by the year's end or by the
    end of its set month."""
    rows = []
    for task in programme.tasks:
        if task.deadline:
            dues = [dt.date.fromisoformat(str(task.deadline))]
        else:
            month = int(task.month or 12)
            years = range(programme.start.year, as_of.year + 1)
            dues = [d for d in (month_end(dt.date(year, month, 1)) for year in years) if d >= programme.start]
        for n, due in enumerate(dues, start=1):
            single = len(dues) == 1 and task.deadline
            task_id = str(task.id) if single else f"{task.id}.{n}"
            name = task.name if single else f"{task.name} (năm {due.year})"
            rows.append((task_id, name, task.owner, planned_start(programme, task, due), due))
    return rows


def write_task_tracker(world: DemoWorld, path: Path) -> Path:
    """The tracker as of the demo date: most tasks past their deadline done by it, some late,
    some not; a few of those still ahead already done."""
    rng, rows = world.stream("tasks"), []
    for task_id, name, owner, start, due in schedule(world.programme, world.as_of):
        done = None
        if due < world.as_of and rng.random() < 0.85:
            on_time = rng.random() < 0.8
            done = (
                due - dt.timedelta(days=rng.randint(0, 20)) if on_time else due + dt.timedelta(days=rng.randint(3, 30))
            )
        elif due >= world.as_of and rng.random() < 0.2:
            done = world.as_of - dt.timedelta(days=rng.randint(1, 30))
        if done is not None:
            done = max(done, start)  # nothing is done before it starts
        if done is not None and done > world.as_of:
            done = None
        rows.append(
            (
                task_id,
                name,
                owner,
                start.strftime("%d/%m/%Y"),
                due.strftime("%d/%m/%Y"),
                done.strftime("%d/%m/%Y") if done else None,
                None,
            )
        )
    return write_table(path, "Theo dõi nhiệm vụ", list(layouts.TASK_COLUMNS), rows)
