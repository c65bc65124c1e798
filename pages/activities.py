"""Hoạt động: what the units did in a period (propaganda, posts, inspections…), as they reported it."""

import streamlit as st

from ui import charts, data, filters, layout, tables

programme = layout.programme()
view = layout.view()
period = layout.period(programme.programme_id)
layout.header("Kết quả hoạt động", programme)
activities = data.activities(programme.programme_id, view)
if activities.empty:
    st.info("Chưa có báo cáo nào ghi số lượng hoạt động cho chương trình này.")
    st.stop()
in_period = activities[activities.period == period]
if in_period.empty:
    st.info(layout.NO_DATA)
    st.stop()
province = in_period[in_period.area_level == "province"]
period_label = in_period.period_label.iloc[0]
st.plotly_chart(charts.activity_bars(province, period_label), width="stretch")
st.caption(
    f"Cộng các báo cáo của {province.units_reported.max()} đơn vị đã gửi kỳ này. Báo cáo 6 tháng, 9 tháng, năm "
    "tính lũy kế từ đầu năm, nên không cộng các kỳ với nhau."
)

area_name = layout.area_label(view, (in_period.area_level == "agency").any())
st.subheader(f"Theo địa bàn — {area_name}")
layout.table(tables.activity_table(in_period, area_name), f"hoat_dong_{view}_{period}")

st.subheader("Theo kỳ báo cáo")
names = dict(zip(activities.activity_code, activities.activity_name, strict=False))
chosen = filters.select("Hoạt động", list(names), "activity", format_func=names.get)
series = activities[(activities.area_level == "province") & (activities.activity_code == chosen)]
st.plotly_chart(charts.activity_periods(series, names[chosen]), width="stretch")
