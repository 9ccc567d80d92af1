"""Overview: what the curated corpus holds."""

import streamlit as st

from core.summary import rows_per_document, rows_per_table
from ui import get_corpus

corpus = get_corpus()
st.title("Central Asian mobilization to foreign conflicts")
st.caption(
    "Curated by hand from five documents. Every row in every table carries the document it comes "
    "from and a verbatim quote."
)
st.subheader("Rows per table")
st.dataframe(rows_per_table(corpus), hide_index=True, width="stretch")
st.subheader("Rows per document")
st.dataframe(rows_per_document(corpus), hide_index=True, width="stretch")
