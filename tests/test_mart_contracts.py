"""The data contracts of data_pipeline/warehouse/sql/schema.yml: every core and mart model has one, the
fixture and the demo builds pass them all, a model that breaks one fails `build` with a message
naming the model, the column and the offending row while the published warehouse stays as it was,
and `check` finds a published table that breaks one."""

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from fixture_data import AS_OF
from helpers import run_cli

from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse import build as build_module
from data_pipeline.warehouse.build import check
from data_pipeline.warehouse.contracts import ContractError, load_schema
from data_pipeline.warehouse.models import sql_models

PREFIX = "Hợp đồng dữ liệu bị vi phạm: "
UNPUBLISHED = "Bản dựng này không được công bố (parquet/ giữ nguyên)."


def _rule_count(schema) -> int:
    """One rule per key, not-null column, accepted list, relationship target and range."""
    return sum(
        1
        + len(c.not_null)
        + len(c.accepted_values)
        + sum(len(targets) for targets in c.relationships.values())
        + len(c.ranges)
        for c in schema.values()
    )


def test_every_core_and_mart_model_has_a_contract():
    published = {name for name in sql_models() if name.startswith(("core_", "mart_"))}
    schema = load_schema()
    assert set(schema) == published
    assert all(contract.unique_key for contract in schema.values())


@pytest.mark.parametrize("home_fixture", ["fixture_home", "demo_home"])
def test_the_build_passes_every_contract(request, home_fixture):
    home = request.getfixturevalue(home_fixture)
    manifest = json.loads((home / "parquet" / "manifest.json").read_text(encoding="utf-8"))
    rules = _rule_count(load_schema())
    assert rules > 500
    assert manifest["contracts"] == {"rules": rules, "passed": rules}
    assert set(manifest["seconds"]["contracts"]) == set(load_schema())
    # check reads the published Parquet and finds every contract kept there too
    assert check(resolve_paths(home)) == []


@pytest.fixture
def home(fixture_home, tmp_path) -> Path:
    """A copy of the fixture home, to break."""
    copy = tmp_path / "home"
    shutil.copytree(fixture_home, copy, symlinks=True)
    return copy


def _published(home: Path) -> tuple:
    """What a failed build must leave as it was: where parquet/ points, its manifest, the builds."""
    return (
        os.readlink(home / "parquet"),
        (home / "parquet" / "manifest.json").read_text(encoding="utf-8"),
        sorted(str(p.relative_to(home)) for p in (home / ".builds").rglob("*")),
    )


def _broken(monkeypatch, changes: dict[str, str]) -> None:
    """Make `build` run each named model as `select … from original` over its real SQL."""
    models = sql_models()
    for name, select in changes.items():
        models[name] = f"with original as (\n{models[name]}\n) {select}"
    monkeypatch.setattr(build_module, "sql_models", lambda: dict(models))


def _build_error(home: Path, capsys) -> list[str]:
    capsys.readouterr()
    assert run_cli(home, "build", "--as-of", AS_OF) == 2
    return capsys.readouterr().err.removeprefix("Lỗi: ").splitlines()


BROKEN = {
    "duplicated key": (
        "mart_compliance",
        "select * from original union all "
        "select * from original where unit_code = '213' and period = '2025' and view = 'legacy'",
        [
            "mart_compliance: khóa (programme_id, view, period, unit_code) bị trùng, 2 dòng cùng khóa ở dòng "
            "programme_id=fixture_3d, view=legacy, period=2025, unit_code=213 (1 khóa bị trùng)"
        ],
    ),
    "status outside the vocabulary": (
        "mart_compliance",
        "select * replace (case when unit_code = '215' and period = '2025' and view = 'new' then 'abc' "
        "else status end as status) from original",
        [
            "mart_compliance.status nhận giá trị ngoài danh sách ('abc'; theo statuses.COMPLIANCE_STATUSES) "
            "ở dòng programme_id=fixture_3d, view=new, period=2025, unit_code=215 (1 dòng vi phạm)"
        ],
    ),
    "null in a not-null column": (
        "mart_tasks",
        "select * replace (case when task_id <> '2' then owner end as owner) from original",
        ["mart_tasks.owner bị trống ở dòng programme_id=fixture_3d, task_id=2 (1 dòng vi phạm)"],
    ),
    "area outside core_units": (
        "mart_incidents",
        "select * replace (case when commune_code = '07294' and view = 'legacy' then '99999' "
        "else area_code end as area_code) from original",
        [
            "mart_incidents.area_code = '99999' không có trong core_area_map.area_code (cùng programme_id, view) "
            "ở dòng programme_id=fixture_3d, view=legacy, month=2024-08-01, commune_code=07294, "
            "category_code=lua_dao (1 dòng vi phạm)",
            "mart_incidents.area_code = '99999' không có trong core_units.unit_code (cùng programme_id) "
            "ở dòng programme_id=fixture_3d, view=legacy, month=2024-08-01, commune_code=07294, "
            "category_code=lua_dao (1 dòng vi phạm)",
        ],
    ),
    "rate above one": (
        "mart_attainment",
        "select * replace (case when unit_code = '216' and indicator_code = 'B' and view = 'legacy' "
        "and period = '2025' then 1.5 else rate end as rate) from original",
        [
            "mart_attainment.rate = 1.5 ngoài khoảng [0, 1] ở dòng programme_id=fixture_3d, view=legacy, "
            "period=2025, unit_code=216, indicator_code=B (1 dòng vi phạm)"
        ],
    ),
    "numerator above its denominator": (
        "mart_attainment",
        "select * replace (case when unit_code = '216' and indicator_code = 'B' and view = 'legacy' "
        "and period = '2025' then 60 else numerator end as numerator) from original",
        [
            "mart_attainment.numerator = 60.0 ngoài khoảng [0, denominator], denominator = 50.0 ở dòng "
            "programme_id=fixture_3d, view=legacy, period=2025, unit_code=216, indicator_code=B (1 dòng vi phạm)"
        ],
    ),
}


@pytest.mark.parametrize(("model", "select", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_a_model_breaking_its_contract_fails_the_build_and_publishes_nothing(
    home, monkeypatch, capsys, model, select, expected
):
    before = _published(home)
    _broken(monkeypatch, {model: select})
    lines = _build_error(home, capsys)
    assert lines == [PREFIX + message for message in expected] + [UNPUBLISHED]
    assert _published(home) == before
    assert run_cli(home, "check") == 0


def test_every_broken_contract_is_reported_at_once(home, monkeypatch, capsys):
    _broken(
        monkeypatch,
        {
            "mart_tasks": BROKEN["null in a not-null column"][1],
            "mart_compliance": BROKEN["status outside the vocabulary"][1],
        },
    )
    assert _build_error(home, capsys) == [
        PREFIX + BROKEN["status outside the vocabulary"][2][0],
        PREFIX + BROKEN["null in a not-null column"][2][0],
        UNPUBLISHED,
    ]


def test_a_model_without_a_contract_fails_the_build(home, monkeypatch, capsys):
    before = _published(home)
    models = sql_models() | {"mart_extra": "select programme_id from core_programmes"}
    monkeypatch.setattr(build_module, "sql_models", lambda: dict(models))
    assert _build_error(home, capsys) == [
        PREFIX + "model mart_extra chưa có hợp đồng trong schema.yml (mỗi model core_*/mart_* phải khai báo "
        "khóa, cột không trống, giá trị hợp lệ và quan hệ)",
        UNPUBLISHED,
    ]
    assert _published(home) == before


def test_a_contract_naming_a_missing_column_fails_the_build(home, monkeypatch, capsys):
    _broken(monkeypatch, {"mart_tasks": "select * exclude (owner) from original"})
    assert _build_error(home, capsys)[0] == PREFIX + "schema.yml nhắc tới cột không có: mart_tasks.owner"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tables: {}", "schema.yml: cần đúng một khóa 'models' (model → quy tắc)"),
        ("models: {staging_incidents: {unique_key: [case_id]}}", "models.staging_incidents không phải tên"),
        ("models: {mart_tasks: {not_null: [task_id]}}", "models.mart_tasks.unique_key thiếu"),
        ("models: {mart_tasks: {unique_key: [task_id], unique: [x]}}", "models.mart_tasks.unique không phải quy tắc"),
        ("models: {mart_tasks: {unique_key: task_id}}", "models.mart_tasks.unique_key phải là danh sách tên cột"),
        (
            "models: {mart_tasks: {unique_key: [task_id], accepted_values: {status: statuses.NOPE}}}",
            "models.mart_tasks.accepted_values.status phải là danh sách chữ, statuses.TÊN",
        ),
        (
            "models: {mart_tasks: {unique_key: [task_id], relationships: {owner: core_units}}}",
            "models.mart_tasks.relationships.owner phải là bảng.cột",
        ),
        (
            "models: {mart_tasks: {unique_key: [task_id], relationships: {task_id: raw_plan_tasks.task_id}}}",
            "models.mart_tasks.relationships.task_id phải trỏ tới một bảng core_* hoặc mart_*",
        ),
        (
            "models: {mart_tasks: {unique_key: [task_id], range: {days_late: [0]}}}",
            "models.mart_tasks.range.days_late phải là [nhỏ nhất, lớn nhất]",
        ),
    ],
)
def test_a_malformed_schema_is_refused_naming_the_key(tmp_path, text, message):
    path = tmp_path / "schema.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContractError, match=re.escape(message)):
        load_schema(path)


def test_check_reports_a_published_table_that_breaks_its_contract(home, capsys):
    warehouse = (home / "parquet").resolve()
    table = warehouse / "mart_tasks.parquet"
    duckdb.execute(
        f"copy (select * replace ('abc' as status) from read_parquet('{table}')) to '{table}.new' (format parquet)"
    )
    os.replace(f"{table}.new", table)
    # the tampering is recorded in the manifest too, so only the contracts can tell
    manifest_path = warehouse / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["mart_tasks.parquet"] = hashlib.sha256(table.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    capsys.readouterr()
    assert run_cli(home, "check") == 2
    assert capsys.readouterr().out.splitlines() == [
        PREFIX + "mart_tasks.status nhận giá trị ngoài danh sách ('abc'; theo statuses.TASK_STATUSES) "
        "ở dòng programme_id=fixture_3d, task_id=1 (4 dòng vi phạm)"
    ]
