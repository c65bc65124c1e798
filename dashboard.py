"""Entry point: page set-up, login, and the pages the signed-in role may open (streamlit run dashboard.py)."""

from pathlib import Path

import streamlit as st

from ui import auth

st.set_page_config(
    page_title="Phong trào bảo vệ ANTQ trên không gian mạng",
    page_icon=str(Path(__file__).parent / "ui" / "icon.png"),
    layout="wide",
)

user = auth.require_login()
auth.sidebar(user)
PAGES = [
    ("overview", "Tổng quan", ":material/dashboard:"),
    ("attainment", "Chỉ tiêu theo địa bàn", ":material/target:"),
    ("incidents", "Vụ việc", ":material/gavel:"),
    ("models", "Mô hình", ":material/groups:"),
    ("maps", "Bản đồ", ":material/map:"),
    ("compliance", "Tình hình báo cáo", ":material/fact_check:"),
    ("tasks", "Nhiệm vụ & kinh phí", ":material/event_note:"),
    ("briefing", "Trình chiếu sơ kết", ":material/slideshow:"),
    ("upload", "Nộp báo cáo", ":material/upload_file:"),
    ("admin", "Quản trị", ":material/admin_panel_settings:"),
]
navigation = st.navigation(
    [
        st.Page(f"pages/{name}.py", title=title, icon=icon, default=name == "overview")
        for name, title, icon in PAGES
        if name in auth.PAGES[user.role]
    ]
)
navigation.run()
