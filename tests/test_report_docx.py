"""The draft sơ kết report (.docx): layout of an administrative report and the sample's figures.

Expected values are worked by hand from tests/briefing_sample.py: indicators A, B, C at 80 %, 34 %
and 70 % with statuses chậm, đúng lộ trình, chậm, so 1 of 3 is met or on track (33,3 %), below the
required 50 %."""

import dataclasses

import docx
import pandas as pd
import pytest
from briefing_sample import sample_briefing
from docx.oxml.ns import qn

from data_pipeline.briefing.report_docx import write_report_docx


def _visible(text: str) -> str:
    """The text as read on the page: the no-break space before '%' is a space."""
    return text.replace("\u00a0", " ")


def _blocks(document) -> list[str]:
    """Paragraph texts in body order, with each table cell's text in place of its table."""
    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            texts.extend(_visible(cell.text) for row in block.rows for cell in row.cells)
        else:
            texts.append(_visible(block.text))
    return texts


def _section(texts: list[str], start: str, end: str) -> str:
    """The text from the block starting with `start` up to the one starting with `end`."""
    first = next(i for i, t in enumerate(texts) if t.startswith(start))
    last = next(i for i, t in enumerate(texts) if t.startswith(end))
    return "\n".join(texts[first:last])


def _table(document, first_header: str) -> list[dict[str, str]]:
    """The rows of the table whose first header cell is `first_header`, keyed by header."""
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first_header)
    header = [c.text for c in table.rows[0].cells]
    return [dict(zip(header, (_visible(c.text) for c in row.cells), strict=True)) for row in table.rows[1:]]


@pytest.fixture
def report(tmp_path):
    path = write_report_docx(sample_briefing(), tmp_path / "bao_cao.docx")
    assert path == tmp_path / "bao_cao.docx"
    return docx.Document(str(path))


def test_sections_in_order(report):
    text = "\n".join(_blocks(report))
    markers = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "Nơi nhận:",
        "THỦ TRƯỞNG CƠ QUAN",
    ]
    positions = [text.find(marker) for marker in markers]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_header_table(report):
    left, right = report.tables[0].rows[0].cells
    assert left.paragraphs[0].text == "CÔNG AN TỈNH"
    assert left.paragraphs[0].runs[0].bold
    assert [p.text for p in right.paragraphs[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in right.paragraphs[:2])
    number, date = report.tables[0].rows[1].cells
    assert number.text.startswith("Số:") and "/BC-" in number.text
    assert date.paragraphs[0].runs[0].italic and "ngày" in date.text
    # Borderless: every edge is switched off.
    borders = report.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_title_and_opening(report):
    texts = _blocks(report)
    assert "Sơ kết thực hiện Kiểm thử 3 huyện — Báo cáo năm 2025" in texts
    opening = next(t for t in texts if t.startswith("Thực hiện "))
    assert "Tài liệu kiểm thử số 1" in opening and "20/11/2025" in opening


def test_headline_table(report):
    rows = {row["Mã"]: row for row in _table(report, "Mã")}
    assert list(rows) == ["A", "B", "C"]
    assert [rows[c]["Tỉ lệ"] for c in "ABC"] == ["80,0 %", "34,0 %", "70,0 %"]
    assert [rows[c]["Tình trạng"] for c in "ABC"] == ["chậm", "đúng lộ trình", "chậm"]
    assert [rows[c]["Mục tiêu"] for c in "ABC"] == ["100,0 %", "100,0 %", "80,0 %"]
    # Only B has a trajectory; a missing figure shows as a dash, never as zero.
    assert [rows[c]["Lộ trình"] for c in "ABC"] == ["–", "19,0 %", "–"]
    assert [rows[c]["Đơn vị đã báo cáo"] for c in "ABC"] == ["3/3", "3/3", "2/3"]


def test_review_rule_sentence(report):
    sentence = next(t for t in _blocks(report) if "đạt hoặc đúng lộ trình" in t)
    assert "1/3 chỉ tiêu" in sentence
    assert "33,3 %" in sentence and "50,0 %" in sentence
    assert "chưa đáp ứng" in sentence


def test_other_tables_of_section_one(report):
    assert _table(report, "Địa bàn") == [
        {"Địa bàn": "Huyện Tân Yên", "Mức đạt bình quân": "95,0 %", "Số chỉ tiêu đạt": "2/3"},
        {"Địa bàn": "Thành phố Bắc Giang", "Mức đạt bình quân": "80,0 %", "Số chỉ tiêu đạt": "1/3"},
    ]
    incidents = _table(report, "Loại vụ việc")
    assert incidents[0] == {
        "Loại vụ việc": "Lừa đảo chiếm đoạt tài sản",
        "Tháng 01–10/2025": "11",
        "Tháng 01–10/2024": "2",
        "Đánh giá": "tăng bất thường",
    }
    assert incidents[-1]["Tháng 01–10/2025"] == "12"
    coverage = _table(report, "Chỉ tiêu")[0]
    assert (coverage["Kết quả"], coverage["Tỉ lệ"], coverage["Theo sổ theo dõi mô hình"]) == (
        "3/4",
        "75,0 %",
        "1/2 (50,0 %)",
    )
    assert [row["Tình trạng"] for row in _table(report, "TT")] == ["hoàn thành", "đúng tiến độ"]
    # 100 + 200 planned, 40 + 10 spent.
    assert [row["Tỉ lệ đã chi"] for row in _table(report, "Cấp")] == ["40,0 %", "5,0 %", "16,7 %"]


def test_compliance_sentence(report):
    sentence = next(t for t in _blocks(report) if "tỉ lệ báo cáo" in t)
    assert "tỉ lệ báo cáo 100,0 %" in sentence and "tỉ lệ đúng hạn 66,7 %" in sentence
    assert "trễ hạn 1" in sentence and "chưa nộp 0" in sentence


def test_shortcomings(report):
    section = _section(_blocks(report), "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    assert "Huyện Yên Thế" in section
    assert "Lừa đảo chiếm đoạt tài sản" in section
    assert "Chỉ tiêu A" in section and "Chỉ tiêu C" in section
    assert "Chỉ tiêu B" not in section  # on its trajectory


def test_directions(report):
    section = _section(_blocks(report), "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", "Nơi nhận:")
    assert "Tiếp tục tuyên truyền phòng, chống lừa đảo trực tuyến." in section
    assert "Đôn đốc các đơn vị nộp báo cáo đúng hạn." in section


def test_font_and_page(report):
    normal = report.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    rfonts = normal.element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert rfonts.get(qn("w:cs")) == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    section = report.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.cm, 2) for m in margins] == [2, 2, 3, 2]


def test_tables_have_grid_and_bold_header(report):
    for table in report.tables[1:-1]:
        assert table.style.name == "Table Grid"
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_no_directions_and_no_figures(tmp_path):
    briefing = sample_briefing()
    headline = briefing.headline.assign(rate=None, status="chưa có số liệu")
    empty = dataclasses.replace(
        briefing,
        headline=headline,
        status_counts={**briefing.status_counts, "chậm": 0, "đúng lộ trình": 0, "chưa có số liệu": 3},
        judged=0,
        met_or_on_track=0,
        on_track_share=None,
        meets_review_rule=None,
        ranking=briefing.ranking.iloc[0:0],
        incidents=briefing.incidents.iloc[0:0],
        budget=pd.DataFrame(columns=["level_name", "planned", "spent", "spent_share", "is_total"]),
        directions=[],
    )
    texts = _blocks(docx.Document(str(write_report_docx(empty, tmp_path / "rong.docx"))))
    section_three = _section(texts, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ", "Nơi nhận:")
    assert "Ban Thư ký bổ sung phương hướng, nhiệm vụ." in section_three
    assert any(t.startswith("Chưa có chỉ tiêu nào có số liệu") for t in texts)
    assert "Chưa có số liệu." in texts
