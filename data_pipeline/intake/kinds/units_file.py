"""The units file (danh mục đơn vị): the villages, agencies, schools, enterprises… that
vietnamadminunits does not carry, each under a parent unit."""

from __future__ import annotations

from data_pipeline.errors import Rejection
from data_pipeline.intake import layouts, sheets
from data_pipeline.intake.kinds.base import Context, Kind, Parsed
from data_pipeline.intake.rows import Row


def parse_unit(row: Row, context: Context) -> dict:
    """One listed unit, its kind one of the printed choices."""
    kind = row.choice("Loại đơn vị", layouts.UNIT_KINDS)
    return {
        "unit_code": row.text("Mã đơn vị"),
        "unit_name": row.text("Tên đơn vị"),
        "unit_kind": kind,
        "parent_code": row.text("Mã đơn vị cấp trên"),
        "size_class": row.text("Quy mô doanh nghiệp", False),
        "school_level": row.text("Cấp học", False),
        "households": row.count("Số hộ gia đình", False),
        "is_synthetic": row.text("Nguồn", False) == layouts.SYNTHETIC_SOURCE,
    }


def check_units(sheet: str, rows: Parsed, context: Context) -> None:
    """A units file names each unit once, and each parent is a known unit or one listed above it."""
    known = context.known_units()
    errors, listed = [], set()
    for number, row in rows:
        if row["unit_code"] in listed or row["unit_code"] in known:
            errors.append(
                sheets.cell_error(sheet, number, "Mã đơn vị", "mã chưa dùng cho đơn vị khác", row["unit_code"])
            )
        listed.add(row["unit_code"])
    parents = known | listed
    for number, row in rows:
        if row["parent_code"] not in parents:
            errors.append(
                sheets.cell_error(
                    sheet,
                    number,
                    "Mã đơn vị cấp trên",
                    "mã tỉnh, huyện, xã hoặc đơn vị có trong tệp",
                    row["parent_code"],
                )
            )
    if errors:
        raise Rejection(errors)


UNITS = Kind(
    "units", layouts.UNIT_COLUMNS, layouts.UNIT_REQUIRED, parse_unit, check_units, optional=layouts.UNIT_OPTIONAL
)
