"""The sơ kết briefing for the pages: collected once per build, exported on demand."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import streamlit as st

from data_pipeline.briefing.collect import Briefing, collect
from data_pipeline.briefing.files import write_briefing
from ui import auth, data

# A briefing holds the whole province's submission details: only the roles that open its page.
BRIEFERS = {role for role, pages in auth.PAGES.items() if "briefing" in pages}


@st.cache_data(show_spinner=False, max_entries=32)
def _collect(root: str, build_id: str, programme_id: str, period: str, view: str) -> Briefing:
    return collect(data.warehouse(root, build_id), programme_id, period, view)


def load(programme_id: str, period: str, view: str) -> Briefing:
    """The briefing of the current build for one programme, period and view."""
    root, manifest = data.opened()
    auth.require(BRIEFERS)
    return _collect(root, manifest["build_id"], programme_id, period, view)


def export(briefing: Briefing, suffix: str, directions: list[str]) -> bytes:
    """The deck (.pptx) or draft report (.docx) with the directions as edited on the page."""
    edited = dataclasses.replace(briefing, directions=directions)
    with tempfile.TemporaryDirectory() as folder:
        path = write_briefing(edited, Path(folder) / f"so_ket{suffix}")
        return path.read_bytes()
