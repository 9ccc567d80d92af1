"""Layout on a narrow screen (a phone, 390 px wide): the app's only CSS, kept in this one module.

Streamlit already stacks st.columns below 640 px and fits every element to the width. What it
cannot do by itself, which this module adds:

- On a narrow screen, a chart that must keep a minimum width to stay readable (a heatmap's cells)
  scrolls sideways in its own box instead of shrinking to a sliver: `scrolling(name, min_width)` is a container with the
  key "scroll-x-<name>"; only the chart inside it scrolls, the page around it never does. Browser
  tests find these boxes by that key (SCROLL_KEY) and allow them, and nothing else, to be wider
  than the screen.
- A map on a phone is lower (MAP_HEIGHT_PHONE): deck.gl takes every touch on the map for panning, so
  a map that filled the screen would leave no room to scroll past it. Its first view is framed for
  that size (core.render.maps.PHONE_MAP), so the region it shows fits the width.
- On a laptop screen the page starts 2rem nearer the top than Streamlit's 6rem (still below its
  header bar), so the Overview's key points and waves fit one 1440 x 900 screen.

Selectors name only the `data-testid` attributes Streamlit's own tests rely on and the
`st-key-<key>` class that st.container documents for a keyed container: no generated class names,
which change from one Streamlit release to the next. `stylesheet()` is called once per run by
app.py; Streamlit sends a style-only st.html to the page's event container, where it takes no room.
"""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st

NARROW = 640  # px: Streamlit stacks columns below this width; the phone rules apply there too
SCROLL_KEY = "scroll-x-"  # key prefix of the containers whose chart scrolls sideways
MAP_HEIGHT_PHONE = 360  # px: a map's height on a narrow screen (core.render.maps.PHONE_MAP frames it)
CELL_WIDTH = 26  # px: the narrowest heatmap cell that still holds its count
LABEL_CHAR = 7  # px per character of an axis label at the charts' 13 px font (generous)

STYLESHEET = f"""<style>
/* A chart in a scroll box keeps its width (set per box by scrolling()); the element around it scrolls. */
[class*="st-key-{SCROLL_KEY}"] [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {{
  overflow-x: auto;
  overscroll-behavior-x: contain;
}}
@media (min-width: {NARROW + 1}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 4rem; }}
}}
@media (max-width: {NARROW}px) {{
  /* A map, unless opened full screen (its frame then holds the "Close fullscreen" button), is lower. */
  [data-testid="stElementContainer"]:has(> [data-testid="stFullScreenFrame"] > [data-testid="stDeckGlJsonChart"]),
  [data-testid="stFullScreenFrame"]:not(:has([aria-label="Close fullscreen"])):has(> [data-testid="stDeckGlJsonChart"]) {{
    height: auto !important;
    flex-basis: auto !important;
  }}
  [data-testid="stFullScreenFrame"]:not(:has([aria-label="Close fullscreen"])) > [data-testid="stDeckGlJsonChart"] {{
    height: {MAP_HEIGHT_PHONE}px !important;
  }}
  /* A touch screen shows a table's toolbar at all times, above the table: room for it, so that it
     does not cover the last words of what comes before. */
  [data-testid="stElementContainer"]:has(> [data-testid="stFullScreenFrame"] > [data-testid="stDataFrame"]) {{
    margin-top: 2rem;
  }}
}}
</style>"""


def stylesheet() -> None:
    """The rules above, on every page (app.py calls it once per run)."""
    st.html(STYLESHEET)


def heatmap_width(columns: int, longest_row_label: int) -> int:
    """The narrowest a heatmap stays readable, in px: its row labels, a cell per column, the colour bar."""
    return 16 + LABEL_CHAR * longest_row_label + CELL_WIDTH * columns + 80


@contextmanager
def scrolling(name: str, min_width: int):
    """A container whose chart keeps `min_width` px on a phone: there the chart scrolls sideways in its
    box while its title, text alternative and buttons stay in place. On a wider screen the chart fits
    the page (a box that scrolls there would need a keyboard stop, which Streamlit cannot give it)."""
    key = f"{SCROLL_KEY}{name}"
    with st.container(key=key):
        st.html(f'<style>@media (max-width: {NARROW}px) {{ .st-key-{key} [data-testid="stFullScreenFrame"]'
                f':has([data-testid="stPlotlyChart"]) {{ min-width: {int(min_width)}px; }} }}</style>')
        yield
