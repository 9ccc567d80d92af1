"""Briefing: the charts added with 'Add to briefing', in order, each with an editable title and an
optional one-line takeaway, exported as a deck or a ZIP. The pack is kept on the server under the key
in the link (ui.exports), so a reload or a shared link shows the same pack."""

import streamlit as st

from core.render.export import build_deck, build_zip
from core.analysis.plain import count_of
from ui import chrome, exports, state, store

TITLE_MAX, TAKEAWAY_MAX = 120, 160  # a title fits two lines of a slide; a takeaway one line at 20 pt

corpus = store.corpus()
revision, items = exports.pack()
chrome.header("Briefing", f"{len(items)} chart{'s' if len(items) != 1 else ''} in this briefing pack")
exports.show_problem()
st.caption("Add charts with \u201cAdd to briefing\u201d under any chart. The pack is kept on the server under the key in "
           "this page's link: a reload keeps it, and anyone you send the link to sees and can change the same pack. "
           "The deck has one 16:9 slide per chart (its title, the filters, your takeaway, the chart; the quotes behind it "
           "and its citation in the speaker notes) and the sources. The ZIP holds a PNG, an SVG and a CSV per chart, "
           "sources.md, and the citations as BibTeX and RIS.")
chrome.problem_banner(corpus, "documents")



def edit(make) -> None:
    """Change the pack (a callback: the page is drawn again after it) and keep any problem to say."""
    problem = exports.change(make)
    if problem:
        st.session_state[exports.PROBLEM] = problem


def move(uid: str, step: int) -> None:
    def moved(current):
        i = next((n for n, it in enumerate(current) if it.uid == uid), None)
        if i is not None and 0 <= i + step < len(current):
            current[i], current[i + step] = current[i + step], current[i]
        return current
    edit(moved)


def drop(uid: str) -> None:
    edit(lambda current: [it for it in current if it.uid != uid])


def retitle(uid: str, field: str) -> None:
    """Keep what the reader typed as the item's title or takeaway (a title left empty keeps the old one)."""
    from dataclasses import replace

    typed = " ".join(str(st.session_state.get(f"{field}-{uid}", "")).split())
    if field == "title" and not typed:
        st.session_state.pop(f"{field}-{uid}", None)  # the box shows the old title again
        return
    edit(lambda current: [replace(it, **{field: typed}) if it.uid == uid else it for it in current])


def start_new() -> None:
    state.set_pack_key(None)


def show_pack() -> None:
    """Each chart with its title, takeaway and controls, then the deck and ZIP (a page with st.stop()
    would skip app.py's sync of the link)."""
    for n, item in enumerate(items):
        with st.container(border=True):
            head, up, down, remove = st.columns([10, 1, 1, 1], vertical_alignment="bottom")
            for field, value in (("title", item.title), ("takeaway", item.takeaway)):
                if f"{field}-{item.uid}" not in st.session_state:
                    st.session_state[f"{field}-{item.uid}"] = value
            head.text_input(f"Slide {n + 1}: title", key=f"title-{item.uid}", max_chars=TITLE_MAX, on_change=retitle,
                            args=(item.uid, "title"), help="The slide's title (the filters have a line of their own under it)")
            up.button("↑", key=f"up-{item.uid}", on_click=move, args=(item.uid, -1), disabled=n == 0,
                      help="Move up", width="stretch")
            down.button("↓", key=f"down-{item.uid}", on_click=move, args=(item.uid, 1), disabled=n == len(items) - 1,
                        help="Move down", width="stretch")
            remove.button("✕", key=f"drop-{item.uid}", on_click=drop, args=(item.uid,), help="Remove from the briefing",
                          width="stretch")
            st.text_input("Takeaway (optional, one line)", key=f"takeaway-{item.uid}", max_chars=TAKEAWAY_MAX,
                          on_change=retitle, args=(item.uid, "takeaway"), placeholder="e.g. Arrests rose after 2022",
                          help="One line in bold under the filters on the slide, and in the ZIP's sources.md")
            names = store.document_names()
            documents = [chrome.safe_text(names[d].author) for d in dict.fromkeys(item.rows["doc_id"]) if d in names]
            st.caption(f"Filters: {chrome.safe_text(item.filters)} · {count_of(len(item.rows), 'quoted statement')} "
                       f"from {', '.join(documents) or 'no document'}")

    documents = corpus["documents"]
    built = st.session_state.setdefault("_pack", {})
    left, right = st.columns(2)
    for col, kind, builder, mime, name in (
        (left, "deck", build_deck, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "briefing.pptx"),
        (right, "zip", build_zip, "application/zip", "briefing.zip"),
    ):
        with col:
            version = (state.pack_key(), revision)  # a download is offered only for the pack as it is now
            if st.button(f"Build the {'PowerPoint deck' if kind == 'deck' else 'ZIP of images and tables'}", key=f"build-{kind}"):
                bar = st.progress(0.0, text="Starting…")
                data = builder(list(items), documents, progress=lambda share, text: bar.progress(min(share, 1.0), text=text))
                built[kind] = (version, data)
                bar.progress(1.0, text="Ready")
            if kind in built and built[kind][0] == version:
                data = built[kind][1]
                st.download_button(f"Download {name} ({len(data) // 1024:,} KB)", data, name, mime, key=f"dl-{kind}",
                                   on_click="ignore", type="primary")

    st.button("Start a new, empty pack", key="new-pack", on_click=start_new,
              help="This pack stays on the server under its link; charts you add from now on go into a new pack")


if items:
    show_pack()
else:
    st.info("The briefing is empty. Open a page, set the filters, and press \u201cAdd to briefing\u201d under a chart.")
