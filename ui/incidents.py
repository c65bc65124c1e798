"""What the incident pages share: the period picker and the comparison table with its flags."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_pipeline import compstat
from data_pipeline.formatting import fmt_int
from ui import filters, layout
from ui.data import current, fetch

PERIOD_KINDS = {"quarter": "Quý", "month": "Tháng", "ytd": "Từ đầu năm", "range": "Khoảng tùy chọn"}
FLAG_MARKS = {compstat.UP: "▲ tăng bất thường", compstat.DOWN: "▼ giảm bất thường", compstat.USUAL: "bình thường"}
ALL = "all"


def window(programme_id: str) -> compstat.Window:
    """A window of whole months chosen in the sidebar (and the URL); stops the page if no case."""
    span = fetch("incident_months", programme_id)
    if span is None:
        st.info(layout.NO_DATA)
        st.stop()
    first = span[0]
    last = min(span[1], compstat.last_complete_month(dt.date.fromisoformat(current()[1]["as_of"])))
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
    categories = fetch("incident_categories", programme_id)
    names = {ALL: "Tất cả các loại", **dict(zip(categories.category_code, categories.category_name, strict=True))}
    chosen = filters.select("Loại vụ việc", list(names), "category", format_func=names.get)
    return None if chosen == ALL else chosen


def comparison(programme_id: str, view: str, chosen: compstat.Window, by: str, category_code: str | None):
    """Comparison rows with their flags, at the programme's significance level."""
    significance = fetch("incident_significance", programme_id)
    rows = fetch("incident_comparison", programme_id, view, chosen.first, chosen.last, by, category_code)
    return compstat.with_flags(rows, significance)


def comparison_table(rows: pd.DataFrame, name_header: str, chosen: compstat.Window) -> pd.DataFrame:
    """The flag first, the percent only beside it."""
    return pd.DataFrame(
        {
            name_header: rows.name,
            f"Số vụ {chosen.label}": rows.cases,
            f"Cùng kỳ {chosen.year_before().label}": rows.previous_cases,
            "Đánh giá thay đổi": rows.flag.map(FLAG_MARKS),
            "p (kiểm định Poisson)": rows.p_value.map(lambda p: f"{p:.3f}".replace(".", ",")),
            "Tăng/giảm": rows.change.map(lambda v: "–" if v is None or pd.isna(v) else f"{v:+.0%}".replace("%", " %")),
        }
    )


def outcomes_table(total: pd.Series, chosen: compstat.Window) -> pd.DataFrame:
    """Handling outcomes of the window against the year before."""
    labels = {
        "cases": ("Vụ việc", "vụ"),
        "sanctioned": ("Xử phạt hành chính", "trường hợp"),
        "fines": ("Tổng tiền phạt", "đồng"),
        "warned": ("Răn đe, giáo dục", "trường hợp"),
        "taken_down": ("Tài khoản, bài viết bị gỡ bỏ", "tài khoản, bài viết"),
        "prosecuted": ("Khởi tố", "vụ"),
        "loss": ("Thiệt hại", "đồng"),
    }
    return pd.DataFrame(
        {
            "Kết quả": [name for name, _ in labels.values()],
            f"{chosen.label}": [fmt_int(total[m]) for m in labels],
            f"Cùng kỳ {chosen.year_before().label}": [fmt_int(total[f"previous_{m}"]) for m in labels],
            "Đơn vị tính": [unit for _, unit in labels.values()],
        }
    )
