"""'Cite this' on every page (chrome.header calls it) and under every chart's Export button: the
citation of what the reader sees, as text, BibTeX and RIS, to copy or download.

The citation (core.render.cite) names the dashboard, the view's title, the filters that apply to the
page in words, the data's version (core.data.version), the view's link without the briefing pack,
and today's date. The link is absolute when DASHBOARD_PUBLIC_URL is set or the reader's browser
tells the address, else relative."""

from __future__ import annotations

import streamlit as st

from core.data import paths
from core.data.version import DataVersion, data_version
from core.render import cite
from ui import state, store
from ui.chrome import CHOICES_WIDTH, folded, safe_text

TITLE = "_page_title"  # the title of the page being drawn, for the citations of its tables
# The filters each page's rows follow (core.analysis.filters.describe); pages not listed: countries and years.
PAGE_FILTERS = {
    "": ("countries", "years"), "country": ("years",), "search": (), "hotspots": ("countries",),
    "attacks": ("countries", "years", "kinds", "groups"), "recruitment": ("countries", "years", "groups"),
    "groups": ("countries", "years", "groups"), "sources": (), "data": ("countries",), "briefing": (), "curate": (),
}


@st.cache_resource(show_spinner=False)
def version() -> DataVersion:
    """The data's version, read once per server process (a curator's write clears it with every cache)."""
    return data_version(paths.curated_dir())


def page_filters() -> str:
    """The filters that apply to this page, in words, with what the page's own link names."""
    f = state.current()
    path = state.page_path()
    applies = PAGE_FILTERS.get(path, ("countries", "years"))
    words = [state.in_words(applies)] if applies else []
    if path in ("search", "data") and f.search:
        words.append(f"search \u201c{f.search}\u201d")
    if path == "data" and f.table:
        words.append(f"table {f.table.replace('_', ' ')}")
    if path == "sources" and f.doc:
        name = store.document_names().get(f.doc)
        words.append(f"document: {name.short if name else f.doc}" + (", the linked passage" if f.row or f.passage else ""))
    return ", ".join(w for w in words if w)


def link() -> str:
    """The view's link with its filters (never the pack: a citation is of the view, not of a session)."""
    query = state.link_query()
    base = cite.public_base()
    if not base and st.context.url:  # what the reader's address bar shows, without its query
        return cite.with_query(st.context.url, query)
    return cite.view_link(base, state.page_path(), query)


def citation(view: str, filters: str | None = None) -> cite.Citation:
    """The citation of `view` as the reader sees it now (`filters`: else the page's, in words)."""
    return cite.make(view, page_filters() if filters is None else filters, version().date, link())


def show(citation_: cite.Citation, key: str) -> None:
    """The citation as text, BibTeX and RIS, each ready to copy (the copy button of st.code) or download."""
    name = cite.bibtex_key(citation_)
    text, bib, ris = cite.text(citation_), cite.bibtex(citation_), cite.ris(citation_)
    as_text, as_bibtex, as_ris = st.tabs(["Text", "BibTeX", "RIS"])
    with as_text:
        st.code(text, language=None, wrap_lines=True)
        st.download_button("Download as text", text.encode("utf-8"), f"{name}.txt", "text/plain", key=f"cite-txt-{key}",
                           on_click="ignore")
    with as_bibtex:
        st.code(bib, language="latex", wrap_lines=True)
        st.download_button("Download .bib", cite.bibtex_file([citation_]), f"{name}.bib", "application/x-bibtex",
                           key=f"cite-bib-{key}", on_click="ignore", help="For BibTeX, Zotero, JabRef, Mendeley")
    with as_ris:
        st.code(ris, language=None, wrap_lines=True)
        st.download_button("Download .ris", cite.ris_file([citation_]), f"{name}.ris", "application/x-research-info-systems",
                           key=f"cite-ris-{key}", on_click="ignore", help="For EndNote, Zotero, Mendeley")
    if not version().current:
        st.caption(safe_text("The curated tables changed after the recorded data version; the curator records "
                             "it with: python dashboard/validate.py --record-version"))


def page_title() -> str:
    """The title of the page being drawn, as its header wrote it."""
    return st.session_state.get(TITLE, "")


def table_view(key: str) -> str:
    """How a citation names a table of the page: 'Attacks and plots, table of incidents'."""
    return f"{page_title() or 'Dashboard'}, table of {key.replace('_', ' ').replace('-', ' ')}"


def cite_this(view: str) -> None:
    """The 'Cite this page' box under a page's title; its content is built only while it is open."""
    st.session_state[TITLE] = view
    # A key per page: the next page's box starts closed.
    box = folded("Cite this page", f"cite-{state.page_path() or 'overview'}", icon=":material/format_quote:",
                 width=CHOICES_WIDTH)
    if box is None:
        return
    with box:
        show(citation(view), "page")
