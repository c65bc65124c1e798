"""Mart values as the deck and the report write them: a missing figure is never shown as zero."""

from __future__ import annotations

from data_pipeline.formatting import is_missing


def number(value: object) -> float | None:
    """A figure as a float for a chart or a format; None when nobody reported it."""
    return None if is_missing(value) else float(value)


def text(value: object, missing: str = "–") -> str:
    """A name or status as text; `missing` (a dash on a slide, blank in the report) when absent."""
    return missing if is_missing(value) else str(value)
