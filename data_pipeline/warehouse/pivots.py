"""The explorer's pivots: which dimensions, measures and rates of each mart may be grouped, and
the one query that groups them (rates recomputed from summed parts, never averaged)."""

from __future__ import annotations

from data_pipeline.errors import QueryRefused

# What the explorer may pivot: each mart's dimensions (name → SQL expression), additive
# measures, and rates given as (numerator, denominator) so they are recomputed, never averaged.
PIVOTS = {
    "mart_attainment": {
        "dimensions": {
            "period_label": "period_label",
            "unit_name": "unit_name",
            "indicator_code": "indicator_code",
            "target_code": "target_code",
            "status": "status",
        },
        "measures": {"numerator": "numerator", "denominator": "denominator"},
        "rates": {"rate": ("numerator", "denominator")},
        "where": "and unit_level <> 'province'",
    },
    "mart_compliance": {
        "dimensions": {
            "period_label": "period_label",
            "area_name": "area_name",
            "status": "status",
            "unit_name": "unit_name",
        },
        "measures": {"reporters": "1", "days_late": "days_late"},
        # the numerators of mart_compliance_summary's two rates; every row is one expected report
        "rates": {"reporting_rate": ("is_received", "1"), "on_time_rate": ("is_on_time", "1")},
    },
    "mart_incidents": {
        "dimensions": {
            "year": "year(month)",
            "month": "strftime(month, '%Y-%m')",
            "area_name": "area_name",
            "category_name": "category_name",
        },
        "measures": {m: m for m in ("cases", "sanctioned", "fines", "warned", "taken_down", "prosecuted", "loss")},
        "rates": {},
    },
    "mart_models": {
        "dimensions": {
            "area_name": "area_name",
            "participants": "participants",
            "platform": "platform",
            "theme": "theme",
            "stage": "stage",
        },
        "measures": {"models": "models", "members": "members"},
        "rates": {},
    },
}
AGGREGATIONS = {"sum": "sum", "mean": "avg", "max": "max", "min": "min"}


def pivot_query(
    mart: str,
    programme: str,
    view: str,
    rows: str,
    columns: str | None,
    measure: str,
    aggregation: str,
    filters: dict[str, str] | None = None,
) -> tuple[str, list]:
    """The SQL and parameters of a long table (row value, column value, measure) from one mart,
    every name checked against PIVOTS; rates are recomputed from summed numerators and
    denominators."""
    spec = PIVOTS[mart]
    groups = [rows, *([columns] if columns else [])]
    if any(g not in spec["dimensions"] for g in groups) or (filters and set(filters) - set(spec["dimensions"])):
        raise QueryRefused("Chiều phân tích không có trong bảng")
    if measure in spec["rates"]:
        numerator, denominator = spec["rates"][measure]
        value = f"sum({numerator}) / nullif(sum({denominator}), 0)"
    elif measure in spec["measures"] and aggregation in AGGREGATIONS:
        value = f"{AGGREGATIONS[aggregation]}({spec['measures'][measure]})"
    else:
        raise QueryRefused("Số đo hoặc cách tổng hợp không có")
    where = " and ".join(f"{spec['dimensions'][d]} = ?" for d in filters or {})
    select = ", ".join(f"{spec['dimensions'][g]} as {g}" for g in groups)
    sql = (
        f"select {select}, {value} as value from {mart} where programme_id = ? and view = ? "
        f"{'and ' + where if where else ''} {spec.get('where', '')} group by all order by all"
    )
    return sql, [programme, view, *(filters or {}).values()]
