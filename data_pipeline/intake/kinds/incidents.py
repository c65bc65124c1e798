"""The police case list: one case a row, its commune by code or by name as of the day it happened."""

from __future__ import annotations

from data_pipeline.errors import UnitError
from data_pipeline.intake import layouts
from data_pipeline.intake.kinds.base import Context, Kind
from data_pipeline.intake.rows import Row


def _commune(row: Row, context: Context, occurred_on) -> str:
    """The internal code of the case's commune, from its code when given, else from its name."""
    directory = context.directory()
    typed_code, typed_name = row.clean("Mã xã"), row.clean("Xã, phường")
    if typed_code:
        commune = directory.commune(typed_code, occurred_on)
        if commune is None:
            raise row.rejection("Mã xã", "mã xã của tỉnh", typed_code)
        if typed_name and _named(directory, typed_name, occurred_on) != commune:
            row.warn_name("Xã, phường", typed_name, typed_code, directory.units.loc[commune, "unit_name"])
        return commune
    try:
        return directory.commune_by_name(typed_name, occurred_on)
    except UnitError as error:
        raise row.rejection("Xã, phường", str(error), typed_name) from None


def _named(directory, typed_name: str, occurred_on) -> str | None:
    try:
        return directory.commune_by_name(typed_name, occurred_on)
    except UnitError:
        return None


def parse_incident(row: Row, context: Context) -> dict:
    """One case; a case dated in the future is a typing error."""
    occurred_on = row.date("Ngày")
    if occurred_on > context.now.date():
        raise row.rejection("Ngày", "ngày đã qua (không ở tương lai)", row.get("Ngày"))
    commune = _commune(row, context, occurred_on)
    return {
        "case_id": row.text("Mã vụ việc", expected="mã vụ việc"),
        "occurred_on": occurred_on,
        "commune_code": commune,
        "category_code": row.lookup("Loại vụ việc", context.vocabulary, "categories"),
        "outcome_code": row.lookup("Kết quả xử lý", context.vocabulary, "outcomes"),
        "taken_down": row.count("Số tài khoản, bài viết gỡ bỏ", False) or 0,
        "fine": row.count("Số tiền phạt (đồng)", False) or 0,
        "loss": row.count("Thiệt hại (đồng)", False) or 0,
        "note": row.clean("Ghi chú"),
    }


INCIDENTS = Kind(
    "incidents",
    layouts.INCIDENT_COLUMNS,
    layouts.INCIDENT_REQUIRED,
    parse_incident,
    optional=layouts.INCIDENT_OPTIONAL,
    alternatives=(layouts.INCIDENT_COMMUNE,),
)
