"""The hand-made fixture: a three-district programme (config in fixtures/programmes) and the
field files of its units, with every figure chosen so the expected results can be worked out by
hand (see each constant's comment)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_report, write_table
from data_pipeline.settings import RECEIPT_REGISTER_NAME

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


# The fixture programme's indicators, in its template's order: a report carries every row.
INDICATORS = ("A", "B", "C", "D")
ACTIVITIES = ("hoi_nghi", "kinh_phi")
UNIT_NAMES = {"213": "Thành phố Bắc Giang", "215": "Huyện Yên Thế", "216": "Huyện Tân Yên"}


def template_rows(values: dict[str, tuple]) -> list[tuple]:
    """A report's target rows as the template has them: every indicator, blank where not given."""
    return [(code, code, *values.get(code, (None, None))) for code in INDICATORS]


def write_fixture_inputs(folder: Path) -> None:
    """The hand-made input files, as the field would send them."""
    receipts = []
    for n, (unit, period, submitted, values) in enumerate(REPORTS):
        name = f"report_{n}_{unit}_{period}.xlsx"
        write_report(
            folder / name,
            programme_id=PROGRAMME,
            unit_code=unit,
            unit_name=UNIT_NAMES[unit],
            period=period,
            submitted_on=submitted,
            values=template_rows(values),
            activities=[("hoi_nghi", "Hội nghị", None), ("kinh_phi", "Kinh phí đã chi (đồng)", SPENDING.get(n))],
        )
        receipts.append((name, f"{submitted:%d/%m/%Y} 08:00"))
    with (folder / RECEIPT_REGISTER_NAME).open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([("Tệp", "Thời điểm nhận"), *receipts])
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


# One account per role; an officer of Huyện Yên Thế (215). Passwords are drawn at creation.
ACCOUNTS = {
    "quantri": ("admin", None),
    "phantich": ("analyst", None),
    "canbo_yt": ("officer", "215"),
    "lanhdao": ("leader", None),
}
