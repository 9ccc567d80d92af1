"""Data: every curated table, searchable and filterable, with the data dictionary, what the documents
cover and the data package, each in its own tab."""

import pandas as pd
import streamlit as st

from core.data import datapackage, paths
from core.render.charts import matrix_heatmap
from core.analysis.filters import describe
from core.analysis.coverage import coverage_matrix, coverage_rows, coverage_sources, coverage_summary, coverage_table
from core.analysis.query import (country_column, country_names, doc_titles, figures_mask, ids_where, incidents_mask,
                                 rows_in_countries)
from core.data.summary import rows_per_document, rows_per_table, table_label
from core.data.schema import TABLES
from core.analysis import plain
from ui import cache, chrome, cite, graphics, layout, state, store, tables

corpus = store.corpus()
f = state.current()
names = {name: f"{table_label(name)} ({len(corpus[name])} rows)" for name in TABLES}
keys = list(TABLES)
if st.session_state.get("w_table") not in keys:
    st.session_state["w_table"] = f.table or "figures"
if "w_search" not in st.session_state:
    st.session_state["w_search"] = f.search
table_name = st.selectbox("Table", keys, format_func=names.get, key="w_table")
search = st.session_state["w_search"]  # its box is in the Rows tab; the header says what it matches
state.update(table=table_name, search=search)


def matching_rows() -> pd.DataFrame:
    frame = corpus[table_name]
    if search:
        needle = search.lower()
        mask = frame.astype(str).apply(lambda col: col.str.lower().str.contains(needle, regex=False)).any(axis=1)
        frame = frame[mask]
    return rows_in_countries(frame, f.countries, corpus)


shown_by = (table_name, search, f.countries)  # what the table shows depends on, and nothing else
frame = cache.cached("data-rows", matching_rows, *shown_by)
table = TABLES[table_name]
chrome.header("Data", f"{table_label(table_name)}: {len(frame)} of {len(corpus[table_name])} rows"
          + (f" matching \u201c{search}\u201d" if search else "")
          + (" in the chosen countries" if f.countries and len(frame) != len(corpus[table_name]) else ""))
st.caption(chrome.safe_text(table.description))
chrome.problem_banner(corpus, table_name)


def rows_part() -> None:
    """The chosen table's rows that match the search and the country filter, with their sources."""
    st.text_input("Search every column (plain text, case does not matter)", key="w_search")
    if f.countries and (by := country_column(corpus[table_name])):
        st.caption(f"The country filter keeps the rows whose \u201c{plain.label(by)}\u201d is a chosen country or a place in it."
                   + (" A country\u2019s profile gathers more: events involving its nationals elsewhere, and figures about an "
                      "event there or naming it as related." if table_name in ("figures", "incidents") else ""))
    if frame.empty:
        chrome.empty_state("rows", "Clear the search box or the country filter.")
    else:
        # Numbers get room for their digits: a column sized to its header cut 5000000 to "000000".
        tables.table(frame, table_name, depends=shown_by, height=520,
                 column_config={c: st.column_config.NumberColumn(width="medium") for c in ("value", "low", "high")
                                if c in frame.columns})
    if table.quoted and not frame.empty:
        tables.sources_section(frame, table.key, corpus)


def dictionary_part() -> None:
    """The chosen table's columns as the data package names them."""
    st.header("Data dictionary")
    st.caption(f"The columns of {table.file} in the data package, as the files name them (the Rows tab shows them "
               "with labels, and names instead of identifiers).")
    st.dataframe(cache.cached("dictionary", lambda: pd.DataFrame([
        {"label": plain.label(c.name), "in the file": c.name, "type": c.kind, "unit": c.unit,
         "required": "yes" if c.required else "", "allowed values": ", ".join(c.allowed),
         "refers to": table_label(c.ref) if c.ref and c.ref != "subject" else "", "meaning": c.description}
        for c in table.columns]), table.name), hide_index=True, width="stretch", key="dictionary")


def coverage_part() -> None:
    """What the documents cover: claims per document and topic, and per document and country."""
    st.header("What the documents cover")
    st.caption("Number of claims recorded from each document, per topic, and per document and country. The country and year "
               "filters apply to figures, incidents and (the country filter) places tied to mobilization; recruitment channels "
               "and groups are counted whatever the country, having no single one. Places tied to mobilization, channels and "
               "groups have no date: with a year range they are counted only when rows with no date are included. A figure about several states "
               "together (Central Asia) is counted once, in its own column, not under each state; a claim about two of them "
               "is counted under each. An empty cell means no claim from that document concerns it: the document may "
               "still name it in passing (a country's profile lists those passages).")
    # What the grids are drawn from: the rows the country and year filters leave (not the table or search
    # above: the Rows tab). A filter change that leaves the same rows reuses the grids, retitled.
    scope = (f.countries, ids_where(store.figures(), figures_mask(store.figures(), f), "figure_id"),
             ids_where(store.incidents(), incidents_mask(store.incidents(), f, use_kind=False, use_group=False), "incident_id"))
    coverage = cache.cached("coverage", lambda: coverage_rows(corpus, f), *scope)
    country_labels = country_names(corpus)
    by_topic = cache.cached("coverage-topic", lambda: coverage_matrix(coverage, corpus, "topic", f), *scope)
    by_country = cache.cached("coverage-country", lambda: coverage_matrix(coverage, corpus, "country", f).rename(
        columns=lambda c: country_labels.get(c, c)), *scope)
    behind = cache.cached("coverage-sources", lambda: coverage_sources(corpus, f), *scope)
    in_words = describe(f, country_labels)
    for key, grid, what in (("grid-topic", by_topic, "topic"), ("grid-country", by_country, "country")):
        title = f"Claims by document and {what} ({in_words})"
        with layout.scrolling(key, layout.heatmap_width(grid.shape[1], max((len(str(d)) for d in grid.index), default=0))):
            graphics.chart(lambda grid=grid, title=title: matrix_heatmap(grid, title, "claims"), key, *scope, title=title,
                     rows=behind, id_column="row", summary=lambda grid=grid, what=what: coverage_summary(grid, what),
                     data=lambda grid=grid: coverage_table(grid))
    st.caption(" · ".join(f"**{chrome.safe_text(store.reader_names().documents.get(d, d))}**: {chrome.safe_text(t)}"
                          for d, t in doc_titles(corpus).items()))
    holdings = chrome.folded("What the curated data holds (rows per table and per document)", "holdings")
    if holdings is not None:
        holdings.dataframe(cache.cached("rows-per-table", lambda: rows_per_table(corpus)), hide_index=True, width="stretch")
        holdings.dataframe(cache.cached("rows-per-document", lambda: plain.for_reader(rows_per_document(corpus), store.reader_names())),
                           hide_index=True, width="stretch")


def package_part() -> None:
    """Every curated table as an open data package, to download."""
    st.header("All the tables as an open data package")
    version = cite.version()
    st.markdown(f"**Data version: {chrome.safe_text(version.in_words)}** (the date of the last curated change; "
                "\u201cCite this\u201d on every page names it)")
    st.caption("Every curated table as CSV with datapackage.json (a Frictionless Data Package: types, required "
               "fields, allowed values, keys), a README with the data dictionary and the licence: CC BY 4.0 for our "
               "curation; the quoted documents keep their own rights. The whole tables, whatever the filters.")
    st.download_button("Download the data package (ZIP)", lambda: datapackage.package_zip(paths.curated_dir()),
                       f"{datapackage.NAME}.zip", "application/zip", key="datapackage-zip", on_click="ignore",
                       help="Built when you click: datapackage.json, the CSV files, README.md and LICENSE.md")


# The parts, as tabs: only the open one is built, so a filter change redraws one part, not the page.
state.page_tabs("data", {"Rows": rows_part, "Dictionary": dictionary_part, "Coverage": coverage_part,
                          "Download": package_part})
