"""Where names go on a map and on a timeline, so that none overlap and each reads as its own mark's.

Map labels are placed in screen pixels of deck.gl's Web Mercator (a 512-pixel world at zoom 0). Pixel
distances between points do not depend on the size of the map, so the same placement holds at any
width. Text widths are estimated generously (no font metrics here). The static maps of the exports
use the same placement, turned back into longitudes and latitudes (unproject).

A timeline's names (place_timeline_names) are placed for every width the one figure is drawn at.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd

from core.render import geo
from core.data.schema import CENTRAL_ASIA

PLACE_LABEL_SIZE, COUNTRY_LABEL_SIZE = 14, 13
_CHAR_WIDTH = {True: 0.56, False: 0.52}  # share of the font size per character (bold, regular): Helvetica measures
# about 0.46 and 0.44 in chromium, so boxes are a little wider than the text
_LINE_HEIGHT = 1.3
MERCATOR_LAT = 85.05  # Web Mercator's edge: latitudes beyond it have no place on the map
_GAP = 10  # pixels between a point and its label
LABEL_COLUMNS = ["name", "lon", "lat", "offset", "box"]


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


OWN_MARGIN = 4  # px: a place's name is at least this much nearer its own point than any other mark


def _gap(box: tuple, point: tuple[float, float]) -> float:
    """Pixels from a point to the nearest edge of a box (0 inside it)."""
    dx = max(box[0] - point[0], 0, point[0] - box[2])
    dy = max(box[1] - point[1], 0, point[1] - box[3])
    return math.hypot(dx, dy)


def placed_labels(places, countries, zoom: float, first: tuple[str, ...], markers,
                  frame: tuple[float, float, float, float] | None = None) -> tuple[list[dict], list[dict]]:
    """place_labels on plain rows: places and countries as (name, lon, lat), markers as (lon, lat, radius).
    With `frame` (left, top, right, bottom in pixels at this zoom: the narrowest map shown), a place
    whose point is inside it gets its name inside it too, so that no screen cuts the name off."""
    dots = [(lon, lat, (x - rad, y - rad, x + rad, y + rad))
            for lon, lat, rad in markers for x, y in [project(lon, lat, zoom)]]
    placed: list[tuple] = []

    def inside(box) -> bool:
        return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]

    def put(out: list, name, lon, lat, country: bool) -> None:
        # markers a label must keep off: all but its own point's
        avoid = [b for m_lon, m_lat, b in dots if abs(m_lon - lon) > 1e-6 or abs(m_lat - lat) > 1e-6]
        x, y = project(lon, lat, zoom)
        keep_in = frame is not None and not country and inside((x, y, x, y))
        for offset, (left, top, right, bottom) in _label_boxes(name, lon, lat, zoom, country):
            if keep_in and not inside((left, top, right, bottom)):
                continue
            if not country and any(_gap((left, top, right, bottom), ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)) <
                                   _gap((left, top, right, bottom), (x, y)) + OWN_MARGIN for b in avoid):
                continue  # a name nearer another mark than its own would name that one
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

    out_places, out_countries = placed_labels(rows(places, ["name", "lon", "lat"]), rows(countries, ["name", "lon", "lat"]), zoom,
                                        first, [] if markers is None else rows(markers, ["lon", "lat", "radius"]))
    return pd.DataFrame(out_places, columns=LABEL_COLUMNS), pd.DataFrame(out_countries, columns=LABEL_COLUMNS)


@lru_cache(maxsize=1)
def country_points() -> tuple[tuple[str, float, float], ...]:
    """(name, lon, lat) where each country's name goes."""
    c = geo.country_label_points()
    return tuple(zip(c["name"].tolist(), c["lon"].tolist(), c["lat"].tolist()))


@lru_cache(maxsize=1)
def central_asia_names() -> tuple[str, ...]:
    """The five Central Asian states' names: their labels are placed first (the reader's bearings)."""
    c = geo.countries()
    return tuple(c.loc[c["iso_a3"].isin(CENTRAL_ASIA), "name"])


# Names on a timeline ------------------------------------------------------------------------------
# One figure is drawn at every width, from a phone's 180 px of dates to a slide's 1000, and at several
# row heights. A name keeps its size and its distance in pixels from its mark (an annotation's shift)
# while the marks spread apart as the drawing widens, so a name is kept only where it fits at the
# narrowest width, at the widest and between, and at the lowest row height and above.

NAME_FONT = 11  # px
NAME_CHAR_PX = 6.0  # an average character at 11 px, generously: chromium draws Source Sans at 4.6, Arial at 5.5
NAME_HEIGHT = 14.0  # a line at 11 px (chromium's box: 12 to 13 px)
MARK_GAP = 3  # px between a name and its own mark: it touches it
NAME_GAP = 4  # px kept between two names
CLEARANCE = 9  # px at least from a name to any other mark, three times its own mark's gap
WIDEST_PX = 1000  # a slide's dates
# Where a name may go, first choices first, as (across, up or down): "centre" on its mark; "after" or
# "before" it on its row, past its radius; "from" its left edge or "to" its right edge, above or below
# it (the way a name fits over a mark near the plot's edge).
NAME_PLACES = (("centre", "above"), ("centre", "below"), ("after", "row"), ("before", "row"),
               ("to", "above"), ("from", "above"), ("to", "below"), ("from", "below"))


def name_offsets(place: tuple[str, str], radius: float, width: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a name's box in pixels from its mark's centre (y downwards)."""
    across, level = place
    left = {"centre": -width / 2, "after": radius + MARK_GAP, "before": -radius - MARK_GAP - width,
            "from": -radius, "to": radius - width}[across]
    top = {"above": -radius - MARK_GAP - NAME_HEIGHT, "below": radius + MARK_GAP, "row": -NAME_HEIGHT / 2}[level]
    return left, top, left + width, top + NAME_HEIGHT


def name_anchor(place: tuple[str, str], radius: float) -> dict:
    """A plotly annotation's anchor and shift (y upwards) that put a name's box where name_offsets says."""
    across, level = place
    xanchor, xshift = {"centre": ("center", 0), "after": ("left", radius + MARK_GAP),
                       "before": ("right", -radius - MARK_GAP), "from": ("left", -radius), "to": ("right", radius)}[across]
    yanchor, yshift = {"above": ("bottom", radius + MARK_GAP), "below": ("top", -radius - MARK_GAP),
                       "row": ("middle", 0)}[level]
    return dict(xanchor=xanchor, xshift=xshift, yanchor=yanchor, yshift=yshift)


def timeline_frame(times: list[int], rows: list[int], radii: list[float], named: np.ndarray,
                   bands: list[tuple[int, int]], row_count: int, narrowest: float,
                   pitch: float) -> tuple[tuple[float, float], tuple[float, float], list]:
    """((low, high) of the x axis, (rows of room above the top row, below the bottom one), marks) of a
    timeline whose marks are at `times` (ns) on `rows` (from the top) with `radii` (px): each mark is
    whole inside the narrowest drawing, and so is each band (start, end); the outer rows get room for
    their marks, and for a name above or below those `named`; marks as place_timeline_names takes them."""
    reach = [r + (MARK_GAP + NAME_HEIGHT if n else 2) for r, n in zip(radii, named)]  # px from a mark's centre
    room = tuple(max(0.0, max(px for px, row in zip(reach, rows) if row == edge) / pitch - 0.5)
                 for edge in (0, row_count - 1))
    xs = np.array(list(times) + [t for band in bands for t in band], dtype=float)
    pads = np.array(list(radii) + [0.0] * (2 * len(bands))) + 2
    low, high = xs.min(), xs.max()
    if high == low:  # one day drawn: a year around it
        low, high = low - 3.2e16, high + 3.2e16
    for _ in range(8):  # the scale (ns a pixel) depends on the range it widens: a few rounds settle it
        scale = (high - low) / narrowest
        low, high = min(low, (xs - pads * scale).min()), max(high, (xs + pads * scale).max())
    return (low, high), room, [((t - low) / (high - low), row, r) for t, row, r in zip(times, rows, radii)]


def place_timeline_names(marks: list[tuple[float, int, float]], wanted: list[tuple[int, list[str]]], rows: int,
                         room: tuple[float, float], narrowest: float, pitch: float) -> list[tuple[int, str, dict]]:
    """[(mark, text, anchor)]: the name each wanted mark gets, if any, and its annotation's anchor (name_anchor).

    `marks`: (share of the x axis from its left end, row from the top, radius in px) of every mark
    drawn; `wanted`: (a mark, its names longest first), most important first; `room`: rows of room
    above the top row and below the bottom one. A name goes where, at every width from `narrowest`
    to WIDEST_PX and every row height from `pitch` up, it is inside the plot, NAME_GAP from every
    name placed before it, and CLEARANCE from every mark but those at its own mark's spot."""
    at, row, radius = (np.array(column, dtype=float) for column in zip(*marks))
    widths, pitches = (v.ravel() for v in np.meshgrid(np.geomspace(narrowest, max(WIDEST_PX, narrowest), 8),
                                                        pitch * np.array([1.0, 1.6, 2.5])))
    xs, ys = at[:, None] * widths, row[:, None] * pitches  # (marks, drawings)
    top, bottom = -(0.5 + room[0]) * pitches - 1e-6, (rows - 0.5 + room[1]) * pitches + 1e-6
    taken = np.empty((0, 4, len(widths)))
    chosen = []
    for mark, texts in wanted:
        own = (at == at[mark]) & (row == row[mark])
        mark_radius = radius[own].max()  # events at one spot share a name, past the largest mark
        for text, place in ((text, place) for text in texts for place in NAME_PLACES):
            left, upper, right, lower = name_offsets(place, mark_radius, len(text) * NAME_CHAR_PX)
            box = np.array([xs[mark] + left, ys[mark] + upper, xs[mark] + right, ys[mark] + lower])
            if (box[0] >= -1e-6).all() and (box[2] <= widths + 1e-6).all() and (box[1] >= top).all() \
                    and (box[3] <= bottom).all() and _apart(box, taken) and _clear(box, xs[~own], ys[~own], radius[~own]):
                taken = np.concatenate([taken, box[None]])
                chosen.append((mark, text, name_anchor(place, mark_radius)))
                break
    return chosen


def _apart(box: np.ndarray, taken: np.ndarray) -> bool:
    """Whether the box keeps NAME_GAP from each box taken, in every drawing."""
    left, top, right, bottom = box - [[NAME_GAP], [NAME_GAP], [-NAME_GAP], [-NAME_GAP]]
    return bool(((left >= taken[:, 2]) | (taken[:, 0] >= right) | (top >= taken[:, 3]) | (taken[:, 1] >= bottom)).all())


def _clear(box: np.ndarray, xs: np.ndarray, ys: np.ndarray, radius: np.ndarray) -> bool:
    """Whether the box keeps CLEARANCE from the edge of each of these marks, in every drawing."""
    dx = np.maximum(np.maximum(box[0] - xs, xs - box[2]), 0)
    dy = np.maximum(np.maximum(box[1] - ys, ys - box[3]), 0)
    return bool((np.hypot(dx, dy) - radius[:, None] >= CLEARANCE).all())
