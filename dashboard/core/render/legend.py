"""Legends written beside a map or chart, drawn in the very colours the drawing uses. Streamlit's
Markdown knows only its own named colours (its red is not the map's vermilion), so a legend in
Markdown told the reader one colour and the map showed another. Each mark is a small inline SVG
(a shape, not text: its colour need not pass the contrast rule for text), its words plain text."""

from __future__ import annotations

import html

# The mark's shape as SVG inside a 14 x 14 box; {c} is the colour.
SHAPES = {
    "square": '<rect x="1" y="1" width="12" height="12" fill="{c}"/>',
    "dot": '<circle cx="7" cy="7" r="6" fill="{c}"/>',
    "small dot": '<circle cx="7" cy="7" r="3" fill="{c}"/>',
    "ring": '<circle cx="7" cy="7" r="5" fill="none" stroke="{c}" stroke-width="2"/>',
    "line": '<line x1="0" y1="7" x2="14" y2="7" stroke="{c}" stroke-width="3"/>',
}


def css_colour(colour) -> str:
    """'#D55E00' as it is; an RGBA list of deck.gl ([230, 159, 0, 150]) as CSS rgba()."""
    if isinstance(colour, str):
        return colour
    r, g, b, *a = colour
    return f"rgba({r}, {g}, {b}, {round((a[0] if a else 255) / 255, 2)})"


def legend_html(entries: list[tuple[str, object, str]], title: str = "") -> str:
    """One line of marks and words: each entry is (shape in SHAPES, colour, words). Every word escaped."""
    items = []
    for shape, colour, words in entries:
        mark = SHAPES[shape].format(c=html.escape(css_colour(colour), quote=True))
        svg = (f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false" '
               f'style="vertical-align:-2px">{mark}</svg>')
        items.append(f'<span style="white-space:nowrap">{svg}&nbsp;{html.escape(words)}</span>')
    lead = f"<strong>{html.escape(title)}</strong> " if title else ""
    return f'<p style="margin:0 0 1rem 0">{lead}{" &middot; ".join(items)}</p>'
