"""The programme files and reference data as relational tables (raw_*), so the SQL models can
hold the business rules: what enters is the typed Programme objects, what leaves is one
DataFrame per configuration table."""

from __future__ import annotations

import pandas as pd

from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import crosswalk, reference_units
from data_pipeline.reference.vocabularies import incident_vocabulary

# Column types of the configuration tables a programme may leave empty (no rate targets, no
# budget, no tasks), so the SQL models still type-check when every programme leaves them empty.
EMPTY_TABLES = {
    "indicators": {
        "programme_id": "string",
        "indicator_code": "string",
        "indicator_name": "string",
        "target_code": "string",
        "target_name": "string",
        "denominator_label": "string",
        "goal": "float64",
        "is_cumulative": "bool",
        "coverage_of": "string",
        "official_source": "string",
        "sort_order": "int64",
    },
    "plan_milestones": {
        "programme_id": "string",
        "step_id": "string",
        "step_name": "string",
        "due_on": "datetime64[s]",
        "sort_order": "int64",
    },
    "budget_levels": {"programme_id": "string", "level": "string", "level_name": "string", "planned": "int64"},
    "budget_lines": {"programme_id": "string", "line_code": "string", "line_name": "string", "sort_order": "int64"},
    "plan_tasks": {
        "programme_id": "string",
        "task_id": "string",
        "task_name": "string",
        "owner": "string",
        "due_on": "datetime64[s]",
        "recurrence": "string",
    },
}


def programme_tables(programmes: dict[str, Programme]) -> dict[str, pd.DataFrame]:
    """Configuration as relational tables, so business rules can live in SQL."""
    rows: dict[str, list[dict]] = {
        "programmes": [],
        "indicators": [],
        "periods": [],
        "reviews": [],
        "rating_scale": [],
        "budget_levels": [],
        "budget_lines": [],
        "plan_tasks": [],
        "activities": [],
        "plan_milestones": [],
    }
    for p in programmes.values():
        rows["programmes"].append(
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
                # what the pages may show: rate targets at all, and which target the registry measures
                "indicator_count": len(p.indicators),
                "coverage_target": next((i.target_code for i in p.indicators if i.coverage_of), None),
                "contact_model_kind": p.contacts.model_kind if p.contacts else None,
                "contact_every_months": p.contacts.every_months if p.contacts else None,
                "contact_from": p.contacts.starts if p.contacts else None,
            }
        )
        rows["rating_scale"] += [
            {
                "programme_id": p.id,
                "rating": name,
                "min_score": score,
                "rank": n,
                "needs_attention": name in p.rating_attention,
            }
            for n, (name, score) in enumerate(p.rating_scale)
        ]
        rows["budget_levels"] += [
            {"programme_id": p.id, "level": item.level, "level_name": item.name, "planned": item.amount}
            for item in (p.budget.levels if p.budget else ())
        ]
        rows["plan_milestones"] += [
            {"programme_id": p.id, "step_id": m.id, "step_name": m.name, "due_on": m.due, "sort_order": n}
            for n, m in enumerate(p.milestones)
        ]
        rows["activities"] += [
            {
                "programme_id": p.id,
                "activity_code": code,
                "activity_name": name,
                "sort_order": n,
                "is_spending": code in p.budget_lines,
            }
            for n, (code, name) in enumerate(p.activities)
        ]
        activity_names = dict(p.activities)
        rows["budget_lines"] += [
            {"programme_id": p.id, "line_code": code, "line_name": activity_names[code], "sort_order": n}
            for n, code in enumerate(p.budget_lines)
        ]
        rows["plan_tasks"] += [
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
        for order, i in enumerate(p.indicators):
            rows["indicators"].append(
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
            )
        for order, period in enumerate(p.periods):
            reporters = p.reporters(period.id)
            rows["periods"].append(
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
        rows["reviews"].append(
            {"programme_id": p.id, "review_name": "Bắt đầu", "review_on": p.start, "required_share": 0.0}
        )
        for review in p.reviews:
            rows["reviews"].append(
                {
                    "programme_id": p.id,
                    "review_name": review.name,
                    "review_on": review.date,
                    "required_share": review.required_share,
                }
            )
    tables = {
        name: pd.DataFrame(values)
        if values
        else pd.DataFrame({c: pd.Series(dtype=t) for c, t in EMPTY_TABLES[name].items()})
        for name, values in rows.items()
    }
    tables["reference_units"] = pd.concat([reference_units(p) for p in programmes.values()], ignore_index=True)
    tables["crosswalk"] = pd.concat([crosswalk(p) for p in programmes.values()], ignore_index=True)
    for section, items in incident_vocabulary().items():
        tables[f"incident_{section}"] = pd.DataFrame(
            [{"code": item["code"], "name": item["name"], "sort_order": n} for n, item in enumerate(items)]
        )
    return tables
