"""Static maps for exports and briefs: the layers of the interactive maps drawn as plotly Scattergeo
polygons, points and names (SVG, no WebGL, no topojson, no tiles), so they render offline in kaleido
and stay vector in SVG. Names are placed as on the interactive map (core.render.labels)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from core.render import geo
from core.render.charts import esc
from core.render.labels import project, unproject
from core.render.maps import COUNTRY_SUFFIX, BORDER, CITED, LAND, OUTLINE_ONLY, POINT, POINT_VAGUE, SHADE, ZOOM, hotspot_labels


def _area(shapes: gpd.GeoDataFrame, name: str, fill: str, line: str, width: float, legend: bool) -> list[go.Scattergeo]:
    traces = []
    for i, (label, geometry) in enumerate(zip(shapes["label"], shapes.geometry)):
        lons, lats = geo.rings(geometry)
        traces.append(go.Scattergeo(lon=lons, lat=lats, mode="lines", fill="toself", fillcolor=fill,
                                    line=dict(color=line, width=width), name=name, legendgroup=name,
                                    showlegend=legend and i == 0, hovertext=label, hoverinfo="text"))
    return traces


def _rgba(colour: list[int]) -> str:
    r, g, b, a = colour
    return f"rgba({r},{g},{b},{a / 255:.2f})"


def static_hotspot_figure(parts: dict[str, pd.DataFrame], title: str, zoom: float = ZOOM,
                          view: tuple[float, float, float, float] | None = None, legend: bool = True,
                          name_cited: bool = False) -> go.Figure:
    """The hotspot map for slides: shaded areas, outlined regions, points, names and a legend.
    `zoom` is the deck.gl zoom the image matches (its names are placed in those pixels) and `view`
    (west, south, east, north) what it shows; a name that would cross the view's edge is left out,
    so that nothing is drawn past the frame. With `name_cited`, other cited places are named too
    (smaller, grey) where they fit."""
    shaded, outlined, points = parts["shaded"], parts["outlined"], parts["points"]
    countries = geo.countries().assign(label=lambda g: g["name"])
    traces = _area(countries, "countries", _rgba(LAND), _rgba(BORDER), 0.8, legend=False)
    if not shaded.empty:
        shapes = geo.boundary_shapes(list(shaded["boundary"]), dict(zip(shaded["boundary"], shaded["name"])))
        traces += _area(shapes, "hotspot district or province (shaded)", _rgba(SHADE), "rgb(160,90,0)", 1.5, legend=True)
    if not outlined.empty:
        shapes = geo.boundary_shapes(list(outlined["boundary"]), dict(zip(outlined["boundary"], outlined["name"])))
        traces += [t.update(fill="none") for t in
                   _area(shapes, "region around a point (outlined only)", "rgba(0,0,0,0)", _rgba(OUTLINE_ONLY), 2, legend=True)]
    cited = parts.get("cited", points.iloc[0:0])
    if not cited.empty:
        traces.append(go.Scattergeo(lon=cited["lon"], lat=cited["lat"], mode="markers", name="other places the documents cite (not hotspots)",
                                    marker=dict(size=5, color=_rgba(CITED)), hovertext=cited["name"], hoverinfo="text"))
    precise = points[~points["geo_precision"].isin(["region", "country"])]
    vague = points[points["geo_precision"].isin(["region", "country"])]
    for frame, name, colour, symbol in ((precise, "hotspot city or site (size: statements citing it)", _rgba(POINT), "circle"),
                                        (vague, "hotspot region or country (indicative point)", _rgba(POINT_VAGUE), "circle-open")):
        if not frame.empty:
            traces.append(go.Scattergeo(lon=frame["lon"], lat=frame["lat"], mode="markers", name=name,
                                        marker=dict(size=7 + frame["rows"].clip(upper=40) ** 0.5 * 2.2, color=colour,
                                                    symbol=symbol, line=dict(width=1.5, color=colour)),
                                        hovertext=frame["name"], hoverinfo="text"))
    # The same label placement as the interactive map (at its zoom, which a 1280x720 slide matches):
    # each pixel offset becomes a shift in lon/lat, so no two names overlap on the slide either.
    west, south, east, north = view or (geo.VIEW_BOUNDS[0] + 2, geo.VIEW_BOUNDS[1] + 1, geo.VIEW_BOUNDS[2] - 2,
                                        geo.VIEW_BOUNDS[3] - 1)
    left, top = project(west, north, zoom)
    right, bottom = project(east, south, zoom)
    place_names, country_names = hotspot_labels(parts, zoom, cited=name_cited)
    cited_names = {COUNTRY_SUFFIX.sub("", n) for n in cited["name"]} if name_cited else set()
    is_cited = place_names["name"].isin(cited_names)
    for frame, size, colour in ((country_names, 11, "#666"), (place_names[~is_cited], 13, "#111"),
                                (place_names[is_cited], 11, "#555")):
        inside = [left <= b[0] and b[2] <= right and top <= b[1] and b[3] <= bottom for b in frame["box"]]
        frame = frame[inside] if len(frame) else frame
        if frame.empty:
            continue
        shifted = [unproject(*(a + b for a, b in zip(project(lon, lat, zoom), offset)), zoom)
                   for lon, lat, offset in zip(frame["lon"], frame["lat"], frame["offset"])]
        traces.append(go.Scattergeo(lon=[x for x, _ in shifted], lat=[y for _, y in shifted], mode="text",
                                    text=[esc(n) for n in frame["name"]], textposition="middle center", showlegend=False,
                                    textfont=dict(size=size, color=colour), hoverinfo="skip"))
    fig = go.Figure(traces)
    fig.update_geos(visible=False, projection_type="mercator", lonaxis_range=[west, east],
                    lataxis_range=[south, north], bgcolor="white")
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=560, template="plotly_white", showlegend=legend,
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), margin=dict(l=10, r=10, t=100, b=30))
    return fig
