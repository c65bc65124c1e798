"""Take the README's screenshots: serve the dashboard on loopback and capture each page with
Debian's headless Chromium through Playwright (never `playwright install`)."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from data_pipeline.accounts import add_user, remove_user
from data_pipeline.settings import resolve_paths
from tests.browser import Tab, launch, serve

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
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
    "khai_thac_du_lieu": ("explore?mart=mart_compliance&rows=area_name&measure=on_time_rate", 1600),
    "nop_bao_cao": ("upload", 1000),
    "ket_qua_hoat_dong": ("activities", 1500),
    # one per other programme: each as its own page shows it best
    "quang_ngai_1905": ("attainment?programme=quang_ngai_1905&structure=legacy&period=2024", 2100),
    "lao_cai_1013": ("activities?programme=lao_cai_1013&structure=new&period=2023-M12", 1600),
    "thai_nguyen_pa05": ("models?programme=thai_nguyen_pa05&structure=legacy", 3600),
}


def main() -> int:
    """Write one PNG per page into docs/screenshots/; fail if a page asks for anything off this
    machine or logs a console error."""
    # a throwaway account for the captures, removed afterwards (both audited)
    paths = resolve_paths()
    password = add_user(paths, SCREENSHOT_USER, "admin", None, by="make screenshots")
    problems: list[str] = []
    try:
        with serve() as url, sync_playwright() as playwright:
            browser = launch(playwright)
            OUT.mkdir(parents=True, exist_ok=True)
            for name, (path, height) in PAGES.items():
                tab = Tab.open(browser, height=height)
                tab.page.goto(f"{url}/{path}")
                tab.sign_in(SCREENSHOT_USER, password)
                # the page's own title, then its run over and its charts and maps drawn
                tab.page.wait_for_selector("h1:not(:text('Đăng nhập')), h2", timeout=60_000)
                (OUT / f"{name}.png").write_bytes(tab.drawn())
                print(f"{OUT / name}.png")
                problems += tab.errors + [f"request off this machine: {u}" for u in tab.external]
                tab.page.close()
            browser.close()
    finally:
        remove_user(paths, SCREENSHOT_USER, by="make screenshots", keep_an_admin=False)
    print(*sorted(set(problems)), sep="\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
