"""Mô hình: the model registry by class, its growth since the baseline, coverage of the target it measures
per area and the units that still have no model."""

import streamlit as st

from data_pipeline.formatting import fmt_change, fmt_date, fmt_int
from ui import charts, filters, layout, models
from ui.data import fetch

programme = layout.programme()
view = layout.view()
pid = programme.programme_id
layout.header("Mô hình", programme, " · Sổ theo dõi mô hình")

growth = fetch("model_growth", pid, view)
if growth.empty:
    st.info(layout.NO_DATA)
    st.stop()
monthly = growth.groupby("month_end")[["active_models", "members"]].sum()
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
dimension = filters.select("Phân loại mô hình", list(models.DIMENSIONS), "by", format_func=models.DIMENSIONS.get)
breakdown = models.breakdown_table(fetch("model_breakdown", pid, view, dimension), dimension)
st.plotly_chart(charts.model_breakdown(breakdown, models.DIMENSIONS[dimension]), width="stretch")
if dimension == "theme":
    st.caption("Một mô hình theo nhiều chủ đề được tính ở mỗi chủ đề.")
layout.table(breakdown, f"mo_hinh_{dimension}_{view}")

models.milestones(pid)
models.contacts(pid)

target = layout.coverage_label(programme)
if target is None:
    layout.not_tracked(programme, "độ phủ mô hình theo đơn vị (không có chỉ tiêu đo bằng sổ mô hình)")
st.subheader(f"Độ phủ mô hình theo {target}")
coverage = fetch("model_coverage", pid, view)
st.caption(
    "Mỗi ô: số đơn vị có ít nhất một mô hình đang hoạt động / tổng số đơn vị (tỉ lệ), theo sổ theo dõi mô hình "
    "và danh mục đơn vị. Doanh nghiệp: chỉ tính doanh nghiệp không thuộc loại nhỏ, siêu nhỏ."
)
layout.table(models.coverage_grid(coverage), f"do_phu_mo_hinh_{view}")
period = fetch("latest_due_period", pid)
reported = fetch("reported_coverage", pid, view, period) if period else None
if reported is not None and not reported.empty:
    st.caption(
        f"Chỉ tiêu sổ mô hình không đo được (ví dụ hộ gia đình có thành viên tham gia mô hình), "
        f"theo báo cáo của các đơn vị — {reported.period_label.iloc[0]}:"
    )
    layout.table(layout.attainment_table(reported), f"do_phu_bao_cao_{period}_{view}")

st.subheader("Đơn vị chưa có mô hình")
gaps = fetch("model_gaps", pid, view)
if gaps.empty:
    st.success(f"Mọi đơn vị thuộc {target} đã có ít nhất một mô hình đang hoạt động.")
else:
    areas = ["all", *sorted(gaps.area_name.unique())]
    area = filters.select(
        "Địa bàn (danh sách chưa có mô hình)", areas, "gap_area", format_func=lambda a: "Tất cả" if a == "all" else a
    )
    shown = gaps if area == "all" else gaps[gaps.area_name == area]
    counts = shown.unit_kind.map(models.KIND_NAMES).value_counts()
    st.caption(f"{fmt_int(len(shown))} đơn vị: " + ", ".join(f"{k} {fmt_int(v)}" for k, v in counts.items()))
    layout.table(models.gaps_table(shown), f"don_vi_chua_co_mo_hinh_{view}")
