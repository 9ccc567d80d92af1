"""A country's map, shared by the profile page (an interactive deck) and the brief (a static
figure): the country's hotspots shaded or as points with their names, other cited places in grey, the
country's outline, framed to the country. Pure functions; no Streamlit."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from core.analysis.profile import Profile, country_places, map_frame
from core.data.loading import Corpus
from core.render import geo
from core.render.labels import project, unproject
from core.render.maps import CENTRE, ZOOM, fit_view, hotspot_deck, hotspot_map_data
from core.render.static_maps import static_hotspot_figure


@dataclass
class CountryMap:
    parts: dict[str, pd.DataFrame]  # shaded / outlined / points, as core.render.maps.hotspot_map_data gives
    bounds: tuple[float, float, float, float] | None  # the country's outline within the mapped region
    inside: pd.DataFrame  # places drawn (inside the mapped region)
    outside: pd.DataFrame  # places outside the mapped region: listed in words

    @property
    def drawable(self) -> bool:
        return self.bounds is not None or not self.inside.empty


def country_map(corpus: Corpus, profile: Profile) -> CountryMap:
    places, row_counts = country_places(corpus, profile.iso)
    parts = hotspot_map_data(places, profile.hotspots, row_counts)
    shape = geo.boundary_shapes([f"country:{profile.iso}"], {})
    bounds = tuple(float(x) for x in shape.total_bounds) if not shape.empty else None
    shown = pd.concat([parts["shaded"], parts["outlined"], parts["points"], parts["cited"]]).drop_duplicates("place_id")
    inside, outside = geo.split_by_view(shown.dropna(subset=["lat", "lon"]))
    # Places outside the region our boundaries cover would float on a blank page: listed in words instead.
    parts = {k: v[~v["place_id"].isin(outside["place_id"])] for k, v in parts.items()}
    return CountryMap(parts, bounds, inside, outside)


FRAME_PIXELS = 400  # the country fills about this many pixels: its small hotspot districts (Aravan) stay visible; a phone shows its middle


def frame_zoom(frame: pd.DataFrame, pixels: int = FRAME_PIXELS) -> float:
    """deck.gl zoom at which the frame's larger side spans `pixels` (a 512-pixel world at zoom 0;
    latitude stretched about 1.3 times by Mercator at these latitudes)."""
    extent = max(frame["lon"].max() - frame["lon"].min(), (frame["lat"].max() - frame["lat"].min()) * 1.3, 0.5)
    return round(float(min(max(math.log2(pixels * 360 / (512 * extent)), 2.5), 8.0)), 2)


def country_deck(cmap: CountryMap, iso: str) -> pdk.Deck:
    """The hotspot map (core.render.maps) framed to the country, with the country's outline drawn dark."""
    frame = map_frame(cmap.inside, cmap.bounds)
    lat, lon, zoom = fit_view([frame])
    if not frame.empty:
        lat, lon = (frame["lat"].min() + frame["lat"].max()) / 2, (frame["lon"].min() + frame["lon"].max()) / 2
        zoom = frame_zoom(frame)
    return hotspot_deck(cmap.parts, None, view=(float(lat), float(lon), zoom),
                        outline=iso if cmap.bounds is not None else None)


def map_summary(profile: Profile, cmap: CountryMap) -> str:
    """The map's text alternative: what is drawn, in one sentence."""
    parts = cmap.parts
    shaded = ", ".join(parts["shaded"]["name"]) or "none"
    points = cmap.inside[~cmap.inside["place_id"].isin(parts["shaded"]["place_id"])]
    pts = ", ".join(f"{n} ({rows_text(r)})" for n, r in zip(points["name"], points["rows"])) or "none"
    out = (f"; outside the mapped region: {', '.join(cmap.outside['name'])}" if not cmap.outside.empty else "")
    return (f"Map of {profile.name}: areas tied to mobilization, shaded: {shaded}; places as points, sized by the quoted statements that cite them: "
            f"{pts}{out}.")


def rows_text(n: int) -> str:
    return f"{n} statement{'' if n == 1 else 's'}"


BRIEF_MAP_SIZE = (520, 400)  # pixels of the brief's map image


def static_view(cmap: CountryMap, size: tuple[int, int] = BRIEF_MAP_SIZE) -> tuple[float, tuple[float, float, float, float]]:
    """(zoom, (west, south, east, north)) that frame the country and its places in an image of this
    size, as deck.gl would draw them: labels are then placed in the image's own pixels."""
    frame = map_frame(cmap.inside, cmap.bounds)
    width, height = size
    if frame.empty:
        zoom, (lat, lon) = ZOOM, CENTRE
    else:
        zoom = frame_zoom(frame, pixels=int(min(width, height) * 0.8))
        lat, lon = (frame["lat"].min() + frame["lat"].max()) / 2, (frame["lon"].min() + frame["lon"].max()) / 2
    x, y = project(lon, lat, zoom)
    west, north = unproject(x - width / 2, y - height / 2, zoom)
    east, south = unproject(x + width / 2, y + height / 2, zoom)
    return zoom, (west, south, east, north)


def static_country_map(cmap: CountryMap, profile: Profile, size: tuple[int, int] = BRIEF_MAP_SIZE) -> go.Figure:
    """The profile's map for the brief: core.render.static_maps.static_hotspot_figure framed to the
    country at this image size, names placed where they fit inside it, the country's outline dark.
    The legend is the brief's to write (a line under the image), so the drawing fills the image."""
    zoom, view = static_view(cmap, size)
    fig = static_hotspot_figure(cmap.parts, "", zoom=zoom, view=view, legend=False, name_cited=True)
    if cmap.bounds is not None:
        shape = geo.boundary_shapes([f"country:{profile.iso}"], {})
        for geometry in shape.geometry:
            lons, lats = geo.rings(geometry)
            fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", line=dict(color="#222", width=2),
                                        showlegend=False, hoverinfo="skip"))
    fig.update_layout(width=size[0], height=size[1], margin=dict(l=0, r=0, t=0, b=0))
    return fig
