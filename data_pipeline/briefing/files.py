"""Write a collected Briefing to the file the secretariat asked for."""

from __future__ import annotations

from pathlib import Path

from data_pipeline.briefing.collect import Briefing
from data_pipeline.briefing.deck import write_deck
from data_pipeline.briefing.report_docx import write_report_docx


def write_briefing(briefing: Briefing, path: Path) -> Path:
    """The deck (.pptx) or the draft report (.docx), by the file's extension."""
    writer = write_deck if path.suffix.lower() == ".pptx" else write_report_docx
    path.parent.mkdir(parents=True, exist_ok=True)
    return writer(briefing, path)
