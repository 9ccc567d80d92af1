"""A country's one-page brief (A4 PDF and a single PPTX slide), and the country map the profile
page and the brief share. Pure functions; no Streamlit.

Why chromium for the PDF: the page is an HTML template filled from our data (every data string
passes html.escape) and printed by the headless Debian chromium that already renders our chart
images (kaleido). One well-kept engine does layout, line breaking, fonts and A4 pagination; no new
dependency (WeasyPrint would add Pango and a second layout engine), and no hand-drawn PDF.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import os
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from core.render import export, geo
from core.render.charts import incident_timeline
from core.data.loading import Corpus
from core.render.maps import fit_view, hotspot_deck, hotspot_map_data
from core.render.static_maps import static_hotspot_figure
from core.analysis.profile import Profile, country_places, map_frame, timeline_rows

TEMPLATE = Path(__file__).resolve().parent / "templates" / "brief.html"
MAX_KEY_FIGURES = 14  # the brief lists at most this many; the profile page lists all
PDF_TIMEOUT = 60  # seconds


class BriefError(RuntimeError):
    """Raised with a plain sentence when the PDF cannot be printed."""


# Map shared by the profile page and the brief -------------------------------------------------

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


FRAME_PIXELS = 400  # the country fills about this many pixels: readable on a desktop, nearly fits a phone (390 px)


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
    return (f"Map of {profile.name}: hotspot areas shaded: {shaded}; places as points, sized by curated rows: "
            f"{pts}{out}.")


def rows_text(n: int) -> str:
    return f"{n} curated row{'' if n == 1 else 's'}"


def static_country_map(cmap: CountryMap, profile: Profile, title: str = "") -> go.Figure:
    """The same map for the brief: core.render.maps.static_hotspot_figure framed to the country."""
    fig = static_hotspot_figure(cmap.parts, title)
    frame = map_frame(cmap.inside, cmap.bounds)
    west, south, east, north = geo.VIEW_BOUNDS
    if not frame.empty:
        pad = max(frame["lon"].max() - frame["lon"].min(), frame["lat"].max() - frame["lat"].min(), 2.0) * 0.12
        west, east = frame["lon"].min() - pad, frame["lon"].max() + pad
        south, north = frame["lat"].min() - pad, frame["lat"].max() + pad
    if cmap.bounds is not None:
        shape = geo.boundary_shapes([f"country:{profile.iso}"], {})
        for geometry in shape.geometry:
            lons, lats = geo.rings(geometry)
            fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", line=dict(color="#222", width=2),
                                        showlegend=False, hoverinfo="skip"))
    fig.update_geos(lonaxis_range=[west, east], lataxis_range=[south, north])
    fig.update_layout(margin=dict(l=5, r=5, t=40 if title else 30, b=5), legend=dict(font=dict(size=11)),
                      title=dict(text=title) if title else None)
    return fig


def static_timeline(profile: Profile) -> go.Figure:
    fig = incident_timeline(timeline_rows(profile), "group", "")
    fig.update_layout(margin=dict(l=5, r=5, t=40, b=40), legend=dict(font=dict(size=11)), title=None, template="plotly_white")
    return fig


def _png(fig: go.Figure, width: int, height: int) -> bytes:
    """A PNG at this size (CSS pixels, drawn at twice the resolution) through the shared kaleido
    browser of core.render.export."""
    return export.render(fig, "png", width, height, scale=2)


# Brief content ------------------------------------------------------------------------------

@dataclass
class BriefContent:
    """What the PDF and the slide both say: the same title, figures and citations."""

    title: str
    generated: str
    filters: str
    coverage: str
    figures: pd.DataFrame  # label, display, period, about, doc_id, figure_id
    more_figures: int
    incidents: str
    hotspots: str
    groups: str
    citations: list[str]
    map_png: bytes | None
    timeline_png: bytes | None
    map_note: str = ""  # places outside the mapped region, in words


def brief_content(corpus: Corpus, profile: Profile, filters_text: str, today: dt.date | None = None,
                  images: bool = True) -> BriefContent:
    """The brief's content from the profile; images need chromium (images=False leaves them out)."""
    from core.analysis.profile import incidents_summary

    key = profile.key_figures
    shown = key.head(MAX_KEY_FIGURES)
    figures = pd.DataFrame({
        "label": shown["label"], "display": shown["display"], "qualifier": shown["qualifier"],
        "period": shown["period"], "about": shown["about"],
        "doc_id": shown["doc_id"], "figure_id": shown["figure_id"],
    })
    hot = profile.hotspots
    hotspots = "; ".join(f"{name} ({', '.join(dict.fromkeys(part['wave']))}; {', '.join(dict.fromkeys(part['doc_id']))})"
                         for name, part in hot.groupby("name", sort=False)) or "none named"
    groups = ", ".join(profile.groups["name"]) or "none named"
    used = set(figures["doc_id"]) | set(profile.incidents["doc_id"]) | set(hot["doc_id"]) | set(profile.groups["doc_id"])
    used |= set(profile.passages["doc_id"])
    docs = [d for d in corpus["documents"]["doc_id"] if d in used]
    cites = [f"[{d}] {c}" for d, c in zip(docs, export.citations(docs, corpus["documents"]))]
    map_png = timeline_png = None
    cmap = country_map(corpus, profile)
    outside = ", ".join(cmap.outside["name"])
    map_note = (f"The maps draw Central Asia and its neighbours; outside them: {outside}." if outside else "")
    if images:
        if cmap.drawable:
            map_png = _png(static_country_map(cmap, profile), 520, 440)
        if profile.incidents["start"].notna().any():
            timeline_png = _png(static_timeline(profile), 700, 320)
    return BriefContent(
        title=f"{profile.name}: country brief", generated=(today or dt.date.today()).isoformat(),
        filters=filters_text, coverage=profile.coverage_sentence(), figures=figures,
        more_figures=len(key) - len(shown), incidents=incidents_summary(profile), hotspots=hotspots,
        groups=groups, citations=cites, map_png=map_png, timeline_png=timeline_png, map_note=map_note,
    )


def brief_html(content: BriefContent) -> str:
    """The brief as an HTML page; every data string is escaped."""
    e = html.escape
    rows = "\n".join(
        f"<tr><td>{e(r.label)}</td><td class='num'>{e(r.display)}</td><td>{e(r.qualifier)}</td>"
        f"<td>{e(r.period or '–')}</td><td>{e(r.about)}</td><td>[{e(r.doc_id)}]</td></tr>"
        for r in content.figures.itertuples())
    if not rows:
        rows = "<tr><td colspan='6'>The documents give no figure for this country.</td></tr>"
    more = (f"<p class='note'>{content.more_figures} more figure(s) on the profile page.</p>"
            if content.more_figures else "")

    def img(data: bytes | None, alt: str, what: str) -> str:
        if not data:
            return f"<p class='note'>{e(what)}</p>"
        return f"<img alt='{e(alt)}' src='data:image/png;base64,{base64.b64encode(data).decode()}'>"

    values = {
        "title": e(content.title), "generated": e(content.generated), "filters": e(content.filters),
        "coverage": e(content.coverage), "figure_rows": rows, "more": more, "incidents": e(content.incidents),
        "hotspots": e(content.hotspots), "groups": e(content.groups),
        "map": img(content.map_png, f"Map: {content.title}", "No map: the country lies outside the region the maps draw."),
        "timeline": img(content.timeline_png, "Timeline of incidents", "No dated incident to draw."),
        "map_note": f"<p class='note'>{e(content.map_note)}</p>" if content.map_note else "",
        "citations": "\n".join(f"<li>{e(c)}</li>" for c in content.citations),
    }
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)


def chromium_path() -> str | None:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") \
        or shutil.which("google-chrome")


def print_pdf(page_html: str) -> bytes:
    """Print an HTML page to an A4 PDF with headless chromium (a fresh temporary profile each time,
    so concurrent prints do not share a profile lock). Raises BriefError with a plain sentence."""
    browser = chromium_path()
    if not browser:
        raise BriefError("The PDF brief needs Debian's chromium on the server (apt-get install chromium).")
    with tempfile.TemporaryDirectory(prefix="brief-") as tmp:
        source, target = Path(tmp) / "brief.html", Path(tmp) / "brief.pdf"
        source.write_text(page_html, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-first-run", f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={target}",
                   source.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise BriefError(f"Chromium could not print the brief ({type(err).__name__}).") from err
        if not target.exists() or target.stat().st_size == 0:
            raise BriefError("Chromium did not write the PDF brief; the details are in the server log.")
        return target.read_bytes()


def brief_pdf(content: BriefContent) -> bytes:
    return print_pdf(brief_html(content))


def brief_pptx(content: BriefContent) -> bytes:
    """One 16:9 slide: title, date, filters, key figures, map, timeline and citations."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank

    def text(left, top, width, height, lines, size=12, bold_first=False):
        frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint shrinks the text if a box overflows
        for i, line in enumerate(lines):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = line
            p.font.size = Pt(size)
            p.font.bold = bold_first and i == 0
        return frame

    text(0.4, 0.2, 12.5, 0.6, [content.title], size=26, bold_first=True)
    text(0.4, 0.8, 12.5, 0.5, [f"Generated {content.generated} · Filters: {content.filters}", content.coverage], size=11)
    rows = [f"{r.label}: {r.display}{' (' + r.period + ')' if r.period else ''}, {r.about} [{r.doc_id}]"
            for r in content.figures.itertuples()] or ["The documents give no figure for this country."]
    if content.more_figures:
        rows.append(f"{content.more_figures} more figure(s) on the profile page.")
    text(0.4, 1.5, 6.4, 3.7, ["Key figures"] + rows, size=9, bold_first=True)
    text(0.4, 5.3, 6.4, 1.1, [f"Incidents: {content.incidents}", f"Hotspots: {content.hotspots}",
                               f"Groups: {content.groups}"] + ([content.map_note] if content.map_note else []), size=9)
    if content.map_png:
        slide.shapes.add_picture(io.BytesIO(content.map_png), Inches(7.4), Inches(1.4), height=Inches(3.7))
    if content.timeline_png:
        slide.shapes.add_picture(io.BytesIO(content.timeline_png), Inches(7.0), Inches(5.15), height=Inches(2.2))
    text(0.4, 6.45, 6.4, 1.0, ["Sources: " + "; ".join(content.citations)], size=8)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        textwrap.shorten(f"{r.figure_id}: {r.label} {r.display}", 200) for r in content.figures.itertuples())
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
