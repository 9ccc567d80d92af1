"""What every page repeats: its header, the banner of data problems, empty states, the folded boxes
whose content is built only while open, and text escaped for Markdown (every curated string a page
writes passes safe_text)."""

from __future__ import annotations

import re

import streamlit as st

from core.analysis.filters import Filters
from core.analysis.query import source_link
from core.analysis.sources import passage_link
from core.data.loading import Corpus
from ui import store

PAGE_FAILED = ("Something went wrong while drawing this page. The other pages still work; "
               "the details are in the server log.")

_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>$~:"
_MD_SPECIAL_RE = re.compile("([" + re.escape(_MD_SPECIAL) + "])")


CHOICES_WIDTH = 360  # px: the Export, Download and Cite boxes, narrow beside a chart or table
FOLDED = "folded-"  # key prefix of every box (folded) whose content is built only while it is open


def folded(label: str, key: str, icon: str | None = None, width: int | str = "stretch"):
    """An expander whose content the caller builds only while a reader has it open: the container, or
    None when it is closed. Opening it reruns the page (one click); it stays open across filter changes.
    Choices such as Export are expanders, not popovers: in Streamlit 1.67 a popover that is open when the
    reader follows a page link closes after the new page has started, and its close reran the page it
    was on, so the link seemed to do nothing."""
    box = st.expander(label, key=FOLDED + key, on_change="rerun", icon=icon, width=width)
    return box if box.open else None


def safe_text(text: str) -> str:
    """Text shown through st.markdown literally: Markdown, HTML and LaTeX characters are escaped."""
    return _MD_SPECIAL_RE.sub(r"\\\1", str(text))


def cite(doc_id: str, row_id: str = "", compact: bool = False, link: str | None = None) -> str:
    """A citation as a Markdown link to the row's passage on the Sources page: 'Tucker (late 2021 or
    later, inferred)', or in narrow places 'Tucker (2021, inferred)'; the full reference shows on hover.
    Streamlit opens a Markdown link in a new tab, which is a new session: the link carries the
    briefing pack's key (ui.state.with_pack), so the pack is there too. Text made with it and cached
    across sessions must have state.pack_key() among the cache's depends (as views/overview.py does):
    else one session's pack key would reach another's page."""
    from ui import state  # here: ui.state imports this module

    link = state.with_pack(link or source_link(doc_id, row_id))  # a new tab (a new session) finds the pack
    name = store.document_names().get(doc_id)
    if name is None:
        return f"[{safe_text(doc_id)}]({link})"
    text = name.compact if compact else name.short
    title = name.reference.replace('"', "")
    return f'[{safe_text(text)}]({link} "{title}")'


def cite_passage(doc_id: str, quote: str, compact: bool = False) -> str:
    """A citation linking to a quoted passage that no row's id names (found in the document's text)."""
    document = store.corpus().documents.get(doc_id)
    spans = document.find(quote) if document is not None else None
    return cite(doc_id, compact=compact, link=passage_link(doc_id, spans[0][0], spans[-1][1]) if spans else None)


def header(title: str, description: str) -> None:
    """The page's title, what it shows, and its 'Cite this page' button (ui.cite)."""
    from ui.cite import cite_this  # here: ui.cite imports this module

    st.title(title)
    # Side by side on a wide screen (the page's content starts one line higher); stacked on a phone.
    said, cite_button = st.columns([3, 1], vertical_alignment="center")  # room for the whole "Cite this page" at 1280 px
    said.markdown(f"**{safe_text(description)}**")
    with cite_button:
        cite_this(title)


def problem_banner(corpus: Corpus, *tables: str) -> None:
    """List data problems in plain words (all of them, or those of the given tables)."""
    problems = corpus.problems_for(*tables) if tables else corpus.problems
    if not problems:
        return
    shown = problems[:30]
    lines = "\n".join(f"- {safe_text(str(p))}" for p in shown)
    more = f"\n- … and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    st.error(
        f"**The curated data has {len(problems)} problem(s).** What is shown may be incomplete until "
        f"they are fixed (run python dashboard/validate.py for the full list):\n{lines}{more}"
    )


def empty_state(what: str, suggestion: str) -> None:
    st.info(f"No {what} match these filters. {suggestion}")


def widen_suggestion(f: Filters) -> str:
    tips = []
    if f.countries:
        tips.append("add countries or clear the country filter")
    if f.year_from or f.year_to:
        tips.append("widen the year range")
    if (f.year_from or f.year_to) and not f.include_undated:
        tips.append("include rows with no date")
    if f.kinds or f.groups:
        tips.append("clear the kind or group filter")
    return ("Try to " + ", or ".join(tips) + ".") if tips else "The documents hold nothing of this kind."
