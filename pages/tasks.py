"""Nhiệm vụ & kinh phí: the plan's tasks with their status, and the budget against spending."""

import streamlit as st

from data_pipeline.formatting import fmt_int
from ui import charts, data, layout, tables

programme = layout.programme()
pid = programme.programme_id
layout.header("Nhiệm vụ và kinh phí", programme, " · Bảng theo dõi nhiệm vụ của Ban Thư ký")
as_of = data.as_of()

tasks = data.tasks(pid)
if tasks.empty:
    st.info("Chương trình này chưa có nhiệm vụ nào trong tệp cấu hình hay bảng theo dõi.")
else:
    counts = tasks.status.value_counts()
    cols = st.columns(3)
    for col, status in zip(cols, charts.TASK_COLOURS, strict=True):
        col.metric(status.capitalize(), fmt_int(counts.get(status, 0)))
    st.plotly_chart(charts.task_timeline(tasks, as_of), width="stretch")
    st.caption(
        "Trạng thái tại ngày số liệu: hoàn thành khi bảng theo dõi ghi ngày hoàn thành; quá hạn khi đã qua hạn mà chưa "
        "hoàn thành. Nhiệm vụ thường xuyên được theo dõi theo từng năm (3.1, 3.2…)."
    )
    layout.table(tables.task_table(tasks), f"nhiem_vu_{pid}")

st.subheader("Kinh phí")
budget = data.budget(pid)
if budget.empty:
    st.info("Chương trình này không có dự toán kinh phí trong tệp cấu hình.")
    st.stop()
st.plotly_chart(charts.budget_bars(budget), width="stretch")  # levels only; the table ends with the total
layout.table(tables.budget_table(budget), f"kinh_phi_{pid}")
spending = data.spending(pid)
if not spending.empty:
    st.plotly_chart(charts.spending_by_line(spending), width="stretch")
    st.caption(layout.spending_caption(budget))
    layout.table(tables.spending_table(spending), f"chi_theo_noi_dung_{pid}")
