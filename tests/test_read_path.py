"""The pages' read path (ui.data): one named function per Warehouse method, behind the login,
per-unit details scoped for an officer; what the dashboard imports at start-up; and the one
Streamlit internal the front end relies on."""

from __future__ import annotations

import ast
import inspect
import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from data_pipeline.warehouse.read import Warehouse

REPO_ROOT = Path(__file__).resolve().parents[1]
PROGRAMME = "fixture_3d"
# Loaded by the upload page only: never by the dashboard's start-up.
HEAVY = ("openpyxl", "data_pipeline.intake.ingest", "data_pipeline.intake.report", "data_pipeline.intake.template")


def test_each_read_function_is_the_warehouse_method_of_its_name():
    from ui import data

    assert data._QUERIES, "no read functions registered"
    for name in data._QUERIES:
        parameters = list(inspect.signature(getattr(data, name)).parameters)
        method = list(inspect.signature(getattr(Warehouse, name)).parameters)[1:]  # without self
        assert parameters == method[: len(parameters)], name
    assert not hasattr(data, "fetch")


def test_pages_read_through_named_functions_only():
    for path in [*REPO_ROOT.glob("pages/*.py"), *REPO_ROOT.glob("ui/*.py"), REPO_ROOT / "dashboard.py"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bfetch\(", text), path
        if path.name != "data.py":
            assert "Warehouse(" not in text, path


def _sign_in(monkeypatch, name: str) -> None:
    """The read functions run outside a page here, with `name`'s session (already navigated)."""
    from ui import auth

    now = time.time()
    session = {auth.SESSION_KEY: {"name": name, "since": now, "last_seen": now}, auth.NAVIGATED: True}
    monkeypatch.setattr("streamlit.session_state", session)


def test_an_officer_reads_per_unit_details_of_their_own_area_only(fixture_env, monkeypatch):
    from ui import auth, data

    _sign_in(monkeypatch, "phantich")
    everyone = set(data.reporters(PROGRAMME, "2025-H1").unit_code)
    other_history = data.submission_history(PROGRAMME, "213")
    province = data.attainment(PROGRAMME, "legacy", "2025")
    _sign_in(monkeypatch, "canbo_yt")
    scope = auth.scope_units(auth.current_user(), data.area_map(PROGRAMME))
    own = set(data.reporters(PROGRAMME, "2025-H1").unit_code)
    assert own and own <= scope and everyone - scope
    assert set(data.compliance(PROGRAMME, "legacy", "2025").unit_code) <= scope
    assert set(data.compliance_matrix(PROGRAMME, "legacy", "legacy").unit_code) <= scope
    assert not other_history.empty and data.submission_history(PROGRAMME, "213").empty
    # the figures themselves (province totals included) are not cut
    assert data.attainment(PROGRAMME, "legacy", "2025").equals(province)


def test_a_read_without_a_signed_in_account_shows_the_login_and_stops(fixture_env):
    script = """
import streamlit as st
from ui import auth, data

st.session_state[auth.NAVIGATED] = True
data.programmes()
st.write("read")
"""
    app = AppTest.from_string(script, default_timeout=30).run()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Đăng nhập"] and not app.markdown


def test_the_start_up_imports_no_intake_parser_nor_openpyxl():
    # every ui module (the dashboard and the overview page import some of them), then the
    # modules dashboard.py and the overview page import themselves
    modules = sorted(f"ui.{p.stem}" for p in (REPO_ROOT / "ui").glob("*.py") if p.stem != "__init__")
    for page in ("dashboard.py", "pages/overview.py"):
        tree = ast.parse((REPO_ROOT / page).read_text(encoding="utf-8"))
        modules += [node.module for node in tree.body if isinstance(node, ast.ImportFrom)]
    script = f"import importlib, json, sys\nfor m in {modules!r}: importlib.import_module(m)\nprint(json.dumps(list(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert not [m for m in loaded if m in HEAVY or m.startswith("openpyxl.")]
    assert "ui.intake" in loaded  # the upload page's module is imported, its parsers are not


def test_streamlits_pages_folder_switch_is_where_ui_auth_turns_it_off(tmp_path):
    # ui.auth._leave_pages_discovery relies on Streamlit internals: a fresh PagesManager next to a
    # pages/ folder sets PagesManager.uses_pages_directory, the script runner then runs the app
    # through that folder, and clearing the flag before a rerun runs the main script itself.
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "other.py").write_text("import streamlit as st\nst.write('other')\n", encoding="utf-8")
    main = tmp_path / "main.py"
    main.write_text(
        textwrap.dedent(
            """
            import streamlit as st
            from streamlit.runtime.pages_manager import PagesManager
            from ui import auth

            st.session_state.setdefault("seen", []).append(PagesManager.uses_pages_directory)
            auth._leave_pages_discovery()
            st.write("main")
            """
        ),
        encoding="utf-8",
    )
    app = AppTest.from_file(str(main), default_timeout=30).run()
    assert not app.exception, app.exception
    assert app.session_state["seen"] == [True, False]
    assert [m.value for m in app.markdown] == ["main"]


def test_no_other_streamlit_internal_is_used():
    private = re.compile(r"streamlit\.runtime|get_script_run_ctx|\b_get_|\bst\._|from streamlit\.")
    for path in [*REPO_ROOT.glob("pages/*.py"), *REPO_ROOT.glob("ui/*.py"), REPO_ROOT / "dashboard.py"]:
        found = [line for line in path.read_text(encoding="utf-8").splitlines() if private.search(line)]
        expected = ["from streamlit.runtime.pages_manager import PagesManager"] if path.name == "auth.py" else []
        assert found == expected, path
