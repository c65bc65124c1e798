"""The model registry (sổ theo dõi mô hình): the official source of models, one a row, each
classified in the config vocabularies and attached to a unit where it is counted."""

from __future__ import annotations

from data_pipeline.errors import Rejection
from data_pipeline.intake import layouts, sheets
from data_pipeline.intake.kinds.base import Context, Kind, Parsed
from data_pipeline.intake.rows import Row


def _optional(row: Row, context: Context, column: str, section: str) -> str | None:
    """A class that may be left blank but, when given, must be known."""
    return row.lookup(column, context.vocabulary, section) if row.text(column, False) else None


def parse_model(row: Row, context: Context) -> dict:
    """One model (cells checked in the order the registry's columns are explained)."""
    stage = row.choice("Giai đoạn", layouts.MODEL_STAGES)
    typed_themes = [t.strip() for t in row.text("Chủ đề").split(layouts.THEME_SEPARATOR) if t.strip()]
    platform = row.text("Nền tảng")
    model_id, model_name, model_kind = row.text("Mã mô hình"), row.text("Tên mô hình"), row.text("Loại mô hình")
    participants = row.lookup("Phân loại", context.vocabulary, "participants")
    leader = _optional(row, context, "Người dẫn dắt", "leaders")
    content = _optional(row, context, "Nội dung hoạt động", "contents")
    themes = (row.lookup("Chủ đề", context.vocabulary, "themes", theme) for theme in typed_themes)
    return {
        "model_id": model_id,
        "model_name": model_name,
        "model_kind": model_kind,
        "participants": participants,
        "leader": leader,
        "content": content,
        "platform": context.vocabulary.get("platforms", platform) or platform,
        "theme": f"{layouts.THEME_SEPARATOR} ".join(dict.fromkeys(themes)),
        "unit_code": row.text("Mã đơn vị"),
        "head": row.text("Người đứng đầu", False),
        "members": row.count("Số thành viên"),
        "stage": stage,
        "established_on": row.date("Ngày thành lập"),
        "ended_on": row.date("Ngày kết thúc", False),
    }


def check_model_units(sheet: str, rows: Parsed, context: Context) -> None:
    """A model belongs to a known unit; otherwise it could be counted nowhere (the unit may be in
    a units file later in the same batch)."""
    known = context.known_units() | context.listed_units()
    errors = [
        sheets.cell_error(
            sheet, number, "Mã đơn vị", "mã một đơn vị đã có (xã, huyện hoặc danh mục đơn vị đã nạp)", row["unit_code"]
        )
        for number, row in rows
        if row["unit_code"] not in known
    ]
    if errors:
        raise Rejection(errors, names_unknown_unit=True)


MODELS = Kind(
    "models",
    layouts.MODEL_COLUMNS,
    layouts.MODEL_REQUIRED,
    parse_model,
    check_model_units,
    optional=layouts.MODEL_OPTIONAL,
)
