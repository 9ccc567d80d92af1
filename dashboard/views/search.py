"""Search every curated row and the full text of the documents (/search?q=...).

The index is built once per server process (cache.cached); each query then costs a few milliseconds.
Matches are highlighted without HTML: the text is escaped first, then matches are wrapped in
:orange-background[...], so a query or a document holding Markdown or HTML shows it literally.
"""

import streamlit as st

from core.analysis.filters import MAX_PARAM_LENGTH
from core.analysis.search import KINDS, build_index, search, tokenize
from ui import cache, chrome, state, store

SHOWN = 8  # results listed per kind before "more"
EXAMPLES = ("Satpayev", "Daesh", "ISIS-K", "Uyghur", "Aravan", "Telegram", "Crocus City Hall", "repatriated")
LINK_LABELS = {"sources": "passage in Sources", "hotspots": "on the Hotspots map", "groups": "Groups page",
               "country": "country profile", "data": "in the Data page"}


def _use(text: str) -> None:
    st.session_state["w_q"] = text


def marked(pieces: list[tuple[str, bool]]) -> str:
    """Escaped text with the matched words on an orange background."""
    return "".join(f":orange-background[{chrome.safe_text(p)}]" if hit else chrome.safe_text(p) for p, hit in pieces)


def item(hit) -> str:
    """One result as a Markdown list item: title, link, where it comes from, the matching snippet."""
    title = marked(hit.title) if hit.title else chrome.safe_text(hit.meta)
    where = LINK_LABELS.get(hit.link.split("?")[0], "open")
    line = f"- **{title}** · [{where}]({hit.link})"
    if hit.title:
        line += f"  \n  :gray[{chrome.safe_text(hit.meta)}]"
    if hit.snippet:
        label = "" if hit.kind == "passages" else f"*{chrome.safe_text(hit.snippet_label)}:* "
        line += f"  \n  {label}{marked(hit.snippet)}"
    return line


def explain() -> None:
    """What can be searched, with examples to click."""
    st.markdown(
        "Type a name or any word and press Enter. Search looks through:\n"
        "- **places** and their other spellings, **groups** and their aliases, and the countries' names for "
        "their people (Tajik, Kazakhs);\n"
        "- every curated **incident**, **figure**, **hotspot claim** and **recruitment channel**: its summary, "
        "its verbatim quote and the curator's note;\n"
        "- the full text of the five **documents**, paragraph by paragraph (each result opens its passage on "
        "the Sources page).\n\n"
        "Every word must occur in a result; a phrase in double quotes must occur as written. Try:"
    )
    cols = st.columns(4)
    for i, example in enumerate(EXAMPLES):
        cols[i % 4].button(example, key=f"example-{i}", on_click=_use, args=(example,), width="stretch")


def show(query: str) -> None:
    """The results grouped by kind, or why there are none."""
    result = search(index, query)
    if not result.units and not tokenize(query):
        st.info(f"\u201c{chrome.safe_text(query)}\u201d holds no letters or digits to search for. Type a name or a word.")
        return
    if not result.units:
        st.info(f"\u201c{chrome.safe_text(query)}\u201d holds only very common words (like \u201cis\u201d or "
                "\u201cthe\u201d), which occur in nearly every passage. Add a name or a more specific word.")
        return
    for note in result.notes:
        st.caption(chrome.safe_text(note))
    if not result.total:
        tip = (" Did you mean " + " or ".join(f"\u201c{chrome.safe_text(s)}\u201d" for s in result.suggestions) + "?"
               if result.suggestions else " Check the spelling, or try a shorter word or another name for it.")
        st.info(f"No results for \u201c{chrome.safe_text(query)}\u201d.{tip}")
        cols = st.columns(4)
        for i, suggestion in enumerate(result.suggestions):
            cols[i].button(f"Search {suggestion}", key=f"suggest-{i}", on_click=_use, args=(suggestion,))
        return
    counts = " · ".join(f"{KINDS[kind]}: {len(hits)}" for kind, hits in result.hits.items())
    st.markdown(f"**{result.total} results for \u201c{chrome.safe_text(query)}\u201d** ({chrome.safe_text(counts)})")
    if not result.all_words:
        st.caption("No row or passage holds all the words; these hold at least one of them.")
    for kind, hits in result.hits.items():
        st.header(f"{KINDS[kind]} ({len(hits)})")
        st.markdown("\n".join(item(h) for h in hits[:SHOWN]))
        if len(hits) > SHOWN:
            with st.expander(f"{len(hits) - SHOWN} more {KINDS[kind].lower()}"):
                st.markdown("\n".join(item(h) for h in hits[SHOWN:]))


corpus = store.corpus()
index = cache.cached("search-index", lambda: build_index(corpus))
f = state.current()

# The box follows ?q= (a deep link, the sidebar box) and writes back to it.
if "w_q" not in st.session_state or st.session_state.get("_q_seeded") != f.search:
    st.session_state["w_q"] = f.search
    st.session_state["_q_seeded"] = f.search

chrome.header("Search", "Every recorded claim (places, groups, incidents, figures, channels) and the full text of the "
          f"{len(corpus.documents)} documents. The sidebar filters do not apply here.")
chrome.problem_banner(corpus, "figures", "incidents", "places", "channels", "groups", "hotspots", "countries", "indicators")
query = st.text_input("Search for", key="w_q", max_chars=MAX_PARAM_LENGTH,
                      placeholder="A place, group, person, channel or any word: e.g. Satpaev, ISKP, Telegram",
                      help="Names are matched with their other spellings (Satpaev/Satpayev, Daesh/ISIS/IS, "
                           "ISKP/ISIS-K, Uighur/Uyghur, Tajik/Tajikistan); a small typo is corrected. "
                           "Put a phrase in double quotes to match it exactly.").strip()
if query != f.search:
    state.update(search=query)
    st.session_state["_q_seeded"] = query
if query:
    show(query)
else:
    explain()
