"""Offline maps: pydeck layers on the areas' own coordinates, with no base map (no tiles to fetch)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pydeck as pdk

RED, YELLOW, GREEN, GREY = (198, 40, 40), (253, 216, 53), (46, 125, 50), (158, 158, 158)
# Streamlit's map component fetches an online basemap for any geographic MapView without a
# style; a flat orthographic view of (lon, lat) has no basemap at all, so nothing is fetched.
# At this latitude a degree of longitude is within 7 % of a degree of latitude. Strokes in
# metres blank the whole layer on such a view, so circles and columns have none.
ZOOM = 9.2
METRES_PER_DEGREE = 111_000
# One colour per incident category (config/incident_categories.yaml order), for circles and legend.
CATEGORY_PALETTE = [
    (211, 47, 47), (123, 31, 162), (25, 118, 210), (0, 137, 123), (245, 124, 0), (93, 64, 55),
    (194, 24, 91), (48, 63, 159), (104, 159, 56), (251, 192, 45), (0, 151, 167), (117, 117, 117),
]  # fmt: skip
FLAG_RGB = {"tăng bất thường": RED, "giảm bất thường": GREEN, "trong dao động thường": (120, 144, 156)}
COLUMN_RGB = (55, 71, 79)
COLUMN_WIDTH_DEGREES = 0.018
COVERED, NOT_COVERED = GREEN, RED


def share_colour(value: float | None) -> list[int]:
    """Red (0) → yellow (0.5) → green (1); grey when there is no figure."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return [*GREY, 200]
    value = min(max(value, 0.0), 1.0)
    low, high, t = (RED, YELLOW, value * 2) if value < 0.5 else (YELLOW, GREEN, value * 2 - 1)
    return [round(a + (b - a) * t) for a, b in zip(low, high, strict=True)] + [210]


def rgb_hex(rgb: tuple[int, ...] | list[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


def circles(frame: pd.DataFrame, radius_m: pd.Series, colour: pd.Series) -> pdk.Layer:
    """One circle per row at (lat, lon), sized in metres and coloured per row."""
    data = frame.assign(radius=radius_m.to_numpy() / METRES_PER_DEGREE, colour=colour.to_numpy())
    return pdk.Layer(
        "ScatterplotLayer",
        data=data.dropna(subset=["lat", "lon"]),
        get_position="[lon, lat]",
        get_radius="radius",
        radius_units="common",
        get_fill_color="colour",
        stroked=False,
        pickable=True,
    )


def columns(frame: pd.DataFrame, height_degrees: pd.Series) -> pdk.Layer:
    """A bar rising from each row's point, as tall as `height_degrees` (a flat map has no 3-D)."""
    data = frame.assign(height=height_degrees.to_numpy()).dropna(subset=["lat", "lon"])
    half = COLUMN_WIDTH_DEGREES / 2
    data = data.assign(
        polygon=[
            [[lon - half, lat], [lon + half, lat], [lon + half, lat + h], [lon - half, lat + h]]
            for lon, lat, h in zip(data.lon, data.lat, data.height, strict=True)
        ]
    )
    return pdk.Layer(
        "PolygonLayer",
        data=data,
        get_polygon="polygon",
        get_fill_color=[*COLUMN_RGB, 190],
        stroked=False,
        pickable=True,
    )


def boundaries(path: Path, colour_by_code: dict[str, list[int]], labels: dict[str, dict]) -> pdk.Layer | None:
    """A choropleth from a local GeoJSON whose features carry the official unit code in
    properties.code; only the areas shown are drawn (the file may hold either structure's),
    None when it has none of them."""
    geojson = json.loads(path.read_text(encoding="utf-8"))
    features = [f for f in geojson["features"] if str(f["properties"].get("code")) in colour_by_code]
    if not features:
        return None
    for feature in features:
        code = str(feature["properties"]["code"])
        feature["properties"].update(labels[code], colour=colour_by_code[code])
    geojson = {"type": "FeatureCollection", "features": features}
    return pdk.Layer(
        "GeoJsonLayer",
        data=geojson,
        get_fill_color="properties.colour",
        # outlines in metres do not draw on a flat (non-geographic) view; pixels do
        get_line_color=[255, 255, 255],
        line_width_units="pixels",
        get_line_width=1,
        pickable=True,
        opacity=0.45,
    )


def deck(layers: list[pdk.Layer], points: pd.DataFrame, tooltip: str) -> pdk.Deck:
    """The layers on a flat view centred on the points; no base map."""
    points = points.dropna(subset=["lat", "lon"])
    centre = [float(points.lon.mean()), float(points.lat.mean()), 0]
    return pdk.Deck(
        layers=layers,
        views=[pdk.View(type="OrthographicView", controller=True, flipY=False)],
        initial_view_state=pdk.ViewState(target=centre, zoom=ZOOM),
        map_style=None,
        map_provider=None,
        tooltip={"html": tooltip, "style": {"fontSize": "13px"}},
    )


def legend(items: dict[str, tuple[int, ...] | list[int]], note: str = "") -> str:
    """HTML for a legend: a coloured square and a label per item (no external resource)."""
    swatches = "".join(
        f'<span style="display:inline-block;margin:0 14px 4px 0;white-space:nowrap">'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:6px;'
        f'background:{rgb_hex(colour)}"></span>{label}</span>'
        for label, colour in items.items()
    )
    return f'<div style="font-size:0.85rem">{swatches}{f"<br/>{note}" if note else ""}</div>'
