"""Take the README's screenshots: serve the dashboard on loopback and capture each page with
Debian's headless Chromium through Playwright (never `playwright install`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from data_pipeline.settings import resolve_paths
from data_pipeline.users import add_user, remove_user

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_USER = "chup_man_hinh"
# page file name → (URL path, viewport height: Streamlit scrolls inside the page, so size it to fit)
PAGES = {
    "tong_quan": ("", 1500),
    "chi_tieu_theo_dia_ban": ("attainment", 2100),
    "vu_viec": ("incidents?window=quarter&structure=legacy", 2700),
    "mo_hinh": ("models", 2500),
    "ban_do": ("maps", 1300),
    "ban_do_vu_viec": ("maps?topic=incidents&colour=flag", 1300),
    "ban_do_mo_hinh": ("maps?topic=coverage&structure=new&coverage=2.9.3", 1300),
    "tinh_hinh_bao_cao": ("compliance", 2600),
    "nhiem_vu_kinh_phi": ("tasks", 2400),
    "trinh_chieu_so_ket": ("briefing?slide=2", 1100),
    "nop_bao_cao": ("upload", 1000),
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    """Write one PNG per page into docs/screenshots/; fail if a page asks for anything off this machine."""
    port = _free_port()
    # a throwaway account for the captures, removed afterwards (both audited)
    paths = resolve_paths()
    password = add_user(paths, SCREENSHOT_USER, "admin", None, by="make screenshots")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            external: list[str] = []
            for name, (path, height) in PAGES.items():
                page = browser.new_page(viewport={"width": 1400, "height": height}, locale="vi-VN")
                page.on(
                    "request",
                    lambda request: (
                        None
                        if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                        else external.append(request.url)
                    ),
                )
                page.goto(f"http://127.0.0.1:{port}/{path}")
                _sign_in(page, password)
                page.wait_for_selector("h1:not(:text('Đăng nhập')), h2", timeout=30_000)
                page.wait_for_load_state("networkidle")
                time.sleep(5)  # let the signed-in rerun finish and plotly and deck.gl draw
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(f"{OUT / name}.png")
            browser.close()
        if external:
            print("Requests that left the machine:", *sorted(set(external)), sep="\n  ")
            return 1
    finally:
        server.terminate()
        server.wait(timeout=10)
        remove_user(paths, SCREENSHOT_USER, by="make screenshots", keep_an_admin=False)
    return 0


def _sign_in(page, password: str) -> None:
    """Fill the login form (each page load is a new session)."""
    page.wait_for_selector("input[type=password]", timeout=30_000)
    page.get_by_label("Tên đăng nhập").fill(SCREENSHOT_USER)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


if __name__ == "__main__":
    sys.exit(main())
