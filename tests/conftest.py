"""Shared fixtures: a hand-made three-district warehouse built by the real pipeline, and the demo."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from fixture_data import ACCOUNTS, AS_OF, PROGRAMMES, write_fixture_inputs
from helpers import PASSWORDS, run_cli

from data_pipeline.accounts import add_user
from data_pipeline.cli import main
from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse.manifest import read_table


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test on the demo of every programme (a four-programme build, over a minute) is slow,
    like the browser, benchmark, crash and LibreOffice tests that mark themselves."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})  # a home chosen by parameter
        if "demo_home" in getattr(item, "fixturenames", ()) or "demo_home" in params.values():
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def fixture_home(tmp_path_factory) -> Path:
    """A data home whose warehouse was built from the fixture inputs, as of 20/11/2025."""
    home = tmp_path_factory.mktemp("home")
    inbox = home / "submissions" / "inbox"
    inbox.mkdir(parents=True)
    write_fixture_inputs(inbox)
    assert run_cli(home, "ingest") == 0
    assert run_cli(home, "build", "--as-of", AS_OF) == 0
    paths = resolve_paths(home, PROGRAMMES)
    for name, (role, unit) in ACCOUNTS.items():
        PASSWORDS[name] = add_user(paths, name, role, unit, by="kiểm thử")
    return home


@pytest.fixture(scope="session")
def mart(fixture_home):
    """Read one published table of the fixture warehouse."""

    def read(name: str) -> pd.DataFrame:
        return read_table(fixture_home / "parquet", name)

    return read


@pytest.fixture
def fixture_env(fixture_home, monkeypatch) -> Path:
    """Point the dashboard at the fixture warehouse and programmes."""
    monkeypatch.setenv("ANTQ_HOME", str(fixture_home))
    monkeypatch.setenv("ANTQ_PROGRAMMES_DIR", str(PROGRAMMES))
    return fixture_home


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory) -> Path:
    """A data home with the demo of every programme in config/programmes (seed 835) built as of 23/11/2026."""
    home = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--home", str(home), "--seed", "835", "--as-of", "2026-11-23"]) == 0
    add_user(resolve_paths(home), "quantri", "admin", None, by="kiểm thử")
    return home
