"""Map builders: our own boundaries as pydeck layers, no tile server (map_provider=None).

Geometry is clipped to the region the maps show and simplified once, so the map page sends
little data: the region's countries, the hotspot provinces, the Aravan outline.
"""

from __future__ import annotations

import copy
import json
import math
import re
from functools import lru_cache
from itertools import chain, count

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import box
from shapely.geometry.polygon import orient

from core.render.charts import esc
from core.data.paths import GEO_DIR
from core.analysis.query import rows_where
from core.data.schema import CENTRAL_ASIA

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


# Stand in for GeoJSON in a deck until it is serialised: the country outlines (the same on every map)
# and each boundary shape (the same whenever a map draws it) are turned into JSON once per process
# and spliced in by CompactDeck.to_json.
_BASE_DATA = "__country_outlines__"
_SHAPE_KEY = re.compile(r'"__shape_(\d+)__"')
_SHAPE_JSON: dict[int, str] = {}  # rounded GeoJSON geometry of each shape key, in the deck's compact form
_SHAPE_IDS = count()  # next() is atomic: sessions run in threads


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by default, which triples the bytes sent.
    The country outlines (base_layer) and boundary shapes (_features) are spliced in as JSON made once
    per process: serialising them through pydeck for every new deck cost tens of milliseconds."""

    def to_json(self) -> str:
        text = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        text = _SHAPE_KEY.sub(lambda m: _SHAPE_JSON[int(m[1])], text)
        return text.replace(json.dumps(_BASE_DATA), _base_geojson_json())


@lru_cache(maxsize=1)
def _blank_deck() -> CompactDeck:
    return CompactDeck(map_provider=None)


def _deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict) -> CompactDeck:
    """CompactDeck(layers=layers, map_provider=None, initial_view_state=view, tooltip=tooltip), copied
    from a blank deck: pdk.Deck() tries five times to import Jupyter's widgets (about 1.5 ms a deck)."""
    deck = copy.copy(_blank_deck())
    deck.layers, deck.initial_view_state, deck._tooltip = layers, view, tooltip
    return deck


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


def _is_ref(ref: str) -> bool:
    return ref == "aravan_district" or ref.startswith(("admin1:", "country:"))


@lru_cache(maxsize=None)
def _shapes(ref: str) -> tuple[tuple[object, str], ...]:
    """(geometry, shape key) of each polygon of a boundary reference, looked up and made GeoJSON once
    per process: the boundary files do not change while the server runs."""
    if ref == "aravan_district":
        geometries = _aravan().geometry
    elif ref.startswith("admin1:"):
        a = _admin1()
        geometries = a.geometry[a["iso_3166_2"] == ref.split(":", 1)[1]]
    elif ref.startswith("country:"):
        c = _countries()
        geometries = c.geometry[c["iso_a3"] == ref.split(":", 1)[1]]
    else:
        return ()
    features = _rounded(gpd.GeoDataFrame(geometry=list(geometries), crs="EPSG:4326").__geo_interface__)["features"]
    out = []
    for geometry, feature in zip(geometries, features):
        n = next(_SHAPE_IDS)
        _SHAPE_JSON[n] = json.dumps(feature["geometry"], sort_keys=True, separators=(",", ":"))
        out.append((geometry, f"__shape_{n}__"))
    return tuple(out)


def boundary_shapes(boundaries: list[str], labels: dict[str, str]) -> gpd.GeoDataFrame:
    """Polygons for boundary references ('aravan_district', 'admin1:AF-BDS', 'country:KAZ')."""
    refs = [ref for ref in dict.fromkeys(boundaries) if _is_ref(ref)]
    if not refs:
        return gpd.GeoDataFrame({"ref": [], "label": []}, geometry=[], crs="EPSG:4326")
    rows = [(geometry, ref, labels.get(ref, ref)) for ref in refs for geometry, _ in _shapes(ref)]
    return gpd.GeoDataFrame({"geometry": gpd.GeoSeries([r[0] for r in rows], crs="EPSG:4326"),
                             "ref": pd.Series([r[1] for r in rows], dtype="str"),
                             "label": pd.Series([r[2] for r in rows], dtype="str")}, geometry="geometry")


def _features(refs, properties) -> dict:
    """boundary_shapes as a deck layer's GeoJSON, each geometry a shape key (see CompactDeck);
    `properties(ref)` gives what each feature says besides its ref."""
    features = [{"id": str(i), "type": "Feature", "properties": {"ref": ref, **properties(ref)}, "geometry": key}
                for i, (ref, key) in enumerate((ref, key) for ref in dict.fromkeys(refs) for _, key in _shapes(ref))]
    return {"type": "FeatureCollection", "features": features}


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


@lru_cache(maxsize=1)
def _country_points() -> tuple[tuple[str, float, float], ...]:
    """country_label_points as plain rows, worked out once for the maps built on every new filter."""
    c = country_label_points()
    return tuple(zip(c["name"].tolist(), c["lon"].tolist(), c["lat"].tolist()))


@lru_cache(maxsize=1)
def central_asia_names() -> tuple[str, ...]:
    c = _countries()
    return tuple(c.loc[c["iso_a3"].isin(CENTRAL_ASIA), "name"])


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows of a small frame as dicts, as pydeck would send them (without its per-layer pandas work)."""
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def _label_records(rows: list[dict]) -> list[dict]:
    return [{"name": r["name"], "lon": r["lon"], "lat": r["lat"], "offset": r["offset"]} for r in rows]


# A light halo around names (signed-distance-field text, so it can have an outline): a name may be
# drawn across a hollow ring or a boundary, and the halo keeps its letters readable there.
HALO = {"font_settings": {"sdf": True}, "outline_width": 3, "outline_color": [255, 255, 255, 230]}


def _country_names_layer(data: list[dict]) -> pdk.Layer:
    return pdk.Layer("TextLayer", id="country-names", data=data,
                     get_position="[lon, lat]", get_text="name", get_size=COUNTRY_LABEL_SIZE,
                     get_color=[110, 110, 110, 255], get_pixel_offset="offset", font_family=FONT_FAMILY, pickable=False,
                     **HALO)


def country_labels(placed: pd.DataFrame | None = None) -> pdk.Layer:
    """Country names in grey; `placed` (from place_labels) keeps only those that do not collide."""
    if placed is None:
        return _country_names_layer([{"name": n, "lon": lon, "lat": lat, "offset": [0, 0]}
                                     for n, lon, lat in _country_points()])
    return _country_names_layer(_records(placed, ["name", "lon", "lat", "offset"]))


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
_LABEL_COLUMNS = ["name", "lon", "lat", "offset", "box"]


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


def _box_at(x: float, y: float, text: str, offset: tuple[float, float], size: int,
            bold: bool) -> tuple[float, float, float, float]:
    half_w = len(str(text)) * size * _CHAR_WIDTH[bold] / 2 + 2
    half_h = size * _LINE_HEIGHT / 2
    cx, cy = x + offset[0], y + offset[1]
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


def label_box(text: str, lon: float, lat: float, offset: tuple[float, float], zoom: float, size: int,
              bold: bool = False) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a centred text label shifted by `offset` pixels."""
    return _box_at(*project(lon, lat, zoom), text, offset, size, bold)


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(text: str, size: int, bold: bool) -> list[tuple[float, float]]:
    """Offsets to try, nearest first: above, below, right, left, then further above and below."""
    half_w = len(str(text)) * size * _CHAR_WIDTH[bold] / 2 + _GAP
    step = size * _LINE_HEIGHT
    return [(0, -step), (0, step), (half_w, 0), (-half_w, 0), (0, -2 * step), (0, 2 * step),
            (half_w, -step), (-half_w, step), (half_w, step), (-half_w, -step), (0, -3 * step), (0, 3 * step)]


def _country_offsets(name: str) -> list[tuple[float, float]]:
    """A country name stays at its point, moves a little up, down or sideways."""
    step = COUNTRY_LABEL_SIZE * _LINE_HEIGHT
    half_w = len(str(name)) * COUNTRY_LABEL_SIZE * _CHAR_WIDTH[False] / 2
    return [(0, 0), (0, -step), (0, step), (0, -2 * step), (0, 2 * step), (-half_w, 0), (half_w, 0),
            (-half_w, step), (-half_w, -step)]


@lru_cache(maxsize=4096)
def _label_boxes(name: str, lon: float, lat: float, zoom: float, country: bool) -> tuple[tuple[tuple, tuple], ...]:
    """(rounded offset, box) of each position a label may take, nearest first: the same labels and
    zooms come back on every filter, so each is worked out once."""
    x, y = project(lon, lat, zoom)
    if country:
        offsets, size, bold = _country_offsets(name), COUNTRY_LABEL_SIZE, False
    else:
        offsets, size, bold = _candidates(name, PLACE_LABEL_SIZE, True), PLACE_LABEL_SIZE, True
    return tuple((tuple(round(v) for v in offset), _box_at(x, y, name, offset, size, bold)) for offset in offsets)


def _placed(places, countries, zoom: float, first: tuple[str, ...], markers) -> tuple[list[dict], list[dict]]:
    """place_labels on plain rows: places and countries as (name, lon, lat), markers as (lon, lat, radius)."""
    dots = [(lon, lat, (x - rad, y - rad, x + rad, y + rad))
            for lon, lat, rad in markers for x, y in [project(lon, lat, zoom)]]
    placed: list[tuple] = []

    def put(out: list, name, lon, lat, country: bool) -> None:
        # markers a label must keep off: all but its own point's
        avoid = [b for m_lon, m_lat, b in dots if abs(m_lon - lon) > 1e-6 or abs(m_lat - lat) > 1e-6]
        for offset, (left, top, right, bottom) in _label_boxes(name, lon, lat, zoom, country):
            if not any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in chain(placed, avoid)):
                placed.append((left, top, right, bottom))
                out.append({"name": name, "lon": lon, "lat": lat, "offset": list(offset), "box": (left, top, right, bottom)})
                return

    out_countries: list[dict] = []
    for name, lon, lat in countries:
        if name in first:
            put(out_countries, name, lon, lat, True)
    out_places: list[dict] = []
    for name, lon, lat in places:
        put(out_places, name, lon, lat, False)
    for name, lon, lat in countries:
        if name not in first:
            put(out_countries, name, lon, lat, True)
    return out_places, out_countries


def place_labels(places: pd.DataFrame, countries: pd.DataFrame, zoom: float,
                 first: tuple[str, ...] = (), markers: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Offsets so that no two labels overlap at the initial view.

    The countries named in `first` (the five Central Asian states: the reader's bearings) keep their
    place; then place names (bold) try positions around their point; then the other country names
    stay at their point, move a little (up, down, sideways), or are left out when place names are in
    the way; they also keep off the `markers` (lon, lat, radius in pixels). Returns both frames with `offset` and `box`; a place name that finds no room is left out
    (the tooltip and the table still name it).
    """
    def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
        return list(zip(*(frame[c].tolist() for c in columns)))

    out_places, out_countries = _placed(rows(places, ["name", "lon", "lat"]), rows(countries, ["name", "lon", "lat"]), zoom,
                                        first, [] if markers is None else rows(markers, ["lon", "lat", "radius"]))
    return pd.DataFrame(out_places, columns=_LABEL_COLUMNS), pd.DataFrame(out_countries, columns=_LABEL_COLUMNS)


_PRECISION_LABELS = {"district": "district (outline)", "province": "province (shaded)", "city": "city (point)",
                     "exact": "site (point)", "region": "region (indicative point)", "country": "country (indicative point)"}
_VAGUE = ("region", "country")  # precisions drawn as hollow rings: an indicative point only


def hotspot_map_data(places: pd.DataFrame, hotspots: pd.DataFrame, row_counts: pd.Series) -> dict[str, pd.DataFrame]:
    """Split places into shaded areas, outlined regions and points, with what the tooltip says.
    Worked out on plain lists: pandas operations on a few dozen rows cost milliseconds each filter."""
    hot_places = set(hotspots["place_id"].tolist())
    counts = row_counts.to_dict()
    ids, precision, boundary = (places[c].tolist() for c in ("place_id", "geo_precision", "boundary"))
    rows = [int(counts.get(i, 0)) for i in ids]
    hot = [i in hot_places for i in ids]
    labels = pd.array([_PRECISION_LABELS.get(g) for g in precision], dtype="str")
    p = pd.concat([places, pd.DataFrame({"rows": np.array(rows, dtype=int), "hotspot": np.array(hot, dtype=bool),
                                         "precision_label": labels}, index=places.index)], axis=1)
    area = [g in ("district", "province") and b != "" for g, b in zip(precision, boundary)]
    shaded = [a and (h or i in SHADED_AREAS) for a, h, i in zip(area, hot, ids)]
    outlined = [h and not a and b != "" for a, h, b in zip(area, hot, boundary)]
    shaded_ids = {i for i, s in zip(ids, shaded) if s}
    points = [r > 0 and i not in shaded_ids for r, i in zip(rows, ids)]
    return {"shaded": p[np.array(shaded, dtype=bool)], "outlined": p[np.array(outlined, dtype=bool)],
            "points": p[np.array(points, dtype=bool)]}


def _fit(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    if not points:
        return CENTRE[0], CENTRE[1], ZOOM
    lats, lons = np.array([p[0] for p in points], dtype=float), np.array([p[1] for p in points], dtype=float)
    extent = max(lons.max() - lons.min(), (lats.max() - lats.min()) * 1.5, 1.0)
    zoom = float(min(max(math.log2(360 / extent) - 0.2, ZOOM), 7.0))
    return float(lats.sum() / len(lats)), float(lons.sum() / len(lons)), round(zoom, 2)  # the mean as pandas takes it


def fit_view(frames: list[pd.DataFrame]) -> tuple[float, float, float]:
    """(lat, lon, zoom) that frames the given places; the whole region when there are none."""
    return _fit([(lat, lon) for f in frames if not f.empty for lat, lon in zip(f["lat"].tolist(), f["lon"].tolist())
                 if not (pd.isna(lat) or pd.isna(lon))])


def marker_radius(rows: int) -> float:
    """Point size in pixels: grows with the number of curated rows about the place."""
    return 6 + math.sqrt(min(rows, 40)) * 3


def hotspot_view(parts: dict[str, pd.DataFrame], fit: bool) -> tuple[float, float, float]:
    """(lat, lon, zoom) of the hotspot map's initial view."""
    return fit_view([parts["shaded"], parts["outlined"], parts["points"]]) if fit else (CENTRE[0], CENTRE[1], ZOOM)


_COUNTRY_SUFFIX = re.compile(r"\s*\([^)]*\)$")


def _hotspot_labels(parts: dict[str, pd.DataFrame], zoom: float) -> tuple[list[dict], list[dict]]:
    countries = _country_points()
    country_names = {name for name, _, _ in countries}
    names, seen = [], set()
    for frame in (parts["shaded"], parts["outlined"]):
        for name, lon, lat in zip(frame["name"].tolist(), frame["lon"].tolist(), frame["lat"].tolist()):
            if name in seen:
                continue
            seen.add(name)
            # The map shows the country around a place: "Gorno-Badakhshan (Tajikistan)" is labelled "Gorno-Badakhshan".
            short = _COUNTRY_SUFFIX.sub("", name) if isinstance(name, str) else name
            if short not in country_names:
                names.append((short, lon, lat))
    points = parts["points"]
    markers = [(lon, lat, marker_radius(rows)) for lon, lat, rows, precision in
               zip(points["lon"].tolist(), points["lat"].tolist(), points["rows"].tolist(), points["geo_precision"].tolist())
               if precision not in _VAGUE]  # rings are hollow: text may cross them
    return _placed(names, countries, zoom, central_asia_names(), markers)


def hotspot_labels(parts: dict[str, pd.DataFrame], zoom: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(hotspot names, country names) placed so that none overlap at this zoom. A hotspot that is a
    whole country (Tajikistan, as ISIS-K's recruiting ground) is named by the country's own label."""
    places, countries = _hotspot_labels(parts, zoom)
    return pd.DataFrame(places, columns=_LABEL_COLUMNS), pd.DataFrame(countries, columns=_LABEL_COLUMNS)


def hotspot_deck(parts: dict[str, pd.DataFrame], selected: str | None = None, fit: bool = False) -> pdk.Deck:
    """Hotspot map: shaded districts/provinces, outlined regions, points sized by rows.
    With fit=True the view frames the places shown (a country filter), else the whole region.
    Built from plain lists and cached shapes: a new filter must cost milliseconds, not tens."""
    shaded = _records(parts["shaded"], ["boundary", "place_id", "name", "precision_label", "rows"])
    outlined = _records(parts["outlined"], ["boundary", "name"])
    points = parts["points"]
    lat, lon, zoom = hotspot_view(parts, fit)
    labels = ({s["boundary"]: s["name"] for s in shaded}
              | {o["boundary"]: f"{o['name']}: region outlined only" for o in outlined})
    by_boundary = {s["boundary"]: s["place_id"] for s in shaded}
    by_place = {s["place_id"]: s for s in shaded}

    def shaded_properties(ref: str) -> dict:
        place = by_place[by_boundary[ref]]
        return {"label": labels.get(ref, ref), "place_id": place["place_id"], "name": place["name"],
                "precision_label": place["precision_label"], "rows": place["rows"]}

    shaded_shapes = _features([s["boundary"] for s in shaded], shaded_properties)
    outline_shapes = _features([o["boundary"] for o in outlined], lambda ref: {"label": labels.get(ref, ref)})
    # The Osh region around Aravan, outlined for context.
    context = _features(["admin1:KG-O"], lambda ref: {"label": "Osh region (context)"}) if "aravan" in by_place else None
    hot_names, country_names = _hotspot_labels(parts, zoom)
    layers = [base_layer()]
    if context is not None and context["features"]:
        layers.append(pdk.Layer("GeoJsonLayer", id="context", data=context, stroked=True,
                                filled=False, get_line_color=[90, 90, 90, 200], line_width_min_pixels=1))
    if shaded_shapes["features"]:
        layers.append(pdk.Layer("GeoJsonLayer", id="shaded", data=shaded_shapes, stroked=True,
                                filled=True, get_fill_color=SHADE, get_line_color=[160, 90, 0, 255],
                                line_width_min_pixels=2, pickable=True))
    if outline_shapes["features"]:
        layers.append(pdk.Layer("GeoJsonLayer", id="outlined", data=outline_shapes, stroked=True,
                                filled=False, get_line_color=OUTLINE_ONLY, line_width_min_pixels=2, pickable=False))
    if not points.empty:
        pts = _records(points, ["place_id", "name", "precision_label", "rows", "lat", "lon", "geo_precision"])
        for p in pts:
            p.update(radius=marker_radius(p["rows"]), vague=p["geo_precision"] in _VAGUE, selected=p["place_id"] == selected)
        layers.append(pdk.Layer("ScatterplotLayer", id="vague-points", data=[p for p in pts if p["vague"]],
                                get_position="[lon, lat]", get_radius="radius", radius_units='"pixels"', filled=False,
                                stroked=True, get_line_color=POINT_VAGUE, line_width_min_pixels=2, pickable=True))
        layers.append(pdk.Layer("ScatterplotLayer", id="points", data=[p for p in pts if not p["vague"]],
                                get_position="[lon, lat]", get_radius="radius", radius_units='"pixels"', get_fill_color=POINT,
                                get_line_color=[255, 255, 255, 255], stroked=True, line_width_min_pixels=1,
                                pickable=True))
    # Country names above the shaded areas and points, so that they stay readable.
    layers.append(_country_names_layer(_label_records(country_names)))
    if hot_names:
        layers.append(pdk.Layer("TextLayer", id="hotspot-names", data=_label_records(hot_names),
                                get_position="[lon, lat]", get_text="name", get_size=PLACE_LABEL_SIZE,
                                get_color=[20, 20, 20, 255], get_pixel_offset="offset", font_family=FONT_FAMILY,
                                font_weight='"bold"', pickable=False, **HALO))
    return _deck(layers, pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
                 {"text": "{name}\n{precision_label}\n{rows} curated rows" if not points.empty else "{label}"})


def split_by_view(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points inside the mapped region, points outside it): the map draws only what it can place."""
    west, south, east, north = VIEW_BOUNDS
    lon, lat = (points[c].to_numpy(dtype=float, na_value=np.nan) for c in ("lon", "lat"))
    inside = (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
    return rows_where(points, inside), rows_where(points, ~inside)


def incident_deck(incidents: pd.DataFrame, colours: dict[str, str]) -> pdk.Deck:
    """Incidents as points at their place; places known only to a region or country are hollow."""
    data = []
    for iid, summary, date, place, kind, lat, lon, category, precision in zip(*(incidents[c].tolist() for c in (
            "incident_id", "summary", "date", "place", "kind", "lat", "lon", "category", "geo_precision"))):
        if pd.isna(lat) or pd.isna(lon):
            continue
        data.append({"incident_id": iid, "summary": summary, "when": "date not stated" if date == "" else date,
                     "place": place, "kind": kind, "lat": lat, "lon": lon,
                     "colour": _rgb(colours.get(category, "#555555")), "vague": precision in _VAGUE})
    precise = [d for d in data if not d["vague"]]
    names: dict[str, tuple] = {}  # each place named once, where it first appears
    for d in precise:
        names.setdefault(d["place"], (d["place"], d["lon"], d["lat"]))
    names, countries = _placed(list(names.values()), _country_points(), ZOOM - 0.3, central_asia_names(), [])
    layers = [
        base_layer(),
        _country_names_layer(_label_records(countries)),
        pdk.Layer("ScatterplotLayer", id="incidents-vague", data=[d for d in data if d["vague"]], get_position="[lon, lat]",
                  get_radius=11, radius_units='"pixels"', filled=False, stroked=True, get_line_color="colour",
                  line_width_min_pixels=2, pickable=True),
        pdk.Layer("ScatterplotLayer", id="incidents", data=precise, get_position="[lon, lat]",
                  get_radius=7, radius_units='"pixels"', get_fill_color="colour", stroked=True,
                  get_line_color=[255, 255, 255, 255], line_width_min_pixels=1, pickable=True),
        pdk.Layer("TextLayer", id="incident-places", data=_label_records(names), get_position="[lon, lat]", get_text="name",
                  get_size=PLACE_LABEL_SIZE, get_color=[40, 40, 40, 255], get_pixel_offset="offset",
                  font_family=FONT_FAMILY, font_weight='"bold"', **HALO),
    ]
    return _deck(layers, pdk.ViewState(latitude=CENTRE[0], longitude=CENTRE[1], zoom=ZOOM - 0.3),
                 {"text": "{summary}\n{when} · {place} · {kind}"})


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
    (place, country, waves, claims, documents), most-cited places first. Grouped on plain lists:
    a pandas groupby with Python aggregations cost about 15 ms on a few dozen claims."""
    if hot.empty:
        return "The map shows no hotspot for these filters.", pd.DataFrame()
    groups: dict[tuple, list[tuple]] = {}
    columns = ("place_id", "name", "country_iso3", "wave", "doc_id", "geo_precision")
    for place_id, name, iso, wave, doc, precision in zip(*(hot[c].tolist() for c in columns)):
        if not (pd.isna(place_id) or pd.isna(name) or pd.isna(iso)):  # groupby leaves out rows with a key missing
            groups.setdefault((place_id, name, iso), []).append((wave, doc, precision))
    rows = []
    for (_, name, iso), claims in groups.items():
        country = country_names.get(iso)
        rows.append((name, iso if pd.isna(country) else country, len(claims),
                     "; ".join(dict.fromkeys(w for w, _, _ in claims)), "; ".join(dict.fromkeys(d for _, d, _ in claims)),
                     next((p for _, _, p in claims if not pd.isna(p)), np.nan)))  # the first stated precision
    rows.sort(key=lambda r: (-r[2], r[0]))
    places = "; ".join(f"{name} ({country}, {n} claim{'s' if n != 1 else ''})" for name, country, n, *_ in rows)
    sentence = (f"{len(hot)} hotspot claim{'s' if len(hot) != 1 else ''} in {len(rows)} place"
                f"{'s' if len(rows) != 1 else ''}: {places}.")
    dtypes = {"place": "str", "country": "str" if country_names else object,  # the dtypes pandas' groupby gave
              "claims": "int64", "waves": "str", "documents": "str", "precision": hot["geo_precision"].dtype}
    return sentence, pd.DataFrame({c: _column([r[i] for r in rows], t) for i, (c, t) in enumerate(dtypes.items())})


def _column(values: list, dtype):
    """A column for pd.DataFrame: an array where it can be (a frame made of Series aligns their indexes, which
    costs more than the rest of the table)."""
    if dtype == "str":
        return pd.array(values, dtype="str")
    return np.array(values, dtype=dtype) if dtype == "int64" else pd.Series(values, dtype=dtype)
