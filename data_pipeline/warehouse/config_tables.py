"""The programme files and reference data as relational tables (raw_*), so the SQL models can
hold the business rules: what enters is the typed Programme objects, what leaves is one
DataFrame per configuration table.

Each table is declared once (ConfigTable: its columns with their types, and the rows one
programme gives); the rows of every programme and the empty frame of a table that no programme
fills both come from that declaration, so a column cannot exist in one and not the other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from data_pipeline.intake.layouts import NOT_COUNTED
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import crosswalk, reference_units
from data_pipeline.reference.vocabularies import incident_vocabulary

# Column types, as the pandas dtypes of an empty table (a filled one keeps the types pandas
# infers from the values, as the SQL models were written against).
TEXT, INT, FLOAT, BOOL, DATE = "string", "int64", "float64", "bool", "datetime64[s]"

Row = dict[str, object]


@dataclass(frozen=True)
class ConfigTable:
    """One configuration table: its columns and their types, and the rows of one programme."""

    name: str
    columns: dict[str, str]
    rows: Callable[[Programme], list[Row]]

    def empty(self) -> pd.DataFrame:
        """The table with no rows, typed, so the SQL models still type-check when every
        programme leaves it empty (no rate targets, no budget, no tasks)."""
        return pd.DataFrame({column: pd.Series(dtype=kind) for column, kind in self.columns.items()})

    def frame(self, programmes: dict[str, Programme]) -> pd.DataFrame:
        """Every programme's rows; a row whose columns are not the declared ones is a bug."""
        rows = [row for programme in programmes.values() for row in self.rows(programme)]
        for row in rows:
            if list(row) != list(self.columns):
                raise AssertionError(f"{self.name}: columns {list(row)} are not the declared {list(self.columns)}")
        return pd.DataFrame(rows) if rows else self.empty()


def _programme_rows(p: Programme) -> list[Row]:
    """The programme itself; what the pages may show: rate targets at all, and which target the
    registry measures."""
    contacts = p.contacts
    return [
        {
            "programme_id": p.id,
            "programme_name": p.name,
            "short_name": p.short_name,
            "document": p.document,
            "secretariat": p.secretariat,
            "start_on": p.start,
            "end_on": p.end,
            "province_code": p.province_code,
            "seat_code": p.seat_code,
            "baseline_on": p.baseline_on,
            "baseline_label": p.baseline_label,
            "boundaries": str(p.boundaries) if p.boundaries else None,
            "incident_significance": p.incident_significance,
            "rating_weight_attainment": p.rating_weights[0],
            "rating_weight_compliance": p.rating_weights[1],
            "late_report_credit": p.late_report_credit,
            "indicator_count": len(p.indicators),
            "coverage_target": next((i.target_code for i in p.indicators if i.coverage_of), None),
            "contact_model_kind": contacts.model_kind if contacts else None,
            "contact_every_months": contacts.every_months if contacts else None,
            "contact_from": contacts.starts if contacts else None,
        }
    ]


def _indicator_rows(p: Programme) -> list[Row]:
    return [
        {
            "programme_id": p.id,
            "indicator_code": i.code,
            "indicator_name": i.name,
            "target_code": i.target_code,
            "target_name": i.target_name,
            "denominator_label": i.denominator,
            "goal": i.goal,
            "is_cumulative": i.cumulative,
            "coverage_of": i.coverage_of,
            "official_source": i.official_source,
            "sort_order": order,
        }
        for order, i in enumerate(p.indicators)
    ]


def _period_rows(p: Programme) -> list[Row]:
    """Each period with who reports for it."""
    rows = []
    for order, period in enumerate(p.periods):
        reporters = p.reporters(period.id)
        rows.append(
            {
                "programme_id": p.id,
                "period": period.id,
                "period_label": period.label,
                "due_on": period.due,
                "sort_order": order,
                "reporting_structure": reporters.structure,
                "reporting_area_level": reporters.area_level,
                "agencies_report": "agency" in reporters.levels,
            }
        )
    return rows


def _review_rows(p: Programme) -> list[Row]:
    """The reviews, after a first one at the start where nothing is required yet."""
    reviews = [("Bắt đầu", p.start, 0.0), *((r.name, r.date, r.required_share) for r in p.reviews)]
    return [
        {"programme_id": p.id, "review_name": name, "review_on": on, "required_share": share}
        for name, on, share in reviews
    ]


def _rating_rows(p: Programme) -> list[Row]:
    return [
        {
            "programme_id": p.id,
            "rating": name,
            "min_score": score,
            "rank": n,
            "needs_attention": name in p.rating_attention,
        }
        for n, (name, score) in enumerate(p.rating_scale)
    ]


def _budget_level_rows(p: Programme) -> list[Row]:
    return [
        {"programme_id": p.id, "level": item.level, "level_name": item.name, "planned": item.amount}
        for item in (p.budget.levels if p.budget else ())
    ]


def _budget_line_rows(p: Programme) -> list[Row]:
    names = dict(p.activities)
    return [
        {"programme_id": p.id, "line_code": code, "line_name": names[code], "sort_order": n}
        for n, code in enumerate(p.budget_lines)
    ]


def _task_rows(p: Programme) -> list[Row]:
    return [
        {
            "programme_id": p.id,
            "task_id": task.id,
            "task_name": task.name,
            "owner": task.owner,
            "due_on": task.deadline,
            "recurrence": task.recurrence,
        }
        for task in p.tasks
    ]


def _activity_rows(p: Programme) -> list[Row]:
    return [
        {
            "programme_id": p.id,
            "activity_code": code,
            "activity_name": name,
            "sort_order": n,
            "is_spending": code in p.budget_lines,
        }
        for n, (code, name) in enumerate(p.activities)
    ]


def _milestone_rows(p: Programme) -> list[Row]:
    return [
        {"programme_id": p.id, "step_id": m.id, "step_name": m.name, "due_on": m.due, "sort_order": n}
        for n, m in enumerate(p.milestones)
    ]


TABLES = (
    ConfigTable(
        "programmes",
        dict(
            programme_id=TEXT,
            programme_name=TEXT,
            short_name=TEXT,
            document=TEXT,
            secretariat=TEXT,
            start_on=DATE,
            end_on=DATE,
            province_code=TEXT,
            seat_code=TEXT,
            baseline_on=DATE,
            baseline_label=TEXT,
            boundaries=TEXT,
            incident_significance=FLOAT,
            rating_weight_attainment=FLOAT,
            rating_weight_compliance=FLOAT,
            late_report_credit=FLOAT,
            indicator_count=INT,
            coverage_target=TEXT,
            contact_model_kind=TEXT,
            contact_every_months=INT,
            contact_from=DATE,
        ),
        _programme_rows,
    ),
    ConfigTable(
        "indicators",
        dict(
            programme_id=TEXT,
            indicator_code=TEXT,
            indicator_name=TEXT,
            target_code=TEXT,
            target_name=TEXT,
            denominator_label=TEXT,
            goal=FLOAT,
            is_cumulative=BOOL,
            coverage_of=TEXT,
            official_source=TEXT,
            sort_order=INT,
        ),
        _indicator_rows,
    ),
    ConfigTable(
        "periods",
        dict(
            programme_id=TEXT,
            period=TEXT,
            period_label=TEXT,
            due_on=DATE,
            sort_order=INT,
            reporting_structure=TEXT,
            reporting_area_level=TEXT,
            agencies_report=BOOL,
        ),
        _period_rows,
    ),
    ConfigTable(
        "reviews", dict(programme_id=TEXT, review_name=TEXT, review_on=DATE, required_share=FLOAT), _review_rows
    ),
    ConfigTable(
        "rating_scale",
        dict(programme_id=TEXT, rating=TEXT, min_score=FLOAT, rank=INT, needs_attention=BOOL),
        _rating_rows,
    ),
    ConfigTable("budget_levels", dict(programme_id=TEXT, level=TEXT, level_name=TEXT, planned=INT), _budget_level_rows),
    ConfigTable(
        "budget_lines", dict(programme_id=TEXT, line_code=TEXT, line_name=TEXT, sort_order=INT), _budget_line_rows
    ),
    ConfigTable(
        "plan_tasks",
        dict(programme_id=TEXT, task_id=TEXT, task_name=TEXT, owner=TEXT, due_on=DATE, recurrence=TEXT),
        _task_rows,
    ),
    ConfigTable(
        "activities",
        dict(programme_id=TEXT, activity_code=TEXT, activity_name=TEXT, sort_order=INT, is_spending=BOOL),
        _activity_rows,
    ),
    ConfigTable(
        "plan_milestones",
        dict(programme_id=TEXT, step_id=TEXT, step_name=TEXT, due_on=DATE, sort_order=INT),
        _milestone_rows,
    ),
)
# The incident vocabulary's sections (categories, outcomes), each a table incident_<section>.
VOCABULARY_COLUMNS = ("code", "name", "sort_order")


def _vocabulary_tables() -> dict[str, pd.DataFrame]:
    return {
        f"incident_{section}": pd.DataFrame(
            [(item["code"], item["name"], n) for n, item in enumerate(items)], columns=list(VOCABULARY_COLUMNS)
        )
        for section, items in incident_vocabulary().items()
    }


def programme_tables(programmes: dict[str, Programme]) -> dict[str, pd.DataFrame]:
    """Configuration as relational tables, so business rules can live in SQL."""
    tables = {table.name: table.frame(programmes) for table in TABLES}
    tables["reference_units"] = pd.concat([reference_units(p) for p in programmes.values()], ignore_index=True)
    tables["crosswalk"] = pd.concat([crosswalk(p) for p in programmes.values()], ignore_index=True)
    tables["uncounted_units"] = pd.DataFrame(
        [
            {"unit_kind": kind, "column_name": column, "value": value}
            for kind, (column, values) in NOT_COUNTED.items()
            for value in values
        ]
    )
    return tables | _vocabulary_tables()
