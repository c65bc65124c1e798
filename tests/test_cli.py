"""The command line: exit codes 0 done, 1 input rejected, 2 could not run; atomic builds."""

import datetime as dt
import json
import shutil

from fixture_data import PROGRAMME, PROGRAMMES
from helpers import run_cli, signed_in
from streamlit.testing.v1 import AppTest

from data_pipeline.intake.workbook import write_report
from data_pipeline.settings import REPO_ROOT
from data_pipeline.warehouse.manifest import read_manifest


def test_ingest_rejects_numerator_above_denominator_and_keeps_the_file(tmp_path, capsys):
    inbox = tmp_path / "submissions" / "inbox"
    bad = write_report(
        inbox / "bad.xlsx",
        programme_id=PROGRAMME,
        unit_code="213",
        unit_name="TP",
        period="2025",
        submitted_on=dt.date(2025, 11, 1),
        values=[("A", "A", 12, 10)],
    )
    assert run_cli(tmp_path, "ingest") == 1
    out = capsys.readouterr().out
    assert "Sheet 'Chỉ tiêu', dòng 2, cột 'Tử số': 12 lớn hơn 'Mẫu số' 10" in out
    kept = list((tmp_path / "submissions" / "rejected").glob("*_bad.xlsx"))
    assert len(kept) == 1 and not bad.exists()
    assert "lớn hơn" in kept[0].with_name(kept[0].name + ".ly-do.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "submissions" / "staged").exists()


def test_ingest_reports_unreadable_file_with_exit_code_1(tmp_path, capsys):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "broken.xlsx").write_bytes(b"this is not a workbook")
    assert run_cli(tmp_path, "ingest", str(tmp_path / "notes.docx"), str(tmp_path / "broken.xlsx")) == 1
    out = capsys.readouterr().out
    assert "Định dạng '.docx' không được hỗ trợ" in out
    assert "Tệp 'broken.xlsx' không phải tệp Excel .xlsx: nội dung là dữ liệu không nhận ra" in out


def test_missing_path_and_bad_arguments_exit_2(tmp_path):
    assert run_cli(tmp_path, "ingest", str(tmp_path / "nope.xlsx")) == 2
    assert run_cli(tmp_path, "build", "--as-of", "15/11/2025") == 2
    assert run_cli(tmp_path, "frobnicate") == 2


def test_broken_config_exits_2_naming_the_key(tmp_path, capsys):
    from data_pipeline.cli import main

    programmes = tmp_path / "programmes"
    programmes.mkdir()
    (programmes / "x.yaml").write_text("id: x\nname: X\n", encoding="utf-8")
    assert main(["build", "--home", str(tmp_path), "--programmes-dir", str(programmes), "--programme", "x"]) == 2
    assert "x.yaml: khóa 'start' bị thiếu" in capsys.readouterr().err


def test_build_and_check_succeed_and_reingest_is_idempotent(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20", "--json") == 0
    first = json.loads(capsys.readouterr().out)
    archive = sorted((home / "submissions" / "archive").iterdir())
    assert run_cli(home, "ingest", *map(str, archive)) == 0
    capsys.readouterr()
    assert run_cli(home, "build", "--as-of", "2025-11-20", "--json") == 0
    second = json.loads(capsys.readouterr().out)
    assert second["row_counts"] == first["row_counts"]
    assert second["build_id"] != first["build_id"]
    assert run_cli(home, "check") == 0


def test_check_detects_a_tampered_warehouse(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    # one table in one file, one in hive partitions
    for name in ("mart_compliance.parquet", "mart_attainment/programme_id=fixture_3d/data_0.parquet"):
        target = (home / "parquet").resolve() / name
        target.write_bytes(target.read_bytes()[:-10])
        capsys.readouterr()
        assert run_cli(home, "check") == 2
        assert f"{name} khác với manifest" in capsys.readouterr().out


def test_failed_build_leaves_the_previous_warehouse(fixture_home, tmp_path, monkeypatch):
    from data_pipeline.warehouse import build as build_module

    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    before = (home / "parquet").resolve()
    models = build_module.sql_models()
    monkeypatch.setattr(build_module, "sql_models", lambda: {**models, "mart_attainment": "select * from nowhere"})
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 2
    assert (home / "parquet").resolve() == before
    assert run_cli(home, "check") == 0


def test_demo_refuses_to_mix_with_existing_data(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "demo") == 2
    assert "đã có dữ liệu" in capsys.readouterr().err


def test_a_warehouse_built_by_an_older_version_is_reported_and_the_pages_say_so(
    fixture_home, tmp_path, monkeypatch, capsys
):
    home = tmp_path / "home"
    shutil.copytree(fixture_home, home, symlinks=True)
    build_dir = (home / "parquet").resolve()
    manifest = json.loads((build_dir / "manifest.json").read_text(encoding="utf-8"))
    # as if built before mart_rating existed
    (build_dir / "mart_rating.parquet").unlink()
    del manifest["row_counts"]["mart_rating"], manifest["files"]["mart_rating.parquet"]
    (build_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert run_cli(home, "check") == 2
    assert "phiên bản cũ, thiếu bảng mart_rating" in capsys.readouterr().out
    monkeypatch.setenv("ANTQ_HOME", str(home))
    monkeypatch.setenv("ANTQ_PROGRAMMES_DIR", str(PROGRAMMES))
    app = signed_in(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=60)).run()
    assert "phiên bản cũ" in app.error[0].value and not app.exception


def test_the_manifest_is_parsed_once_per_build_and_follows_a_new_build(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    first = read_manifest(home / "parquet")
    # every page read asks for it: the same parsed object while parquet/ points at that build
    assert read_manifest(home / "parquet") is first
    assert run_cli(home, "build", "--as-of", "2025-11-21") == 0
    second = read_manifest(home / "parquet")
    assert (first["as_of"], second["as_of"]) == ("2025-11-20", "2025-11-21")
    # a manifest rewritten in place (a repair by hand) is read again
    path = home / "parquet" / "manifest.json"
    path.write_text(json.dumps({**second, "as_of": "2025-11-22"}), encoding="utf-8")
    assert read_manifest(home / "parquet")["as_of"] == "2025-11-22"
