"""What the model pages share: classification labels, the coverage grid and the gap list."""

from __future__ import annotations

import pandas as pd

from data_pipeline import formats as f
from data_pipeline.formatting import fmt_int, fmt_pct

DIMENSIONS = {
    "participants": "Theo thành phần tham gia",
    "leader": "Theo người dẫn dắt",
    "content": "Theo nội dung hoạt động",
    "platform": "Theo nền tảng",
    "theme": "Theo chủ đề ưu tiên",
    "stage": "Theo giai đoạn",
}
STAGE_NAMES = {code: name for name, code in f.MODEL_STAGES.items()}
KIND_NAMES = {
    "commune": "Xã, phường",
    "village": "Thôn, tổ dân phố",
    "agency": "Cơ quan",
    "school": "Cơ sở giáo dục",
    "enterprise": "Doanh nghiệp",
}


def breakdown_table(rows: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """A breakdown as users read it: the class, active models, their members, all models ever."""
    values = rows.value.map(STAGE_NAMES).fillna(rows.value) if dimension == "stage" else rows.value
    return pd.DataFrame(
        {
            DIMENSIONS[dimension].removeprefix("Theo ").capitalize(): values,
            "Mô hình đang hoạt động": rows.active_models.fillna(0).astype(int),
            "Thành viên": rows.members,
            "Tổng số mô hình đã đăng ký": rows.models,
        }
    )


def coverage_grid(coverage: pd.DataFrame) -> pd.DataFrame:
    """Areas × coverage indicators: 'covered/units (share)', the province first."""
    coverage = coverage.assign(
        cell=[
            f"{fmt_int(w)}/{fmt_int(u)} ({fmt_pct(c, 0)})"
            for w, u, c in zip(coverage.units_with_model, coverage.units, coverage.coverage, strict=True)
        ],
        column=coverage.indicator_code
        + " "
        + coverage.indicator_name
        + " (mục tiêu "
        + coverage.goal.map(lambda g: fmt_pct(g, 0))
        + ")",
        area=coverage.unit_name.where(coverage.unit_level != "province", "Toàn tỉnh"),
        is_province=coverage.unit_level == "province",
    )
    grid = coverage.pivot_table(index=["is_province", "area"], columns="column", values="cell", aggfunc="first")
    grid = grid.sort_index(level=[0, 1], ascending=[False, True]).fillna("–")
    return grid.reset_index(level=0, drop=True).reset_index().rename(columns={"area": "Địa bàn"})


def gaps_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """Units with no active model yet."""
    return pd.DataFrame(
        {
            "Đơn vị": gaps.unit_name,
            "Mã": gaps.official_code,
            "Loại đơn vị": gaps.unit_kind.map(KIND_NAMES).fillna(gaps.unit_kind),
            "Địa bàn": gaps.area_name,
            "Chỉ tiêu": gaps.indicator_code + " – " + gaps.indicator_name,
        }
    )
