"""Map builders: our own boundaries as pydeck layers, no tile server (map_provider=None).

Geometry is clipped to the region the maps show and simplified once, so the map page sends
little data: the region's countries, the hotspot provinces, the Aravan outline.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from shapely.geometry import box
from shapely.geometry.polygon import orient

from core.paths import GEO_DIR

# What the maps show: Central Asia, Afghanistan and their neighbours' edges (lon/lat).
VIEW_BOUNDS = (44.0, 28.0, 90.0, 56.5)
CENTRE, ZOOM = (41.0, 66.0), 3.5
SIMPLIFY_DEGREES = {"countries": 0.03, "admin1": 0.01}

# RGBA colours (Okabe-Ito) and the words the legend uses for them.
SHADE = [230, 159, 0, 150]  # orange: hotspot district or province, shaded
OUTLINE_ONLY = [0, 114, 178, 255]  # blue line: region outlined only (the hotspot is a point in it)
POINT = [213, 94, 0, 220]  # vermillion: places as points
POINT_VAGUE = [120, 120, 120, 200]  # grey ring: region or country, indicative point only
LAND = [238, 238, 238, 255]
FONT_FAMILY = '"Helvetica, Arial, sans-serif"'
BORDER = [160, 160, 160, 255]

# Areas always drawn shaded when they are in places.csv: the hotspot brief names these three; other
# district- or province-level places are shaded only when a document calls them a hotspot.
SHADED_AREAS = ("aravan", "badakhshan_afg", "gorno_badakhshan")

PRECISION_LEGEND = [
    ("district", ":orange[■] district outline, shaded (Aravan)"),
    ("province", ":orange[■] province, shaded (Badakhshan, Gorno-Badakhshan)"),
    ("city", ":red[●] city or site: a point; its region, where drawn, is only :blue[outlined] (Satpaev)"),
    ("region", ":gray[○] region or country: an indicative point, not a location"),
]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by default, which triples the bytes sent."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


@lru_cache(maxsize=1)
def _countries() -> gpd.GeoDataFrame:
    g = gpd.clip(gpd.read_file(GEO_DIR / "countries.geojson"), box(*VIEW_BOUNDS))
    g["geometry"] = g.geometry.simplify(SIMPLIFY_DEGREES["countries"], preserve_topology=True)
    return g[g.geometry.notna() & ~g.geometry.is_empty].reset_index(drop=True)


@lru_cache(maxsize=1)
def _admin1() -> gpd.GeoDataFrame:
    g = gpd.read_file(GEO_DIR / "admin1.geojson")
    g["geometry"] = g.geometry.simplify(SIMPLIFY_DEGREES["admin1"], preserve_topology=True)
    return g


@lru_cache(maxsize=1)
def _aravan() -> gpd.GeoDataFrame:
    return gpd.read_file(GEO_DIR / "aravan_district.geojson")


def _rounded(geojson: dict, digits: int = 3) -> dict:
    """Round coordinates (about 100 m) to keep the payload small."""

    def walk(x):
        if isinstance(x, float):
            return round(x, digits)
        if isinstance(x, (list, tuple)):
            return [walk(v) for v in x]
        return x

    for feature in geojson["features"]:
        feature["geometry"]["coordinates"] = walk(feature["geometry"]["coordinates"])
        feature.pop("bbox", None)
    geojson.pop("bbox", None)
    return geojson


def boundary_shapes(boundaries: list[str], labels: dict[str, str]) -> gpd.GeoDataFrame:
    """Polygons for boundary references ('aravan_district', 'admin1:AF-BDS', 'country:KAZ')."""
    parts = []
    for ref in dict.fromkeys(boundaries):
        if ref == "aravan_district":
            g = _aravan()[["geometry"]].copy()
        elif ref.startswith("admin1:"):
            a = _admin1()
            g = a[a["iso_3166_2"] == ref.split(":", 1)[1]][["geometry"]].copy()
        elif ref.startswith("country:"):
            c = _countries()
            g = c[c["iso_a3"] == ref.split(":", 1)[1]][["geometry"]].copy()
        else:
            continue
        g["ref"] = ref
        g["label"] = labels.get(ref, ref)
        parts.append(g)
    if not parts:
        return gpd.GeoDataFrame({"ref": [], "label": []}, geometry=[], crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")


def base_layer() -> pdk.Layer:
    countries = _countries()[["iso_a3", "name", "geometry"]]
    return pdk.Layer(
        "GeoJsonLayer", id="countries", data=_rounded(countries.__geo_interface__), stroked=True, filled=True,
        get_fill_color=LAND, get_line_color=BORDER, line_width_min_pixels=1, pickable=False,
    )


def country_labels() -> pdk.Layer:
    c = _countries()
    pts = c.geometry.representative_point()
    data = pd.DataFrame({"name": c["name"], "lon": pts.x.round(2), "lat": pts.y.round(2)})
    return pdk.Layer("TextLayer", id="country-names", data=data, get_position="[lon, lat]", get_text="name",
                     get_size=13, get_color=[110, 110, 110, 255], font_family=FONT_FAMILY, pickable=False)


def hotspot_map_data(places: pd.DataFrame, hotspots: pd.DataFrame, row_counts: pd.Series) -> dict[str, pd.DataFrame]:
    """Split places into shaded areas, outlined regions and points, with what the tooltip says."""
    hot_places = set(hotspots["place_id"])
    p = places.copy()
    p["rows"] = p["place_id"].map(row_counts).fillna(0).astype(int)
    p["hotspot"] = p["place_id"].isin(hot_places)
    p["precision_label"] = p["geo_precision"].map(
        {"district": "district (outline)", "province": "province (shaded)", "city": "city (point)",
         "exact": "site (point)", "region": "region (indicative point)", "country": "country (indicative point)"}
    )
    area = p["geo_precision"].isin(["district", "province"]) & (p["boundary"] != "")
    shaded = p[area & (p["hotspot"] | p["place_id"].isin(SHADED_AREAS))]
    outlined = p[p["hotspot"] & ~area & (p["boundary"] != "")]
    points = p[(p["rows"] > 0) & ~p["place_id"].isin(shaded["place_id"])]
    return {"shaded": shaded, "outlined": outlined, "points": points}


def fit_view(frames: list[pd.DataFrame]) -> tuple[float, float, float]:
    """(lat, lon, zoom) that frames the given places; the whole region when there are none."""
    frames = [f[["lat", "lon"]] for f in frames if not f.empty]
    pts = pd.concat(frames).dropna() if frames else pd.DataFrame()
    if pts.empty:
        return CENTRE[0], CENTRE[1], ZOOM
    extent = max(pts["lon"].max() - pts["lon"].min(), (pts["lat"].max() - pts["lat"].min()) * 1.5, 1.0)
    zoom = float(min(max(math.log2(360 / extent) - 0.2, ZOOM), 7.0))
    return float(pts["lat"].mean()), float(pts["lon"].mean()), round(zoom, 2)


def hotspot_deck(parts: dict[str, pd.DataFrame], selected: str | None = None, fit: bool = False) -> pdk.Deck:
    """Hotspot map: shaded districts/provinces, outlined regions, points sized by rows.
    With fit=True the view frames the places shown (a country filter), else the whole region."""
    shaded, outlined, points = parts["shaded"], parts["outlined"], parts["points"]
    lat, lon, zoom = fit_view([shaded, outlined, points]) if fit else (CENTRE[0], CENTRE[1], ZOOM)
    labels = dict(zip(shaded["boundary"], shaded["name"])) | {b: f"{n}: region outlined only" for b, n in zip(outlined["boundary"], outlined["name"])}
    shaded_shapes = boundary_shapes(list(shaded["boundary"]), labels)
    shaded_shapes["place_id"] = shaded_shapes["ref"].map(dict(zip(shaded["boundary"], shaded["place_id"])))
    shaded_shapes["name"] = shaded_shapes["place_id"].map(dict(zip(shaded["place_id"], shaded["name"])))
    shaded_shapes["precision_label"] = shaded_shapes["place_id"].map(dict(zip(shaded["place_id"], shaded["precision_label"])))
    shaded_shapes["rows"] = shaded_shapes["place_id"].map(dict(zip(shaded["place_id"], shaded["rows"])))
    outline_shapes = boundary_shapes(list(outlined["boundary"]), labels)
    # The Osh region around Aravan, outlined for context.
    context = boundary_shapes(["admin1:KG-O"], {"admin1:KG-O": "Osh region (context)"}) if "aravan" in set(shaded["place_id"]) else None
    layers = [base_layer(), country_labels()]
    if context is not None and not context.empty:
        layers.append(pdk.Layer("GeoJsonLayer", id="context", data=_rounded(context.__geo_interface__), stroked=True,
                                filled=False, get_line_color=[90, 90, 90, 200], line_width_min_pixels=1))
    if not shaded_shapes.empty:
        layers.append(pdk.Layer("GeoJsonLayer", id="shaded", data=_rounded(shaded_shapes.__geo_interface__), stroked=True,
                                filled=True, get_fill_color=SHADE, get_line_color=[160, 90, 0, 255],
                                line_width_min_pixels=2, pickable=True))
    if not outline_shapes.empty:
        layers.append(pdk.Layer("GeoJsonLayer", id="outlined", data=_rounded(outline_shapes.__geo_interface__), stroked=True,
                                filled=False, get_line_color=OUTLINE_ONLY, line_width_min_pixels=2, pickable=False))
    if not points.empty:
        pts = points[["place_id", "name", "precision_label", "rows", "lat", "lon", "geo_precision"]].copy()
        pts["radius"] = 6 + pts["rows"].clip(upper=40) ** 0.5 * 3
        pts["vague"] = pts["geo_precision"].isin(["region", "country"])
        pts["selected"] = pts["place_id"] == selected
        precise, vague = pts[~pts["vague"]], pts[pts["vague"]]
        layers.append(pdk.Layer("ScatterplotLayer", id="vague-points", data=vague, get_position="[lon, lat]",
                                get_radius="radius", radius_units='"pixels"', filled=False, stroked=True,
                                get_line_color=POINT_VAGUE, line_width_min_pixels=2, pickable=True))
        layers.append(pdk.Layer("ScatterplotLayer", id="points", data=precise, get_position="[lon, lat]",
                                get_radius="radius", radius_units='"pixels"', get_fill_color=POINT,
                                get_line_color=[255, 255, 255, 255], stroked=True, line_width_min_pixels=1,
                                pickable=True))
        hot_pts = pd.concat([shaded, outlined])[["name", "lat", "lon"]].drop_duplicates("name").copy()
        hot_pts["offset"] = _label_offsets(hot_pts, ZOOM)
        layers.append(pdk.Layer("TextLayer", id="hotspot-names", data=hot_pts, get_position="[lon, lat]",
                                get_text="name", get_size=14, get_color=[20, 20, 20, 255], get_pixel_offset="offset", font_family=FONT_FAMILY,
                                font_weight='"bold"', pickable=False))
    return CompactDeck(
        layers=layers, map_provider=None, initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
        tooltip={"text": "{name}\n{precision_label}\n{rows} curated rows" if not points.empty else "{label}"},
    )


def split_by_view(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points inside the mapped region, points outside it): the map draws only what it can place."""
    west, south, east, north = VIEW_BOUNDS
    inside = points["lon"].between(west, east) & points["lat"].between(south, north)
    return points[inside], points[~inside]


def _label_offsets(points: pd.DataFrame, zoom: float, size: int = 14) -> list[list[int]]:
    """Pixel offsets that keep labels from overlapping (greedy, in approximate screen space)."""
    scale = 256 * 2**zoom / 360
    placed: list[tuple[float, float, float, float]] = []
    offsets = []
    for lon, lat, text in zip(points["lon"], points["lat"], points["name"]):
        x = lon * scale
        y = -lat * scale * 1.25  # rough Mercator stretch at these latitudes
        width = 0.55 * size * len(str(text))
        dy = -18
        for _ in range(12):
            box_ = (x - width / 2, y + dy - size / 2, x + width / 2, y + dy + size / 2)
            if not any(b[0] < box_[2] and box_[0] < b[2] and b[1] < box_[3] and box_[1] < b[3] for b in placed):
                break
            dy += size + 2 if dy > 0 else -(size + 2)
            dy = -dy if abs(dy) > 60 else dy
        placed.append(box_)
        offsets.append([0, int(dy)])
    return offsets


def incident_deck(incidents: pd.DataFrame, colours: dict[str, str]) -> pdk.Deck:
    """Incidents as points at their place; places known only to a region or country are hollow."""
    data = incidents.dropna(subset=["lat", "lon"]).copy()
    data["colour"] = data["category"].map(lambda c: _rgb(colours.get(c, "#555555")))
    data["vague"] = data["geo_precision"].isin(["region", "country"])
    data["when"] = data["date"].replace("", "date not stated")
    data = data[["incident_id", "summary", "when", "place", "kind", "lat", "lon", "colour", "vague"]]
    names = data[~data["vague"]].drop_duplicates("place")[["place", "lat", "lon"]].rename(columns={"place": "name"})
    names["offset"] = _label_offsets(names, ZOOM - 0.3, size=12)
    layers = [
        base_layer(),
        country_labels(),
        pdk.Layer("ScatterplotLayer", id="incidents-vague", data=data[data["vague"]], get_position="[lon, lat]",
                  get_radius=11, radius_units='"pixels"', filled=False, stroked=True, get_line_color="colour",
                  line_width_min_pixels=2, pickable=True),
        pdk.Layer("ScatterplotLayer", id="incidents", data=data[~data["vague"]], get_position="[lon, lat]",
                  get_radius=7, radius_units='"pixels"', get_fill_color="colour", stroked=True,
                  get_line_color=[255, 255, 255, 255], line_width_min_pixels=1, pickable=True),
        pdk.Layer("TextLayer", id="incident-places", data=names, get_position="[lon, lat]", get_text="name",
                  get_size=12, get_color=[40, 40, 40, 255], get_pixel_offset="offset", font_family=FONT_FAMILY),
    ]
    return CompactDeck(
        layers=layers, map_provider=None,
        initial_view_state=pdk.ViewState(latitude=CENTRE[0], longitude=CENTRE[1], zoom=ZOOM - 0.3),
        tooltip={"text": "{summary}\n{when} · {place} · {kind}"},
    )


def _rgb(hex_colour: str) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i: i + 2], 16) for i in (0, 2, 4)] + [220]


# Static maps for exports: the same layers drawn as plotly Scattergeo polygons and points (SVG,
# no WebGL, no topojson, no tiles), so they render offline in kaleido and stay vector in SVG.

def _rings(geometry) -> tuple[list, list]:
    """Exterior rings of a (multi)polygon as lon/lat lists separated by None."""
    lons, lats = [], []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        # d3-geo (plotly's geo maps) fills the inside of clockwise rings; GeoJSON rings run the other way.
        xs, ys = orient(polygon, sign=-1.0).exterior.coords.xy
        lons += [round(x, 3) for x in xs] + [None]
        lats += [round(y, 3) for y in ys] + [None]
    return lons, lats


def _area(shapes: gpd.GeoDataFrame, name: str, fill: str, line: str, width: float, legend: bool) -> list[go.Scattergeo]:
    traces = []
    for i, (label, geometry) in enumerate(zip(shapes["label"], shapes.geometry)):
        lons, lats = _rings(geometry)
        traces.append(go.Scattergeo(lon=lons, lat=lats, mode="lines", fill="toself", fillcolor=fill,
                                    line=dict(color=line, width=width), name=name, legendgroup=name,
                                    showlegend=legend and i == 0, hovertext=label, hoverinfo="text"))
    return traces


def _rgba(colour: list[int]) -> str:
    r, g, b, a = colour
    return f"rgba({r},{g},{b},{a / 255:.2f})"


def _spread_positions(labels: pd.DataFrame, near: float = 4.0) -> list[str]:
    """Text positions that push neighbouring labels apart (different sides of their points)."""
    sides = ["top center", "bottom center", "middle right", "middle left", "top right", "bottom left"]
    taken: list[tuple[float, float, str]] = []
    out = []
    for lon, lat in zip(labels["lon"], labels["lat"]):
        used = {side for x, y, side in taken if abs(x - lon) < near and abs(y - lat) < near}
        side = next((s for s in sides if s not in used), sides[0])
        taken.append((lon, lat, side))
        out.append(side)
    return out


def static_hotspot_figure(parts: dict[str, pd.DataFrame], title: str) -> go.Figure:
    """The hotspot map for slides: shaded areas, outlined regions, points, names and a legend."""
    shaded, outlined, points = parts["shaded"], parts["outlined"], parts["points"]
    countries = _countries().assign(label=lambda g: g["name"])
    traces = _area(countries, "countries", _rgba(LAND), _rgba(BORDER), 0.8, legend=False)
    if not shaded.empty:
        shapes = boundary_shapes(list(shaded["boundary"]), dict(zip(shaded["boundary"], shaded["name"])))
        traces += _area(shapes, "district or province (shaded)", _rgba(SHADE), "rgb(160,90,0)", 1.5, legend=True)
    if not outlined.empty:
        shapes = boundary_shapes(list(outlined["boundary"]), dict(zip(outlined["boundary"], outlined["name"])))
        traces += [t.update(fill="none") for t in
                   _area(shapes, "region around a point (outlined only)", "rgba(0,0,0,0)", _rgba(OUTLINE_ONLY), 2, legend=True)]
    precise = points[~points["geo_precision"].isin(["region", "country"])]
    vague = points[points["geo_precision"].isin(["region", "country"])]
    for frame, name, colour, symbol in ((precise, "city or site (size: curated rows)", _rgba(POINT), "circle"),
                                        (vague, "region or country (indicative point)", _rgba(POINT_VAGUE), "circle-open")):
        if not frame.empty:
            traces.append(go.Scattergeo(lon=frame["lon"], lat=frame["lat"], mode="markers", name=name,
                                        marker=dict(size=7 + frame["rows"].clip(upper=40) ** 0.5 * 2.2, color=colour,
                                                    symbol=symbol, line=dict(width=1.5, color=colour)),
                                        hovertext=frame["name"], hoverinfo="text"))
    labels = pd.concat([shaded, outlined])[["name", "lat", "lon"]].drop_duplicates("name")
    if not labels.empty:
        traces.append(go.Scattergeo(lon=labels["lon"], lat=labels["lat"], mode="text", text=labels["name"],
                                    textposition=_spread_positions(labels), textfont=dict(size=13, color="#111"),
                                    showlegend=False, hoverinfo="skip"))
    c = _countries()
    pts = c.geometry.representative_point()
    traces.append(go.Scattergeo(lon=pts.x, lat=pts.y, mode="text", text=c["name"], showlegend=False,
                                textfont=dict(size=11, color="#777"), hoverinfo="skip"))
    west, south, east, north = VIEW_BOUNDS
    fig = go.Figure(traces)
    fig.update_geos(visible=False, projection_type="mercator", lonaxis_range=[west + 2, east - 2],
                    lataxis_range=[south + 1, north - 1], bgcolor="white")
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=560, template="plotly_white",
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), margin=dict(l=10, r=10, t=100, b=30))
    return fig
