"""The analyst's explorer: Vietnamese names for the pivot's choices, and the SQL sandbox of the
current build (analysts and admins only, checked here)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse.sandbox import Result, Sandbox, examples
from ui import auth, layout
from ui.data import current

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


def pivot_table(long: pd.DataFrame, rows: str, columns: str | None, measure: str) -> pd.DataFrame:
    """The pivot as users read it: Vietnamese headers, one column per value of `columns` when
    there is one (an empty cell is no figure, never 0); rates stay shares, shown as percents."""
    if columns is None:
        table = long.rename(columns={"value": NAMES[measure]})
    else:
        table = long.pivot_table(index=rows, columns=columns, values="value", aggfunc="first", dropna=False)
        table = table.reset_index().rename_axis(columns=None)
        table.columns = [str(c) for c in table.columns]
    return table.rename(columns={rows: NAMES[rows]})


def value_kinds(table: pd.DataFrame, is_rate: bool) -> dict[str, str] | None:
    """A rate pivot's value columns (all but the first) hold shares, whatever their headers say."""
    return {name: layout.RATE for name in table.columns[1:]} if is_rate else None


def sample_queries(programme_id: str, view: str) -> dict[str, str]:
    """The sandbox's sample queries for the programme and view on the page, as of the build."""
    return examples(programme_id, view, dt.date.fromisoformat(current()[1]["as_of"]))


@st.cache_resource(show_spinner=False, max_entries=2)
def _sandbox(root: str, build_id: str) -> Sandbox:
    return Sandbox(resolve_paths(root).warehouse)


def run_sql(sql: str) -> Result:
    """The analyst's query in the sandbox of the current build (QueryRefused when refused)."""
    user = auth.require(ANALYSTS)
    root, manifest = current()
    auth.audit(user, "sql", {"query": sql[:500]})
    return _sandbox(root, manifest["build_id"]).run(sql)
