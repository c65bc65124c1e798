"""The presentation page's slides: one function per slide, drawn full width in large type."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_pipeline.briefing.collect import Briefing
from data_pipeline.formatting import fmt_date, fmt_int, fmt_pct, fmt_window, percent
from data_pipeline.warehouse import compstat
from data_pipeline.warehouse.statuses import REGISTRY_LABEL, TASK_STATUSES
from ui import charts, layout, tables
from ui import incidents as incident_views

BIG = '<div style="font-size:1.6rem;line-height:1.5">{}</div>'


def _big(text: str) -> None:
    st.markdown(BIG.format(text), unsafe_allow_html=True)


def demo_mark(brief: Briefing) -> None:
    """The "Dữ liệu mô phỏng" badge above every slide made from the demo's data."""
    if brief.is_demo:
        layout.demo_mark()


def directions_key(brief: Briefing) -> str:
    return f"directions_{brief.programme_id}_{brief.period}"


def title(brief: Briefing) -> None:
    st.title(brief.programme_name)
    _big(f"<b>Báo cáo sơ kết — {brief.period_label}</b><br/>{brief.secretariat}")
    _big(f"Số liệu đến ngày {fmt_date(brief.as_of)} · {brief.view_label}")


def headline(brief: Briefing) -> None:
    if brief.headline.empty and not brief.activities.empty:
        st.header("Kết quả hoạt động")
        _big(f"{brief.short_name} không đặt chỉ tiêu tỉ lệ: số lượng hoạt động các đơn vị đã báo cáo.")
        rows = brief.activities.assign(activity_order=range(len(brief.activities)))
        st.plotly_chart(charts.activity_bars(rows, brief.period_label), width="stretch")
        return
    st.header("Kết quả thực hiện các chỉ tiêu")
    _big(
        layout.review_sentence(
            brief.met_or_on_track,
            brief.judged,
            brief.on_track_share,
            brief.review_name,
            brief.required_share,
            brief.meets_review_rule,
        )
    )
    frame = brief.headline.assign(unit_name="Toàn tỉnh", unit_level="province", numerator=None, denominator=None)
    st.plotly_chart(_rate_bars(frame), width="stretch")


def _rate_bars(frame: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    figure.add_bar(x=frame.indicator_code, y=frame.rate.map(percent), name="Tỉ lệ đạt (%)", marker_color="#1565c0")
    figure.add_bar(x=frame.indicator_code, y=frame.goal.map(percent), name="Mục tiêu (%)", marker_color="#cfd8dc")
    figure.update_xaxes(type="category")
    return charts.layout_figure(figure, "Tỉ lệ đạt và mục tiêu của từng chỉ tiêu, toàn tỉnh", "Chỉ tiêu", "Tỉ lệ (%)")


def areas(brief: Briefing) -> None:
    st.header("Kết quả theo địa bàn")
    ranking = brief.ranking.sort_values("score")
    figure = go.Figure(
        go.Bar(
            y=ranking.area_name, x=ranking.score.map(percent), orientation="h", marker_color="#2e7d32", name="Mức đạt"
        )
    )
    height = 140 + 22 * len(ranking)
    st.plotly_chart(
        charts.layout_figure(
            figure, "Mức đạt bình quân các chỉ tiêu", "Mức đạt bình quân (%)", brief.area_label, height
        ),
        width="stretch",
    )


def compliance(brief: Briefing) -> None:
    st.header("Tình hình nộp báo cáo")
    c = brief.compliance
    _big(
        f"Đã nộp {fmt_int(c['received'])}/{fmt_int(c['expected'])} đơn vị ({fmt_pct(c['reporting_rate'])}); "
        f"đúng hạn {fmt_int(c['on_time'])} ({fmt_pct(c['on_time_rate'])}); trễ hạn {fmt_int(c['late'])}; "
        f"chưa nộp {fmt_int(c['missing'])}."
    )
    layout.table(tables.late_units_table(brief.late_units), f"tre_han_{brief.period}")


def incidents(brief: Briefing) -> None:
    rows = brief.incidents.rename(columns={"category_name": "name"})
    if brief.incidents_note is not None:
        st.header(f"Vụ việc {brief.incidents_label}")
        _big(brief.incidents_note)
    else:
        st.header("Vụ việc so với cùng kỳ")
        flagged = rows[rows.flag == compstat.UP].name.tolist()
        _big(
            "Tăng bất thường: " + ", ".join(flagged) if flagged else "Không loại vụ việc nào tăng vượt dao động thường."
        )
    title = f"Vụ việc {brief.incidents_label}"
    figure = incident_views.bars(rows, title, brief.incidents_window, brief.incidents_baseline, "Loại vụ việc")
    st.plotly_chart(figure, width="stretch")


def coverage(brief: Briefing) -> None:
    frame = brief.coverage
    if frame.empty and not (brief.milestones.empty and brief.contacts.empty):
        model_steps(brief)
        return
    st.header("Mô hình: kết quả và đối chiếu sổ theo dõi")
    if frame.empty:
        st.info(f"{brief.short_name} không có chỉ tiêu đo bằng sổ theo dõi mô hình.")
        return
    names = frame.indicator_code + " " + frame.indicator_name
    figure = go.Figure()
    figure.add_bar(x=names, y=frame.rate.map(percent), name="Kết quả (%)", marker_color="#1565c0")
    figure.add_bar(x=names, y=frame.registry_rate.map(percent), name=f"{REGISTRY_LABEL} (%)", marker_color="#2e7d32")
    figure.add_bar(x=names, y=frame.goal.map(percent), name="Mục tiêu (%)", marker_color="#cfd8dc")
    st.plotly_chart(
        charts.layout_figure(figure, "Kết quả các chỉ tiêu mô hình, toàn tỉnh", "Chỉ tiêu", "Tỉ lệ (%)"),
        width="stretch",
    )
    st.caption("Bản đồ độ phủ theo địa bàn: trang Bản đồ, nội dung “Độ phủ mô hình”.")


def model_steps(brief: Briefing) -> None:
    """A model built in steps: the districts on each step, and the contacts with group admins."""
    st.header("Xây dựng mô hình: các bước và tiếp xúc định kỳ")
    if not brief.milestones.empty:
        st.plotly_chart(charts.milestone_counts(brief.milestones), width="stretch")
    if not brief.contacts.empty:
        last = brief.contacts.iloc[-1]
        _big(
            f"Kỳ gần nhất ({fmt_window(last.window_start, last.window_end)}): {fmt_int(last.compliant)}/"
            f"{fmt_int(last.groups)} hội nhóm được tiếp xúc với quản trị viên ({fmt_pct(last.compliant_share)})."
        )
        st.plotly_chart(charts.contact_compliance(brief.contacts), width="stretch")


def tasks_budget(brief: Briefing) -> None:
    st.header("Nhiệm vụ và kinh phí")
    counts = brief.tasks.status.value_counts()
    _big(" · ".join(f"{status}: {fmt_int(counts.get(status, 0))}" for status in TASK_STATUSES))
    st.plotly_chart(charts.budget_bars(brief.budget), width="stretch")


def weak_units(brief: Briefing) -> None:
    st.header("Đơn vị xếp loại Trung bình, Yếu")
    if brief.weak_units.empty:
        _big("Không đơn vị nào xếp loại Trung bình hoặc Yếu.")
        return
    layout.table(tables.weak_units_table(brief.weak_units), f"xep_loai_{brief.period}")


def directions(brief: Briefing) -> None:
    st.header("Phương hướng, nhiệm vụ")
    st.caption("Từ đề xuất, kiến nghị trong báo cáo của các đơn vị; sửa trước khi xuất (mỗi dòng một ý).")
    st.text_area("Phương hướng, nhiệm vụ", key=directions_key(brief), height=260, label_visibility="collapsed")


TITLES = {
    "Trang tiêu đề": title,
    "Kết quả các chỉ tiêu": headline,
    "Kết quả theo địa bàn": areas,
    "Tình hình nộp báo cáo": compliance,
    "Vụ việc": incidents,
    "Mô hình": coverage,
    "Nhiệm vụ và kinh phí": tasks_budget,
    "Đơn vị xếp loại Trung bình, Yếu": weak_units,
    "Phương hướng, nhiệm vụ": directions,
}
