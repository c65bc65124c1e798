"""The deck's page geometry, colours and text: slides with a title, text boxes sized to fit, and
the speaker notes. python-pptx cannot measure text, so sizes come from an estimate."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Length, Pt

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.values import number
from data_pipeline.formatting import fmt_decimal, fmt_int
from data_pipeline.warehouse.statuses import DEMO_MARK

# Arial has every Vietnamese diacritic on Windows and macOS; LibreOffice maps it to Liberation Sans.
FONT = "Arial"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, PowerPoint's own 16:9 size
MARGIN = Inches(0.5)
TOP = Inches(1.3)  # below the title
BOTTOM = Inches(7.1)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
SMALLEST = 12  # pt; nothing on a slide is set smaller

BLUE = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0xA6, 0xA6, 0xA6)
GREEN = RGBColor(0x2E, 0x7D, 0x32)
AMBER = RGBColor(0xEF, 0x8F, 0x00)
RED = RGBColor(0xC6, 0x28, 0x28)

# Indices into the default template's layouts.
TITLE_LAYOUT, BULLETS_LAYOUT, TITLE_ONLY_LAYOUT = 0, 1, 5

Box = tuple[int, int, int, int]


def widen_template(prs: PresentationType) -> None:
    """Stretch the default 4:3 template's placeholders to 16:9, so slides added later in PowerPoint fit.

    Layouts go before the master: a layout placeholder without its own position reads the master's,
    and all four sides are written because setting one starts the placeholder's own position at zero."""
    ratio = WIDTH / prs.slide_width
    for owner in [*prs.slide_layouts, prs.slide_master]:
        for shape in owner.placeholders:
            left, top, width, height = shape.left, shape.top, shape.width, shape.height
            if left is not None:
                shape.left, shape.top = round(left * ratio), top
                shape.width, shape.height = round(width * ratio), height


def new_slide(prs: PresentationType, title: str) -> Slide:
    """A title-only slide: every figure slide starts from one."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    set_title(slide, title)
    return slide


def set_title(slide: Slide, title: str) -> None:
    """The slide's title in the same place, size and colour on every slide."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), CONTENT_WIDTH, Inches(0.9)
    shape.text = title
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # the template would shrink titles unevenly
    style(shape.text_frame, 28, bold=True, color=BLUE)
    shape.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def notes(slide: Slide, b: Briefing, lines: list[str]) -> None:
    """The speaker notes: `lines`, then the build and the sources, so a figure can be traced."""
    build = [f"Số liệu dựng lúc {b.built_at}, mã bản dựng {b.build_id}.", "Nguồn: " + "; ".join(b.sources)]
    fill(slide.notes_slide.notes_text_frame, [*lines, *build], SMALLEST)


def write(slide: Slide, box: Box, lines: Sequence[str], largest: int) -> TextFrame:
    """A text box holding `lines`, one paragraph each, at the largest size up to `largest` that fits."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    fill(frame, lines, fit_size(lines, box[2] - Inches(0.2), box[3], largest))  # less the box's insets
    return frame


def no_data(slide: Slide, sentence: str) -> None:
    """A sentence in place of a chart: an empty section is said, never drawn as zeros."""
    write(slide, (MARGIN, TOP, CONTENT_WIDTH, Inches(1.0)), [sentence], 20)


def fill(frame: TextFrame, lines: Sequence[str], size: int) -> None:
    """Replace the frame's text with one paragraph per line, in FONT at `size` points."""
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    style(frame, size)
    for paragraph in frame.paragraphs[1:]:
        paragraph.space_before = Pt(size // 2)


def style(frame: TextFrame, size: int, bold: bool = False, color: RGBColor | None = None) -> None:
    """Set every paragraph and run of the frame in FONT, so Vietnamese never falls back to another font."""
    for paragraph in frame.paragraphs:
        paragraph.font.name, paragraph.font.size = FONT, Pt(size)
        for run in paragraph.runs:
            run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
            if color is not None:
                run.font.color.rgb = color


def demo_mark(slide: Slide) -> None:
    """DEMO_MARK in red in the slide's top-right corner, above the title (0.3 in down)."""
    width = Inches(2.6)
    frame = slide.shapes.add_textbox(WIDTH - MARGIN - width, Inches(0.02), width, Inches(0.26)).text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.text = DEMO_MARK
    style(frame, SMALLEST, bold=True, color=RED)
    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def emphasise(paragraph: _Paragraph, color: RGBColor | None = None) -> None:
    """Bold (and colour) a line the presenter should read first, such as the verdict."""
    for run in paragraph.runs:
        run.font.bold = True
        if color is not None:
            run.font.color.rgb = color


# Arial's mean character is under 0.55 em wide, a line takes 1.2 em and paragraphs are half an em apart.
def line_count(text: str, size: int, width: Length) -> int:
    """The estimated number of lines `text` wraps to at `size` points in `width`."""
    per_line = max(1, int(width / Pt(size * 0.55)))
    return max(1, math.ceil(len(text) / per_line))


def fit_size(lines: Sequence[str], width: Length, height: Length, largest: int) -> int:
    """The largest even size from `largest` down whose estimated height fits; SMALLEST when none does."""
    for size in range(largest, SMALLEST, -2):
        rows = sum(line_count(line, size, width) for line in lines)
        if Pt(size * 1.2) * rows + Pt(size / 2) * (len(lines) - 1) + Inches(0.1) <= height:
            return size
    return SMALLEST


def cap(lines: list[str], limit: int, noun: str) -> list[str]:
    """At most `limit` lines; past that the last one says how many were left out."""
    if len(lines) <= limit:
        return lines
    return [*lines[: limit - 1], f"… và {len(lines) - limit + 1} {noun} khác"]


def pct_label(value: float) -> str:
    """A percent already rounded for the chart, written as the meeting reads it: '53,7 %'."""
    return f"{fmt_decimal(value)} %"


def year(value: object) -> str:
    """A rating's year; a year column with a gap arrives as floats."""
    figure = number(value)
    return "–" if figure is None else str(int(figure))


def ratio(numerator: object, denominator: object) -> str:
    """'3/4', or a dash when the numerator is missing."""
    return "–" if number(numerator) is None else f"{fmt_int(numerator)}/{fmt_int(denominator)}"
