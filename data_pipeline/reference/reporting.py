"""The calendar sections of a programme file, typed: `periods`, `reviews`, `structures` (which
administrative structure is in force when) and `reporting` (who reports, from which period)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from data_pipeline.reference.config_reader import Node

PERIOD_PATTERN = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|M(1[0-2]|[1-9])))?$")
# vietnamadminunits' two structures: legacy (before 1/7/2025) and 2025.
STRUCTURES = ("legacy", "2025")
REPORTING_LEVELS = {"legacy": ("district", "commune", "agency"), "2025": ("commune", "agency")}
# Levels that are areas of the map; a period has at most one of them (a district's report
# already covers its communes), besides the seat's agencies (sở, ban, ngành; phòng ban).
AREA_LEVELS = ("district", "commune")


@dataclass(frozen=True)
class Period:
    """A reporting period: its id (2025, 2025-H1…), label, and the day its reports are due."""

    id: str
    label: str
    due: dt.date
    # the first day a report for it may be received: the config's `opens`, else the period's start
    opens: dt.date


def period_start(period_id: str) -> dt.date:
    """The first day of the period an id names: 2025 → 1/1/2025, 2025-H2 → 1/7, 2025-Q4 → 1/10,
    2023-M10 → 1/10."""
    year, _, part = period_id.partition("-")
    month = 1
    if part.startswith("H"):
        month = 1 + 6 * (int(part[1:]) - 1)
    elif part.startswith("Q"):
        month = 1 + 3 * (int(part[1:]) - 1)
    elif part.startswith("M"):
        month = int(part[1:])
    return dt.date(int(year), month, 1)


@dataclass(frozen=True)
class Review:
    """A review date by which `required_share` of each target is due."""

    name: str
    date: dt.date
    required_share: float


@dataclass(frozen=True)
class Structure:
    """An administrative structure (legacy or 2025) and the days it is in force."""

    id: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def covers(self, day: dt.date) -> bool:
        """Whether the structure is in force on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Reporting:
    """From `from_period` on, units of `levels` in `structure` report to the programme's seat
    (the area level, and/or the seat's own agencies)."""

    from_period: str
    structure: str
    levels: tuple[str, ...]

    @property
    def area_level(self) -> str | None:
        """The level of the areas that report (district or commune), if any do."""
        return next((level for level in self.levels if level in AREA_LEVELS), None)


def read_periods(root: Node) -> tuple[Period, ...]:
    """`periods`: {id, label, due, opens?}, ids such as 2025, 2025-H1, 2025-Q3 or 2023-M10,
    unique; a period opens on its first day unless `opens` says otherwise."""
    periods = []
    for item in root.items("periods", ("id", "label", "due", "opens")):
        period_id = item.get("id", str)
        if not PERIOD_PATTERN.match(period_id):
            raise item.fail("id", "phải có dạng 2025, 2025-H1, 2025-Q3 hoặc 2023-M10", period_id)
        opens = item.date("opens", period_start(period_id))
        if opens > item.date("due"):
            raise item.fail("opens", "không sau hạn nộp (due)", opens)
        periods.append(Period(period_id, item.get("label", str), item.date("due"), opens))
    if len({p.id for p in periods}) != len(periods):
        raise root.fail("periods", "có kỳ báo cáo bị trùng")
    return tuple(periods)


def read_reviews(root: Node) -> tuple[Review, ...]:
    """`reviews`: the share of a target due by each date, in order, the last one the whole."""
    reviews = tuple(
        Review(item.get("name", str), item.date("date"), item.share("required_share"))
        for item in root.items("reviews", ("name", "date", "required_share"))
    )
    if sorted(reviews, key=lambda v: v.date) != list(reviews) or reviews[-1].required_share != 1.0:
        raise root.fail("reviews", "phải theo thứ tự thời gian và kết thúc với required_share 1.0")
    return reviews


def read_structures(root: Node) -> tuple[Structure, ...]:
    """`structures`: consecutive validity ranges covering all time, so every day has one."""
    structures = tuple(
        Structure(item.choice("id", STRUCTURES), item.date("valid_from", None), item.date("valid_to", None))
        for item in root.items("structures", ("id", "valid_from", "valid_to"))
    )
    for before, after in itertools.pairwise(structures):
        if before.valid_to is None or after.valid_from != before.valid_to + dt.timedelta(days=1):
            raise root.fail(
                "structures", "phải nối tiếp nhau: valid_from của cơ cấu sau là ngày sau valid_to của cơ cấu trước"
            )
    if structures[0].valid_from is not None or structures[-1].valid_to is not None:
        raise root.fail(
            "structures", "phải phủ toàn bộ thời gian (cơ cấu đầu không có valid_from, cơ cấu cuối không có valid_to)"
        )
    return structures


def _levels(node: Node, choices: tuple[str, ...]) -> tuple[str, ...]:
    """`level`: one reporting level or a list of them, with at most one area level."""
    value = node.get("level", (str, list))
    levels = [value] if isinstance(value, str) else value
    if not levels or len(set(levels)) != len(levels) or any(level not in choices for level in levels):
        raise node.fail("level", f"phải là một hoặc danh sách không trùng các cấp: {', '.join(choices)}", value)
    if sum(level in AREA_LEVELS for level in levels) > 1:
        raise node.fail(
            "level", "chỉ được một cấp địa bàn (huyện hoặc xã): báo cáo huyện đã gồm các xã của huyện", value
        )
    return tuple(levels)


def _check_in_force(
    item: Node,
    report: Reporting,
    periods: tuple[Period, ...],
    structures: tuple[Structure, ...],
    seat_code: str,
    province_code: str,
) -> None:
    """A reporting entry names the structure in force on its first period's due date, and no
    district's agencies once districts are gone."""
    due = next(p.due for p in periods if p.id == report.from_period)
    if report.structure != next(s for s in structures if s.covers(due)).id:
        raise item.fail(
            "structure", f"không phải cơ cấu có hiệu lực vào hạn nộp kỳ {report.from_period}", report.structure
        )
    if "agency" in report.levels and report.structure == "2025" and seat_code != province_code:
        raise item.fail(
            "level",
            f"không có 'agency' từ 1/7/2025: cấp huyện (nơi đặt '{seat_code}') không còn, các cơ quan của huyện không báo cáo",
            list(report.levels),
        )


def read_reporting(
    root: Node, periods: tuple[Period, ...], structures: tuple[Structure, ...], seat_code: str, province_code: str
) -> tuple[Reporting, ...]:
    """`reporting`: from the first period on, in period order, which structure and levels report."""
    period_ids = [p.id for p in periods]
    items = root.items("reporting", ("from_period", "structure", "level"))
    reporting = []
    for item in items:
        from_period = item.get("from_period", str)
        if from_period not in period_ids:
            raise item.fail("from_period", "phải là một kỳ trong 'periods'", from_period)
        structure = item.choice("structure", tuple(s.id for s in structures))
        reporting.append(Reporting(from_period, structure, _levels(item, REPORTING_LEVELS[structure])))
    starts = [period_ids.index(x.from_period) for x in reporting]
    if reporting[0].from_period != period_ids[0] or starts != sorted(starts):
        raise root.fail("reporting", f"phải bắt đầu từ kỳ đầu tiên '{period_ids[0]}' và theo thứ tự các kỳ")
    for item, report in zip(items, reporting, strict=True):
        _check_in_force(item, report, periods, structures, seat_code, province_code)
    return tuple(reporting)


DEFAULT_BACKDATED_DAYS = 7


def read_backdated_days(root: Node) -> int:
    """`intake.backdated_days` (optional, 7): a report whose own date is more than this many days
    before it was received is flagged (its on-time status follows the receipt, not that date)."""
    intake = root.child("intake", ("backdated_days",), default=None)
    days = intake.get("backdated_days", int, default=DEFAULT_BACKDATED_DAYS) if intake else DEFAULT_BACKDATED_DAYS
    if isinstance(days, bool) or days < 0:
        raise intake.fail("backdated_days", "phải là số ngày ≥ 0", days)
    return days
