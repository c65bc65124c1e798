"""Cached access to the warehouse for the pages; caches are keyed on the build id."""

from __future__ import annotations

from typing import Any

import streamlit as st

from data_pipeline.errors import WarehouseMissing
from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse.manifest import outdated_tables, read_manifest
from data_pipeline.warehouse.read import Warehouse


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
        manifest = read_manifest(paths.warehouse)
    except WarehouseMissing as error:
        st.error(f"{error}")
        st.stop()  # raises: the page ends here
    if missing := _outdated(manifest["build_id"], paths.warehouse):
        st.error(
            f"Kho dữ liệu được dựng bằng phiên bản cũ của chương trình (thiếu {', '.join(missing)}). "
            "Dựng lại: python -m data_pipeline build (hoặc make build), rồi tải lại trang."
        )
        st.stop()
    return str(paths.home), manifest


@st.cache_data(show_spinner=False)
def _outdated(build_id: str, warehouse_path) -> list[str]:
    return outdated_tables(read_manifest(warehouse_path))


# Methods that return per-unit submission details: an officer gets only the units in scope.
UNIT_DETAILS = {"compliance", "compliance_matrix", "submission_history", "reporters", "ratings"}


def fetch(method: str, *args: Any) -> Any:
    """Result of Warehouse.<method>(*args) for the current build, cached; per-unit submission
    details are cut to what the signed-in role may see (an officer: their own area)."""
    from ui import auth

    # every page reads through here, so this gate holds even for a page Streamlit opens
    # directly from its pages/ folder (a deep link as a fresh server's first request)
    user = auth.require_login()
    root, manifest = current()
    result = _fetch(root, manifest["build_id"], method, args)
    if method in UNIT_DETAILS and user.role == "officer":
        scope = auth.scope_units(user, _fetch(root, manifest["build_id"], "area_map", (args[0],)))
        result = result[result.unit_code.isin(scope)]
    return result
