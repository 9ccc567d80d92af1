"""Our own boundaries (data/geo/), read once: country outlines clipped to the region the maps show,
the outlines of the places that have one, and the outline files the browser's maps load.

The interactive maps do not carry the country outlines in every deck: the browser loads them once
from `dashboard/static/geo/` (served by Streamlit's static file serving, cached by the browser):
`countries.geojson`, the land, and `borders.json`, the borders as line segments. `write_outlines`
makes both from `data/geo/countries.geojson`; a test keeps them current.

Borders are drawn as line segments (deck.gl's LineLayer), never as GeoJSON strokes: those are drawn by
deck.gl's PathLayer, whose shaders a browser without a graphics card (software rendering) takes
1.5 s of CPU to prepare on every map shown, against 0.2 s for a LineLayer's (scripts: docs/speed.md).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box
from shapely.geometry.polygon import orient

from core.data.paths import GEO_DIR
from core.analysis.query import rows_where

# What the maps show: Central Asia, Afghanistan and their neighbours' edges (lon/lat).
VIEW_BOUNDS = (44.0, 28.0, 90.0, 56.5)
# Land drawn around it, so that a full-width map on a wide screen has no blank margins.
LAND_BOUNDS = (26.0, 18.0, 106.0, 62.0)
SIMPLIFY_DEGREES = {"countries": 0.03, "admin1": 0.01}
DIGITS = 3  # coordinates rounded to about 100 m: the outlines are drawn at country scale

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
OUTLINES_FILE = STATIC_DIR / "geo" / "countries.geojson"
OUTLINES_URL = "app/static/geo/countries.geojson"  # relative: it keeps a base path (server.baseUrlPath)
BORDERS_FILE = STATIC_DIR / "geo" / "borders.json"
BORDERS_URL = "app/static/geo/borders.json"


@lru_cache(maxsize=1)
def countries() -> gpd.GeoDataFrame:
    """Country outlines within LAND_BOUNDS, simplified for drawing at country scale."""
    g = gpd.clip(gpd.read_file(GEO_DIR / "countries.geojson"), box(*LAND_BOUNDS))
    g["geometry"] = g.geometry.simplify(SIMPLIFY_DEGREES["countries"], preserve_topology=True)
    return g[g.geometry.notna() & ~g.geometry.is_empty].reset_index(drop=True)


@lru_cache(maxsize=1)
def admin1() -> gpd.GeoDataFrame:
    g = gpd.read_file(GEO_DIR / "admin1.geojson")
    g["geometry"] = g.geometry.simplify(SIMPLIFY_DEGREES["admin1"], preserve_topology=True)
    return g


@lru_cache(maxsize=1)
def aravan() -> gpd.GeoDataFrame:
    return gpd.read_file(GEO_DIR / "aravan_district.geojson")


def rounded(geojson: dict, digits: int = DIGITS) -> dict:
    """The GeoJSON with its coordinates rounded (a smaller payload) and no bounding boxes."""

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


def outlines_geojson() -> str:
    """The country outlines as the browser's maps load them (compact GeoJSON text)."""
    return json.dumps(rounded(countries()[["iso_a3", "name", "geometry"]].__geo_interface__), separators=(",", ":"))


def segments(geometries) -> list[dict]:
    """Every edge of the polygons' rings as a line segment {"a": [lon, lat], "b": [lon, lat]}
    (coordinates rounded as the outlines are), what a map's LineLayer draws."""
    out = []
    for geometry in geometries:
        for polygon in getattr(geometry, "geoms", [geometry]):
            for ring in (polygon.exterior, *polygon.interiors):
                points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring.coords]
                out += [{"a": a, "b": b} for a, b in zip(points, points[1:]) if a != b]
    return out


def borders_json() -> str:
    """The country borders as the browser's maps load them: the outlines' segments (compact JSON)."""
    return json.dumps(segments(countries().geometry), separators=(",", ":"))


def write_outlines(folder: Path = OUTLINES_FILE.parent) -> list[Path]:
    """Write the outline files the maps load; run after changing data/geo/countries.geojson."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((OUTLINES_FILE.name, outlines_geojson()), (BORDERS_FILE.name, borders_json())):
        (folder / name).write_text(text + "\n", encoding="utf-8")
        written.append(folder / name)
    return written


def is_boundary_ref(ref: str) -> bool:
    return ref == "aravan_district" or ref.startswith(("admin1:", "country:"))


@lru_cache(maxsize=None)
def shapes(ref: str) -> tuple:
    """The polygons of a boundary reference ('aravan_district', 'admin1:AF-BDS', 'country:KAZ')."""
    if ref == "aravan_district":
        return tuple(aravan().geometry)
    if ref.startswith("admin1:"):
        a = admin1()
        return tuple(a.geometry[a["iso_3166_2"] == ref.split(":", 1)[1]])
    if ref.startswith("country:"):
        c = countries()
        return tuple(c.geometry[c["iso_a3"] == ref.split(":", 1)[1]])
    return ()


def boundary_shapes(boundaries: list[str], labels: dict[str, str]) -> gpd.GeoDataFrame:
    """Polygons for boundary references, each with its ref and label."""
    rows = [(geometry, ref, labels.get(ref, ref)) for ref in dict.fromkeys(boundaries) if is_boundary_ref(ref)
            for geometry in shapes(ref)]
    return gpd.GeoDataFrame({"ref": pd.Series([r[1] for r in rows], dtype="str"),
                             "label": pd.Series([r[2] for r in rows], dtype="str")},
                            geometry=gpd.GeoSeries([r[0] for r in rows], crs="EPSG:4326"), crs="EPSG:4326")


def features(refs, properties) -> dict:
    """The outlines of these boundary references as a GeoJSON FeatureCollection for a map layer;
    `properties(ref)` gives what each feature says besides its ref."""
    refs = [ref for ref in dict.fromkeys(refs) if is_boundary_ref(ref)]
    geometries = [(ref, geometry) for ref in refs for geometry in shapes(ref)]
    if not geometries:
        return {"type": "FeatureCollection", "features": []}
    collection = rounded(gpd.GeoSeries([g for _, g in geometries], crs="EPSG:4326").__geo_interface__)
    for i, ((ref, _), feature) in enumerate(zip(geometries, collection["features"])):
        feature.update(id=str(i), properties={"ref": ref, **properties(ref)})
    return collection


def boundary_segments(refs) -> list[dict]:
    """The outlines of these boundary references as line segments, for a map's LineLayer."""
    return segments([geometry for ref in dict.fromkeys(refs) if is_boundary_ref(ref) for geometry in shapes(ref)])


def country_label_points() -> pd.DataFrame:
    """Where each country's name goes: a point inside the country (name, lon, lat)."""
    c = countries()
    points = c.geometry.representative_point()
    return pd.DataFrame({"name": c["name"], "lon": points.x.round(2), "lat": points.y.round(2)})


def split_by_view(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points inside the mapped region, points outside it): the map draws only what it can place."""
    west, south, east, north = VIEW_BOUNDS
    lon, lat = (points[c].to_numpy(dtype=float, na_value=np.nan) for c in ("lon", "lat"))
    inside = (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
    return rows_where(points, inside), rows_where(points, ~inside)


def rings(geometry) -> tuple[list, list]:
    """Exterior rings of a (multi)polygon as lon/lat lists separated by None, for plotly's geo maps."""
    lons, lats = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        # d3-geo (plotly's geo maps) fills the inside of clockwise rings; GeoJSON rings run the other way.
        xs, ys = orient(polygon, sign=-1.0).exterior.coords.xy
        lons += [round(x, DIGITS) for x in xs] + [None]
        lats += [round(y, DIGITS) for y in ys] + [None]
    return lons, lats
