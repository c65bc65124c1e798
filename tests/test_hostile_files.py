"""Malformed and hostile files: each is refused with a message naming what is wrong, kept in
submissions/rejected/, and nothing accepted before changes (corpus: tests/fixtures/malformed/,
written by tests/fixtures/make_malformed.py; the 100,001-row list is made here)."""

import shutil
from pathlib import Path

import pytest
from helpers import ingest_json, warehouse_state

MALFORMED = Path(__file__).parent / "fixtures" / "malformed"
EXPECTED = {
    "empty.csv": "rỗng (0 byte)",
    "empty.xlsx": "rỗng (0 byte)",
    "truncated.xlsx": "bị hỏng hoặc không trọn vẹn",
    "binary_junk.xlsx": "không phải tệp Excel .xlsx: nội dung là dữ liệu không nhận ra",
    "binary_junk.csv": "không phải tệp CSV: có ký tự nhị phân",
    "pdf_named.csv": "không phải tệp CSV: nội dung là một tệp PDF",
    "old_excel_named.xlsx": "nội dung là một tệp Office cũ (.xls, .doc)",
    "docx_named.xlsx": "là tệp nén nhưng không phải sổ tính Excel .xlsx",
    "macro.xlsm": "có thể chứa macro nên không được nhận",
    "macro_inside.xlsx": "chứa macro (VBA) nên không được nhận",
    "zip_bomb.xlsx": "khi giải nén lớn 143 MB, vượt giới hạn 100 MB",
    "unrelated_sheet.xlsx": "không nhận ra loại tệp",
    "huge_numbers.csv": "cột 'Thiệt hại (đồng)': cần số nguyên ≥ 0, nhận được '99999999999999999999999'",
    "future_dates.csv": "cột 'Ngày': cần ngày đã qua (không ở tương lai), nhận được '01/03/2999'",
    "text_in_numbers.csv": "cột 'Số tiền phạt (đồng)': cần số nguyên ≥ 0, nhận được 'năm triệu'",
    "impossible_date.csv": "cột 'Ngày': cần ngày dạng dd/mm/yyyy, nhận được '31/02/2025'",
    "header_only.csv": "không có dòng số liệu nào",
    "too_many_rows.csv": "có hơn 100.000 dòng; tách thành nhiều tệp",
}


@pytest.fixture
def home(fixture_home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(fixture_home, copy, symlinks=True)
    return copy


def test_the_corpus_is_complete():
    assert sorted(p.name for p in MALFORMED.iterdir()) == sorted(set(EXPECTED) - {"too_many_rows.csv"})


def test_every_malformed_file_is_refused_with_its_reason_and_nothing_changes(home, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(MALFORMED, corpus)
    header = "Mã vụ việc,Ngày,Mã xã,Loại vụ việc,Kết quả xử lý,Gỡ bỏ,Xử phạt,Thiệt hại\n"
    (corpus / "too_many_rows.csv").write_text(
        header + "R,01/03/2025,07201,Tin giả,XPHC,,,\n" * 100_001, encoding="utf-8"
    )
    before = warehouse_state(home)
    code, files = ingest_json(home, capsys, str(corpus))
    assert code == 1
    outcomes = {Path(item["file"]).name: item for item in files}
    assert set(outcomes) == set(EXPECTED)
    for name, reason in EXPECTED.items():
        item = outcomes[name]
        assert item["status"] == "rejected", name
        assert any(reason in message for message in item["messages"]), (name, item["messages"])
        assert Path(item["kept_as"]).exists() and Path(f"{item['kept_as']}.ly-do.txt").exists()
    assert warehouse_state(home) == before
