"""Load and validate programme configuration (config/programmes/*.yaml) into typed objects.

Every mapping of the file accepts only its own keys (config_reader.Node). Each section has its
reader: identity, geography, baseline and incidents here; periods, reviews, structures and
reporting in reference.reporting; targets, activities and rating in reference.targets; the plan
(phases, budget, tasks, milestones, contacts) in reference.plan; the demo in
reference.demo_settings. load_programme only composes them into one Programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from data_pipeline.errors import ConfigError
from data_pipeline.reference.config_reader import Node
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
from data_pipeline.reference.reporting import (
    AREA_LEVELS,
    PERIOD_PATTERN,
    REPORTING_LEVELS,
    STRUCTURES,
    Period,
    Reporting,
    Review,
    Structure,
    read_backdated_days,
    read_periods,
    read_reporting,
    read_reviews,
    read_structures,
)
from data_pipeline.reference.targets import Indicator, Rating, read_activities, read_indicators, read_rating

__all__ = [
    "AREA_LEVELS",
    "PERIOD_PATTERN",
    "REPORTING_LEVELS",
    "STRUCTURES",
    "Baseline",
    "BaselineModel",
    "Budget",
    "BudgetLevel",
    "ConfigError",
    "Contacts",
    "Demo",
    "Geography",
    "Identity",
    "IncidentOutcomes",
    "Indicator",
    "LaunchedModel",
    "Milestone",
    "Period",
    "Phase",
    "Programme",
    "Rating",
    "Reporting",
    "Review",
    "Structure",
    "Task",
    "load_programme",
    "load_programmes",
]

ROOT_KEYS = (
    *("id", "name", "short_name", "document", "secretariat", "start", "end"),  # identity
    *("geography", "structures", "reporting"),  # geography and who reports
    *("periods", "reviews", "phases"),  # calendar
    *("targets", "activities", "budget", "tasks", "milestones", "contacts", "baseline", "incidents", "rating"),
    *("intake", "demo"),
)
DEFAULT_SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class Identity:
    """What the programme is: its id (the file's name), names, founding document, dates."""

    id: str
    name: str
    short_name: str
    document: str
    secretariat: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Geography:
    """Where the programme runs: the province, the districts (all if none), the seat it is run
    from, and optionally a GeoJSON of the areas' boundaries."""

    province_code: str
    seat_code: str
    districts: tuple[str, ...]
    boundaries: Path | None


@dataclass(frozen=True)
class Baseline:
    """The programme's published starting point (e.g. the models at mid-2024)."""

    on: dt.date
    label: str


@dataclass(frozen=True)
class Programme(Identity):
    """One programme file, validated: its identity and the other sections' readers composed,
    flat, as every stage reads them."""

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
    # A report dated more than this many days before its receipt is flagged.
    backdated_days: int = 7

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


def _root(source: Path) -> Node:
    """The file's root mapping; a missing file or bad YAML is a ConfigError naming it."""
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Không tìm thấy tệp cấu hình {source}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{source.name}: YAML không hợp lệ: {error}") from None
    return Node(source, "", raw, ROOT_KEYS)


def read_identity(root: Node) -> Identity:
    """The identity keys: `id` is the file's name, `end` comes after `start`."""
    programme_id = root.get("id", str)
    if programme_id != root.source.stem:
        raise root.fail("id", f"phải trùng tên tệp '{root.source.stem}'", programme_id)
    start, end = root.date("start"), root.date("end")
    if end <= start:
        raise root.fail("end", "phải sau 'start'", str(end))
    return Identity(
        id=programme_id,
        name=root.get("name", str),
        short_name=root.get("short_name", str),
        document=root.get("document", str),
        secretariat=root.get("secretariat", str),
        start=start,
        end=end,
    )


def read_geography(root: Node) -> Geography:
    """`geography`: the seat is the province or one of the districts; the boundaries file, given
    relative to the programme file, exists."""
    geography = root.child("geography", ("province_code", "districts", "seat", "boundaries"))
    districts = geography.texts("districts", default=())
    province_code = geography.get("province_code", str)
    seat_code = geography.get("seat", str, default=province_code)
    if seat_code != province_code and seat_code not in districts:
        raise geography.fail("seat", "phải là mã tỉnh hoặc một mã trong 'geography.districts'", seat_code)
    boundaries = geography.get("boundaries", str, default=None)
    if boundaries is not None:
        boundaries = (root.source.parent / boundaries).resolve()
        if not boundaries.is_file():
            raise geography.fail("boundaries", "phải là đường dẫn tới tệp GeoJSON có thật", str(boundaries))
    return Geography(province_code, seat_code, districts, boundaries)


def read_baseline(root: Node) -> Baseline | None:
    """`baseline` (optional): the date and label of the published starting point."""
    node = root.child("baseline", ("date", "label"), default=None)
    return Baseline(node.date("date"), node.get("label", str)) if node else None


def read_incident_significance(root: Node) -> float:
    """`incidents.significance` (optional, 0.05): the p-value below which a change in case
    counts is flagged."""
    incidents = root.child("incidents", ("significance",), default=None)
    significance = (
        incidents.get("significance", float, default=DEFAULT_SIGNIFICANCE) if incidents else DEFAULT_SIGNIFICANCE
    )
    if not 0 < significance < 0.5:
        raise incidents.fail("significance", "phải là xác suất trong khoảng (0; 0,5)", significance)
    return significance


def load_programme(source: str | Path) -> Programme:
    """Programme from one YAML file, validated; ConfigError names the bad key and file."""
    source = Path(source)
    root = _root(source)
    identity, geography = read_identity(root), read_geography(root)
    indicators, periods, structures = read_indicators(root), read_periods(root), read_structures(root)
    activities = read_activities(root)
    activity_codes = [code for code, _ in activities]
    rating, baseline, significance = read_rating(root), read_baseline(root), read_incident_significance(root)
    return Programme(
        **vars(identity),
        province_code=geography.province_code,
        seat_code=geography.seat_code,
        structures=structures,
        reporting=read_reporting(root, periods, structures, geography.seat_code, geography.province_code),
        districts=geography.districts,
        indicators=indicators,
        periods=periods,
        reviews=read_reviews(root),
        rating_scale=rating.scale,
        budget=read_budget(root, activity_codes),
        tasks=read_tasks(root),
        activities=activities,
        source=source,
        demo=read_demo(root, [i.code for i in indicators], activity_codes),
        baseline_on=baseline.on if baseline else None,
        baseline_label=baseline.label if baseline else None,
        incident_significance=significance,
        boundaries=geography.boundaries,
        rating_weights=rating.weights,
        rating_attention=rating.attention,
        rating_thresholds_are_defaults=rating.is_default,
        late_report_credit=rating.late_credit,
        milestones=read_milestones(root),
        contacts=read_contacts(root),
        phases=read_phases(root),
        backdated_days=read_backdated_days(root),
    )


def load_programmes(programmes_dir: Path) -> dict[str, Programme]:
    """Every programme in a directory, by id."""
    files = sorted(programmes_dir.glob("*.yaml"))
    if not files:
        raise ConfigError(f"Không có tệp cấu hình chương trình nào trong {programmes_dir}")
    return {p.id: p for p in map(load_programme, files)}
