"""Drive the served dashboard in Debian's headless Chromium through Playwright (never
`playwright install`: nothing is downloaded). Shared by the browser tests and `make screenshots`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Download, Page, Playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Streamlit's front end looks for its server under the page's own path first on a deep link
# (/maps/_stcore/health, then /_stcore/health): two 404s Chromium logs as console errors.
# Streamlit issue #7074 (open); nothing the app serves can avoid them.
BASE_PATH_PROBE = re.compile(r"^http://127\.0\.0\.1:\d+/[\w-]+/_stcore/(health|host-config)$")
LOCAL = ("http://127.0.0.1", "data:", "blob:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(home: Path | None = None, log: Path | None = None) -> Iterator[str]:
    """Serve dashboard.py on a free loopback port (over the data home `home`, else the configured
    one; its output into `log`) and yield its base URL once it answers its health check."""
    port = free_port()
    env = dict(os.environ)
    if home is not None:
        env["ANTQ_HOME"] = str(home)
    output = log.open("wb") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the dashboard did not start within 60 s")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        if log:
            output.close()


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@dataclass
class Tab:
    """One browser tab (one Streamlit session), recording console errors and off-machine requests."""

    page: Page
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, browser: Browser, width: int = 1400, height: int = 1000) -> Tab:
        tab = cls(browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN", accept_downloads=True))
        tab.page.on("console", tab._console)
        tab.page.on("pageerror", lambda error: tab.errors.append(f"pageerror: {error}"))
        tab.page.on("request", lambda r: None if r.url.startswith(LOCAL) else tab.external.append(r.url))
        return tab

    def _console(self, message) -> None:
        if message.type != "error":
            return
        if "404" in message.text and BASE_PATH_PROBE.match(message.location.get("url", "")):
            return
        self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def sign_in(self, name: str, password: str) -> None:
        """Fill the login form and submit it."""
        self.page.wait_for_selector("input[type=password]", timeout=30_000)
        self.page.get_by_label("Tên đăng nhập").fill(name)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()

    def title(self, text: str, timeout: float = 30_000) -> None:
        """Wait until the page's title (h1) reads `text` and the app has finished running."""
        self.page.locator("h1", has_text=re.compile(f"^{re.escape(text)}$")).wait_for(timeout=timeout)
        self.idle()

    def idle(self, timeout: float = 60_000) -> None:
        """Wait until the script run is over (Streamlit's running indicator gone) and every element
        is drawn (no loading placeholder left: charts and tables load their code lazily)."""
        self.page.wait_for_timeout(300)
        self.page.locator("[data-testid=stStatusWidget]").wait_for(state="detached", timeout=timeout)
        self.page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)

    def go_to(self, link: str, title: str) -> None:
        """Follow a link of the sidebar navigation (same session) and wait for its page."""
        self.page.locator("[data-testid=stSidebarNav] a", has_text=link).click()
        self.title(title)

    def choose(self, label: str, option: str) -> None:
        """Pick `option` in the selectbox labelled `label`."""
        self.page.locator("[data-testid=stSelectbox]", has_text=label).locator("[role=combobox]").click()
        self.page.get_by_role("option", name=option, exact=True).click()
        self.idle()

    def download(self, button: str, nth: int = 0) -> Download:
        """Click a download button and return the download."""
        with self.page.expect_download(timeout=30_000) as info:
            self.page.get_by_role("button", name=button).nth(nth).click()
        return info.value

    def metric(self, label: str) -> str:
        """The value shown by the metric labelled `label`."""
        box = self.page.locator("[data-testid=stMetric]", has_text=label).first
        return box.locator("[data-testid=stMetricValue]").inner_text().strip()

    def exceptions(self) -> list[str]:
        return self.page.locator("[data-testid=stException]").all_inner_texts()
