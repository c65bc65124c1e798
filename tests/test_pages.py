"""Every page, run with AppTest against the fixture warehouse, shows the hand-computed numbers."""

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from fixture_data import PROGRAMME, PROGRAMMES
from helpers import metric_values, run_page, signed_in, table_rows
from shown import shown_rows
from streamlit.testing.v1 import AppTest

from data_pipeline.accounts import add_user
from data_pipeline.intake import layouts
from data_pipeline.intake.template import write_template
from data_pipeline.reference.programme import load_programme
from data_pipeline.settings import REPO_ROOT, resolve_paths

DASHBOARD = str(REPO_ROOT / "dashboard.py")
PAGES = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "pages").glob("*.py"))


def test_overview_shows_headline_figures_of_the_latest_due_period(fixture_env):
    app = run_page()
    assert app.title[0].value == "Tổng quan"
    metrics = metric_values(app)
    # 2025, province: A 80 % chậm, B 34 % on trajectory, C 70 % chậm, D no data
    assert (metrics["Chỉ tiêu đạt"], metrics["Đúng lộ trình"], metrics["Chậm"], metrics["Chưa có số liệu"]) == (
        "0",
        "1",
        "2",
        "1",
    )
    # all three districts reported 2025; 213 and 216 on time
    assert metrics["Tỉ lệ nộp báo cáo"] == "100,0 %"
    assert metrics["Tỉ lệ nộp đúng hạn"] == "66,7 %"
    # as of 20/11/2025: January–October, 3 + 9 (Yên Thế) cases in 2025; the case list begins in
    # 03/2024, so 01–10/2024 is not a whole comparison: no delta, and the page says why
    assert metrics["Vụ việc 01–10/2025"] == "12"
    assert not app.metric[6].delta
    assert app.metric[6].help.startswith("Không so sánh: chưa có số liệu vụ việc trước tháng 03/2024")
    assert (metrics["Mô hình đang hoạt động"], metrics["Thành viên mô hình"]) == ("1", "120")
    assert "Số liệu đến ngày 20/11/2025" in app.caption[0].value
    assert "Tài liệu kiểm thử số 1" in app.caption[0].value


def test_overview_lists_what_needs_attention_furthest_behind_first(fixture_env):
    app = run_page(structure="legacy")
    attention = table_rows(app, 0)
    # gaps: 215 A 100−50 = 50 points, 216 C 80−60 = 20, 213 A 100−90 = 10
    assert [(r["Địa bàn"], r["Mã"], r["Còn thiếu"]) for r in attention] == [
        ("Huyện Yên Thế", "A", "50,0 điểm %"),
        ("Huyện Tân Yên", "C", "20,0 điểm %"),
        ("Thành phố Bắc Giang", "A", "10,0 điểm %"),
    ]


def test_overview_period_comes_from_the_url(fixture_env):
    app = run_page(period="2025-H1")
    metrics = metric_values(app)
    # 2025-H1, province: A 90 % chậm, B 20 % on trajectory, C 80 % đạt; 2 of 3 reported, 1 on time
    assert (metrics["Chỉ tiêu đạt"], metrics["Đúng lộ trình"], metrics["Chậm"]) == ("1", "1", "1")
    assert metrics["Tỉ lệ nộp báo cáo"] == "66,7 %"
    assert metrics["Tỉ lệ nộp đúng hạn"] == "33,3 %"


def test_attainment_page_shows_heatmap_bars_and_the_table_behind_them(fixture_env):
    app = run_page("pages/attainment.py", structure="legacy", period="2025", indicator="C")
    assert app.title[0].value == "Chỉ tiêu theo địa bàn"
    assert len(app.get("plotly_chart")) == 2
    rows = {r["Địa bàn"]: r for r in table_rows(app)}
    assert (rows["Toàn tỉnh"]["Tử số"], rows["Toàn tỉnh"]["Mẫu số"], rows["Toàn tỉnh"]["Tỉ lệ"]) == (
        "14",
        "20",
        "70,0 %",
    )
    assert rows["Toàn tỉnh"]["Đơn vị đã báo cáo"] == "2/3"
    assert rows["Huyện Yên Thế"]["Tình trạng"] == "chưa có số liệu"
    assert rows["Huyện Yên Thế"]["Tỉ lệ"] == "–"
    assert rows["Huyện Tân Yên"]["Mục tiêu"] == "80 %"
    assert any("2/3 đơn vị đã báo cáo" in c.value for c in app.caption)
    assert app.query_params["indicator"] == ["C"] or app.query_params["indicator"] == "C"


def test_attainment_page_cumulative_target_shows_trajectory(fixture_env):
    app = run_page("pages/attainment.py", structure="legacy", period="2025", indicator="B")
    rows = {r["Địa bàn"]: r for r in table_rows(app)}
    # 0.5 × 440/1155 = 19,0 %
    assert rows["Toàn tỉnh"]["Lộ trình"] == "19,0 %"
    assert rows["Toàn tỉnh"]["Tỉ lệ"] == "34,0 %"
    assert rows["Toàn tỉnh"]["Tình trạng"] == "đúng lộ trình"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error_and_with_a_download(fixture_env, page):
    app = run_page(None if page.endswith("overview.py") else page)
    labels = {button.proto.label for button in app.get("download_button")}
    # the upload page's only table is the outcome of an upload, and the first slide has none; the
    # fixture's reports count spending only, which the activities page leaves to the tasks page
    expected = {
        "upload.py": {"Tải mẫu báo cáo (Excel)"},
        "activities.py": set(),
        "briefing.py": {"Tải bộ trình chiếu (PowerPoint)", "Tải dự thảo báo cáo (Word)"},
    }.get(Path(page).name, {"Tải bảng (CSV)", "Tải bảng (Excel)"})
    assert app.title and expected <= labels


def test_pages_explain_when_there_is_no_account_and_then_no_warehouse(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ANTQ_HOME", str(tmp_path))
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert "Chưa có tài khoản nào" in app.error[0].value
    add_user(resolve_paths(tmp_path), "quantri", "admin", None, by="kiểm thử")
    app = signed_in(AppTest.from_file(DASHBOARD, default_timeout=60)).run()
    assert "Chưa có kho dữ liệu" in app.error[0].value


def test_compliance_page_shows_rates_matrix_missing_list_and_history(fixture_env):
    app = run_page("pages/compliance.py", structure="legacy", period="2025-H1", unit="213")
    assert app.title[0].value == "Tình hình báo cáo"
    metrics = metric_values(app)
    assert (metrics["Phải nộp"], metrics["Tỉ lệ nộp"], metrics["Tỉ lệ đúng hạn"], metrics["Chưa nộp"]) == (
        "3",
        "66,7 %",
        "33,3 %",
        "1",
    )
    summary = {r["Kỳ báo cáo"]: r for r in table_rows(app, 0)}
    assert summary["Báo cáo năm 2025"]["Tỉ lệ đúng hạn"] == "66,7 %"
    missing = table_rows(app, 1)
    assert [(r["Đơn vị"], r["Hạn nộp"], r["Số ngày quá hạn"]) for r in missing] == [
        ("Huyện Tân Yên", "15/06/2025", 158)
    ]
    assert app.get("download_button")[0].proto.label == "Tải bảng (CSV)"
    history = table_rows(app, 2)
    assert [(r["Kỳ"], r["Lần nộp"], r["Nhận lúc"], r["Đang dùng"]) for r in history] == [
        ("2025", 2, "18/11/2025 08:00", "có"),
        ("2025", 1, "15/11/2025 08:00", "không"),
        ("2025-H1", 1, "10/06/2025 08:00", "có"),
    ]


def test_upload_page_accepts_a_filled_template_and_rebuilds(fixture_env, tmp_path, monkeypatch):
    home = tmp_path / "home"
    shutil.copytree(fixture_env, home, symlinks=True)
    monkeypatch.setenv("ANTQ_HOME", str(home))
    app = run_page("pages/upload.py", period="2025-H1", unit="216")
    template = app.get("download_button")[0]
    assert template.proto.label == "Tải mẫu báo cáo (Excel)"
    path = tmp_path / "t.xlsx"
    write_template(load_programme(PROGRAMMES / f"{PROGRAMME}.yaml"), "216", "2025-H1", path)
    workbook = openpyxl.load_workbook(path)
    workbook[layouts.REPORT_TARGETS_SHEET]["C2"], workbook[layouts.REPORT_TARGETS_SHEET]["D2"] = 6, 10
    workbook.save(path)
    bad = b"not a workbook"
    app.file_uploader[0].set_value(
        [("t.xlsx", path.read_bytes(), "application/octet-stream"), ("x.xlsx", bad, "application/octet-stream")]
    )
    app.run()
    app.button(key="submit").click().run()
    assert not app.exception
    outcome = {r["Tệp"]: r for r in table_rows(app)}
    assert outcome["t.xlsx"]["Kết quả"] == "đã nhận" and outcome["x.xlsx"]["Kết quả"] == "bị từ chối"
    assert "không phải tệp Excel .xlsx" in outcome["x.xlsx"]["Thông báo"]
    # the rebuilt warehouse shows the new report: 216 now reported 2025-H1
    after = run_page("pages/compliance.py", structure="legacy", period="2025-H1")
    assert metric_values(after)["Tỉ lệ nộp"] == "100,0 %"


@pytest.mark.parametrize(
    ("structure", "topic", "layers"),
    [
        # the fixture's boundary file has the three former districts (and one unknown area)
        ("legacy", "attainment", [("GeoJsonLayer", 3), ("ScatterplotLayer", 3)]),
        ("new", "attainment", [("ScatterplotLayer", 18)]),
        # Q3/2025: Yên Thế's cases in Xã Bố Hạ and Xã Yên Thế (circles), one former district (column)
        ("legacy", "incidents", [("PolygonLayer", 1), ("ScatterplotLayer", 2)]),
        ("new", "coverage", [("ScatterplotLayer", 1)]),
    ],
)
def test_map_page_draws_the_areas_of_the_chosen_structure_offline(fixture_env, structure, topic, layers):
    app = run_page("pages/maps.py", structure=structure, topic=topic, period="2025", indicator="A")
    chart = app.get("deck_gl_json_chart")[0].proto.json
    deck = json.loads(chart)
    drawn = [
        (layer["@@type"], len(layer["data"]["features"] if "features" in layer["data"] else layer["data"]))
        for layer in deck["layers"]
    ]
    assert drawn == layers
    points = deck["layers"][-1]["data"]
    # no base map: a flat view of (lon, lat), and no address to fetch anything from
    assert deck["views"][0]["@@type"] == "OrthographicView" and "mapStyle" not in deck
    assert "http" not in chart and "mapbox" not in chart.lower() and "carto" not in chart.lower()
    assert app.markdown and "background:#" in app.markdown[-1].value  # the legend
    if structure == "new" and topic == "attainment":
        # new communes are drawn at their 2025 coordinates: admin_units has Xã Bố Hạ (07294) at
        # 21.4684, 106.258, where admin_units_legacy had Thị trấn Bố Hạ at 21.4478, 106.1973
        bo_ha = next(p for p in points if p["unit_name"] == "Xã Bố Hạ")
        assert (bo_ha["lat"], bo_ha["lon"]) == pytest.approx((21.4684, 106.258))


def test_map_incident_circles_carry_the_change_flag(fixture_env):
    app = run_page("pages/maps.py", topic="incidents", window="quarter", quarter="2025-09-01", colour="flag")
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    circles = {p["unit_name"]: p for p in deck["layers"][-1]["data"]}
    assert circles["Xã Bố Hạ"]["tile"] == "5 vụ (quý 3/2025)"
    column = deck["layers"][0]["data"][0]
    assert (column["unit_name"], column["tile"], column["detail"]) == (
        "Huyện Yên Thế",
        "9 vụ (cả huyện cũ)",
        "▲ tăng bất thường",
    )


def test_incident_page_flags_the_district_beyond_chance(fixture_env):
    app = run_page("pages/incidents.py", structure="legacy", window="quarter", quarter="2025-09-01", category="lua_dao")
    assert metric_values(app)["Vụ việc"] == "9"
    assert app.metric[0].delta == "+8 vụ · ▲ tăng bất thường"
    assert app.warning[0].value == "Tăng bất thường so với cùng kỳ: Huyện Yên Thế."
    by_area = table_rows(app, 0)
    assert by_area == [
        {
            "Địa bàn": "Huyện Yên Thế",
            "Số vụ quý 3/2025": 9,
            "Cùng kỳ 07/2024–09/2024": 1,
            "Đánh giá thay đổi": "▲ tăng bất thường",
            "p (kiểm định Poisson)": "0,021",
            "Tăng/giảm": "+800 %",
        }
    ]
    outcomes = {r["Kết quả"]: r for r in shown_rows(app, 2)}
    assert outcomes["Khởi tố"]["quý 3/2025"] == "4" and outcomes["Khởi tố"]["Cùng kỳ 07/2024–09/2024"] == "1"


def test_incident_page_recovers_the_seed_figures_for_2022_to_mid_2024(demo_home, monkeypatch):
    monkeypatch.setenv("ANTQ_HOME", str(demo_home))
    monkeypatch.delenv("ANTQ_PROGRAMMES_DIR", raising=False)
    app = run_page("pages/incidents.py", window="range", **{"from": "2022-01-01", "to": "2024-06-01"})
    metrics = metric_values(app)
    # Đề án 835, I.II.2: 54 sanctioned, 174 warned, over 1,000 taken down, 96 prosecuted
    assert (metrics["Xử phạt hành chính"], metrics["Khởi tố"]) == ("54", "96")
    outcomes = {r["Kết quả"]: r["01/2022–06/2024"] for r in shown_rows(app, 2)}
    assert (outcomes["Răn đe, giáo dục"], outcomes["Tài khoản, bài viết bị gỡ bỏ"]) == ("174", "1.024")
    by_category = {r["Loại vụ việc"]: r["Số vụ 01/2022–06/2024"] for r in table_rows(app, 1)}
    assert by_category["Sự cố an toàn hệ thống thông tin"] == 13
    assert by_category["Lộ lọt bí mật nhà nước"] == 4
    assert by_category["Tuyên truyền chống Đảng, Nhà nước"] == 1
    assert by_category["Lợi dụng quyền tự do dân chủ"] == 1


def test_incident_range_longer_than_a_year_is_compared_with_nothing(demo_home, monkeypatch):
    monkeypatch.setenv("ANTQ_HOME", str(demo_home))
    monkeypatch.delenv("ANTQ_PROGRAMMES_DIR", raising=False)
    app = run_page("pages/incidents.py", window="range", **{"from": "2022-01-01", "to": "2024-06-01"})
    # 30 months: the same months a year earlier (01/2021–06/2023) hold 18 of them, and the case
    # list only begins in 01/2022 — once the spurious "+138 vụ · tăng bất thường"
    assert [i.value for i in app.info] == [
        "Không so sánh: khoảng đã chọn dài 30 tháng (hơn 12 tháng) nên cùng kỳ năm trước "
        "(01/2021–06/2023) trùng với nó."
    ]
    assert not app.metric[0].delta and metric_values(app)["Vụ việc"] == "343"
    assert not app.warning and not app.success
    for index in range(3):
        assert not any(
            str(c).startswith(("Cùng kỳ", "Đánh giá", "p (", "Tăng/giảm")) for c in app.dataframe[index].value
        )
    shown = [str(v) for i in range(3) for row in shown_rows(app, i) for v in row.values()]
    assert not any("bất thường" in v for v in shown)


def test_incident_quarter_before_a_year_of_data_is_compared_with_nothing(fixture_env):
    app = run_page("pages/incidents.py", structure="legacy", window="quarter", quarter="2024-09-01")
    # the fixture's case list begins with VV1 in 03/2024: Q3/2023 has no case list to compare with
    assert [i.value for i in app.info] == [
        "Không so sánh: chưa có số liệu vụ việc trước tháng 03/2024 nên thiếu số liệu cùng kỳ năm trước "
        "(07/2023–09/2023)."
    ]
    # Q3/2024: YT1 (Yên Thế, 08/2024)
    assert metric_values(app)["Vụ việc"] == "1" and not app.metric[0].delta
    assert table_rows(app, 0) == [{"Địa bàn": "Huyện Yên Thế", "Số vụ quý 3/2024": 1}]
    assert list(app.dataframe[2].value.columns) == ["Kết quả", "quý 3/2024", "Đơn vị tính"]


def test_map_of_incidents_compared_with_nothing_offers_no_change_colour(fixture_env):
    app = run_page(
        "pages/maps.py", topic="incidents", window="range", colour="flag", **{"from": "2024-03-01", "to": "2025-10-01"}
    )
    assert app.info[0].value.startswith("Không so sánh: khoảng đã chọn dài 20 tháng")
    assert app.selectbox(key="filter_colour").options == ["Loại vụ việc nhiều nhất"]
    deck = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    # 03/2024–10/2025 in former Yên Thế: YT1 (2024) and YT2–YT10 (2025)
    column = next(c for c in deck["layers"][0]["data"] if c["unit_name"] == "Huyện Yên Thế")
    assert (column["tile"], column["detail"]) == ("10 vụ (cả huyện cũ)", "nhiều nhất: Lừa đảo chiếm đoạt tài sản")
    assert not any("cùng kỳ" in p["detail"] for p in deck["layers"][-1]["data"])


def test_model_page_shows_growth_classes_coverage_and_the_units_without_a_model(fixture_env):
    app = run_page("pages/models.py", structure="legacy", by="theme")
    metrics = metric_values(app)
    # first month: MH1 (120 members); now: MH1 only, MH2 having ended
    assert (metrics["Mô hình đang hoạt động"], metrics["Thành viên"]) == ("1", "120")
    themes = {r["Chủ đề ưu tiên"]: r for r in table_rows(app, 0)}
    assert themes["Tổng hợp"]["Mô hình đang hoạt động"] == 1
    assert themes["Phòng, chống tin giả"]["Tổng số mô hình đã đăng ký"] == 1
    # 2025 (the latest period due): no unit reported D, the official figure; the registry's 1 of
    # 2 villages appears only in the reconciliation beside it
    column = "D Thôn, tổ dân phố (mục tiêu 100 %)"
    assert {r["Địa bàn"]: r[column] for r in table_rows(app, 1)}["Thành phố Bắc Giang"] == "–"
    reconciliation = {r["Địa bàn"]: r for r in table_rows(app, 2)}
    city = reconciliation["Thành phố Bắc Giang"]
    assert (city["Chỉ tiêu"], city["Theo báo cáo"], city["Theo sổ theo dõi mô hình"]) == (
        "D Thôn, tổ dân phố",
        "–",
        "1/2 (50 %)",
    )
    assert list(reconciliation) == ["Toàn tỉnh", "Thành phố Bắc Giang"]  # only where the registry counts villages
    assert "Đối chiếu với sổ theo dõi mô hình" in [h.value for h in app.subheader]
    gaps = table_rows(app, -1)
    assert [(g["Đơn vị"], g["Loại đơn vị"], g["Địa bàn"]) for g in gaps] == [
        ("Tổ dân phố số 2", "Thôn, tổ dân phố", "Thành phố Bắc Giang")
    ]


def test_tasks_page_counts_statuses_and_compares_spending_with_the_budget(fixture_env):
    app = run_page("pages/tasks.py")
    metrics = metric_values(app)
    # tasks 1 done; 2 past its deadline; 3 (tracker only) and 4 (standing) on track
    assert (metrics["Hoàn thành"], metrics["Đúng tiến độ"], metrics["Quá hạn"]) == ("1", "2", "1")
    budget = {r["Cấp"]: r for r in table_rows(app, 1)}
    assert (budget["Huyện"]["Dự toán (đồng)"], budget["Huyện"]["Đã chi (đồng)"], budget["Huyện"]["Tỉ lệ đã chi"]) == (
        200,
        60,
        "30,0 %",
    )
    assert budget["Tỉnh"]["Đã chi (đồng)"] == 0
    assert len(app.get("plotly_chart")) == 3


def test_presentation_steps_through_the_slides(fixture_env):
    app = run_page("pages/briefing.py", structure="legacy", period="2025", slide="2")
    assert app.header[0].value == "Kết quả thực hiện các chỉ tiêu"
    # A 24/30 chậm, B 85/250 đúng lộ trình, C 14/20 chậm, D no figure: 1 of 3 on track
    assert "1/3 chỉ tiêu có số liệu đạt hoặc đúng lộ trình (33,3 %)" in app.markdown[0].value
    assert "chưa đạt yêu cầu" in app.markdown[0].value
    app.button[1].click().run()  # "Sau ▶"
    assert app.header[0].value == "Kết quả theo địa bàn" and app.query_params["slide"] == "3"
    weak = run_page("pages/briefing.py", structure="legacy", period="2025", slide="8")
    assert [r["Đơn vị"] for r in table_rows(weak, 0)] == ["Huyện Yên Thế"]
    labels = {b.proto.label for b in weak.get("download_button")}
    assert {"Tải bộ trình chiếu (PowerPoint)", "Tải dự thảo báo cáo (Word)"} <= labels


def test_explorer_pivots_with_rates_recomputed_and_runs_sandboxed_sql(fixture_env):
    app = run_page(
        "pages/explore.py",
        structure="legacy",
        mart="mart_attainment",
        rows="unit_name",
        cols="indicator_code",
        measure="rate",
        pivot_period="Báo cáo năm 2025",
    )
    pivot = {r["Đơn vị"]: r for r in table_rows(app, 0)}
    # 213's report in force: A 9/10, B 40/100, C 8/10; 215 has no C
    assert (pivot["Thành phố Bắc Giang"]["A"], pivot["Thành phố Bắc Giang"]["B"]) == (0.9, 0.4)
    assert pivot["Huyện Yên Thế"]["C"] != pivot["Huyện Yên Thế"]["C"]  # NaN: no figure, not zero
    shown = {r["Đơn vị"]: r for r in shown_rows(app, 0)}
    assert (shown["Thành phố Bắc Giang"]["A"], shown["Huyện Yên Thế"]["C"]) == ("90,0 %", "–")
    app.text_area(key=f"sql_{PROGRAMME}_legacy_Tỉ lệ đạt toàn tỉnh theo chỉ tiêu, kỳ gần nhất").input(
        "select unit_code, numerator from mart_attainment where view = 'legacy' and period = '2025' "
        "and indicator_code = 'A' order by unit_code"
    )
    app.button(key="run_sql").click().run()
    assert [r["numerator"] for r in table_rows(app, -1)] == [9, 5, 10, 24]
    app.text_area(key=f"sql_{PROGRAMME}_legacy_Tỉ lệ đạt toàn tỉnh theo chỉ tiêu, kỳ gần nhất").input(
        "select * from read_csv('/etc/passwd')"
    )
    app.button(key="run_sql").click().run()
    assert "file system operations are disabled" in app.error[0].value


DEMO_PROGRAMMES = sorted(p.stem for p in (REPO_ROOT / "config" / "programmes").glob("*.yaml"))


@pytest.mark.parametrize("programme", DEMO_PROGRAMMES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_for_every_programme_or_says_what_it_does_not_track(demo_home, monkeypatch, programme, page):
    monkeypatch.setenv("ANTQ_HOME", str(demo_home))
    monkeypatch.delenv("ANTQ_PROGRAMMES_DIR", raising=False)
    app = run_page(None if page.endswith("overview.py") else page, programme=programme)
    assert app.title, [e.value for e in app.error]
    assert app.query_params["programme"] == programme
    # the programme picked in the URL is the one shown, never another province's figures
    assert any(programme_name(programme) in c.value for c in app.caption) or page.endswith(("upload.py", "admin.py"))
    assert not app.error, [e.value for e in app.error]


def programme_name(programme: str) -> str:
    return load_programme(REPO_ROOT / "config" / "programmes" / f"{programme}.yaml").name
