"""Cached access to the warehouse for the pages; caches are keyed on the build id."""

from __future__ import annotations

from typing import Any

import streamlit as st

from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse import Warehouse, WarehouseMissing, read_manifest


@st.cache_resource(show_spinner=False)
def warehouse(root: str, build_id: str) -> Warehouse:
    """One read-only connection per build; a new build gets a new one."""
    return Warehouse(resolve_paths(root).warehouse)


@st.cache_data(show_spinner=False, max_entries=256)
def _fetch(root: str, build_id: str, method: str, args: tuple) -> Any:
    return getattr(warehouse(root, build_id), method)(*args)


def current() -> tuple[str, dict]:
    """The data home and the manifest of the build parquet/ points at now; stops the page if none."""
    paths = resolve_paths()
    try:
        return str(paths.home), read_manifest(paths.warehouse)
    except WarehouseMissing as error:
        st.error(f"{error}")
        st.stop()  # raises: the page ends here


def fetch(method: str, *args: Any) -> Any:
    """Result of Warehouse.<method>(*args) for the current build, cached."""
    root, manifest = current()
    return _fetch(root, manifest["build_id"], method, args)
