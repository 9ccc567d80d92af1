"""The interactive maps (pydeck decks, no tile server: map_provider=None) and what they draw.

Every map lies on the country outlines that the browser loads once from our own static file
(core.render.geo); a deck carries only its own layers: shaded areas, outlines, points and names.
Decks are cached by the page on the rows they draw (ui.cache).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pydeck as pdk

from core.analysis.query import place_name
from core.render import geo
from core.render.labels import (LABEL_COLUMNS, PLACE_LABEL_SIZE, COUNTRY_LABEL_SIZE, central_asia_names, country_points,
                                placed_labels, project, unproject)

CENTRE, ZOOM = (41.0, 66.0), 3.5  # the static maps' frame (core.render.static_maps)

# The interactive maps' first view is framed for the narrowest screen the app is made for: a phone
# 390 px wide shows a map 358 px wide (Streamlit's 16 px padding on each side) and, with the phone
# rule of ui/layout.py, 360 px high. A wider screen shows more land around the same frame.
PHONE_MAP = (358, 360)
FRAME_PADDING = 14  # px kept free inside the frame: a marker's radius, half a name's height
MAX_ZOOM = 7.0
# Where the region's marks lie: every hotspot from the western Kazakh oil fields to the Karaganda
# region and Kandahar, and the places of attacks from Shiraz to Badakhshan.
REGION_BOX = (51.0, 29.5, 79.0, 52.0)  # west, south, east, north

# RGBA colours (Okabe-Ito) and the words the legend uses for them.
SHADE = [230, 159, 0, 150]  # orange: hotspot district or province, shaded
OUTLINE_ONLY = [0, 114, 178, 255]  # blue line: region outlined only (the hotspot is a point in it)
POINT = [213, 94, 0, 255]  # vermillion: places as points (opaque: 3.3:1 on the land, WCAG 1.4.11)
POINT_VAGUE = [110, 110, 110, 220]  # grey ring: region or country, indicative point only (3.4:1 on the land)
CITED = [90, 90, 90, 255]  # dark grey dot: a place other rows cite, not a hotspot (small, unlabelled)
LAND = [238, 238, 238, 255]
FONT_FAMILY = '"Helvetica, Arial, sans-serif"'
BORDER = [160, 160, 160, 255]

# What each mark means (the legend under the map, drawn in these colours: core.render.legend). Only the
# places of hotspot rows are shaded, outlined or drawn in colour; the other places the rows cite are
# small grey dots.
PRECISION_LEGEND = [
    ("district", "square", SHADE, "hotspot district or province: its outline, shaded"),
    ("city", "dot", POINT, "hotspot city or site: a point (sized by the rows about it)"),
    ("outlined", "line", OUTLINE_ONLY, "a hotspot city's region, where drawn: outlined only"),
    ("region", "ring", POINT_VAGUE, "hotspot region or country: an indicative point, not a location"),
    ("cited", "small dot", CITED, "another place the documents cite: not named as a hotspot, not counted"),
]

# A light halo around names (signed-distance-field text, so it can have an outline): a name may be
# drawn across a hollow ring or a boundary, and the halo keeps its letters readable there.
HALO = {"font_settings": {"sdf": True}, "outline_width": 3, "outline_color": [255, 255, 255, 230]}


def deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict) -> pdk.Deck:
    return pdk.Deck(layers=layers, initial_view_state=view, tooltip=tooltip, map_provider=None)


def base_layers() -> list[pdk.Layer]:
    """The land and the country borders under every map, loaded by the browser from our own files."""
    return [pdk.Layer("GeoJsonLayer", id="countries", data=geo.OUTLINES_URL, stroked=False, filled=True,
                      get_fill_color=LAND, pickable=False),
            lines("borders", geo.BORDERS_URL, BORDER, 1)]


def lines(layer_id: str, segments: list[dict] | str, colour: list[int], width_px: int) -> pdk.Layer:
    """Outlines as line segments (core.render.geo.segments, or the URL of a file of them); never as
    a GeoJSON layer's strokes, whose shaders cost software-rendering browsers a second (core.render.geo)."""
    return pdk.Layer("LineLayer", id=layer_id, data=segments, get_source_position="a", get_target_position="b",
                     get_color=colour, get_width=width_px, width_units='"pixels"', pickable=False)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows of a small frame as plain dicts, as a deck layer takes them."""
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def _label_records(rows: list[dict]) -> list[dict]:
    return [{"name": r["name"], "lon": r["lon"], "lat": r["lat"], "offset": r["offset"]} for r in rows]


def _country_names_layer(data: list[dict]) -> pdk.Layer:
    return pdk.Layer("TextLayer", id="country-names", data=data,
                     get_position="[lon, lat]", get_text="name", get_size=COUNTRY_LABEL_SIZE,
                     get_color=[110, 110, 110, 255], get_pixel_offset="offset", font_family=FONT_FAMILY, pickable=False,
                     **HALO)


def country_labels(placed: pd.DataFrame | None = None) -> pdk.Layer:
    """Country names in grey; `placed` (from labels.place_labels) keeps only those that do not collide."""
    if placed is None:
        return _country_names_layer([{"name": n, "lon": lon, "lat": lat, "offset": [0, 0]}
                                     for n, lon, lat in country_points()])
    return _country_names_layer(records(placed, ["name", "lon", "lat", "offset"]))


_PRECISION_LABELS = {"district": "district (outline)", "province": "province (shaded)", "city": "city (point)",
                     "exact": "site (point)", "region": "region (indicative point)", "country": "country (indicative point)"}
_VAGUE = ("region", "country")  # precisions drawn as hollow rings: an indicative point only


def hotspot_map_data(places: pd.DataFrame, hotspots: pd.DataFrame, row_counts: pd.Series) -> dict[str, pd.DataFrame]:
    """Split places into what the map draws, with what the tooltip says: hotspots (places a hotspot
    row names) as shaded areas, outlined regions or points; every other place a row cites as `cited`
    (a separate, plainly different layer, never counted as a hotspot)."""
    p = places.assign(rows=places["place_id"].map(row_counts).fillna(0).astype(int),
                      hotspot=places["place_id"].isin(hotspots["place_id"]))
    # how the map draws it: a place no hotspot row names is a small grey dot, whatever its precision
    p["precision_label"] = [_PRECISION_LABELS.get(g, g) if hot else f"{g}: cited, not a hotspot (grey dot)"
                            for g, hot in zip(p["geo_precision"], p["hotspot"])]
    # A whole country is not outlined again: the base layer draws every country's border.
    has_outline = (p["boundary"] != "") & ~p["boundary"].str.startswith("country:")
    area = p["geo_precision"].isin(["district", "province"]) & has_outline
    shaded = area & p["hotspot"]
    outlined = p["hotspot"] & ~area & has_outline
    points = p["hotspot"] & ~shaded
    cited = (p["rows"] > 0) & ~p["hotspot"]
    return {"shaded": p[shaded], "outlined": p[outlined], "points": p[points], "cited": p[cited]}


def legend_entries(parts: dict[str, pd.DataFrame]) -> list[tuple[str, list[int], str]]:
    """The PRECISION_LEGEND entries (shape, colour, words) of the marks these parts (hotspot_map_data)
    draw, and no other: a legend names what the map shows."""
    points = parts["points"]
    vague = points["geo_precision"].isin(_VAGUE) if not points.empty else pd.Series(dtype=bool)
    drawn = {"district": not parts["shaded"].empty, "city": bool((~vague).any()), "outlined": not parts["outlined"].empty,
             "region": bool(vague.any()), "cited": not parts["cited"].empty}
    return [(shape, colour, words) for key, shape, colour, words in PRECISION_LEGEND if drawn[key]]


def frame(box: tuple[float, float, float, float], size: tuple[int, int] = PHONE_MAP, padding: int = FRAME_PADDING,
          max_zoom: float = MAX_ZOOM) -> tuple[float, float, float]:
    """(lat, lon, zoom) of deck.gl's Web Mercator view that shows the box (west, south, east, north),
    centred, inside a map of `size` pixels less `padding` on each side: the largest zoom at which it
    fits both ways, at most `max_zoom` (a single place is not shown at street level)."""
    west, south, east, north = box
    left, top = project(west, north, 0)
    right, bottom = project(east, south, 0)
    width, height = (max(side - 2 * padding, 1) for side in size)
    fit = min(math.log2(width / max(right - left, 1e-9)), math.log2(height / max(bottom - top, 1e-9)))
    lon, lat = unproject((left + right) / 2, (top + bottom) / 2, 0)
    return round(lat, 4), round(lon, 4), round(min(fit, max_zoom), 2)


REGION_VIEW = frame(REGION_BOX)  # the first view of the hotspot and incident maps


def _fit(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    if not points:
        return REGION_VIEW
    lats, lons = np.array([p[0] for p in points], dtype=float), np.array([p[1] for p in points], dtype=float)
    # At least a degree each way around the places (a lone place keeps its surroundings).
    half_lon, half_lat = max((lons.max() - lons.min()) / 2, 0.5), max((lats.max() - lats.min()) / 2, 0.5)
    mid_lon, mid_lat = (lons.max() + lons.min()) / 2, (lats.max() + lats.min()) / 2
    return frame((mid_lon - half_lon, mid_lat - half_lat, mid_lon + half_lon, mid_lat + half_lat))


def fit_view(frames: list[pd.DataFrame]) -> tuple[float, float, float]:
    """(lat, lon, zoom) that frames the given places; the whole region when there are none."""
    return _fit([(lat, lon) for f in frames if not f.empty for lat, lon in zip(f["lat"].tolist(), f["lon"].tolist())
                 if not (pd.isna(lat) or pd.isna(lon))])


def marker_radius(rows: int) -> float:
    """Point size in pixels: grows with the number of curated rows about the place."""
    return 6 + math.sqrt(min(rows, 40)) * 3


def hotspot_view(parts: dict[str, pd.DataFrame], fit: bool) -> tuple[float, float, float]:
    """(lat, lon, zoom) of the hotspot map's initial view."""
    return fit_view([parts["shaded"], parts["outlined"], parts["points"]]) if fit else REGION_VIEW


COUNTRY_SUFFIX = re.compile(r"\s*\([^)]*\)$")


def phone_frame(lat: float, lon: float, zoom: float, size: tuple[int, int] = PHONE_MAP) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in pixels at `zoom` of what a phone's map shows around its centre."""
    x, y = project(lon, lat, zoom)
    return x - size[0] / 2, y - size[1] / 2, x + size[0] / 2, y + size[1] / 2


def _hotspot_labels(parts: dict[str, pd.DataFrame], zoom: float, cited: bool = False,
                    within: tuple[float, float, float, float] | None = None) -> tuple[list[dict], list[dict]]:
    countries = country_points()
    country_names = {name for name, _, _ in countries}
    names, seen = [], set()
    # the hotspots' names first (areas, then points: Moscow, Satpaev, Kandahar), then other places'
    for frame in (parts["shaded"], parts["outlined"], parts["points"]):
        for name, lon, lat in zip(frame["name"].tolist(), frame["lon"].tolist(), frame["lat"].tolist()):
            if name in seen:
                continue
            seen.add(name)
            # The map shows the country around a place: "Gorno-Badakhshan (Tajikistan)" is labelled "Gorno-Badakhshan".
            short = COUNTRY_SUFFIX.sub("", name) if isinstance(name, str) else name
            if short not in country_names:
                names.append((short, lon, lat))
    points = parts["points"]
    if cited and "cited" in parts:  # other places' names after the hotspots', where they fit
        for name, lon, lat in zip(parts["cited"]["name"], parts["cited"]["lon"], parts["cited"]["lat"]):
            short = COUNTRY_SUFFIX.sub("", name) if isinstance(name, str) else name
            if short not in seen and short not in country_names:
                seen.add(short)
                names.append((short, lon, lat))
    markers = [(lon, lat, marker_radius(rows)) for lon, lat, rows, precision in
               zip(points["lon"].tolist(), points["lat"].tolist(), points["rows"].tolist(), points["geo_precision"].tolist())
               if precision not in _VAGUE]  # rings are hollow: text may cross them
    return placed_labels(names, countries, zoom, central_asia_names(), markers, within)


def hotspot_labels(parts: dict[str, pd.DataFrame], zoom: float, cited: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(hotspot names, country names) placed so that none overlap at this zoom. A hotspot that is a
    whole country (Tajikistan, as ISIS-K's recruiting ground) is named by the country's own label.
    With `cited`, the other cited places are named too, after the hotspots, where they fit."""
    places, countries = _hotspot_labels(parts, zoom, cited)
    return pd.DataFrame(places, columns=LABEL_COLUMNS), pd.DataFrame(countries, columns=LABEL_COLUMNS)


def hotspot_deck(parts: dict[str, pd.DataFrame], selected: str | None = None, fit: bool = False,
                 view: tuple[float, float, float] | None = None, outline: str | None = None) -> pdk.Deck:
    """Hotspot map: shaded districts/provinces, outlined regions, points sized by rows.
    With fit=True the view frames the places shown (a country filter), else the whole region;
    `view` (lat, lon, zoom) sets it; `outline` (an ISO3 code) draws that country's border dark."""
    shaded = records(parts["shaded"], ["boundary", "place_id", "name", "precision_label", "rows"])
    outlined = records(parts["outlined"], ["boundary", "name"])
    points = parts["points"]
    lat, lon, zoom = view or hotspot_view(parts, fit)
    by_boundary = {s["boundary"]: s["place_id"] for s in shaded}
    by_place = {s["place_id"]: s for s in shaded}

    def shaded_properties(ref: str) -> dict:
        place = by_place[by_boundary[ref]]
        return {"label": place["name"], "place_id": place["place_id"], "name": place["name"],
                "role": f"hotspot: {place['precision_label']}", "rows": place["rows"]}

    shaded_shapes = geo.features([s["boundary"] for s in shaded], shaded_properties)
    hot_names, country_names = _hotspot_labels(parts, zoom, within=phone_frame(lat, lon, zoom))
    layers = base_layers()
    under_hotspots = len(layers)  # where the cited places go: above the land, under everything else
    if outline is not None:
        layers.append(lines("country-outline", geo.boundary_segments([f"country:{outline}"]), [40, 40, 40, 255], 2))
    # The Osh region around Aravan, outlined for context.
    context = geo.boundary_segments(["admin1:KG-O"]) if "aravan" in by_place else []
    if context:
        layers.append(lines("context", context, [90, 90, 90, 200], 1))
    if shaded_shapes["features"]:
        layers.append(pdk.Layer("GeoJsonLayer", id="shaded", data=shaded_shapes, stroked=False,
                                filled=True, get_fill_color=SHADE, pickable=True))
        layers.append(lines("shaded-edges", geo.boundary_segments([s["boundary"] for s in shaded]), [160, 90, 0, 255], 2))
    outline_segments = geo.boundary_segments([o["boundary"] for o in outlined])
    if outline_segments:
        layers.append(lines("outlined", outline_segments, OUTLINE_ONLY, 2))
    if not points.empty:
        pts = records(points, ["place_id", "name", "precision_label", "rows", "lat", "lon", "geo_precision"])
        for p in pts:
            p.update(radius=marker_radius(p["rows"]), vague=p["geo_precision"] in _VAGUE, selected=p["place_id"] == selected,
                     role=f"hotspot: {p['precision_label']}")
        layers.append(pdk.Layer("ScatterplotLayer", id="vague-points", data=[p for p in pts if p["vague"]],
                                get_position="[lon, lat]", get_radius="radius", radius_units='"pixels"', filled=False,
                                stroked=True, get_line_color=POINT_VAGUE, line_width_min_pixels=2, pickable=True))
        layers.append(pdk.Layer("ScatterplotLayer", id="points", data=[p for p in pts if not p["vague"]],
                                get_position="[lon, lat]", get_radius="radius", radius_units='"pixels"', get_fill_color=POINT,
                                get_line_color=[255, 255, 255, 255], stroked=True, line_width_min_pixels=1,
                                pickable=True))
    cited = parts.get("cited", points.iloc[0:0])
    if not cited.empty:
        layers.insert(under_hotspots, pdk.Layer(  # under the hotspots: they must stay the eye's first stop
            "ScatterplotLayer", id="cited-places",
            data=[{**c, "role": "cited by figures or events; no hotspot claim names it"} for c in records(cited, ["place_id", "name", "rows", "lat", "lon"])],
            get_position="[lon, lat]", get_radius=4, radius_units='"pixels"', get_fill_color=CITED, pickable=True))
    # Country names above the shaded areas and points, so that they stay readable.
    layers.append(_country_names_layer(_label_records(country_names)))
    if hot_names:
        layers.append(pdk.Layer("TextLayer", id="hotspot-names", data=_label_records(hot_names),
                                get_position="[lon, lat]", get_text="name", get_size=PLACE_LABEL_SIZE,
                                get_color=[20, 20, 20, 255], get_pixel_offset="offset", font_family=FONT_FAMILY,
                                font_weight='"bold"', pickable=False, **HALO))
    return deck(layers, pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
                 {"text": "{name}\n{role}\ncited by {rows} quoted statement(s)" if not points.empty or not cited.empty else "{label}"})


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
    names: dict[str, tuple] = {}  # each place named once ("Kabul (inferred)" is Kabul), where it first appears
    for d in precise:
        place = place_name(d["place"])
        names.setdefault(place, (place, d["lon"], d["lat"]))
    lat, lon, zoom = REGION_VIEW
    dots = [(d["lon"], d["lat"], 11 if d["vague"] else 7) for d in data]  # as the layers below draw them
    names, countries = placed_labels(list(names.values()), country_points(), zoom, central_asia_names(), dots,
                                     phone_frame(lat, lon, zoom))
    layers = [
        *base_layers(),
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
    return deck(layers, pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
                 {"text": "{summary}\n{when} · {place} · {kind}"})


def _rgb(hex_colour: str) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i: i + 2], 16) for i in (0, 2, 4)] + [220]
