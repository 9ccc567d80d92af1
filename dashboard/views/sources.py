"""Sources: each document with its metadata and full text, every quoted passage highlighted.

A link ?doc=<doc_id>&row=<row id> opens the document at that row's passage; ?doc=<doc_id>&passage=<start>-<end>
(character offsets into the text, as core.analysis.sources.passage_link writes them) at any passage, e.g. a search result.
"""

import streamlit as st

from core.analysis.sources import (check_passage, passage, quote_spans, row_doc, segments, surrounding,
                                   without_markup)
from ui import cache, chrome, state, store

PASSAGE = "_passage"  # the id the linked passage gets among the highlighted spans

corpus = store.corpus()
f = state.current()
docs = corpus["documents"]
titles = dict(zip(docs["doc_id"], docs["title"]))
doc_id = f.doc or (row_doc(corpus, f.row) if f.row else None) or (docs["doc_id"].iloc[0] if len(docs) else None)
chrome.header("Sources", f"{len(docs)} documents; every claim in the dashboard quotes one of them verbatim")
chrome.problem_banner(corpus, "documents", "figures", "incidents", "hotspots", "channels", "groups")


def mark(text: str, colour: str) -> str:
    """Escaped text on a coloured background, paragraph by paragraph (a background cannot span a blank line)."""
    out = []
    for p in text.split("\n\n"):
        escaped = chrome.safe_text(without_markup(p))
        lead = escaped[: len(escaped) - len(escaped.lstrip())]
        out.append(f"{lead}:{colour}-background[{escaped.strip()}]" if p.strip() else escaped)
    return "\n\n".join(out)


def in_context(before: str, text: str, after: str) -> None:
    st.markdown(f"…{chrome.safe_text(without_markup(before))}{mark(text, 'red')}{chrome.safe_text(without_markup(after))}…")


def show_document(doc_id: str) -> None:
    keys = list(titles)
    if st.session_state.get("w_doc") not in keys:
        st.session_state["w_doc"] = doc_id
    if f.passage and not f.doc:
        st.warning(chrome.safe_text("The link points to a passage but does not say in which document; "
                                "showing the whole text of the first."), icon="⚠️")
    cited = store.reader_names().documents
    doc_id = st.selectbox("Document", keys, format_func=lambda d: f"{cited.get(d, d)}: {titles[d]}", key="w_doc")
    row = f.row if f.row and row_doc(corpus, f.row) == doc_id else None
    linked = f.passage if f.passage and doc_id == f.doc else None  # a passage belongs to the document it came with
    state.update(doc=doc_id, row=row, passage=linked)

    meta = docs[docs["doc_id"] == doc_id].iloc[0]
    st.markdown(f"## {chrome.safe_text(meta['title'])}")
    name = store.document_names()[doc_id]
    basis = ("stated in the document" if meta["published_basis"] == "stated" else
             "inferred by the curator (see the note)" if meta["published_basis"] == "inferred" else "not known")
    st.markdown(
        f"**Authors:** {chrome.safe_text(meta['authors'].replace(';', ',') or 'not named')}  \n"
        f"**Publisher:** {chrome.safe_text(meta['publisher'] or 'not named')}  \n"
        f"**Date:** {chrome.safe_text(name.date.replace(' (inferred)', ''))} ({basis}) · "
        f"**Kind:** {chrome.safe_text(meta['kind'])}  \n"
        f"**Cite as:** {chrome.safe_text(name.reference)}"
    )
    if meta["note"]:
        st.caption(chrome.safe_text(meta["note"]))

    doc = corpus.documents.get(doc_id)
    if doc is None:
        st.error(chrome.safe_text(f"The text of {titles.get(doc_id, 'this document')} is missing from the "
                              f"dashboard's documents (seeds/{meta['file']}). Restore it from the repository."))
        return
    spans = cache.cached("quote-spans", lambda: quote_spans(corpus, doc_id), doc_id)
    selected = {row} if row else set()
    if linked:
        span, notice = check_passage(doc.text, linked)
        if notice:
            st.warning(chrome.safe_text(notice), icon="⚠️")
        if span:
            st.success(f"Passage at characters {span[0]:,}\u2013{span[1]:,} of this document", icon="📌")
            in_context(*surrounding(doc.text, *span))
            spans = sorted([*spans, (*span, PASSAGE)])
            selected.add(PASSAGE)
    if row:
        found = passage(corpus, doc_id, row)
        if found:
            st.success("The passage this link points to", icon="📌")
            in_context(*found)

    st.caption(f"{len({r for _, _, r in spans if r != PASSAGE})} claims quote this document; their passages "
               "are highlighted" + (" (the linked one in red)." if selected else "."))
    with st.container(height=700, border=True):
        st.markdown(cache.cached("marked-text", lambda: marked_text(doc.text, spans, selected), doc_id, tuple(spans),
                            frozenset(selected)))


def marked_text(text: str, spans: list, selected: set) -> str:
    """The whole document as Markdown, quoted passages on orange and the linked one on red."""
    return "".join(mark(piece, "red" if style == "selected" else "orange") if style else chrome.safe_text(without_markup(piece))
                   for piece, style in segments(text, spans, selected))


if doc_id is None:
    chrome.empty_state("documents", "Restore data/curated/documents.csv and seeds/.")
else:
    show_document(doc_id)
