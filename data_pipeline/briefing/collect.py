"""The sơ kết briefing: every figure the deck, the draft report and the presentation page show,
gathered once from the marts so the three always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from data_pipeline.errors import BriefingError
from data_pipeline.warehouse import compstat, statuses
from data_pipeline.warehouse.read import Warehouse


@dataclass
class Briefing:
    """What the meeting is shown for one programme, period and structure view.

    DataFrame columns (all figures straight from the marts; rates are shares 0–1, None when
    there is no figure — never zero):
    - headline: indicator_code, indicator_name, target_code, rate, goal, expected, status,
      units_reported, units_expected — the province row of each indicator;
    - ranking: area_name, score (mean attainment 0–1 over the indicators with a figure),
      indicators_met, indicators — one row per area, best first (mart_area_ranking);
    - area_progress: area_name, indicator_code, progress (0–1 or None) — the heatmap's cells;
    - late_units: unit_name, area_name, status ('trễ hạn' or 'chưa nộp'), days_late;
    - incidents: category_name, cases, previous_cases, flag, change (relative or None; the last
      three empty when nothing is compared, see incidents_note);
    - coverage: indicator_code, indicator_name, official_source, numerator, denominator, rate,
      goal, status (the official figure of each sub-goal of target 2.9), registry_units,
      registry_units_with_model, registry_rate, gap (the model registry's count, for the
      reconciliation only) — the province rows of mart_coverage_reconciliation;
    - tasks: task_id, name, owner, deadline (date or None), done_on (date or None), status
      ('hoàn thành' / 'đúng tiến độ' / 'quá hạn');
    - budget: level_name, planned (đồng), spent (đồng, reported so far), spent_share, is_total —
      each level, then the total (mart_budget_summary);
    - weak_units: unit_name, year, score (0–100), rating, reasons;
    - activities: activity_name, value, units_reported — the period's counts for the whole
      area (what a programme without rate targets reports on);
    - milestones: step_id, step_name, due_on, units, done, done_late, overdue, not_due — how
      many districts stand where on each step of a model built in steps (mart_milestone_summary);
    - contacts: window_start, window_end, groups, compliant, compliant_share — per completed
      contact window, the groups due a contact with their admin and how many had one.
    """

    programme_id: str
    programme_name: str
    short_name: str
    document: str
    secretariat: str
    period: str
    period_label: str
    view_label: str
    area_label: str
    as_of: dt.date
    built_at: str
    build_id: str
    sources: list[str]
    # the sơ kết rule, from mart_attainment_summary (None for a programme without rate targets)
    review_name: str | None
    review_date: dt.date | None
    required_share: float | None
    status_counts: dict[str, int]
    judged: int
    met_or_on_track: int
    on_track_share: float | None
    meets_review_rule: bool | None
    headline: pd.DataFrame
    ranking: pd.DataFrame
    area_progress: pd.DataFrame
    compliance: dict[str, int | float | None]
    late_units: pd.DataFrame
    # the months shown, and the same months a year earlier or the sentence saying why nothing is
    # compared (compstat.comparison_window: the rule the incidents page applies too)
    incidents_window: compstat.Window
    incidents_baseline: compstat.Window | str
    incidents: pd.DataFrame
    coverage: pd.DataFrame
    tasks: pd.DataFrame
    budget: pd.DataFrame
    weak_units: pd.DataFrame
    activities: pd.DataFrame
    milestones: pd.DataFrame
    contacts: pd.DataFrame
    directions: list[str] = field(default_factory=list)
    # made from the demo's generated data: every slide and page says "Dữ liệu mô phỏng"
    is_demo: bool = False

    @property
    def reports_activities(self) -> bool:
        """A programme without rate targets whose units report counts: the writers show the counts
        in place of the indicators and rank no areas."""
        return self.headline.empty and not self.activities.empty

    @property
    def builds_in_steps(self) -> bool:
        """A model built in steps and kept up by contacts, shown in place of the coverage figures."""
        return self.coverage.empty and not (self.milestones.empty and self.contacts.empty)

    @property
    def incidents_label(self) -> str:
        """The months the incident figures cover."""
        return self.incidents_window.label

    @property
    def incidents_previous_label(self) -> str | None:
        """The comparison months' label; None when nothing is compared."""
        return self.incidents_baseline.label if isinstance(self.incidents_baseline, compstat.Window) else None

    @property
    def incidents_note(self) -> str | None:
        """Why nothing is compared, when nothing is."""
        return None if isinstance(self.incidents_baseline, compstat.Window) else self.incidents_baseline


SOURCE_KINDS = {
    "report_submissions": "tệp báo cáo của đơn vị",
    "incidents": "danh sách vụ việc của Công an",
    "models": "sổ theo dõi mô hình",
    "tasks": "bảng theo dõi nhiệm vụ",
    "units": "danh mục đơn vị",
}


def collect(warehouse: Warehouse, programme_id: str, period: str, view: str) -> Briefing:
    """Gather the briefing for one programme, period and view from the marts, once, so the deck,
    the report and the presentation page show the same figures."""
    programme = warehouse.programmes().set_index("programme_id").loc[programme_id]
    periods = warehouse.all_periods(programme_id).set_index("period")
    if period not in periods.index:
        raise BriefingError(f"Không có kỳ '{period}' trong chương trình {programme.short_name}")
    return Briefing(
        programme_id=programme_id,
        programme_name=programme.programme_name,
        short_name=programme.short_name,
        document=programme.document,
        secretariat=programme.secretariat,
        period=period,
        period_label=periods.loc[period].period_label,
        view_label=warehouse.views().set_index("view").view_label[view],
        area_label=AREA_LABELS[view],
        as_of=warehouse.as_of,
        built_at=warehouse.manifest["built_at"],
        build_id=warehouse.build_id,
        is_demo=warehouse.is_demo,
        sources=_sources(warehouse, programme_id, view, programme.document),
        **_review_rule(warehouse.attainment_summary(programme_id, view, period) or {}),
        **_attainment(warehouse.attainment(programme_id, view, period)),
        ranking=warehouse.area_ranking(programme_id, view, period)[
            ["area_name", "score", "indicators_met", "indicators"]
        ],
        compliance=_compliance(warehouse.period_compliance(programme_id, period) or {}),
        late_units=_late_units(warehouse.compliance(programme_id, view, period)),
        **_incidents(warehouse, programme_id, view),
        coverage=_coverage(warehouse.coverage_reconciliation(programme_id, view, period)),
        tasks=_tasks(warehouse.tasks(programme_id)),
        budget=warehouse.budget(programme_id)[["level_name", "planned", "spent", "spent_share", "is_total"]],
        weak_units=_weak_units(warehouse.ratings(programme_id), period),
        activities=_activities(warehouse.activities(programme_id, view), period),
        milestones=warehouse.milestone_summary(programme_id)[
            ["step_id", "step_name", "due_on", "units", "done", "done_late", "overdue", "not_due"]
        ],
        contacts=warehouse.contact_windows(programme_id),
        directions=warehouse.proposals(programme_id, period),
    )


def _sources(warehouse: Warehouse, programme_id: str, view: str, document: str) -> list[str]:
    """The inputs the figures come from, for the notes and the report's opening."""
    # only report files name their programme; the other kinds are named when the programme has rows
    reports = len(warehouse.query("select 1 from core_submission_versions where programme_id = ?", [programme_id]))
    present = {
        "incidents": warehouse.incident_months(programme_id) is not None,
        "models": not warehouse.model_growth(programme_id, view).empty,
        "tasks": not warehouse.tasks(programme_id).empty,
        "units": True,
    }
    return (
        [f"{reports} {SOURCE_KINDS['report_submissions']}"]
        + [SOURCE_KINDS[kind] for kind, there in present.items() if there]
        + [f"chỉ tiêu và kỳ báo cáo: {document}"]
    )


def _review_rule(rule: dict) -> dict[str, object]:
    """The Briefing's sơ kết rule fields from mart_attainment_summary's row (empty without rate targets)."""
    return {
        "review_name": rule.get("review_name"),
        "review_date": pd.Timestamp(rule["review_on"]).date() if rule else None,
        "required_share": rule.get("required_share"),
        "status_counts": {status: int(rule.get(column, 0)) for status, column in RULE_COUNTS.items()},
        "judged": int(rule.get("judged", 0)),
        "met_or_on_track": int(rule.get("met_or_on_track", 0)),
        "on_track_share": rule.get("on_track_share"),
        "meets_review_rule": None if rule.get("meets_review_rule") is None else bool(rule["meets_review_rule"]),
    }


def _attainment(attainment: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The province's row of each indicator (headline) and the areas' cells (area_progress)."""
    province = attainment[attainment.unit_level == "province"]
    areas = attainment[attainment.unit_level != "province"]
    return {
        "headline": province[HEADLINE_COLUMNS].reset_index(drop=True),
        "area_progress": areas[["unit_name", "indicator_code", "progress"]].rename(columns={"unit_name": "area_name"}),
    }


def _compliance(summary: dict) -> dict[str, int | float | None]:
    """The period's reporting counts and rates; None for any the mart has not."""
    keys = ("expected", "received", "on_time", "late", "missing", "reporting_rate", "on_time_rate")
    return {key: summary.get(key) for key in keys}


def _late_units(reporters: pd.DataFrame) -> pd.DataFrame:
    """The units whose report came late or not at all: the ones the meeting names."""
    late = reporters[reporters.status.isin([statuses.LATE, statuses.MISSING])]
    return late[["unit_name", "area_name", "status", "days_late"]].reset_index(drop=True)


def _incidents(warehouse: Warehouse, programme_id: str, view: str) -> dict[str, object]:
    """This year's complete months by category, against the same months a year earlier when the
    case list reaches back that far (the rule the incidents page applies too)."""
    window = compstat.year_to_date_window(compstat.last_complete_month(warehouse.as_of))
    span = warehouse.incident_months(programme_id)
    before = compstat.comparison_window(window, span[0] if span else None)
    incidents = compstat.compared(
        warehouse.incident_comparison(programme_id, view, window.first, window.last, "category"),
        before,
        warehouse.incident_significance(programme_id),
    )
    return {
        "incidents_window": window,
        "incidents_baseline": before,
        "incidents": incidents.rename(columns={"name": "category_name"})[
            ["category_name", "cases", "previous_cases", "flag", "change"]
        ],
    }


def _coverage(reconciliation: pd.DataFrame) -> pd.DataFrame:
    """The province rows: the meeting sees the official figure beside the registry's."""
    return reconciliation[reconciliation.unit_level == "province"][COVERAGE_COLUMNS].reset_index(drop=True)


def _tasks(tasks: pd.DataFrame) -> pd.DataFrame:
    """The plan's tasks under the names the writers use."""
    return tasks.rename(columns={"task_name": "name", "due_on": "deadline"})[
        ["task_id", "name", "owner", "deadline", "done_on", "status"]
    ]


def _weak_units(ratings: pd.DataFrame, period: str) -> pd.DataFrame:
    """The units rated Trung bình or Yếu in the period's year."""
    weak = ratings[(ratings.year == int(period[:4])) & ratings.needs_attention]
    return weak[["unit_name", "year", "score", "rating", "reasons"]].reset_index(drop=True)


def _activities(activities: pd.DataFrame, period: str) -> pd.DataFrame:
    """The period's activity counts for the whole province."""
    rows = activities[(activities.period == period) & (activities.area_level == "province")]
    return rows[["activity_name", "value", "units_reported"]].reset_index(drop=True)


COVERAGE_COLUMNS = [
    "indicator_code",
    "indicator_name",
    "official_source",
    "numerator",
    "denominator",
    "rate",
    "goal",
    "status",
    "registry_units",
    "registry_units_with_model",
    "registry_rate",
    "gap",
]
HEADLINE_COLUMNS = [
    "indicator_code",
    "indicator_name",
    "target_code",
    "rate",
    "goal",
    "expected",
    "status",
    "units_reported",
    "units_expected",
]
# Briefing.status_counts: status word → mart_attainment_summary's column.
RULE_COUNTS = {
    statuses.MET: "met",
    statuses.ON_TRACK: "on_track",
    statuses.BEHIND: "behind",
    statuses.NO_DATA: "no_data",
    statuses.NOT_APPLICABLE: "not_applicable",
}
AREA_LABELS = {"new": "Xã, phường (từ 1/7/2025)", "legacy": "Huyện, thị xã, thành phố (trước 1/7/2025)"}
