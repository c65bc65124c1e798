"""Vụ việc: cases by category and area against the same period a year earlier, CompStat style (or
alone, saying why, when those months overlap the chosen ones or come before the case list)."""

import streamlit as st

from data_pipeline.formatting import fmt_int
from data_pipeline.warehouse import compstat
from ui import charts, data, incidents, layout, tables

programme = layout.programme()
view = layout.view()
chosen = incidents.window(programme.programme_id)
category = incidents.category(programme.programme_id)
layout.header("Vụ việc trên không gian mạng", programme, " · Danh sách vụ việc của Công an tỉnh")
before = incidents.baseline(programme.programme_id, chosen)
compared = isinstance(before, compstat.Window)
if compared:
    significance = data.incident_significance(programme.programme_id)
    st.caption(
        f"So sánh {chosen.label} với cùng kỳ năm trước ({before.label}), chỉ tính các tháng đã trọn. "
        "Một thay đổi chỉ được đánh dấu “bất thường” khi kiểm định chính xác hai số đếm Poisson cho "
        f"p < {str(significance).replace('.', ',')}: với số nhỏ, 3 → 6 vụ là “+100 %” nhưng vẫn trong dao động thường."
    )
else:
    st.info(before)

total = incidents.comparison(programme.programme_id, view, chosen, before, "total", category)
if total.empty or (total.cases.iloc[0] == 0 and (not compared or total.previous_cases.iloc[0] == 0)):
    st.info(layout.NO_DATA)
    st.stop()
total = total.iloc[0]
cols = st.columns(4)
if compared:
    cols[0].metric(
        "Vụ việc",
        fmt_int(total.cases),
        delta=f"{int(total.cases - total.previous_cases):+d} vụ · {incidents.FLAG_MARKS[total.flag]}",
        delta_color="inverse" if total.flag != compstat.USUAL else "off",
        help=f"Cùng kỳ {before.label}: {fmt_int(total.previous_cases)} vụ; p = {total.p_value:.3f}",
    )
else:
    cols[0].metric("Vụ việc", fmt_int(total.cases), help=f"{chosen.label}; không so sánh với cùng kỳ")
cols[1].metric("Xử phạt hành chính", fmt_int(total.sanctioned), help=f"Tổng tiền phạt {fmt_int(total.fines)} đồng")
cols[2].metric("Khởi tố", fmt_int(total.prosecuted))
cols[3].metric("Tài khoản, bài viết bị gỡ bỏ", fmt_int(total.taken_down))


by_area = incidents.comparison(programme.programme_id, view, chosen, before, "area", category)
area_name = layout.area_label(view)
st.subheader(f"Theo địa bàn — {area_name}")
if compared:
    flagged = by_area[by_area.flag == compstat.UP]
    if flagged.empty:
        st.success(f"Không địa bàn nào có số vụ tăng vượt dao động thường so với {before.label}.")
    else:
        st.warning(f"Tăng bất thường so với cùng kỳ: {', '.join(flagged.name)}.")
st.plotly_chart(
    incidents.bars(by_area, f"Số vụ việc theo địa bàn, {chosen.label}", chosen, before, area_name), width="stretch"
)
layout.table(
    tables.comparison_table(by_area, "Địa bàn", chosen, before),
    f"vu_viec_dia_ban_{view}_{chosen.first:%Y%m}_{chosen.last:%Y%m}",
)

st.subheader("Theo loại vụ việc")
by_category = incidents.comparison(programme.programme_id, view, chosen, before, "category", category)
st.plotly_chart(
    incidents.bars(by_category, f"Số vụ việc theo loại, {chosen.label}", chosen, before, "Loại vụ việc"),
    width="stretch",
)
layout.table(
    tables.comparison_table(by_category, "Loại vụ việc", chosen, before),
    f"vu_viec_loai_{chosen.first:%Y%m}_{chosen.last:%Y%m}",
)

st.subheader("Kết quả xử lý")
layout.table(tables.outcomes_table(total, chosen, before), f"ket_qua_xu_ly_{chosen.first:%Y%m}_{chosen.last:%Y%m}")

st.subheader("Diễn biến theo tháng")
series = data.incident_series(programme.programme_id, view, category)
st.plotly_chart(
    charts.incident_series(
        series, chosen.first, compstat.add_months(chosen.last, 1), "Số vụ việc theo tháng và loại (cộng dồn theo loại)"
    ),
    width="stretch",
)
