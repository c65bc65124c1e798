"""The sơ kết deck: an editable 16:9 PowerPoint with native charts, built from a Briefing.

This module holds the slide sequence and the opening and closing slides; the figure slides are in
deck_results and deck_followup, charts in deck_charts, tables in deck_tables and the text and
geometry every slide shares in deck_text.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.deck_followup import coverage_slide, tasks_slide, weak_units_slide
from data_pipeline.briefing.deck_results import compliance_slide, headline_slide, incidents_slide, ranking_slide
from data_pipeline.briefing.deck_text import (
    BLUE,
    BOTTOM,
    BULLETS_LAYOUT,
    CONTENT_WIDTH,
    HEIGHT,
    MARGIN,
    TITLE_LAYOUT,
    TOP,
    WIDTH,
    demo_mark,
    fill,
    fit_size,
    notes,
    set_title,
    style,
    widen_template,
)
from data_pipeline.formatting import fmt_date


def write_deck(briefing: Briefing, path: Path) -> Path:
    """Write the sơ kết deck (9 slides, 16:9, editable) for `briefing` to `path` and return the path."""
    prs = Presentation()
    widen_template(prs)
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for build in (
        _title_slide,
        headline_slide,
        ranking_slide,
        compliance_slide,
        incidents_slide,
        coverage_slide,
        tasks_slide,
        weak_units_slide,
        _directions_slide,
    ):
        build(prs, briefing)
    if briefing.is_demo:
        for slide in prs.slides:
            demo_mark(slide)
    path = Path(path)
    prs.save(path)
    return path


def _title_slide(prs: PresentationType, b: Briefing) -> None:
    """The programme's name, the period, the secretariat and the date of the figures."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.8), CONTENT_WIDTH, Inches(3.0)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    title.text = b.programme_name
    style(title.text_frame, fit_size([b.programme_name], title.width, title.height, 40), bold=True, color=BLUE)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(4.1), CONTENT_WIDTH, Inches(2.2)
    fill(
        subtitle.text_frame,
        [f"Báo cáo sơ kết — {b.period_label}", b.secretariat, f"Số liệu đến ngày {fmt_date(b.as_of)}"],
        20,
    )
    notes(slide, b, [f"{b.document}. Cách chia địa bàn: {b.view_label}."])


def _directions_slide(prs: PresentationType, b: Briefing) -> None:
    """The directions proposed for the next period, as bullets the secretariat can edit."""
    slide = prs.slides.add_slide(prs.slide_layouts[BULLETS_LAYOUT])
    set_title(slide, "Phương hướng, nhiệm vụ")
    body = slide.placeholders[1]
    body.left, body.top, body.width, body.height = MARGIN, TOP, CONTENT_WIDTH, BOTTOM - TOP
    directions = b.directions or ["Ban Thư ký bổ sung phương hướng trước khi trình bày."]
    body.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # the size is chosen below; the template would shrink it
    # The bullets' indent takes about half an inch of the width.
    fill(body.text_frame, directions, fit_size(directions, body.width - Inches(0.5), body.height, 24))
    notes(slide, b, [])
