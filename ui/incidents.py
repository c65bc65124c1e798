"""What the incident pages share: the period picker, what it is compared with, and the comparison
bars with their flags."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_pipeline.formatting import fmt_int
from data_pipeline.warehouse import compstat
from ui import charts, data, filters, layout

PERIOD_KINDS = {"quarter": "Quý", "month": "Tháng", "ytd": "Từ đầu năm", "range": "Khoảng tùy chọn"}
FLAG_MARKS = {compstat.UP: "▲ tăng bất thường", compstat.DOWN: "▼ giảm bất thường", compstat.USUAL: "bình thường"}
ALL = "all"


def window(programme_id: str) -> compstat.Window:
    """A window of whole months chosen in the sidebar (and the URL); stops the page if no case."""
    span = data.incident_months(programme_id)
    if span is None:
        st.info(layout.NO_DATA)
        st.stop()
    first = span[0]
    last = min(span[1], compstat.last_complete_month(data.as_of()))
    months = []
    while last >= first and (not months or months[-1] < last):
        months.append(compstat.add_months(months[-1], 1) if months else first)
    months = [m.isoformat() for m in reversed(months)]
    kind = filters.select("Kỳ so sánh", list(PERIOD_KINDS), "window", format_func=PERIOD_KINDS.get)
    label = lambda m: f"{dt.date.fromisoformat(m):%m/%Y}"  # noqa: E731
    if kind == "month":
        return compstat.month_window(dt.date.fromisoformat(filters.select("Tháng", months, "month", format_func=label)))
    if kind == "quarter":
        quarters = [m for m in months if dt.date.fromisoformat(m).month % 3 == 0]
        chosen = dt.date.fromisoformat(
            filters.select("Quý", quarters, "quarter", format_func=lambda m: _quarter_label(dt.date.fromisoformat(m)))
        )
        return compstat.quarter_window(chosen.year, chosen.month // 3)
    if kind == "ytd":
        return compstat.year_to_date_window(dt.date.fromisoformat(months[0]))
    start = filters.select("Từ tháng", months, "from", months[-1], format_func=label)
    end = filters.select("Đến tháng", months, "to", months[0], format_func=label)
    return compstat.range_window(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def _quarter_label(last_month: dt.date) -> str:
    return f"Quý {last_month.month // 3}/{last_month.year}"


def category(programme_id: str) -> str | None:
    """One category chosen in the sidebar (and the URL), or None for all."""
    categories = data.incident_categories(programme_id)
    names = {ALL: "Tất cả các loại", **dict(zip(categories.category_code, categories.category_name, strict=True))}
    chosen = filters.select("Loại vụ việc", list(names), "category", format_func=names.get)
    return None if chosen == ALL else chosen


def baseline(programme_id: str, chosen: compstat.Window) -> compstat.Window | str:
    """The months `chosen` is compared with, or the sentence saying why it is compared with none."""
    span = data.incident_months(programme_id)
    return compstat.comparison_window(chosen, span[0] if span else None)


def year_to_date(programme_id: str, view: str) -> tuple[compstat.Window, compstat.Window | str, pd.Series]:
    """The whole months of this year to the build's date, what they are compared with (the rule
    of comparison_window), and their total cases (previous_cases empty when not compared)."""
    chosen = compstat.year_to_date_window(compstat.last_complete_month(data.as_of()))
    before = baseline(programme_id, chosen)
    rows = data.incident_comparison(programme_id, view, chosen.first, chosen.last, "total")
    total = rows.iloc[0] if not rows.empty else pd.Series({"cases": 0, "previous_cases": 0})
    return chosen, before, total


def comparison(
    programme_id: str,
    view: str,
    chosen: compstat.Window,
    before: compstat.Window | str,
    by: str,
    category_code: str | None,
) -> pd.DataFrame:
    """Comparison rows with their flags, at the programme's significance level (no previous
    figure and no flag when `before` is the reason there is no comparison)."""
    significance = data.incident_significance(programme_id)
    rows = data.incident_comparison(programme_id, view, chosen.first, chosen.last, by, category_code)
    return compstat.compared(rows, before, significance)


def bars(
    rows: pd.DataFrame, title: str, chosen: compstat.Window, before: compstat.Window | str, axis: str
) -> go.Figure:
    """Cases per group beside the same months a year earlier, or alone when nothing is compared."""
    if isinstance(before, compstat.Window):
        return charts.incident_comparison_bars(rows, f"{title} và cùng kỳ", chosen.label, before.label, axis)
    rows = rows.sort_values("cases", ascending=True)
    figure = go.Figure()
    figure.add_bar(
        y=rows.name,
        x=rows.cases,
        orientation="h",
        name=chosen.label,
        marker_color=charts.FLAG_COLOURS[compstat.USUAL],
        text=rows.cases.map(fmt_int),
        textposition="outside",
        hovertemplate="%{y}<br>" + chosen.label + ": %{x} vụ<extra></extra>",
    )
    return charts.layout_figure(figure, title, "Số vụ việc (vụ)", axis, height=max(140 + 26 * len(rows), 320))
