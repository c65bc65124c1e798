"""The briefing gathered from the fixture warehouse, and the `brief` command's deck and report
carrying the marts' numbers (figures worked by hand in fixture_data.py, test_rating.py and
test_tasks_budget.py)."""

import pandas as pd
import pytest
from docx import Document
from helpers import run_cli
from pptx import Presentation

from data_pipeline.briefing.collect import collect
from data_pipeline.warehouse.read import Warehouse


@pytest.fixture(scope="module")
def brief(fixture_home):
    return collect(Warehouse(fixture_home / "parquet"), "fixture_3d", "2025", "legacy")


def test_briefing_holds_the_marts_figures(brief):
    headline = brief.headline.set_index("indicator_code")
    # province = Σ numerators ÷ Σ denominators: A 24/30, B 85/250, C 14/20, D no figure
    assert headline.rate[["A", "B", "C"]].tolist() == pytest.approx([0.8, 0.34, 0.7])
    assert pd.isna(headline.rate["D"])
    assert headline.status.to_dict() == {"A": "chậm", "B": "đúng lộ trình", "C": "chậm", "D": "chưa có số liệu"}
    assert brief.on_track_share == pytest.approx(1 / 3) and brief.meets_review_rule is False
    assert (brief.review_name, brief.required_share) == ("Sơ kết", 0.5)
    c = brief.compliance
    assert (c["expected"], c["received"], c["on_time"], c["late"], c["missing"]) == (3, 3, 2, 1, 0)
    assert brief.late_units.unit_name.tolist() == ["Huyện Yên Thế"]
    assert brief.weak_units[["unit_name", "rating"]].values.tolist() == [["Huyện Yên Thế", "Yếu"]]
    assert brief.weak_units.score.iloc[0] == pytest.approx(41.25)
    # January–October 2025 (as of 20/11/2025); 01–10/2024 begins before the first case (03/2024),
    # so nothing is compared with it
    incidents = brief.incidents.set_index("category_name")
    assert incidents.loc["Lừa đảo chiếm đoạt tài sản", "cases"] == 11
    assert incidents.previous_cases.isna().all() and incidents.flag.isna().all()
    assert brief.incidents_note.startswith("Không so sánh: chưa có số liệu vụ việc trước tháng 03/2024")
    assert brief.incidents_previous_label is None
    # spent 60 of the district's 200 and none of the province's 100: 60/300 = 20 % in total
    budget = brief.budget.set_index("level_name")
    assert budget.spent.to_dict() == {"Tỉnh": 0, "Huyện": 60, "Tổng cộng": 60}
    assert budget.spent_share.to_dict() == pytest.approx({"Tỉnh": 0.0, "Huyện": 0.3, "Tổng cộng": 0.2})
    # the sơ kết rule from mart_attainment_summary: B on track of the three indicators with a figure
    assert (brief.met_or_on_track, brief.judged) == (1, 3)
    assert brief.status_counts == {"đạt": 0, "đúng lộ trình": 1, "chậm": 2, "chưa có số liệu": 1, "không áp dụng": 0}
    assert brief.tasks.set_index("task_id").status.to_dict()["2"] == "quá hạn"
    assert brief.directions == []  # the fixture's reports carry no proposals


def test_brief_command_writes_a_deck_with_native_charts_of_the_marts(fixture_home, tmp_path):
    path = tmp_path / "so_ket.pptx"
    assert run_cli(fixture_home, "brief", "--period", "2025", "--structure", "legacy", "-o", str(path)) == 0
    deck = Presentation(str(path))
    assert len(deck.slides) == 9
    chart = next(shape.chart for shape in deck.slides[1].shapes if shape.has_chart)
    series = {s.name: s.values for s in chart.plots[0].series}
    assert series["Tỉ lệ đạt (%)"] == pytest.approx((80.0, 34.0, 70.0, None))
    assert list(chart.plots[0].categories) == ["A", "B", "C", "D"]
    compliance = next(shape.chart for shape in deck.slides[3].shapes if shape.has_chart)
    assert compliance.plots[0].series[0].values == (2, 1, 0)
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    assert "Nguồn:" in notes and "tệp báo cáo của đơn vị" in notes


def test_brief_command_writes_the_draft_report_with_the_deck(fixture_home, tmp_path):
    path, deck = tmp_path / "bao_cao.docx", tmp_path / "so_ket.pptx"
    args = ["brief", "--period", "2025", "--structure", "legacy", "-o", str(path), "-o", str(deck)]
    assert run_cli(fixture_home, *args) == 0
    assert len(Presentation(str(deck)).slides) == 9
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    # the report keeps "%" on the line of its number with a non-breaking space
    cells = [cell.text.replace("\u00a0", " ") for table in document.tables for row in table.rows for cell in row.cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join([*cells, text])
    assert "80,0 %" in cells and "34,0 %" in cells and "70,0 %" in cells
    assert "Huyện Yên Thế" in text or "Huyện Yên Thế" in cells


def test_brief_command_refuses_other_formats(fixture_home, tmp_path, capsys):
    assert run_cli(fixture_home, "brief", "-o", str(tmp_path / "x.pdf")) == 2
    assert "phải là .pptx hoặc .docx" in capsys.readouterr().err
