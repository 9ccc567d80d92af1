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

from core.charts import esc
from core.paths import GEO_DIR
from core.schema import CENTRAL_ASIA

# What the maps show: Central Asia, Afghanistan and their neighbours' edges (lon/lat).
VIEW_BOUNDS = (44.0, 28.0, 90.0, 56.5)
# Land drawn around it, so that a full-width map on a wide screen has no blank margins.
LAND_BOUNDS = (26.0, 18.0, 106.0, 62.0)
CENTRE, ZOOM = (41.0, 66.0), 3.5
SIMPLIFY_DEGREES = {"countries": 0.03, "admin1": 0.01}

# RGBA colours (Okabe-Ito) and the words the legend uses for them.
SHADE = [230, 159, 0, 150]  # orange: hotspot district or province, shaded
OUTLINE_ONLY = [0, 114, 178, 255]  # blue line: region outlined only (the hotspot is a point in it)
POINT = [213, 94, 0, 255]  # vermillion: places as points (opaque: 3.3:1 on the land, WCAG 1.4.11)
POINT_VAGUE = [110, 110, 110, 220]  # grey ring: region or country, indicative point only (3.4:1 on the land)
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


# Stands in for the country outlines' GeoJSON in a deck until it is serialised: the outlines are the
# same on every map, so their JSON is built once per process (_base_geojson_json) and spliced in.
_BASE_DATA = "__country_outlines__"


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by default, which triples the bytes sent.
    The country outlines (base_layer) are spliced in as JSON made once per process: serialising them
    through pydeck for every new deck cost about 40 ms."""

    def to_json(self) -> str:
        text = json.dumps(json.loads(super().to_json()), separators=(",", ":"))
        return text.replace(json.dumps(_BASE_DATA), _base_geojson_json())


@lru_cache(maxsize=1)
def _countries() -> gpd.GeoDataFrame:
    g = gpd.clip(gpd.read_file(GEO_DIR / "countries.geojson"), box(*LAND_BOUNDS))
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


@lru_cache(maxsize=1)
def _base_geojson_json() -> str:
    """The country outlines as compact GeoJSON text, rounded once per process (the boundary files
    do not change while the server runs)."""
    countries = _countries()[["iso_a3", "name", "geometry"]]
    return json.dumps(_rounded(countries.__geo_interface__), separators=(",", ":"))


def base_layer() -> pdk.Layer:
    """The land and country borders under every map. Its data is a placeholder that
    CompactDeck.to_json replaces with the outlines' GeoJSON (use it only in a CompactDeck)."""
    return pdk.Layer(
        "GeoJsonLayer", id="countries", data=_BASE_DATA, stroked=True, filled=True,
        get_fill_color=LAND, get_line_color=BORDER, line_width_min_pixels=1, pickable=False,
    )


def country_label_points() -> pd.DataFrame:
    """Where each country's name goes: a point inside the country (name, lon, lat)."""
    c = _countries()
    pts = c.geometry.representative_point()
    return pd.DataFrame({"name": c["name"], "lon": pts.x.round(2), "lat": pts.y.round(2)})


def central_asia_names() -> tuple[str, ...]:
    c = _countries()
    return tuple(c.loc[c["iso_a3"].isin(CENTRAL_ASIA), "name"])


def country_labels(placed: pd.DataFrame | None = None) -> pdk.Layer:
    """Country names in grey; `placed` (from place_labels) keeps only those that do not collide."""
    data = country_label_points().assign(offset=[[0, 0]] * len(_countries())) if placed is None else placed
    return pdk.Layer("TextLayer", id="country-names", data=data[["name", "lon", "lat", "offset"]],
                     get_position="[lon, lat]", get_text="name", get_size=COUNTRY_LABEL_SIZE,
                     get_color=[110, 110, 110, 255], get_pixel_offset="offset", font_family=FONT_FAMILY, pickable=False)


# --- Label placement ------------------------------------------------------------------------------
# Labels are placed once, for the initial view, in screen pixels of deck.gl's Web Mercator (a 512-px
# world at zoom 0). Pixel distances between points do not depend on the size of the map, so the
# same placement holds at any width. Text widths are estimated generously (no font metrics here).

PLACE_LABEL_SIZE, COUNTRY_LABEL_SIZE = 14, 13
_CHAR_WIDTH = {True: 0.56, False: 0.52}  # share of the font size per character (bold, regular): Helvetica measures
# about 0.46 and 0.44 in chromium, so boxes are a little wider than the text
_LINE_HEIGHT = 1.3
MERCATOR_LAT = 85.05  # Web Mercator's edge: latitudes beyond it have no place on the map
_GAP = 10  # pixels between a point and its label


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Screen pixels of a lon/lat in deck.gl's Web Mercator world at this zoom."""
    world = 512 * 2**zoom
    lat = min(max(lat, -MERCATOR_LAT), MERCATOR_LAT)  # a latitude out of range (a data fault) must not stop the map
    x = (lon + 180) / 360 * world
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * world
    return x, y


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The lon/lat at these screen pixels (the inverse of project)."""
    world = 512 * 2**zoom
    lon = x / world * 360 - 180
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / world))) - math.pi / 2)
    return lon, lat


def label_box(text: str, lon: float, lat: float, offset: tuple[float, float], zoom: float, size: int,
              bold: bool = False) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a centred text label shifted by `offset` pixels."""
    x, y = project(lon, lat, zoom)
    half_w = len(str(text)) * size * _CHAR_WIDTH[bold] / 2 + 2
    half_h = size * _LINE_HEIGHT / 2
    cx, cy = x + offset[0], y + offset[1]
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(text: str, size: int, bold: bool) -> list[tuple[float, float]]:
    """Offsets to try, nearest first: above, below, right, left, then further above and below."""
    half_w = len(str(text)) * size * _CHAR_WIDTH[bold] / 2 + _GAP
    step = size * _LINE_HEIGHT
    return [(0, -step), (0, step), (half_w, 0), (-half_w, 0), (0, -2 * step), (0, 2 * step),
            (half_w, -step), (-half_w, step), (half_w, step), (-half_w, -step), (0, -3 * step), (0, 3 * step)]


def place_labels(places: pd.DataFrame, countries: pd.DataFrame, zoom: float,
                 first: tuple[str, ...] = (), markers: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Offsets so that no two labels overlap at the initial view.

    The countries named in `first` (the five Central Asian states: the reader's bearings) keep their
    place; then place names (bold) try positions around their point; then the other country names
    stay at their point, move a little (up, down, sideways), or are left out when place names are in
    the way; they also keep off the `markers` (lon, lat, radius in pixels). Returns both frames with `offset` and `box`; a place name that finds no room is left out
    (the tooltip and the table still name it).
    """
    placed: list[tuple] = []
    columns = ["name", "lon", "lat", "offset", "box"]

    dots = [] if markers is None else [
        ((lon, lat), (x - rad, y - rad, x + rad, y + rad))
        for lon, lat, rad in zip(markers["lon"], markers["lat"], markers["radius"]) for x, y in [project(lon, lat, zoom)]]

    def others(r) -> list:  # markers a label must keep off: all but its own point's
        return [b for (lon, lat), b in dots if abs(lon - r.lon) > 1e-6 or abs(lat - r.lat) > 1e-6]

    def put(rows: list, r, offsets, size: int, bold: bool, avoid: list) -> None:
        for offset in offsets:
            box_ = label_box(r.name, r.lon, r.lat, offset, zoom, size, bold)
            if not any(boxes_overlap(box_, p) for p in placed + avoid):
                placed.append(box_)
                rows.append({"name": r.name, "lon": r.lon, "lat": r.lat, "offset": [round(v) for v in offset], "box": box_})
                return

    def country_offsets(name: str) -> list[tuple[float, float]]:
        step = COUNTRY_LABEL_SIZE * _LINE_HEIGHT
        half_w = len(str(name)) * COUNTRY_LABEL_SIZE * _CHAR_WIDTH[False] / 2
        return [(0, 0), (0, -step), (0, step), (0, -2 * step), (0, 2 * step), (-half_w, 0), (half_w, 0),
                (-half_w, step), (-half_w, -step)]

    out_countries: list[dict] = []
    leading = countries[countries["name"].isin(first)]
    for r in leading.itertuples():
        put(out_countries, r, country_offsets(r.name), COUNTRY_LABEL_SIZE, False, others(r))
    out_places: list[dict] = []
    for r in places.itertuples():
        put(out_places, r, _candidates(r.name, PLACE_LABEL_SIZE, True), PLACE_LABEL_SIZE, True, others(r))
    for r in countries[~countries.index.isin(leading.index)].itertuples():
        put(out_countries, r, country_offsets(r.name), COUNTRY_LABEL_SIZE, False, others(r))
    return pd.DataFrame(out_places, columns=columns), pd.DataFrame(out_countries, columns=columns)


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


def marker_radius(rows: pd.Series) -> pd.Series:
    """Point size in pixels: grows with the number of curated rows about the place."""
    return 6 + rows.clip(upper=40) ** 0.5 * 3


def hotspot_view(parts: dict[str, pd.DataFrame], fit: bool) -> tuple[float, float, float]:
    """(lat, lon, zoom) of the hotspot map's initial view."""
    return fit_view([parts["shaded"], parts["outlined"], parts["points"]]) if fit else (CENTRE[0], CENTRE[1], ZOOM)


def hotspot_labels(parts: dict[str, pd.DataFrame], zoom: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(hotspot names, country names) placed so that none overlap at this zoom. A hotspot that is a
    whole country (Tajikistan, as ISIS-K's recruiting ground) is named by the country's own label."""
    countries = country_label_points()
    names = pd.concat([parts["shaded"], parts["outlined"]])[["name", "lat", "lon"]].drop_duplicates("name")
    # The map shows the country around a place: "Gorno-Badakhshan (Tajikistan)" is labelled "Gorno-Badakhshan".
    names["name"] = names["name"].str.replace(r"\s*\([^)]*\)$", "", regex=True)
    solid = parts["points"][~parts["points"]["geo_precision"].isin(["region", "country"])]  # rings are hollow: text may cross them
    markers = solid[["lon", "lat"]].assign(radius=marker_radius(solid["rows"]))
    return place_labels(names[~names["name"].isin(set(countries["name"]))], countries, zoom,
                        first=central_asia_names(), markers=markers)


def hotspot_deck(parts: dict[str, pd.DataFrame], selected: str | None = None, fit: bool = False) -> pdk.Deck:
    """Hotspot map: shaded districts/provinces, outlined regions, points sized by rows.
    With fit=True the view frames the places shown (a country filter), else the whole region."""
    shaded, outlined, points = parts["shaded"], parts["outlined"], parts["points"]
    lat, lon, zoom = hotspot_view(parts, fit)
    labels = dict(zip(shaded["boundary"], shaded["name"])) | {b: f"{n}: region outlined only" for b, n in zip(outlined["boundary"], outlined["name"])}
    shaded_shapes = boundary_shapes(list(shaded["boundary"]), labels)
    shaded_shapes["place_id"] = shaded_shapes["ref"].map(dict(zip(shaded["boundary"], shaded["place_id"])))
    shaded_shapes["name"] = shaded_shapes["place_id"].map(dict(zip(shaded["place_id"], shaded["name"])))
    shaded_shapes["precision_label"] = shaded_shapes["place_id"].map(dict(zip(shaded["place_id"], shaded["precision_label"])))
    shaded_shapes["rows"] = shaded_shapes["place_id"].map(dict(zip(shaded["place_id"], shaded["rows"])))
    outline_shapes = boundary_shapes(list(outlined["boundary"]), labels)
    # The Osh region around Aravan, outlined for context.
    context = boundary_shapes(["admin1:KG-O"], {"admin1:KG-O": "Osh region (context)"}) if "aravan" in set(shaded["place_id"]) else None
    hot_names, country_names = hotspot_labels(parts, zoom)
    layers = [base_layer()]
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
        pts["radius"] = marker_radius(pts["rows"])
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
    layers.append(country_labels(country_names))  # above the shaded areas and points, so it stays readable
    if not hot_names.empty:
        layers.append(pdk.Layer("TextLayer", id="hotspot-names", data=hot_names[["name", "lon", "lat", "offset"]],
                                get_position="[lon, lat]", get_text="name", get_size=PLACE_LABEL_SIZE,
                                get_color=[20, 20, 20, 255], get_pixel_offset="offset", font_family=FONT_FAMILY,
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


def incident_deck(incidents: pd.DataFrame, colours: dict[str, str]) -> pdk.Deck:
    """Incidents as points at their place; places known only to a region or country are hollow."""
    data = incidents.dropna(subset=["lat", "lon"]).copy()
    data["colour"] = data["category"].map(lambda c: _rgb(colours.get(c, "#555555")))
    data["vague"] = data["geo_precision"].isin(["region", "country"])
    data["when"] = data["date"].replace("", "date not stated")
    data = data[["incident_id", "summary", "when", "place", "kind", "lat", "lon", "colour", "vague"]]
    names = data[~data["vague"]].drop_duplicates("place")[["place", "lat", "lon"]].rename(columns={"place": "name"})
    names, countries = place_labels(names, country_label_points(), ZOOM - 0.3, first=central_asia_names())
    names = names[["name", "lon", "lat", "offset"]]
    layers = [
        base_layer(),
        country_labels(countries),
        pdk.Layer("ScatterplotLayer", id="incidents-vague", data=data[data["vague"]], get_position="[lon, lat]",
                  get_radius=11, radius_units='"pixels"', filled=False, stroked=True, get_line_color="colour",
                  line_width_min_pixels=2, pickable=True),
        pdk.Layer("ScatterplotLayer", id="incidents", data=data[~data["vague"]], get_position="[lon, lat]",
                  get_radius=7, radius_units='"pixels"', get_fill_color="colour", stroked=True,
                  get_line_color=[255, 255, 255, 255], line_width_min_pixels=1, pickable=True),
        pdk.Layer("TextLayer", id="incident-places", data=names, get_position="[lon, lat]", get_text="name",
                  get_size=PLACE_LABEL_SIZE, get_color=[40, 40, 40, 255], get_pixel_offset="offset",
                  font_family=FONT_FAMILY, font_weight='"bold"'),
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
    # The same label placement as the interactive map (at its zoom, which a 1280x720 slide matches):
    # each pixel offset becomes a shift in lon/lat, so no two names overlap on the slide either.
    place_names, country_names = hotspot_labels(parts, ZOOM)
    for frame, size, colour in ((country_names, 11, "#666"), (place_names, 13, "#111")):
        if frame.empty:
            continue
        shifted = [unproject(*(a + b for a, b in zip(project(lon, lat, ZOOM), offset)), ZOOM)
                   for lon, lat, offset in zip(frame["lon"], frame["lat"], frame["offset"])]
        traces.append(go.Scattergeo(lon=[x for x, _ in shifted], lat=[y for _, y in shifted], mode="text",
                                    text=[esc(n) for n in frame["name"]], textposition="middle center", showlegend=False,
                                    textfont=dict(size=size, color=colour), hoverinfo="skip"))
    west, south, east, north = VIEW_BOUNDS
    fig = go.Figure(traces)
    fig.update_geos(visible=False, projection_type="mercator", lonaxis_range=[west + 2, east - 2],
                    lataxis_range=[south + 1, north - 1], bgcolor="white")
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=560, template="plotly_white",
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), margin=dict(l=10, r=10, t=100, b=30))
    return fig


def hotspot_text_alternative(hot: pd.DataFrame, country_names: dict[str, str]) -> tuple[str, pd.DataFrame]:
    """What the hotspot map shows, for a screen reader: one sentence and the table behind it
    (place, country, waves, claims, documents), most-cited places first."""
    if hot.empty:
        return "The map shows no hotspot for these filters.", pd.DataFrame()
    table = (hot.groupby(["place_id", "name", "country_iso3"], sort=False)
             .agg(claims=("hotspot_id", "size"), waves=("wave", lambda w: "; ".join(dict.fromkeys(w))),
                  documents=("doc_id", lambda d: "; ".join(dict.fromkeys(d))), precision=("geo_precision", "first"))
             .reset_index().sort_values(["claims", "name"], ascending=[False, True], kind="stable"))
    table["country"] = table["country_iso3"].map(country_names).fillna(table["country_iso3"])
    places = "; ".join(f"{r.name} ({r.country}, {r.claims} claim{'s' if r.claims != 1 else ''})" for r in table.itertuples())
    sentence = (f"{len(hot)} hotspot claim{'s' if len(hot) != 1 else ''} in {len(table)} place"
                f"{'s' if len(table) != 1 else ''}: {places}.")
    columns = ["name", "country", "claims", "waves", "documents", "precision"]
    return sentence, table[columns].rename(columns={"name": "place"}).reset_index(drop=True)
