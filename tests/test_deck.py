"""The sơ kết deck: nine editable slides whose charts carry the briefing's figures."""

from dataclasses import replace

import docx
import pandas as pd
import pytest
from briefing_sample import sample_briefing
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from data_pipeline.briefing.deck import write_deck
from data_pipeline.briefing.report_docx import write_report_docx

TITLES = [
    "Chương trình kiểm thử ba huyện",
    "Kết quả thực hiện các chỉ tiêu",
    "Kết quả theo địa bàn",
    "Tình hình nộp báo cáo",
    "Vụ việc so với cùng kỳ",
    "Mô hình: kết quả và đối chiếu sổ theo dõi",
    "Nhiệm vụ và kinh phí",
    "Đơn vị xếp loại Trung bình, Yếu",
    "Phương hướng, nhiệm vụ",
]


@pytest.fixture
def deck(tmp_path):
    path = write_deck(sample_briefing(), tmp_path / "deck.pptx")
    return Presentation(str(path))


def chart_values(slide) -> dict[str, tuple]:
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    return {series.name: series.values for series in charts[0].plots[0].series}


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_nine_slides_with_their_titles(deck):
    assert len(deck.slides) == 9
    assert [slide.shapes.title.text for slide in deck.slides] == TITLES
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_title_slide(deck):
    text = slide_text(deck.slides[0])
    assert "Báo cáo sơ kết — Báo cáo năm 2025" in text
    assert "Công an tỉnh" in text
    assert "Số liệu đến ngày 20/11/2025" in text


def test_headline_chart_and_review_rule(deck):
    slide = deck.slides[1]
    # Rates 0.8, 0.34, 0.7 and goals 1, 1, 0.8 as percents.
    values = chart_values(slide)
    assert values["Tỉ lệ đạt (%)"] == pytest.approx((80.0, 34.0, 70.0))
    assert values["Mục tiêu (%)"] == pytest.approx((100.0, 100.0, 80.0))
    # Only B is on track among three indicators with data: 1/3 is not above one half.
    text = slide_text(slide)
    assert "1/3 chỉ tiêu đạt hoặc đúng lộ trình (33,3 %); yêu cầu Sơ kết: trên 50,0 %" in text
    assert "Chưa đạt yêu cầu Sơ kết." in text


def test_missing_rate_is_a_blank_point_not_zero(tmp_path):
    briefing = sample_briefing()
    briefing.headline.loc[2, "rate"] = None
    deck = Presentation(str(write_deck(briefing, tmp_path / "deck.pptx")))
    assert chart_values(deck.slides[1])["Tỉ lệ đạt (%)"] == pytest.approx((80.0, 34.0, None))


def test_ranking_chart(deck):
    assert chart_values(deck.slides[2]) == {"Mức đạt bình quân (%)": pytest.approx((95.0, 80.0))}


def test_compliance_chart_and_late_units(deck):
    slide = deck.slides[3]
    # 2 on time, 1 late, none missing.
    assert chart_values(slide)["Số đơn vị"] == pytest.approx((2, 1, 0))
    text = slide_text(slide)
    assert "Tỉ lệ nộp báo cáo: 100,0 % (3/3 đơn vị)" in text
    assert "Tỉ lệ nộp đúng hạn: 66,7 %" in text
    assert "Huyện Yên Thế" in text


def test_incidents_chart_and_unusual_rise(deck):
    slide = deck.slides[4]
    values = chart_values(slide)
    assert values["tháng 01–10/2025"] == pytest.approx((11, 1))
    assert values["tháng 01–10/2024"] == pytest.approx((2, 1))
    assert "Lừa đảo chiếm đoạt tài sản: 11 vụ (cùng kỳ 2; +9 (+450,0 %))" in slide_text(slide)


def test_coverage_and_budget_charts(deck):
    # the official figure (the units' reports) first; the registry's only under its own label
    assert chart_values(deck.slides[5]) == {
        "Kết quả (%)": (75.0,),
        "Theo sổ theo dõi mô hình (%)": (50.0,),
        "Mục tiêu (%)": (100.0,),
    }
    assert "D Thôn, tổ dân phố: 3/4 — 75,0 % (mục tiêu 100,0 %); sổ mô hình 50,0 %" in slide_text(deck.slides[5])
    slide = deck.slides[6]
    assert chart_values(slide) == {"Dự toán (đồng)": (100, 200), "Đã chi (đồng)": (40, 10)}
    text = slide_text(slide)
    assert "31/10/2024" in text
    assert "Đã chi 50/300 đồng dự toán (16,7 %)." in text


def test_weak_units_table(deck):
    tables = [shape.table for shape in deck.slides[7].shapes if shape.has_table]
    cells = [cell.text for row in tables[0].rows for cell in row.cells]
    assert "Huyện Yên Thế" in cells
    assert "Yếu" in cells
    assert "42,5" in cells


def test_directions(deck):
    text = slide_text(deck.slides[8])
    assert "Đôn đốc các đơn vị nộp báo cáo đúng hạn." in text


def test_every_slide_has_notes_with_the_build(deck):
    for slide in deck.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert "20251120T080000" in notes
        assert "Nguồn: 6 tệp báo cáo của 3 đơn vị; 2 danh sách vụ việc; 1 sổ theo dõi mô hình" in notes


def test_no_pictures_and_vietnamese_font(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.shape_type != MSO_SHAPE_TYPE.PICTURE
            if shape.has_text_frame:
                assert all(run.font.name == "Arial" for p in shape.text_frame.paragraphs for run in p.runs)
            if shape.has_chart:
                assert shape.chart.font.name == "Arial"


def test_empty_sections_read_as_sentences(tmp_path):
    briefing = sample_briefing()
    empty = {name: getattr(briefing, name).iloc[0:0] for name in ("late_units", "incidents", "coverage", "weak_units")}
    briefing = replace(briefing, **empty, tasks=pd.DataFrame(), budget=pd.DataFrame(), directions=[])
    deck = Presentation(str(write_deck(briefing, tmp_path / "deck.pptx")))
    assert len(deck.slides) == 9
    assert "Không có đơn vị nào xếp loại Trung bình hoặc Yếu." in slide_text(deck.slides[7])
    assert "Ban Thư ký bổ sung phương hướng trước khi trình bày." in slide_text(deck.slides[8])
    assert "Mọi đơn vị đã nộp đúng hạn." in slide_text(deck.slides[3])


def test_long_lists_are_truncated(tmp_path):
    briefing = sample_briefing()
    late = pd.DataFrame(
        {
            "unit_name": [f"Xã {n}" for n in range(15)],
            "area_name": ["Huyện Yên Thế"] * 15,
            "status": ["chưa nộp"] * 15,
            "days_late": [None] * 15,
        }
    )
    deck = Presentation(str(write_deck(replace(briefing, late_units=late), tmp_path / "deck.pptx")))
    table = next(shape.table for shape in deck.slides[3].shapes if shape.has_table)
    # Header, nine units, then one row for the six left out.
    assert len(table.rows) == 11
    assert table.cell(10, 0).text == "… và 6 đơn vị khác"


def test_incidents_without_a_comparison_show_this_period_and_say_why(tmp_path):
    """A case list that begins after January of last year: nothing to compare, never '0 vụ'."""
    briefing = sample_briefing()
    note = "Không so sánh: chưa có số liệu vụ việc trước tháng 03/2024 nên thiếu số liệu cùng kỳ năm trước."
    blank = briefing.incidents.assign(previous_cases=pd.NA, flag=None, change=None)
    briefing = replace(briefing, incidents=blank, incidents_baseline=note)
    deck = Presentation(str(write_deck(briefing, tmp_path / "deck.pptx")))
    slide = deck.slides[4]
    assert slide.shapes.title.text == "Vụ việc tháng 01–10/2025"
    assert list(chart_values(slide)) == ["tháng 01–10/2025"]
    text = slide_text(slide)
    assert note in text and "cùng kỳ" not in text.replace(note, "")
    report = docx.Document(str(write_report_docx(briefing, tmp_path / "report.docx")))
    paragraphs = [p.text for p in report.paragraphs]
    assert f"Số vụ việc tháng 01–10/2025. {note}" in paragraphs
    table = next(t for t in report.tables if t.rows[0].cells[0].text == "Loại vụ việc")
    assert [c.text for c in table.rows[0].cells] == ["Loại vụ việc", "Tháng 01–10/2025"]
