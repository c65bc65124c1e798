"""Read side of the warehouse: the queries pages, briefings and benchmarks share.

One Warehouse opens parquet/ as it is at that moment (one build); every query runs on its own
cursor and is fetched whole, so one connection can serve many threads.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd

STATUS_ORDER = ("đạt", "đúng lộ trình", "chậm", "chưa có số liệu", "không áp dụng")


class WarehouseMissing(FileNotFoundError):
    """parquet/ has not been built yet."""


def read_manifest(warehouse: Path) -> dict:
    """The manifest of the build parquet/ points at now."""
    path = warehouse / "manifest.json"
    if not path.exists():
        raise WarehouseMissing(f"Chưa có kho dữ liệu tại {warehouse} (chạy: python -m data_pipeline demo hoặc build)")
    return json.loads(path.read_text(encoding="utf-8"))


class Warehouse:
    """Read-only access to one build of the marts."""

    def __init__(self, warehouse: Path):
        self.root = warehouse.resolve()  # pin this build even if parquet/ is swapped later
        self.manifest = read_manifest(self.root)
        self.con = duckdb.connect()
        for path in sorted(self.root.glob("*.parquet")):
            self.con.read_parquet(str(path)).create_view(path.stem)

    @property
    def build_id(self) -> str:
        return self.manifest["build_id"]

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.manifest["as_of"])

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
            "select period, period_label, due_on, reporting_structure, reporting_level from core_open_periods "
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

    def status_counts(self, programme: str, view: str, period: str) -> dict[str, int]:
        """Province-level indicators per status for a period."""
        frame = self.query(
            "select status, count(*) as n from mart_attainment where programme_id = ? and view = ? and period = ? "
            "and unit_level = 'province' group by status",
            [programme, view, period],
        )
        return {status: int(frame.loc[frame.status == status, "n"].sum()) for status in STATUS_ORDER}

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

    def reporting_rate(self, programme: str, view: str, period: str) -> dict[str, int]:
        """Expected, submitted and on-time reports for one period."""
        frame = self.query(
            """
            select count(*) as expected,
                   count(*) filter (where status in ('đúng hạn', 'trễ hạn')) as submitted,
                   count(*) filter (where status = 'đúng hạn') as on_time
            from mart_compliance where programme_id = ? and view = ? and period = ?
            """,
            [programme, view, period],
        )
        return {k: int(v) for k, v in frame.iloc[0].items()}

    def incidents_year_to_date(self, programme: str, view: str) -> dict[str, int]:
        """Cases in the complete months of this year up to the as-of date, and in the same
        months of last year (a partial month would compare unlike with like)."""
        last_month = self.as_of.replace(day=1) - dt.timedelta(days=1)
        frame = self.query(
            """
            select
                coalesce(sum(cases) filter (where month between make_date(?, 1, 1) and ?), 0) as this_year,
                coalesce(sum(cases) filter (where month between make_date(?, 1, 1) and ?), 0) as last_year
            from mart_incidents where programme_id = ? and view = ?
            """,
            [
                last_month.year,
                last_month,
                last_month.year - 1,
                last_month.replace(year=last_month.year - 1, day=1),
                programme,
                view,
            ],
        )
        return {"year": last_month.year, "months": last_month.month, **{k: int(v) for k, v in frame.iloc[0].items()}}

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
            """
            select core_units.unit_code, core_units.official_code, core_units.unit_name
            from core_periods
            inner join core_units
                on core_units.programme_id = core_periods.programme_id
                and core_units.structure = core_periods.reporting_structure
                and core_units.unit_kind = core_periods.reporting_level
            where core_periods.programme_id = ? and core_periods.period = ?
            order by core_units.unit_name
            """,
            [programme, period],
        )

    def all_periods(self, programme: str) -> pd.DataFrame:
        """Every configured period, open or not, oldest first."""
        return self.query(
            "select period, period_label, due_on from core_periods where programme_id = ? order by sort_order",
            [programme],
        )

    def incidents_by_area(self, programme: str, view: str, first_month: dt.date, last_month: dt.date) -> pd.DataFrame:
        """Cases and outcomes per area of a view between two months (inclusive), with coordinates."""
        return self.query(
            """
            select area_code, area_name, any_value(lat) as lat, any_value(lon) as lon,
                   sum(cases) as cases, sum(sanctioned) as sanctioned, sum(prosecuted) as prosecuted,
                   sum(fines) as fines, sum(loss) as loss
            from mart_incidents
            where programme_id = ? and view = ? and month between ? and ?
            group by area_code, area_name
            order by cases desc
            """,
            [programme, view, first_month, last_month],
        )

    def model_coverage(self, programme: str, view: str) -> pd.DataFrame:
        """Coverage of target 2.9 per area of a view and the province, from the model registry."""
        return self.query(
            "select * from mart_model_coverage where programme_id = ? and view = ? order by indicator_code, unit_name",
            [programme, view],
        )
