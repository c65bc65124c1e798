"""The server's configuration and the pages' sources: nothing listens beyond this machine by
default, nothing is reported home, and no page points at an address off the machine."""

import re
import tomllib

from data_pipeline.settings import REPO_ROOT


def test_server_configuration_is_locked_down():
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server, browser, client = config["server"], config["browser"], config["client"]
    assert server["address"] == "127.0.0.1" and server["headless"] is True
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True and server["corsAllowedOrigins"] == []  # cross-origin protection on
    assert server["allowedHosts"] == ["127.0.0.1", "localhost"]
    assert server["maxUploadSize"] == 20
    assert browser["gatherUsageStats"] is False
    assert client["showErrorDetails"] == "none"


def test_no_page_or_ui_module_names_an_external_address():
    sources = [*(REPO_ROOT / "pages").glob("*.py"), *(REPO_ROOT / "ui").glob("*.py"), REPO_ROOT / "dashboard.py"]
    found = {str(p.relative_to(REPO_ROOT)) for p in sources if re.search(r"https?://", p.read_text(encoding="utf-8"))}
    assert found == set()


def test_generated_secrets_and_logs_stay_out_of_git():
    ignored = (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert {"secrets/", "audit/", "submissions/", "parquet"} <= set(ignored)
