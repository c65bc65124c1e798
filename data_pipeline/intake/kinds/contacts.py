"""The contact log: each contact of an officer with the admin of a registered group."""

from __future__ import annotations

from data_pipeline.intake import layouts
from data_pipeline.intake.kinds.base import Context, Kind
from data_pipeline.intake.rows import Row


def parse_contact(row: Row, context: Context) -> dict:
    """One contact; the group is named by its code in the model registry."""
    return {
        "model_id": row.text("Mã mô hình"),
        "contacted_on": row.date("Ngày tiếp xúc"),
        "admin": row.text("Quản trị viên"),
        "channel": row.text("Hình thức", False),
        "officer": row.text("Cán bộ tiếp xúc", False),
        "note": row.text("Ghi chú", False),
    }


CONTACTS = Kind(
    "contacts", layouts.CONTACT_COLUMNS, layouts.CONTACT_REQUIRED, parse_contact, optional=layouts.CONTACT_OPTIONAL
)
