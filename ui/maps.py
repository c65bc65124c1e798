"""Offline maps: pydeck circles on the areas' own coordinates, with no base map (no tiles to fetch)."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

RED, YELLOW, GREEN, GREY = (198, 40, 40), (253, 216, 53), (46, 125, 50), (158, 158, 158)
# Streamlit's map component fetches an online basemap for any geographic MapView without a
# style; a flat orthographic view of (lon, lat) has no basemap at all, so nothing is fetched.
# At this latitude a degree of longitude is within 7 % of a degree of latitude.
ZOOM = 9.2
METRES_PER_DEGREE = 111_000


def share_colour(value: float | None) -> list[int]:
    """Red (0) → yellow (0.5) → green (1); grey when there is no figure."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return [*GREY, 200]
    value = min(max(value, 0.0), 1.0)
    low, high, t = (RED, YELLOW, value * 2) if value < 0.5 else (YELLOW, GREEN, value * 2 - 1)
    return [round(a + (b - a) * t) for a, b in zip(low, high, strict=True)] + [210]


def points(frame: pd.DataFrame, radius_m: pd.Series, colour: pd.Series, tooltip: str) -> pdk.Deck:
    """One circle per row at (lat, lon), sized in metres and coloured per row; no base map."""
    data = frame.assign(radius=radius_m.to_numpy() / METRES_PER_DEGREE, colour=colour.to_numpy())
    data = data.dropna(subset=["lat", "lon"])
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=data,
        get_position="[lon, lat]",
        get_radius="radius",
        radius_units="common",
        get_fill_color="colour",
        stroked=False,
        pickable=True,
    )
    centre = [float(data.lon.mean()), float(data.lat.mean()), 0]
    return pdk.Deck(
        layers=[layer],
        views=[pdk.View(type="OrthographicView", controller=True, flipY=False)],
        initial_view_state=pdk.ViewState(target=centre, zoom=ZOOM),
        map_style=None,
        map_provider=None,
        tooltip={"html": tooltip, "style": {"fontSize": "13px"}},
    )
