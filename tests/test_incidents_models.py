"""mart_incidents, mart_models and mart_model_coverage from the fixture's case list and registry."""

import shutil

import pyarrow as pa
import pyarrow.parquet as pq
from fixture_data import AS_OF
from helpers import run_cli

from data_pipeline.warehouse.manifest import read_table


def _legacy(mart, name):
    rows = mart(name)
    return rows[rows.view == "legacy"]


def test_incident_categories_are_matched_whatever_the_spelling(mart):
    rows = _legacy(mart, "mart_incidents")
    by_category = rows.groupby("category_code").cases.sum().to_dict()
    # "Lừa đảo trực tuyến", "lua dao", "Lừa đảo chiếm đoạt tài sản" are all fraud: 3 coded
    # cases in Thọ Xương and 10 named ones in Yên Thế
    assert by_category == {"lua_dao": 13, "tin_gia": 4}


def test_incident_outcomes_per_month(mart):
    rows = _legacy(mart, "mart_incidents")
    rows = rows.assign(month=rows.month.astype(str).str[:10]).set_index(["month", "category_code"])
    october = rows.loc[("2025-10-01", "tin_gia")]
    assert (october.cases, october.sanctioned, october.fines, october.taken_down) == (1, 1, 7_500_000, 4)
    january = rows.loc[("2025-01-01", "lua_dao")]
    assert (january.cases, january.prosecuted, january.loss) == (1, 1, 20_000_000)
    assert rows.warned.sum() == 3
    assert set(rows.area_code) == {"213", "215"}


def test_models_mart_counts_active_models_and_members(mart):
    rows = _legacy(mart, "mart_models")
    active = rows[rows.is_active]
    assert (active.models.sum(), active.members.sum()) == (1, 120)
    assert rows.models.sum() == 2
    assert set(rows.area_code) == {"213"}


def test_coverage_counts_units_with_an_active_model(mart):
    rows = _legacy(mart, "mart_model_coverage").set_index("unit_code")
    # two villages in district 213, one with an active model
    assert (rows.loc["213"].units, rows.loc["213"].units_with_model, rows.loc["213"].coverage) == (2, 1, 0.5)
    assert rows.loc["24"].coverage == 0.5


def test_files_staged_before_columns_were_added_still_build(fixture_home, tmp_path):
    # a registry staged by an older version has no leader/content/head columns: they read as null;
    # and a column a later version no longer stages is ignored
    home = tmp_path / "home"
    shutil.copytree(fixture_home, home, symlinks=True)
    (staged,) = (home / "submissions" / "staged" / "models").glob("*.parquet")
    old = pq.read_table(staged).drop_columns(["leader", "content", "head"])
    old = old.append_column("retired", pa.array(["x"] * old.num_rows))
    pq.write_table(old, staged)
    assert run_cli(home, "build", "--as-of", AS_OF) == 0
    models = read_table(home / "parquet", "mart_models")
    legacy = models[models.view == "legacy"]
    assert legacy.models.sum() == 2 and legacy.leader.isna().all()
