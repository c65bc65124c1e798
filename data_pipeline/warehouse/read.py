"""Read side of the warehouse: the queries pages, briefings and benchmarks share.

One Warehouse opens parquet/ as it is at that moment (one build); every query runs on its own
cursor and is fetched whole, so one connection can serve many threads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from data_pipeline.warehouse.manifest import read_manifest, table_scans
from data_pipeline.warehouse.pivots import Pivot

INCIDENT_MEASURES = ("cases", "sanctioned", "fines", "warned", "taken_down", "prosecuted", "loss")
# Classifications of mart_models a breakdown can be made by → column.
MODEL_DIMENSIONS = {
    "participants": "participants",
    "leader": "leader",
    "content": "content",
    "platform": "platform",
    "theme": "theme",
    "stage": "stage",
}
# Groupings of mart_incidents a comparison can be made by: key, name and extra columns.
INCIDENT_GROUPS = {
    "category": ("category_code", "any_value(category_name)", ""),
    "area": ("area_code", "any_value(area_name)", ", any_value(lat) as lat, any_value(lon) as lon"),
    "total": ("'total'", "'Tổng số'", ""),
}


class Warehouse:
    """Read-only access to one build of the marts."""

    def __init__(self, warehouse: Path):
        self.root = warehouse.resolve()  # pin this build even if parquet/ is swapped later
        self.manifest = read_manifest(self.root)
        self.con = duckdb.connect()
        for name, scan in table_scans(self.root).items():
            self.con.execute(f"create view {name} as select * from {scan}")

    @property
    def build_id(self) -> str:
        return self.manifest["build_id"]

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.manifest["as_of"])

    @property
    def is_demo(self) -> bool:
        """Whether this build was made from the demo's generated data (every output says so)."""
        return bool(self.manifest.get("demo", False))

    def query(self, sql: str, params: list | dict | None = None) -> pd.DataFrame:
        """Run one parameterised query on its own cursor and fetch it whole."""
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, params or []).df()
        finally:
            cursor.close()

    def programmes(self) -> pd.DataFrame:
        """Programmes in this build: id, names, source document, province code."""
        return self.query("select * from core_programmes order by programme_id")

    def views(self) -> pd.DataFrame:
        """The administrative-structure views (new communes, former districts)."""
        return self.query("select view, view_label from core_views order by sort_order")

    def periods(self, programme: str) -> pd.DataFrame:
        """Periods that have opened (due, or reported on), oldest first, with who reported."""
        return self.query(
            "select period, period_label, due_on, reporting_structure, reporting_area_level, agencies_report "
            "from core_open_periods "
            "where programme_id = ? order by sort_order",
            [programme],
        )

    def latest_due_period(self, programme: str) -> str | None:
        """The latest period whose deadline has passed at the build's as-of date."""
        frame = self.query(
            "select period from core_periods where programme_id = ? and due_on <= ? order by due_on desc limit 1",
            [programme, self.as_of],
        )
        return None if frame.empty else frame.iloc[0, 0]

    def attainment(self, programme: str, view: str, period: str) -> pd.DataFrame:
        """mart_attainment for one period: every reporting unit and the province total."""
        return self.query(
            "select * from mart_attainment where programme_id = ? and view = ? and period = ? "
            "order by indicator_order, unit_level desc, unit_name",
            [programme, view, period],
        )

    def attainment_summary(self, programme: str, view: str, period: str) -> dict | None:
        """mart_attainment_summary's row: indicators per status, the share met or on track, and
        the verdict against the review the period prepares (None when the period has no targets)."""
        rows = self.query(
            "select * from mart_attainment_summary where programme_id = ? and view = ? and period = ?",
            [programme, view, period],
        )
        return None if rows.empty else {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].items()}

    def area_ranking(self, programme: str, view: str, period: str) -> pd.DataFrame:
        """Areas by mean attainment over the indicators they have a figure for, best first."""
        return self.query(
            "select * from mart_area_ranking where programme_id = ? and view = ? and period = ? "
            "order by position, area_name",
            [programme, view, period],
        )

    def attention(self, programme: str, view: str, period: str, limit: int = 8) -> pd.DataFrame:
        """District × indicator rows furthest behind their benchmark (goal or trajectory)."""
        return self.query(
            """
            select unit_name, indicator_code, indicator_name, rate, coalesce(expected, goal) as benchmark,
                   coalesce(expected, goal) - rate as gap, status, numerator, denominator
            from mart_attainment
            where programme_id = ? and view = ? and period = ? and unit_level <> 'province' and status = 'chậm'
            order by gap desc, unit_name, indicator_order
            limit ?
            """,
            [programme, view, period, limit],
        )

    def active_models(self, programme: str, view: str) -> dict[str, int]:
        """Active models and their members in the registry in force."""
        frame = self.query(
            "select coalesce(sum(models), 0) as models, coalesce(sum(members), 0) as members "
            "from mart_models where programme_id = ? and view = ? and is_active",
            [programme, view],
        )
        return {k: int(v) for k, v in frame.iloc[0].items()}

    def compliance_summary(self, programme: str) -> pd.DataFrame:
        """Expected, received and on-time reports with the two rates, per open period."""
        return self.query(
            "select * from mart_compliance_summary where programme_id = ? order by period_order", [programme]
        )

    def period_compliance(self, programme: str, period: str) -> dict | None:
        """mart_compliance_summary's row for one period (None before the period opens)."""
        rows = self.query(
            "select * from mart_compliance_summary where programme_id = ? and period = ?", [programme, period]
        )
        return None if rows.empty else {k: (None if pd.isna(v) else v) for k, v in rows.iloc[0].items()}

    def compliance(self, programme: str, view: str, period: str) -> pd.DataFrame:
        """mart_compliance rows of one view and period: each reporter's status and days late."""
        return self.query(
            "select * from mart_compliance where programme_id = ? and view = ? and period = ? "
            "order by area_name, unit_name",
            [programme, view, period],
        )

    def compliance_matrix(self, programme: str, view: str, structure: str) -> pd.DataFrame:
        """Reporter × period statuses for the periods reported in one structure."""
        return self.query(
            """
            select mart_compliance.*
            from mart_compliance
            inner join core_open_periods
                on core_open_periods.programme_id = mart_compliance.programme_id
                and core_open_periods.period = mart_compliance.period
            where mart_compliance.programme_id = ? and mart_compliance.view = ?
                and core_open_periods.reporting_structure = ?
            order by mart_compliance.period_order, mart_compliance.area_name, mart_compliance.unit_name
            """,
            [programme, view, structure],
        )

    def submission_history(self, programme: str, unit_code: str) -> pd.DataFrame:
        """Every report file a unit sent, newest first, with the version in force marked."""
        return self.query(
            """
            select versions.*
            from core_submission_versions as versions
            inner join core_periods
                on core_periods.programme_id = versions.programme_id and core_periods.period = versions.period
            where versions.programme_id = ? and versions.unit_code = ?
            order by core_periods.sort_order desc, versions.version desc
            """,
            [programme, unit_code],
        )

    def reporters(self, programme: str, period: str) -> pd.DataFrame:
        """The units expected to report for a period (open or not): internal and official codes, names."""
        return self.query(
            "select unit_code, official_code, unit_name from core_reporters "
            "where programme_id = ? and period = ? order by unit_kind desc, unit_name",
            [programme, period],
        )

    def all_periods(self, programme: str) -> pd.DataFrame:
        """Every configured period, open or not, oldest first."""
        return self.query(
            "select period, period_label, due_on from core_periods where programme_id = ? order by sort_order",
            [programme],
        )

    def incident_significance(self, programme: str) -> float:
        """The p-value below which a change in case counts is flagged (programme YAML)."""
        return float(
            self.query("select incident_significance from core_programmes where programme_id = ?", [programme]).iloc[
                0, 0
            ]
        )

    def incident_months(self, programme: str) -> tuple[dt.date, dt.date] | None:
        """The first and last month with a case, or None when there is no case."""
        row = self.query("select min(month), max(month) from mart_incidents where programme_id = ?", [programme])
        first, last = row.iloc[0]
        return None if pd.isna(first) else (pd.Timestamp(first).date(), pd.Timestamp(last).date())

    def incident_comparison(
        self,
        programme: str,
        view: str,
        first: dt.date,
        last: dt.date,
        by: str = "total",
        category: str | None = None,
    ) -> pd.DataFrame:
        """Per category, per area of a view or in total: cases and outcomes in the months first…last
        and (previous_*) in the same months a year earlier; areas also carry their commonest
        category. `category` keeps one category only."""
        key, name, extra = INCIDENT_GROUPS[by]
        before = (first.replace(year=first.year - 1), last.replace(year=last.year - 1))
        current = ", ".join(
            f"coalesce(sum({m}) filter (where month between ? and ?), 0)::bigint as {m}" for m in INCIDENT_MEASURES
        )
        previous = ", ".join(
            f"coalesce(sum({m}) filter (where month between ? and ?), 0)::bigint as previous_{m}"
            for m in INCIDENT_MEASURES
        )
        params = [first, last] * len(INCIDENT_MEASURES) + [*before] * len(INCIDENT_MEASURES)
        return self.query(
            f"""
            with rows as (
                select * from mart_incidents
                where programme_id = ? and view = ? and (? is null or category_code = ?)
                    and (month between ? and ? or month between ? and ?)
            ),
            commonest as (
                select area_code, arg_max(category_name, cases) as top_category
                from (
                    select area_code, category_name, sum(cases) as cases from rows
                    where month between ? and ? group by all
                )
                group by area_code
            )
            select {key} as key, {name} as name {extra}, {current}, {previous},
                   any_value(commonest.top_category) as top_category
            from rows left join commonest using (area_code)
            group by all
            order by cases desc, previous_cases desc, name
            """,
            [programme, view, category, category, first, last, *before, first, last, *params],
        )

    def incident_series(self, programme: str, view: str, category: str | None = None) -> pd.DataFrame:
        """Cases per month and category over the whole record (months with no case included)."""
        return self.query(
            """
            with months as (
                select unnest(generate_series(min(month), max(month), interval 1 month))::date as month
                from mart_incidents where programme_id = ?
            ),
            categories as (
                select distinct category_code, category_name from mart_incidents
                where programme_id = ? and (? is null or category_code = ?)
            )
            select months.month, categories.category_code, categories.category_name,
                   coalesce(sum(mart_incidents.cases), 0)::bigint as cases
            from months cross join categories
            left join mart_incidents
                on mart_incidents.programme_id = ? and mart_incidents.view = ?
                and mart_incidents.month = months.month
                and mart_incidents.category_code = categories.category_code
            group by all
            order by months.month, categories.category_name
            """,
            [programme, programme, category, category, programme, view],
        )

    def incident_categories(self, programme: str) -> pd.DataFrame:
        """The categories that occur in the programme's case lists, commonest first."""
        return self.query(
            "select category_code, any_value(category_name) as category_name from mart_incidents "
            "where programme_id = ? group by category_code order by sum(cases) desc, category_code",
            [programme],
        )

    def model_coverage(self, programme: str, view: str) -> pd.DataFrame:
        """Coverage of the target the model registry measures, per area of a view and the province."""
        return self.query(
            "select * from mart_model_coverage where programme_id = ? and view = ? order by indicator_code, unit_name",
            [programme, view],
        )

    def model_breakdown(self, programme: str, view: str, dimension: str) -> pd.DataFrame:
        """Models (active and all) and members of active models per value of one classification;
        a model with several themes counts under each."""
        column = MODEL_DIMENSIONS[dimension]
        value = f"unnest(string_split({column}, '; '))" if dimension == "theme" else f"coalesce({column}, 'Không ghi')"
        return self.query(
            f"""
            select value, sum(models) filter (where is_active)::bigint as active_models,
                   coalesce(sum(members) filter (where is_active), 0)::bigint as members,
                   sum(models)::bigint as models
            from (select {value} as value, * from mart_models where programme_id = ? and view = ?)
            group by value
            order by active_models desc nulls last, value
            """,
            [programme, view],
        )

    def model_growth(self, programme: str, view: str) -> pd.DataFrame:
        """Active models and their members at each month's end, per participants class (whole programme)."""
        return self.query(
            "select month_end, participants, sum(active_models)::bigint as active_models, "
            "sum(members)::bigint as members from mart_model_growth where programme_id = ? and view = ? "
            "group by all order by month_end, participants",
            [programme, view],
        )

    def model_gaps(self, programme: str, view: str) -> pd.DataFrame:
        """Units counted by the registry-measured target that have no active model, by area."""
        return self.query(
            "select * from mart_model_gaps where programme_id = ? and view = ? "
            "order by area_name, indicator_code, unit_name",
            [programme, view],
        )

    def coverage_reconciliation(self, programme: str, view: str, period: str) -> pd.DataFrame:
        """Target 2.9 per area (the province first) and sub-goal for a period: the official figure,
        what the units reported and what the model registry counts, with the gap."""
        return self.query(
            "select * from mart_coverage_reconciliation where programme_id = ? and view = ? and period = ? "
            "order by unit_level = 'province' desc, unit_name, indicator_order",
            [programme, view, period],
        )

    def model_breakdown_by_area(self, programme: str, view: str) -> pd.DataFrame:
        """Active models and their members per area of a view."""
        return self.query(
            "select area_code, sum(models)::bigint as active_models, sum(members)::bigint as active_members "
            "from mart_models where programme_id = ? and view = ? and is_active group by area_code",
            [programme, view],
        )

    def activities(self, programme: str, view: str) -> pd.DataFrame:
        """Activity counts (not spending) per period, area and the province, as reported."""
        return self.query(
            "select * from mart_activities where programme_id = ? and view = ? and not is_spending "
            "order by period_order, activity_order, area_level desc, area_name",
            [programme, view],
        )

    def milestones(self, programme: str) -> pd.DataFrame:
        """Every district × step of the programme's milestones, with its status at the as-of date."""
        return self.query(
            "select * from mart_milestones where programme_id = ? order by unit_name, step_order", [programme]
        )

    def contact_windows(self, programme: str) -> pd.DataFrame:
        """Per completed contact window, oldest first: groups due a contact, those that had one, the share."""
        return self.query(
            "select * from mart_contact_windows where programme_id = ? order by window_start", [programme]
        )

    def contact_groups(self, programme: str) -> pd.DataFrame:
        """Per registered group: windows due, windows with a contact, the share, the latest window's."""
        return self.query(
            "select * from mart_contact_groups where programme_id = ? "
            "order by latest_compliant, met_share, district_name, model_name",
            [programme],
        )

    def milestone_summary(self, programme: str) -> pd.DataFrame:
        """Per step, in order: districts done on time, late, overdue, not yet due."""
        return self.query(
            "select * from mart_milestone_summary where programme_id = ? order by step_order", [programme]
        )

    def ratings(self, programme: str) -> pd.DataFrame:
        """Every unit's yearly score and class, the latest year first."""
        return self.query(
            "select * from mart_rating where programme_id = ? order by year desc, score desc", [programme]
        )

    def tasks(self, programme: str) -> pd.DataFrame:
        """The plan's tasks with their status at the as-of date."""
        return self.query(
            "select * from mart_tasks where programme_id = ? order by coalesce(due_on, starts_on), task_id", [programme]
        )

    def budget(self, programme: str) -> pd.DataFrame:
        """Per budget level, then the total: planned (programme file), spent (reported, all years), share spent."""
        return self.query(
            "select * from mart_budget_summary where programme_id = ? order by is_total, planned desc", [programme]
        )

    def spending(self, programme: str) -> pd.DataFrame:
        """Reported spending per year, level and spending line."""
        return self.query(
            "select * from mart_budget where programme_id = ? order by year, level, line_order", [programme]
        )

    def proposals(self, programme: str, period: str, limit: int = 6) -> list[str]:
        """The units' proposals ("Đề xuất, kiến nghị") for a period, commonest first."""
        rows = self.query(
            "select text, count(*) as units from core_report_narratives "
            "where programme_id = ? and period = ? and section = 'Đề xuất, kiến nghị' "
            "group by text order by units desc, text limit ?",
            [programme, period, limit],
        )
        return rows.text.tolist()

    def area_map(self, programme: str) -> pd.DataFrame:
        """How every unit rolls up into each view's areas (for scoping an officer's view)."""
        return self.query("select view, source_code, area_code from core_area_map where programme_id = ?", [programme])

    def pivot(self, request: Pivot) -> pd.DataFrame:
        """The explorer's pivot of one mart (pivots.PIVOTS says what may be grouped)."""
        return self.query(*request.query())
