"""Bản đồ: attainment, incidents and model coverage on the areas of the chosen structure, offline."""

import datetime as dt

import pandas as pd
import streamlit as st

from data_pipeline.formatting import fmt_int, fmt_pct
from ui import filters, layout, maps
from ui.data import current, fetch

programme = layout.programme()
view = layout.view()
layout.header("Bản đồ", programme)
st.caption(
    "Bản đồ không dùng nền bản đồ trực tuyến: mỗi vòng tròn đặt tại tọa độ của "
    f"{layout.area_label(view).lower()} theo vietnamadminunits."
)
topic = filters.select(
    "Nội dung",
    ["attainment", "incidents", "coverage"],
    "topic",
    format_func={
        "attainment": "Mức đạt chỉ tiêu",
        "incidents": "Vụ việc",
        "coverage": "Độ phủ mô hình (chỉ tiêu 2.9)",
    }.get,
)

if topic == "attainment":
    period = layout.period(programme.programme_id)
    rows = fetch("attainment", programme.programme_id, view, period)
    names = dict(zip(rows.indicator_code, rows.indicator_name, strict=False))
    indicator = filters.select("Chỉ tiêu", list(names), "indicator", format_func=lambda c: f"{c} – {names[c]}")
    rows = rows[(rows.indicator_code == indicator) & (rows.unit_level != "province")]
    shown = rows.assign(tile=rows.rate.map(fmt_pct), detail=rows.status)
    radius, colour = pd.Series(1800, index=rows.index), rows.progress.map(maps.share_colour)
    st.subheader(f"Chỉ tiêu {indicator}: {names[indicator]} — {rows.period_label.iloc[0]}")
    st.caption("Màu: mức đạt so với mục tiêu hoặc lộ trình (đỏ 0 % → xanh 100 %); xám: chưa có số liệu.")
elif topic == "incidents":
    as_of = dt.date.fromisoformat(current()[1]["as_of"])
    rows = fetch("incidents_by_area", programme.programme_id, view, dt.date(as_of.year, 1, 1), as_of)
    shown = rows.assign(
        unit_name=rows.area_name,
        tile=rows.cases.map(fmt_int),
        detail=rows.prosecuted.map(lambda v: f"{fmt_int(v)} khởi tố"),
    )
    radius = rows.cases.pow(0.5) * 700
    colour = rows.cases.map(lambda _: [198, 40, 40, 170])
    st.subheader(f"Vụ việc từ 1/1/{as_of.year} đến {as_of:%d/%m/%Y}")
    st.caption("Diện tích vòng tròn tỉ lệ với số vụ việc.")
else:
    coverage = fetch("model_coverage", programme.programme_id, view)
    names = dict(zip(coverage.indicator_code, coverage.indicator_name, strict=False))
    indicator = filters.select("Đơn vị", list(names), "coverage", format_func=lambda c: f"{c} – {names[c]}")
    rows = coverage[(coverage.indicator_code == indicator) & (coverage.unit_level != "province")]
    shown = rows.assign(
        tile=rows.coverage.map(fmt_pct), detail=rows.units_with_model.astype(str) + "/" + rows.units.astype(str)
    )
    radius, colour = rows.units.pow(0.5) * 500, (rows.coverage / rows.goal).map(maps.share_colour)
    st.subheader(f"Độ phủ mô hình: {names[indicator]} (mục tiêu {fmt_pct(rows.goal.iloc[0], 0) if len(rows) else '–'})")
    st.caption("Màu: độ phủ so với mục tiêu; diện tích tỉ lệ với số đơn vị.")

if rows.empty:
    st.info(layout.NO_DATA)
    st.stop()
st.pydeck_chart(maps.points(shown, radius, colour, "<b>{unit_name}</b><br/>{tile} · {detail}"), height=560)
layout.table(
    shown[["unit_name", "tile", "detail"]].rename(
        columns={"unit_name": "Địa bàn", "tile": "Giá trị", "detail": "Chi tiết"}
    ),
    f"ban_do_{topic}_{view}",
)
