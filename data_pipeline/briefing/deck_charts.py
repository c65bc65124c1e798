"""The deck's native bar charts: real PowerPoint charts whose data opens in Excel, never pictures,
so the secretariat can restyle or correct them before the meeting."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.series import BarSeries
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.slide import Slide
from pptx.util import Pt

from data_pipeline.briefing.deck_text import FONT, SMALLEST, Box, style
from data_pipeline.formatting import percent

# (name, values with None for a blank point, fill colour, label formatter or None for no labels)
Series = tuple[str, list[float | None], RGBColor, Callable[[float], str] | None]


def bar_chart(
    slide: Slide,
    box: Box,
    categories: list[str],
    series: list[Series],
    *,
    percent: bool,
    horizontal: bool = True,
    point_colors: list[RGBColor] | None = None,
) -> Chart:
    """A native clustered bar (or column) chart; each series labelled by its optional formatter.

    Labels are written as text because a chart number format takes its decimal separator from the
    viewer's locale, and the meeting must read "53,7 %" whatever the computer."""
    data = CategoryChartData()
    data.categories = categories
    for name, values, _, _ in series:
        data.add_series(name, values)  # None stays a blank point, never a zero
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = slide.shapes.add_chart(kind, *box, data).chart
    chart.font.name, chart.font.size = FONT, Pt(SMALLEST)
    chart.has_title = False  # the slide title says it; a one-series chart would repeat the series name
    _legend(chart, len(series) > 1)
    _value_axis(chart, series, percent=percent, horizontal=horizontal)
    plot = chart.plots[0]
    plot.gap_width = 60
    for plot_series, (_, values, colour, label) in zip(plot.series, series, strict=True):
        _paint(plot_series, values, colour, label, point_colors)
    return chart


def _legend(chart: Chart, shown: bool) -> None:
    """A legend below the plot, only when there is more than one series to tell apart."""
    chart.has_legend = shown
    if shown:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.name, chart.legend.font.size = FONT, Pt(SMALLEST)


def _value_axis(chart: Chart, series: list[Series], *, percent: bool, horizontal: bool) -> None:
    """From zero; a percent axis to 100 with gridlines, a count's axis hidden."""
    axis = chart.value_axis
    axis.minimum_scale = 0
    if percent:
        values = [v for _, vs, _, _ in series for v in vs if v is not None]
        if max(values, default=0) <= 100:
            axis.maximum_scale = 100
        axis.has_major_gridlines = True
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False
    else:
        # Counts and đồng are read from the labels; an axis would show the locale's separators.
        axis.has_major_gridlines = False
        axis.visible = False
    if horizontal:
        # First category on top, as the list reads. The value axis would then move to the top; it
        # stays at the bottom by crossing at the last category, which python-pptx only offers in XML.
        chart.category_axis.reverse_order = True
        axis._element.crosses.val = XL_AXIS_CROSSES.MAXIMUM


def _paint(
    plot_series: BarSeries,
    values: list[float | None],
    colour: RGBColor,
    label: Callable[[float], str] | None,
    point_colors: list[RGBColor] | None,
) -> None:
    """Fill the series (or each point) and write each figure's label as text outside its bar."""
    plot_series.format.fill.solid()
    plot_series.format.fill.fore_color.rgb = colour
    for idx, value in enumerate(values):
        point = plot_series.points[idx]
        if point_colors:
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = point_colors[idx]
        if label is None or value is None:
            continue
        point.data_label.text_frame.text = label(value)
        style(point.data_label.text_frame, SMALLEST)
        point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END


def percents(values: pd.Series) -> list[float | None]:
    """Shares 0–1 as the percents the labels, the page and the report show (one rounding)."""
    return [percent(value) for value in values]
