"""The draft report's page, styles and building blocks: A4 with the margins and fonts of Nghị định
30/2020/NĐ-CP, body paragraphs, headings, the header's rules and the figures' tables."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from data_pipeline.formatting import fmt_int, is_missing
from data_pipeline.warehouse.statuses import DEMO_MARK

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TABLE_SIZE = Pt(12)
# A4 with the margins of Nghị định 30: 2 cm top and bottom, 3 cm left, 2 cm right.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_VERTICAL = Cm(3), Cm(2), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
DEMO_RED = RGBColor(0xC6, 0x28, 0x28)


def setup_page(document: Document) -> None:
    """A4 with Nghị định 30's margins, pages numbered from the second, centred at the top."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin = section.bottom_margin = MARGIN_VERTICAL
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)


def demo_mark(document: Document) -> None:
    """DEMO_MARK in red as the first line and in the page headers (the first page's and the
    others'), so every printed page says the report was made from generated data."""
    section = document.sections[0]
    for paragraph in (
        section.first_page_header.paragraphs[0],  # the first page has no page number (Nghị định 30)
        section.header.add_paragraph(),  # below the page number
        document.add_paragraph(),
    ):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(DEMO_MARK)
        run.bold, run.font.size, run.font.color.rgb = True, TABLE_SIZE, DEMO_RED


def setup_fonts(document: Document) -> None:
    """Times New Roman 13 pt for every script, in Vietnamese, single-spaced with 6 pt after."""
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    rpr = normal.element.get_or_add_rPr()
    # python-docx only sets the Latin fonts; Vietnamese runs may be classed East Asian or complex,
    # and the template's theme fonts would otherwise win for them.
    _set_fonts(rpr.get_or_add_rFonts())
    _set_fonts(document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:rFonts')}"))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)
    paragraph = normal.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(0), Pt(6)
    paragraph.line_spacing = 1.0


def _set_fonts(rfonts: BaseOxmlElement) -> None:
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), FONT)


def add_text(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Pt | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    """Append `text` as one run; a no-break space keeps '%' on the line of its number."""
    run = paragraph.add_run(text.replace(" %", "\u00a0%"))
    run.bold, run.italic = bold or None, italic or None
    if size is not None:
        run.font.size = size
    if align is not None:
        paragraph.alignment = align
    return paragraph


def body(document: Document, text: str, *, italic: bool = False) -> Paragraph:
    """A justified body paragraph with the first line indented 1 cm, as administrative reports are set."""
    paragraph = add_text(document.add_paragraph(), text, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def heading(document: Document, text: str) -> Paragraph:
    """A bold section heading kept on the page of the paragraph it introduces."""
    paragraph = add_text(document.add_paragraph(), text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def cell_text(cell: _Cell, lines: Sequence[tuple[str, dict]]) -> None:
    """Fill a header cell with centred lines, each `(text, run options)`."""
    for n, (text, options) in enumerate(lines):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        add_text(paragraph, text, align=WD_ALIGN_PARAGRAPH.CENTER, **options)


def rule(container: Document | _Cell, container_width: int, width: int) -> Paragraph:
    """A centred horizontal line of `width` under the previous line, as Nghị định 30 draws it."""
    paragraph = container.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    # The border goes into the still-empty pPr first: the setters below then keep the schema order.
    paragraph._p.get_or_add_pPr().append(border)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = (container_width - width) // 2
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    return paragraph


def borderless(document: Document, rows: int, widths: Sequence[int]) -> Table:
    """A table without borders, for laying out the national header and the signature block."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Word rejects a tblPr whose children are out of schema order.
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    _widths(table, widths)
    return table


def _widths(table: Table, widths: Sequence[int]) -> None:
    # Word reads the cell widths, LibreOffice the grid: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def grid(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    right: Collection[int],
) -> Table:
    """A 'Table Grid' table with a bold header row repeated on each page; columns in `right` (the
    figures) are right-aligned, widths are in cm."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        _table_cell(cell, label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        for column, (cell, value) in enumerate(zip(table.add_row().cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if column in right else WD_ALIGN_PARAGRAPH.LEFT
            _table_cell(cell, value, align=align)
    _widths(table, [Cm(w) for w in widths])
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    return table


def _table_cell(cell: _Cell, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    add_text(paragraph, text, bold=bold, size=TABLE_SIZE, align=align)


def frame_table(
    document: Document,
    frame: pd.DataFrame,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    right: Collection[int],
) -> None:
    """The table of `frame`, or a sentence saying there is nothing to show."""
    if frame.empty:
        body(document, "Chưa có số liệu.", italic=True)
    else:
        grid(document, header, rows, widths, right)


def ratio(part: object, whole: object) -> str:
    """'3/3'; '–' when either side is missing."""
    if is_missing(part) or is_missing(whole):
        return "–"
    return f"{fmt_int(part)}/{fmt_int(whole)}"


def as_header(text: str) -> str:
    """A period label such as 'tháng 01–10/2025' as a column header."""
    return text[:1].upper() + text[1:]
