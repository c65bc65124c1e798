"""Nộp báo cáo: download the template for a unit and period, upload reports, see the outcome."""

import streamlit as st

from data_pipeline.formatting import fmt_date
from ui import auth, data, filters, intake, layout

auth.page("upload")
programme = layout.programme()
layout.header("Nộp báo cáo", programme)

periods = data.all_periods(programme.programme_id)
labels = dict(zip(periods.period, periods.period_label, strict=True))
due = dict(zip(periods.period, periods.due_on, strict=True))
period = filters.select(
    "Kỳ báo cáo", list(labels), "period", data.latest_due_period(programme.programme_id), format_func=labels.get
)
reporters = data.reporters(programme.programme_id, period)
names = dict(zip(reporters.official_code, reporters.unit_name, strict=True))
unit = filters.select("Đơn vị báo cáo", list(names), "unit", format_func=lambda c: f"{names[c]} ({c})")

st.subheader("1. Tải mẫu báo cáo")
st.caption(f"{labels[period]} · hạn nộp {fmt_date(due[period])} · {names[unit]}")
st.download_button(
    "Tải mẫu báo cáo (Excel)",
    intake.template_bytes(programme.programme_id, unit, period),
    file_name=f"bao_cao_{unit}_{period}.xlsx",
    key="download_template",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.subheader("2. Nộp tệp đã điền")
st.caption(
    "Nhận tệp .xlsx (mẫu báo cáo, sổ mô hình, danh mục đơn vị) và .csv (danh sách vụ việc). "
    "Mỗi tệp được nhận nguyên vẹn hoặc bị từ chối cả tệp kèm lý do."
)
uploads = st.file_uploader("Chọn tệp", type=["xlsx", "xls", "ods", "csv"], accept_multiple_files=True, key="uploads")
if uploads and st.button("Nộp", type="primary", key="submit"):
    st.session_state["outcome"] = intake.submit(programme.programme_id, uploads)
if "outcome" in st.session_state:
    layout.table(st.session_state["outcome"], "ket_qua_nop")
