"""The four seed programmes: each file loads, and each programme's main mart gives the figures
worked out by hand from a few filled-in templates, through the same template and ingest code."""

import datetime as dt
import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from helpers import run_page
from pptx import Presentation

from data_pipeline.accounts import add_user
from data_pipeline.cli import main
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table
from data_pipeline.reference.programme import load_programmes
from data_pipeline.settings import REPO_ROOT, resolve_paths
from data_pipeline.warehouse.manifest import read_table

CONFIG = REPO_ROOT / "config" / "programmes"


def test_every_programme_file_loads_with_its_calendar():
    programmes = load_programmes(CONFIG)
    assert set(programmes) == {"bac_giang_835", "quang_ngai_1905", "lao_cai_1013", "thai_nguyen_pa05"}
    quang_ngai, lao_cai = programmes["quang_ngai_1905"], programmes["lao_cai_1013"]
    assert [i.code for i in quang_ngai.indicators] == ["1", "2", "3", "4", "5", "6", "7"]
    assert {p.due.strftime("%d/%m") for p in quang_ngai.periods} == {"10/05", "10/11"}
    assert [r.date for r in quang_ngai.reviews] == [dt.date(2024, 12, 31), dt.date(2026, 12, 31)]
    assert not lao_cai.indicators and lao_cai.budget is None
    # who reports: QN's districts (then communes) with the province's sở, ban, ngành; Lào Cai
    # city's communes with the city's own phòng ban until the city was abolished on 1/7/2025
    assert [r.levels for r in quang_ngai.reporting] == [("district", "agency"), ("commune", "agency")]
    assert (quang_ngai.seat_code, lao_cai.seat_code) == ("51", "080")
    assert [r.levels for r in lao_cai.reporting] == [("commune", "agency"), ("commune",)]
    campaign = [(p.id, p.due) for p in lao_cai.periods[:3]]
    assert campaign == [
        ("2023-M10", dt.date(2023, 10, 27)),
        ("2023-M11", dt.date(2023, 11, 27)),
        ("2023-M12", dt.date(2023, 12, 28)),
    ]
    assert {p.due.strftime("%d/%m") for p in lao_cai.periods[3:]} == {"21/03", "21/06", "21/09", "21/12"}
    thai_nguyen = programmes["thai_nguyen_pa05"]
    # survey by 4/2023; meeting, rules, preparation in 5/2023; launch in 6/2023
    assert [(m.id, m.due.month) for m in thai_nguyen.milestones[:5]] == [
        ("B1", 4),
        ("B2", 5),
        ("B3", 5),
        ("B4", 5),
        ("B5", 6),
    ]
    assert (thai_nguyen.contacts.every_months, thai_nguyen.contacts.starts) == (3, dt.date(2023, 7, 1))


def _programme_home(tmp_path: Path, programme: str) -> tuple[Path, Path]:
    programmes = tmp_path / "programmes"
    programmes.mkdir()
    shutil.copy(CONFIG / f"{programme}.yaml", programmes)
    return tmp_path / "home", programmes


def _cli(home: Path, programmes: Path, programme: str, *args: str) -> int:
    return main([*args, "--home", str(home), "--programmes-dir", str(programmes), "--programme", programme])


def _template_refused(home: Path, programmes: Path, programme: str, unit: str, period: str, capsys) -> str:
    """What the template command says when it refuses `unit` for `period` (it must refuse)."""
    capsys.readouterr()
    out = home.parent / "refused.xlsx"
    assert _cli(home, programmes, programme, "template", "--unit", unit, "--period", period, "-o", str(out)) != 0
    assert not out.exists()
    return capsys.readouterr().err


def _serve(home: Path, programmes: Path, monkeypatch) -> None:
    """Let the pages read `home` with these programmes, for a signed-in administrator."""
    add_user(resolve_paths(home), "quantri", "admin", None, by="kiểm thử")
    monkeypatch.setenv("ANTQ_HOME", str(home))
    monkeypatch.setenv("ANTQ_PROGRAMMES_DIR", str(programmes))


def _report(home, programmes, programme, unit, period, folder, targets=None, activities=None, on=None) -> Path:
    """A unit's template, filled in as the unit would."""
    path = folder / f"{unit}_{period}.xlsx"
    assert _cli(home, programmes, programme, "template", "--unit", unit, "--period", period, "-o", str(path)) == 0
    workbook = openpyxl.load_workbook(path)
    for sheet_name, values, first in (
        (layouts.REPORT_TARGETS_SHEET, targets, 2),
        (layouts.REPORT_ACTIVITIES_SHEET, activities, 2),
    ):
        for row in workbook[sheet_name].iter_rows(min_row=first) if values else []:
            if row[0].value in values:
                filled = values[row[0].value]
                if isinstance(filled, tuple):
                    row[2].value, row[3].value = filled
                else:
                    row[2].value = filled
    title, coordinate = next(workbook.defined_names[layouts.REPORT_DATE_NAME].destinations)
    workbook[title][coordinate.replace("$", "")].value = on
    workbook.save(path)
    # the văn thư logs it as received on the day the unit dated it
    register = resolve_paths(home).receipt_register
    register.parent.mkdir(parents=True, exist_ok=True)
    with register.open("a", encoding="utf-8") as handle:
        handle.write(("Tệp,Thời điểm nhận\n" if handle.tell() == 0 else "") + f"{path.name},{on:%d/%m/%Y %H:%M}\n")
    return path


def test_lao_cai_counts_activities_per_report_without_adding_reports_together(tmp_path, monkeypatch):
    home, programmes = _programme_home(tmp_path, "lao_cai_1013")
    folder = tmp_path / "field"
    folder.mkdir()
    # two wards of Lào Cai city report the campaign's first month; one also its second month
    # (cumulative since 25/9: it includes the first month's 3 sessions)
    reports = [
        _report(home, programmes, "lao_cai_1013", "02644", "2023-M10", folder,
                activities={"tuyen_truyen": 3, "tin_bai": 10}, on=dt.datetime(2023, 10, 26)),
        _report(home, programmes, "lao_cai_1013", "02641", "2023-M10", folder,
                activities={"tuyen_truyen": 2, "tin_bai": 5, "kiem_tra": 1}, on=dt.datetime(2023, 10, 30)),
        _report(home, programmes, "lao_cai_1013", "02644", "2023-M11", folder,
                activities={"tuyen_truyen": 7}, on=dt.datetime(2023, 11, 20)),
    ]  # fmt: skip
    assert _cli(home, programmes, "lao_cai_1013", "ingest", *map(str, reports)) == 0
    assert _cli(home, programmes, "lao_cai_1013", "build", "--as-of", "2023-12-01") == 0
    mart = read_table(home / "parquet", "mart_activities")
    # the former-district view is the city itself (code 080); the new view splits it over the
    # wards of 1/7/2025, and adds back up to the city
    legacy = mart[mart.view == "legacy"].set_index(["period", "area_code", "activity_code"]).value
    assert legacy[("2023-M10", "080", "tuyen_truyen")] == 5
    assert legacy[("2023-M10", "080", "kiem_tra")] == 1
    new = mart[(mart.view == "new") & (mart.area_level != "province") & (mart.period == "2023-M10")]
    assert new.groupby("activity_code").value.sum().to_dict() == {"kiem_tra": 1, "tin_bai": 15, "tuyen_truyen": 5}
    # the whole city in the first month: 3 + 2 sessions, 10 + 5 posts, from 2 wards
    city = mart[(mart.view == "legacy") & (mart.area_level == "province")].set_index(["period", "activity_code"])
    assert city.loc[("2023-M10", "tuyen_truyen")].tolist()[-2:] == [5, 2]
    assert city.loc[("2023-M10", "tin_bai")].value == 15
    # the second month is its own report (7), never 5 + 7
    assert city.loc[("2023-M11", "tuyen_truyen")].value == 7
    compliance = read_table(home / "parquet", "mart_compliance")
    first = compliance[(compliance.view == "legacy") & (compliance.period == "2023-M10")].status.value_counts()
    # 17 communes and wards are due by 27/10; one on time, one late, 15 not in
    assert (first["đúng hạn"], first["trễ hạn"], first["chưa nộp"]) == (1, 1, 15)

    # the page shows the same figures, and says the programme has no rate targets
    _serve(home, programmes, monkeypatch)
    params = {"programme": "lao_cai_1013", "period": "2023-M10", "structure": "legacy"}
    page = run_page("pages/activities.py", **params)
    city = page.dataframe[0].value.iloc[0]
    assert (city.iloc[0], city["Buổi tuyên truyền trực quan, lưu động"], city["Tin, bài trên trang thông tin điện tử, mạng xã hội"]) == ("Toàn địa bàn", 5, 15)  # fmt: skip
    targets = run_page("pages/attainment.py", **params)
    assert "CV 1013 (TP. Lào Cai) không theo dõi chỉ tiêu tỉ lệ" in targets.info[0].value
    # the overview shows its reporting (2 of 17 in, 1 on time) and the month's counts instead
    overview = run_page(None, **params)
    metrics = {m.label: m.value for m in overview.metric}
    assert (metrics["Tỉ lệ nộp báo cáo"], metrics["Tỉ lệ nộp đúng hạn"]) == ("11,8 %", "5,9 %")
    bars = json.loads(overview.get("plotly_chart")[0].proto.spec)
    assert bars["layout"]["title"]["text"] == "Kết quả hoạt động toàn địa bàn – Đợt cao điểm: báo cáo 1 tháng"
    assert dict(zip(bars["data"][0]["y"], bars["data"][0]["text"], strict=True))["Cuộc kiểm tra bảo đảm an ninh mạng, bảo vệ bí mật nhà nước"] == "1"  # fmt: skip


def test_lao_cai_city_bodies_report_until_the_city_is_abolished(tmp_path, capsys):
    home, programmes = _programme_home(tmp_path, "lao_cai_1013")
    folder = tmp_path / "field"
    folder.mkdir()
    # the city's culture office (under the city, 080) reports; a provincial department (under
    # Lào Cai province, 10) is not one of the city's bodies
    units = write_table(folder / "danh_muc.xlsx", "Danh mục đơn vị", list(layouts.UNIT_COLUMNS), [
        ("TP-VHTT", "Phòng Văn hóa và Thông tin thành phố", "Cơ quan", "080", None, None, None, None),
        ("SO-TTTT", "Sở Thông tin và Truyền thông", "Cơ quan", "10", None, None, None, None),
    ])  # fmt: skip
    assert _cli(home, programmes, "lao_cai_1013", "ingest", str(units)) == 0
    reports = [
        _report(home, programmes, "lao_cai_1013", "TP-VHTT", "2023-M10", folder,
                activities={"tuyen_truyen": 4, "van_ban": 2}, on=dt.datetime(2023, 10, 25)),
        _report(home, programmes, "lao_cai_1013", "02644", "2023-M10", folder,
                activities={"tuyen_truyen": 3}, on=dt.datetime(2023, 10, 26)),
    ]  # fmt: skip
    # from 1/7/2025 the city is gone: its office no longer reports, and is told so
    refused = _template_refused(home, programmes, "lao_cai_1013", "TP-VHTT", "2025-Q3", capsys)
    assert "các cơ quan không báo cáo kỳ này" in refused
    assert _cli(home, programmes, "lao_cai_1013", "ingest", *map(str, reports)) == 0
    assert _cli(home, programmes, "lao_cai_1013", "build", "--as-of", "2023-12-01") == 0

    mart = read_table(home / "parquet", "mart_activities")
    first = mart[(mart.view == "legacy") & (mart.period == "2023-M10")].set_index(["area_code", "activity_code"])
    # the whole city: 4 + 3 sessions from 2 reporters; the ward's 3 in the city's territory, the
    # office's 4 on its own row
    assert first.loc[("10", "tuyen_truyen"), ["value", "units_reported"]].tolist() == [7, 2]
    assert first.loc[("080", "tuyen_truyen"), "value"] == 3
    assert first.loc[("TP-VHTT", "tuyen_truyen"), ["value", "area_level"]].tolist() == [4, "agency"]
    assert first.loc[("10", "van_ban"), "value"] == 2
    summary = read_table(home / "parquet", "mart_compliance_summary").set_index("period")
    # 17 communes and wards and the office are due by 27/10
    assert summary.loc["2023-M10", ["expected", "received", "on_time"]].tolist() == [18, 2, 2]
    assert bool(summary.loc["2023-M10", "agencies_report"])


def test_quang_ngai_task_groups_are_items_done_over_items_planned(tmp_path):
    home, programmes = _programme_home(tmp_path, "quang_ngai_1905")
    folder = tmp_path / "field"
    folder.mkdir()
    # Thành phố Quảng Ngãi (522) did 4 of 5 items of group 2; Huyện Bình Sơn (524) 6 of 6 and
    # 1 of 2 of group 6; the yearly report is due before 10/11/2024
    reports = [
        _report(home, programmes, "quang_ngai_1905", "522", "2024", folder,
                targets={"2": (4, 5)}, on=dt.datetime(2024, 11, 8)),
        _report(home, programmes, "quang_ngai_1905", "524", "2024", folder,
                targets={"2": (6, 6), "6": (1, 2)}, on=dt.datetime(2024, 11, 12)),
    ]  # fmt: skip
    assert _cli(home, programmes, "quang_ngai_1905", "ingest", *map(str, reports)) == 0
    assert _cli(home, programmes, "quang_ngai_1905", "build", "--as-of", "2024-12-01") == 0
    mart = read_table(home / "parquet", "mart_attainment")
    year = mart[(mart.view == "legacy") & (mart.period == "2024")]
    province = year[year.unit_level == "province"].set_index("indicator_code")
    # group 2: (4 + 6) / (5 + 6) = 10/11 = 90,9 %, short of the 100 % goal; group 6: 1/2
    assert province.loc["2", "rate"] == pytest.approx(10 / 11)
    assert province.loc["2", "status"] == "chậm"
    assert province.loc["6", "rate"] == pytest.approx(0.5)
    assert (province.loc["2", "units_reported"], province.loc["2", "units_expected"]) == (2, 13)
    # a group nobody reported on has no figure, not zero
    assert province.loc["4", "status"] == "chưa có số liệu"
    city = year[year.unit_code == "522"].set_index("indicator_code")
    assert city.loc["2", "rate"] == pytest.approx(0.8)


def test_quang_ngai_departments_report_beside_the_districts(tmp_path, capsys, monkeypatch):
    home, programmes = _programme_home(tmp_path, "quang_ngai_1905")
    folder, inbox = tmp_path / "field", tmp_path / "inbox"
    folder.mkdir()
    inbox.mkdir()
    # the units file lists two provincial bodies (under the province, 51) and a district's own
    # office (under Thành phố Quảng Ngãi, 522), which reports to its district, not the province
    units = write_table(folder / "z_danh_muc.xlsx", "Danh mục đơn vị", list(layouts.UNIT_COLUMNS), [
        ("CQ-STTTT", "Sở Thông tin và Truyền thông", "Cơ quan", "51", None, None, None, None),
        ("CQ-CAT", "Công an tỉnh", "Cơ quan", "51", None, None, None, None),
        ("522-VHTT", "Phòng Văn hóa và Thông tin thành phố", "Cơ quan", "522", None, None, None, None),
    ])  # fmt: skip
    assert _cli(home, programmes, "quang_ngai_1905", "ingest", str(units)) == 0
    # Sở TT&TT, lead body of group 3, did 3 of its 4 items and 2 of 2 of group 2; Thành phố
    # Quảng Ngãi 4 of 5 of group 2; Công an tỉnh has not reported (yearly report due 10/11/2024)
    reports = [
        _report(home, programmes, "quang_ngai_1905", "CQ-STTTT", "2024", folder,
                targets={"2": (2, 2), "3": (3, 4)}, on=dt.datetime(2024, 11, 5)),
        _report(home, programmes, "quang_ngai_1905", "522", "2024", folder,
                targets={"2": (4, 5)}, on=dt.datetime(2024, 11, 8)),
    ]  # fmt: skip
    # the district's office is no reporter of the province: no template, named why
    refused = _template_refused(home, programmes, "quang_ngai_1905", "522-VHTT", "2024", capsys)
    assert "'522-VHTT' không phải đơn vị báo cáo của KH 1905 (Quảng Ngãi)" in refused
    assert _cli(home, programmes, "quang_ngai_1905", "ingest", *map(str, reports)) == 0
    assert _cli(home, programmes, "quang_ngai_1905", "build", "--as-of", "2024-12-01") == 0

    mart = read_table(home / "parquet", "mart_attainment")
    year = mart[(mart.view == "legacy") & (mart.period == "2024")]
    province = year[year.unit_level == "province"].set_index("indicator_code")
    # group 2 over everyone who reported: (2 + 4) / (2 + 5) = 6/7; 13 districts + 2 bodies due
    assert province.loc["2", "rate"] == pytest.approx(6 / 7)
    assert (province.loc["2", "units_reported"], province.loc["2", "units_expected"]) == (2, 15)
    assert province.loc["3", "rate"] == pytest.approx(0.75)
    # the Sở is a row of its own, in both views, beside the districts
    for view in ("legacy", "new"):
        department = mart[(mart.view == view) & (mart.period == "2024") & (mart.unit_code == "CQ-STTTT")]
        department = department.set_index("indicator_code")
        assert department.loc["3", ["unit_name", "unit_level", "rate"]].tolist() == [
            "Sở Thông tin và Truyền thông", "agency", 0.75,
        ]  # fmt: skip
    compliance = read_table(home / "parquet", "mart_compliance")
    due = compliance[(compliance.view == "legacy") & (compliance.period == "2024")].set_index("unit_code")
    assert due.loc["CQ-STTTT", ["status", "area_name"]].tolist() == ["đúng hạn", "Sở Thông tin và Truyền thông"]
    assert due.loc["CQ-CAT", "status"] == "chưa nộp"
    assert "522-VHTT" not in due.index and len(due) == 15

    # the page lists the bodies after the districts, and says they are there
    _serve(home, programmes, monkeypatch)
    page = run_page("pages/attainment.py", programme="quang_ngai_1905", structure="legacy", period="2024")
    heatmap = json.loads(page.get("plotly_chart")[0].proto.spec)
    rows = heatmap["data"][0]["y"]
    assert rows[0] == "Toàn tỉnh" and rows[-2:] == ["Công an tỉnh", "Sở Thông tin và Truyền thông"]
    assert heatmap["layout"]["yaxis"]["title"]["text"] == "Huyện, thị xã, thành phố (trước 1/7/2025) và cơ quan"

    # a folder read in name order gives the reports before the units file: they wait for it
    fresh = tmp_path / "fresh"
    for path in (*reports, units):
        shutil.copy(path, inbox)
    assert sorted(p.name for p in inbox.iterdir())[-1] == "z_danh_muc.xlsx"
    assert _cli(fresh, programmes, "quang_ngai_1905", "ingest", str(inbox)) == 0
    staged = pd.read_parquet(fresh / "submissions" / "staged" / "report_submissions")
    assert set(staged.unit_code) == {"CQ-STTTT", "522"}


GROUP_KIND = "Hội nhóm an toàn, lành mạnh, tích cực"


def test_thai_nguyen_steps_per_district_and_admin_contacts_per_quarter(tmp_path, monkeypatch):
    home, programmes = _programme_home(tmp_path, "thai_nguyen_pa05")
    folder = tmp_path / "field"
    folder.mkdir()
    # two groups launched on 20/6/2023: one in Thành phố Thái Nguyên (164), one in Định Hóa (167)
    registry = write_table(folder / "so_mo_hinh.xlsx", "Sổ theo dõi mô hình", list(layouts.MODEL_COLUMNS), [
        ("HN1", "Hội nhóm Quan Triều", GROUP_KIND, "Liên kết", None, None, "Facebook", "Tổng hợp", "05431",
         "Nguyễn Văn A", 5200, "Duy trì", "20/06/2023", None),
        ("HN2", "Hội nhóm Linh Thông", GROUP_KIND, "Liên kết", None, None, "Facebook", "Tổng hợp", "05539",
         "Trần Thị B", 800, "Duy trì", "20/06/2023", None),
        ("HN3", "Hội nhóm Tân Long", GROUP_KIND, "Liên kết", None, None, "Zalo", "Tổng hợp", "05431",
         "Lê Văn C", 300, "Duy trì", "20/06/2023", None),
    ])  # fmt: skip
    # steps: 164 did B1 on 20/4 (due 30/4: on time) and B5 on 25/6; 167 did B1 on 10/5 (10 days
    # late) and has not launched (B5, due 30/6/2023)
    steps = write_table(folder / "cac_buoc.xlsx", "Theo dõi các bước", list(layouts.MILESTONE_COLUMNS), [
        ("B1", "164", "Thành phố Thái Nguyên", "20/04/2023", None),
        ("B5", "164", "Thành phố Thái Nguyên", "25/06/2023", None),
        ("B1", "167", "Huyện Định Hóa", "10/05/2023", None),
        ("B5", "167", "Huyện Định Hóa", None, None),
    ])  # fmt: skip
    # contacts: HN1 twice in Q3/2023 (once logged twice), none in Q4; HN2 once in Q4 only; HN3 never
    contacts = write_table(folder / "tiep_xuc.xlsx", "Sổ tiếp xúc", list(layouts.CONTACT_COLUMNS), [
        ("HN1", "15/08/2023", "Nguyễn Văn A", "Gặp trực tiếp", "Đội 1", None),
        ("HN1", "02/09/2023", "Nguyễn Văn A", "Điện thoại", "Đội 1", None),
        ("HN1", "02/09/2023", "Nguyễn Văn A", "Điện thoại", "Đội 1", "ghi trùng"),
        ("HN2", "10/11/2023", "Trần Thị B", "Zalo", "Đội 1", None),
    ])  # fmt: skip
    for path in (registry, steps, contacts):
        assert _cli(home, programmes, "thai_nguyen_pa05", "ingest", str(path)) == 0
    assert _cli(home, programmes, "thai_nguyen_pa05", "build", "--as-of", "2024-01-15") == 0

    milestones = read_table(home / "parquet", "mart_milestones").set_index(["unit_code", "step_id"])
    assert milestones.loc[("164", "B1"), "status"] == "hoàn thành"
    assert milestones.loc[("167", "B1"), ["status", "days_late"]].tolist() == ["hoàn thành trễ", 10]
    # 30/6/2023 to 15/1/2024: 199 days overdue
    assert milestones.loc[("167", "B5"), ["status", "days_late"]].tolist() == ["quá hạn", 199]
    assert milestones.loc[("164", "B2"), "status"] == "quá hạn"  # not in the tracker: not done
    assert len(milestones) == 6 * 9  # six steps × nine districts of Thái Nguyên

    windows = read_table(home / "parquet", "mart_contacts").set_index(["model_id", "window_start"])
    q3, q4 = dt.date(2023, 7, 1), dt.date(2023, 10, 1)
    assert windows.loc[("HN1", q3), ["contacts", "is_compliant"]].tolist() == [2, True]
    assert windows.loc[("HN1", q4), ["contacts", "is_compliant"]].tolist() == [0, False]
    assert windows.loc[("HN2", q3), "is_compliant"] == False  # noqa: E712
    assert windows.loc[("HN2", q4), "contacts"] == 1
    # Q1/2024 has not ended on 15/1/2024: not judged yet
    assert len(windows) == 6 and windows.loc["HN2"].admin.iloc[0] == "Trần Thị B"
    # per quarter 1 of the 3 groups; per group HN1 and HN2 1 of 2 quarters, HN3 none
    per_window = read_table(home / "parquet", "mart_contact_windows").set_index("window_start")
    assert per_window.loc[q4, ["groups", "compliant", "compliant_share"]].tolist() == [3, 1, 1 / 3]
    groups = read_table(home / "parquet", "mart_contact_groups").set_index("model_id")
    assert groups.loc["HN1", ["windows", "met", "met_share", "contacts", "latest_compliant"]].tolist() == [
        2,
        1,
        0.5,
        2,
        False,
    ]
    assert groups.loc["HN2", ["met_share", "latest_compliant"]].tolist() == [0.5, True]
    assert groups.loc["HN3", ["met", "met_share", "contacts"]].tolist() == [0, 0.0, 0]
    # the page shows each group's own share (it used to assign the shares in another order)
    _serve(home, programmes, monkeypatch)
    page = run_page("pages/models.py", programme="thai_nguyen_pa05", structure="legacy")
    rows = next(t.value for t in page.dataframe if "Quản trị viên" in t.value.columns)
    assert dict(zip(rows["Hội nhóm"], rows["Tỉ lệ"], strict=True)) == {
        "Hội nhóm Quan Triều": "50,0 %",
        "Hội nhóm Linh Thông": "50,0 %",
        "Hội nhóm Tân Long": "0,0 %",
    }
    assert rows["Hội nhóm"].iloc[0] == "Hội nhóm Tân Long"  # the latest quarter missed, fewest met first

    # the sơ kết deck and draft report summarise both: per step, the 9 districts on time, late,
    # overdue, not yet due; per quarter, 1 of the 3 groups contacted
    deck, report = tmp_path / "so_ket.pptx", tmp_path / "so_ket.docx"
    assert _cli(home, programmes, "thai_nguyen_pa05", "brief", "-o", str(deck), "-o", str(report)) == 0
    slide = Presentation(str(deck)).slides[5]
    assert slide.shapes.title.text == "Xây dựng mô hình: các bước và tiếp xúc định kỳ"
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[1][1:] == ["30/04/2023", "1", "1", "7", "0"]  # B1: 164 on time, 167 late
    assert cells[5][1:] == ["30/06/2023", "1", "0", "8", "0"]  # B5: only 164 launched
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    assert list(chart.plots[0].categories) == ["07–09/2023", "10–12/2023"]
    assert list(chart.plots[0].series[0].values) == [33.3, 33.3]
    document = docx.Document(str(report))
    text = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    assert "kỳ gần nhất (10–12/2023) 1/3 hội nhóm được tiếp xúc (33,3 %)" in text
    steps_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Bước")
    assert [c.text for c in steps_table.rows[5].cells] == ["B5. Tổ chức ra mắt mô hình", "30/06/2023", "1", "0", "8"]
    assert "Bước B5 (Tổ chức ra mắt mô hình): 8/9 huyện chưa hoàn thành, quá hạn 30/06/2023." in text


def test_a_step_or_unit_the_programme_does_not_have_is_rejected_with_its_cell(tmp_path):
    home, programmes = _programme_home(tmp_path, "thai_nguyen_pa05")
    bad = write_table(tmp_path / "cac_buoc.xlsx", "Theo dõi các bước", list(layouts.MILESTONE_COLUMNS), [
        ("B9", "164", "Thành phố Thái Nguyên", "20/04/2023", None),
        ("B1", "999", "Không có", "20/04/2023", None),
    ])  # fmt: skip
    assert _cli(home, programmes, "thai_nguyen_pa05", "ingest", str(bad)) == 1
    reasons = next((home / "submissions" / "rejected").glob("*.ly-do.txt")).read_text(encoding="utf-8")
    assert "dòng 2, cột 'Bước': cần một bước của KH PA05 (Thái Nguyên) (B1, B2, B3, B4, B5, B6)" in reasons
    assert "dòng 3, cột 'Mã đơn vị': cần mã huyện hoặc xã của chương trình, nhận được '999'" in reasons
