"""Bản đồ: attainment, incidents and model coverage on the areas' own coordinates, offline."""

import streamlit as st

from data_pipeline.warehouse import compstat
from ui import data, filters, incidents, layout, maps, tables

programme = layout.programme()
view = layout.view()
pid = programme.programme_id
layout.header("Bản đồ", programme)
coverage_target = layout.coverage_label(programme)
topics = {"attainment": "Mức đạt chỉ tiêu", "incidents": "Vụ việc", "coverage": f"Độ phủ mô hình ({coverage_target})"}
if not programme.indicator_count:
    del topics["attainment"]  # a programme that counts activities only
if coverage_target is None:
    del topics["coverage"]
topic = filters.select("Nội dung", list(topics), "topic", format_func=topics.get)

if topic == "attainment":
    period = layout.period(pid)
    rows = data.attainment(pid, view, period)
    drawn = maps.attainment_map(rows, layout.indicator(rows), view)
elif topic == "incidents":
    chosen = incidents.window(pid)
    category = incidents.category(pid)
    before = incidents.baseline(pid, chosen)
    colourings = {"category": "Loại vụ việc nhiều nhất", "flag": "Đánh giá thay đổi so với cùng kỳ"}
    if not isinstance(before, compstat.Window):
        del colourings["flag"]
        st.info(before)
    by_flag = filters.select("Màu vòng tròn", list(colourings), "colour", format_func=colourings.get) == "flag"
    drawn = maps.incident_map(
        incidents.comparison(pid, "new", chosen, before, "area", category),
        incidents.comparison(pid, "legacy", chosen, before, "area", category),
        chosen,
        before,
        by_flag,
    )
else:
    coverage = data.model_coverage(pid, view)
    names = dict(zip(coverage.indicator_code, coverage.indicator_name, strict=False))
    # the registry's count, not the official figure of the sub-goal (which the units report):
    # named by the kind of unit, never by the sub-goal's code
    indicator = filters.select("Đơn vị", list(names), "coverage", format_func=names.get)
    drawn = maps.coverage_map(coverage, data.model_breakdown_by_area(pid, view), indicator)

if drawn.shown.empty:
    st.info(layout.NO_DATA)
    st.stop()
st.subheader(drawn.title)
st.markdown(drawn.legend, unsafe_allow_html=True)
st.pydeck_chart(maps.deck(maps.with_boundaries(drawn, programme.boundaries), drawn.shown, maps.TOOLTIP), height=580)
layout.table(tables.map_table(drawn.shown), f"ban_do_{topic}_{view}")
