"""The plan sections of a programme file, typed: phases, budget, tasks, milestones, contacts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data_pipeline.reference.config_reader import Node

# A budget level is the kind of unit whose budget it is (a reporter spends its level's budget).
BUDGET_LEVELS = ("province", "district", "commune")
RECURRENCES = ("yearly", "continuous", "on_assignment")
CONTACT_WINDOWS = (1, 3, 6, 12)


@dataclass(frozen=True)
class Phase:
    """A named phase of the programme (descriptive only)."""

    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class BudgetLevel:
    """The budget of one level (province, district, commune), in đồng."""

    level: str
    name: str
    amount: int


@dataclass(frozen=True)
class Budget:
    """The programme's budget by level (đồng) and the activity codes holding spending."""

    total: int
    levels: tuple[BudgetLevel, ...]
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """A task of the plan: due once (`deadline`) or standing (`recurrence`, a yearly one
    optionally in a given month)."""

    id: str
    name: str
    owner: str
    deadline: dt.date | None = None
    recurrence: str | None = None
    month: int | None = None


@dataclass(frozen=True)
class Milestone:
    """A step each reporting district completes by `due`."""

    id: str
    name: str
    due: dt.date


@dataclass(frozen=True)
class Contacts:
    """The model kind whose admins are contacted every `every_months` months from `starts`."""

    model_kind: str
    every_months: int
    starts: dt.date


def read_phases(root: Node) -> tuple[Phase, ...]:
    """`phases`: {name, start, end}, each ending after it starts."""
    phases = []
    for node in root.items("phases", ("name", "start", "end"), optional=True):
        phase = Phase(node.get("name", str), node.date("start"), node.date("end"))
        if phase.end <= phase.start:
            raise node.fail("end", "phải sau 'start'", str(phase.end))
        phases.append(phase)
    return tuple(phases)


def read_budget(root: Node, activity_codes: list[str]) -> Budget | None:
    """`budget` (optional: a plan without a budget, the pages say so): the levels add up to the
    total; the lines are activity codes."""
    node = root.child("budget", ("total", "lines", "levels"), default=None)
    if node is None:
        return None
    levels = tuple(
        BudgetLevel(item.choice("level", BUDGET_LEVELS), item.get("name", str), item.get("amount", int))
        for item in node.items("levels", ("level", "name", "amount"))
    )
    if len({level.level for level in levels}) != len(levels):
        raise node.fail("levels", "có cấp ngân sách bị trùng")
    total = node.get("total", int)
    if sum(level.amount for level in levels) != total:
        raise node.fail("total", f"phải bằng tổng các cấp ({sum(level.amount for level in levels)})", total)
    lines = node.texts("lines", default=())
    if unknown := [code for code in lines if code not in activity_codes]:
        raise node.fail("lines", "phải là mã trong 'activities'", unknown)
    return Budget(total, levels, lines)


def read_tasks(root: Node) -> tuple[Task, ...]:
    """`tasks`: {id, name, owner} and either a `deadline` or a `recurrence`."""
    tasks = []
    for node in root.items("tasks", ("id", "name", "owner", "deadline", "recurrence", "month")):
        deadline = node.date("deadline", default=None)
        recurrence = node.choice("recurrence", RECURRENCES, default=None)
        if (deadline is None) == (recurrence is None):
            raise node.fail("", "phải có đúng một trong hai khóa 'deadline' hoặc 'recurrence'")
        month = node.get("month", int, default=None)
        if month is not None and (recurrence != "yearly" or not 1 <= month <= 12):
            raise node.fail("month", "chỉ dùng với recurrence: yearly và phải từ 1 đến 12", month)
        tasks.append(
            Task(node.get("id", str), node.get("name", str), node.get("owner", str), deadline, recurrence, month)
        )
    ids = [task.id for task in tasks]
    if len(set(ids)) != len(ids):
        raise root.fail("tasks", "có mã nhiệm vụ bị trùng", sorted({i for i in ids if ids.count(i) > 1}))
    return tuple(tasks)


def read_milestones(root: Node) -> tuple[Milestone, ...]:
    """`milestones` (optional): steps every reporting district completes, {id, name, due}."""
    milestones = tuple(
        Milestone(node.get("id", str), node.get("name", str), node.date("due"))
        for node in root.items("milestones", ("id", "name", "due"), optional=True)
    )
    if len({m.id for m in milestones}) != len(milestones):
        raise root.fail("milestones", "có mã bước bị trùng")
    return milestones


def read_contacts(root: Node) -> Contacts | None:
    """`contacts` (optional): the model kind whose admins are contacted, how often, from when."""
    node = root.child("contacts", ("model_kind", "every_months", "from"), default=None)
    if node is None:
        return None
    every = node.get("every_months", int)
    if every not in CONTACT_WINDOWS:
        raise node.fail("every_months", "phải là 1, 3, 6 hoặc 12", every)
    return Contacts(node.get("model_kind", str), every, node.date("from"))
