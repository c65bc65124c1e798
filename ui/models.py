"""What the model page draws beyond its tables: the registry's monthly totals, and the sections of
a programme that builds its model in steps and keeps in touch with group admins (each drawn only
when the programme file sets it)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_pipeline.formatting import fmt_int, fmt_pct, fmt_window
from ui import charts, data, layout, tables


def monthly_totals(growth: pd.DataFrame) -> pd.DataFrame:
    """Warehouse.model_growth summed over the participants classes: active models and members at
    each month's end."""
    return growth.groupby("month_end")[["active_models", "members"]].sum()


def milestones(programme_id: str) -> None:
    """The programme's steps per district (programme file: milestones), when it has any."""
    rows = data.milestones(programme_id)
    if rows.empty:
        return
    st.subheader("Các bước xây dựng mô hình theo địa bàn")
    steps = rows.drop_duplicates("step_id").sort_values("step_order")
    st.caption(" · ".join(f"{s.step_id}: {s.step_name} (hạn {s.due_on:%d/%m/%Y})" for s in steps.itertuples()))
    st.plotly_chart(charts.milestone_matrix(rows), width="stretch")
    layout.table(tables.milestone_table(rows), f"cac_buoc_{programme_id}")


def contacts(programme_id: str) -> None:
    """Contact compliance per group admin (programme file: contacts), when the programme sets it."""
    per_window = data.contact_windows(programme_id)
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
    groups = data.contact_groups(programme_id)
    layout.table(tables.contact_table(groups), f"tiep_xuc_quan_tri_vien_{programme_id}")
