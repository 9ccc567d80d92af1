"""Data: every curated table, searchable and filterable, with the data dictionary."""

import pandas as pd
import streamlit as st

import ui
from core.query import rows_in_countries
from core.schema import TABLES

corpus = ui.get_corpus()
f = ui.current()
names = {name: f"{name} ({len(corpus[name])} rows)" for name in TABLES}
keys = list(TABLES)
if st.session_state.get("w_table") not in keys:
    st.session_state["w_table"] = f.table or "figures"
if "w_search" not in st.session_state:
    st.session_state["w_search"] = f.search
table_name = st.selectbox("Table", keys, format_func=names.get, key="w_table")
search = st.text_input("Search every column (plain text, case does not matter)", key="w_search")
ui.update(table=table_name, search=search)

frame = corpus[table_name]
if search:
    needle = search.lower()
    mask = frame.astype(str).apply(lambda col: col.str.lower().str.contains(needle, regex=False)).any(axis=1)
    frame = frame[mask]
frame = rows_in_countries(frame, f.countries, corpus)
table = TABLES[table_name]
ui.header("Data", f"{table_name}.csv: {len(frame)} of {len(corpus[table_name])} rows"
          + (f" matching \u201c{search}\u201d" if search else "")
          + (" in the chosen countries" if f.countries and len(frame) != len(corpus[table_name]) else ""))
st.caption(ui.safe_text(table.description))
ui.problem_banner(corpus, table_name)
if frame.empty:
    ui.empty_state("rows", "Clear the search box or the country filter.")
else:
    ui.table(frame, table_name, height=520)
if table.quoted and not frame.empty:
    ui.sources_section(frame, table.key, corpus)

st.subheader("Data dictionary")
st.dataframe(pd.DataFrame([{"column": c.name, "type": c.kind, "unit": c.unit, "required": "yes" if c.required else "",
                            "allowed values": ", ".join(c.allowed), "refers to": c.ref or "", "meaning": c.description}
                           for c in table.columns]), hide_index=True, width="stretch")
