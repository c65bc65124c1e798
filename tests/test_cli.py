"""The command line: exit codes 0 done, 1 input rejected, 2 could not run; atomic builds."""

import datetime as dt
import json
import shutil

from fixture_data import ACTIVITIES, PROGRAMME, PROGRAMMES, template_rows
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
        values=[("A", "A", 12, 10), *template_rows({})[1:]],
        activities=[(code, code, None) for code in ACTIVITIES],
    )
    assert run_cli(tmp_path, "ingest") == 1
    kept = list((tmp_path / "submissions" / "rejected").glob("*_bad.xlsx"))
    assert len(kept) == 1 and not bad.exists()
    reason = "Sheet 'Chỉ tiêu', dòng 2, cột 'Tử số': 12 lớn hơn 'Mẫu số' 10"
    assert capsys.readouterr() == (
        "Đã nhận 0 tệp, từ chối 1 tệp, 0 tệp trùng (đã nhận trước đây).\n"
        f"✗ {bad.resolve()} (lưu tại {kept[0].resolve()}):\n"
        f"    - {reason}\n",
        "",
    )
    assert kept[0].with_name(kept[0].name + ".ly-do.txt").read_text(encoding="utf-8") == reason + "\n"
    assert not (tmp_path / "submissions" / "staged").exists()


def test_ingest_reports_unreadable_file_with_exit_code_1(tmp_path, capsys):
    notes, broken = tmp_path / "notes.docx", tmp_path / "broken.xlsx"
    notes.write_bytes(b"PK\x03\x04 not really")
    broken.write_bytes(b"this is not a workbook")
    assert run_cli(tmp_path, "ingest", str(notes), str(broken)) == 1
    # files named on the command line are kept as rejected, not moved: they were not in the inbox
    rejected = tmp_path.resolve() / "submissions" / "rejected"
    (kept_notes,) = rejected.glob("*_notes.docx")
    (kept_broken,) = rejected.glob("*_broken.xlsx")
    assert notes.exists() and broken.exists()
    assert capsys.readouterr() == (
        "Đã nhận 0 tệp, từ chối 2 tệp, 0 tệp trùng (đã nhận trước đây).\n"
        f"✗ {notes} (lưu tại {kept_notes}):\n"
        "    - Định dạng '.docx' không được hỗ trợ (cần .xlsx, .xls, .ods hoặc .csv)\n"
        f"✗ {broken} (lưu tại {kept_broken}):\n"
        "    - Tệp 'broken.xlsx' không phải tệp Excel .xlsx: nội dung là dữ liệu không nhận ra\n",
        "",
    )


def test_missing_path_and_bad_arguments_exit_2(tmp_path, capsys):
    assert run_cli(tmp_path, "ingest", str(tmp_path / "nope.xlsx")) == 2
    assert capsys.readouterr() == ("", f"Lỗi: không tìm thấy {tmp_path / 'nope.xlsx'}\n")
    # argparse's own usage text, then its error line
    assert run_cli(tmp_path, "build", "--as-of", "15/11/2025") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("usage: python -m data_pipeline build [-h] ")
    assert err.endswith(
        "\npython -m data_pipeline build: error: argument --as-of: ngày không hợp lệ '15/11/2025' (cần YYYY-MM-DD)\n"
    )
    assert run_cli(tmp_path, "frobnicate") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("usage: python -m data_pipeline [-h]")
    # how argparse lists the choices depends on the Python version
    error = err.splitlines()[-1]
    assert error.startswith("python -m data_pipeline: error: argument command: invalid choice: 'frobnicate' (choose")
    assert all(name in error for name in ("demo", "ingest", "template", "build", "brief", "user", "check"))


def test_broken_config_exits_2_naming_the_key(tmp_path, capsys):
    from data_pipeline.cli import main

    programmes = tmp_path / "programmes"
    programmes.mkdir()
    (programmes / "x.yaml").write_text("id: x\nname: X\n", encoding="utf-8")
    assert main(["build", "--home", str(tmp_path), "--programmes-dir", str(programmes), "--programme", "x"]) == 2
    assert capsys.readouterr() == ("", "Lỗi: x.yaml: khóa 'start' bị thiếu\n")


def test_build_and_check_succeed_and_reingest_is_idempotent(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20", "--json") == 0
    first = json.loads(capsys.readouterr().out)
    archive = sorted((home / "submissions" / "archive").iterdir())
    assert len(archive) == 11  # the fixture's files: 9 workbooks, 2 CSV files
    assert run_cli(home, "ingest", *map(str, archive)) == 0
    assert capsys.readouterr() == (
        "Đã nhận 0 tệp, từ chối 0 tệp, 11 tệp trùng (đã nhận trước đây).\n"
        + "".join(f"= {path}\n    - Tệp này đã được nhận trước đây; không thay đổi gì.\n" for path in archive),
        "",
    )
    assert run_cli(home, "build", "--as-of", "2025-11-20", "--json") == 0
    second = json.loads(capsys.readouterr().out)
    assert second["row_counts"] == first["row_counts"]
    assert second["build_id"] != first["build_id"]
    assert run_cli(home, "check") == 0
    assert capsys.readouterr() == ("Kho dữ liệu khớp với manifest và đạt mọi hợp đồng dữ liệu.\n", "")


def test_check_detects_a_tampered_warehouse(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    capsys.readouterr()
    # one table in one file, then one in hive partitions too: each named, in the manifest's order
    tampered = []
    for name in ("mart_compliance.parquet", "mart_attainment/programme_id=fixture_3d/data_0.parquet"):
        target = (home / "parquet").resolve() / name
        target.write_bytes(target.read_bytes()[:-10])
        tampered.append(name)
        assert run_cli(home, "check") == 2
        assert capsys.readouterr() == (
            "".join(f"Tệp {n} khác với manifest (mã băm không khớp)\n" for n in sorted(tampered)),
            "",
        )


def test_failed_build_leaves_the_previous_warehouse(fixture_home, tmp_path, monkeypatch, capsys):
    from data_pipeline.warehouse import build as build_module

    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    before = (home / "parquet").resolve()
    models = build_module.sql_models()
    monkeypatch.setattr(build_module, "sql_models", lambda: {**models, "mart_attainment": "select * from nowhere"})
    capsys.readouterr()
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 2
    out, err = capsys.readouterr()
    # the model named on the first line, then DuckDB's own account of the error (its wording)
    assert out == "" and err.startswith(
        "Lỗi: Model mart_attainment lỗi: Catalog Error: Table with name nowhere does not exist!\n"
    )
    assert (home / "parquet").resolve() == before
    assert run_cli(home, "check") == 0
    assert capsys.readouterr() == ("Kho dữ liệu khớp với manifest và đạt mọi hợp đồng dữ liệu.\n", "")


def test_demo_refuses_to_mix_with_existing_data(fixture_home, tmp_path, capsys):
    home = tmp_path / "copy"
    shutil.copytree(fixture_home / "submissions", home / "submissions")
    assert run_cli(home, "demo") == 2
    assert capsys.readouterr() == (
        "",
        f"Lỗi: {(home / 'submissions').resolve()} đã có dữ liệu; dữ liệu mẫu chỉ tạo trên thư mục trống (make clean)\n",
    )


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
    assert capsys.readouterr() == ("Kho được dựng bằng phiên bản cũ, thiếu bảng mart_rating (chạy build)\n", "")
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
