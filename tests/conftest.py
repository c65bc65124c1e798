"""Shared fixtures: a hand-made three-district warehouse built by the real pipeline."""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_pipeline.accounts import add_user
from data_pipeline.cli import main
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_report, write_table
from data_pipeline.settings import REPO_ROOT, resolve_paths
from data_pipeline.warehouse.read import read_table

FIXTURES = Path(__file__).parent / "fixtures"
PROGRAMMES = FIXTURES / "programmes"
PROGRAMME = "fixture_3d"
AS_OF = "2025-11-20"

# (unit, period, submitted on, {indicator: (numerator, denominator)}); 216 misses 2025-H1 and
# 213 resubmits 2025 three days after its first, on-time, report.
REPORTS = [
    ("213", "2025-H1", dt.date(2025, 6, 10), {"A": (8, 10), "B": (30, 100), "C": (7, 10)}),
    ("215", "2025-H1", dt.date(2025, 6, 20), {"A": (10, 10), "B": (10, 100), "C": (9, 10)}),
    ("213", "2025", dt.date(2025, 11, 15), {"A": (7, 10), "B": (40, 100), "C": (8, 10)}),
    ("213", "2025", dt.date(2025, 11, 18), {"A": (9, 10), "B": (40, 100), "C": (8, 10)}),
    ("215", "2025", dt.date(2025, 11, 16), {"A": (5, 10), "B": (20, 100), "C": (None, None)}),
    ("216", "2025", dt.date(2025, 11, 1), {"A": (10, 10), "B": (25, 50), "C": (6, 10)}),
]

# Spending (activity kinh_phi, đồng) per report above, by its index: 213's first 2025 report
# (superseded) says 99, its correction 30; 215 and 216 say 20 and 10 for 2025; 213's 6-month
# report says 12, which the annual report replaces for 2025.
SPENDING = {0: 12, 2: 99, 3: 30, 4: 20, 5: 10}
# The secretariat's tracker: task 1 done before its deadline, 2 not done and past it, 3 (not in
# the plan) due after the as-of date.
TASKS = [
    ("1", "Hội nghị triển khai", "Công an tỉnh", None, "31/10/2024", "20/10/2024"),
    ("2", "Kiểm tra cơ sở", "BCĐ tỉnh", None, "30/09/2025", None),
    ("3", "Sơ kết năm 2025", "Công an tỉnh", "01/11/2025", "31/12/2025", None),
]

# Incidents: Jan–Oct 2025 has 3 cases, Jan–Oct 2024 has 2; Nov 2025 and Dec 2024 fall outside.
INCIDENTS = [
    ("VV1", "05/03/2024", "07201", "Lừa đảo trực tuyến", "Khởi tố", 0, 0, 50_000_000),
    ("VV2", "20/10/2024", "07201", "Tin giả", "Xử phạt hành chính", 3, 5_000_000, 0),
    ("VV3", "01/12/2024", "07201", "Tin giả", "Răn đe, giáo dục", 2, 0, 0),
    ("VV4", "15/01/2025", "07201", "lua dao", "khởi tố", 0, 0, 20_000_000),
    ("VV5", "28/02/2025", "07201", "Lừa đảo chiếm đoạt tài sản", "Răn đe giáo dục", 1, 0, 0),
    ("VV6", "10/10/2025", "07201", "TIN GIẢ", "XPHC", 4, 7_500_000, 0),
    ("VV7", "05/11/2025", "07201", "Tin giả", "Răn đe, giáo dục", 1, 0, 0),
]

# A second case list names communes instead of coding them, as the district police often do:
# fraud in Huyện Yên Thế (215), 1 case in Q3/2024 against 9 in Q3/2025 (after the
# reorganisation, so under the new communes' names) — a rise beyond chance (p = 22/1024).
NAMED_INCIDENTS = [
    ("YT1", "15/08/2024", "TT. Bố Hạ", "Lừa đảo", "Khởi tố", 0, 0, 10_000_000),
    *[(f"YT{n}", f"{n:02d}/07/2025", "Xã Bố Hạ", "Lừa đảo", "Đang xác minh", 0, 0, 0) for n in range(2, 7)],
    *[(f"YT{n}", f"{n:02d}/09/2025", "xa yen the", "lừa đảo trực tuyến", "Khởi tố", 0, 0, 0) for n in range(7, 11)],
]
NAMED_INCIDENT_COLUMNS = [
    "Mã vụ việc",
    "Ngày",
    "Xã, phường",
    "Loại vụ việc",
    "Kết quả xử lý",
    "Số tài khoản, bài viết gỡ bỏ",
    "Số tiền phạt (đồng)",
    "Thiệt hại (đồng)",
]

UNITS = [
    ("07201-T01", "Tổ dân phố số 1", "Thôn, tổ dân phố", "07201", None, None, 200),
    ("07201-T02", "Tổ dân phố số 2", "Thôn, tổ dân phố", "07201", None, None, 300),
    ("213-CQ01", "Phòng Văn hóa và Thông tin", "Cơ quan", "213", None, None, None),
]

MODELS = [
    (
        "MH1",
        "Nhóm Zalo tổ dân phố 1",
        "Nhóm Zalo",
        "Xã, thôn",
        None,
        "Tuyên truyền",
        "zalo",
        "Tổng hợp",
        "07201-T01",
        "Tổ trưởng tổ dân phố số 1",
        120,
        "Duy trì",
        "01/02/2025",
        None,
    ),
    (
        "MH2",
        "Trang cơ quan",
        "Trang Facebook",
        "Cơ quan",
        "Người có ảnh hưởng trong tỉnh",
        "Tuyên truyền, tiếp nhận tin báo",
        "Facebook",
        "Tin giả; lua dao",
        "213-CQ01",
        None,
        40,
        "Kết thúc",
        "01/03/2025",
        "01/09/2025",
    ),
]


def write_fixture_inputs(folder: Path) -> None:
    """The hand-made input files, as the field would send them."""
    for n, (unit, period, submitted, values) in enumerate(REPORTS):
        rows = [(code, code, num, den) for code, (num, den) in values.items()]
        write_report(
            folder / f"report_{n}_{unit}_{period}.xlsx",
            programme_id=PROGRAMME,
            unit_code=unit,
            unit_name=unit,
            period=period,
            submitted_on=submitted,
            values=rows,
            activities=[("kinh_phi", "Kinh phí đã chi (đồng)", SPENDING[n])] if n in SPENDING else [],
        )
    write_table(folder / "nhiem_vu.xlsx", "Nhiệm vụ", list(layouts.TASK_COLUMNS)[:6], TASKS)
    with (folder / "vu_viec.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c for c in layouts.INCIDENT_COLUMNS if c not in ("Xã, phường", "Ghi chú")])
        writer.writerows(INCIDENTS)
    with (folder / "vu_viec_yen_the.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(NAMED_INCIDENT_COLUMNS)
        writer.writerows(NAMED_INCIDENTS)
    write_table(folder / "don_vi.xlsx", "Đơn vị", [c for c in layouts.UNIT_COLUMNS if c != "Nguồn"], UNITS)
    write_table(folder / "mo_hinh.xlsx", "Mô hình", list(layouts.MODEL_COLUMNS), MODELS)


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
    """A small report workbook for one unit and period (file name r_<unit>_<period>.xlsx)."""
    return write_report(
        folder / f"r_{unit}_{period}.xlsx",
        programme_id=programme,
        unit_code=unit,
        unit_name=unit,
        period=period,
        submitted_on=submitted_on,
        values=values,
    )


def run_cli(home: Path, *args: str) -> int:
    return main([*args, "--home", str(home), "--programmes-dir", str(PROGRAMMES), "--programme", PROGRAMME])


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


# One account per role; an officer of Huyện Yên Thế (215). Passwords are drawn at creation.
ACCOUNTS = {
    "quantri": ("admin", None),
    "phantich": ("analyst", None),
    "canbo_yt": ("officer", "215"),
    "lanhdao": ("leader", None),
}
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
