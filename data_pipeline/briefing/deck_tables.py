"""The deck's tables: as many rows as fit above the slide's foot, and a last row saying how many
were left out, so a long list never runs off the slide."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide
from pptx.table import Table
from pptx.util import Emu, Inches, Length, Pt

from data_pipeline.briefing.deck_text import BOTTOM, SMALLEST, line_count, style


def row_height(values: Sequence[str], inches: Sequence[float]) -> Length:
    """The estimated height of a row whose columns are `inches` wide, at SMALLEST with the cells' margins."""
    lines = max(line_count(v, SMALLEST, Inches(w - 0.2)) for v, w in zip(values, inches, strict=True))
    return Emu(Pt(SMALLEST * 1.2) * lines + Inches(0.12))  # with the cell's top and bottom margins


def table(
    slide: Slide,
    box: tuple[int, int, int],
    header: list[str],
    rows: list[list[str]],
    inches: list[float],
    noun: str,
    max_rows: int = 10,
) -> Table:
    """A table at (left, top, width), columns `inches` wide, with as many rows as fit above BOTTOM.

    Past `max_rows` or the slide's foot, a last row spanning the table says how many `noun` are left out."""
    left, top, width = box
    rows, heights, truncated = _rows_that_fit(top, header, rows, inches, noun, max_rows)
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, sum(heights)).table
    for column, size in zip(shape.columns, inches, strict=True):
        column.width = Inches(size)
    for r, values in enumerate([header, *rows]):
        shape.rows[r].height = heights[r]
        for c, value in enumerate(values):
            cell = shape.cell(r, c)
            cell.text = value
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            style(cell.text_frame, SMALLEST, bold=r == 0)
    if truncated:
        shape.cell(len(rows), 0).merge(shape.cell(len(rows), len(header) - 1))
    return shape


def _rows_that_fit(
    top: int, header: list[str], rows: list[list[str]], inches: list[float], noun: str, max_rows: int
) -> tuple[list[list[str]], list[Length], bool]:
    """The rows kept (with the 'left out' row when cut), every row's height header first, and whether cut."""
    heights = [row_height(row, inches) for row in rows]
    tail_height = row_height(["…"], inches[:1])
    room = BOTTOM - top - row_height(header, inches)
    keep = len(rows)
    truncated = keep > max_rows or sum(heights) > room
    if truncated:
        keep = min(keep, max_rows) - 1
        while keep and sum(heights[:keep]) + tail_height > room:
            keep -= 1
        rows = [*rows[:keep], [f"… và {len(rows) - keep} {noun} khác", *[""] * (len(header) - 1)]]
        heights = [*heights[:keep], tail_height]
    return rows, [row_height(header, inches), *heights], truncated
