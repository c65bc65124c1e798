"""What tests do again and again: write a small report, fill a template, run the CLI on a home,
open a page signed in, and read what a page or an ingest showed."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import openpyxl
from fixture_data import ACTIVITIES, PROGRAMME, PROGRAMMES, template_rows
from streamlit.testing.v1 import AppTest

from data_pipeline.cli import main
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_report
from data_pipeline.settings import REPO_ROOT


def fill_template(path: Path, values: dict[str, tuple], report_date=None) -> Path:
    """Fill a generated template as a unit would (numerator, denominator per indicator)."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[layouts.REPORT_TARGETS_SHEET]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value, row[3].value = values[row[0].value]
    if report_date is not None:
        title, coordinate = next(workbook.defined_names[layouts.REPORT_DATE_NAME].destinations)
        workbook[title][coordinate.replace("$", "")].value = report_date
    workbook.save(path)
    return path


def simple_report(
    folder: Path,
    values,
    unit: str = "215",
    period: str = "2025",
    programme: str = PROGRAMME,
    submitted_on: dt.date = dt.date(2025, 11, 1),
) -> Path:
    """A small report workbook for one unit and period (file name r_<unit>_<period>.xlsx): the
    rows of `values` as given, then the fixture template's other rows, blank."""
    given = {code for code, *_ in values}
    return write_report(
        folder / f"r_{unit}_{period}.xlsx",
        programme_id=programme,
        unit_code=unit,
        unit_name=None,
        period=period,
        submitted_on=submitted_on,
        values=[*values, *(row for row in template_rows({}) if row[0] not in given)],
        activities=[(code, code, None) for code in ACTIVITIES],
    )


def run_cli(home: Path, *args: str) -> int:
    return main([*args, "--home", str(home), "--programmes-dir", str(PROGRAMMES), "--programme", PROGRAMME])


PASSWORDS: dict[str, str] = {}


def signed_in(app, name: str = "quantri"):
    """An AppTest whose session is signed in as `name` (the login form itself is tested apart)."""
    now = time.time()
    app.session_state["auth"] = {"name": name, "since": now, "last_seen": now}
    return app


def run_page(page: str | None = None, **params: str):
    """The dashboard signed in, opened with `params` in the URL, then on `page` (a pages/ file;
    None stays on the overview); fails on any exception the page raised."""
    app = signed_in(AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=60))
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def warehouse_state(home: Path) -> tuple:
    """What an ingest may change: the staged files and the published manifest."""
    staged = sorted(p.name for p in (home / "submissions" / "staged").rglob("*.parquet"))
    return staged, (home / "parquet" / "manifest.json").read_text(encoding="utf-8")


def ingest_json(home: Path, capsys, *args: str) -> tuple[int, list[dict]]:
    """Run `ingest --json` and return its exit code and the per-file results."""
    capsys.readouterr()
    code = run_cli(home, "ingest", "--json", *args)
    return code, json.loads(capsys.readouterr().out)["files"]


def metric_values(app: AppTest) -> dict[str, str]:
    """The page's metrics, label → shown value."""
    return {m.label: m.value for m in app.metric}


def table_rows(app: AppTest, index: int = -1) -> list[dict]:
    """The rows of the page's `index`-th table (the last by default)."""
    return app.dataframe[index].value.to_dict("records")
