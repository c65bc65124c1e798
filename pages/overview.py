"""Tổng quan: headline results of the latest period and what needs attention."""

import streamlit as st

from data_pipeline.formatting import fmt_change, fmt_int, fmt_pct, fmt_window
from data_pipeline.warehouse import compstat
from ui import charts, data, incidents, layout, tables

programme = layout.programme()
view = layout.view()
period = layout.period(programme.programme_id)
layout.header("Tổng quan", programme)

attainment = data.attainment(programme.programme_id, view, period)
province = attainment[attainment.unit_level == "province"]
if province.empty and programme.indicator_count:
    st.info(layout.NO_DATA)
    st.stop()
periods = data.periods(programme.programme_id)
period_label = periods.loc[periods.period == period, "period_label"].iloc[0]
reporting = data.period_compliance(programme.programme_id, period)
year_to_date, before, incident_total = incidents.year_to_date(programme.programme_id, view)
models = data.active_models(programme.programme_id, view)

if programme.indicator_count:
    st.subheader(f"Kết quả {period_label} (toàn tỉnh, {len(province)} chỉ tiêu)")
    rule = data.attainment_summary(programme.programme_id, view, period)
    cols = st.columns(4)
    cols[0].metric("Chỉ tiêu đạt", fmt_int(rule["met"]))
    cumulative = f"Chỉ tiêu tích lũy đến {programme.end_on:%Y} đạt giá trị lộ trình tại kỳ này"
    cols[1].metric("Đúng lộ trình", fmt_int(rule["on_track"]), help=cumulative)
    cols[2].metric("Chậm", fmt_int(rule["behind"]))
    cols[3].metric(
        "Chưa có số liệu",
        fmt_int(rule["no_data"]),
        help=f"Không áp dụng (mẫu số bằng 0): {fmt_int(rule['not_applicable'])} chỉ tiêu",
    )
    st.caption(
        layout.review_sentence(
            rule["met_or_on_track"],
            rule["judged"],
            rule["on_track_share"],
            rule["review_name"],
            rule["required_share"],
            rule["meets_review_rule"],
        )
    )
else:
    st.subheader(f"Kết quả {period_label}")
    st.caption(f"{programme.short_name} không đặt chỉ tiêu tỉ lệ; số lượng hoạt động ở trang Kết quả hoạt động.")

cols = st.columns(5)
cols[0].metric(
    "Tỉ lệ nộp báo cáo",
    fmt_pct(reporting["reporting_rate"]),
    help=f"{fmt_int(reporting['received'])}/{fmt_int(reporting['expected'])} đơn vị đã nộp (đã nộp ÷ phải nộp)",
)
cols[1].metric(
    "Tỉ lệ nộp đúng hạn",
    fmt_pct(reporting["on_time_rate"]),
    help=f"{fmt_int(reporting['on_time'])}/{fmt_int(reporting['expected'])} đơn vị nộp đúng hạn (đúng hạn ÷ phải nộp)",
)
compared = isinstance(before, compstat.Window)
cols[2].metric(
    f"Vụ việc {fmt_window(year_to_date.first, year_to_date.last)}",
    fmt_int(incident_total.cases),
    delta=fmt_change(incident_total.cases, incident_total.previous_cases) if compared else None,
    help=f"So với cùng kỳ {before.label}: {fmt_int(incident_total.previous_cases)} vụ việc" if compared else before,
    delta_color="inverse",
)
cols[3].metric("Mô hình đang hoạt động", fmt_int(models["models"]))
cols[4].metric("Thành viên mô hình", fmt_int(models["members"]))

if not programme.indicator_count:
    # a programme without rate targets is judged on what its units did
    activities = data.activities(programme.programme_id, view)
    done = activities[(activities.period == period) & (activities.area_level == "province")]
    if not done.empty:
        st.plotly_chart(charts.activity_bars(done, period_label), width="stretch")
    st.stop()
st.subheader("Cần chú ý")
attention = data.attention(programme.programme_id, view, period)
if attention.empty:
    st.success("Không có địa bàn nào chậm so với mục tiêu hoặc lộ trình ở kỳ này.")
else:
    st.caption("Các địa bàn và chỉ tiêu cách xa mục tiêu (hoặc giá trị lộ trình) nhất.")
    layout.table(tables.attention_table(attention), f"can_chu_y_{period}")

st.subheader("Kết quả các chỉ tiêu toàn tỉnh")
layout.table(tables.attainment_table(province, omit=("Địa bàn",)), f"chi_tieu_toan_tinh_{period}")
