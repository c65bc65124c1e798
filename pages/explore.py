"""Khai thác dữ liệu: pivot tables over the marts and a sandboxed SQL lab, for analysts."""

import streamlit as st

from data_pipeline.errors import QueryRefused
from data_pipeline.warehouse.pivots import AGGREGATIONS, PIVOTS, Pivot
from data_pipeline.warehouse.sandbox import MAX_ROWS, TIME_LIMIT_SECONDS
from ui import auth, data, explore, filters, layout, tables

auth.page("explore")
programme = layout.programme()
view = layout.view()
layout.header("Khai thác dữ liệu", programme)
pivot_tab, sql_tab = st.tabs(["Bảng tổng hợp", "Truy vấn SQL"])

name = explore.NAMES.get
mart = filters.select("Bảng dữ liệu", list(explore.MARTS), "mart", format_func=explore.MARTS.get)
spec = PIVOTS[mart]
dimensions = list(spec["dimensions"])
rows = filters.select("Hàng", dimensions, "rows", format_func=name)
columns = filters.select("Cột", ["none", *[d for d in dimensions if d != rows]], "cols", format_func=name)
measure = filters.select("Số đo", [*spec["measures"], *spec["rates"]], "measure", format_func=name)
is_rate = measure in spec["rates"]
split = None if columns == "none" else columns
aggregation = "sum" if is_rate else filters.select("Tổng hợp", list(AGGREGATIONS), "agg", format_func=name)
periods = data.periods(programme.programme_id)
scope = {}
if "period_label" in dimensions and rows != "period_label" and columns != "period_label":
    latest = periods.period_label[periods.period == data.latest_due_period(programme.programme_id)]
    scope["period_label"] = filters.select(
        "Kỳ báo cáo", periods.period_label.tolist(), "pivot_period", next(iter(latest), None)
    )
long = data.pivot(Pivot(mart, programme.programme_id, view, rows, split, measure, aggregation, tuple(scope.items())))
table = tables.pivot_table(long, rows, split, measure)
pivot_tab.caption(
    "Tỉ lệ được tính lại từ tổng tử số và tổng mẫu số, không lấy trung bình các tỉ lệ; ô trống là chưa có số liệu."
    if is_rate
    else f"{name(aggregation)} của {name(measure).lower()} theo {name(rows).lower()}."
)
pivot_tab.plotly_chart(explore.pivot_chart(long, rows, split, measure, is_rate), width="stretch")
layout.table(table, f"tong_hop_{mart}_{rows}_{columns}_{measure}", explore.value_kinds(table, is_rate), into=pivot_tab)

sql_tab.caption(
    f"Chỉ đọc các bảng mart_* của bản dựng hiện tại; một câu SELECT mỗi lần, tối đa {MAX_ROWS:_} dòng, "
    f"{TIME_LIMIT_SECONDS:g} giây. Không đọc được tệp, mạng hay thay đổi dữ liệu. Các truy vấn mẫu chỉ lấy số liệu "
    "của chương trình và cơ cấu hành chính đang chọn.".replace("_", ".")
)
samples = explore.sample_queries(programme.programme_id, view)
example = sql_tab.selectbox("Truy vấn mẫu", list(samples))
# keyed by programme and view too, so another programme's sample never stays in the box
sql = sql_tab.text_area("SQL", samples[example], height=200, key=f"sql_{programme.programme_id}_{view}_{example}")
if sql_tab.button("Chạy truy vấn", key="run_sql"):
    try:
        result = explore.run_sql(sql)
        if result.truncated:
            sql_tab.warning(f"Chỉ hiện {MAX_ROWS:_} dòng đầu.".replace("_", "."))
        layout.table(result.frame, "truy_van_sql", into=sql_tab)
    except QueryRefused as error:
        sql_tab.error(str(error))
