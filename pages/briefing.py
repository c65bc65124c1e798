"""Trình chiếu sơ kết: the meeting's slides one at a time, and the deck and draft report to take away."""

import streamlit as st

from data_pipeline.formatting import fmt_date
from ui import auth, layout, slides
from ui import briefing as briefs

auth.page("briefing")
programme = layout.programme()
view = layout.view()
period = layout.period(programme.programme_id)
brief = briefs.load(programme.programme_id, period, view)
titles = list(slides.TITLES)
index = min(max(int(st.query_params.get("slide", 1)), 1), len(titles))
st.sidebar.caption(f"Trang {index}/{len(titles)}: {titles[index - 1]}")
previous_, jump, next_ = st.columns([1, 6, 1])
if previous_.button("◀ Trước", disabled=index == 1, width="stretch"):
    index -= 1
if next_.button("Sau ▶", disabled=index == len(titles), width="stretch"):
    index += 1
index = jump.select_slider(
    "Trang",
    range(1, len(titles) + 1),
    value=index,
    format_func=lambda i: f"{i}. {titles[i - 1]}",
    label_visibility="collapsed",
)
st.query_params["slide"] = str(index)
slides.demo_mark(brief)
slides.TITLES[titles[index - 1]](brief)

st.divider()
directions = st.session_state.setdefault(slides.directions_key(brief), "\n".join(brief.directions))
pptx, docx = st.columns(2)
edited = [line.strip() for line in directions.splitlines() if line.strip()]
pptx.download_button(
    "Tải bộ trình chiếu (PowerPoint)",
    lambda: briefs.export(brief, ".pptx", edited),
    file_name=f"so_ket_{programme.programme_id}_{period}.pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
docx.download_button(
    "Tải dự thảo báo cáo (Word)",
    lambda: briefs.export(brief, ".docx", edited),
    file_name=f"bao_cao_so_ket_{programme.programme_id}_{period}.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
st.caption(
    f"{brief.programme_name} · {brief.period_label} · {brief.view_label} · số liệu đến {fmt_date(brief.as_of)} "
    f"(bản dựng {brief.build_id}). Biểu đồ trong tệp PowerPoint là biểu đồ gốc, sửa được số và chữ."
)
