"""The one row helper every table kind reads its cells through, and the roll-up of listed units
to the areas the denominator check compares with: fast, without a data home."""

import datetime as dt

import pytest
from fixture_data import PROGRAMME, PROGRAMMES

from data_pipeline.errors import Rejection
from data_pipeline.intake import layouts
from data_pipeline.intake.denominators import UnitCounts, is_counted
from data_pipeline.intake.rows import Row, Vocabulary
from data_pipeline.reference.programme import load_programme
from data_pipeline.reference.units import UnitDirectory

ROW = Row(
    "Sổ",
    7,
    {
        "Tên": "  Nhóm   Zalo ",
        "Số": "1.234",
        "Ngày": "02/03/2025",
        "Giai đoạn": " duy tri ",
        "Loại vụ việc": "tin gia",
        "Xấu": "mười",
    },
)


def _message(call) -> list[str]:
    with pytest.raises(Rejection) as error:
        call()
    return error.value.reasons


def test_row_reads_each_kind_of_cell_or_names_sheet_row_column_and_what_was_expected():
    assert (ROW.text("Tên"), ROW.count("Số"), ROW.date("Ngày")) == ("Nhóm Zalo", 1234, dt.date(2025, 3, 2))
    assert (ROW.text("Trống", False), ROW.count("Trống", False), ROW.date("Trống", False)) == (None, None, None)
    assert ROW.choice("Giai đoạn", layouts.MODEL_STAGES) == "maintain"
    assert ROW.lookup("Loại vụ việc", Vocabulary(), "categories") == "tin_gia"
    assert _message(lambda: ROW.text("Trống")) == ["Sheet 'Sổ', dòng 7, cột 'Trống': cần nội dung, nhận được ''"]
    assert _message(lambda: ROW.count("Xấu")) == ["Sheet 'Sổ', dòng 7, cột 'Xấu': cần số nguyên ≥ 0, nhận được 'mười'"]
    assert _message(lambda: ROW.date("Xấu")) == [
        "Sheet 'Sổ', dòng 7, cột 'Xấu': cần ngày dạng dd/mm/yyyy, nhận được 'mười'"
    ]
    assert _message(lambda: ROW.choice("Xấu", {"Có": "yes", "Không": "no"})) == [
        "Sheet 'Sổ', dòng 7, cột 'Xấu': cần Có / Không, nhận được 'mười'"
    ]
    assert _message(lambda: ROW.lookup("Xấu", Vocabulary(), "categories")) == [
        "Sheet 'Sổ', dòng 7, cột 'Xấu': cần một loại có trong config/incident_categories.yaml, nhận được 'mười'"
    ]


def _unit(code: str, kind: str, parent: str, size: str | None = None, level: str | None = None) -> dict:
    return {"unit_code": code, "unit_kind": kind, "parent_code": parent, "size_class": size, "school_level": level}


def test_targets_leave_out_small_enterprises_kindergartens_and_primary_schools():
    assert is_counted(_unit("E1", "enterprise", "07201", "Vừa")) and not is_counted(
        _unit("E2", "enterprise", "x", "Siêu nhỏ")
    )
    assert is_counted(_unit("S1", "school", "07201", level="THCS")) and not is_counted(
        _unit("S2", "school", "x", level="Mầm non")
    )
    assert is_counted(_unit("V1", "village", "07201"))


def test_listed_units_roll_up_to_the_area_of_each_view():
    directory = UnitDirectory(load_programme(PROGRAMMES / f"{PROGRAMME}.yaml"))
    counts = UnitCounts(
        directory,
        [
            _unit("V1", "village", "07201"),  # old commune of 213, taken by 2025:07210
            _unit("V2", "village", "V1"),  # two levels below 07201
            _unit("V3", "village", "213"),  # the district itself: 2025:07210 took most of it
            _unit("V4", "village", "07216"),  # old commune of 213, taken by 2025:07228
            _unit("E1", "enterprise", "07201", "Nhỏ"),  # not counted
            _unit("E2", "enterprise", "V1", "Lớn"),
        ],
    )
    assert counts.counts == {
        ("legacy", "213", "village"): 4,
        ("new", "2025:07210", "village"): 3,
        ("new", "2025:07228", "village"): 1,
        ("legacy", "213", "enterprise"): 1,
        ("new", "2025:07210", "enterprise"): 1,
    }
