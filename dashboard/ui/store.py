"""The corpus every session shares (loaded and validated once per server process), the views of it
that pages filter, and the reload after a curator's write."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis import documents, filters as flt
from core.analysis.query import figures_view, hotspots_view, incidents_view
from core.data import paths
from core.data.loading import Corpus, load_corpus


@st.cache_resource(show_spinner="Reading the curated tables…")
def corpus() -> Corpus:
    """Loaded and validated once per server process; every session shares it read-only."""
    return load_corpus(paths.curated_dir(), paths.seeds_dir())


def reload() -> None:
    """After a curator's write: every session reads the tables again, and nothing derived from the
    old rows (views, charts, maps, tables, proposals) is shown again."""
    st.cache_resource.clear()


@st.cache_resource(show_spinner=False)
def figures() -> pd.DataFrame:
    """figures_view of the corpus: every figure with its countries, labels, period and display text."""
    return figures_view(corpus())


@st.cache_resource(show_spinner=False)
def incidents() -> pd.DataFrame:
    """incidents_view of the corpus: every incident with its dates, category, countries and place."""
    return incidents_view(corpus())


@st.cache_resource(show_spinner=False)
def hotspots() -> pd.DataFrame:
    """hotspots_view of the corpus: every hotspot claim with its place."""
    return hotspots_view(corpus())


@st.cache_resource(show_spinner=False)
def document_names() -> dict:
    """{doc_id: DocumentName}: how each document is cited ('Tucker (late 2021 or later, inferred)')."""
    return documents.document_names(corpus())


@st.cache_resource(show_spinner=False)
def group_names() -> dict[str, str]:
    groups = corpus()["groups"]
    return dict(zip(groups["group_id"], groups["name"]))


@st.cache_resource(show_spinner=False)
def indicator_column(column: str) -> dict[str, str]:
    """{indicator: its label or unit}, from indicators.csv."""
    indicators = corpus()["indicators"]
    return dict(zip(indicators["indicator"], indicators[column]))


@st.cache_resource(show_spinner=False)
def options() -> flt.Options:
    """What a link may ask for, read from the data."""
    return flt.options(corpus())


@st.cache_resource(show_spinner=False)
def reader_names():
    """core.render.plain.Names of the corpus: every id in words, every document as its citation."""
    from core.analysis.plain import Names

    return Names.of(corpus())
