"""What every page repeats: its header, the banner of data problems, empty states, and text escaped
for Markdown (every curated string a page writes passes safe_text)."""

from __future__ import annotations

import re

import streamlit as st

from core.analysis.filters import Filters
from core.data.loading import Corpus

PAGE_FAILED = ("Something went wrong while drawing this page. The other pages still work; "
               "the details are in the server log.")

_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>$~:"
_MD_SPECIAL_RE = re.compile("([" + re.escape(_MD_SPECIAL) + "])")


def safe_text(text: str) -> str:
    """Text shown through st.markdown literally: Markdown, HTML and LaTeX characters are escaped."""
    return _MD_SPECIAL_RE.sub(r"\\\1", str(text))


def header(title: str, description: str) -> None:
    st.title(title)
    st.markdown(f"**{safe_text(description)}**")


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
    if not f.include_undated:
        tips.append("include rows with no date")
    if f.kinds or f.groups:
        tips.append("clear the kind or group filter")
    return ("Try to " + ", or ".join(tips) + ".") if tips else "The documents hold nothing of this kind."
