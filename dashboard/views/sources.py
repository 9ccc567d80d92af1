"""Sources: each document with its metadata and full text, every quoted passage highlighted.

A link ?doc=<doc_id>&row=<row id> opens the document at that row's passage.
"""

import streamlit as st

import ui
from core.sources import passage, quote_spans, row_doc, segments

corpus = ui.get_corpus()
f = ui.current()
docs = corpus["documents"]
titles = dict(zip(docs["doc_id"], docs["title"]))
doc_id = f.doc or (row_doc(corpus, f.row) if f.row else None) or (docs["doc_id"].iloc[0] if len(docs) else None)
ui.header("Sources", f"{len(docs)} documents; every curated row quotes one of them verbatim")
ui.problem_banner(corpus, "documents", "figures", "incidents", "hotspots", "channels", "groups")
if doc_id is None:
    ui.empty_state("documents", "Restore data/curated/documents.csv and seeds/.")
    st.stop()

keys = list(titles)
if st.session_state.get("w_doc") not in keys:
    st.session_state["w_doc"] = doc_id
doc_id = st.selectbox("Document", keys, format_func=lambda d: f"{d}: {titles[d]}", key="w_doc")
row = f.row if f.row and row_doc(corpus, f.row) == doc_id else None
ui.update(doc=doc_id, row=row)

meta = docs[docs["doc_id"] == doc_id].iloc[0]
st.markdown(f"### {ui.safe_text(meta['title'])}")
st.markdown(
    f"**Authors:** {ui.safe_text(meta['authors'] or 'not named')}  \n"
    f"**Publisher:** {ui.safe_text(meta['publisher'] or 'not named')}  \n"
    f"**Published:** {ui.safe_text(meta['published'])} · **Kind:** {ui.safe_text(meta['kind'])} · "
    f"**File:** seeds/{ui.safe_text(meta['file'])}"
)
if meta["note"]:
    st.caption(ui.safe_text(meta["note"]))

spans = quote_spans(corpus, doc_id)
if row:
    found = passage(corpus, doc_id, row)
    if found:
        before, quoted, after = found
        st.success(f"Passage quoted by row **{ui.safe_text(row)}**", icon="📌")
        st.markdown(f"…{ui.safe_text(before)}:red-background[{ui.safe_text(quoted)}]{ui.safe_text(after)}…")

doc = corpus.documents.get(doc_id)
if doc is None:
    st.error(ui.safe_text(f"The text of {doc_id} is missing from seeds/ (file {meta['file']}). Restore it from the repository."))
    st.stop()
st.caption(f"{len({r for _, _, r in spans})} curated rows quote this document; their passages are highlighted "
           + ("(the chosen row's in red)." if row else "."))
with st.container(height=700, border=True):
    parts = []
    for piece, style in segments(doc.text, spans, row):
        paragraphs = piece.split("\n\n")
        wrapped = []
        for p in paragraphs:
            escaped = ui.safe_text(p)
            if style and p.strip():
                colour = "red" if style == "selected" else "orange"
                lead = escaped[: len(escaped) - len(escaped.lstrip())]
                escaped = f"{lead}:{colour}-background[{escaped.strip()}]"
            wrapped.append(escaped)
        parts.append("\n\n".join(wrapped))
    st.markdown("".join(parts))
