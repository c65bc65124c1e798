"""Chỉ tiêu theo địa bàn: heatmap of districts × targets, one target per district, the table."""

import streamlit as st

from ui import charts, data, layout, tables

programme = layout.programme()
layout.header("Chỉ tiêu theo địa bàn", programme)
if not programme.indicator_count:
    layout.not_tracked(
        programme, "chỉ tiêu tỉ lệ", "Kết quả được ghi bằng số lượng hoạt động: xem trang Kết quả hoạt động."
    )
view = layout.view()
period = layout.period(programme.programme_id)
attainment = data.attainment(programme.programme_id, view, period)
if attainment.empty:
    st.info(layout.NO_DATA)
    st.stop()
indicator = layout.indicator(attainment)
until = f"tích lũy đến {programme.end_on:%Y}"

period_label = attainment.period_label.iloc[0]
area_label = layout.area_label(view, (attainment.unit_level == "agency").any())
layout.conversion_note(attainment, view)
st.plotly_chart(charts.attainment_heatmap(attainment, period_label, area_label), width="stretch")
st.caption(
    f"Màu: tỉ lệ ÷ mục tiêu (chỉ tiêu hằng năm) hoặc ÷ giá trị lộ trình tại kỳ này (chỉ tiêu {until}), "
    "tối đa 100 %. Số trong ô: tỉ lệ đạt. Ô trống: đơn vị chưa có số liệu — không tính là 0."
)

chosen = attainment[attainment.indicator_code == indicator]
first = chosen.iloc[0]
kind = f"{until}, so với lộ trình" if first.is_cumulative else "hằng năm"
st.plotly_chart(
    charts.indicator_bars(chosen, f"Chỉ tiêu {indicator}: {first.indicator_name} – {period_label}", area_label),
    width="stretch",
)
province = chosen[chosen.unit_level == "province"].iloc[0]
st.caption(
    f"Chỉ tiêu {kind}. Toàn tỉnh = tổng tử số ÷ tổng mẫu số của {province.units_reported}/"
    f"{province.units_expected} đơn vị đã báo cáo."
)
layout.table(tables.attainment_table(chosen, omit=("Mã", "Chỉ tiêu")), f"chi_tieu_{indicator}_{period}")
