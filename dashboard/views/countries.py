"""Country comparison: one row per country; 'not reported' is never drawn as zero."""

import streamlit as st

from core.render.alt_text import comparison_summary
from core.render.charts import small_multiples
from core.analysis.comparison import COMPARABLE, country_table, default_countries
from core.analysis.filters import describe
from core.analysis.query import country_names, filter_figures, filter_incidents
from ui import cache, chrome, graphics, state, store, tables

corpus = store.corpus()
f = state.current()
names = country_names(corpus)
labels, units = store.indicator_column("label"), store.indicator_column("unit")
countries = default_countries(f.countries)
figs = filter_figures(store.figures(), f)
inc = filter_incidents(store.incidents(), f, use_kind=False, use_group=False)
# The table depends on the rows the filters leave and the countries compared, the chart on the
# comparable rows only: a change that keeps them reuses each.
content = (tuple(countries), cache.ids(figs, "figure_id"), cache.ids(inc, "incident_id"))


def comparison() -> tuple:
    """(the table with a profile link per country, the figures behind it, the chart's panels, the
    figures it plots, whether a country has several figures for one indicator)."""
    wide, long = country_table(figs, inc, countries, names, labels)
    wide = wide.copy()
    wide.insert(1, "profile", [f"country?iso={c}" for c in countries])  # each country's profile page
    panels = [(i, f"{labels.get(i, i)} ({units.get(i, '')})") for i in COMPARABLE if (long["indicator"] == i).any()]
    several = bool((long.groupby(["indicator", "country"]).size() > 1).any())
    return wide, long, panels, long.drop_duplicates(["indicator", "country"], keep="first"), several


wide, long, panels, plotted, several = cache.cached("country-comparison", comparison, *content)
chrome.header("Country comparison", f"{describe(f, names, len(long), 'figures')} across {len(countries)} countries")
chrome.problem_banner(corpus, "figures", "indicators", "incidents")
st.caption("Each column is one indicator with one definition (see the Data page). A cell lists every figure with its "
           "period and document; figures with different periods are listed side by side, never added or averaged. "
           "\u201cnot reported\u201d means no document gives the figure, which is not zero.")
tables.table(wide, "country-comparison", rows=lambda: long.drop(columns=["countries"]), depends=content,
         column_config={"profile": st.column_config.LinkColumn("Profile", display_text="open profile")})
tables.sources_section(long, "figure_id", corpus)

if not panels:
    chrome.empty_state("comparable figures", chrome.widen_suggestion(f))
else:
    title = f"Comparable indicators by country ({describe(f, names)})"
    shown_names = [names.get(c, c) for c in countries]
    graphics.chart(lambda: small_multiples(plotted, panels, shown_names, title), "multiples",
             tuple(countries), cache.ids(long, "figure_id"), title=title, rows=long, id_column="figure_id",
             summary=lambda: comparison_summary(plotted, panels, shown_names),
             data=lambda: plotted[["indicator", "country", "display", "period", "doc_id", "figure_id"]])
    if several:
        st.caption("Where a country has several figures for one indicator, the chart shows the first and the table "
                   "lists all of them.")
    st.caption("Grey bars with \u201cnot reported\u201d: no document gives this figure for the country.")
