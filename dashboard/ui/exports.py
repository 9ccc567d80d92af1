"""The Export button under a chart or map (PNG, SVG, CSV, Add to briefing, and how to cite it), and
the session's briefing pack that the Briefing page turns into a deck or a ZIP.

The pack lives on the server (core.render.pack) under a key the link carries (ui.state), so it
survives a reload, a new tab and a shared link; every change is written at once."""

from __future__ import annotations

import html
import secrets
from dataclasses import replace

import pandas as pd
import streamlit as st

from core.render import export
from core.render.pack import PackError, PackStore, new_key
from ui import cache, cite, state, store
from ui.chrome import CHOICES_WIDTH, FOLDED, folded, safe_text

PROBLEM = "_pack_problem"  # a pack problem to say once on the next page drawn


@st.cache_resource(show_spinner=False)
def pack_store() -> PackStore:
    """The server's pack folder (DASHBOARD_PACK_DIR), shared by every session."""
    return PackStore()


def pack() -> tuple[int, list[export.ChartExport]]:
    """(revision, charts) of this session's pack; (0, []) when it has none (or the link's pack is gone:
    then the session forgets its key and says so once)."""
    key = state.pack_key()
    if not key:
        return 0, []
    try:
        return pack_store().load(key)
    except PackError as problem:
        state.set_pack_key(None)
        st.session_state[PROBLEM] = str(problem)
        return 0, []


def briefing() -> list[export.ChartExport]:
    """The charts in this session's pack, in order (read from the server; callers must not change them)."""
    return pack()[1]


def change(edit) -> str | None:
    """Apply `edit(items) -> items` to the pack and save it (a first chart makes the pack and its key).
    Returns None, or what went wrong in words (the pack is then as it was)."""
    revision, items = pack()
    key = state.pack_key() or new_key()
    try:
        pack_store().save(key, edit(list(items)), revision + 1)
    except PackError as problem:
        return str(problem)
    except OSError:
        return "The briefing pack could not be saved on the server; try again, or download the deck now."
    state.set_pack_key(key)
    return None


def show_problem() -> None:
    """A pack problem kept for the page (a callback cannot draw), said once."""
    problem = st.session_state.pop(PROBLEM, None)
    if problem:
        st.warning(safe_text(problem), icon="⚠️")


def add(key: str, item, filters: str) -> None:
    """Add the chart to the pack (the button's callback), then close the Export choices; a problem
    (a full pack) is said inside them instead."""
    made = item()
    added = replace(made, title=export.slide_title(made.title, filters), uid=secrets.token_hex(4))
    problem = change(lambda items: items + [added])
    if problem:
        st.session_state[PROBLEM] = problem
        return
    st.session_state[f"{FOLDED}export-{key}"] = False
    st.toast(f"Added to the briefing: {safe_text(added.title)}")


def export_controls(key: str, fig, title: str, rows: pd.DataFrame, id_column: str,
                    applies: tuple[str, ...] = ("countries", "years")) -> None:
    """Download the chart as a slide-sized image with its citations, add it to the briefing, or cite
    it: one 'Export' button under the chart that opens the choices (built only while open).
    `fig` may be a function returning the figure (e.g. a map's static rendering): it is then built
    only when a download or the briefing asks for it. `applies` names the filters the chart's rows
    follow: the export states those and no other."""
    # No tooltip: after a click the pointer rests on the box's label, and a tooltip would cover the choices.
    box = folded("Export: PNG, SVG, CSV, briefing, cite", f"export-{key}", icon=":material/download:",
                 width=CHOICES_WIDTH)
    if box is None:
        return
    filters = state.in_words(applies)
    title = html.unescape(title)  # a figure's title arrives escaped for plotly; the pack keeps plain text
    in_pack = any(i.key == key and i.filters == filters for i in briefing())
    keep = [c for c in (id_column, "doc_id", "quote") if c in rows.columns]
    behind = rows[keep].drop_duplicates(id_column).reset_index(drop=True)
    sources = cache.cached("export-sources", lambda: export.citations(rows["doc_id"], store.corpus()["documents"]),
                           tuple(dict.fromkeys(rows["doc_id"].tolist())))
    citation = cite.citation(export.slide_title(title, filters), filters)

    def item() -> export.ChartExport:
        return export.ChartExport(key=key, title=title, filters=filters, figure=fig() if callable(fig) else fig,
                                  rows=behind, id_column=id_column, sources=list(sources), citation=citation)

    def in_words() -> pd.DataFrame:
        return export.reader_rows(rows.drop_duplicates(id_column).reset_index(drop=True), store.reader_names())

    name = export.slug(title)
    can_render = export.renderer_available()
    with box:
        if not can_render:
            st.caption("Image downloads need Debian's chromium on the server: apt-get install chromium")
        st.download_button("PNG", lambda: export.image(export.for_slide(item()), "png"), f"{name}.png", "image/png",
                           key=f"png-{key}", on_click="ignore", help="Slide-sized image with title, filters, sources "
                           "and how to cite it", disabled=not can_render)
        st.download_button("SVG", lambda: export.image(export.for_slide(item()), "svg"), f"{name}.svg", "image/svg+xml",
                           key=f"svg-{key}", on_click="ignore", disabled=not can_render)
        st.download_button("CSV", lambda: export.table_csv(in_words()), f"{name}.csv", "text/csv", key=f"csv-{key}",
                           on_click="ignore", help="The rows behind the chart, in words, with their source and quote")
        show_problem()
        st.button("In the briefing ✓" if in_pack else "Add to briefing", key=f"brief-{key}", disabled=in_pack,
                  on_click=add, args=(key, item, filters),
                  help="Kept on the server under a key in this page's link: a reload or a shared link finds it")
        # Shown inline: the Export box is itself an expander, and expanders are not nested.
        st.markdown("**Cite this chart**")
        cite.show(citation, key)
