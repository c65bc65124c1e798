"""One rounding for every output: a share is rounded half up at the digits shown, as written,
so the page, the chart, the slide (its label and its data) and the report agree to the digit."""

import docx
import pytest
from briefing_sample import sample_briefing
from pptx import Presentation
from test_deck import chart_values

from data_pipeline.briefing.deck import write_deck
from data_pipeline.briefing.report_docx import write_report_docx
from data_pipeline.formatting import fmt_decimal, fmt_pct, percent, rounded
from data_pipeline.warehouse.read import Warehouse
from ui import charts


@pytest.mark.parametrize(
    ("share", "shown", "plotted"),
    [
        (0.9065, "90,7 %", 90.7),  # binary 0.90649999…: half up as written, not 90,6
        (0.90649, "90,6 %", 90.6),
        (0.125, "12,5 %", 12.5),
        (1 / 3, "33,3 %", 33.3),
        (0.0005, "0,1 %", 0.1),
        (1.0, "100,0 %", 100.0),
    ],
)
def test_a_share_is_written_and_plotted_the_same(share, shown, plotted):
    assert fmt_pct(share) == shown
    assert percent(share) == plotted


def test_decimals_and_whole_percents():
    assert (fmt_decimal(41.25), fmt_decimal(42.35), fmt_decimal(None)) == ("41,3", "42,4", "–")
    assert (fmt_pct(0.665, 0), rounded(2.675, 2)) == ("67 %", 2.68)


def test_the_slide_the_page_and_the_report_show_one_figure(tmp_path):
    briefing = sample_briefing()
    briefing.headline.loc[0, "rate"] = 0.9065
    deck = Presentation(str(write_deck(briefing, tmp_path / "deck.pptx")))
    slide = deck.slides[1]
    assert chart_values(slide)["Tỉ lệ đạt (%)"][0] == 90.7  # the chart's data, as Excel opens it
    labels = [
        point.data_label.text_frame.text
        for shape in slide.shapes
        if shape.has_chart
        for point in shape.chart.plots[0].series[0].points
    ]
    assert labels[0] == "90,7 %"
    assert "90,7 %" in deck.slides[1].notes_slide.notes_text_frame.text
    report = docx.Document(str(write_report_docx(briefing, tmp_path / "report.docx")))
    first_row = [cell.text.replace("\xa0", " ") for cell in report.tables[1].rows[1].cells]
    assert "90,7 %" in first_row
    # the page's bar for the same indicator
    frame = briefing.headline.assign(unit_name="Toàn tỉnh", unit_level="province", numerator=0, denominator=0)
    figure = charts.indicator_bars(frame.iloc[[0]], "A", "Địa bàn")
    assert (figure.data[0].y[0], figure.data[0].text[0]) == (90.7, "90,7 %")


def test_a_rating_reason_rounds_like_the_pages(demo_home):
    """mart_rating writes its reasons in SQL; each 'chậm (x % so với y %)' is the page's fmt_pct."""
    warehouse = Warehouse(demo_home / "parquet")
    behind = warehouse.query(
        """
        select r.programme_id, r.year, r.unit_code, r.reasons, a.indicator_code, a.rate, coalesce(a.expected, a.goal) as benchmark
        from mart_rating as r
        inner join mart_attainment as a
            on a.programme_id = r.programme_id and a.unit_code = r.unit_code and a.period = r.year::varchar
            and a.view = case a.reporting_structure when '2025' then 'new' else 'legacy' end
        where a.status = 'chậm'
        """
    )
    assert len(behind) > 100
    for row in behind.itertuples():
        written = f"{row.indicator_code} chậm ({fmt_pct(row.rate)} so với {fmt_pct(row.benchmark)})"
        assert written in row.reasons, (row.unit_code, row.year, row.reasons)
