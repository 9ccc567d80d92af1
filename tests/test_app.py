"""Every page through Streamlit's AppTest: content, not just rendering."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.loading import load_corpus

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()


def run_app(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_overview_counts_rows_per_table_and_document():
    corpus = load_corpus()
    at = run_app()
    assert not at.exception
    assert len(at.error) == 0, [e.value for e in at.error]
    per_table = at.dataframe[0].value.set_index("table")["rows"]
    assert per_table["figures"] == len(corpus["figures"]) > 0
    assert per_table["incidents"] == len(corpus["incidents"]) > 0
    per_doc = at.dataframe[1].value.set_index("doc_id")
    assert set(per_doc.index) == set(corpus["documents"]["doc_id"])
    assert per_doc.loc["uwed", "figures"] == (corpus["figures"]["doc_id"] == "uwed").sum()
