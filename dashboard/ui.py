"""Streamlit glue shared by the pages: the cached corpus and the problem banner."""

from __future__ import annotations

import streamlit as st

from core.loading import Corpus, load_corpus


@st.cache_resource(show_spinner="Reading the curated tables…")
def get_corpus() -> Corpus:
    """Loaded and validated once per server process; every session shares it read-only."""
    return load_corpus()


def problem_banner(corpus: Corpus, *tables: str) -> None:
    """List data problems in plain words (all of them, or those of the given tables)."""
    problems = corpus.problems_for(*tables) if tables else corpus.problems
    if not problems:
        return
    lines = "\n".join(f"- `{p}`" for p in problems[:50])
    more = f"\n- … and {len(problems) - 50} more" if len(problems) > 50 else ""
    st.error(
        f"**The curated data has {len(problems)} problem(s).** What is shown may be incomplete until "
        f"they are fixed (run `python dashboard/validate.py` for the full list):\n{lines}{more}"
    )
