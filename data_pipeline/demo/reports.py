"""The unit reports (báo cáo định kỳ): one workbook per reporter and period, with its indicator
figures, its activity counts (cumulative within a year, as the reports are) and its narrative."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path

from data_pipeline.demo.reporters import Reporter, agency_reporters, report_values, reporters
from data_pipeline.demo.world import DemoWorld, setting
from data_pipeline.intake.workbook import write_report
from data_pipeline.reference.programme import Period, Programme, Reporting

# A programme whose first review comes within half a year of its start opens with a campaign
# (Lào Cai's đợt cao điểm, Thái Nguyên's launch): activities at this many times the usual pace.
PEAK_FACTOR = 3.0
PEAK_WITHIN_DAYS = 183
# A department does and spends about half what a first-level reporter does (its own staff only).
AGENCY_SIZE = 0.5
NARRATIVE = (
    ("Tồn tại, hạn chế", "Một số cơ quan, doanh nghiệp chưa xây dựng mô hình."),
    ("Đề xuất, kiến nghị", "Đề nghị tỉnh tổ chức tập huấn kỹ năng cho ban quản trị các nhóm."),
)


def _territory(reporter: Reporter) -> int:
    """A reporter's territory in old communes (an island district without communes counts one)."""
    return max(len(reporter.communes), 1)


def _days(first: dt.date, last: dt.date) -> int:
    """Days from first to last, both included (0 when last is before first)."""
    return max((last - first).days + 1, 0)


@dataclass
class ActivityPace:
    """Each reporter's pace of every activity in a year, drawn once, so its reports of the year
    count up to their dates: a report covers the year from 1 January (or the programme's start)
    to its deadline, and a later report of the year never counts less.

    `activity_scale` in the programme file is a year's count for a reporter of the first
    reporting level (a district in Bắc Giang, a commune in Lào Cai); a reporter's share of it is
    its territory in old communes against that level's, times its performance. A spending line
    is a year's spending of any reporter (each spends its own level's budget)."""

    world: DemoWorld
    rng: random.Random
    territory: float | None = None  # old communes per first-level reporter
    # once the seat's agencies no longer report (Lào Cai's city bodies after 1/7/2025), the area
    # reporters carry on their work: this share more than their own
    absorbed: float = 0.0
    paces: dict[tuple[str, int, str], tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        programme = self.world.programme
        first_review = min((r.date for r in programme.reviews), default=None)
        soon = first_review is not None and (first_review - programme.start).days <= PEAK_WITHIN_DAYS
        self.peak = (programme.start, first_review) if soon else None

    def area_size(self, reporter: Reporter) -> float:
        """An area reporter's territory against a first-level reporter's."""
        return _territory(reporter) / (self.territory or 1.0)

    def take_over(self, before: list[Reporter]) -> None:
        """The area reporters carry on the work of the agencies that reported `before`."""
        agencies = sum(r.performance * AGENCY_SIZE for r in before if r.level == "agency")
        areas = sum(r.performance * self.area_size(r) for r in before if r.level != "agency")
        self.absorbed = agencies / areas if areas else 0.0

    def counts(self, reporter: Reporter, structure: str, period: Period) -> list[tuple[str, str, int]]:
        """(code, name, count) per activity of a reporter's report: its year's pace over the
        days the report covers (a campaign's days counted PEAK_FACTOR times)."""
        programme = self.world.programme
        year = int(period.id[:4])
        opens, closes = max(dt.date(year, 1, 1), programme.start), min(period.due, dt.date(year, 12, 31))
        days = _days(opens, closes)
        if self.peak:
            days += (PEAK_FACTOR - 1) * _days(max(opens, self.peak[0]), min(closes, self.peak[1]))
        agency = reporter.level == "agency"
        size = AGENCY_SIZE if agency else self.area_size(reporter) * (1 + self.absorbed)
        # spending comes out of each level's own budget: a new commune spends about what a
        # former district did (the Đề án gives the communes seven times the districts' budget)
        spends = (AGENCY_SIZE if agency else 1.0) * reporter.performance
        size *= reporter.performance
        # an agency reports throughout; an area reporter belongs to one structure
        key = reporter.code if agency else f"{structure}:{reporter.code}"
        scale = setting(programme, "activity_scale")
        rows = []
        for code, name in programme.activities:
            if (key, year, code) not in self.paces:
                share = spends if code in programme.budget_lines else size
                pace = scale.get(code, 10) * share * self.rng.uniform(0.6, 1.4)
                self.paces[key, year, code] = (pace, self.rng.random())
            pace, offset = self.paces[key, year, code]
            # rounding with the same offset all year keeps the counts in order
            rows.append((code, name, int(pace * days / 365 + offset)))
        return rows


def _trajectory_share(programme: Programme, period: Period) -> float:
    """The share of the goal the trajectory expects by the period's deadline (linear between reviews)."""
    reviews = [(programme.start, 0.0)] + [(r.date, r.required_share) for r in programme.reviews]
    return next(
        (
            a[1] + (b[1] - a[1]) * (period.due - a[0]).days / (b[0] - a[0]).days
            for a, b in itertools.pairwise(reviews)
            if a[0] < period.due <= b[0]
        ),
        1.0,
    )


def _ranked_reporters(
    world: DemoWorld,
    rng: random.Random,
    activities: ActivityPace,
    reporting: Reporting,
    known: dict[tuple[str, tuple[str, ...]], list[Reporter]],
) -> list[Reporter]:
    """The reporters of a period's structure and levels, weakest first, drawn once per structure
    and kept in `known`; the activity pace learns the first-level territory, and whether the area
    reporters take over the work of agencies that no longer report."""
    key = (reporting.structure, reporting.levels)
    if key not in known:
        level = reporting.area_level
        areas = reporters(world, rng, reporting.structure, level) if level else []
        if areas and activities.territory is None:
            activities.territory = sum(map(_territory, areas)) / len(areas)
        agencies = agency_reporters(world, rng) if "agency" in reporting.levels else []
        if areas and not agencies and known:
            activities.take_over(list(known.values())[-1])
        known[key] = sorted(areas + agencies, key=lambda r: r.performance)
    return known[key]


def _submission_day(
    world: DemoWorld, rng: random.Random, reporter: Reporter, period: Period, latest: bool, straggler: bool
) -> dt.date:
    """When a report comes in: most on time, laggards late; late reports of the latest period
    have come in by the as-of date, and its `straggler` (the weakest that sent it) sent it late."""
    late_chance = 0.5 if reporter.performance < 0.8 else 0.1
    latest_days = max((world.as_of - period.due).days, 1) if latest else 20
    offset = rng.randint(1, min(20, latest_days)) if rng.random() < late_chance else -rng.randint(0, 12)
    if straggler:
        offset = rng.randint(2, max((world.as_of - period.due).days, 2))
    return period.due + dt.timedelta(days=offset)


def _write_report_files(
    inbox: Path,
    programme: Programme,
    reporter: Reporter,
    period: Period,
    submitted: dt.date,
    values: list[tuple],
    activities: list[tuple[str, str, int]],
    corrected: bool,
) -> list[Path]:
    """A reporter's workbook for a period, with the day it is received; when `corrected`, also
    its resubmission a week later with every numerator one less."""
    name = f"bao_cao_{reporter.code}_{period.id}.xlsx"
    args = dict(
        programme_id=programme.id,
        unit_code=reporter.code,
        unit_name=reporter.name,
        period=period.id,
        values=values,
        activities=activities,
        narrative=[
            ("Kết quả", f"{reporter.name} đã triển khai các nhiệm vụ của {programme.short_name} trong kỳ."),
            *NARRATIVE,
        ],
    )
    written = [(write_report(inbox / name, submitted_on=submitted, **args), submitted)]
    if corrected:
        args["values"] = [(c, n, None if num is None else max(0, num - 1), den) for c, n, num, den in values]
        resubmitted = submitted + dt.timedelta(days=7)
        path = write_report(inbox / name.replace(".xlsx", "_v2.xlsx"), submitted_on=resubmitted, **args)
        written.append((path, resubmitted))
    return written


def write_reports(world: DemoWorld, inbox: Path) -> list[tuple[Path, dt.date]]:
    """One workbook per reporter and period (districts, then the new communes after the 2025
    reorganisation), each with the day it is received: most on time, laggards late; the latest
    period still missing from the weakest; one corrected resubmission."""
    rng, programme = world.stream("reports"), world.programme
    due_periods = [p for p in programme.periods if p.due - dt.timedelta(days=25) <= world.as_of]
    latest = max(due_periods, key=lambda p: p.due, default=None)
    known: dict[tuple[str, tuple[str, ...]], list[Reporter]] = {}
    activities = ActivityPace(world, world.stream("activities"))
    written = []
    for index, period in enumerate(due_periods):
        reporting = programme.reporters(period.id)
        ranked = _ranked_reporters(world, rng, activities, reporting, known)
        missing_latest = max(1, len(ranked) // 12)  # about one in twelve, at least one
        share = _trajectory_share(programme, period)
        year_index = int(period.id[:4]) - programme.start.year
        for position, reporter in enumerate(ranked):
            if period is latest and position < missing_latest:
                continue  # the weakest have not sent the latest report yet
            if index in (1, 3) and position == 0:
                continue  # and the weakest one never sent some earlier ones
            straggler = period is latest and position == missing_latest
            submitted = _submission_day(world, rng, reporter, period, period is latest, straggler)
            if submitted > world.as_of:
                continue
            values = report_values(world, rng, reporter, period, share, year_index, kickoff=index == 0)
            counts = activities.counts(reporter, reporting.structure, period)
            corrected = index == 2 and position == len(ranked) - 1  # the strongest corrected its annual report
            written += _write_report_files(inbox, programme, reporter, period, submitted, values, counts, corrected)
    return written
