"""Briefing: the charts added with 'Add to briefing', in order, exported as a deck or a ZIP."""

import streamlit as st

from core.render.export import build_deck, build_zip
from ui import chrome, exports, store

corpus = store.corpus()
items = exports.briefing()
chrome.header("Briefing", f"{len(items)} chart(s) in this session's briefing pack")
st.caption("Add charts with \u201cAdd to briefing\u201d under any chart; they stay here while you move between pages. "
           "The deck has one slide per chart (title, filters, image; the quotes behind it in the speaker notes) and a "
           "final sources slide. The ZIP holds a PNG, an SVG and a CSV per chart, and sources.md.")
chrome.problem_banner(corpus, "documents")

if not items:
    st.info("The briefing is empty. Open a page, set the filters, and press \u201cAdd to briefing\u201d under a chart.")
    st.stop()


def move(i: int, step: int) -> None:
    j = i + step
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
    st.session_state.pop("_pack", None)


def drop(i: int) -> None:
    items.pop(i)
    st.session_state.pop("_pack", None)


for i, item in enumerate(items):
    cols = st.columns([8, 1, 1, 1])
    cols[0].markdown(f"**{i + 1}. {chrome.safe_text(item.title)}**  \n{chrome.safe_text(item.filters)} · "
                     f"{len(item.rows)} row(s) from {chrome.safe_text(', '.join(sorted(set(item.rows['doc_id']))))}")
    cols[1].button("↑", key=f"up-{i}", on_click=move, args=(i, -1), disabled=i == 0, help="Move up")
    cols[2].button("↓", key=f"down-{i}", on_click=move, args=(i, 1), disabled=i == len(items) - 1, help="Move down")
    cols[3].button("✕", key=f"drop-{i}", on_click=drop, args=(i,), help="Remove from the briefing")

documents = corpus["documents"]
left, right = st.columns(2)
for col, kind, builder, mime, name in (
    (left, "deck", build_deck, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "briefing.pptx"),
    (right, "zip", build_zip, "application/zip", "briefing.zip"),
):
    with col:
        if st.button(f"Build the {'PowerPoint deck' if kind == 'deck' else 'ZIP of images and tables'}", key=f"build-{kind}"):
            bar = st.progress(0.0, text="Starting…")
            data = builder(list(items), documents, progress=lambda share, text: bar.progress(min(share, 1.0), text=text))
            st.session_state.setdefault("_pack", {})[kind] = data
            bar.progress(1.0, text="Ready")
        built = st.session_state.get("_pack", {}).get(kind)
        if built:
            st.download_button(f"Download {name} ({len(built) // 1024:,} KB)", built, name, mime, key=f"dl-{kind}",
                               on_click="ignore", type="primary")
