"""Country comparison: one row per country; 'not reported' is never drawn as zero."""

import streamlit as st

import ui
from core.charts import small_multiples
from core.comparison import COMPARABLE, country_table, default_countries
from core.filters import describe
from core.query import country_names, filter_figures, filter_incidents

corpus = ui.get_corpus()
f = ui.current()
names = country_names(corpus)
labels = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["label"]))
units = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["unit"]))
countries = default_countries(f.countries)
figs = filter_figures(ui.figures(), f)
inc = filter_incidents(ui.incidents(), f, use_kind=False, use_group=False)
wide, long = country_table(figs, inc, countries, names, labels)
ui.header("Country comparison", f"{describe(f, names, len(long), 'figures')} across {len(countries)} countries")
ui.problem_banner(corpus, "figures", "indicators", "incidents")
st.caption("Each column is one indicator with one definition (see the Data page). A cell lists every figure with its "
           "period and document; figures with different periods are listed side by side, never added or averaged. "
           "\u201cnot reported\u201d means no document gives the figure, which is not zero.")
ui.table(wide, "country-comparison", rows=long.drop(columns=["countries"]))
ui.sources_section(long, "figure_id", corpus)

panels = [(i, f"{labels.get(i, i)} ({units.get(i, '')})") for i in COMPARABLE if (long["indicator"] == i).any()]
if not panels:
    ui.empty_state("comparable figures", ui.widen_suggestion(f))
else:
    plotted = long.drop_duplicates(["indicator", "country"], keep="first")
    multi = long.groupby(["indicator", "country"]).size()
    ui.chart(lambda: small_multiples(plotted, panels, [names.get(c, c) for c in countries],
                             f"Comparable indicators by country ({describe(f, names)})"), "multiples", f, rows=long, id_column="figure_id")
    if (multi > 1).any():
        st.caption("Where a country has several figures for one indicator, the chart shows the first and the table "
                   "lists all of them.")
    st.caption("Grey bars with \u201cnot reported\u201d: no document gives this figure for the country.")
