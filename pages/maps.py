"""Bản đồ: attainment, incidents and model coverage on the areas' own coordinates, offline."""

from pathlib import Path

import pandas as pd
import streamlit as st

from data_pipeline.formatting import fmt_int, fmt_pct
from data_pipeline.reference import vocabularies
from data_pipeline.reference.programme import AREA_LEVELS
from data_pipeline.reference.units import NEW_PREFIX
from data_pipeline.warehouse import compstat, statuses
from data_pipeline.warehouse.statuses import REGISTRY_LABEL
from ui import filters, incidents, layout, maps
from ui.data import fetch

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
TOOLTIP = "<b>{unit_name}</b><br/>{tile}<br/>{detail}"

if topic == "attainment":
    period = layout.period(pid)
    rows = fetch("attainment", pid, view, period)
    names = dict(zip(rows.indicator_code, rows.indicator_name, strict=False))
    indicator = filters.select("Chỉ tiêu", list(names), "indicator", format_func=lambda c: f"{c} – {names[c]}")
    # an agency reports for itself, not for a territory: it has no place on the map
    rows = rows[(rows.indicator_code == indicator) & rows.unit_level.isin(AREA_LEVELS)]
    shown = rows.assign(area_code=rows.unit_code, tile=rows.rate.map(fmt_pct), detail=rows.status)
    colour = rows.progress.map(maps.share_colour)
    layers = [maps.circles(shown, pd.Series(1800, index=rows.index), colour)]
    title = f"Chỉ tiêu {indicator}: {names[indicator]} — {rows.period_label.iloc[0] if len(rows) else ''}"
    legend = maps.legend(
        {"0 %": maps.RED, "50 %": maps.YELLOW, "100 % mục tiêu/lộ trình": maps.GREEN, statuses.NO_DATA: maps.GREY},
        f"Mỗi vòng tròn: một {layout.area_label(view).lower()}, màu theo tỉ lệ ÷ mục tiêu hoặc lộ trình.",
    )
elif topic == "incidents":
    chosen = incidents.window(pid)
    category = incidents.category(pid)
    before = incidents.baseline(pid, chosen)
    compared = isinstance(before, compstat.Window)
    colourings = {"category": "Loại vụ việc nhiều nhất", "flag": "Đánh giá thay đổi so với cùng kỳ"}
    if not compared:
        del colourings["flag"]
        st.info(before)
    by_flag = filters.select("Màu vòng tròn", list(colourings), "colour", format_func=colourings.get)
    rows = incidents.comparison(pid, "new", chosen, before, "area", category)
    districts = incidents.comparison(pid, "legacy", chosen, before, "area", category)
    rows, districts = rows[rows.cases > 0], districts[districts.cases > 0]
    shown = rows.assign(
        area_code=rows.key,
        unit_name=rows.name,
        tile=rows.cases.map(lambda c: f"{fmt_int(c)} vụ ({chosen.label})"),
        detail=[(f"cùng kỳ: {fmt_int(p)} vụ · {incidents.FLAG_MARKS[g]} · " if compared else "") + f"nhiều nhất: {t}" for p, g, t in zip(rows.previous_cases, rows.flag, rows.top_category, strict=True)],
    )  # fmt: skip
    palette = {
        c["name"]: maps.CATEGORY_PALETTE[i % 12] for i, c in enumerate(vocabularies.incident_vocabulary()["categories"])
    }
    colours = maps.FLAG_RGB if by_flag == "flag" else palette
    colour = (rows.flag if by_flag == "flag" else rows.top_category).map(lambda k: [*colours.get(k, maps.GREY), 200])
    top = max(districts.cases.max(), 1) if len(districts) else 1
    bars = districts.assign(
        unit_name=districts.name,
        tile=districts.cases.map(lambda c: f"{fmt_int(c)} vụ (cả huyện cũ)"),
        detail=districts.flag.map(incidents.FLAG_MARKS) if compared else "nhiều nhất: " + districts.top_category,
    )
    layers = [maps.columns(bars, bars.cases / top * 0.22), maps.circles(shown, rows.cases.pow(0.5) * 1100, colour)]
    title = f"Vụ việc {chosen.label}: xã, phường (vòng tròn) và huyện cũ (cột)"
    used = set(rows.flag if by_flag == "flag" else rows.top_category)
    legend = maps.legend(
        {k: v for k, v in colours.items() if k in used} | {"cột: tổng số vụ của huyện cũ": maps.COLUMN_RGB},
        "Vòng tròn: mỗi xã, phường hiện nay (vụ việc trước 1/7/2025 được chuyển về xã mới), diện tích tỉ lệ số vụ.",
    )
else:
    coverage = fetch("model_coverage", pid, view)
    names = dict(zip(coverage.indicator_code, coverage.indicator_name, strict=False))
    # the registry's count, not the official figure of the sub-goal (which the units report):
    # named by the kind of unit, never by the sub-goal's code
    indicator = filters.select("Đơn vị", list(names), "coverage", format_func=names.get)
    rows = coverage[(coverage.indicator_code == indicator) & coverage.unit_level.isin(AREA_LEVELS)]
    members = fetch("model_breakdown_by_area", pid, view)
    rows = rows.merge(members, how="left", left_on="unit_code", right_on="area_code").fillna({"active_members": 0})
    shown = rows.assign(
        tile=[f"{w}/{u} có mô hình ({fmt_pct(c)})" for w, u, c in zip(rows.units_with_model, rows.units, rows.coverage, strict=True)],
        detail=rows.active_members.map(lambda m: f"{fmt_int(m)} thành viên mô hình đang hoạt động"),
        area_code=rows.unit_code,
    )  # fmt: skip
    colour = (rows.coverage / rows.goal).map(maps.share_colour)
    layers = [maps.circles(shown, rows.active_members.pow(0.5) * 12 + 600, colour)]
    title = f"Độ phủ mô hình {REGISTRY_LABEL.lower()}: {names[indicator]} (mục tiêu {fmt_pct(rows.goal.iloc[0], 0) if len(rows) else '–'})"
    legend = maps.legend(
        {"chưa có mô hình": maps.RED, "một nửa": maps.YELLOW, "đủ mục tiêu": maps.GREEN},
        "Màu: số đơn vị có mô hình ÷ mục tiêu; diện tích tỉ lệ số thành viên các mô hình đang hoạt động.",
    )

if shown.empty:
    st.info(layout.NO_DATA)
    st.stop()
if programme.boundaries and Path(programme.boundaries).is_file():
    colour_of = dict(zip(shown.area_code.str.removeprefix(NEW_PREFIX), colour, strict=True))
    labels = shown.set_index(shown.area_code.str.removeprefix(NEW_PREFIX))[["unit_name", "tile", "detail"]]
    choropleth = maps.boundaries(Path(programme.boundaries), colour_of, labels.to_dict("index"))
    layers = [choropleth, *layers] if choropleth else layers
st.subheader(title)
st.markdown(legend, unsafe_allow_html=True)
st.pydeck_chart(maps.deck(layers, shown, TOOLTIP), height=580)
layout.table(
    shown[["unit_name", "tile", "detail"]].rename(
        columns={"unit_name": "Địa bàn", "tile": "Giá trị", "detail": "Chi tiết"}
    ),
    f"ban_do_{topic}_{view}",
)
