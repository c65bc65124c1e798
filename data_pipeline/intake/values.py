"""Numbers and dates from cells as the field types them: '1.234', '1,234', ' 1 234 ',
15/11/2025, 2025-11-15 — or a ValueError."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from data_pipeline.reference.spelling import per_value

# The largest whole number a cell may hold (a loss of a million billion đồng); beyond it the
# figure is a typing error, and it would not fit the warehouse's 64-bit integers anyway.
MAX_COUNT = 10**15


@per_value
def parse_count(value: object) -> int | None:
    """A whole number from a cell: 1234, 1234.0, '1.234', '1,234', ' 1 234 '; None if blank.

    Raises ValueError for anything else (negative numbers, fractions, words).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if (isinstance(value, float) and not math.isfinite(value)) or value != int(value):
            raise ValueError(value)
        number = int(value)
    elif not isinstance(value, str):
        raise ValueError(value)  # a date or anything else a cell can hold is not a count
    else:
        text = re.sub(r"[\s\u00a0]", "", unicodedata.normalize("NFC", value))
        if not re.fullmatch(r"\d{1,3}([.,]\d{3})+|\d+", text):
            raise ValueError(value)
        number = int(re.sub(r"[.,]", "", text))
    if not 0 <= number <= MAX_COUNT:
        raise ValueError(value)
    return number


@per_value
def parse_date(value: object) -> dt.date | None:
    """A date from a cell: a date/datetime, '15/11/2025', '15-11-2025' or '2025-11-15'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = map(int, match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text[:10])
