"""The main flows in a real browser: Debian's headless Chromium, driven by Playwright, against the
dashboard served on loopback over a copy of the Bắc Giang demo. Sign in, open every page, change
a filter and share its URL, upload a filled template, download an export, run SQL — and any
console error, page error or request leaving the machine fails the test."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from browser import CHROMIUM, Tab, launch, serve
from helpers import fill_template
from playwright.sync_api import sync_playwright

from data_pipeline.accounts import add_user, read_audit
from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse.manifest import read_table

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make test` installs Debian's chromium"
    ),
]

ADMIN = "trinh_duyet"
# sidebar link → page title
PAGES = {
    "Tổng quan": "Tổng quan",
    "Chỉ tiêu theo địa bàn": "Chỉ tiêu theo địa bàn",
    "Vụ việc": "Vụ việc trên không gian mạng",
    "Mô hình": "Mô hình",
    "Bản đồ": "Bản đồ",
    "Tình hình báo cáo": "Tình hình báo cáo",
    "Kết quả hoạt động": "Kết quả hoạt động",
    "Nhiệm vụ & kinh phí": "Nhiệm vụ và kinh phí",
    # the presentation opens on its title slide: the programme's name
    "Trình chiếu sơ kết": "Đề án 835 — Xây dựng phong trào toàn dân bảo vệ ANTQ trên không gian mạng tỉnh Bắc Giang, "
    "giai đoạn 2024–2030",
    "Khai thác dữ liệu": "Khai thác dữ liệu",
    "Nộp báo cáo": "Nộp báo cáo",
    "Quản trị": "Quản trị",
}


@pytest.fixture(scope="module")
def home(demo_home, tmp_path_factory) -> Path:
    """A copy of the demo home (the upload changes it) with an admin account for the browser."""
    copy = tmp_path_factory.mktemp("browser") / "home"
    shutil.copytree(demo_home, copy, symlinks=True)
    return copy


@pytest.fixture(scope="module")
def password(home) -> str:
    return add_user(resolve_paths(home), ADMIN, "admin", None, by="kiểm thử")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def url(home, password):
    with serve(home) as base:
        yield base


def _signed_in(browser, address: str, password: str, title: str) -> Tab:
    """A new tab (a new session) at `address`, signed in as the test admin, showing `title`."""
    tab = Tab.open(browser)
    tab.page.goto(address)
    tab.sign_in(ADMIN, password)
    tab.title(title)
    return tab


def _clean(tab: Tab) -> None:
    assert tab.errors == [], tab.errors
    assert tab.external == [], tab.external
    assert tab.exceptions() == []


def test_a_shared_link_opened_first_on_a_fresh_server_asks_to_sign_in_then_shows_that_view(home, password, browser):
    # its own server: the first request a server ever gets is the case Streamlit runs through
    # its pages/ folder discovery
    with serve(home) as base:
        tab = Tab.open(browser)
        tab.page.goto(f"{base}/compliance?period=2025-H1&structure=legacy")
        tab.title("Đăng nhập")
        assert tab.page.locator("[data-testid=stMetric]").count() == 0
        tab.sign_in(ADMIN, password)
        tab.title("Tình hình báo cáo")
        # the dashboard's own navigation (titles, not file names) and the shared filter
        nav = tab.page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
        assert [n.split("\n")[-1] for n in nav] == list(PAGES)  # after each icon's ligature name
        assert "Báo cáo 6 tháng 2025" in tab.page.locator("h3").first.inner_text()
        # the 10 districts and the province's 19 bodies; one district missing (demo summary)
        assert tab.metric("Phải nộp") == "29" and tab.metric("Tỉ lệ nộp") == "96,6 %"
        _clean(tab)


def test_sign_in_and_open_every_page(url, password, browser, home):
    tab = Tab.open(browser)
    tab.page.goto(url)
    tab.sign_in(ADMIN, "mat-khau-sai")
    tab.page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for(timeout=60_000)
    tab.sign_in(ADMIN, password)
    tab.title("Tổng quan")
    for link, title in list(PAGES.items())[1:]:
        tab.go_to(link, title)
        assert tab.exceptions() == [], link
    _clean(tab)
    events = [(e["user"], e["action"]) for e in read_audit(resolve_paths(home), 50)]
    assert (ADMIN, "login_failed") in events and (ADMIN, "login_ok") in events


def test_a_changed_filter_is_in_the_url_and_the_copied_url_shows_the_same_view(url, password, browser):
    tab = _signed_in(browser, f"{url}/compliance", password, "Tình hình báo cáo")
    tab.choose("Kỳ báo cáo", "Báo cáo triển khai 2024")
    assert _param(tab.page.url, "period") == "2024"
    shown = (tab.metric("Phải nộp"), tab.metric("Tỉ lệ đúng hạn"))
    assert shown == ("29", "82,8 %")  # 24 of the 10 districts and 19 bodies on time (demo summary)
    # a colleague opens the copied URL in a new tab: a new session, the same view
    other = _signed_in(browser, tab.page.url, password, "Tình hình báo cáo")
    assert (other.metric("Phải nộp"), other.metric("Tỉ lệ đúng hạn")) == shown
    _clean(tab)
    _clean(other)


def test_upload_a_filled_template(url, password, browser, home, tmp_path):
    tab = _signed_in(browser, f"{url}/upload", password, "Nộp báo cáo")
    template = tmp_path / "mau.xlsx"
    tab.download("Tải mẫu báo cáo (Excel)").save_as(template)
    unit = _param(tab.page.url, "unit")
    fill_template(template, {"2.1": (1, 1), "2.2": (3, 4)})
    with tab.rerun():  # the run once the file is up shows the button
        tab.page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(template))
    tab.click("Nộp", timeout=180_000)  # ingests the file and builds the warehouse again
    assert tab.page.get_by_text("Đã cập nhật số liệu").count() == 1
    uploads = [e for e in read_audit(resolve_paths(home), 50) if e["action"] == "upload"]
    assert uploads[0]["file"] == "mau.xlsx" and uploads[0]["status"] == "accepted"
    staged = home / "submissions" / "staged"
    submission = pd.read_parquet(staged / "report_submissions" / f"{uploads[0]['sha256']}.parquet").iloc[0]
    assert submission.unit_code.endswith(unit) and submission.period == _param(tab.page.url, "period")
    values = pd.read_parquet(staged / "report_values" / f"{uploads[0]['sha256']}.parquet").set_index("indicator_code")
    assert (values.loc["2.2", "numerator"], values.loc["2.2", "denominator"]) == (3, 4)
    _clean(tab)


def test_download_an_export(url, password, browser, home):
    tab = _signed_in(browser, f"{url}/compliance", password, "Tình hình báo cáo")
    data = Path(tab.download("Tải bảng (CSV)").path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    summary = read_table(home / "parquet", "mart_compliance_summary").sort_values("period_order")
    summary = summary[summary.programme_id == "bac_giang_835"]  # the page opens on the first programme
    assert [r["Kỳ báo cáo"] for r in rows] == summary.period_label.tolist()
    assert [int(r["Phải nộp"]) for r in rows] == summary.expected.tolist()
    # the sơ kết deck, made when clicked
    tab.go_to("Trình chiếu sơ kết", PAGES["Trình chiếu sơ kết"])
    deck = tab.download("Tải bộ trình chiếu (PowerPoint)")
    assert deck.suggested_filename == "so_ket_bac_giang_835_2026.pptx"
    with zipfile.ZipFile(deck.path()) as pptx:
        assert len([n for n in pptx.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]) == 9
    _clean(tab)


def test_run_sql_and_a_refused_query(url, password, browser, home):
    tab = _signed_in(browser, f"{url}/explore", password, "Khai thác dữ liệu")
    tab.page.get_by_role("tab", name="Truy vấn SQL").click()
    _type_sql(
        tab, "select period, count(*) as so_don_vi from mart_compliance where view = 'new' group by all order by 1"
    )
    tab.click("Chạy truy vấn")
    frame = pd.read_csv(io.BytesIO(Path(tab.download("Tải bảng (CSV)", nth=-1).path()).read_bytes()), dtype=str)
    compliance = read_table(home / "parquet", "mart_compliance")
    expected = compliance[compliance.view == "new"].groupby("period").size()
    assert dict(zip(frame.period, frame.so_don_vi.astype(int), strict=True)) == expected.to_dict()
    _type_sql(tab, "select * from read_csv('/etc/passwd')")
    tab.click("Chạy truy vấn")
    assert tab.page.locator("[data-testid=stAlertContentError]").count() == 1
    _clean(tab)


def _type_sql(tab: Tab, sql: str) -> None:
    """Type a query and leave the box, which sends it (a run of its own): the click on the button
    that follows then causes exactly one run, never two that the wait could tell apart wrongly."""
    editor = tab.page.get_by_label("SQL", exact=True)
    editor.fill(sql)
    with tab.rerun():
        editor.blur()


def _param(address: str, name: str) -> str:
    return parse_qs(urlparse(address).query)[name][0]
