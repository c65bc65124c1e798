"""Mô hình: the model registry by class, its growth since the baseline, coverage of the target it measures
per area and the units that still have no model."""

import streamlit as st

from data_pipeline.formatting import fmt_change, fmt_date, fmt_int
from ui import charts, data, filters, layout, models, tables

programme = layout.programme()
view = layout.view()
pid = programme.programme_id
layout.header("Mô hình", programme, " · Sổ theo dõi mô hình")

growth = data.model_growth(pid, view)
if growth.empty:
    st.info(layout.NO_DATA)
    st.stop()
monthly = models.monthly_totals(growth)
first, last = monthly.iloc[0], monthly.iloc[-1]
since = "mốc " + programme.baseline_label if programme.baseline_on is not None else "mô hình đầu tiên"
st.caption(f"So sánh ngày {fmt_date(monthly.index[-1])} với {since} ({fmt_date(monthly.index[0])}).")
cols = st.columns(3)
cols[0].metric(
    "Mô hình đang hoạt động",
    fmt_int(last.active_models),
    delta=fmt_change(last.active_models, first.active_models),
    help=f"Tại {fmt_date(monthly.index[0])}: {fmt_int(first.active_models)} mô hình",
)
cols[1].metric(
    "Thành viên",
    fmt_int(last.members),
    delta=fmt_change(last.members, first.members),
    help="Số thành viên theo lần đăng ký gần nhất của mỗi mô hình",
)
cols[2].metric("Mô hình mới từ mốc so sánh", fmt_int(last.active_models - first.active_models))
st.plotly_chart(charts.model_growth(growth), width="stretch")

st.subheader("Cơ cấu mô hình")
dimension = filters.select("Phân loại mô hình", list(tables.DIMENSIONS), "by", format_func=tables.DIMENSIONS.get)
breakdown = tables.breakdown_table(data.model_breakdown(pid, view, dimension), dimension)
st.plotly_chart(charts.model_breakdown(breakdown, tables.DIMENSIONS[dimension]), width="stretch")
if dimension == "theme":
    st.caption("Một mô hình theo nhiều chủ đề được tính ở mỗi chủ đề.")
layout.table(breakdown, f"mo_hinh_{dimension}_{view}")

models.milestones(pid)
models.contacts(pid)

target = layout.coverage_label(programme)
if target is None:
    layout.not_tracked(programme, "độ phủ mô hình theo đơn vị (không có chỉ tiêu đo bằng sổ mô hình)")
period = data.latest_due_period(pid)
rows = data.coverage_reconciliation(pid, view, period) if period else None
if rows is None or rows.empty:
    st.info(f"Chưa có kỳ báo cáo nào đến hạn để tổng hợp {target}.")
else:
    period_label = rows.period_label.iloc[0]
    st.subheader(f"Kết quả {target} — {period_label}")
    sources = {"reports": "báo cáo của các đơn vị", "registry": "sổ theo dõi mô hình"}
    official = rows.drop_duplicates("indicator_code")
    st.caption(
        "Mỗi ô: tử số/mẫu số (tỉ lệ), số liệu chính thức của chỉ tiêu theo tệp chương trình: "
        + "; ".join(f"{r.indicator_code} theo {sources[r.official_source]}" for r in official.itertuples())
        + "."
    )
    layout.table(tables.coverage_grid(rows), f"ket_qua_{period}_{view}")
    st.subheader("Đối chiếu với sổ theo dõi mô hình")
    st.caption(
        "Theo sổ theo dõi mô hình: số đơn vị có ít nhất một mô hình đang hoạt động tại hạn báo cáo / tổng số đơn vị "
        "trong danh mục (doanh nghiệp: không tính loại nhỏ, siêu nhỏ); theo báo cáo: số các đơn vị tự báo cáo; "
        "chênh lệch = tỉ lệ theo sổ − tỉ lệ theo báo cáo. Chỉ để đối chiếu, không thay số liệu chính thức."
    )
    layout.table(tables.reconciliation_table(rows), f"doi_chieu_so_mo_hinh_{period}_{view}")

st.subheader("Đơn vị chưa có mô hình")
gaps = data.model_gaps(pid, view)
if gaps.empty:
    st.success(f"Mọi đơn vị thuộc {target} đã có ít nhất một mô hình đang hoạt động.")
else:
    areas = ["all", *sorted(gaps.area_name.unique())]
    area = filters.select(
        "Địa bàn (danh sách chưa có mô hình)", areas, "gap_area", format_func=lambda a: "Tất cả" if a == "all" else a
    )
    shown = gaps if area == "all" else gaps[gaps.area_name == area]
    counts = shown.unit_kind.map(tables.KIND_NAMES).value_counts()
    st.caption(f"{fmt_int(len(shown))} đơn vị: " + ", ".join(f"{k} {fmt_int(v)}" for k, v in counts.items()))
    layout.table(tables.gaps_table(shown), f"don_vi_chua_co_mo_hinh_{view}")
