"""Offline maps: pydeck layers on the areas' own coordinates, with no base map (no tiles to fetch),
and the map page's three maps (attainment, incidents, model coverage) built from the marts' rows."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pydeck as pdk

from data_pipeline.formatting import fmt_int, fmt_pct
from data_pipeline.reference import vocabularies
from data_pipeline.reference.programme import AREA_LEVELS
from data_pipeline.reference.units import NEW_PREFIX
from data_pipeline.warehouse import compstat, statuses
from data_pipeline.warehouse.statuses import REGISTRY_LABEL
from ui import layout
from ui.incidents import FLAG_MARKS

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
TOOLTIP = "<b>{unit_name}</b><br/>{tile}<br/>{detail}"


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


def boundaries_layer(path: Path, colour_by_code: dict[str, list[int]], labels: dict[str, dict]) -> pdk.Layer | None:
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


@dataclass(frozen=True)
class MapFigure:
    """One map as the page draws it: its title and legend, the marks (one row per area with
    unit_name, tile, detail, area_code, lat, lon), their colours, and the layers over them."""

    title: str
    legend: str
    shown: pd.DataFrame
    colour: pd.Series
    layers: list[pdk.Layer]


def attainment_map(attainment: pd.DataFrame, indicator: str, view: str) -> MapFigure:
    """One target's rate per area of a view (Warehouse.attainment's rows), coloured by rate ÷ goal
    or trajectory."""
    names = dict(zip(attainment.indicator_code, attainment.indicator_name, strict=False))
    # an agency reports for itself, not for a territory: it has no place on the map
    rows = attainment[(attainment.indicator_code == indicator) & attainment.unit_level.isin(AREA_LEVELS)]
    shown = rows.assign(area_code=rows.unit_code, tile=rows.rate.map(fmt_pct), detail=rows.status)
    colour = rows.progress.map(share_colour)
    return MapFigure(
        title=f"Chỉ tiêu {indicator}: {names[indicator]} — {rows.period_label.iloc[0] if len(rows) else ''}",
        legend=legend(
            {"0 %": RED, "50 %": YELLOW, "100 % mục tiêu/lộ trình": GREEN, statuses.NO_DATA: GREY},
            f"Mỗi vòng tròn: một {layout.area_label(view).lower()}, màu theo tỉ lệ ÷ mục tiêu hoặc lộ trình.",
        ),
        shown=shown,
        colour=colour,
        layers=[circles(shown, pd.Series(1800, index=rows.index), colour)],
    )


def incident_map(
    communes: pd.DataFrame,
    districts: pd.DataFrame,
    chosen: compstat.Window,
    before: compstat.Window | str,
    by_flag: bool,
) -> MapFigure:
    """Cases per present-day commune (circles, coloured by their flag or commonest category) and
    per former district (columns), from the flagged comparisons by area of each view."""
    compared = isinstance(before, compstat.Window)
    rows, districts = communes[communes.cases > 0], districts[districts.cases > 0]
    shown = rows.assign(
        area_code=rows.key,
        unit_name=rows.name,
        tile=rows.cases.map(lambda c: f"{fmt_int(c)} vụ ({chosen.label})"),
        detail=[(f"cùng kỳ: {fmt_int(p)} vụ · {FLAG_MARKS[g]} · " if compared else "") + f"nhiều nhất: {t}" for p, g, t in zip(rows.previous_cases, rows.flag, rows.top_category, strict=True)],
    )  # fmt: skip
    palette = {
        c["name"]: CATEGORY_PALETTE[i % 12] for i, c in enumerate(vocabularies.incident_vocabulary()["categories"])
    }
    colours = FLAG_RGB if by_flag else palette
    colour = (rows.flag if by_flag else rows.top_category).map(lambda k: [*colours.get(k, GREY), 200])
    top = max(districts.cases.max(), 1) if len(districts) else 1
    bars = districts.assign(
        unit_name=districts.name,
        tile=districts.cases.map(lambda c: f"{fmt_int(c)} vụ (cả huyện cũ)"),
        detail=districts.flag.map(FLAG_MARKS) if compared else "nhiều nhất: " + districts.top_category,
    )
    used = set(rows.flag if by_flag else rows.top_category)
    return MapFigure(
        title=f"Vụ việc {chosen.label}: xã, phường (vòng tròn) và huyện cũ (cột)",
        legend=legend(
            {k: v for k, v in colours.items() if k in used} | {"cột: tổng số vụ của huyện cũ": COLUMN_RGB},
            "Vòng tròn: mỗi xã, phường hiện nay (vụ việc trước 1/7/2025 được chuyển về xã mới), diện tích tỉ lệ số vụ.",
        ),
        shown=shown,
        colour=colour,
        layers=[columns(bars, bars.cases / top * 0.22), circles(shown, rows.cases.pow(0.5) * 1100, colour)],
    )


def coverage_map(coverage: pd.DataFrame, members: pd.DataFrame, indicator: str) -> MapFigure:
    """The registry's coverage of one kind of unit per area (Warehouse.model_coverage), sized by
    the members of active models there (Warehouse.model_breakdown_by_area)."""
    names = dict(zip(coverage.indicator_code, coverage.indicator_name, strict=False))
    rows = coverage[(coverage.indicator_code == indicator) & coverage.unit_level.isin(AREA_LEVELS)]
    rows = rows.merge(members, how="left", left_on="unit_code", right_on="area_code").fillna({"active_members": 0})
    shown = rows.assign(
        tile=[f"{w}/{u} có mô hình ({fmt_pct(c)})" for w, u, c in zip(rows.units_with_model, rows.units, rows.coverage, strict=True)],
        detail=rows.active_members.map(lambda m: f"{fmt_int(m)} thành viên mô hình đang hoạt động"),
        area_code=rows.unit_code,
    )  # fmt: skip
    colour = (rows.coverage / rows.goal).map(share_colour)
    goal = fmt_pct(rows.goal.iloc[0], 0) if len(rows) else "–"
    return MapFigure(
        title=f"Độ phủ mô hình {REGISTRY_LABEL.lower()}: {names[indicator]} (mục tiêu {goal})",
        legend=legend(
            {"chưa có mô hình": RED, "một nửa": YELLOW, "đủ mục tiêu": GREEN},
            "Màu: số đơn vị có mô hình ÷ mục tiêu; diện tích tỉ lệ số thành viên các mô hình đang hoạt động.",
        ),
        shown=shown,
        colour=colour,
        layers=[circles(shown, rows.active_members.pow(0.5) * 12 + 600, colour)],
    )


def with_boundaries(figure: MapFigure, boundaries: str | None) -> list[pdk.Layer]:
    """The map's layers over a choropleth of the areas shown, when the programme has a boundary
    file (GeoJSON) that holds some of them; the layers alone otherwise."""
    if not boundaries or not Path(boundaries).is_file():
        return figure.layers
    codes = figure.shown.area_code.str.removeprefix(NEW_PREFIX)
    colour_of = dict(zip(codes, figure.colour, strict=True))
    labels = figure.shown.set_index(codes)[["unit_name", "tile", "detail"]]
    choropleth = boundaries_layer(Path(boundaries), colour_of, labels.to_dict("index"))
    return [choropleth, *figure.layers] if choropleth else figure.layers
