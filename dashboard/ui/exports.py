"""The Export button under a chart or map (PNG, SVG, CSV, Add to briefing), and the session's
briefing pack that the Briefing page turns into a deck or a ZIP."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.render import export
from ui import cache, state, store
from ui.chrome import safe_text
from ui.tables import FOLDED


def briefing() -> list:
    """Charts added to the briefing pack: kept for the session, across page changes."""
    return st.session_state.setdefault("_briefing", [])


def export_controls(key: str, fig, title: str, rows: pd.DataFrame, id_column: str,
                    applies: tuple[str, ...] = ("countries", "years")) -> None:
    """Download the chart as a slide-sized image with its citations, or add it to the briefing: one
    'Export' button under the chart that opens the choices (built only while open).
    `fig` may be a function returning the figure (e.g. a map's static rendering): it is then built
    only when a download or the briefing asks for it. `applies` names the filters the chart's rows
    follow: the export states those and no other."""
    # No tooltip: after a click the pointer rests on the button, and its tooltip would cover the choices.
    box = st.popover("Export: PNG, SVG, CSV, briefing", key=f"{FOLDED}export-{key}", on_change="rerun",
                     icon=":material/download:")
    if not box.open:
        return
    filters = state.in_words(applies)
    in_pack = any(i.key == key and i.filters == filters for i in briefing())
    keep = [c for c in (id_column, "doc_id", "quote") if c in rows.columns]
    behind = rows[keep].drop_duplicates(id_column).reset_index(drop=True)
    sources = cache.cached("export-sources", lambda: export.citations(rows["doc_id"], store.corpus()["documents"]),
                           tuple(dict.fromkeys(rows["doc_id"].tolist())))

    def item() -> export.ChartExport:
        return export.ChartExport(key=key, title=title, filters=filters, figure=fig() if callable(fig) else fig,
                                  rows=behind, id_column=id_column, sources=list(sources))

    name = export.slug(title)
    can_render = export.renderer_available()
    with box:
        if not can_render:
            st.caption("Image downloads need Debian's chromium on the server: apt-get install chromium")
        st.download_button("PNG", lambda: export.image(export.for_slide(item()), "png"), f"{name}.png", "image/png",
                           key=f"png-{key}", on_click="ignore", help="Slide-sized image with title, filters and sources",
                           disabled=not can_render)
        st.download_button("SVG", lambda: export.image(export.for_slide(item()), "svg"), f"{name}.svg", "image/svg+xml",
                           key=f"svg-{key}", on_click="ignore", disabled=not can_render)
        st.download_button("CSV", lambda: export.table_csv(behind), f"{name}.csv", "text/csv", key=f"csv-{key}",
                           on_click="ignore", help="The rows behind the chart, with their source and quote")
        if st.button("In the briefing ✓" if in_pack else "Add to briefing", key=f"brief-{key}", disabled=in_pack):
            briefing().append(item())
            st.toast(f"Added to the briefing: {safe_text(title)}")
            st.rerun()
