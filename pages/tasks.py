"""Nhiệm vụ & kinh phí: the plan's tasks with their status, and the budget against spending."""

import datetime as dt

import streamlit as st

from data_pipeline.formatting import fmt_date, fmt_int, fmt_pct
from ui import charts, layout
from ui.data import current, fetch

programme = layout.programme()
pid = programme.programme_id
layout.header("Nhiệm vụ và kinh phí", programme, " · Bảng theo dõi nhiệm vụ của Ban Thư ký")
as_of = dt.date.fromisoformat(current()[1]["as_of"])

tasks = fetch("tasks", pid)
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
    layout.table(
        tasks.assign(
            due_on=tasks.due_on.map(fmt_date),
            done_on=tasks.done_on.map(fmt_date),
            starts_on=tasks.starts_on.map(fmt_date),
        )[["task_id", "task_name", "owner", "starts_on", "due_on", "done_on", "status", "days_late"]].rename(
            columns={
                "task_id": "Mã",
                "task_name": "Nhiệm vụ",
                "owner": "Chủ trì",
                "starts_on": "Bắt đầu",
                "due_on": "Hạn",
                "done_on": "Hoàn thành",
                "status": "Trạng thái",
                "days_late": "Số ngày trễ",
            }
        ),
        f"nhiem_vu_{pid}",
    )

st.subheader("Kinh phí")
budget = fetch("budget", pid)
if budget.empty:
    st.info("Chương trình này không có dự toán kinh phí trong tệp cấu hình.")
    st.stop()
st.plotly_chart(charts.budget_bars(budget), width="stretch")  # levels only; the table ends with the total
layout.table(
    budget.assign(share=budget.spent_share.map(fmt_pct))[["level_name", "planned", "spent", "share"]].rename(
        columns={"level_name": "Cấp", "planned": "Dự toán (đồng)", "spent": "Đã chi (đồng)", "share": "Tỉ lệ đã chi"}
    ),
    f"kinh_phi_{pid}",
)
spending = fetch("spending", pid)
if not spending.empty:
    st.plotly_chart(charts.spending_by_line(spending), width="stretch")
    st.caption(layout.spending_caption(budget))
    layout.table(
        spending[["year", "level_name", "line_name", "spent", "units_reporting"]].rename(
            columns={
                "year": "Năm",
                "level_name": "Cấp",
                "line_name": "Nội dung chi",
                "spent": "Đã chi (đồng)",
                "units_reporting": "Số đơn vị kê khai",
            }
        ),
        f"chi_theo_noi_dung_{pid}",
    )
