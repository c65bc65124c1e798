"""Accounts and the audit log. Passwords are stored only as bcrypt hashes, in a file under the
data home (never in git); every login, upload, rebuild, export and account change is appended
to the audit log with its time and user."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import bcrypt

from data_pipeline.errors import AccountError
from data_pipeline.settings import Paths

ROLES = {
    "admin": "Quản trị",
    "analyst": "Phân tích",
    "officer": "Cán bộ địa bàn",
    "leader": "Lãnh đạo",
}
PASSWORD_BYTES = 12  # 16 characters of URL-safe base64


@dataclass(frozen=True)
class User:
    name: str
    role: str
    # An officer's district or commune (internal code); None for roles that see the province.
    unit: str | None
    password_hash: str

    @property
    def role_label(self) -> str:
        return ROLES[self.role]


def load_users(paths: Paths) -> dict[str, User]:
    """The accounts; read again only when the file changes (every page read checks the user)."""
    path = paths.users_file
    if not path.exists():
        return {}
    return dict(_read_users(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=8)
def _read_users(path: Path, mtime_ns: int) -> tuple[tuple[str, User], ...]:
    return tuple((row["name"], User(**row)) for row in json.loads(path.read_text(encoding="utf-8")))


def _save(paths: Paths, users: dict[str, User]) -> None:
    path = paths.users_file
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps([asdict(u) for u in users.values()], ensure_ascii=False, indent=1), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def new_password() -> str:
    return secrets.token_urlsafe(PASSWORD_BYTES)


def _hash(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def add_user(paths: Paths, name: str, role: str, unit: str | None, by: str) -> str:
    """Create an account with a random password, returned once (only its hash is kept)."""
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}")
    if (role == "officer") != bool(unit):
        raise AccountError("Cán bộ địa bàn cần --unit (mã huyện hoặc xã); các vai trò khác không có --unit")
    with paths.lock():
        users = load_users(paths)
        if name in users:
            raise AccountError(f"Tài khoản '{name}' đã có")
        password = new_password()
        users[name] = User(name, role, unit, _hash(password))
        _save(paths, users)
    audit(paths, by, "user_add", {"name": name, "role": role, "unit": unit})
    return password


def remove_user(paths: Paths, name: str, by: str, keep_an_admin: bool = True) -> None:
    """Remove an account; the last admin stays unless the caller made it itself (a tool's
    temporary account on a home without accounts)."""
    with paths.lock():
        users = load_users(paths)
        if name not in users:
            raise AccountError(f"Không có tài khoản '{name}'")
        last_admin = users[name].role == "admin" and sum(u.role == "admin" for u in users.values()) == 1
        if last_admin and keep_an_admin:
            raise AccountError("Không xóa được quản trị viên cuối cùng")
        del users[name]
        _save(paths, users)
    audit(paths, by, "user_remove", {"name": name})


def reset_password(paths: Paths, name: str, by: str) -> str:
    with paths.lock():
        users = load_users(paths)
        if name not in users:
            raise AccountError(f"Không có tài khoản '{name}'")
        password = new_password()
        users[name] = User(name, users[name].role, users[name].unit, _hash(password))
        _save(paths, users)
    audit(paths, by, "user_reset", {"name": name})
    return password


def ensure_admin(paths: Paths) -> str | None:
    """The first run's admin account: created with a random password (returned, to be shown
    once) when there is no account at all; None when accounts exist."""
    if load_users(paths):
        return None
    return add_user(paths, "admin", "admin", None, by="hệ thống")


def authenticate(paths: Paths, name: str, password: str) -> User | None:
    """The account when the password is right; every attempt is audited."""
    user = load_users(paths).get(name)
    # check a hash even for an unknown name, so timing does not tell which names exist
    stored = user.password_hash.encode("ascii") if user else bcrypt.hashpw(b"x", bcrypt.gensalt())
    ok = bcrypt.checkpw(password.encode("utf-8"), stored) and user is not None
    audit(paths, name, "login_ok" if ok else "login_failed", {})
    return user if ok else None


def audit(paths: Paths, user: str, action: str, details: dict) -> None:
    """Append one event (one line, one write) to the audit log."""
    path = paths.audit_log
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    event = {"at": dt.datetime.now().isoformat(timespec="seconds"), "user": user, "action": action, **details}
    line = (json.dumps(event, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def read_audit(paths: Paths, limit: int = 1000) -> list[dict]:
    """The latest events, newest first."""
    path = paths.audit_log
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[-limit:]
    return [json.loads(line) for line in reversed(lines)]
