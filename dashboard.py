"""Entry point: page set-up, login, and the pages the signed-in role may open (streamlit run dashboard.py)."""

from pathlib import Path

import streamlit as st

from ui import auth, layout

st.set_page_config(
    page_title="Phong trào bảo vệ ANTQ trên không gian mạng",
    page_icon=str(Path(__file__).parent / "ui" / "icon.png"),
    layout="wide",
)

PAGES = [
    ("overview", "Tổng quan", ":material/dashboard:"),
    ("attainment", "Chỉ tiêu theo địa bàn", ":material/target:"),
    ("incidents", "Vụ việc", ":material/gavel:"),
    ("models", "Mô hình", ":material/groups:"),
    ("maps", "Bản đồ", ":material/map:"),
    ("compliance", "Tình hình báo cáo", ":material/fact_check:"),
    ("activities", "Kết quả hoạt động", ":material/campaign:"),
    ("tasks", "Nhiệm vụ & kinh phí", ":material/event_note:"),
    ("briefing", "Trình chiếu sơ kết", ":material/slideshow:"),
    ("explore", "Khai thác dữ liệu", ":material/query_stats:"),
    ("upload", "Nộp báo cáo", ":material/upload_file:"),
    ("admin", "Quản trị", ":material/admin_panel_settings:"),
]


def pages(role: str | None) -> list:
    """The role's pages (all of them, unlisted, while nobody is signed in)."""
    return [
        st.Page(f"pages/{name}.py", title=title, icon=icon, default=name == "overview")
        for name, title, icon in PAGES
        if role is None or name in auth.PAGES[role]
    ]


user = auth.current_user()
# The pages are registered before the login form (unlisted while nobody is signed in), so the
# form belongs to the same page in every run and the page a shared link names opens once signed in.
page = st.navigation(pages(user.role if user else None), position="sidebar" if user else "hidden")
st.session_state[auth.NAVIGATED] = True
if user is None:
    if auth.login_form() is None:
        st.stop()
    st.rerun()
auth.sidebar(user)
layout.sidebar_demo_mark()
page.run()
