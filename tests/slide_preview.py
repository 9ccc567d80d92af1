"""Slides drawn to PNG for a reader's eye and for checks: each text box's text wrapped at its size in
Liberation Sans (the font chromium brings, a little wider than PowerPoint's Calibri, so a box that
fits here fits there), each picture in its place. Our slides hold only text boxes, placeholders and
pictures, which this draws as PowerPoint lays them out (top-left, word wrap, no autofit).

`overflows` names every text box whose wrapped text is taller than its box and every shape that
leaves the slide."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.util import Emu

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
SCALE = 96 / 914400  # pixels per EMU at 96 dpi
INSET = 91440  # python-pptx text boxes: 0.1 inch left and right
INSET_Y = 45720  # 0.05 inch top and bottom


def _font(size_pt: float, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    style = "BoldItalic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular"
    path = FONT_DIR / f"LiberationSans-{style}.ttf"
    if not path.exists():
        raise RuntimeError(f"{path} is missing: apt-get install fonts-liberation (chromium brings it)")
    return ImageFont.truetype(str(path), round(size_pt * 96 / 72))


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}".strip()
            if line and font.getlength(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def _paragraphs(shape):
    for paragraph in shape.text_frame.paragraphs:
        size = paragraph.font.size or (paragraph.runs[0].font.size if paragraph.runs else None) or Emu(18 * 12700)
        yield paragraph.text, Emu(size).pt, bool(paragraph.font.bold), bool(paragraph.font.italic)


def layout(shape) -> tuple[list[tuple[str, float, bool, bool, float]], float]:
    """(lines as (text, size, bold, italic, y in px), the text's height in px) of a text shape."""
    width = (shape.width - 2 * INSET) * SCALE
    y, lines = INSET_Y * SCALE, []
    for text, size, bold, italic in _paragraphs(shape):
        font = _font(size, bold, italic)
        step = size * 96 / 72 * 1.2
        for line in _wrap(text, font, width):
            lines.append((line, size, bold, italic, y))
            y += step
        y += size * 96 / 72 * 0.25  # space after a paragraph
    return lines, y + INSET_Y * SCALE


def overflows(pptx: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(pptx))
    found = []
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > deck.slide_width \
                    or shape.top + shape.height > deck.slide_height:
                found.append(f"slide {number}: {shape.name} leaves the slide")
            if shape.has_text_frame and shape.text_frame.text.strip():
                _, height = layout(shape)
                if height > shape.height * SCALE + 1:
                    found.append(f"slide {number}: {shape.name} holds {height:.0f} px of text in "
                                 f"{shape.height * SCALE:.0f} px: {shape.text_frame.text[:60]!r}")
    return found


def render(pptx: bytes) -> list[Image.Image]:
    """Each slide as an image."""
    deck = Presentation(io.BytesIO(pptx))
    size = (round(deck.slide_width * SCALE), round(deck.slide_height * SCALE))
    images = []
    for slide in deck.slides:
        image = Image.new("RGB", size, "white")
        draw = ImageDraw.Draw(image)
        for shape in slide.shapes:
            left, top = shape.left * SCALE, shape.top * SCALE
            if shape.shape_type == 13:  # picture
                picture = Image.open(io.BytesIO(shape.image.blob)).convert("RGB")
                image.paste(picture.resize((round(shape.width * SCALE), round(shape.height * SCALE))),
                            (round(left), round(top)))
            elif shape.has_text_frame:
                lines, _ = layout(shape)
                for text, pt, bold, italic, y in lines:
                    draw.text((left + INSET * SCALE, top + y), text, fill="black", font=_font(pt, bold, italic))
            draw.rectangle([left, top, left + shape.width * SCALE, top + shape.height * SCALE], outline="#dddddd")
        images.append(image)
    return images
