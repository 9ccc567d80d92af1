"""Sources: each document with its metadata and full text, every quoted passage highlighted.

A link ?doc=<doc_id>&row=<row id> opens the document at that row's passage; ?doc=<doc_id>&passage=<start>-<end>
(character offsets into the text, as core.analysis.sources.passage_link writes them) at any passage, e.g. a search result.
"""

import streamlit as st

from core.analysis.sources import check_passage, passage, quote_spans, row_doc, segments, surrounding
from ui import cache, chrome, state, store

PASSAGE = "_passage"  # the id the linked passage gets among the highlighted spans

corpus = store.corpus()
f = state.current()
docs = corpus["documents"]
titles = dict(zip(docs["doc_id"], docs["title"]))
doc_id = f.doc or (row_doc(corpus, f.row) if f.row else None) or (docs["doc_id"].iloc[0] if len(docs) else None)
chrome.header("Sources", f"{len(docs)} documents; every curated row quotes one of them verbatim")
chrome.problem_banner(corpus, "documents", "figures", "incidents", "hotspots", "channels", "groups")


def mark(text: str, colour: str) -> str:
    """Escaped text on a coloured background, paragraph by paragraph (a background cannot span a blank line)."""
    out = []
    for p in text.split("\n\n"):
        escaped = chrome.safe_text(p)
        lead = escaped[: len(escaped) - len(escaped.lstrip())]
        out.append(f"{lead}:{colour}-background[{escaped.strip()}]" if p.strip() else escaped)
    return "\n\n".join(out)


def in_context(before: str, text: str, after: str) -> None:
    st.markdown(f"…{chrome.safe_text(before)}{mark(text, 'red')}{chrome.safe_text(after)}…")


def show_document(doc_id: str) -> None:
    keys = list(titles)
    if st.session_state.get("w_doc") not in keys:
        st.session_state["w_doc"] = doc_id
    if f.passage and not f.doc:
        st.warning(chrome.safe_text("The link gives a passage but no document (add doc=, e.g. doc=uwed); "
                                "showing the whole text."), icon="⚠️")
    doc_id = st.selectbox("Document", keys, format_func=lambda d: f"{d}: {titles[d]}", key="w_doc")
    row = f.row if f.row and row_doc(corpus, f.row) == doc_id else None
    linked = f.passage if f.passage and doc_id == f.doc else None  # a passage belongs to the document it came with
    state.update(doc=doc_id, row=row, passage=linked)

    meta = docs[docs["doc_id"] == doc_id].iloc[0]
    st.markdown(f"## {chrome.safe_text(meta['title'])}")
    st.markdown(
        f"**Authors:** {chrome.safe_text(meta['authors'] or 'not named')}  \n"
        f"**Publisher:** {chrome.safe_text(meta['publisher'] or 'not named')}  \n"
        f"**Published:** {chrome.safe_text(meta['published'])} · **Kind:** {chrome.safe_text(meta['kind'])} · "
        f"**File:** seeds/{chrome.safe_text(meta['file'])}"
    )
    if meta["note"]:
        st.caption(chrome.safe_text(meta["note"]))

    doc = corpus.documents.get(doc_id)
    if doc is None:
        st.error(chrome.safe_text(f"The text of {doc_id} is missing from seeds/ (file {meta['file']}). "
                              "Restore it from the repository."))
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
            st.success(f"Passage quoted by row **{chrome.safe_text(row)}**", icon="📌")
            in_context(*found)

    st.caption(f"{len({r for _, _, r in spans if r != PASSAGE})} curated rows quote this document; their passages "
               "are highlighted " + ("(the linked one in red)." if selected else "."))
    with st.container(height=700, border=True):
        st.markdown(cache.cached("marked-text", lambda: marked_text(doc.text, spans, selected), doc_id, tuple(spans),
                            frozenset(selected)))


def marked_text(text: str, spans: list, selected: set) -> str:
    """The whole document as Markdown, quoted passages on orange and the linked one on red."""
    return "".join(mark(piece, "red" if style == "selected" else "orange") if style else chrome.safe_text(piece)
                   for piece, style in segments(text, spans, selected))


if doc_id is None:
    chrome.empty_state("documents", "Restore data/curated/documents.csv and seeds/.")
else:
    show_document(doc_id)
