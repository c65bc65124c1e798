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
STARTUP_SECONDS = 120
# Streamlit's front end shows the state of the script run on its root element (`initial`,
# `running`, `notRunning`, ...). A page that counts the runs it saw start can tell a run its action
# caused from the one before it, however slow the machine is to start it.
COUNT_RUNS = """(() => {
  window.__scriptRuns = 0;
  let last = null;
  new MutationObserver(() => {
    const app = document.querySelector('[data-testid=stApp]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state !== last && state === 'running') window.__scriptRuns += 1;
    last = state;
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();"""
# No run going on, connected, no element left over from the last run, every element drawn (charts
# and tables load their code lazily behind a loading placeholder).
IDLE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return app !== null
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-stale=true], [data-testid=stSkeleton]');
}"""
CHARTS_DRAWN = """() =>
  [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))
  && [...document.querySelectorAll('[data-testid=stDeckGlJsonChart]')].every(c => c.querySelector('canvas'))"""


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
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(f"{url}/_stcore/health"):
            if server.poll() is not None:
                raise RuntimeError(f"the dashboard exited with code {server.returncode} before it answered")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard did not answer within {STARTUP_SECONDS} s")
            time.sleep(0.2)  # the interval of the poll: the wait is for the health check
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log:
            output.close()


def _answers(address: str) -> bool:
    try:
        with urllib.request.urlopen(address, timeout=5):
            return True
    except OSError:
        return False


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
        tab.page.add_init_script(COUNT_RUNS)
        return tab

    def _console(self, message) -> None:
        if message.type != "error":
            return
        if "404" in message.text and BASE_PATH_PROBE.match(message.location.get("url", "")):
            return
        self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def sign_in(self, name: str, password: str) -> None:
        """Fill the login form and submit it."""
        self.page.wait_for_selector("input[type=password]", timeout=60_000)
        self.page.get_by_label("Tên đăng nhập").fill(name)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()

    def title(self, text: str, timeout: float = 60_000) -> None:
        """Wait until the page's title (h1) reads `text` and the app has finished running."""
        self.page.locator("h1", has_text=re.compile(f"^{re.escape(text)}$")).wait_for(timeout=timeout)
        self.idle()

    def idle(self, timeout: float = 60_000) -> None:
        """Wait until no script run is going on and every element is drawn. Only once something
        shows the run that matters has started (a page's title, say): otherwise use `rerun`."""
        self.page.wait_for_function(IDLE, timeout=timeout)

    def drawn(self, timeout: float = 60_000) -> bytes:
        """Wait until the page is idle, every chart and map has drawn, and two screenshots in a
        row are the same (plotly and deck.gl draw after the run); return the last screenshot."""
        self.idle(timeout)
        self.page.wait_for_function(CHARTS_DRAWN, timeout=timeout)
        deadline = time.monotonic() + timeout / 1000
        shot = self.page.screenshot()
        while (again := self.page.screenshot()) != shot:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page kept changing for {timeout / 1000:.0f} s")
            shot = again
        return shot

    @contextmanager
    def rerun(self, timeout: float = 60_000) -> Iterator[None]:
        """Wait, after the action in the block, until the script run it caused has started and
        is over (the action must cause one: a widget changed, a button clicked)."""
        before = self.page.evaluate("window.__scriptRuns")
        yield
        self.page.wait_for_function("before => window.__scriptRuns > before", arg=before, timeout=timeout)
        self.idle(timeout)

    def go_to(self, link: str, title: str) -> None:
        """Follow a link of the sidebar navigation (same session) and wait for its page."""
        with self.rerun():
            self.page.locator("[data-testid=stSidebarNav] a", has_text=link).click()
        self.title(title)

    def choose(self, label: str, option: str) -> None:
        """Pick `option` in the selectbox labelled `label`."""
        self.page.locator("[data-testid=stSelectbox]", has_text=label).locator("[role=combobox]").click()
        with self.rerun():
            self.page.get_by_role("option", name=option, exact=True).click()

    def click(self, button: str, timeout: float = 60_000) -> None:
        """Click a button and wait for the run it causes."""
        with self.rerun(timeout):
            self.page.get_by_role("button", name=button).click()

    def download(self, button: str, nth: int = 0, timeout: float = 60_000) -> Download:
        """Click a download button, wait for the file (and the run the click causes) and return it."""
        with self.rerun(timeout), self.page.expect_download(timeout=timeout) as info:
            self.page.get_by_role("button", name=button).nth(nth).click()
        info.value.path()  # the whole file is written
        return info.value

    def metric(self, label: str) -> str:
        """The value shown by the metric labelled `label`."""
        box = self.page.locator("[data-testid=stMetric]", has_text=label).first
        return box.locator("[data-testid=stMetricValue]").inner_text().strip()

    def exceptions(self) -> list[str]:
        return self.page.locator("[data-testid=stException]").all_inner_texts()
