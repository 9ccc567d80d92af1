"""The Curate page's proposals, cached per document text and data version (a page script cannot hold
a cached function: it runs on every rerun, and Streamlit would make the function again each time)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import store
from core.curation.review import drop_already_curated, propose_candidates


@st.cache_resource(show_spinner="Proposing rows…", max_entries=16)
def proposals(doc_id: str, text_fingerprint: str, registered: bool, data_version: str, _text: str) -> tuple[pd.DataFrame, int]:
    """Candidates for one document, cached per document text and data version (reruns are instant;
    callers copy before changing them)."""
    text = _text
    corpus = store.corpus()
    candidates = propose_candidates(doc_id, text, corpus.tables)
    left_out = 0
    if registered and doc_id in corpus.documents:
        candidates, left_out = drop_already_curated(candidates, corpus.documents[doc_id], corpus.tables)
    return candidates, left_out
