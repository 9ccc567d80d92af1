"""Briefing exports: slide-sized chart images with their citations, tables as CSV and Excel,
a PowerPoint deck and a ZIP pack. Pure functions; no Streamlit.

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

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.analysis.documents import name_of

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
    """A chart as it goes into a briefing: the figure, what it shows, and the rows behind it."""

    key: str
    title: str
    filters: str
    figure: go.Figure
    rows: pd.DataFrame  # the curated rows behind it: at least row id, doc_id, quote
    id_column: str
    sources: list[str] = field(default_factory=list)  # short citations

    @property
    def file_stem(self) -> str:
        return slug(self.title)


def for_slide(export: ChartExport) -> go.Figure:
    """The chart at slide size with its title, the active filters in words and a source footnote."""
    fig = go.Figure(export.figure)  # a copy: the cached figure stays as it was
    for i, trace in enumerate(fig.data):
        trace.update(uid=f"t{i}")  # fixed ids: the same chart gives the same file
    width, height = SLIDE_SIZE
    footnote = "Sources: " + "; ".join(export.sources) if export.sources else "Sources: none"
    footnote_lines = textwrap.wrap(footnote, 190)[:3]
    fig.update_layout(
        template="plotly_white", width=width, height=height,
        title=dict(text=f"<b>{export.title}</b><br><span style='font-size:13px'>{export.filters}</span>",
                   x=0.01, xanchor="left", y=0.97, yanchor="top", font=dict(size=20)),
        margin=dict(l=60, r=40, t=110, b=70 + 16 * len(footnote_lines)),
        paper_bgcolor="white",
    )
    fig.add_annotation(text="<br>".join(footnote_lines), xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-40 - 8 * len(footnote_lines), showarrow=False, align="left",
                       font=dict(size=11, color="#444"))
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
    """PNG or SVG bytes of a slide-ready figure. The same figure is rendered once: a chart downloaded,
    then put in a deck and a ZIP, costs one render."""
    return _slide_image(fig.to_json(), fmt)


@functools.lru_cache(maxsize=64)
def _slide_image(figure_json: str, fmt: str) -> bytes:
    width, height = SLIDE_SIZE
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


def table_xlsx(rows: pd.DataFrame, documents: pd.DataFrame, sheet: str = "rows") -> bytes:
    """Excel workbook: the rows (with doc_id and quote), and a second sheet of the documents cited."""
    cited = documents[documents["doc_id"].isin(set(rows.get("doc_id", [])))]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _plain(rows).to_excel(writer, sheet_name=sheet[:31], index=False)
        cited.to_excel(writer, sheet_name="documents cited", index=False)
    return buffer.getvalue()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells Excel can hold: tuples become '; '-joined text, timestamps stay dates."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (tuple, list, set))).any():
            out[column] = out[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (tuple, list, set)) else v)
    return out


# Briefing pack ------------------------------------------------------------------------------------

def sources_markdown(items: list[ChartExport], documents: pd.DataFrame) -> str:
    lines = ["# Sources", ""]
    for d in documents.to_dict("records"):
        if any(d["doc_id"] in set(i.rows["doc_id"]) for i in items):
            lines.append(f"- **{d['doc_id']}**: {d['authors'] or d['publisher']}, *{d['title']}* "
                         f"({d['publisher'] or 'publisher not named'}; published: {d['published']}). File: seeds/{d['file']}")
    lines += ["", "## Quotes behind each chart", ""]
    for i in items:
        lines.append(f"### {i.title}")
        lines.append(f"Filters: {i.filters}")
        for r in i.rows.to_dict("records"):
            lines.append(f"- {r[i.id_column]} ({r['doc_id']}): \u201c{r['quote']}\u201d")
        lines.append("")
    return "\n".join(lines)


def build_zip(items: list[ChartExport], documents: pd.DataFrame, progress=None) -> bytes:
    """PNG, SVG and CSV for each item, and sources.md."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for n, item in enumerate(items, start=1):
            stem = f"{n:02d}-{item.file_stem}"
            fig = for_slide(item)
            z.writestr(f"{stem}.png", image(fig, "png"))
            z.writestr(f"{stem}.svg", image(fig, "svg"))
            z.writestr(f"{stem}.csv", table_csv(item.rows))
            if progress:
                progress(n / len(items), f"Rendered {n} of {len(items)}: {item.title}")
        z.writestr("sources.md", sources_markdown(items, documents))
    return buffer.getvalue()


def build_deck(items: list[ChartExport], documents: pd.DataFrame, progress=None) -> bytes:
    """PowerPoint: one slide per chart (title, filters, image; quotes in the notes) and a sources slide."""
    from pptx import Presentation
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[5]  # title only
    for n, item in enumerate(items, start=1):
        slide = deck.slides.add_slide(blank)
        slide.shapes.title.text = item.title
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(26)
        box = slide.shapes.add_textbox(Inches(0.5), Inches(1.25), Inches(12.3), Inches(0.4))
        box.text_frame.text = f"Filters: {item.filters}"
        box.text_frame.paragraphs[0].font.size = Pt(14)
        png = image(for_slide(item), "png")
        height = Inches(5.6)
        width = Emu(int(height * SLIDE_SIZE[0] / SLIDE_SIZE[1]))
        slide.shapes.add_picture(io.BytesIO(png), int((deck.slide_width - width) / 2), Inches(1.75), width, height)
        notes = [f"Sources: {'; '.join(item.sources)}", ""]
        notes += [f"{r[item.id_column]} ({r['doc_id']}): \u201c{r['quote']}\u201d" for r in item.rows.to_dict("records")]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        if progress:
            progress(n / (len(items) + 1), f"Slide {n} of {len(items)}: {item.title}")
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Sources"
    body = slide.placeholders[1].text_frame
    cited = [d for d in documents.to_dict("records") if any(d["doc_id"] in set(i.rows["doc_id"]) for i in items)]
    body.text = short_citation(cited[0]) if cited else "No documents cited."
    for d in cited[1:]:
        body.add_paragraph().text = short_citation(d)
    for p in body.paragraphs:
        p.font.size = Pt(16)
    buffer = io.BytesIO()
    deck.save(buffer)
    if progress:
        progress(1.0, "Deck ready")
    return buffer.getvalue()
