"""Vietnamese number and date formats: 1.234.567 · 45,6 % · 15/11/2025."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd


def is_missing(value: object) -> bool:
    """None or NaN/NaT: a figure nobody reported (never to be shown as zero)."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def fmt_int(value: float | int | None) -> str:
    """1234567 → '1.234.567'; missing → '–'."""
    if is_missing(value):
        return "–"
    return f"{round(value):,}".replace(",", ".")


def rounded(value: float, digits: int = 1) -> float:
    """`value` rounded half up at `digits` decimals, as written (0.90650 is 90,65 before rounding,
    not the binary 90,6499…): every output rounds through here, so a slide, a page, a report
    and a chart's data never differ in the last digit."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def percent(value: float | None, digits: int = 1) -> float | None:
    """A share 0–1 as the percent users see: 0.9065 → 90.7; missing → None."""
    return None if is_missing(value) else rounded(float(Decimal(repr(float(value))) * 100), digits)


def fmt_decimal(value: float | None, digits: int = 1) -> str:
    """42.25 → '42,3'; 1234.5 with 2 digits → '1.234,50'; missing → '–'."""
    if is_missing(value):
        return "–"
    return f"{rounded(value, digits):,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def fmt_pct(value: float | None, digits: int = 1) -> str:
    """0.456 → '45,6 %'; missing → '–'."""
    if is_missing(value):
        return "–"
    return fmt_decimal(percent(value, digits), digits) + " %"


def fmt_date(value: dt.date | dt.datetime | str | None) -> str:
    """date(2025, 11, 15) or '2025-11-15' → '15/11/2025'."""
    if is_missing(value):
        return "–"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        # A date read back from a table arrives as a datetime at midnight.
        return value.strftime("%d/%m/%Y" if value.time() == dt.time() else "%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def fmt_window(start: dt.date, end: dt.date) -> str:
    """A window of whole months: '07–09/2023' (one month: '07/2023')."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return f"{end:%m/%Y}" if (start.year, start.month) == (end.year, end.month) else f"{start:%m}–{end:%m/%Y}"


def fmt_change(current: float, previous: float) -> str:
    """Signed change with the percentage beside it: '+12 (+25,0 %)'; no percentage from zero."""
    delta = current - previous
    sign = "+" if delta > 0 else ""
    if previous:
        return f"{sign}{fmt_int(delta)} ({sign}{fmt_pct(delta / previous)})"
    return f"{sign}{fmt_int(delta)}"


def fmt_code(value: object) -> str:
    """A number that names rather than counts (a year, a code) as written: 2024 → '2024', never
    '2.024'; missing → '–'."""
    if is_missing(value):
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
