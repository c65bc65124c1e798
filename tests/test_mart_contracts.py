"""dbt-style data tests on every mart: unique keys, accepted values, ranges, relationships."""

import pytest

from data_pipeline.warehouse import read_table

KEYS = {
    "mart_attainment": ["programme_id", "view", "period", "unit_code", "indicator_code"],
    "mart_compliance": ["programme_id", "view", "period", "unit_code"],
    "mart_incidents": ["programme_id", "view", "month", "commune_code", "category_code"],
    "mart_models": [
        "programme_id",
        "view",
        "area_code",
        "model_kind",
        "participants",
        "leader",
        "content",
        "platform",
        "theme",
        "stage",
    ],
    "mart_model_coverage": ["programme_id", "view", "unit_code", "indicator_code"],
    "mart_rating": ["programme_id", "year", "unit_code"],
    "mart_model_gaps": ["programme_id", "view", "unit_code", "indicator_code"],
    "mart_model_growth": ["programme_id", "view", "area_code", "month_end", "participants"],
}
ACCEPTED = {
    ("mart_attainment", "status"): {"đạt", "đúng lộ trình", "chậm", "chưa có số liệu", "không áp dụng"},
    ("mart_compliance", "status"): {"đúng hạn", "trễ hạn", "chưa nộp", "chưa đến hạn"},
}


@pytest.fixture(params=["fixture_home", "demo_home"])
def warehouse(request):
    home = request.getfixturevalue(request.param)
    return lambda name: read_table(home / "parquet", name)


@pytest.mark.parametrize(("mart_name", "key"), KEYS.items())
def test_mart_keys_are_unique_and_present(warehouse, mart_name, key):
    rows = warehouse(mart_name)
    assert not rows.empty
    assert not rows.duplicated(key).any()
    assert rows[["programme_id", key[-1]]].notna().all().all()


@pytest.mark.parametrize(("mart_and_column", "values"), ACCEPTED.items())
def test_status_values_are_accepted(warehouse, mart_and_column, values):
    mart_name, column = mart_and_column
    assert set(warehouse(mart_name)[column]) <= values


def test_rates_are_proportions_and_every_unit_exists(warehouse):
    units = set(warehouse("core_units").unit_code)
    attainment = warehouse("mart_attainment")
    assert attainment.rate.dropna().between(0, 1).all()
    assert (attainment.numerator.dropna() <= attainment.denominator.dropna()).all()
    assert set(attainment.unit_code) <= units
    assert set(warehouse("mart_compliance").unit_code) <= units
    assert set(warehouse("mart_incidents").commune_code) <= units
    assert set(warehouse("mart_incidents").area_code) <= units
    assert warehouse("mart_model_coverage").coverage.dropna().between(0, 1).all()
