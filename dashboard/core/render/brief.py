"""A country's one-page brief, as an officer hands it over: what the documents say (the key points),
the headline figures, the hotspots on a map with their names, a labelled timeline of the attacks
and plots that involved the country, and the documents cited in full, each point and figure linked
to its passage. The content here; the A4 PDF below; the slides in core.render.brief_slides. Pure
functions; no Streamlit.

Why chromium for the PDF: the page is an HTML template filled from our data (every data string
passes html.escape) and printed by the headless Debian chromium that already renders our chart
images (kaleido). One well-kept engine does layout, line breaking, fonts and A4 pagination; no new
dependency (WeasyPrint would add Pango and a second layout engine), and no hand-drawn PDF.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from urllib.parse import urljoin

import pandas as pd
import plotly.graph_objects as go

from core.analysis.events import date_text
from core.analysis.documents import document_names
from core.analysis.headlines import headline_figures, key_points
from core.analysis.overview import figure_value
from core.analysis.profile import Profile, timeline_rows
from core.analysis.query import place_name, source_link
from core.analysis.sources import passage_link
from core.data import paths
from core.data.loading import Corpus
from core.data.version import data_version
from core.render import cite, export
from core.render.charts import event_label, incident_timeline
from core.render.country_map import BRIEF_MAP_SIZE, country_map, static_country_map

TEMPLATE = Path(__file__).resolve().parent / "templates" / "brief.html"
TIMELINE_SIZE = (560, 380)
MAX_EVENTS = 4  # labelled events listed under the timeline
PDF_TIMEOUT = 60  # seconds
ATTACKS_AND_PLOTS = ("attack", "plot")
# Other kinds of event in a reader's words (singular, plural).
KINDS = {"attack": ("attack", "attacks"), "plot": ("plot", "plots"), "arrest": ("arrest", "arrests"),
         "group event": ("group event", "group events"), "policy": ("policy measure", "policy measures"),
         "unrest": ("episode of unrest", "episodes of unrest"), "state strike": ("state strike", "state strikes"),
         "court case": ("court verdict", "court verdicts")}
LEGEND = {"shaded": "orange area: a district or province tied to mobilization", "points": "orange dot: a city or site tied to mobilization",
          "outlined": "blue outline: the region around a city tied to mobilization",
          "vague": "hollow ring: a place tied to mobilization, known only to a region", "cited": "grey dot: another place the documents cite"}


class BriefError(RuntimeError):
    """Raised with a plain sentence when the PDF cannot be printed."""


@dataclass
class Cited:
    """A statement of the brief with the number of its document in the list of sources and the link
    to its passage."""

    text: str
    source: int
    link: str


@dataclass
class BriefContent:
    """What the PDF and the slides both say."""

    name: str
    title: str
    subtitle: str  # what the brief rests on: the documents and the years they were written
    generated: str
    years: str  # the year filter in words, or "" when none is set
    key_points: list[Cited]
    headline: list[Cited]  # "People repatriated: 654 (Kazakhstan; as of late 2021 …)"
    more_figures: int
    more_topics: str  # what the further figures are about, from their indicators' topics: "migration, violence"
    events: list[Cited]  # the attacks and plots drawn on the timeline, labelled ones first
    events_sentence: str
    hotspots: list[str]  # hotspot names
    sources: list[str]  # full references, in citation order
    source_links: list[str] = field(default_factory=list)  # the first passage the brief cites of each source
    coverage: str = ""  # how many of the documents name the country: "Only 1 of the 5 documents names Turkmenistan; …"
    cite: str = ""  # how to cite the brief itself: the dashboard, the brief's title and years, the data version, the date
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (what, the quote) for the slide's notes
    map_png: bytes | None = None
    timeline_png: bytes | None = None
    link: str = ""  # the profile on the dashboard
    map_legend: str = ""  # what the map's marks mean, for the layers it draws
    map_note: str = ""  # places outside the mapped region, in words


def document_years(names, doc_ids) -> str:
    """'2020 to 2024' (or '2024', '2020 to 2021 or later'): the years the documents were written,
    'inferred' said where any is."""
    years = sorted({names[d].year for d in doc_ids if d in names and names[d].year})
    inferred = [names[d].date.endswith("(inferred)") for d in doc_ids if d in names]
    if not years:
        return "of unknown date"
    span = years[0] if years[0] == years[-1] else f"{years[0]} to {years[-1]}"
    if any(names[d].or_later for d in doc_ids if d in names and names[d].year == years[-1]):
        span += " or later"  # the latest document's date is a lower bound
    basis = ("" if not any(inferred) else " (date inferred)" if len(inferred) == 1 else
             " (dates inferred)" if all(inferred) else " (dates partly inferred)")
    return f"written {span}{basis}"


def brief_content(corpus: Corpus, profile: Profile, years: str = "", today: dt.date | None = None,
                  images: bool = True, base_url: str = "", version: str | None = None) -> BriefContent:
    """The brief's content from the profile. `years` is the year filter in words ("" when none is
    set); `base_url` the dashboard's address, which makes the passage links absolute; images need
    chromium (images=False leaves them out); `version` is the data's version its citation names (by
    default the recorded one, core.data.version)."""
    names = document_names(corpus)
    order: dict[str, str] = {}  # documents in the order the brief first cites them, each with its first passage

    def number(doc_id: str, where: str) -> int:
        order.setdefault(doc_id, where)
        return list(order).index(doc_id) + 1

    def link(relative: str) -> str:
        return urljoin(base_url, relative) if base_url else relative

    points = key_points(corpus, profile.iso)
    cited_points = []
    for r in points.itertuples():
        document = corpus.documents.get(r.doc_id)
        spans = document.find(r.quote) if document is not None else None
        where = passage_link(r.doc_id, spans[0][0], spans[-1][1]) if spans else source_link(r.doc_id, r.key_point_id)
        cited_points.append(Cited(r.statement, number(r.doc_id, link(where)), link(where)))
    headline, rest = headline_figures(profile.key_figures)
    cited_figures = []
    for r in headline.itertuples():
        where = link(source_link(r.doc_id, r.figure_id))
        cited_figures.append(Cited(f"{r.label}: {figure_value(r)} ({r.about}; {r.when})", number(r.doc_id, where), where))
    ev = profile.events
    attacks = ev[ev["category"].isin(ATTACKS_AND_PLOTS)] if "category" in ev else ev.iloc[0:0]
    # Only what concerns the country itself: an event of "Central Asians" whose country no document
    # names is said apart, never drawn as the country's.
    regional = attacks[attacks["relation"] == profile.regional_relation]
    attacks = attacks[attacks["relation"] != profile.regional_relation]
    attacks = attacks.sort_values("start", na_position="last", kind="stable")
    # The events a reader looks for, latest first.
    labelled = attacks[(attacks["key_event"] == "yes") | attacks["killed"].notna()].sort_values(
        "start", ascending=False, na_position="last", kind="stable")
    events = []
    for r in labelled.itertuples():
        first_doc, first_row = r.sources[0]
        where = link(source_link(first_doc, first_row))
        events.append(Cited(f"{date_text(r.date, r.date_inferred) or 'date not stated'} · {event_label(r.place, r.summary, r.killed)}: "
                            f"{textwrap.shorten(r.summary, 90, placeholder='…', break_on_hyphens=False)}", number(first_doc, where), where))
    hotspots = list(dict.fromkeys(place_name(n) for n in profile.hotspots["name"]))  # a place once
    for doc_id, row in zip(profile.hotspots["doc_id"], profile.hotspots["hotspot_id"]):
        number(doc_id, link(source_link(doc_id, row)))
    quotes = [(f"Key point {i}", r.quote) for i, r in enumerate(points.itertuples(), 1)]
    quotes += [(f"{r.label}: {figure_value(r)}", r.quote) for r in headline.itertuples()]
    cmap = country_map(corpus, profile)
    outside = ", ".join(cmap.outside["name"])
    map_png = timeline_png = None
    if images:
        if cmap.drawable and not (cmap.parts["shaded"].empty and cmap.parts["points"].empty and cmap.parts["cited"].empty
                                  and cmap.bounds is None):
            map_png = _png(static_country_map(cmap, profile), *BRIEF_MAP_SIZE)
        if attacks["start"].notna().any():
            timeline_png = _png(static_timeline(attacks, profile), *TIMELINE_SIZE)
    documents = list(order)
    generated = (today or dt.date.today()).isoformat()
    title = f"{profile.name}: what the documents say"
    references = {r["doc_id"]: cite.document_reference(r) for r in corpus["documents"].to_dict("records")}
    return BriefContent(
        name=profile.name, title=title,
        subtitle=(f"Central Asian mobilization to foreign conflicts: {len(documents)} "
                  f"document{'s' if len(documents) != 1 else ''} {document_years(names, documents)}"),
        generated=generated, years=years, key_points=cited_points,
        headline=cited_figures, more_figures=len(rest),
        more_topics=", ".join(dict.fromkeys(t for t in rest.get("topic", []) if t)), events=events, events_sentence=events_sentence(profile, attacks, regional),
        hotspots=hotspots, sources=[references.get(d, d) for d in documents], source_links=list(order.values()),
        coverage=coverage_sentence(profile, len(corpus["documents"]), documents),
        cite=brief_citation(title, years, link(f"country?iso={profile.iso}"), generated, version), quotes=quotes,
        link=link(f"country?iso={profile.iso}"), map_png=map_png, timeline_png=timeline_png, map_legend=map_legend(cmap) if map_png else "",
        map_note=f"Outside the map's region: {outside}." if outside else "",
    )


def map_legend(cmap) -> str:
    """The legend of the layers the map draws, and of no other."""
    parts = cmap.parts
    points = parts["points"]
    vague = points["geo_precision"].isin(["region", "country"]) if "geo_precision" in points else points.index == -1
    drawn = {"shaded": not parts["shaded"].empty, "points": bool((~vague).any()), "vague": bool(vague.any()),
             "outlined": not parts.get("outlined", points.iloc[0:0]).empty,
             "cited": not parts.get("cited", points.iloc[0:0]).empty}
    shown = [text for key, text in LEGEND.items() if drawn[key]]
    return (shown[0][:1].upper() + "; ".join(shown)[1:] + ".") if shown else ""


def events_sentence(profile: Profile, attacks: pd.DataFrame, regional: pd.DataFrame | None = None) -> str:
    """'6 attacks or plots in Tajikistan or involving Tajik nationals (5 dated). 1 more plot involves
    Central Asians whose country the documents do not name. 11 other events concerning Tajikistan or
    Tajik nationals (5 policy measures, 3 group events, …) are on the dashboard's profile.' Events of
    Central Asians whose country no document names are never counted as the country's: those that are
    attacks or plots (`regional`) are said apart, the others not at all."""
    n = len(attacks)
    if attacks.empty:
        lead = (f"The documents describe no attack or plot in {profile.name} or involving {profile.adjective} "
                "nationals.")
    else:
        dated = int(attacks["start"].notna().sum())
        former = bool(attacks["by_former_citizens"].any())
        lead = (f"{n} attack{'s' if n != 1 else ''} or plot{'s' if n != 1 else ''} in {profile.name} or involving "
                f"{profile.adjective} nationals{' or former citizens' if former else ''} ({dated} dated).")
    more = ""
    if regional is not None and not regional.empty:
        k, kinds = len(regional), kinds_in_words(regional["category"])
        said = (kinds if attacks.empty else f"1 more {kinds.split(' ', 1)[1]}" if k == 1 else f"{k} more ({kinds})")
        more = f" {said} involve{'s' if k == 1 else ''} Central Asians whose country the documents do not name."
    ev = profile.events
    own = ev[(ev["relation"] != profile.regional_relation) & ~ev["event_id"].isin(attacks["event_id"])] \
        if "relation" in ev else ev.iloc[0:0]
    whom, verb = f"concerning {profile.name} or {profile.adjective} nationals", "is" if len(own) == 1 else "are"
    others = ("" if own.empty else
              f" {kinds_in_words(own['category'])} {whom} {verb} also on the dashboard's profile."
              if own["category"].nunique() == 1 else
              f" {len(own)} other events {whom} ({kinds_in_words(own['category'])}) are on the dashboard's profile.")
    return lead + more + others


def kinds_in_words(categories: pd.Series) -> str:
    """'5 policy measures, 3 group events and 1 arrest': the events' kinds counted, the commonest first."""
    counts = categories.fillna("").value_counts(sort=True)
    parts = [f"{n} {KINDS.get(kind, (kind or 'other event', (kind or 'other event') + 's'))[n != 1]}"
             for kind, n in counts.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def coverage_sentence(profile: Profile, total: int, cited: list[str]) -> str:
    """How many of the documents name the country (the count the profile gives: Profile.naming), and
    how many of them the brief cites: 'Only 1 of the 5 documents names Turkmenistan; the brief
    rests on it alone.'"""
    named = profile.naming
    n = len(named)
    if not n:
        return f"None of the {total} documents names {profile.name} in its text."
    lead = (f"All {total} documents name {profile.name}" if n == total and n > 1 else
            f"Only 1 of the {total} documents names {profile.name}" if n == 1 else
            f"{n} of the {total} documents name {profile.name}")
    if set(cited) == set(named):
        return lead + ("; the brief rests on it alone." if n == 1 else "; the brief cites each.")
    inside = set(cited) <= set(named)
    return lead + f"; the brief cites {len(cited)}{' of them' if inside and n > 1 else ''}."


def brief_citation(title: str, years: str, link: str, generated: str, version: str | None = None) -> str:
    """'Cite this brief: <dashboard>, “Tajikistan: what the documents say”, country brief, all years,
    data version of 6 December 2026. <link> (accessed 23 November 2026).'"""
    version = data_version(paths.curated_dir()).date if version is None else version
    return "Cite this brief: " + cite.export_text(cite.make(title, years or "all years", version, link, generated),
                                                  "country brief")


def static_timeline(attacks: pd.DataFrame, profile: Profile) -> go.Figure:
    """The attacks and plots on a white timeline, the events a reader looks for labelled."""
    rows = timeline_rows(profile)
    fig = incident_timeline(rows[rows["event_id"].isin(attacks["event_id"])], "kind", "")
    fig.update_layout(margin=dict(l=5, r=30, t=30, b=40), legend=dict(font=dict(size=12), orientation="h", y=1.02,
                      yanchor="bottom", x=0), title=None, template="plotly_white", height=TIMELINE_SIZE[1],
                      font=dict(size=13), xaxis_title_text="")
    return fig


def _png(fig: go.Figure, width: int, height: int) -> bytes:
    """A PNG at this size (CSS pixels, drawn at twice the resolution) through the shared kaleido
    browser of core.render.export."""
    return export.render(fig, "png", width, height, scale=2)


# The PDF ---------------------------------------------------------------------------------------

def brief_html(content: BriefContent) -> str:
    """The brief as an HTML page; every data string is escaped."""
    e = html.escape

    def cited(items: list[Cited]) -> str:
        return "\n".join(f"<li>{e(c.text)} <a href='{e(c.link)}'>[{c.source}]</a></li>" for c in items)

    def img(data: bytes | None, alt: str, what: str) -> str:
        if not data:
            return f"<p class='note'>{e(what)}</p>"
        return f"<img alt='{e(alt)}' src='data:image/png;base64,{base64.b64encode(data).decode()}'>"

    more = (f"<p class='note'>{content.more_figures} further figure{'s' if content.more_figures != 1 else ''} "
            f"({content.more_topics}) {'is' if content.more_figures == 1 else 'are'} on the dashboard.</p>" if content.more_figures else "")
    values = {
        "title": e(content.title), "subtitle": e(content.subtitle),
        "meta": e(f"As of {content.generated}" + (f" · Years: {content.years}" if content.years else "")),
        "key_points": cited(content.key_points) or "<li>No key points have been written for this country.</li>",
        "headline": cited(content.headline) or "<li>No document gives a figure on mobilization, returns, violence or "
                                                 "recruitment for this country.</li>",
        "more": more,
        "map": img(content.map_png, f"Map of the places in {content.name} the documents tie to mobilization" if content.hotspots
                   else f"Map of {content.name} and the places the documents cite; none is named as a hotspot",
                   "The documents place nothing in the region the "
                                                                         "maps draw."),
        "map_legend": e(content.map_legend),
        "map_note": f"<p class='note'>{e(content.map_note)}</p>" if content.map_note else "",
        "hotspots": e(", ".join(content.hotspots) if content.hotspots else "No document ties a place here to mobilization."),
        "events_sentence": e(content.events_sentence),
        "timeline": img(content.timeline_png, "Timeline of the attacks and plots", ""),
        "events": cited(content.events[:MAX_EVENTS]) + (f"<li>… and {len(content.events) - MAX_EVENTS} more.</li>"
                                                         if len(content.events) > MAX_EVENTS else ""),
        "sources": "\n".join(source_entry(s, where) for s, where in zip(content.sources, content.source_links))
                   or "<li>No document is cited.</li>",
        "link": e(content.link),
    }
    page = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)
    # How much the documents say of the country, under the subtitle; how to cite the brief, at its foot.
    if content.coverage:
        page = page.replace("<p class=\"meta\">", f"<p class='subtitle'>{e(content.coverage)}</p>\n<p class=\"meta\">", 1)
    if content.cite:
        page = page.replace("</body>", f"<p class='note' style='margin-top: 1.5mm'>{e(content.cite)}</p>\n</body>", 1)
    return page


def source_entry(reference_: str, where: str) -> str:
    """A source in the list: its full reference, the title linked to the first passage the brief cites."""
    e = html.escape
    text = e(reference_)
    title = re.search("\u201c.*?\u201d", text)
    if not where:
        return f"<li>{text}</li>"
    if not title:
        return f"<li>{text} <a href='{e(where)}'>(passage)</a></li>"
    return f"<li>{text[:title.start()]}<a href='{e(where)}'>{title.group()}</a>{text[title.end():]}</li>"


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
    """The brief as slides (core.render.brief_slides)."""
    from core.render.brief_slides import brief_slides

    return brief_slides(content)
