"""Legends written beside a map or chart, drawn in the very colours the drawing uses. Streamlit's
Markdown knows only its own named colours (its red is not the map's vermilion), so a legend in
Markdown told the reader one colour and the map showed another. Each mark is a small empty box
drawn by CSS (a shape, not text: its colour need not pass the contrast rule for text), its words
plain text."""

from __future__ import annotations

import html

# The mark's shape as the CSS of an empty inline box ({c} is the colour): Streamlit's st.html keeps
# inline styles but not SVG.
SHAPES = {
    "square": "width:12px;height:12px;background:{c}",
    "dot": "width:12px;height:12px;border-radius:50%;background:{c}",
    "small dot": "width:7px;height:7px;border-radius:50%;background:{c};margin:0 2px",
    "ring": "width:8px;height:8px;border-radius:50%;border:2px solid {c}",
    "line": "width:14px;height:0;border-top:3px solid {c}",
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
        style = SHAPES[shape].format(c=html.escape(css_colour(colour), quote=True))
        mark = f'<span aria-hidden="true" style="display:inline-block;vertical-align:middle;{style}"></span>'
        items.append(f'<span>{mark}&nbsp;{html.escape(words)}</span>')  # may wrap: a phone is 358 px wide
    lead = f"<strong>{html.escape(title)}</strong> " if title else ""
    return f'<p style="margin:0 0 1rem 0">{lead}{" &middot; ".join(items)}</p>'
