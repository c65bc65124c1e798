"""What the model pages share: classification labels, the coverage grid, the gap list, and the
sections of a programme that builds its model in steps and keeps in touch with group admins."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_pipeline.formatting import fmt_decimal, fmt_int, fmt_pct, fmt_window, is_missing, percent
from data_pipeline.intake import layouts
from data_pipeline.warehouse.statuses import REGISTRY_LABEL
from ui import charts, layout
from ui.data import fetch

DIMENSIONS = {
    "participants": "Theo thành phần tham gia",
    "leader": "Theo người dẫn dắt",
    "content": "Theo nội dung hoạt động",
    "platform": "Theo nền tảng",
    "theme": "Theo chủ đề ưu tiên",
    "stage": "Theo giai đoạn",
}
STAGE_NAMES = {code: name for name, code in layouts.MODEL_STAGES.items()}
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


def _area_order(rows: pd.DataFrame) -> pd.Series:
    """The province first, then the areas, then the bodies that report for themselves."""
    return rows.unit_level.map({"province": 0, "agency": 2}).fillna(1)


def _ratio(numerator: object, denominator: object, rate: object) -> str:
    """'32/72 (44 %)'; '–' without a figure or with nothing to count (denominator 0)."""
    if is_missing(numerator) or not denominator:
        return "–"
    return f"{fmt_int(numerator)}/{fmt_int(denominator)} ({fmt_pct(rate, 0)})"


def coverage_grid(rows: pd.DataFrame) -> pd.DataFrame:
    """The official figure of each 2.9 sub-goal per area: 'numerator/denominator (rate)'; a body
    with nothing to count for any sub-goal is left out."""
    rows = rows.assign(
        cell=[_ratio(n, d, r) for n, d, r in zip(rows.numerator, rows.denominator, rows.rate, strict=True)],
        column=rows.indicator_code
        + " "
        + rows.indicator_name
        + " (mục tiêu "
        + rows.goal.map(lambda g: fmt_pct(g, 0))
        + ")",
        area=rows.unit_name.where(rows.unit_level != "province", "Toàn tỉnh"),
        order=_area_order(rows),
    )
    counted = rows.groupby("unit_code").denominator.transform(lambda d: (d.fillna(1) > 0).any())
    rows = rows[counted]
    columns = rows.drop_duplicates("column").sort_values("indicator_order").column.tolist()
    grid = rows.pivot_table(index=["order", "area"], columns="column", values="cell", aggfunc="first")
    grid = grid.reindex(columns=columns).sort_index().fillna("–")
    return grid.reset_index(level=0, drop=True).reset_index().rename(columns={"area": "Địa bàn"})


def reconciliation_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Per area (the province first) and registry-measured sub-goal: the units' reported figure,
    the registry's count, and the gap in points — only where the registry counts something."""
    rows = rows[rows.coverage_of.notna() & (rows.registry_units > 0)]
    rows = rows.assign(order=_area_order(rows)).sort_values(["order", "unit_name", "indicator_order"])
    return pd.DataFrame(
        {
            "Địa bàn": rows.unit_name.where(rows.unit_level != "province", "Toàn tỉnh"),
            "Chỉ tiêu": rows.indicator_code + " " + rows.indicator_name,
            "Theo báo cáo": [
                _ratio(n, d, r)
                for n, d, r in zip(rows.reported_numerator, rows.reported_denominator, rows.reported_rate, strict=True)
            ],
            REGISTRY_LABEL: [
                _ratio(n, d, r)
                for n, d, r in zip(rows.registry_units_with_model, rows.registry_units, rows.registry_rate, strict=True)
            ],
            "Chênh lệch (điểm %)": [
                "–" if is_missing(g) else f"{'+' if g > 0 else ''}{fmt_decimal(percent(g))}" for g in rows.gap
            ],
        }
    )


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


def milestones(programme_id: str) -> None:
    """The programme's steps per district (programme file: milestones), when it has any."""
    rows = fetch("milestones", programme_id)
    if rows.empty:
        return
    st.subheader("Các bước xây dựng mô hình theo địa bàn")
    steps = rows.drop_duplicates("step_id").sort_values("step_order")
    st.caption(" · ".join(f"{s.step_id}: {s.step_name} (hạn {s.due_on:%d/%m/%Y})" for s in steps.itertuples()))
    st.plotly_chart(charts.milestone_matrix(rows), width="stretch")
    layout.table(
        pd.DataFrame(
            {
                "Địa bàn": rows.unit_name,
                "Bước": rows.step_id + " – " + rows.step_name,
                "Hạn": rows.due_on.map(lambda d: f"{d:%d/%m/%Y}"),
                "Hoàn thành": rows.done_on.map(lambda d: "" if pd.isna(d) else f"{d:%d/%m/%Y}"),
                "Tình trạng": rows.status,
                "Số ngày trễ": rows.days_late,
            }
        ),
        f"cac_buoc_{programme_id}",
    )


def contacts(programme_id: str) -> None:
    """Contact compliance per group admin (programme file: contacts), when the programme sets it."""
    per_window = fetch("contact_windows", programme_id)
    if per_window.empty:
        return
    st.subheader("Tiếp xúc định kỳ với quản trị viên hội nhóm")
    st.plotly_chart(charts.contact_compliance(per_window), width="stretch")
    latest = per_window.iloc[-1]
    st.caption(
        f"Kỳ gần nhất đã kết thúc ({fmt_window(latest.window_start, latest.window_end)}): "
        f"{fmt_int(latest.compliant)}/{fmt_int(latest.groups)} hội nhóm có tiếp xúc "
        f"({fmt_pct(latest.compliant_share)}); yêu cầu ít nhất một lần mỗi kỳ sau khi ra mắt mô hình."
    )
    groups = fetch("contact_groups", programme_id)
    layout.table(
        pd.DataFrame(
            {
                "Địa bàn": groups.district_name,
                "Hội nhóm": groups.model_name,
                "Quản trị viên": groups.admin,
                "Số kỳ có tiếp xúc": groups.met,
                "Số kỳ phải tiếp xúc": groups.windows,
                "Tỉ lệ": groups.met_share.map(fmt_pct),
                "Lượt tiếp xúc": groups.contacts,
                "Kỳ gần nhất": groups.latest_compliant.map({True: "có", False: "chưa tiếp xúc"}).fillna("–"),
            }
        ),
        f"tiep_xuc_quan_tri_vien_{programme_id}",
    )
