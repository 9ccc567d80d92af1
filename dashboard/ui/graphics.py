"""Charts and maps on the page, each with its text alternative.

A chart's title states the filter; on the page it is the bold line above the drawing, not part of
the figure. A figure that changes at all is a new element to Streamlit, which the browser draws from
scratch, so a year change that leaves a chart's rows as they were sends the same figure and the
browser keeps the chart it has. Exports put the title back inside the image (ui.exports)."""

from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.render import export
from core.analysis import plain
from core.render.alt_text import figure_items, titled_summary
from ui import cache, store
from ui.chrome import folded, safe_text
from ui.exports import export_controls

SCREEN_TOP_MARGIN = 24  # the title's room, given back to the drawing on the page


def plain_title(fig: go.Figure) -> str:
    """The figure's title without markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(fig.layout.title.text or ""))).strip()


def on_screen(fig: go.Figure) -> tuple[go.Figure, str]:
    """(the newly built figure as the page shows it, its title): the title is taken out of the
    drawing (the page writes it above) and its room given back to the drawing (a legend above the
    plot still pushes the margin out as far as it needs)."""
    title = plain_title(fig)
    fig.update_layout(title=None, margin_t=SCREEN_TOP_MARGIN)
    return fig, title


def chart(build, key: str, *depends, rows: pd.DataFrame | None = None, id_column: str | None = None,
          summary=None, data=None, title: str | None = None, applies: tuple[str, ...] = ("countries", "years"),
          more: str = "") -> None:
    """A plotly chart built by `build()`, cached on the chart's key and what it `depends` on, with its
    text alternative (`summary` and `data`, or functions returning them, cached like the chart; read
    from the figure when not given; a `data` function runs only when its table is opened), and the
    Export button when the rows behind it are given (its words state the filters in `applies`).

    With `title` (else the built figure's), `depends` need only name what the drawing depends on
    (e.g. the ids of its rows): a filter change that leaves those rows as they were reuses the drawing
    under the new title. Exports put the title back inside the image (core.render.export.for_slide).

    `more` is a sentence the caption adds after the summary about rows the drawing leaves out (the
    undated, on a timeline): the chart's accessible name, part of its identity, says only what is
    drawn, so a change in those rows leaves the chart as it is."""
    drawing, built_title = cache.cached(f"chart:{key}", lambda: on_screen(build()), *depends)
    title = built_title if title is None else re.sub(r"\s+", " ", title).strip()
    st.markdown(f"**{safe_text(title)}**")
    if not drawing.data:  # nothing to draw ("No estimates match the filters."): a sentence, not an empty frame
        st.caption(safe_text(empty_message(drawing)))
        return
    if callable(summary):
        summary = cache.cached(f"summary:{key}", summary, *depends)
    if summary is None or data is None:
        items, read_data = cache.cached(f"alt:{key}", lambda: figure_items(drawing), *depends)
        data = data if data is not None else read_data
    if callable(data):
        make_data = data
        data = lambda: cache.cached(f"data:{key}", make_data, *depends)  # noqa: E731
    # The chart's accessible name says what it draws, which stays the same while its rows do (a name
    # with the filter in it would make it a new element on every filter change, as a title would).
    st.plotly_chart(drawing, width="stretch", key=key, config=export.toolbar_config(),
                    alt=summary if summary is not None else titled_summary("Chart", items))
    text_alternative((summary if summary is not None else titled_summary(title, items)) + more, data, key)
    if rows is not None:
        export_controls(key, drawing, title, rows, id_column, applies)


def empty_message(fig: go.Figure) -> str:
    """The words of a chart with nothing to draw (its annotations), as plain text."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(a.text or ""))) for a in fig.layout.annotations).strip()


def deck(name: str, build, *depends, **pydeck_chart_args):
    """st.pydeck_chart of a deck built once per name and what it depends on."""
    return st.pydeck_chart(cache.cached(f"deck:{name}", build, *depends), **pydeck_chart_args)


def text_alternative(summary: str, data, key: str) -> None:
    """What a screen reader reaches for a chart or map: one sentence built from the same rows, and
    the data as a table one click away. `data` is the table, or a function that builds it when the
    reader opens it (its expander is then always shown)."""
    st.caption(safe_text(summary))
    if data is not None and (callable(data) or len(data)):
        box = folded("Data table", f"alt-{key}")
        if box is not None:
            table = plain.for_reader(data() if callable(data) else data, store.reader_names())
            with box:
                if len(table):
                    st.dataframe(table, hide_index=True, width="stretch", key=f"alt-{key}", placeholder=plain.NOT_STATED)
                else:
                    st.caption("No rows.")
