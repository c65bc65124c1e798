"""Load and validate programme configuration (config/programmes/*.yaml) into typed objects.

Every mapping of the file accepts only its own keys (config_reader.Node); the plan sections
(budget, tasks, milestones, contacts) are read in programme_plan, the demo section in
programme_demo."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from data_pipeline.errors import ConfigError
from data_pipeline.reference.config_reader import Node, config_error
from data_pipeline.reference.demo_settings import BaselineModel, Demo, IncidentOutcomes, LaunchedModel, read_demo
from data_pipeline.reference.plan import (
    Budget,
    BudgetLevel,
    Contacts,
    Milestone,
    Phase,
    Task,
    read_budget,
    read_contacts,
    read_milestones,
    read_phases,
    read_tasks,
)

__all__ = [
    "BaselineModel",
    "Budget",
    "BudgetLevel",
    "ConfigError",
    "Contacts",
    "Demo",
    "IncidentOutcomes",
    "Indicator",
    "LaunchedModel",
    "Milestone",
    "Period",
    "Phase",
    "Programme",
    "Reporting",
    "Review",
    "Structure",
    "Task",
    "load_programme",
    "load_programmes",
]

PERIOD_PATTERN = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|M(1[0-2]|[1-9])))?$")
TARGET_KINDS = ("annual", "cumulative")
# vietnamadminunits' two structures: legacy (before 1/7/2025) and 2025.
STRUCTURES = ("legacy", "2025")
REPORTING_LEVELS = {"legacy": ("district", "commune", "agency"), "2025": ("commune", "agency")}
# Levels that are areas of the map; a period has at most one of them (a district's report
# already covers its communes), besides the seat's agencies (sở, ban, ngành; phòng ban).
AREA_LEVELS = ("district", "commune")
# Unit kinds a 2.9-style coverage indicator can be measured on from the model registry.
COVERAGE_KINDS = ("commune", "village", "agency", "school", "enterprise")
# Where the official figure of a coverage indicator comes from: the units' periodic reports or
# the model registry (an indicator without coverage_of always comes from the reports).
OFFICIAL_SOURCES = ("reports", "registry")

ROOT_KEYS = (
    *("id", "name", "short_name", "document", "secretariat", "start", "end"),  # identity
    *("geography", "structures", "reporting"),  # geography and who reports
    *("periods", "reviews", "phases"),  # calendar
    *("targets", "activities", "budget", "tasks", "milestones", "contacts", "baseline", "incidents", "rating"),
    "demo",
)
INDICATOR_KEYS = ("code", "name", "denominator", "goal", "coverage_of", "official_source")


@dataclass(frozen=True)
class Indicator:
    code: str
    target_code: str
    target_name: str
    name: str
    denominator: str
    goal: float
    cumulative: bool
    coverage_of: str | None
    # where the official figure comes from: "reports" or, for a coverage indicator, "registry"
    official_source: str = "reports"


@dataclass(frozen=True)
class Period:
    id: str
    label: str
    due: dt.date


@dataclass(frozen=True)
class Review:
    name: str
    date: dt.date
    required_share: float


@dataclass(frozen=True)
class Structure:
    id: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def covers(self, day: dt.date) -> bool:
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


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    short_name: str
    document: str
    secretariat: str
    start: dt.date
    end: dt.date
    province_code: str
    # The unit the programme is run from: the province, or a district for a city's plan. Its
    # own agencies (units of kind agency directly under it) are the ones that may report.
    seat_code: str
    structures: tuple[Structure, ...]
    reporting: tuple[Reporting, ...]
    districts: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    periods: tuple[Period, ...]
    reviews: tuple[Review, ...]
    rating_scale: tuple[tuple[str, float], ...]
    # The budget by level and its spending lines; None for a plan without a budget.
    budget: Budget | None
    tasks: tuple[Task, ...]
    activities: tuple[tuple[str, str], ...]
    source: Path
    # What the demo generator reproduces; None for a programme without demo data.
    demo: Demo | None
    # The programme's published starting point (e.g. the models at mid-2024), if it has one.
    baseline_on: dt.date | None = None
    baseline_label: str | None = None
    # A change in case counts is flagged when its two-sided p-value is below this.
    incident_significance: float = 0.05
    # Optional GeoJSON of the areas' boundaries (features carry the official unit code).
    boundaries: Path | None = None
    # Unit rating: weight of target attainment and of reporting compliance (sum 1), and the
    # credit a late report earns against an on-time one.
    rating_weights: tuple[float, float] = (0.7, 0.3)
    # Classes whose units are listed with their reasons (heads marked down: Trung bình, Yếu).
    rating_attention: tuple[str, ...] = ()
    # The thresholds are defaults, not set by the province.
    rating_thresholds_are_defaults: bool = False
    late_report_credit: float = 0.5
    # Steps each reporting district must complete by a deadline (a model built in steps).
    milestones: tuple[Milestone, ...] = ()
    # The registry's model kind whose admins must be contacted, how often (months), from when.
    contacts: Contacts | None = None
    # Named phases of the programme (descriptive only).
    phases: tuple[Phase, ...] = ()

    @property
    def budget_lines(self) -> tuple[str, ...]:
        """Activity codes that are spending lines of the budget (đồng), in the Đề án's order."""
        return self.budget.lines if self.budget else ()

    def reporters(self, period_id: str) -> Reporting:
        """Which structure and level report for a period."""
        order = [p.id for p in self.periods]
        index = order.index(period_id)
        return [r for r in self.reporting if order.index(r.from_period) <= index][-1]

    def structure_on(self, day: dt.date) -> Structure:
        """The administrative structure in force on a day."""
        return next(s for s in self.structures if s.covers(day))

    def period(self, period_id: str) -> Period:
        """The period with this id, or ConfigError."""
        for period in self.periods:
            if period.id == period_id:
                return period
        raise ConfigError(f"Kỳ báo cáo '{period_id}' không có trong {self.source.name}")


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


def _indicators(root: Node) -> tuple[Indicator, ...]:
    """`targets` (optional: a programme may count activities only, the pages then say so)."""
    indicators = []
    for target in root.items("targets", ("code", "name", "kind", "indicators"), optional=True):
        code, target_name = target.get("code", str), target.get("name", str)
        cumulative = target.choice("kind", TARGET_KINDS) == "cumulative"
        for item in target.items("indicators", INDICATOR_KEYS):
            coverage_of = item.choice("coverage_of", COVERAGE_KINDS, default=None)
            if coverage_of is None and item.has("official_source"):
                raise item.fail(
                    "official_source", "chỉ dùng cho chỉ tiêu có 'coverage_of' (chỉ tiêu khác luôn lấy số từ báo cáo)"
                )
            official_source = item.choice("official_source", OFFICIAL_SOURCES) if coverage_of else "reports"
            indicators.append(
                Indicator(
                    code=item.get("code", str),
                    target_code=code,
                    target_name=target_name,
                    name=item.get("name", str, default=target_name),
                    denominator=item.get("denominator", str),
                    goal=item.share("goal"),
                    cumulative=cumulative,
                    coverage_of=coverage_of,
                    official_source=official_source,
                )
            )
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise root.fail("targets", "có mã chỉ tiêu bị trùng", sorted({c for c in codes if codes.count(c) > 1}))
    return tuple(indicators)


def _periods(root: Node) -> tuple[Period, ...]:
    periods = []
    for item in root.items("periods", ("id", "label", "due")):
        period_id = item.get("id", str)
        if not PERIOD_PATTERN.match(period_id):
            raise item.fail("id", "phải có dạng 2025, 2025-H1, 2025-Q3 hoặc 2023-M10", period_id)
        periods.append(Period(period_id, item.get("label", str), item.date("due")))
    if len({p.id for p in periods}) != len(periods):
        raise root.fail("periods", "có kỳ báo cáo bị trùng")
    return tuple(periods)


def _reviews(root: Node) -> tuple[Review, ...]:
    reviews = tuple(
        Review(item.get("name", str), item.date("date"), item.share("required_share"))
        for item in root.items("reviews", ("name", "date", "required_share"))
    )
    if sorted(reviews, key=lambda v: v.date) != list(reviews) or reviews[-1].required_share != 1.0:
        raise root.fail("reviews", "phải theo thứ tự thời gian và kết thúc với required_share 1.0")
    return reviews


def _structures(root: Node) -> tuple[Structure, ...]:
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


def _reporting(
    root: Node, periods: tuple[Period, ...], structures: tuple[Structure, ...], province_code: str, seat_code: str
) -> tuple[Reporting, ...]:
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
    return tuple(reporting)


@dataclass(frozen=True)
class _Rating:
    scale: tuple[tuple[str, float], ...]
    weights: tuple[float, float]
    attention: tuple[str, ...]
    late_credit: float
    is_default: bool


def _rating(root: Node) -> _Rating:
    rating = root.child("rating", ("thresholds_are_defaults", "weights", "late_report_credit", "scale"))
    items = rating.items("scale", ("name", "min_score", "attention"))
    scale = tuple((item.get("name", str), item.get("min_score", float)) for item in items)
    if sorted(scale, key=lambda x: -x[1]) != list(scale) or scale[-1][1] != 0:
        raise rating.fail("scale", "phải xếp từ điểm cao xuống thấp và hạng cuối có min_score 0")
    weights = (0.7, 0.3)
    if rating.has("weights"):
        node = rating.child("weights", ("attainment", "compliance"))
        weights = (node.get("attainment", float), node.get("compliance", float))
        if abs(sum(weights) - 1) > 1e-9 or min(weights) < 0:
            raise rating.fail("weights", "phải là hai trọng số ≥ 0 có tổng bằng 1", node.value)
    attention = tuple(name for item, (name, _) in zip(items, scale, strict=True) if item.get("attention", bool, False))
    late_credit = rating.get("late_report_credit", float, default=0.5)
    if not 0 <= late_credit <= 1:
        raise rating.fail("late_report_credit", "phải trong khoảng [0, 1]", late_credit)
    is_default = rating.get("thresholds_are_defaults", bool, default=False)
    return _Rating(scale, weights, attention or (scale[-1][0],), late_credit, is_default)


def load_programme(source: str | Path) -> Programme:
    """Programme from one YAML file, validated; ConfigError names the bad key and file."""
    source = Path(source)
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Không tìm thấy tệp cấu hình {source}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{source.name}: YAML không hợp lệ: {error}") from None
    root = Node(source, "", raw, ROOT_KEYS)

    programme_id = root.get("id", str)
    if programme_id != source.stem:
        raise root.fail("id", f"phải trùng tên tệp '{source.stem}'", programme_id)
    start, end = root.date("start"), root.date("end")
    if end <= start:
        raise root.fail("end", "phải sau 'start'", str(end))

    geography = root.child("geography", ("province_code", "districts", "seat", "boundaries"))
    districts = geography.texts("districts", default=())
    province_code = geography.get("province_code", str)
    seat_code = geography.get("seat", str, default=province_code)
    if seat_code != province_code and seat_code not in districts:
        raise geography.fail("seat", "phải là mã tỉnh hoặc một mã trong 'geography.districts'", seat_code)
    boundaries = geography.get("boundaries", str, default=None)
    if boundaries is not None:
        boundaries = (source.parent / boundaries).resolve()
        if not boundaries.is_file():
            raise geography.fail("boundaries", "phải là đường dẫn tới tệp GeoJSON có thật", str(boundaries))

    indicators = _indicators(root)
    periods = _periods(root)
    structures = _structures(root)
    activities = tuple(
        (item.get("code", str), item.get("name", str)) for item in root.items("activities", ("code", "name"))
    )
    activity_codes = [code for code, _ in activities]
    rating = _rating(root)
    baseline = root.child("baseline", ("date", "label"), default=None)
    incidents = root.child("incidents", ("significance",), default=None)
    significance = incidents.get("significance", float, default=0.05) if incidents else 0.05
    if not 0 < significance < 0.5:
        raise config_error(source, "incidents.significance", "phải là xác suất trong khoảng (0; 0,5)", significance)

    return Programme(
        id=programme_id,
        name=root.get("name", str),
        short_name=root.get("short_name", str),
        document=root.get("document", str),
        secretariat=root.get("secretariat", str),
        start=start,
        end=end,
        province_code=province_code,
        seat_code=seat_code,
        structures=structures,
        reporting=_reporting(root, periods, structures, province_code, seat_code),
        districts=districts,
        indicators=indicators,
        periods=periods,
        reviews=_reviews(root),
        rating_scale=rating.scale,
        budget=read_budget(root, activity_codes),
        tasks=read_tasks(root),
        activities=activities,
        source=source,
        demo=read_demo(root, [i.code for i in indicators], activity_codes),
        baseline_on=baseline.date("date") if baseline else None,
        baseline_label=baseline.get("label", str) if baseline else None,
        incident_significance=significance,
        boundaries=boundaries,
        rating_weights=rating.weights,
        rating_attention=rating.attention,
        rating_thresholds_are_defaults=rating.is_default,
        late_report_credit=rating.late_credit,
        milestones=read_milestones(root),
        contacts=read_contacts(root),
        phases=read_phases(root),
    )


def load_programmes(programmes_dir: Path) -> dict[str, Programme]:
    """Every programme in a directory, by id."""
    files = sorted(programmes_dir.glob("*.yaml"))
    if not files:
        raise ConfigError(f"Không có tệp cấu hình chương trình nào trong {programmes_dir}")
    return {p.id: p for p in map(load_programme, files)}
