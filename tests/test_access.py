"""Who may see and do what: the login form, expiring sessions, each role against each page,
an officer limited to their own district, and the audit log of it all (fixture accounts in
fixture_data.ACCOUNTS: quantri admin, phantich analyst, canbo_yt officer of Huyện Yên Thế 215, lanhdao
leader)."""

import json
import shutil
import time

import pandas as pd
import pytest
from fixture_data import PROGRAMMES
from helpers import PASSWORDS, signed_in, simple_report
from streamlit.testing.v1 import AppTest

from data_pipeline.accounts import read_audit
from data_pipeline.settings import REPO_ROOT, resolve_paths

DASHBOARD = str(REPO_ROOT / "dashboard.py")
PAGES = [
    "overview",
    "attainment",
    "incidents",
    "models",
    "maps",
    "compliance",
    "tasks",
    "briefing",
    "explore",
    "upload",
    "admin",
]
# The access matrix as tested: ✓ = the page opens, ✗ = refused.
MATRIX = {
    "quantri": "✓✓✓✓✓✓✓✓✓✓✓",
    "phantich": "✓✓✓✓✓✓✓✓✓✗✗",
    "canbo_yt": "✓✓✓✓✓✓✓✗✗✓✗",
    "lanhdao": "✓✓✓✓✓✓✓✓✗✗✗",
}


def _open(name: str | None, page: str, **params) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    if name:
        signed_in(app, name)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def test_nothing_is_shown_before_login(fixture_env):
    for page in PAGES:
        app = _open(None, page)
        assert [t.value for t in app.title] == ["Đăng nhập"] and not app.dataframe and not app.metric


def test_login_with_the_right_password_only_and_both_are_audited(fixture_env):
    # the page file itself (as a deep link runs it): its first read of data asks for the login
    app = AppTest.from_file(str(REPO_ROOT / "pages" / "overview.py"), default_timeout=60).run()
    app.text_input[0].input("lanhdao")
    app.text_input[1].input("sai-mat-khau")
    app.button[0].click().run()
    assert app.error[0].value == "Tên đăng nhập hoặc mật khẩu không đúng."
    app.text_input[1].input(PASSWORDS["lanhdao"])
    app.button[0].click().run()
    assert [t.value for t in app.title] == ["Tổng quan"] and app.metric
    events = [(e["user"], e["action"]) for e in read_audit(resolve_paths(fixture_env), 20)]
    assert ("lanhdao", "login_failed") in events and ("lanhdao", "login_ok") in events


def test_an_idle_session_expires(fixture_env):
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    long_ago = time.time() - 31 * 60
    app.session_state["auth"] = {"name": "phantich", "since": long_ago, "last_seen": long_ago}
    app.run()
    assert app.title[0].value == "Đăng nhập"
    assert "Phiên làm việc đã hết hạn" in app.info[0].value


def _refused_when_opened_directly(name: str, page: str) -> bool:
    """Run the page file itself, as Streamlit does for a deep link (no navigation in between)."""
    app = signed_in(AppTest.from_file(str(REPO_ROOT / "pages" / f"{page}.py"), default_timeout=60), name).run()
    assert not app.exception, app.exception
    return any("không có quyền" in e.value for e in app.error)


@pytest.mark.parametrize("name", list(MATRIX))
def test_each_role_reaches_exactly_its_pages(fixture_env, name):
    reached = ""
    for page in PAGES:
        try:
            _open(name, page, structure="legacy", period="2025")
        except ValueError:  # not in this role's navigation; and refused when opened anyway
            assert _refused_when_opened_directly(name, page), (name, page)
            reached += "✗"
        else:
            reached += "✓"
    assert reached == MATRIX[name]


def test_only_analysts_and_admins_get_downloads(fixture_env):
    def labels(name):
        return {
            b.proto.label for b in _open(name, "compliance", structure="legacy", period="2025").get("download_button")
        }

    assert "Tải bảng (CSV)" in labels("phantich") and "Tải bảng (Excel)" in labels("quantri")
    assert "Tải bảng (CSV)" not in labels("lanhdao") and "Tải bảng (CSV)" not in labels("canbo_yt")


def test_an_officer_sees_only_their_districts_submissions_and_province_totals(fixture_env):
    app = _open("canbo_yt", "compliance", structure="legacy", period="2025")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Tỉ lệ nộp"] == "100,0 %"  # the province's aggregate: 3 of 3
    # the unit picker for the submission history and the reporter × period matrix hold Yên Thế only
    history = next(sb for sb in app.selectbox if sb.label == "Đơn vị (lịch sử nộp)")
    assert history.options == ["Huyện Yên Thế"]
    matrix = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert matrix["data"][0]["y"] == ["Huyện Yên Thế"]
    analyst = _open("phantich", "compliance", structure="legacy", period="2025")
    assert len(next(sb for sb in analyst.selectbox if sb.label == "Đơn vị (lịch sử nộp)").options) == 3


def test_an_officer_uploads_only_their_own_reports(fixture_home, tmp_path, monkeypatch):
    from ui import intake

    home = tmp_path / "home"  # a copy: this test changes what is staged
    shutil.copytree(fixture_home, home, symlinks=True)
    monkeypatch.setenv("ANTQ_HOME", str(home))
    monkeypatch.setenv("ANTQ_PROGRAMMES_DIR", str(PROGRAMMES))

    class Upload:
        def __init__(self, path, name=None):
            self.name, self._data = name or path.name, path.read_bytes()

        def getvalue(self):
            return self._data

    own = simple_report(tmp_path / "a", [("A", "A", 3, 10)], unit="215", period="2025-H1")
    other = simple_report(tmp_path / "b", [("A", "A", 3, 10)], unit="213", period="2025-H1")
    cases = tmp_path / "vu_viec.csv"
    cases.write_text(
        "Mã vụ việc,Ngày,Mã xã,Loại vụ việc,Kết quả xử lý\nZ1,01/03/2025,07201,Tin giả,XPHC\n", encoding="utf-8"
    )
    # the intake functions run outside a page here, with the officer's session
    now = time.time()
    monkeypatch.setattr("streamlit.session_state", {"auth": {"name": "canbo_yt", "since": now, "last_seen": now}})
    # a browser may send a path: only the file's own name is kept
    uploads = [Upload(own, "..\\..\\tmp/../r_215_2025-H1.xlsx"), Upload(other), Upload(cases)]
    outcome = intake.ingest_uploads("fixture_3d", uploads).set_index("Tệp")
    assert outcome.loc["r_215_2025-H1.xlsx", "Kết quả"] in ("đã nhận", "trùng")
    assert outcome.loc["r_213_2025-H1.xlsx", "Kết quả"] == "bị từ chối"
    assert "chỉ được nộp báo cáo của đơn vị thuộc địa bàn mình" in outcome.loc["r_213_2025-H1.xlsx", "Thông báo"]
    assert "do quản trị viên nạp" in outcome.loc["vu_viec.csv", "Thông báo"]
    uploads = [e for e in read_audit(resolve_paths(home), 10) if e["action"] == "upload"]
    assert {e["file"] for e in uploads[:3]} == {"r_215_2025-H1.xlsx", "r_213_2025-H1.xlsx", "vu_viec.csv"}
    assert all(e["user"] == "canbo_yt" and len(e["sha256"]) == 64 for e in uploads[:3])


def test_the_admin_page_lists_accounts_and_the_audit_log(fixture_env):
    app = _open("quantri", "admin")
    accounts = app.dataframe[0].value
    assert set(accounts["Tên đăng nhập"]) >= {"quantri", "phantich", "canbo_yt", "lanhdao"}
    assert "password_hash" not in accounts.columns
    log = app.dataframe[1].value
    assert {"Thời điểm", "Người dùng", "Thao tác", "Chi tiết"} <= set(log.columns)


def test_an_export_is_made_when_clicked_for_the_account_the_page_was_drawn_for(fixture_home, tmp_path, monkeypatch):
    # Streamlit builds a download when its button is clicked, in a thread with no session (the
    # browser test found every export failing when the check asked the session); the account the
    # page was drawn for is checked again against the accounts file instead.
    from data_pipeline.accounts import load_users, remove_user
    from data_pipeline.warehouse.export import to_csv_bytes
    from ui import auth, layout

    home = tmp_path / "home"
    shutil.copytree(fixture_home, home, symlinks=True)
    monkeypatch.setenv("ANTQ_HOME", str(home))
    paths = resolve_paths(home)
    accounts = load_users(paths)
    frame = pd.DataFrame({"Đơn vị": ["Huyện Yên Thế"], "Ghi chú": ["=1+1"]})
    data = layout._export(frame, "bang", "csv", to_csv_bytes, accounts["phantich"])
    assert data.decode("utf-8-sig").splitlines() == ["Đơn vị,Ghi chú", "Huyện Yên Thế,'=1+1"]
    assert (read_audit(paths, 1)[0]["user"], read_audit(paths, 1)[0]["action"]) == ("phantich", "export")
    with pytest.raises(auth.Forbidden):  # a leader never exports
        layout._export(frame, "bang", "csv", to_csv_bytes, accounts["lanhdao"])
    remove_user(paths, "phantich", by="kiểm thử")
    with pytest.raises(auth.Forbidden):  # removed after the page was drawn
        layout._export(frame, "bang", "csv", to_csv_bytes, accounts["phantich"])
