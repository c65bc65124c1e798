"""What the model pages share: classification labels, the coverage grid, the gap list, and the
sections of a programme that builds its model in steps and keeps in touch with group admins."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_pipeline import formats as f
from data_pipeline.formatting import fmt_int, fmt_pct, fmt_window
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
