"""Account management and the audit log, for administrators only (checked here, not only by
the navigation)."""

from __future__ import annotations

import pandas as pd

from data_pipeline import accounts as account_store
from data_pipeline.settings import resolve_paths
from ui import auth

ACTIONS = {
    "login_ok": "đăng nhập",
    "login_failed": "đăng nhập sai",
    "logout": "đăng xuất",
    "upload": "nộp tệp",
    "rebuild": "dựng lại kho",
    "export": "tải bảng",
    "user_add": "tạo tài khoản",
    "user_remove": "xóa tài khoản",
    "user_reset": "đặt lại mật khẩu",
}


def accounts() -> pd.DataFrame:
    auth.require({"admin"})
    rows = account_store.load_users(resolve_paths()).values()
    return pd.DataFrame(
        {
            "Tên đăng nhập": [u.name for u in rows],
            "Vai trò": [u.role_label for u in rows],
            "Địa bàn": [u.unit or "" for u in rows],
        }
    )


def audit_log(limit: int = 500) -> pd.DataFrame:
    auth.require({"admin"})
    events = account_store.read_audit(resolve_paths(), limit)
    return pd.DataFrame(
        {
            "Thời điểm": [e["at"] for e in events],
            "Người dùng": [e["user"] for e in events],
            "Thao tác": [ACTIONS.get(e["action"], e["action"]) for e in events],
            "Chi tiết": [
                ", ".join(f"{k}: {v}" for k, v in e.items() if k not in ("at", "user", "action")) for e in events
            ],
        }
    )


def add(name: str, role: str, unit: str | None) -> str:
    admin = auth.require({"admin"})
    return account_store.add_user(resolve_paths(), name, role, unit or None, by=admin.name)


def reset(name: str) -> str:
    admin = auth.require({"admin"})
    return account_store.reset_password(resolve_paths(), name, by=admin.name)


def remove(name: str) -> None:
    admin = auth.require({"admin"})
    account_store.remove_user(resolve_paths(), name, by=admin.name)
