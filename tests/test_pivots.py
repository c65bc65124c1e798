"""The explorer's pivots: only the dimensions, measures and aggregations PIVOTS declares reach the
SQL text; anything else is refused before a query is built."""

import pytest
from fixture_data import PROGRAMME

from data_pipeline.errors import QueryRefused
from data_pipeline.warehouse.pivots import Pivot


@pytest.mark.parametrize(
    "request_",
    [
        Pivot("mart_attainment", PROGRAMME, "new", "unit_name from mart_attainment; --", None, "numerator", "sum"),
        Pivot("mart_attainment", PROGRAMME, "new", "unit_name", "1=1) or (1", "numerator", "sum"),
        Pivot(
            "mart_attainment", PROGRAMME, "new", "unit_name", None, "numerator", "sum", (("1 = 1 or unit_name", "x"),)
        ),
        Pivot("mart_attainment", PROGRAMME, "new", "unit_name", None, "numerator", "count(*)); --"),
        Pivot("mart_attainment", PROGRAMME, "new", "unit_name", None, "numerator + 1", "sum"),
    ],
)
def test_a_name_outside_the_declared_pivots_is_refused(request_):
    with pytest.raises(QueryRefused):
        request_.query()


def test_values_are_parameters_and_a_rate_is_recomputed_from_its_parts():
    sql, params = Pivot(
        "mart_compliance", PROGRAMME, "new", "area_name", None, "on_time_rate", "sum", (("period_label", "x' or '1"),)
    ).query()
    assert "x' or '1" not in sql and params == [PROGRAMME, "new", "x' or '1"]
    assert "sum(is_on_time) / nullif(sum(1), 0) as value" in sql
