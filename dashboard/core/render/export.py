"""Briefing exports: slide-sized chart images with their citations, tables as CSV and Excel,
and the ZIP pack (the PowerPoint deck is core.render.deck). Pure functions; no Streamlit.

Images are rendered by kaleido in Debian's chromium. One browser serves every image in the
process (start_image_server), which makes an image take a fraction of a second instead of two.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
import threading
import warnings
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.analysis import plain
from core.analysis.documents import name_of
from core.render import cite
from core.render.charts import esc

SLIDE_SIZE = (1280, 720)  # pixels, 16:9
_render_lock = threading.Lock()
_server_started = False


def renderer_available() -> bool:
    """Whether kaleido can find a chromium to render images with."""
    import os
    import shutil

    return bool(os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
                or shutil.which("google-chrome"))


def start_image_server() -> None:
    """Start one kaleido browser for this process (idempotent)."""
    global _server_started
    if _server_started:
        return
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _server_started = True


def slug(text: str, limit: int = 60) -> str:
    """A file name from a title: 'Incidents over time: Tajikistan' -> 'incidents-over-time-tajikistan'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "chart"


def short_citation(doc: dict) -> str:
    """'Tucker, Foreign Fighters, Returnees… (late 2021 or later, inferred)': author or publisher,
    short title, and the document's date as documents.csv gives it (core.analysis.documents)."""
    name = name_of({"doc_id": "", **doc})
    title = textwrap.shorten(str(doc.get("title", "")), 48, placeholder="…")
    return f"{name.author}, {title} ({name.date.replace(' (inferred)', ', inferred')})"


def citations(doc_ids, documents: pd.DataFrame) -> list[str]:
    docs = documents.set_index("doc_id")
    return [short_citation({"doc_id": d, **docs.loc[d].to_dict()}) for d in dict.fromkeys(doc_ids) if d in docs.index]


@dataclass
class ChartExport:
    """A chart as it goes into a briefing: the figure, what it shows, and the rows behind it; in a
    pack also the reader's title and one-line takeaway, and the citation of the view it came from."""

    key: str
    title: str
    filters: str
    figure: go.Figure
    rows: pd.DataFrame  # the curated rows behind it: at least row id, doc_id, quote
    id_column: str
    sources: list[str] = field(default_factory=list)  # short citations
    takeaway: str = ""
    citation: cite.Citation | None = None
    uid: str = ""  # tells apart two items of one pack (the same chart with other filters)

    @property
    def file_stem(self) -> str:
        return slug(self.title)


def slide_title(title: str, filters: str) -> str:
    """A chart's title without the filters it ends with: on a slide the filters have a line of their
    own. 'People repatriated (All countries, all years)' and 'Events over time: All countries, all
    years' -> 'People repatriated', 'Events over time'."""
    title = re.sub(r"\s+", " ", title).strip()
    for suffix in (f" ({filters})", f": {filters}", f" \u2014 {filters}"):
        if filters and title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def _fixed_ids(figure: go.Figure) -> go.Figure:
    fig = go.Figure(figure)  # a copy: the cached figure stays as it was
    for i, trace in enumerate(fig.data):
        trace.update(uid=f"t{i}")  # fixed ids: the same chart gives the same file
    return fig


def for_slide(export: ChartExport) -> go.Figure:
    """The chart as an image of its own (PNG, SVG, the ZIP): at slide size with its title, the
    filters in words, a source footnote and the line to cite it by."""
    fig = _fixed_ids(export.figure)
    width, height = SLIDE_SIZE
    footnote = "Sources: " + "; ".join(export.sources) if export.sources else "Sources: none"
    footnote_lines = textwrap.wrap(footnote, 190)[:3]
    if export.citation is not None:
        footnote_lines += textwrap.wrap("Cite as: " + cite.text(export.citation), 190)[:2]
    takeaway = f"<br><span style='font-size:15px'>{esc(export.takeaway)}</span>" if export.takeaway else ""
    fig.update_layout(
        template="plotly_white", width=width, height=height,
        title=dict(text=f"<b>{esc(export.title)}</b><br><span style='font-size:13px'>{esc(export.filters)}</span>{takeaway}",
                   x=0.01, xanchor="left", y=0.97, yanchor="top", font=dict(size=20)),
        margin=dict(l=60, r=40, t=130 if takeaway else 110, b=70 + 16 * len(footnote_lines)),
        paper_bgcolor="white",
    )
    fig.add_annotation(text="<br>".join(map(esc, footnote_lines)), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-40 - 8 * len(footnote_lines), showarrow=False, align="left",
                       font=dict(size=11, color="#444"))
    return fig


def slide_figure(export: ChartExport, width: int, height: int) -> go.Figure:
    """The chart as the picture on a slide: no title, filters or footnote inside it (the slide has
    them as text), text at 16 px, at this size in pixels (core.render.deck picks it so that text
    reads at 14 pt or more where the picture is placed)."""
    fig = _fixed_ids(export.figure)
    fig.update_layout(template="plotly_white", width=width, height=height, title=None, paper_bgcolor="white",
                      font=dict(size=16), margin=dict(l=70, r=30, t=30, b=60))
    return fig


def forget_rendered() -> None:
    """Forget the images made so far (the next export renders again)."""
    _slide_image.cache_clear()


def stop_image_server() -> None:
    global _server_started
    if _server_started:
        import kaleido

        kaleido.stop_sync_server()
        _server_started = False
        _slide_image.cache_clear()


def render(fig: go.Figure, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """PNG or SVG bytes of a figure at this size, one render at a time through the shared browser."""
    with _render_lock, warnings.catch_warnings():
        start_image_server()
        # plotly passes its default request headers to kaleido, which a shared browser ignores (and says so)
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(format=fmt, width=width, height=height, scale=scale)


def image(fig: go.Figure, fmt: str) -> bytes:
    """PNG or SVG bytes of a slide-ready figure (at its own width and height, else slide size). The
    same figure is rendered once: a chart downloaded, then put in a deck and a ZIP, costs one render."""
    return _slide_image(fig.to_json(), fmt, int(fig.layout.width or SLIDE_SIZE[0]), int(fig.layout.height or SLIDE_SIZE[1]))


@functools.lru_cache(maxsize=64)
def _slide_image(figure_json: str, fmt: str, width: int, height: int) -> bytes:
    data = render(pio.from_json(figure_json), fmt, width, height, scale=2 if fmt == "png" else 1)
    if fmt == "svg":  # plotly.js names clip paths after a random id; fix it so exports are reproducible
        text = data.decode("utf-8")
        uid = re.search(r'id="defs-([0-9a-f]+)"', text)
        data = (text.replace(uid.group(1), "chart") if uid else text).encode("utf-8")
    return data


def toolbar_config() -> dict:
    """No plotly toolbar on the page: it sits over the top of the chart, where the legend is, and on a
    phone it covered it (charts draw no drag either: core.render.charts). Its camera would save an
    image with no title, filters or sources (the chart's title is outside the drawing on the page), so
    it stays removed should the toolbar come back; the Export button under each chart gives the image
    with all three. Hovering still shows each mark's values, and a click on a legend entry hides it."""
    return {"displayModeBar": False, "displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}


# Tables -------------------------------------------------------------------------------------------

def table_csv(rows: pd.DataFrame) -> bytes:
    return _plain(rows).to_csv(index=False).encode("utf-8")


def table_xlsx(rows: pd.DataFrame, documents: pd.DataFrame, sheet: str = "rows",
               citation: cite.Citation | None = None, doc_ids=None) -> bytes:
    """Excel workbook: the rows, a second sheet of the documents cited (as a reader cites them, with
    the full reference), and with a citation a third sheet saying how to cite the table (text,
    BibTeX, RIS). `doc_ids`: the documents the rows quote (default: the rows' doc_id column, for
    rows not yet put in plain words)."""
    wanted = set(rows.get("doc_id", []) if doc_ids is None else doc_ids)
    cited = [name_of(d) for d in documents.to_dict("records") if d["doc_id"] in wanted]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _plain(rows).to_excel(writer, sheet_name=sheet[:31], index=False)
        pd.DataFrame({"Source": [d.short for d in cited], "Reference": [d.reference for d in cited]},
                     columns=["Source", "Reference"]).to_excel(writer, sheet_name="documents cited", index=False)
        if citation is not None:
            pd.DataFrame({"how to cite": ["Text", "BibTeX", "RIS"],
                          "citation": [cite.text(citation), cite.bibtex(citation), cite.ris(citation)]}
                         ).to_excel(writer, sheet_name="how to cite", index=False)
    return buffer.getvalue()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells Excel can hold, as a reader writes them: tuples become '; '-joined text, a whole number
    has no '.0' (2017, not 2017.0), a flag reads yes or no (never True / False), timestamps stay dates."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (tuple, list, set))).any():
            out[column] = out[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (tuple, list, set)) else v)
        if out[column].map(lambda v: _cell(v) is not v).any():
            out[column] = pd.Series([_cell(v) for v in out[column]], index=out.index, dtype=object)
    return out


# A text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)" in a quote or a note).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A whole number as an int (Excel keeps it a number), a flag as yes / no, a text that a
    spreadsheet would read as a formula behind an apostrophe (OWASP's advice for CSV injection);
    any other value as it is."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def filters_line(filters: str) -> str:
    """'Filters: Tajikistan, from 2022', or, for a chart no filter narrows, that none applies."""
    return f"Filters: {filters}" if filters.strip() else "Filters: none apply to this chart"


# Downloads in a reader's words -----------------------------------------------------------------------

# What the app computes for its charts and cards, which a reader of a download does not need.
INTERNAL = {"origin_former", "by_former_citizens", "is_part", "priority", "place_kind"}
# A column that repeats another, and the columns that say it for a reader: it is left out where one
# of them is (Year beside Date, Category beside Kind, Group and its involvement beside "Group (how
# involved)", a table's key in words beside its name, ...).
REPEATS = {"year": ("date",), "category": ("kind",),
           "group": ("group_link",), "involvement": ("group_link",), "group_id": ("group_link",),
           "place_id": ("place",), "name": ("iso3", "place_id", "group_id"), "label": ("wave_id",),
           "subject": ("country",), "subject_label": ("country",), "where": ("related", "related_label"),
           "source": ("doc_id",),
           "year_start": ("period_start",), "year_end": ("period_end",), "period": ("when",)}
# Where a blank cell says something other than "not stated" (the rest read "not stated"), and the
# columns whose help says what their blank means, which stay blank.
BLANK_WORDS = {"qualifier": "exact", "low": "none", "high": "none", "related": "none",
               "related_label": "none", "related_as": "none", "differs": "none"}
KEEP_BLANK = {"note", "spans"}


def reader_rows(rows: pd.DataFrame, names: plain.Names) -> pd.DataFrame:
    """The rows of a download (a chart's CSV, a table's CSV and Excel) as a reader would write them:
    in plain words (core.analysis.plain.for_reader: labels, names for ids, row ids out) with no
    internal flag, no column that repeats another, none that is empty in every row, a whole number
    without '.0', yes / no for a flag, and "not stated" for a missing value (BLANK_WORDS and
    KEEP_BLANK say where a blank means something else)."""
    dropped: set[str] = set()
    for column in rows.columns:
        if column in INTERNAL or any(k in rows.columns and k not in dropped for k in REPEATS.get(column, ())):
            dropped.add(column)
    order: list[str] = []  # a column kept for one it repeats takes that one's place ("Place" after "Dated to")
    for column in rows.columns:
        if column in dropped:
            column = next((k for k in REPEATS.get(column, ()) if k in rows.columns and k not in dropped), None)
        if column is not None and column not in order:
            order.append(column)
    kept = rows[order]
    words = _plain(plain.for_reader(kept, names))
    if words.empty:
        return words
    raw_of = {plain.label(c): c for c in reversed(kept.columns)}  # for_reader keeps the first of a label
    out = {}
    for column in words.columns:
        values = words[column]
        missing = values.map(_missing)
        if missing.all():
            continue
        given = set(values[~missing].map(str))
        raw = raw_of.get(column, "")
        blank = ("no" if given <= {"yes", "no"} else "" if raw in KEEP_BLANK else BLANK_WORDS.get(raw, plain.NOT_STATED))
        out[column] = values.astype(object).where(~missing, blank) if missing.any() else values
    return pd.DataFrame(out, index=words.index)


def _missing(value) -> bool:
    if isinstance(value, str):
        return value.strip() in ("", plain.NOT_STATED)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is not missing
        return False


# Briefing pack ------------------------------------------------------------------------------------

def cited_documents(items: list[ChartExport], documents: pd.DataFrame) -> list[dict]:
    """The documents the items' rows quote, in the order of documents.csv."""
    used = set().union(*(set(i.rows["doc_id"]) for i in items)) if items else set()
    return [d for d in documents.to_dict("records") if d["doc_id"] in used]


def full_reference(doc: dict) -> str:
    """'Tucker, “Foreign Fighters, Returnees…”, late 2021 or later (inferred).' (core.analysis.documents)"""
    return name_of({"doc_id": "", **doc}).reference


def quote_lines(item: ChartExport, documents: pd.DataFrame) -> list[str]:
    """Each passage behind a chart once, as '“quote” (Tucker, late 2021 or later)': the words, then who
    says them."""
    names = {d["doc_id"]: name_of(d).short for d in documents.to_dict("records")}
    pairs = dict.fromkeys(zip(item.rows["quote"], item.rows["doc_id"]))
    return [f"\u201c{quote}\u201d \u2014 {names.get(doc_id, 'document not listed')}" for quote, doc_id in pairs]


def passages(item: ChartExport, documents: pd.DataFrame) -> pd.DataFrame:
    """The passages behind a chart in a reader's words: who says it ('Tucker (2021, inferred)') and
    the verbatim quote, each once (no internal row ids)."""
    names = {d["doc_id"]: name_of(d).short for d in documents.to_dict("records")}
    pairs = list(dict.fromkeys(zip(item.rows["doc_id"], item.rows["quote"])))
    return pd.DataFrame({"Source": [names.get(d, "document not listed") for d, _ in pairs],
                         "Quote": [q for _, q in pairs]}, columns=["Source", "Quote"])


def sources_markdown(items: list[ChartExport], documents: pd.DataFrame) -> str:
    lines = ["# Sources", ""]
    lines += [f"- {full_reference(d)}" for d in cited_documents(items, documents)]
    lines += ["", "## Each chart: how to cite it, and the quotes behind it", ""]
    for n, i in enumerate(items, start=1):
        lines.append(f"### {n}. {i.title}")
        if i.takeaway:
            lines.append(f"Takeaway: {i.takeaway}")
        lines.append(filters_line(i.filters))
        if i.citation is not None:
            lines.append(f"Cite as: {cite.text(i.citation)}")
        lines.append("")
        lines += [f"- {q}" for q in quote_lines(i, documents)]
        lines.append("")
    lines.append("citations.bib and citations.ris hold the same citations for reference managers.")
    return "\n".join(lines) + "\n"


def build_zip(items: list[ChartExport], documents: pd.DataFrame, progress=None) -> bytes:
    """PNG, SVG and CSV for each item, sources.md, and the items' citations as BibTeX and RIS."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for n, item in enumerate(items, start=1):
            stem = f"{n:02d}-{item.file_stem}"
            fig = for_slide(item)
            z.writestr(f"{stem}.png", image(fig, "png"))
            z.writestr(f"{stem}.svg", image(fig, "svg"))
            z.writestr(f"{stem}.csv", table_csv(passages(item, documents)))
            if progress:
                progress(n / len(items), f"Rendered {n} of {len(items)}: {item.title}")
        z.writestr("sources.md", sources_markdown(items, documents))
        citations = [i.citation for i in items if i.citation is not None]
        z.writestr("citations.bib", cite.bibtex_file(citations))
        z.writestr("citations.ris", cite.ris_file(citations))
    return buffer.getvalue()


def build_deck(items: list[ChartExport], documents: pd.DataFrame, progress=None) -> bytes:
    """The PowerPoint deck of these items (core.render.deck)."""
    from core.render.deck import build

    return build(items, documents, progress)
