"""Load and validate programme configuration (config/programmes/*.yaml)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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


class ConfigError(ValueError):
    """A programme file is missing a key or holds a wrong value; the message names both."""


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


@dataclass(frozen=True)
class Milestone:
    id: str
    name: str
    due: dt.date


@dataclass(frozen=True)
class Contacts:
    model_kind: str
    every_months: int
    starts: dt.date


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
    budget: dict[str, Any]
    tasks: tuple[dict[str, Any], ...]
    activities: tuple[tuple[str, str], ...]
    source: Path
    demo: dict[str, Any]
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
    # Activity codes that are spending lines of the budget (đồng), in the Đề án's order.
    budget_lines: tuple[str, ...] = ()
    late_report_credit: float = 0.5
    # Steps each reporting district must complete by a deadline (a model built in steps).
    milestones: tuple[Milestone, ...] = ()
    # The registry's model kind whose admins must be contacted, how often (months), from when.
    contacts: Contacts | None = None

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


class _Reader:
    """Typed access to a YAML mapping that names the full key path in every error."""

    def __init__(self, source: Path):
        self.source = source

    def fail(self, key: str, expected: str, got: Any = None) -> ConfigError:
        suffix = "" if got is None else f" (nhận được {got!r})"
        return ConfigError(f"{self.source.name}: khóa '{key}' {expected}{suffix}")

    def get(self, node: dict, key: str, path: str, kind: type | tuple, default: Any = ...) -> Any:
        full = f"{path}.{key}" if path else key
        if not isinstance(node, dict):
            raise self.fail(path or "(gốc)", "phải là một bảng khóa–giá trị")
        if key not in node or node[key] is None:
            if default is not ...:
                return default
            raise self.fail(full, "bị thiếu")
        value = node[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(full, f"phải có kiểu {names}", value)
        return value

    def date(self, node: dict, key: str, path: str) -> dt.date:
        value = self.get(node, key, path, (dt.date, str))
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise self.fail(f"{path}.{key}", "phải là ngày dạng YYYY-MM-DD", value) from None
        return value

    def items(self, node: dict, key: str, path: str) -> list[tuple[str, dict]]:
        values = self.get(node, key, path, list)
        if not values:
            raise self.fail(f"{path}.{key}" if path else key, "không được để trống")
        return [(f"{path + '.' if path else ''}{key}[{i}]", v) for i, v in enumerate(values)]

    def choice(self, node: dict, key: str, path: str, choices: tuple[str, ...], default=...) -> str:
        value = self.get(node, key, path, str, default)
        if value not in choices:
            raise self.fail(f"{path}.{key}", f"phải là một trong: {', '.join(choices)}", value)
        return value

    def levels(self, node: dict, path: str, choices: tuple[str, ...]) -> tuple[str, ...]:
        """`level`: one reporting level or a list of them, with at most one area level."""
        value = self.get(node, "level", path, (str, list))
        levels = [value] if isinstance(value, str) else value
        if not levels or len(set(levels)) != len(levels) or any(level not in choices for level in levels):
            raise self.fail(
                f"{path}.level", f"phải là một hoặc danh sách không trùng các cấp: {', '.join(choices)}", value
            )
        if sum(level in AREA_LEVELS for level in levels) > 1:
            raise self.fail(
                f"{path}.level",
                "chỉ được một cấp địa bàn (huyện hoặc xã): báo cáo huyện đã gồm các xã của huyện",
                value,
            )
        return tuple(levels)

    def share(self, node: dict, key: str, path: str) -> float:
        value = self.get(node, key, path, float)
        if not 0 < value <= 1:
            raise self.fail(f"{path}.{key}", "phải là tỉ lệ trong khoảng (0, 1]", value)
        return value


def load_programme(source: str | Path) -> Programme:
    """Programme from one YAML file, validated; ConfigError names the bad key and file."""
    source = Path(source)
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Không tìm thấy tệp cấu hình {source}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{source.name}: YAML không hợp lệ: {error}") from None
    r = _Reader(source)
    if not isinstance(raw, dict):
        raise r.fail("(gốc)", "phải là một bảng khóa–giá trị")

    programme_id = r.get(raw, "id", "", str)
    if programme_id != source.stem:
        raise r.fail("id", f"phải trùng tên tệp '{source.stem}'", programme_id)
    start, end = r.date(raw, "start", ""), r.date(raw, "end", "")
    if end <= start:
        raise r.fail("end", "phải sau 'start'", str(end))

    geography = r.get(raw, "geography", "", dict)
    districts = r.get(geography, "districts", "geography", list, default=[])
    province_code = r.get(geography, "province_code", "geography", str)
    seat_code = r.get(geography, "seat", "geography", str, default=province_code)
    if seat_code != province_code and seat_code not in [str(d) for d in districts]:
        raise r.fail("geography.seat", "phải là mã tỉnh hoặc một mã trong 'geography.districts'", seat_code)

    indicators: list[Indicator] = []
    # a programme may count activities only, with no rate targets (pages then say so)
    for path, target in r.items(raw, "targets", "") if raw.get("targets") else []:
        code = r.get(target, "code", path, str)
        target_name = r.get(target, "name", path, str)
        cumulative = r.choice(target, "kind", path, TARGET_KINDS) == "cumulative"
        for ipath, item in r.items(target, "indicators", path):
            indicators.append(
                Indicator(
                    code=r.get(item, "code", ipath, str),
                    target_code=code,
                    target_name=target_name,
                    name=r.get(item, "name", ipath, str, default=target_name),
                    denominator=r.get(item, "denominator", ipath, str),
                    goal=r.share(item, "goal", ipath),
                    cumulative=cumulative,
                    coverage_of=r.choice(item, "coverage_of", ipath, COVERAGE_KINDS, default=None)
                    if "coverage_of" in item
                    else None,
                )
            )
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise r.fail("targets", "có mã chỉ tiêu bị trùng", sorted({c for c in codes if codes.count(c) > 1}))

    periods = []
    for path, item in r.items(raw, "periods", ""):
        period_id = r.get(item, "id", path, str)
        if not PERIOD_PATTERN.match(period_id):
            raise r.fail(f"{path}.id", "phải có dạng 2025, 2025-H1, 2025-Q3 hoặc 2023-M10", period_id)
        periods.append(Period(period_id, r.get(item, "label", path, str), r.date(item, "due", path)))
    if len({p.id for p in periods}) != len(periods):
        raise r.fail("periods", "có kỳ báo cáo bị trùng")

    reviews = tuple(
        Review(r.get(item, "name", path, str), r.date(item, "date", path), r.share(item, "required_share", path))
        for path, item in r.items(raw, "reviews", "")
    )
    if sorted(reviews, key=lambda v: v.date) != list(reviews) or reviews[-1].required_share != 1.0:
        raise r.fail("reviews", "phải theo thứ tự thời gian và kết thúc với required_share 1.0")

    structures = []
    for path, item in r.items(raw, "structures", ""):
        valid_from = r.date(item, "valid_from", path) if item.get("valid_from") else None
        valid_to = r.date(item, "valid_to", path) if item.get("valid_to") else None
        structures.append(Structure(r.choice(item, "id", path, STRUCTURES), valid_from, valid_to))
    for before, after in itertools.pairwise(structures):
        if before.valid_to is None or after.valid_from != before.valid_to + dt.timedelta(days=1):
            raise r.fail(
                "structures", "phải nối tiếp nhau: valid_from của cơ cấu sau là ngày sau valid_to của cơ cấu trước"
            )
    structures = tuple(structures)
    if structures[0].valid_from is not None or structures[-1].valid_to is not None:
        raise r.fail(
            "structures", "phải phủ toàn bộ thời gian (cơ cấu đầu không có valid_from, cơ cấu cuối không có valid_to)"
        )
    period_ids = [p.id for p in periods]
    reporting = []
    for path, item in r.items(raw, "reporting", ""):
        from_period = r.get(item, "from_period", path, str)
        if from_period not in period_ids:
            raise r.fail(f"{path}.from_period", "phải là một kỳ trong 'periods'", from_period)
        structure = r.choice(item, "structure", path, tuple(s.id for s in structures))
        reporting.append(Reporting(from_period, structure, r.levels(item, path, REPORTING_LEVELS[structure])))
    if reporting[0].from_period != period_ids[0] or [period_ids.index(x.from_period) for x in reporting] != sorted(
        period_ids.index(x.from_period) for x in reporting
    ):
        raise r.fail("reporting", f"phải bắt đầu từ kỳ đầu tiên '{period_ids[0]}' và theo thứ tự các kỳ")
    for (path, _), report in zip(r.items(raw, "reporting", ""), reporting, strict=True):
        due = next(p.due for p in periods if p.id == report.from_period)
        if report.structure != next(s for s in structures if s.covers(due)).id:
            raise r.fail(
                f"{path}.structure",
                f"không phải cơ cấu có hiệu lực vào hạn nộp kỳ {report.from_period}",
                report.structure,
            )
        if "agency" in report.levels and report.structure == "2025" and seat_code != province_code:
            raise r.fail(
                f"{path}.level",
                f"không có 'agency' từ 1/7/2025: cấp huyện (nơi đặt '{seat_code}') không còn, các cơ quan của huyện không báo cáo",
                list(report.levels),
            )
    reporting = tuple(reporting)

    rating = r.get(raw, "rating", "", dict)
    scale = tuple(
        (r.get(item, "name", path, str), r.get(item, "min_score", path, float))
        for path, item in r.items(rating, "scale", "rating")
    )
    weights = r.get(rating, "weights", "rating", dict, default={"attainment": 0.7, "compliance": 0.3})
    rating_weights = (
        r.get(weights, "attainment", "rating.weights", float),
        r.get(weights, "compliance", "rating.weights", float),
    )
    if abs(sum(rating_weights) - 1) > 1e-9 or min(rating_weights) < 0:
        raise r.fail("rating.weights", "phải là hai trọng số ≥ 0 có tổng bằng 1", weights)
    attention = tuple(
        r.get(item, "name", path, str)
        for path, item in r.items(rating, "scale", "rating")
        if r.get(item, "attention", path, bool, default=False)
    ) or (scale[-1][0],)
    late_credit = r.get(rating, "late_report_credit", "rating", float, default=0.5)
    if not 0 <= late_credit <= 1:
        raise r.fail("rating.late_report_credit", "phải trong khoảng [0, 1]", late_credit)
    if sorted(scale, key=lambda x: -x[1]) != list(scale) or scale[-1][1] != 0:
        raise r.fail("rating.scale", "phải xếp từ điểm cao xuống thấp và hạng cuối có min_score 0")
    budget = r.get(raw, "budget", "", dict, default={})  # a plan without a budget: pages say so
    if budget:
        total = r.get(budget, "total", "budget", int)
        level_sum = sum(r.get(item, "amount", path, int) for path, item in r.items(budget, "levels", "budget"))
        if level_sum != total:
            raise r.fail("budget.total", f"phải bằng tổng các cấp ({level_sum})", total)
    baseline = r.get(raw, "baseline", "", dict, default={})
    incidents = r.get(raw, "incidents", "", dict, default={})
    significance = r.get(incidents, "significance", "incidents", float, default=0.05)
    if not 0 < significance < 0.5:
        raise r.fail("incidents.significance", "phải là xác suất trong khoảng (0; 0,5)", significance)
    boundaries = r.get(geography, "boundaries", "geography", str, default=None)
    if boundaries is not None:
        boundaries = (source.parent / boundaries).resolve()
        if not boundaries.is_file():
            raise r.fail("geography.boundaries", "phải là đường dẫn tới tệp GeoJSON có thật", str(boundaries))
    activity_codes = [r.get(item, "code", path, str) for path, item in r.items(raw, "activities", "")]
    budget_lines = tuple(str(c) for c in r.get(budget, "lines", "budget", list, default=[]))
    if unknown := [c for c in budget_lines if c not in activity_codes]:
        raise r.fail("budget.lines", "phải là mã trong 'activities'", unknown)
    milestones = tuple(
        Milestone(str(r.get(item, "id", path, str)), r.get(item, "name", path, str), r.date(item, "due", path))
        for path, item in (r.items(raw, "milestones", "") if raw.get("milestones") else [])
    )
    if len({m.id for m in milestones}) != len(milestones):
        raise r.fail("milestones", "có mã bước bị trùng")
    contacts = None
    if "contacts" in raw:
        node = r.get(raw, "contacts", "", dict)
        every = r.get(node, "every_months", "contacts", int)
        if every not in (1, 3, 6, 12):
            raise r.fail("contacts.every_months", "phải là 1, 3, 6 hoặc 12", every)
        contacts = Contacts(r.get(node, "model_kind", "contacts", str), every, r.date(node, "from", "contacts"))
    tasks = []
    for path, item in r.items(raw, "tasks", ""):
        r.get(item, "name", path, str)
        r.get(item, "owner", path, str)
        tasks.append(item)

    return Programme(
        id=programme_id,
        name=r.get(raw, "name", "", str),
        short_name=r.get(raw, "short_name", "", str),
        document=r.get(raw, "document", "", str),
        secretariat=r.get(raw, "secretariat", "", str),
        start=start,
        end=end,
        province_code=province_code,
        seat_code=seat_code,
        structures=structures,
        reporting=reporting,
        districts=tuple(str(d) for d in districts),
        indicators=tuple(indicators),
        periods=tuple(periods),
        reviews=reviews,
        rating_scale=scale,
        budget=budget,
        tasks=tuple(tasks),
        activities=tuple(
            (r.get(item, "code", path, str), r.get(item, "name", path, str))
            for path, item in r.items(raw, "activities", "")
        ),
        source=source,
        demo=r.get(raw, "demo", "", dict, default={}),
        baseline_on=r.date(baseline, "date", "baseline") if baseline else None,
        baseline_label=r.get(baseline, "label", "baseline", str) if baseline else None,
        incident_significance=significance,
        boundaries=boundaries,
        rating_weights=rating_weights,
        rating_attention=attention,
        budget_lines=budget_lines,
        late_report_credit=late_credit,
        milestones=milestones,
        contacts=contacts,
    )


def load_programmes(programmes_dir: Path) -> dict[str, Programme]:
    """Every programme in a directory, by id."""
    files = sorted(programmes_dir.glob("*.yaml"))
    if not files:
        raise ConfigError(f"Không có tệp cấu hình chương trình nào trong {programmes_dir}")
    return {p.id: p for p in map(load_programme, files)}
