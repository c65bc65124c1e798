"""Quản trị: accounts (add, reset a password, remove) and the audit log."""

import streamlit as st

from data_pipeline.accounts import ROLES
from data_pipeline.errors import AccountError
from ui import admin, auth, layout

auth.page("admin")
st.title("Quản trị")
st.caption("Tài khoản đăng nhập và nhật ký thao tác (chỉ quản trị viên). Mật khẩu chỉ lưu dưới dạng băm bcrypt.")

st.subheader("Tài khoản")
st.dataframe(admin.accounts(), hide_index=True, width="stretch")
add, change = st.columns(2)
new_user = add.form("add_user")
name = new_user.text_input("Tên đăng nhập mới")
role = new_user.selectbox("Vai trò", list(ROLES), format_func=ROLES.get)
unit = new_user.text_input("Mã huyện/xã (cán bộ địa bàn)")
if new_user.form_submit_button("Tạo tài khoản"):
    try:
        add.success(f"Đã tạo '{name}'. Mật khẩu (chỉ hiện một lần): {admin.add(name.strip(), role, unit.strip())}")
    except AccountError as error:
        add.error(str(error))
existing = change.form("change_user")
target = existing.selectbox("Tài khoản", admin.accounts()["Tên đăng nhập"].tolist())
action = existing.radio("Thao tác", ["Đặt lại mật khẩu", "Xóa tài khoản"], horizontal=True)
if existing.form_submit_button("Thực hiện"):
    try:
        if action == "Đặt lại mật khẩu":
            change.success(f"Mật khẩu mới của '{target}' (chỉ hiện một lần): {admin.reset(target)}")
        else:
            admin.remove(target)
            change.success(f"Đã xóa '{target}'.")
    except AccountError as error:
        change.error(str(error))

st.subheader("Nhật ký thao tác")
layout.table(admin.audit_log(), "nhat_ky_thao_tac")
