"""Case counts against the same period a year earlier, CompStat style, without being fooled
by small numbers: 3 → 6 is "+100 %" but well within chance, so a change is flagged only when
an exact test of two Poisson counts says it is unusual. A window is compared only with months
that neither overlap it nor lie before the case list begins (`comparison_window`).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from data_pipeline.warehouse import statuses

UP, DOWN, USUAL = statuses.RISE, statuses.FALL, statuses.USUAL


@dataclass(frozen=True)
class Window:
    """Whole months from `first` to `last` (both the first day of a month), inclusive."""

    first: dt.date
    last: dt.date
    label: str

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def year_before(self) -> Window:
        first, last = self.first.replace(year=self.first.year - 1), self.last.replace(year=self.last.year - 1)
        return Window(first, last, month_span_label(first, last))


def month_span_label(first: dt.date, last: dt.date) -> str:
    return f"{first:%m/%Y}" if first == last else f"{first:%m/%Y}–{last:%m/%Y}"


def last_complete_month(as_of: dt.date) -> dt.date:
    """First day of the last month wholly before or ending on `as_of` (a partial month would
    compare unlike with like)."""
    if (as_of + dt.timedelta(days=1)).day == 1:
        return as_of.replace(day=1)
    return (as_of.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def month_window(month: dt.date) -> Window:
    return Window(month, month, f"tháng {month:%m/%Y}")


def quarter_window(year: int, quarter: int) -> Window:
    first = dt.date(year, 3 * quarter - 2, 1)
    return Window(first, add_months(first, 2), f"quý {quarter}/{year}")


def year_to_date_window(last: dt.date) -> Window:
    return Window(dt.date(last.year, 1, 1), last, f"từ 01/{last.year} đến hết {last:%m/%Y}")


def range_window(first: dt.date, last: dt.date) -> Window:
    first, last = min(first, last), max(first, last)
    return Window(first, last, month_span_label(first, last))


def comparison_window(chosen: Window, first_month: dt.date | None) -> Window | str:
    """What `chosen` is compared with: the same months a year earlier, or — when those months
    overlap `chosen` (a span longer than 12 months) or begin before `first_month`, the first
    month with a case (None: no case at all) — the sentence saying why nothing is compared."""
    before = chosen.year_before()
    if chosen.months > 12:
        return (
            f"Không so sánh: khoảng đã chọn dài {chosen.months} tháng (hơn 12 tháng) nên cùng kỳ năm trước "
            f"({before.label}) trùng với nó."
        )
    if first_month is None:
        return "Không so sánh: chưa có số liệu vụ việc."
    if before.first < first_month:
        return (
            f"Không so sánh: chưa có số liệu vụ việc trước tháng {first_month:%m/%Y} nên thiếu số liệu "
            f"cùng kỳ năm trước ({before.label})."
        )
    return before


def change_p_value(current: int, previous: int) -> float:
    """Two-sided p-value that two Poisson counts over equal spans share one rate: given their
    sum n, `current` is Binomial(n, ½) under that hypothesis (the exact conditional test)."""
    n = current + previous
    if n == 0:
        return 1.0
    # By symmetry the p-value is twice the lower tail up to the smaller count. Summed in log
    # space over the ~40 standard deviations that matter, so a province's tens of thousands of
    # cases cost microseconds (exact big-integer binomials took minutes per page at that size).
    smaller = min(current, previous)
    start = max(0, smaller - 40 * math.isqrt(n) - 40)
    logs = [math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) for k in range(start, smaller + 1)]
    top = max(logs)
    tail = math.exp(top - n * math.log(2)) * math.fsum(math.exp(v - top) for v in logs)
    return min(1.0, 2 * tail)


def change_flag(current: int, previous: int, significance: float) -> str:
    """ "tăng bất thường" / "giảm bất thường" when the change is beyond chance, else usual."""
    if change_p_value(current, previous) >= significance:
        return USUAL
    return UP if current > previous else DOWN


def change_pct(current: int, previous: int) -> float | None:
    """Relative change, None when the year before had no case (no base to compare with)."""
    return None if previous == 0 else current / previous - 1


def compared(frame: pd.DataFrame, baseline: Window | str, significance: float) -> pd.DataFrame:
    """`with_flags` when there is a comparison window; otherwise the rows with no previous figure
    (previous_* empty) and no p_value, flag or change — never a comparison with missing months."""
    if isinstance(baseline, Window):
        return with_flags(frame, significance)
    previous = [c for c in frame.columns if c.startswith("previous_")]
    blank = frame.assign(**{c: pd.Series(pd.NA, index=frame.index, dtype="Int64") for c in previous})
    return blank.assign(p_value=None, flag=None, change=None)


def with_flags(frame: pd.DataFrame, significance: float) -> pd.DataFrame:
    """Add p_value, flag and change (relative) to rows holding `cases` and `previous_cases`."""
    pairs = list(zip(frame.cases.astype(int), frame.previous_cases.astype(int), strict=True))
    return frame.assign(
        p_value=[change_p_value(c, p) for c, p in pairs],
        flag=[change_flag(c, p, significance) for c, p in pairs],
        change=[change_pct(c, p) for c, p in pairs],
    )
