"""Issue 20's classes of field file, each with a fixture made here: what used to lose a figure
without a word is now read right or refused with a message the sender can act on."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from fixture_data import PROGRAMMES
from helpers import fill_template, ingest_json, run_cli, simple_report, warehouse_state

from data_pipeline.intake.template import write_template
from data_pipeline.reference.programme import load_programme
from data_pipeline.warehouse.manifest import read_table

FIXTURE_PROGRAMME = load_programme(PROGRAMMES / "fixture_3d.yaml")


@pytest.fixture
def home(fixture_home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(fixture_home, copy, symlinks=True)
    return copy


def _template(home: Path, cells: dict[tuple[str, str], object]) -> Path:
    """216's 2025-H1 template with some cells (sheet, coordinate) set as a unit would."""
    path = write_template(FIXTURE_PROGRAMME, "216", "2025-H1", home / "t.xlsx")
    workbook = openpyxl.load_workbook(path)
    for (sheet, coordinate), value in cells.items():
        workbook[sheet][coordinate] = value
    workbook.save(path)
    return path


def _staged(home: Path, table: str, sha: str) -> pd.DataFrame:
    return pd.read_parquet(home / "submissions" / "staged" / table / f"{sha}.parquet")


def test_grouped_two_row_header_reads_fines_losses_and_taken_down_accounts(home, capsys):
    path = home / "vu_viec_nhom.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH VỤ VIỆC"])
    sheet.append(["Mã vụ việc", "Ngày", "Mã xã", "Loại vụ việc", "Kết quả xử lý", "Kết quả thu được", None, None])
    sheet.append([None, None, None, None, None, "Xử phạt (đồng)", "Thiệt hại (đồng)", "Gỡ bỏ tài khoản"])
    for column in "ABCDE":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("F2:H2")
    sheet.append(["G1", "02/03/2025", "07201", "Tin giả", "XPHC", 7_500_000, 0, 3])
    sheet.append(["G2", "03/03/2025", "07201", "Lừa đảo", "Khởi tố", 0, 20_000_000, 1])
    workbook.save(path)
    code, files = ingest_json(home, capsys, str(path))
    assert code == 0, files
    rows = _staged(home, "incidents", files[0]["sha256"])
    assert rows[["case_id", "fine", "loss", "taken_down"]].values.tolist() == [
        ["G1", 7_500_000, 0, 3],
        ["G2", 0, 20_000_000, 1],
    ]


def test_a_missing_money_column_refuses_the_file_naming_found_and_expected_columns(home, capsys):
    path = home / "vu_viec.csv"
    path.write_text(
        "Mã vụ việc,Ngày,Mã xã,Loại vụ việc,Kết quả xử lý,Xử phạt (đồng)\nM1,02/03/2025,07201,Tin giả,XPHC,500\n",
        encoding="utf-8",
    )
    before = warehouse_state(home)
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1 and files[0]["status"] == "rejected"
    (message,) = files[0]["messages"]
    assert "thiếu cột 'Số tài khoản, bài viết gỡ bỏ', 'Thiệt hại (đồng)'" in message
    assert (
        "Các cột tìm thấy: 'Mã vụ việc', 'Ngày', 'Mã xã', 'Loại vụ việc', 'Kết quả xử lý', 'Xử phạt (đồng)'" in message
    )
    assert "Cột thiếu không được coi là 0" in message
    assert warehouse_state(home) == before


def test_a_totals_row_under_a_case_list_is_skipped_and_noted(home, capsys):
    path = home / "vu_viec_tong.csv"
    path.write_text(
        "Mã vụ việc,Ngày,Mã xã,Loại vụ việc,Kết quả xử lý,Gỡ bỏ,Xử phạt (đồng),Thiệt hại (đồng)\n"
        "T1,02/03/2025,07201,Tin giả,XPHC,1,500,0\n"
        "T2,03/03/2025,07201,Tin giả,XPHC,2,700,0\n"
        "Tổng cộng,,,,,3,1200,0\n",
        encoding="utf-8",
    )
    code, files = ingest_json(home, capsys, str(path))
    assert code == 0 and files[0]["rows"] == 2
    assert files[0]["messages"] == [
        "Sheet 'vu_viec_tong.csv', dòng 4: dòng 'Tổng cộng' là dòng tổng, không đọc như một dòng số liệu"
    ]


def test_a_target_row_deleted_from_the_template_refuses_the_report(home, capsys):
    path = write_template(FIXTURE_PROGRAMME, "216", "2025-H1", home / "t.xlsx")
    workbook = openpyxl.load_workbook(path)
    targets = workbook["Chỉ tiêu"]
    targets["C2"], targets["D2"] = 3, 4
    targets.delete_rows(3)  # the unit removed target B, which it thought did not apply
    workbook.save(path)
    code, files = ingest_json(home, capsys, str(path), "--submitted-at", "2025-06-10")
    assert code == 1 and files[0]["status"] == "rejected"
    assert files[0]["messages"] == [
        "Sheet 'Chỉ tiêu': thiếu dòng chỉ tiêu B (Chỉ tiêu tích lũy B); hãy dùng lại mẫu đã tải, không xóa dòng "
        "nào (chưa có số liệu thì để trống)"
    ]


def _uncached(path: Path, formulas: dict[str, str]) -> Path:
    """A filled template whose cells hold formulas and no stored value (openpyxl stores none)."""
    workbook = openpyxl.load_workbook(path)
    for cell, formula in formulas.items():
        workbook["Chỉ tiêu"][cell] = formula
    workbook.save(path)
    return path


def test_formulas_without_values_are_worked_out_when_simple(home, capsys):
    path = write_template(FIXTURE_PROGRAMME, "216", "2025-H1", home / "t.xlsx")
    _uncached(path, {"C2": "=2+3", "D2": "=SUM(C2,5)", "C3": "=C2*2", "D3": "=(D2+10)/2"})
    code, files = ingest_json(home, capsys, str(path), "--submitted-at", "2025-06-10")
    assert code == 0, files
    values = _staged(home, "report_values", files[0]["sha256"])
    assert values[["indicator_code", "numerator", "denominator"]].values.tolist() == [["A", 5, 10], ["B", 10, 10]]


def test_a_formula_that_cannot_be_worked_out_is_refused_naming_its_cell(home, capsys):
    path = write_template(FIXTURE_PROGRAMME, "216", "2025-H1", home / "t.xlsx")
    _uncached(path, {"C2": "=VLOOKUP(1,F2:G3,2)", "D2": "10"})
    code, files = ingest_json(home, capsys, str(path), "--submitted-at", "2025-06-10")
    assert code == 1
    (message,) = files[0]["messages"]
    assert message.startswith("Sheet 'Chỉ tiêu', ô C2: công thức '=VLOOKUP(1,F2:G3,2)' chưa có giá trị")
    assert "mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại" in message


def test_an_encrypted_workbook_is_told_to_remove_its_password(home, capsys):
    # an encrypted .xlsx is an OLE container with an EncryptedPackage stream
    path = home / "mat_khau.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024)
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1
    assert files[0]["messages"] == [
        "Tệp 'mat_khau.xlsx': tệp có mật khẩu: hãy bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa "
        "bằng mật khẩu, xóa mật khẩu) rồi gửi lại"
    ]


def test_sheets_copied_out_of_the_template_are_told_how_to_get_one(home, capsys):
    template = openpyxl.load_workbook(write_template(FIXTURE_PROGRAMME, "216", "2025-H1", home / "t.xlsx"))
    copy = openpyxl.Workbook()
    copy.active.title = "Chỉ tiêu"
    for row in template["Chỉ tiêu"].iter_rows(values_only=True):
        copy.active.append(row)
    copy.save(home / "chep.xlsx")
    code, files = ingest_json(home, capsys, str(home / "chep.xlsx"))
    assert code == 1
    (message,) = files[0]["messages"]
    assert "không được tạo từ mẫu báo cáo" in message and "trang 'Nộp báo cáo'" in message


def test_messages_never_name_the_hidden_identity_sheet(home, capsys):
    path = _template(home, {("Thông tin", "B4"): "2031"})
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1
    assert files[0]["messages"] == [
        "Phần thông tin mẫu báo cáo, mục 'Kỳ báo cáo': cần một kỳ của Kiểm thử 3 huyện, nhận được '2031'"
    ]


def test_a_unit_name_that_does_not_match_the_code_is_accepted_with_a_warning(home, capsys):
    path = _template(home, {("Chỉ tiêu", "C2"): 1, ("Chỉ tiêu", "D2"): 2, ("Thông tin", "B3"): "Huyện Yên Thế"})
    code, files = ingest_json(home, capsys, str(path), "--submitted-at", "2025-06-10")
    assert code == 0 and files[0]["unit_code"] == "216"
    assert files[0]["messages"] == [
        "Phần thông tin mẫu báo cáo: tên đơn vị ghi 'Huyện Yên Thế' nhưng mã 216 là 'Huyện Tân Yên'; báo cáo được "
        "tính cho 'Huyện Tân Yên' theo mã đơn vị"
    ]


def test_same_day_correction_is_ordered_by_its_file_name_and_is_in_force(home, capsys):
    folder = home / "mail"
    first = simple_report(folder, [("A", "A", 3, 10)], unit="216", period="2025-H1")
    second = simple_report(folder / "x", [("A", "A", 8, 10)], unit="216", period="2025-H1")
    second = second.rename(folder / "r_216_2025-H1_v2.xlsx")
    # the correction comes first in the folder's order: its name, not the hash or the order, decides
    first = first.rename(folder / "z_r_216_2025-H1.xlsx")
    code, files = ingest_json(home, capsys, str(folder), "--submitted-at", "2025-06-10T09:00")
    assert code == 0, files
    by_name = {Path(f["file"]).name: f for f in files}
    assert by_name["z_r_216_2025-H1.xlsx"]["version"] == 1
    assert by_name["z_r_216_2025-H1.xlsx"]["version_reason"] == (
        "đứng trước bản 'r_216_2025-H1_v2.xlsx' đã nhận, vì bản đó cùng thời điểm nhận; lần gửi 2 ghi trong tên tệp"
    )
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    versions = read_table(home / "parquet", "core_submission_versions")
    mine = versions[(versions.unit_code == "216") & (versions.period == "2025-H1")].set_index("source_name")
    assert mine.is_in_force.to_dict() == {"z_r_216_2025-H1.xlsx": False, "r_216_2025-H1_v2.xlsx": True}
    attainment = read_table(home / "parquet", "mart_attainment")
    row = attainment[
        (attainment.view == "legacy")
        & (attainment.period == "2025-H1")
        & (attainment.unit_code == "216")
        & (attainment.indicator_code == "A")
    ].iloc[0]
    assert row.numerator == 8


def test_two_versions_nothing_tells_apart_hold_the_later_file(home, capsys):
    folder = home / "mail"
    simple_report(folder / "a", [("A", "A", 3, 10)], unit="216", period="2025-H1").rename(folder / "a.xlsx")
    simple_report(folder / "b", [("A", "A", 8, 10)], unit="216", period="2025-H1").rename(folder / "b.xlsx")
    stamp = dt.datetime(2025, 6, 9, 8, 0).timestamp()
    for name in ("a.xlsx", "b.xlsx"):  # saved in the same second, as mail attachments often are
        workbook = openpyxl.load_workbook(folder / name)
        workbook.properties.modified = dt.datetime(2025, 6, 9, 8, 0)
        workbook.save(folder / name)

        os.utime(folder / name, (stamp, stamp))
    code, files = ingest_json(
        home, capsys, str(folder / "a.xlsx"), str(folder / "b.xlsx"), "--submitted-at", "2025-06-10"
    )
    assert code == 1
    assert [f["status"] for f in files] == ["accepted", "held"]
    assert "không xác định được bản nào mới hơn" in files[1]["messages"][0]
    assert Path(files[1]["kept_as"]).exists() and "held" in files[1]["kept_as"]


def test_a_receipt_register_gives_the_receipt_time_and_the_workbook_date_is_flagged(home, capsys):
    folder = home / "mail"
    report = simple_report(folder, [("A", "A", 3, 10)], unit="216", period="2025-H1", submitted_on=dt.date(2025, 5, 1))
    with (folder / "so-nhan-van-ban.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([("Tệp", "Thời điểm nhận"), (report.name, "20/06/2025 14:30")])
    code, files = ingest_json(home, capsys, str(folder))
    assert code == 0 and len(files) == 1
    assert (files[0]["received_at"], files[0]["recorded_on"]) == ("2025-06-20 14:30:00", "2025-05-01")
    assert files[0]["messages"] == [
        "Ngày ghi trong báo cáo 01/05/2025 sớm hơn ngày nhận 20/06/2025 quá 7 ngày: hạn nộp được tính theo ngày "
        "nhận (sổ nhận văn bản (so-nhan-van-ban.csv))"
    ]


def test_figures_identical_to_another_units_report_are_flagged(home, capsys):
    one = simple_report(home / "a", [("A", "A", 3, 10), ("B", "B", 4, 9)], unit="216", period="2025-H1")
    two = simple_report(home / "b", [("A", "A", 3, 10), ("B", "B", 4, 9)], unit="213", period="2025-H1")
    assert ingest_json(home, capsys, str(one), "--submitted-at", "2025-06-10")[1][0]["messages"] == []
    code, files = ingest_json(home, capsys, str(two), "--submitted-at", "2025-06-10")
    assert code == 0 and files[0]["status"] == "accepted"
    assert files[0]["messages"] == [
        "Số liệu trùng khớp hoàn toàn với báo cáo cùng kỳ của Huyện Tân Yên (mã 216): kiểm tra lại, có thể tệp "
        "được sao chép từ đơn vị khác và chỉ đổi thông tin đơn vị"
    ]


def test_a_report_for_a_period_not_yet_open_is_refused(home, capsys):
    path = simple_report(home, [("A", "A", 3, 10)], unit="07339", period="2026")
    code, files = ingest_json(home, capsys, str(path), "--submitted-at", "2025-10-01")
    assert code == 1
    assert files[0]["messages"] == [
        "Kỳ báo cáo 'Báo cáo năm 2026' chưa mở: báo cáo kỳ này được nhận từ ngày 01/11/2025, tệp nhận ngày "
        "01/10/2025 (thời điểm nhận do văn thư ghi khi nạp (--submitted-at))"
    ]


def test_narratives_are_stored_nfc(home, capsys):
    narrative = unicodedata.normalize("NFD", "Đã tổ chức hội nghị tuyên truyền")
    path = _template(home, {("Chỉ tiêu", "C2"): 1, ("Chỉ tiêu", "D2"): 2, ("Thuyết minh", "B2"): narrative})
    code, files = ingest_json(home, capsys, str(path), "--submitted-at", "2025-06-10")
    assert code == 0
    text = _staged(home, "report_narratives", files[0]["sha256"]).text.tolist()
    assert text == [unicodedata.normalize("NFC", "Đã tổ chức hội nghị tuyên truyền")]
    assert unicodedata.is_normalized("NFC", text[0])


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_a_template_converted_by_libreoffice_to_legacy_formats_is_read(home, capsys, fmt):
    import subprocess

    path = write_template(FIXTURE_PROGRAMME, "216", "2025-H1", home / "lo" / "t.xlsx")
    fill_template(path, {"A": (6, 8)}, report_date=dt.datetime(2025, 6, 9))
    out = home / "lo" / "out"
    subprocess.run(
        ["soffice", "--headless", "--calc", "--convert-to", fmt, "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=600,  # a hung LibreOffice fails the test instead of the whole run; not a race
    )
    code, files = ingest_json(home, capsys, str(out / f"t.{fmt}"), "--submitted-at", "2025-06-10")
    assert code == 0, files
    assert (files[0]["unit_code"], files[0]["period"], files[0]["recorded_on"]) == ("216", "2025-H1", "2025-06-09")
    values = _staged(home, "report_values", files[0]["sha256"])
    assert values[["indicator_code", "numerator", "denominator"]].values.tolist() == [["A", 6, 8]]
