"""The analyst's explorer: Vietnamese names for the pivot's choices, and the SQL sandbox of the
current build (analysts and admins only, checked here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse.sandbox import Result, Sandbox, examples
from ui import auth, charts, data, layout

ANALYSTS = {"admin", "analyst"}
MARTS = {
    "mart_attainment": "Mức đạt chỉ tiêu (theo đơn vị báo cáo)",
    "mart_compliance": "Tình hình nộp báo cáo",
    "mart_incidents": "Vụ việc",
    "mart_models": "Mô hình",
}
NAMES = {
    "period_label": "Kỳ báo cáo",
    "unit_name": "Đơn vị",
    "indicator_code": "Chỉ tiêu",
    "target_code": "Nhóm chỉ tiêu",
    "status": "Tình trạng",
    "area_name": "Địa bàn",
    "year": "Năm",
    "month": "Tháng",
    "category_name": "Loại vụ việc",
    "participants": "Thành phần tham gia",
    "platform": "Nền tảng",
    "theme": "Chủ đề",
    "stage": "Giai đoạn",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "rate": "Tỉ lệ đạt (Σ tử số ÷ Σ mẫu số)",
    "reporters": "Số lượt đơn vị phải báo cáo",
    "days_late": "Số ngày trễ",
    "reporting_rate": "Tỉ lệ nộp (đã nộp ÷ phải nộp)",
    "on_time_rate": "Tỉ lệ đúng hạn (nộp đúng hạn ÷ phải nộp)",
    "cases": "Số vụ",
    "sanctioned": "Xử phạt",
    "fines": "Tiền phạt (đồng)",
    "warned": "Răn đe, giáo dục",
    "taken_down": "Tài khoản, bài viết gỡ bỏ",
    "prosecuted": "Khởi tố",
    "loss": "Thiệt hại (đồng)",
    "models": "Số mô hình",
    "members": "Thành viên",
    "sum": "Tổng",
    "mean": "Trung bình",
    "max": "Lớn nhất",
    "min": "Nhỏ nhất",
    "none": "(không chia cột)",
}


def measure_label(measure: str, is_rate: bool) -> str:
    return f"{NAMES[measure]}{' (%)' if is_rate else ''}"


def pivot_chart(long: pd.DataFrame, rows: str, columns: str | None, measure: str, is_rate: bool) -> go.Figure:
    """The pivot as bars: one series per value of `columns` (or one), rates in percent."""
    figure = go.Figure()
    series = [("value", long)] if columns is None else list(long.groupby(columns, sort=True))
    for label, part in series:
        figure.add_bar(x=part[rows].astype(str), y=part["value"] * (100 if is_rate else 1), name=str(label))
    return charts.layout_figure(
        figure, f"{NAMES[measure]} theo {NAMES[rows].lower()}", NAMES[rows], measure_label(measure, is_rate)
    )


def value_kinds(table: pd.DataFrame, is_rate: bool) -> dict[str, str] | None:
    """A rate pivot's value columns (all but the first) hold shares, whatever their headers say."""
    return {name: layout.RATE for name in table.columns[1:]} if is_rate else None


def sample_queries(programme_id: str, view: str) -> dict[str, str]:
    """The sandbox's sample queries for the programme and view on the page, as of the build."""
    return examples(programme_id, view, data.as_of())


@st.cache_resource(show_spinner=False, max_entries=2)
def _sandbox(root: str, build_id: str) -> Sandbox:
    return Sandbox(resolve_paths(root).warehouse)


def run_sql(sql: str) -> Result:
    """The analyst's query in the sandbox of the current build (QueryRefused when refused)."""
    user = auth.require(ANALYSTS)
    root, manifest = data.opened()
    auth.audit(user, "sql", {"query": sql[:500]})
    return _sandbox(root, manifest["build_id"]).run(sql)
