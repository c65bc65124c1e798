"""The explorer's pivots: which dimensions, measures and rates of each mart may be grouped, and
the one query that groups them (rates recomputed from summed parts, never averaged)."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Pivot:
    """One grouping of a mart the explorer asks for: rows (and columns) by dimensions, one
    measure aggregated or one rate, optionally filtered (dimension, value) pairs."""

    mart: str
    programme: str
    view: str
    rows: str
    columns: str | None
    measure: str
    aggregation: str
    filters: tuple[tuple[str, str], ...] = ()

    def query(self) -> tuple[str, list]:
        """The SQL and parameters of the long table (row value, column value, value), every
        name checked against PIVOTS; a rate is recomputed from summed parts, never averaged."""
        spec = PIVOTS[self.mart]
        groups = [self.rows, *([self.columns] if self.columns else [])]
        filtered = dict(self.filters)
        if any(g not in spec["dimensions"] for g in groups) or set(filtered) - set(spec["dimensions"]):
            raise QueryRefused("Chiều phân tích không có trong bảng")
        if self.measure in spec["rates"]:
            numerator, denominator = spec["rates"][self.measure]
            value = f"sum({numerator}) / nullif(sum({denominator}), 0)"
        elif self.measure in spec["measures"] and self.aggregation in AGGREGATIONS:
            value = f"{AGGREGATIONS[self.aggregation]}({spec['measures'][self.measure]})"
        else:
            raise QueryRefused("Số đo hoặc cách tổng hợp không có")
        where = "".join(f" and {spec['dimensions'][d]} = ?" for d in filtered)
        select = ", ".join(f"{spec['dimensions'][g]} as {g}" for g in groups)
        sql = (
            f"select {select}, {value} as value from {self.mart} where programme_id = ? and view = ?"
            f"{where} {spec.get('where', '')} group by all order by all"
        )
        return sql, [self.programme, self.view, *filtered.values()]
