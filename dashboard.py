"""Entry point: page set-up and navigation (streamlit run dashboard.py)."""

from pathlib import Path

import streamlit as st

st.set_page_config(
    page_title="Phong trào bảo vệ ANTQ trên không gian mạng",
    page_icon=str(Path(__file__).parent / "ui" / "icon.png"),
    layout="wide",
)

navigation = st.navigation(
    [
        st.Page("pages/overview.py", title="Tổng quan", icon=":material/dashboard:", default=True),
        st.Page("pages/attainment.py", title="Chỉ tiêu theo địa bàn", icon=":material/target:"),
        st.Page("pages/incidents.py", title="Vụ việc", icon=":material/gavel:"),
        st.Page("pages/models.py", title="Mô hình", icon=":material/groups:"),
        st.Page("pages/maps.py", title="Bản đồ", icon=":material/map:"),
        st.Page("pages/compliance.py", title="Tình hình báo cáo", icon=":material/fact_check:"),
        st.Page("pages/tasks.py", title="Nhiệm vụ & kinh phí", icon=":material/event_note:"),
        st.Page("pages/briefing.py", title="Trình chiếu sơ kết", icon=":material/slideshow:"),
        st.Page("pages/upload.py", title="Nộp báo cáo", icon=":material/upload_file:"),
    ]
)
navigation.run()
