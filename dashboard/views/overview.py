"""Overview: headline figures with their sources, and what the corpus covers."""

import streamlit as st

import ui
from core.charts import matrix_heatmap
from core.filters import describe
from core.overview import coverage_matrix, coverage_rows, coverage_sources, headline_figures
from core.query import country_names, doc_titles
from core.summary import rows_per_document, rows_per_table

corpus = ui.get_corpus()
f = ui.current()
names = country_names(corpus)
heads = ui.memo("headlines", lambda: headline_figures(corpus, f), f)
ui.header("Central Asian mobilization to foreign conflicts",
          f"Overview: {describe(f, names, len(heads), 'headline figures')}")
ui.problem_banner(corpus)
st.caption("Curated by hand from five documents. Every row in every table carries the document it comes "
           "from and a verbatim quote; hover on the ⓘ of a figure to read it.")

if heads.empty:
    ui.empty_state("headline figures", ui.widen_suggestion(f))
else:
    cols = st.columns(4)
    for i, r in enumerate(heads.itertuples()):
        with cols[i % 4]:
            st.metric(
                label=ui.safe_text(f"{r.label}: {r.subject_label}" + (f" ({r.period})" if r.period else "")),
                value=r.display,
                help=ui.safe_text(f"{r.doc_id} ({r.figure_id}): \u201c{r.quote}\u201d"),
            )
    ui.sources_section(heads, "figure_id", corpus, "Sources of the headline figures")

st.subheader("What the documents cover")
st.caption("Number of curated rows per document and topic, and per document and country. "
           "An empty cell means the document does not cover it, which is not the same as a count of zero.")
rows = ui.memo("coverage", lambda: coverage_rows(corpus, f), f)
titles = doc_titles(corpus)
by_topic = coverage_matrix(rows, corpus, "topic", f).rename(index=lambda d: f"{d}")
by_country = coverage_matrix(rows, corpus, "country", f).rename(columns=lambda c: names.get(c, c))
behind = ui.memo("coverage-sources", lambda: coverage_sources(corpus, f), f)
ui.chart(lambda: matrix_heatmap(by_topic, f"Curated rows by document and topic ({describe(f, names)})", "rows"), "grid-topic", f,
         rows=behind, id_column="row")
ui.chart(lambda: matrix_heatmap(by_country, f"Curated rows by document and country ({describe(f, names)})", "rows"), "grid-country", f,
         rows=behind, id_column="row")
st.caption(" · ".join(f"**{d}**: {ui.safe_text(t)}" for d, t in titles.items()))

with st.expander("What the curated data holds (rows per table and per document)"):
    st.dataframe(rows_per_table(corpus), hide_index=True, width="stretch")
    st.dataframe(rows_per_document(corpus), hide_index=True, width="stretch")
