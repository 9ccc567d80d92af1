"""A country's brief as 16:9 slides an officer can edit: what the documents say (key points as
bullets, beside the hotspot map), the headline figures with the labelled timeline of attacks and
plots, and the sources. Every title sits in the layout's title placeholder (editable, and what
PowerPoint lists), no text is smaller than 14 pt, and the quotes go in the speaker notes. No
Streamlit here."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: PowerPoint's 16:9
TITLE_ONLY = 5  # python-pptx's default template: "Title Only"
MARGIN = Inches(0.5)
MIN_PT, BODY_PT, TITLE_PT = 14, 16, 28


def _slide(deck, title: str):
    """A slide with its title in the title placeholder, stretched to the 16:9 width (the default
    template's placeholders are laid out for 4:3)."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    box = slide.shapes.title
    box.left, box.top, box.width, box.height = MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.9)
    box.text = title
    for paragraph in box.text_frame.paragraphs:
        paragraph.font.size = Pt(TITLE_PT)
        paragraph.font.bold = True
    return slide


def _text(slide, left, top, width, height, lines: list[str], size: int = BODY_PT, bullets: bool = False,
          italic_first: bool = False):
    """A text box of these lines (each its own paragraph; '• ' in front where `bullets`)."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = ("\u2022 " if bullets else "") + line
        paragraph.font.size = Pt(max(size, MIN_PT))
        paragraph.font.italic = italic_first and i == 0
        paragraph.space_after = Pt(6 if bullets else 2)
    return frame


def _picture(slide, png: bytes, left, top, width=None, height=None) -> None:
    slide.shapes.add_picture(io.BytesIO(png), left, top, width=width, height=height)


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def brief_slides(content) -> bytes:
    """Three slides from a core.render.brief.BriefContent."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    body_top = Inches(1.25)
    meta = content.subtitle + (f" · Years: {content.years}" if content.years else "") + f" · As of {content.generated}"

    first = _slide(deck, content.title)
    text_width = Inches(7.4) if content.map_png else SLIDE_WIDTH - 2 * MARGIN
    _text(first, MARGIN, body_top, text_width, Inches(0.75), [meta], size=MIN_PT, italic_first=True)
    points = [f"{c.text} [{c.source}]" for c in content.key_points] or ["No key points have been written for this country."]
    _text(first, MARGIN, body_top + Inches(0.85), text_width, Inches(5.3), points, bullets=True)
    if content.map_png:
        _picture(first, content.map_png, Inches(8.2), body_top + Inches(0.1), width=Inches(4.6))
        caption = "Places tied to mobilization: " + (", ".join(content.hotspots) if content.hotspots else "none named")
        _text(first, Inches(8.2), Inches(5.0), Inches(4.6), Inches(1.6), [caption], size=MIN_PT)
    _notes(first, [f"{what}: \u201c{quote}\u201d" for what, quote in content.quotes[:len(content.key_points)]]
           + ["Sources: " + "; ".join(f"[{i}] {s}" for i, s in enumerate(content.sources, 1))])

    second = _slide(deck, f"{content.name}: headline figures, attacks and plots")
    figures = [f"{c.text} [{c.source}]" for c in content.headline] or [
        "No document gives a figure on mobilization, returns, violence or recruitment for this country."]
    if content.more_figures:
        figures.append(f"{content.more_figures} further figure{'s' if content.more_figures != 1 else ''} ({content.more_topics}) "
                       f"{'is' if content.more_figures == 1 else 'are'} on the dashboard.")
    _text(second, MARGIN, body_top, Inches(5.6), Inches(5.9), figures, size=MIN_PT, bullets=True)
    _text(second, Inches(6.4), body_top, Inches(6.4), Inches(1.3), [content.events_sentence], size=MIN_PT)
    if content.timeline_png:
        _picture(second, content.timeline_png, Inches(6.8), body_top + Inches(1.35), height=Inches(4.2))
    _notes(second, [f"{what}: \u201c{quote}\u201d" for what, quote in content.quotes[len(content.key_points):]]
           + [f"{c.text} [{c.source}]" for c in content.events])

    third = _slide(deck, f"{content.name}: sources")
    _text(third, MARGIN, body_top, SLIDE_WIDTH - 2 * MARGIN, Inches(5.8),
          [f"[{i}] {s}" for i, s in enumerate(content.sources, 1)] or ["No document is cited."], size=MIN_PT)
    _notes(third, ["Every statement rests on a quoted passage of the document its number names; the dashboard links "
                   "each to its passage."] + [f"{c.text}: {c.link}" for c in content.key_points + content.headline])
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()

