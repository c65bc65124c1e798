"""The sơ kết briefing: every figure the deck, the draft report and the presentation page show,
gathered once from the marts so the three always agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Briefing:
    """What the meeting is shown for one programme, period and structure view.

    DataFrame columns (all figures straight from the marts; rates are shares 0–1, None when
    there is no figure — never zero):
    - headline: indicator_code, indicator_name, target_code, rate, goal, expected, status,
      units_reported, units_expected — the province row of each indicator;
    - ranking: area_name, score (mean attainment 0–1 over the indicators with a figure),
      indicators_met, indicators — one row per area, best first;
    - area_progress: area_name, indicator_code, progress (0–1 or None) — the heatmap's cells;
    - late_units: unit_name, area_name, status ('trễ hạn' or 'chưa nộp'), days_late;
    - incidents: category_name, cases, previous_cases, flag, change (relative or None);
    - coverage: indicator_code, indicator_name, units, units_with_model, coverage, goal;
    - tasks: task_id, name, owner, deadline (date or None), done_on (date or None), status
      ('hoàn thành' / 'đúng tiến độ' / 'quá hạn');
    - budget: level_name, planned (đồng), spent (đồng, reported so far);
    - weak_units: unit_name, year, score (0–100), rating, reasons.
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
    review_name: str
    review_date: dt.date
    required_share: float
    headline: pd.DataFrame
    ranking: pd.DataFrame
    area_progress: pd.DataFrame
    compliance: dict[str, int | float | None]
    late_units: pd.DataFrame
    incidents_label: str
    incidents_previous_label: str
    incidents: pd.DataFrame
    coverage: pd.DataFrame
    tasks: pd.DataFrame
    budget: pd.DataFrame
    weak_units: pd.DataFrame
    directions: list[str] = field(default_factory=list)

    @property
    def on_track_share(self) -> float | None:
        """Share of indicators met or on their trajectory (the sơ kết rule compares it)."""
        known = self.headline[self.headline.status != "chưa có số liệu"]
        if known.empty:
            return None
        return float(known.status.isin(["đạt", "đúng lộ trình"]).mean())

    @property
    def meets_review_rule(self) -> bool | None:
        """Whether more than the review's required share of indicators is met or on track."""
        share = self.on_track_share
        return None if share is None else share > self.required_share
