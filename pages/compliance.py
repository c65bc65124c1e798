"""Tình hình báo cáo: reporting and on-time rates, who reported when, who has not, versions."""

import streamlit as st

from data_pipeline.formatting import fmt_date, fmt_int, fmt_pct
from data_pipeline.warehouse import statuses
from data_pipeline.warehouse.export import to_xlsx_bytes
from ui import charts, data, filters, layout, tables

programme = layout.programme()
view = layout.view()
period = layout.period(programme.programme_id)
layout.header("Tình hình báo cáo", programme)

summary = data.compliance_summary(programme.programme_id)
current = summary[summary.period == period].iloc[0]
st.subheader(f"{current.period_label} — hạn nộp {fmt_date(current.due_on)}")
cols = st.columns(4)
who = layout.reporters_label(current.reporting_structure, current.reporting_area_level, current.agencies_report)
cols[0].metric("Phải nộp", fmt_int(current.expected), help=f"Đơn vị báo cáo: {who}")
cols[1].metric("Tỉ lệ nộp", fmt_pct(current.reporting_rate), help="Số đã nộp ÷ số phải nộp")
cols[2].metric("Tỉ lệ đúng hạn", fmt_pct(current.on_time_rate), help="Số nộp đến hạn ÷ số phải nộp")
cols[3].metric("Chưa nộp", fmt_int(current.missing))

st.subheader("Theo kỳ báo cáo")
layout.table(tables.compliance_summary_table(summary), "ty_le_nop_bao_cao")

matrix = data.compliance_matrix(programme.programme_id, view, current.reporting_structure)
st.plotly_chart(charts.compliance_matrix(matrix, layout.area_label(view)), width="stretch")

rows = data.compliance(programme.programme_id, view, period)
missing = rows[rows.status == statuses.MISSING]
st.subheader(f"Đơn vị chưa nộp {current.period_label}")
if missing.empty:
    st.success("Tất cả đơn vị đã nộp báo cáo kỳ này.")
else:
    reminders = tables.reminder_table(missing)
    st.dataframe(reminders, hide_index=True, width="stretch")
    st.download_button(
        "Tải danh sách nhắc nộp (Excel)",
        lambda: to_xlsx_bytes(reminders, "Nhắc nộp báo cáo"),  # openpyxl only when clicked
        file_name=f"nhac_nop_{period}.xlsx",
        key="download_reminders",
    )

st.subheader("Lịch sử nộp của một đơn vị")
names = dict(zip(rows.unit_code, rows.unit_name, strict=True))
unit = filters.select("Đơn vị (lịch sử nộp)", list(names), "unit", format_func=names.get)
history = data.submission_history(programme.programme_id, unit)
if history.empty:
    st.info(f"{names[unit]} chưa nộp báo cáo nào.")
else:
    layout.table(tables.history_table(history), f"lich_su_{unit}")
