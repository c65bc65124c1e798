"""Login before any page, sessions that expire, and what each role may see and do. The checks
run where data is read or written (ui.data, ui.intake, ui.admin), not only in the navigation."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from data_pipeline import accounts
from data_pipeline.settings import resolve_paths

SESSION_KEY = "auth"
NAVIGATED = "navigated"  # set once dashboard.py has run in the session
IDLE_SECONDS = 30 * 60
MAX_SESSION_SECONDS = 10 * 60 * 60
FAILED_LOGINS_BEFORE_PAUSE = 5
PAUSE_SECONDS = 30

# Pages each role reaches (file name under pages/).
READING = {"overview", "attainment", "incidents", "models", "maps", "compliance", "activities", "tasks"}
PAGES = {
    "admin": READING | {"briefing", "explore", "upload", "admin"},
    "analyst": READING | {"briefing", "explore"},
    "officer": READING | {"upload"},
    "leader": READING | {"briefing"},
}
EXPORTERS = {"admin", "analyst"}
UPLOADERS = {"admin", "officer"}


class Forbidden(PermissionError):
    """An action the signed-in role may not take."""


def current_user() -> accounts.User | None:
    """The signed-in account, or None (never signed in, expired, or removed since)."""
    session = st.session_state.get(SESSION_KEY)
    if not session:
        return None
    now = time.time()
    if now - session["last_seen"] > IDLE_SECONDS or now - session["since"] > MAX_SESSION_SECONDS:
        st.session_state.pop(SESSION_KEY)
        st.session_state["auth_message"] = "Phiên làm việc đã hết hạn; vui lòng đăng nhập lại."
        return None
    user = accounts.load_users(resolve_paths()).get(session["name"])
    if user is None:
        st.session_state.pop(SESSION_KEY)
        return None
    session["last_seen"] = now
    return user


def require_login() -> accounts.User:
    """The signed-in account; otherwise the login form, and the page stops there."""
    _leave_pages_discovery()
    user = current_user() or login_form()
    if user is None:
        st.stop()
    return user


def _leave_pages_discovery() -> None:
    """On a fresh server, Streamlit runs the page a deep link names straight from its `pages/`
    folder (file names in the sidebar, dashboard.py skipped) until some session has called
    st.navigation. Turn that off, as st.navigation itself does, and run again through dashboard.py:
    the same page then opens with the dashboard's navigation, layout and login. Only for a session
    that has not been through dashboard.py yet: a rerun drops the click that caused the run.
    PagesManager.uses_pages_directory is no public API: tests/test_read_path.py pins what this
    relies on, so a Streamlit upgrade that changes it fails there first."""
    if PagesManager.uses_pages_directory and not st.session_state.get(NAVIGATED):
        PagesManager.uses_pages_directory = False
        st.rerun()


def login_form() -> accounts.User | None:
    """The login form; the account once its password is right (the form is then cleared)."""
    login = st.empty()
    form = login.container()
    form.title("Đăng nhập")
    if not accounts.load_users(resolve_paths()):
        form.error(
            "Chưa có tài khoản nào. Tạo tài khoản quản trị: python -m data_pipeline user init (make run tự làm việc này)."
        )
        st.stop()
    if message := st.session_state.pop("auth_message", None):
        form.info(message)
    failures = st.session_state.setdefault("auth_failures", [])
    recent = [t for t in failures if time.time() - t < PAUSE_SECONDS]
    fields = form.form("login")
    name = fields.text_input("Tên đăng nhập")
    password = fields.text_input("Mật khẩu", type="password")
    if fields.form_submit_button("Đăng nhập"):
        if len(recent) >= FAILED_LOGINS_BEFORE_PAUSE:
            form.error(f"Đăng nhập sai nhiều lần; thử lại sau {PAUSE_SECONDS} giây.")
        elif (account := accounts.authenticate(resolve_paths(), name.strip(), password)) is not None:
            st.session_state[SESSION_KEY] = {"name": account.name, "since": time.time(), "last_seen": time.time()}
            login.empty()
            return account
        else:
            failures.append(time.time())
            form.error("Tên đăng nhập hoặc mật khẩu không đúng.")
    return None


def page(name: str) -> accounts.User:
    """The signed-in account if its role may open page `name`; otherwise say so and stop."""
    user = require_login()
    if name not in PAGES[user.role]:
        st.error(f"Tài khoản {user.name} ({user.role_label}) không có quyền mở trang này.")
        st.stop()
    return user


def sidebar(user: accounts.User) -> None:
    """Who is signed in, and the way out."""
    scope = f" · {user.unit}" if user.unit else ""
    st.sidebar.caption(f"Đăng nhập: {user.name} ({user.role_label}{scope})")
    if st.sidebar.button("Đăng xuất", key="logout"):
        audit(user, "logout", {})
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def require(allowed: set[str]) -> accounts.User:
    """The signed-in account if its role is among `allowed`; Forbidden otherwise."""
    user = current_user()
    if user is None:
        raise Forbidden("Tài khoản này không có quyền thực hiện thao tác này")
    return still_allowed(user, allowed)


def still_allowed(user: accounts.User, allowed: set[str]) -> accounts.User:
    """`user` as the accounts file has it now, if it still exists with a role among `allowed`;
    Forbidden otherwise. For work done outside the page's run (a download made when its button is
    clicked runs with no session to ask), on behalf of the account the page was drawn for."""
    account = accounts.load_users(resolve_paths()).get(user.name)
    if account is None or account.role not in allowed:
        raise Forbidden("Tài khoản này không có quyền thực hiện thao tác này")
    return account


def audit(user: accounts.User | None, action: str, details: dict) -> None:
    accounts.audit(resolve_paths(), user.name if user else "không rõ", action, details)


def scope_units(user: accounts.User, area_map: pd.DataFrame) -> set[str] | None:
    """The units an officer's submission details are limited to: their own unit, the units it
    rolls up from, and the units that roll up into it (in either structure); None = all."""
    if user.role != "officer":
        return None
    inside = area_map[area_map.area_code == user.unit].source_code
    return {user.unit, *inside}
