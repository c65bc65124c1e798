"""Sidebar filters that live in the URL too, so a view can be bookmarked and shared."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st


def select(
    label: str, options: Sequence[str], param: str, default: str | None = None, format_func: Callable[[str], str] = str
) -> str:
    """A sidebar selectbox whose value is read from and written to the URL parameter `param`."""
    options = list(options)
    wanted = st.query_params.get(param, default)
    index = options.index(wanted) if wanted in options else (options.index(default) if default in options else 0)
    value = st.sidebar.selectbox(label, options, index=index, format_func=format_func, key=f"filter_{param}")
    st.query_params[param] = value
    return value
