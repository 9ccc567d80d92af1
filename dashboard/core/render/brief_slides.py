"""A country's brief as 16:9 slides an officer can edit: what the documents say (key points as
bullets, beside the hotspot map), the headline figures with the labelled timeline of attacks and
plots, and the sources with the line to cite the brief by. Every title sits in the layout's title
placeholder (editable, and what PowerPoint lists); the key points and figures are the paragraphs of
the layout's body placeholder, so they carry its bullets and hanging indent (a wrapped line starts
under the text, not under the bullet); no text is smaller than 14 pt (the body's shrink-on-overflow
is turned off), and the quotes go in the speaker notes. No Streamlit here."""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches: PowerPoint's 16:9
TITLE_AND_CONTENT, TITLE_ONLY = 1, 5  # python-pptx's default template: "Title and Content", "Title Only"
BODY = 1  # the body placeholder's idx in "Title and Content"
MARGIN = Inches(0.5)
MIN_PT, BODY_PT, TITLE_PT = 14, 16, 28
HANGING = Inches(0.375)  # the default template's body: a bullet's text starts this far in


def _slide(deck, title: str, layout: int = TITLE_ONLY):
    """A slide with its title in the title placeholder, stretched to the 16:9 width (the default
    template's placeholders are laid out for 4:3)."""
    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    box = slide.shapes.title
    box.left, box.top, box.width, box.height = MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.9)
    run = box.text_frame.paragraphs[0].add_run()
    run.text = title
    run.font.size = Pt(TITLE_PT)
    run.font.bold = True
    return slide


def _write(frame, lines: list[str], size: int, italic_first: bool = False, space_after: int = 2,
           links: list[str] | None = None) -> None:
    """These lines into a text frame, each its own paragraph, its runs at `size` (set on each run, never
    inherited from a layout that may be larger or shrink it, and not as the paragraph's default, which
    PowerPoint holds to when the reader resizes the text); a line's quoted title links to `links[i]`
    where that is a web address."""
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(space_after)
        link = links[i] if links and i < len(links) and links[i].startswith(("http://", "https://")) else ""
        start, end = (line.find("\u201c"), line.find("\u201d") + 1) if link else (-1, 0)
        pieces = [(line[:start], ""), (line[start:end], link), (line[end:], "")] if 0 <= start < end else [(line, "")]
        for text, address in pieces:
            if not text:
                continue
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(max(size, MIN_PT))
            run.font.italic = italic_first and i == 0
            if address:
                run.hyperlink.address = address


def _text(slide, left, top, width, height, lines: list[str], size: int = BODY_PT, italic_first: bool = False,
          links: list[str] | None = None):
    """A text box of these lines, each its own paragraph."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    _write(frame, lines, size, italic_first=italic_first, links=links)
    return frame


def _bullets(slide, left, top, width, height, lines: list[str], size: int = BODY_PT):
    """These lines as the bulleted paragraphs of the slide's body placeholder (its layout gives the
    bullet and the hanging indent), placed here; the text keeps its size where it overflows."""
    body = slide.placeholders[BODY]
    body.left, body.top, body.width, body.height = left, top, width, height
    frame = body.text_frame
    frame.auto_size = MSO_AUTO_SIZE.NONE
    _write(frame, lines, size, space_after=4)
    for paragraph in frame.paragraphs:
        paragraph.level = 0
    return frame


def _height(lines: list[str], size: int, width, indent=0, space_after: int = 2) -> float:
    """About how tall (inches) these paragraphs are at `size` in a box `width` wide (an average letter
    is about half as wide as tall; a line is 1.2 times the size; a paragraph adds a fifth of the size
    before it and `space_after` after it), with the box's insets."""
    per_line = max(1, int((Emu(width - indent).inches - 0.2) * 72 / (size * 0.5)))
    rows = sum(math.ceil(max(len(line), 1) / per_line) for line in lines)
    return (rows * size * 1.2 + len(lines) * (size * 0.2 + space_after)) / 72 + 0.1


def _fitting(lines: list[str], width, height, indent=0, sizes=(BODY_PT, 15, MIN_PT), space_after: int = 4) -> int:
    """The largest of `sizes` at which these paragraphs fit the box (the smallest when none does)."""
    return next((size for size in sizes if _height(lines, size, width, indent, space_after) <= Emu(height).inches),
                sizes[-1])


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

    first = _slide(deck, content.title, TITLE_AND_CONTENT)
    text_width = Inches(7.4) if content.map_png else SLIDE_WIDTH - 2 * MARGIN
    points = [f"{c.text} [{c.source}]" for c in content.key_points] or ["No key points have been written for this country."]
    lines = [meta] + ([content.coverage] if content.coverage else [])
    meta_height = Inches(_height(lines, MIN_PT, text_width))
    _text(first, MARGIN, body_top, text_width, meta_height, lines, size=MIN_PT, italic_first=True)
    top = body_top + meta_height + Inches(0.05)
    height = SLIDE_HEIGHT - Inches(0.3) - top
    _bullets(first, MARGIN, top, text_width, height, points, _fitting(points, text_width, height, HANGING))
    if content.map_png:
        _picture(first, content.map_png, Inches(8.2), body_top + Inches(0.1), width=Inches(4.6))
        caption = "Places tied to mobilization: " + (", ".join(content.hotspots) if content.hotspots else "none named")
        _text(first, Inches(8.2), Inches(5.0), Inches(4.6), Inches(1.6), [caption], size=MIN_PT)
    _notes(first, [f"{what}: \u201c{quote}\u201d" for what, quote in content.quotes[:len(content.key_points)]]
           + ["Sources: " + "; ".join(f"[{i}] {s}" for i, s in enumerate(content.sources, 1))])

    second = _slide(deck, f"{content.name}: headline figures, attacks and plots", TITLE_AND_CONTENT)
    figures = [f"{c.text} [{c.source}]" for c in content.headline] or [
        "No document gives a figure on mobilization, returns, violence or recruitment for this country."]
    if content.more_figures:
        figures.append(f"{content.more_figures} further figure{'s' if content.more_figures != 1 else ''} ({content.more_topics}) "
                       f"{'is' if content.more_figures == 1 else 'are'} on the dashboard.")
    height = SLIDE_HEIGHT - Inches(0.3) - body_top
    _bullets(second, MARGIN, body_top, Inches(5.6), height, figures, _fitting(figures, Inches(5.6), height, HANGING))
    sentence_height = Inches(_height([content.events_sentence], MIN_PT, Inches(6.4)))
    _text(second, Inches(6.4), body_top, Inches(6.4), sentence_height, [content.events_sentence], size=MIN_PT)
    if content.timeline_png:
        top = body_top + sentence_height + Inches(0.05)
        _picture(second, content.timeline_png, Inches(6.8), top, height=min(Inches(4.2), SLIDE_HEIGHT - Inches(0.3) - top))
    _notes(second, [f"{what}: \u201c{quote}\u201d" for what, quote in content.quotes[len(content.key_points):]]
           + [f"{c.text} [{c.source}]" for c in content.events])

    third = _slide(deck, f"{content.name}: sources")
    cite_height = Inches(_height([content.cite], MIN_PT, SLIDE_WIDTH - 2 * MARGIN))
    _text(third, MARGIN, body_top, SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - body_top - cite_height - Inches(0.35),
          [f"[{i}] {s}" for i, s in enumerate(content.sources, 1)] or ["No document is cited."], size=MIN_PT,
          links=content.source_links)
    if content.cite:
        _text(third, MARGIN, SLIDE_HEIGHT - cite_height - Inches(0.3), SLIDE_WIDTH - 2 * MARGIN, cite_height,
              [content.cite], size=MIN_PT)
    _notes(third, ([content.cite, ""] if content.cite else [])
           + ["Every statement rests on a quoted passage of the document its number names; the dashboard links "
              "each to its passage."] + [f"{c.text}: {c.link}" for c in content.key_points + content.headline])
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()

