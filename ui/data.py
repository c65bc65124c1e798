"""The pages' read path: one function per Warehouse method they use, each cached on the build id
and behind the login; per-unit submission details cut to what the signed-in role may see (@scoped).

page → ui.data.<name> → Warehouse.<name> (data_pipeline/warehouse/read.py) → its mart's SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from data_pipeline.errors import WarehouseMissing
from data_pipeline.settings import resolve_paths
from data_pipeline.warehouse.manifest import outdated_tables, read_manifest
from data_pipeline.warehouse.pivots import Pivot
from data_pipeline.warehouse.read import Warehouse
from ui import auth

P = ParamSpec("P")
R = TypeVar("R")
# The queries behind the read functions, by name: one cache holds them all (see _read).
_QUERIES: dict[str, Callable[..., Any]] = {}


@st.cache_resource(show_spinner=False)
def warehouse(root: str, build_id: str) -> Warehouse:
    """One read-only connection per build; a new build gets a new one."""
    return Warehouse(resolve_paths(root).warehouse)


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
def _outdated(build_id: str, warehouse_path: Path) -> list[str]:
    return outdated_tables(read_manifest(warehouse_path))


def opened() -> tuple[str, dict]:
    """current() for a signed-in account; otherwise the login form, and the page stops there.
    Every read goes through here, so the gate holds even for a page Streamlit opens directly
    from its pages/ folder (a deep link as a fresh server's first request)."""
    auth.require_login()
    return current()


def manifest() -> dict:
    """The manifest of the current build (for a signed-in account)."""
    return opened()[1]


def as_of() -> dt.date:
    """The date the current build's figures run to."""
    return dt.date.fromisoformat(manifest()["as_of"])


@st.cache_data(show_spinner=False, max_entries=256)
def _read(root: str, build_id: str, name: str, args: tuple) -> Any:
    return _QUERIES[name](warehouse(root, build_id), *args)


def reads(query: Callable[Concatenate[Warehouse, P], R]) -> Callable[P, R]:
    """A read function for the pages from `query(warehouse, *args)`: behind the login, for the
    current build, cached on (data home, build id, name, args) with the defaults filled in."""
    signature = inspect.signature(query)
    _QUERIES[query.__name__] = query

    @functools.wraps(query)
    def read(*args: P.args, **kwargs: P.kwargs) -> R:
        bound = signature.bind(None, *args, **kwargs)
        bound.apply_defaults()
        root, build = opened()
        return _read(root, build["build_id"], query.__name__, bound.args[1:])

    read.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    return read


def scoped(read: Callable[P, pd.DataFrame]) -> Callable[P, pd.DataFrame]:
    """Per-unit submission details cut to what the signed-in role may see: an officer gets the
    units of their own area only (auth.scope_units); the others get every unit."""
    signature = inspect.signature(read)

    @functools.wraps(read)
    def cut(*args: P.args, **kwargs: P.kwargs) -> pd.DataFrame:
        rows = read(*args, **kwargs)
        user = auth.require_login()
        if user.role != "officer":
            return rows
        programme = signature.bind(*args, **kwargs).arguments["programme"]
        return rows[rows.unit_code.isin(auth.scope_units(user, area_map(programme)))]

    return cut


@reads
def programmes(w: Warehouse) -> pd.DataFrame:
    return w.programmes()


@reads
def views(w: Warehouse) -> pd.DataFrame:
    return w.views()


@reads
def periods(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.periods(programme)


@reads
def all_periods(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.all_periods(programme)


@reads
def latest_due_period(w: Warehouse, programme: str) -> str | None:
    return w.latest_due_period(programme)


@reads
def area_map(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.area_map(programme)


@reads
def attainment(w: Warehouse, programme: str, view: str, period: str) -> pd.DataFrame:
    return w.attainment(programme, view, period)


@reads
def attainment_summary(w: Warehouse, programme: str, view: str, period: str) -> dict | None:
    return w.attainment_summary(programme, view, period)


@reads
def attention(w: Warehouse, programme: str, view: str, period: str) -> pd.DataFrame:
    return w.attention(programme, view, period)


@reads
def active_models(w: Warehouse, programme: str, view: str) -> dict[str, int]:
    return w.active_models(programme, view)


@reads
def compliance_summary(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.compliance_summary(programme)


@reads
def period_compliance(w: Warehouse, programme: str, period: str) -> dict | None:
    return w.period_compliance(programme, period)


@scoped
@reads
def compliance(w: Warehouse, programme: str, view: str, period: str) -> pd.DataFrame:
    return w.compliance(programme, view, period)


@scoped
@reads
def compliance_matrix(w: Warehouse, programme: str, view: str, structure: str) -> pd.DataFrame:
    return w.compliance_matrix(programme, view, structure)


@scoped
@reads
def submission_history(w: Warehouse, programme: str, unit_code: str) -> pd.DataFrame:
    return w.submission_history(programme, unit_code)


@scoped
@reads
def reporters(w: Warehouse, programme: str, period: str) -> pd.DataFrame:
    return w.reporters(programme, period)


@reads
def incident_significance(w: Warehouse, programme: str) -> float:
    return w.incident_significance(programme)


@reads
def incident_months(w: Warehouse, programme: str) -> tuple[dt.date, dt.date] | None:
    return w.incident_months(programme)


@reads
def incident_categories(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.incident_categories(programme)


@reads
def incident_comparison(
    w: Warehouse,
    programme: str,
    view: str,
    first: dt.date,
    last: dt.date,
    by: str = "total",
    category: str | None = None,
) -> pd.DataFrame:
    return w.incident_comparison(programme, view, first, last, by, category)


@reads
def incident_series(w: Warehouse, programme: str, view: str, category: str | None = None) -> pd.DataFrame:
    return w.incident_series(programme, view, category)


@reads
def model_growth(w: Warehouse, programme: str, view: str) -> pd.DataFrame:
    return w.model_growth(programme, view)


@reads
def model_breakdown(w: Warehouse, programme: str, view: str, dimension: str) -> pd.DataFrame:
    return w.model_breakdown(programme, view, dimension)


@reads
def model_breakdown_by_area(w: Warehouse, programme: str, view: str) -> pd.DataFrame:
    return w.model_breakdown_by_area(programme, view)


@reads
def model_coverage(w: Warehouse, programme: str, view: str) -> pd.DataFrame:
    return w.model_coverage(programme, view)


@reads
def model_gaps(w: Warehouse, programme: str, view: str) -> pd.DataFrame:
    return w.model_gaps(programme, view)


@reads
def coverage_reconciliation(w: Warehouse, programme: str, view: str, period: str) -> pd.DataFrame:
    return w.coverage_reconciliation(programme, view, period)


@reads
def milestones(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.milestones(programme)


@reads
def contact_windows(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.contact_windows(programme)


@reads
def contact_groups(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.contact_groups(programme)


@reads
def activities(w: Warehouse, programme: str, view: str) -> pd.DataFrame:
    return w.activities(programme, view)


@reads
def tasks(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.tasks(programme)


@reads
def budget(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.budget(programme)


@reads
def spending(w: Warehouse, programme: str) -> pd.DataFrame:
    return w.spending(programme)


@reads
def pivot(w: Warehouse, request: Pivot) -> pd.DataFrame:
    return w.pivot(request)
