"""The briefing deck: one 16:9 slide per chart and a sources slide, built with python-pptx.

Each chart's slide: its title in the layout's title placeholder (PowerPoint edits it as a title),
the filters in words on a line of their own under it, the reader's one-line takeaway when there is
one, the chart as a picture without a title of its own, and a source line; the quotes behind it and
its citation go in the speaker notes. No text on a slide is smaller than 14 pt, and the picture is
rendered at a size where its text reads at 14 pt or more too (core.render.export.slide_figure).
Pure functions; no Streamlit.
"""

from __future__ import annotations

import io
import math

import pandas as pd

from core.analysis.documents import name_of
from core.data.version import long_date
from core.render import cite
from core.render.export import ChartExport, cited_documents, filters_line, full_reference, image, quote_lines, slide_figure

WIDTH, HEIGHT = 40 / 3, 7.5  # inches: PowerPoint's 16:9 (12192000 x 6858000 EMU)
MARGIN = 0.5
CONTENT = WIDTH - 2 * MARGIN
PICTURE_PX = 1000  # the picture's width in pixels: 16 px text then reads at 14.2 pt across 12.3 inches
MIN_PT = 14
GREY = (0x44, 0x44, 0x44)
DOCUMENTS_PER_SLIDE = 6


def title_size(title: str) -> int:
    """The title's size in points: 28, or smaller for a long title so that it fits on two lines."""
    return 28 if len(title) <= 60 else 24 if len(title) <= 80 else 20


def lines_needed(text: str, points: int, width: float = CONTENT) -> int:
    """How many lines `text` takes at this size in a box this wide (an average letter is half as wide as tall)."""
    per_line = max(1, int(width * 72 / (points * 0.52)))
    return max(1, math.ceil(len(text) / per_line))


def _height(lines: int, points: int) -> float:
    return lines * points * 1.25 / 72 + 0.16  # the box's own margins (0.05 in above and below) and a line's leading


def _write(frame, lines: list[str], points: int, bold: bool = False, colour=None) -> None:
    """Text into a text frame, one paragraph per line, every run at `points` (never inherited)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(points)
        run.font.bold = bold
        if colour:
            run.font.color.rgb = RGBColor(*colour)


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)


def _title(slide, text: str, points: int | None = None) -> None:
    """The slide's title in its title placeholder, placed across the 16:9 slide (the default layout's
    box is 9 inches wide, made for 4:3), left-aligned."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    points = points or title_size(text)
    _place(slide.shapes.title, MARGIN, 0.3, CONTENT, 1.0)
    frame = slide.shapes.title.text_frame
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _write(frame, [text], points, bold=True)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _textbox(slide, top: float, text: str, points: int, bold: bool = False, colour=GREY) -> float:
    """A text box across the slide at `top`, tall enough for its lines; returns where it ends."""
    from pptx.util import Inches

    height = _height(lines_needed(text, points), points)
    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(top), Inches(CONTENT), Inches(height))
    _write(box.text_frame, [text], points, bold=bold, colour=colour)
    return top + height


def source_line(item: ChartExport, documents: pd.DataFrame, limit: int = 118) -> str:
    """'Sources: Tucker (late 2021 or later, inferred); The Soufan Center (autumn 2021, inferred) and 2
    more (in the notes)': the documents behind the chart as 'Author (date)', as many as fit one line,
    in the order of documents.csv; when not even one fits, how many there are."""
    names = {d["doc_id"]: name_of(d).short for d in documents.to_dict("records")}
    used = set(item.rows["doc_id"]) if "doc_id" in item.rows else set()
    cited = [names[d] for d in names if d in used] or list(item.sources)
    if not cited:
        return "Sources: none"
    shown: list[str] = []
    for n, source in enumerate(cited, 1):
        rest = len(cited) - n
        line = "Sources: " + "; ".join(shown + [source]) + (f" and {rest} more (in the notes)" if rest else "")
        if len(line) > limit:
            break
        shown.append(source)
    if len(shown) == len(cited):
        return "Sources: " + "; ".join(shown)
    if shown:
        return "Sources: " + "; ".join(shown) + f" and {len(cited) - len(shown)} more (in the notes)"
    return f"Sources: {len(cited)} document{'s' if len(cited) != 1 else ''}, cited in full in the notes"


def notes_text(item: ChartExport, documents: pd.DataFrame) -> str:
    """The speaker notes: the title, takeaway and filters, how to cite the slide, then each quote."""
    notes = [item.title]
    if item.takeaway:
        notes.append(f"Takeaway: {item.takeaway}")
    notes.append(filters_line(item.filters))
    if item.citation is not None:
        notes.append(f"Cite as: {cite.text(item.citation)}")
    notes += ["", f"Sources: {'; '.join(item.sources) or 'none'}", "", "Quotes behind the chart:"]
    notes += quote_lines(item, documents)
    return "\n".join(notes)


def chart_slide(deck, item: ChartExport, documents: pd.DataFrame) -> None:
    from pptx.util import Inches

    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only": the title stays a title
    _title(slide, item.title)
    top = _textbox(slide, 1.35, filters_line(item.filters), MIN_PT)
    if item.takeaway:
        top = _textbox(slide, top + 0.05, item.takeaway, 20, bold=True, colour=(0x11, 0x11, 0x11))
    footer_top = HEIGHT - MARGIN - _height(1, MIN_PT) + 0.15
    picture_top = top + 0.1
    picture_height = footer_top - 0.05 - picture_top
    pixels = (PICTURE_PX, max(300, round(PICTURE_PX * picture_height / CONTENT)))
    png = image(slide_figure(item, *pixels), "png")
    slide.shapes.add_picture(io.BytesIO(png), Inches(MARGIN), Inches(picture_top), Inches(CONTENT), Inches(picture_height))
    _textbox(slide, footer_top, source_line(item, documents), MIN_PT)
    slide.notes_slide.notes_text_frame.text = notes_text(item, documents)


def sources_slides(deck, items: list[ChartExport], documents: pd.DataFrame) -> None:
    """The documents cited, in full, a few to a slide, and how to cite the slides."""
    cited = [full_reference(d) for d in cited_documents(items, documents)] or ["No documents cited."]
    versions = sorted({long_date(i.citation.version) for i in items if i.citation is not None and i.citation.version})
    how = ("How to cite a slide: its speaker notes give the citation, with the link to the view, the filters and "
           f"the data version{' (' + ', '.join(versions) + ')' if versions else ''}.")
    chunks = [cited[i:i + DOCUMENTS_PER_SLIDE] for i in range(0, len(cited), DOCUMENTS_PER_SLIDE)]
    for n, chunk in enumerate(chunks):
        slide = deck.slides.add_slide(deck.slide_layouts[1])  # "Title and Content"
        _title(slide, "Sources" if n == 0 else "Sources (continued)", 28)
        body = slide.placeholders[1]
        _place(body, MARGIN, 1.45, CONTENT, HEIGHT - 1.45 - MARGIN)
        _write(body.text_frame, chunk + ([how] if n == len(chunks) - 1 else []), 16)


def build(items: list[ChartExport], documents: pd.DataFrame, progress=None) -> bytes:
    """PowerPoint: one slide per chart (title, filters, takeaway, picture, sources; quotes and the
    citation in the notes) and the sources."""
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(round(WIDTH * 914_400)), Emu(round(HEIGHT * 914_400))
    for n, item in enumerate(items, start=1):
        chart_slide(deck, item, documents)
        if progress:
            progress(n / (len(items) + 1), f"Slide {n} of {len(items)}: {item.title}")
    sources_slides(deck, items, documents)
    buffer = io.BytesIO()
    deck.save(buffer)
    if progress:
        progress(1.0, "Deck ready")
    return buffer.getvalue()
