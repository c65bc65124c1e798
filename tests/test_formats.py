"""Forgiving cell parsing and Vietnamese formatting."""

import csv as csv_module
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from data_pipeline.formatting import fmt_change, fmt_date, fmt_int, fmt_pct
from data_pipeline.intake.values import parse_count, parse_date
from data_pipeline.reference.spelling import clean_text, match_key
from data_pipeline.warehouse.export import neutralise_formulas, to_csv_bytes, to_xlsx_bytes


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (1234, 1234),
        (1234.0, 1234),
        ("1.234", 1234),
        ("1,234", 1234),
        (" 1 234 ", 1234),
        ("12.345.678", 12345678),
        ("", None),
        (None, None),
    ],
)
def test_parse_count_accepts_field_spellings(cell, number):
    assert parse_count(cell) == number


@pytest.mark.parametrize("cell", ["-3", -3, 2.5, "12,5", "mười", "1.23", True])
def test_parse_count_rejects_what_is_not_a_whole_count(cell):
    with pytest.raises(ValueError):
        parse_count(cell)


def test_parse_date_reads_day_first_and_iso():
    assert (
        parse_date("15/11/2025")
        == parse_date("2025-11-15")
        == parse_date(dt.datetime(2025, 11, 15, 8))
        == dt.date(2025, 11, 15)
    )


def test_decomposed_unicode_and_spaces_are_normalised():
    decomposed = "Tie\u0302\u0301n  Yên "
    assert clean_text(decomposed) == "Tiến Yên"
    assert match_key("Xã  Đồng Sơn") == match_key("xa dong son") == "xadongson"


def test_vietnamese_number_and_date_formats():
    assert fmt_int(1234567) == "1.234.567"
    assert fmt_pct(0.456) == "45,6 %"
    assert fmt_pct(None) == "–"
    assert fmt_date(dt.date(2025, 11, 15)) == "15/11/2025"
    assert fmt_date("2025-11-15") == "15/11/2025"
    assert fmt_change(6, 3) == "+3 (+100,0 %)"
    assert fmt_change(2, 0) == "+2"


def test_exports_neutralise_spreadsheet_formulas():
    frame = pd.DataFrame({"name": ['=HYPERLINK("x")', "+1", "@SUM(A1)", "Huyện Yên Thế"], "n": [-1, 2, 3, 4]})
    safe = neutralise_formulas(frame)
    assert safe.name.tolist() == ['\'=HYPERLINK("x")', "'+1", "'@SUM(A1)", "Huyện Yên Thế"]
    assert safe.n.tolist() == [-1, 2, 3, 4]


def test_csv_and_excel_exports_are_safe_and_keep_vietnamese(tmp_path):
    frame = pd.DataFrame({"Địa bàn": ["-2+3", "\tcmd", "\rx", "Xã Đông Sơn"], "Số vụ": [1, 2, 3, 4]})
    csv = to_csv_bytes(frame)
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    rows = list(csv_module.reader(io.StringIO(csv.decode("utf-8-sig"), newline="")))
    assert rows[1:] == [["'-2+3", "1"], ["'\tcmd", "2"], ["'\rx", "3"], ["Xã Đông Sơn", "4"]]
    path = tmp_path / "t.xlsx"
    path.write_bytes(to_xlsx_bytes(frame))
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet["A"]] == ["Địa bàn", "'-2+3", "'\tcmd", "'\rx", "Xã Đông Sơn"]
    assert [c.data_type for c in sheet["A"]][1:] == ["s", "s", "s", "s"]  # text, never a formula
