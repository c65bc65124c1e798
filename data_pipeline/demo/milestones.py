"""A model built in steps (Thái Nguyên): each district's step tracker (theo dõi các bước) and the
log of contacts with each group's admin (sổ tiếp xúc quản trị viên)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from data_pipeline.demo.world import DemoWorld, date_between, setting
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table


def write_milestone_tracker(world: DemoWorld, path: Path) -> Path:
    """Each district's steps, in order, as of the demo date: a step is done after the one
    before it (never before), and not at all while the one before it is not done; most are
    done by their deadline, the weaker districts late or stalled at some step."""
    rng, rows = world.stream("milestones"), []
    steps = world.programme.milestones
    completion = float(setting(world.programme, "milestone_completion"))
    for district in world.districts:
        k = world.performance[district["unit_code"]]
        # the chance of going on to the next step: about `completion` of the districts finish all
        carry_on = (completion * min(k, 1.05)) ** (1 / max(len(steps), 1))
        previous: dt.date | None = None
        stalled = False
        for step in steps:
            done = None
            if not stalled and step.due <= world.as_of + dt.timedelta(days=60) and rng.random() < carry_on:
                if rng.random() < 0.8 * k:
                    done = step.due - dt.timedelta(days=rng.randint(0, 25))
                else:
                    done = step.due + dt.timedelta(days=rng.randint(3, 40))
                if previous is not None and done < previous:
                    done = previous + dt.timedelta(days=rng.randint(0, 10))  # right after the step before
            if done is not None and done > world.as_of:
                done = None
            stalled = done is None
            previous = done
            rows.append(
                (
                    step.id,
                    district["unit_code"],
                    district["unit_name"],
                    done.strftime("%d/%m/%Y") if done else None,
                    None,
                )
            )
    return write_table(path, "Theo dõi các bước", list(layouts.MILESTONE_COLUMNS), rows)


def write_contact_log(world: DemoWorld, path: Path) -> Path:
    """Contacts with each group admin: one or two in most windows since the contacts began."""
    rng, contacts, rows = world.stream("contacts"), world.programme.contacts, []
    compliance = float(setting(world.programme, "contact_compliance"))
    for model in (m for m in world.models if m.kind == contacts.model_kind):
        first = max(contacts.starts, model.established)
        window = dt.date(first.year, (first.month - 1) // contacts.every_months * contacts.every_months + 1, 1)
        while window <= world.as_of:
            month = window.month - 1 + contacts.every_months
            end = dt.date(window.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            if rng.random() < compliance:
                for _ in range(rng.choice((1, 1, 2))):
                    day = date_between(rng, max(window, first), min(end, world.as_of))
                    rows.append(
                        (
                            model.code,
                            day.strftime("%d/%m/%Y"),
                            model.head,
                            rng.choice(("Gặp trực tiếp", "Điện thoại", "Zalo")),
                            "Cán bộ Đội 1",
                            None,
                        )
                    )
            window = end + dt.timedelta(days=1)
    return write_table(path, "Sổ tiếp xúc quản trị viên", list(layouts.CONTACT_COLUMNS), rows)
