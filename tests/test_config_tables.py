"""The configuration tables come from one declaration per table, filled or empty alike; the report
template's sheets each carry their own validations."""

from __future__ import annotations

import dataclasses

import duckdb
import openpyxl
import pandas as pd
import pytest
from fixture_data import PROGRAMME, PROGRAMMES

from data_pipeline.intake.denominators import is_counted
from data_pipeline.intake.staged import STAGED_SCHEMAS
from data_pipeline.intake.template import write_template
from data_pipeline.reference.programme import load_programme, load_programmes
from data_pipeline.settings import REPO_ROOT
from data_pipeline.warehouse.config_tables import TABLES, ConfigTable, programme_tables
from data_pipeline.warehouse.models import sql_models

SHIPPED = REPO_ROOT / "config" / "programmes"


@pytest.fixture(scope="module")
def shipped_tables() -> dict[str, pd.DataFrame]:
    return programme_tables(load_programmes(SHIPPED))


def test_every_declared_table_has_its_declared_columns(shipped_tables):
    assert list(shipped_tables)[: len(TABLES)] == [table.name for table in TABLES]
    for table in TABLES:
        assert list(shipped_tables[table.name].columns) == list(table.columns), table.name
        assert list(table.empty().columns) == list(table.columns), table.name
    assert {"reference_units", "crosswalk", "incident_categories"} <= set(shipped_tables)


def test_a_table_no_programme_fills_is_empty_and_typed():
    # lao_cai_1013 has no rate targets and no budget
    tables = programme_tables({"lao_cai_1013": load_programme(SHIPPED / "lao_cai_1013.yaml")})
    declared = {table.name: table.columns for table in TABLES}
    for name in ("indicators", "budget_levels", "budget_lines", "plan_milestones"):
        assert tables[name].empty
        assert tables[name].dtypes.astype(str).to_dict() == declared[name], name
    assert tables["indicators"].is_cumulative.dtype == bool and tables["plan_milestones"].due_on.dtype.kind == "M"


def test_a_row_with_an_undeclared_column_is_a_bug():
    programmes = load_programmes(PROGRAMMES)
    table = next(t for t in TABLES if t.name == "budget_levels")
    extra = ConfigTable(table.name, table.columns, lambda p: [{**row, "extra": 1} for row in table.rows(p)])
    with pytest.raises(AssertionError, match="budget_levels"):
        extra.frame(programmes)
    missing = dataclasses.replace(table, columns={**table.columns, "more": "string"})
    with pytest.raises(AssertionError, match="budget_levels"):
        missing.frame(programmes)


def test_template_has_no_models_sheet_and_each_sheet_validates_its_own_cells(tmp_path):
    programme = load_programme(PROGRAMMES / f"{PROGRAMME}.yaml")
    workbook = openpyxl.load_workbook(write_template(programme, "215", "2025", tmp_path / "t.xlsx"))
    assert "Mô hình" not in workbook.sheetnames
    guide = [c.value for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value]
    assert not any("Mô hình" in str(value) for value in guide)
    rules = {
        name: [str(v.sqref) for v in workbook[name].data_validations.dataValidation]
        for name in ("Chỉ tiêu", "Hoạt động")
    }
    # numerators and denominators of the four indicators; the two activities' counts
    assert rules == {"Chỉ tiêu": ["C2 C3 C4 C5 D2 D3 D4 D5"], "Hoạt động": ["C2 C3"]}


def test_the_units_the_targets_leave_out_are_the_same_at_intake_and_in_the_build():
    # one declaration (layouts.NOT_COUNTED) drives both: the staging of the units file in SQL and
    # intake's denominator check in Python; small and micro enterprises, kindergartens and
    # primary schools are left out, whatever the case of the cell; a blank class counts
    units = [
        ("E1", "enterprise", "Nhỏ", None),
        ("E2", "enterprise", "SIÊU NHỎ", None),
        ("E3", "enterprise", "Vừa", None),
        ("E4", "enterprise", None, None),
        ("S1", "school", None, "Mầm non"),
        ("S2", "school", None, "Tiểu học"),
        ("S3", "school", None, "THCS"),
        ("V1", "village", "Nhỏ", None),
    ]
    expected = {"E1": False, "E2": False, "E3": True, "E4": True, "S1": False, "S2": False, "S3": True, "V1": True}
    con = duckdb.connect()
    con.register("units_frame", STAGED_SCHEMAS["units"].empty_table())
    con.execute("create table raw_units as select * from units_frame")
    con.executemany("insert into raw_units (unit_code, unit_kind, size_class, school_level) values (?, ?, ?, ?)", units)
    con.register("raw_uncounted_units", programme_tables(load_programmes(PROGRAMMES))["uncounted_units"])
    staged = con.sql(f"select unit_code, is_counted from ({sql_models()['staging_units_file']})").fetchall()
    in_build = dict(staged)
    keys = ("unit_code", "unit_kind", "size_class", "school_level")
    at_intake = {u[0]: is_counted(dict(zip(keys, u, strict=True))) for u in units}
    assert in_build == expected and at_intake == expected
