"""Incident intake by commune name, the CompStat comparison and its flag, the model registry's
classes, coverage and gaps — on hand-worked fixtures (see fixture_data.py for the inputs)."""

import datetime as dt
import math
import shutil
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from helpers import ingest_json, run_cli, warehouse_state

from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table
from data_pipeline.warehouse import compstat
from data_pipeline.warehouse.manifest import read_table
from data_pipeline.warehouse.read import Warehouse


@pytest.fixture
def home(fixture_home, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(fixture_home, copy, symlinks=True)
    return copy


@pytest.fixture(scope="module")
def warehouse(fixture_home) -> Warehouse:
    return Warehouse(fixture_home / "parquet")


# --- the test: exact conditional test of two Poisson counts, worked by hand -----------------


@pytest.mark.parametrize(
    ("current", "previous", "p_value", "flag"),
    [
        # n = 10: P(X ≥ 9) = (C(10,9) + C(10,10)) / 2^10 = 11/1024, two-sided 22/1024
        (9, 1, 22 / 1024, compstat.UP),
        (1, 9, 22 / 1024, compstat.DOWN),
        # "3 → 6 is +100 %": n = 9, P(X ≥ 6) = (84 + 36 + 9 + 1) / 512 = 130/512, two-sided 260/512
        (6, 3, 260 / 512, compstat.USUAL),
        # n = 13: P(X ≥ 11) = (78 + 13 + 1) / 8192, two-sided 184/8192
        (11, 2, 184 / 8192, compstat.UP),
        (0, 0, 1.0, compstat.USUAL),
        (4, 4, 1.0, compstat.USUAL),
    ],
)
def test_change_is_flagged_only_beyond_chance(current, previous, p_value, flag):
    assert compstat.change_p_value(current, previous) == pytest.approx(p_value)
    assert compstat.change_flag(current, previous, 0.05) == flag


def test_windows_are_whole_months_and_compare_with_the_year_before():
    assert compstat.last_complete_month(dt.date(2026, 11, 23)) == dt.date(2026, 10, 1)
    assert compstat.last_complete_month(dt.date(2026, 11, 30)) == dt.date(2026, 11, 1)
    quarter = compstat.quarter_window(2025, 3)
    assert (quarter.first, quarter.last, quarter.label) == (dt.date(2025, 7, 1), dt.date(2025, 9, 1), "quý 3/2025")
    before = quarter.year_before()
    assert (before.first, before.last) == (dt.date(2024, 7, 1), dt.date(2024, 9, 1))
    ytd = compstat.year_to_date_window(dt.date(2025, 10, 1))
    assert (ytd.first, ytd.last) == (dt.date(2025, 1, 1), dt.date(2025, 10, 1))
    assert compstat.range_window(dt.date(2024, 6, 1), dt.date(2022, 1, 1)).first == dt.date(2022, 1, 1)


# --- comparison on the fixture warehouse --------------------------------------------------

# The demo's case list begins in 01/2022; the fixture's in 03/2024 (VV1).
DEMO_START, FIXTURE_START = dt.date(2022, 1, 1), dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("chosen", "start", "compared_with"),
    [
        # 12 months exactly: 07/2022–06/2023 ends the month before 07/2023
        (compstat.range_window(dt.date(2023, 7, 1), dt.date(2024, 6, 1)), DEMO_START, ("07/2022", "06/2023")),
        # the first year with data is the earliest a window can be compared with
        (compstat.range_window(dt.date(2023, 1, 1), dt.date(2023, 12, 1)), DEMO_START, ("01/2022", "12/2022")),
        (compstat.month_window(dt.date(2023, 1, 1)), DEMO_START, ("01/2022", "01/2022")),
        (compstat.quarter_window(2025, 4), DEMO_START, ("10/2024", "12/2024")),
        (compstat.year_to_date_window(dt.date(2026, 10, 1)), DEMO_START, ("01/2025", "10/2025")),
        (compstat.quarter_window(2025, 3), FIXTURE_START, ("07/2024", "09/2024")),
    ],
)
def test_a_window_is_compared_with_the_same_months_a_year_earlier(chosen, start, compared_with):
    before = compstat.comparison_window(chosen, start)
    assert isinstance(before, compstat.Window)
    assert (f"{before.first:%m/%Y}", f"{before.last:%m/%Y}") == compared_with


@pytest.mark.parametrize(
    ("chosen", "start", "reason"),
    [
        # 30 months: a year earlier is 01/2021–06/2023, which holds 01/2022–06/2023 of the range itself
        (
            compstat.range_window(dt.date(2022, 1, 1), dt.date(2024, 6, 1)),
            DEMO_START,
            "Không so sánh: khoảng đã chọn dài 30 tháng (hơn 12 tháng) nên cùng kỳ năm trước "
            "(01/2021–06/2023) trùng với nó.",
        ),
        # 13 months: 06/2022–06/2023 shares 06/2023 with the range
        (
            compstat.range_window(dt.date(2023, 6, 1), dt.date(2024, 6, 1)),
            DEMO_START,
            "Không so sánh: khoảng đã chọn dài 13 tháng (hơn 12 tháng) nên cùng kỳ năm trước "
            "(06/2022–06/2023) trùng với nó.",
        ),
        # a range in the first year with data: a year earlier there is no case list
        (
            compstat.range_window(dt.date(2022, 3, 1), dt.date(2022, 5, 1)),
            DEMO_START,
            "Không so sánh: chưa có số liệu vụ việc trước tháng 01/2022 nên thiếu số liệu cùng kỳ năm trước "
            "(03/2021–05/2021).",
        ),
        (
            compstat.month_window(dt.date(2022, 12, 1)),
            DEMO_START,
            "Không so sánh: chưa có số liệu vụ việc trước tháng 01/2022 nên thiếu số liệu cùng kỳ năm trước (12/2021).",
        ),
        (
            compstat.quarter_window(2022, 1),
            DEMO_START,
            "Không so sánh: chưa có số liệu vụ việc trước tháng 01/2022 nên thiếu số liệu cùng kỳ năm trước "
            "(01/2021–03/2021).",
        ),
        # the fixture's year to date as of 20/11/2025: 01–10/2024 begins two months before its first case
        (
            compstat.year_to_date_window(dt.date(2025, 10, 1)),
            FIXTURE_START,
            "Không so sánh: chưa có số liệu vụ việc trước tháng 03/2024 nên thiếu số liệu cùng kỳ năm trước "
            "(01/2024–10/2024).",
        ),
        (compstat.quarter_window(2025, 3), None, "Không so sánh: chưa có số liệu vụ việc."),
    ],
)
def test_no_comparison_with_overlapping_months_or_months_before_the_data(chosen, start, reason):
    assert compstat.comparison_window(chosen, start) == reason


def test_without_a_comparison_window_rows_carry_no_previous_figure_or_flag(warehouse):
    chosen = compstat.range_window(dt.date(2024, 3, 1), dt.date(2025, 10, 1))
    baseline = compstat.comparison_window(chosen, FIXTURE_START)
    rows = warehouse.incident_comparison("fixture_3d", "new", chosen.first, chosen.last)
    total = compstat.compared(rows, baseline, 0.05).iloc[0]
    # 03/2024–10/2025 (20 months): VV1, YT1, VV2, VV3 in 2024 and the 12 cases of 01–10/2025
    assert total.cases == 16
    assert pd.isna(total.previous_cases) and pd.isna(total.previous_prosecuted)
    assert (total.p_value, total.flag, total.change) == (None, None, None)


def test_district_with_more_fraud_than_the_same_quarter_last_year_is_flagged(warehouse):
    rows = warehouse.incident_comparison(
        "fixture_3d", "legacy", dt.date(2025, 7, 1), dt.date(2025, 9, 1), "area", "lua_dao"
    )
    rows = compstat.with_flags(rows, warehouse.incident_significance("fixture_3d")).set_index("key")
    # Huyện Yên Thế: YT2–YT10 in Q3/2025 (named with the new communes Bố Hạ and Yên Thế) against
    # YT1 in Q3/2024 (TT. Bố Hạ); Thành phố Bắc Giang had no fraud case in either quarter.
    assert rows.index.tolist() == ["215"]
    yen_the = rows.loc["215"]
    assert (yen_the["name"], yen_the.cases, yen_the.previous_cases) == ("Huyện Yên Thế", 9, 1)
    assert yen_the.p_value == pytest.approx(22 / 1024)
    assert yen_the.flag == compstat.UP
    assert yen_the.change == pytest.approx(8.0)
    assert (yen_the.prosecuted, yen_the.previous_prosecuted, yen_the.previous_loss) == (4, 1, 10_000_000)


def test_year_to_date_by_category_and_outcomes(warehouse):
    first, last = dt.date(2025, 1, 1), dt.date(2025, 10, 1)
    rows = warehouse.incident_comparison("fixture_3d", "new", first, last, "category").set_index("key")
    # Jan–Oct 2025: VV4, VV5 + YT2–YT10 fraud, VV6 fake news; Jan–Oct 2024: VV1 + YT1, VV2
    assert rows.loc["lua_dao", ["cases", "previous_cases"]].tolist() == [11, 2]
    assert rows.loc["tin_gia", ["cases", "previous_cases"]].tolist() == [1, 1]
    total = warehouse.incident_comparison("fixture_3d", "new", first, last).iloc[0]
    assert (total.cases, total.previous_cases) == (12, 3)
    assert (total.sanctioned, total.fines, total.warned, total.taken_down) == (1, 7_500_000, 1, 5)
    assert (total.prosecuted, total.loss) == (5, 20_000_000)
    assert (total.previous_sanctioned, total.previous_fines, total.previous_taken_down) == (1, 5_000_000, 3)
    assert (total.previous_prosecuted, total.previous_loss) == (2, 60_000_000)
    # both views hold the same cases
    legacy = warehouse.incident_comparison("fixture_3d", "legacy", first, last).iloc[0]
    assert (legacy.cases, legacy.previous_cases) == (12, 3)


def test_monthly_series_fills_months_without_cases(warehouse):
    series = warehouse.incident_series("fixture_3d", "legacy", "tin_gia")
    assert series.month.min() == pd.Timestamp("2024-03-01") and series.month.max() == pd.Timestamp("2025-11-01")
    by_month = series.set_index(series.month.dt.strftime("%Y-%m")).cases
    assert (by_month["2024-10"], by_month["2024-11"], by_month["2024-12"], by_month["2025-11"]) == (1, 0, 1, 1)
    assert by_month.sum() == 4


# --- intake: communes by name ----------------------------------------------------------------


def test_named_communes_are_matched_whatever_the_prefix_case_or_diacritics(fixture_home):
    staged = pd.concat(pd.read_parquet(p) for p in (fixture_home / "submissions/staged/incidents").glob("*.parquet"))
    codes = staged.set_index("case_id").commune_code
    assert codes["YT1"] == "07294"  # "TT. Bố Hạ" in 2024: the old town
    assert {codes[f"YT{n}"] for n in range(2, 7)} == {"2025:07294"}  # "Xã Bố Hạ" after 1/7/2025
    assert {codes[f"YT{n}"] for n in range(7, 11)} == {"2025:07288"}  # "xa yen the", no diacritics


def _case_list(home: Path, names: list[str]) -> Path:
    path = home / "cases.csv"
    lines = ['Mã vụ việc,Ngày,"Xã, phường",Loại vụ việc,Kết quả xử lý,Gỡ bỏ tài khoản,Xử phạt (đồng),Thiệt hại (đồng)']
    lines += [f'N{n},01/03/2025,"{name}",Tin giả,Nhắc nhở' for n, name in enumerate(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ambiguous_or_unknown_commune_name_rejects_the_file_listing_candidates(home, capsys):
    before = warehouse_state(home)
    path = _case_list(home, ["Phường Đồng Sơn", "Dong Son", "Tho Xuongg"])
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1 and files[0]["status"] == "rejected"
    assert files[0]["messages"] == [
        "Sheet 'cases.csv', dòng 3, cột 'Xã, phường': cần tên xã chỉ khớp một đơn vị, nhưng khớp "
        "Phường Đồng Sơn – Thành phố Bắc Giang (07696), Xã Đông Sơn – Huyện Yên Thế (07273); "
        "đề nghị ghi rõ dấu hoặc điền cột 'Mã xã', nhận được 'Dong Son'",
        "Sheet 'cases.csv', dòng 4, cột 'Xã, phường': cần tên một xã, phường, thị trấn của Kiểm thử 3 huyện; "
        "tên gần giống: Phường Thọ Xương – Thành phố Bắc Giang (07201), Thị trấn Phồn Xương – Huyện Yên Thế "
        "(07288), Xã An Thượng – Huyện Yên Thế (07285), nhận được 'Tho Xuongg'",
    ]
    kept = Path(files[0]["kept_as"])
    assert kept.exists() and "Dong Son" in Path(f"{kept}.ly-do.txt").read_text(encoding="utf-8")
    assert warehouse_state(home) == before


def test_case_without_code_or_name_is_rejected(home, capsys):
    path = _case_list(home, [""])
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1
    assert files[0]["messages"] == [
        "Sheet 'cases.csv', dòng 2, cột 'Xã, phường': cần mã xã hoặc tên xã, phường, thị trấn, nhận được ''"
    ]


# --- the model registry --------------------------------------------------------------------


def test_registry_classes_are_read_in_their_canonical_names(mart):
    models = mart("core_models").set_index("model_id").astype(object)
    models = models.where(models.notna(), None)
    assert models.loc["MH1", ["participants", "leader", "content", "platform", "theme"]].tolist() == [
        "Xã, thôn",
        None,
        "Tuyên truyền, tiếp nhận tin báo",
        "Zalo",
        "Tổng hợp",
    ]
    # "Cơ quan", "Tin giả; lua dao": a variant of the class and two themes by their short names
    assert models.loc["MH2", ["participants", "leader", "theme", "head"]].tolist() == [
        "Cơ quan, tổ chức",
        "Người có ảnh hưởng trong tỉnh",
        "Phòng, chống tin giả; Phòng, chống lừa đảo trực tuyến",
        None,
    ]
    assert models.loc["MH1", "head"] == "Tổ trưởng tổ dân phố số 1"


def test_registry_with_an_unknown_class_or_theme_is_rejected(home, capsys):
    before = warehouse_state(home)
    rest = ["07201-T01", None, 10, "Duy trì", "01/02/2025", None]
    rows = [
        ["MH8", "Nhóm", "Nhóm Zalo", "Hộ kinh doanh", None, None, "Zalo", "Tin giả", *rest],
        ["MH9", "Nhóm", "Nhóm Zalo", "Xã, thôn", None, None, "Zalo", "Tin giả; Thời tiết", *rest],
    ]
    path = write_table(home / "mo_hinh_moi.xlsx", "Mô hình", list(layouts.MODEL_COLUMNS), rows)
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1
    assert files[0]["messages"] == [
        "Sheet 'Mô hình', dòng 2, cột 'Phân loại': cần một loại có trong config/model_classification.yaml, "
        "nhận được 'Hộ kinh doanh'",
        "Sheet 'Mô hình', dòng 3, cột 'Chủ đề': cần một loại có trong config/model_classification.yaml, "
        "nhận được 'Thời tiết'",
    ]
    assert warehouse_state(home) == before


def test_registry_naming_an_unknown_unit_is_rejected(home, capsys):
    before = warehouse_state(home)
    row = ["MH7", "Nhóm", "Nhóm Zalo", "Xã, thôn", None, None, "Zalo", "Tin giả", "07201-T99", None, 10]
    path = write_table(
        home / "mo_hinh_x.xlsx", "Mô hình", list(layouts.MODEL_COLUMNS), [[*row, "Duy trì", "01/02/2025"]]
    )
    code, files = ingest_json(home, capsys, str(path))
    assert code == 1
    assert files[0]["messages"] == [
        "Sheet 'Mô hình', dòng 2, cột 'Mã đơn vị': cần mã một đơn vị đã có (xã, huyện hoặc danh mục đơn vị đã nạp), "
        "nhận được '07201-T99'"
    ]
    assert warehouse_state(home) == before


def test_model_growth_counts_models_active_at_each_month_end(mart):
    growth = mart("mart_model_growth")
    growth = growth[growth.view == "legacy"].groupby(growth.month_end.astype(str).str[:7]).active_models.sum()
    # MH1 from 1/2/2025; MH2 from 1/3/2025 until it ended on 1/9/2025; no baseline in the fixture
    assert growth.to_dict() == {
        "2025-02": 1,
        **{f"2025-{m:02d}": 2 for m in range(3, 9)},
        "2025-09": 1,
        "2025-10": 1,
        "2025-11": 1,
    }


def test_units_without_a_model_are_listed_by_area(mart):
    gaps = mart("mart_model_gaps")
    legacy = gaps[gaps.view == "legacy"]
    # villages of Thọ Xương: T01 has MH1, T02 has none
    assert legacy[["unit_code", "area_code", "indicator_code"]].values.tolist() == [["07201-T02", "213", "D"]]
    assert gaps[gaps.view == "new"].unit_code.tolist() == ["07201-T02"]


def test_ingest_then_rebuild_keeps_the_named_case_list(home):
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    incidents = read_table(home / "parquet", "core_incidents")
    assert incidents.case_id.str.startswith("YT").sum() == 10


def test_p_value_of_large_counts_matches_the_exact_big_integer_sum():
    # a province-wide year holds tens of thousands of cases: the log-space tail must agree with
    # the exact sum of binomial coefficients (computed here with Python's big integers)
    current, previous = 1000, 1100
    n = current + previous
    exact = Fraction(2 * sum(math.comb(n, k) for k in range(current + 1)), 2**n)
    assert compstat.change_p_value(current, previous) == pytest.approx(float(exact), rel=1e-9)
    assert compstat.change_p_value(previous, current) == pytest.approx(float(exact), rel=1e-9)
    assert compstat.change_p_value(30_000, 30_000) == pytest.approx(1.0)


def test_a_corrected_case_list_replaces_its_cases_once(home, tmp_path):
    # the police re-send VV2 (now prosecuted) and one new case: 7 cases of the first list + 10
    # named + 1 new = 18, VV2 once, in its newer version
    corrected = tmp_path / "vu_viec_bo_sung.csv"
    corrected.write_text(
        "Mã vụ việc,Ngày,Mã xã,Loại vụ việc,Kết quả xử lý,Gỡ bỏ tài khoản,Xử phạt (đồng),Thiệt hại (đồng)\n"
        "VV2,20/10/2024,07201,Tin giả,Khởi tố\n"
        "VV8,02/11/2025,07201,Tin giả,Khởi tố\n",
        encoding="utf-8",
    )
    assert run_cli(home, "ingest", str(corrected)) == 0
    assert run_cli(home, "build", "--as-of", "2025-11-20") == 0
    incidents = read_table(home / "parquet", "core_incidents").set_index("case_id")
    assert len(incidents) == 18 and incidents.index.is_unique
    assert incidents.loc["VV2", "outcome_code"] == "khoi_to"
    assert incidents.loc["VV8", "year"] == 2025
