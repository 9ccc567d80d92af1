"""Country comparison: one row per country in the Table tab, small charts in the Charts tab; 'not
reported' is never drawn as zero.

The comparable indicators are small charts, one per indicator, two to a row: each is its own figure
in st.columns, so below 640 px Streamlit stacks them in reading order, each at the full width (one
figure with a grid of subplots shrank every panel until their labels overlapped on a phone). The set
exports as one slide with all the panels."""

import pandas as pd
import streamlit as st

from core.render.alt_text import comparison_summary
from core.render.charts import bar_with_not_reported, small_multiples
from core.analysis.comparison import COMPARABLE, NO_NUMBER, NO_NUMBER_CHART, country_table, default_countries, programme_only
from core.analysis.filters import absent_caption, absent_words, describe
from core.analysis.query import country_names, filter_figures, filter_incidents
from ui import cache, chrome, exports, graphics, state, store, tables

corpus = store.corpus()
f = state.current()
names = country_names(corpus)
labels, units = store.indicator_column("label"), store.indicator_column("unit")
countries = default_countries(f.countries)
figs = filter_figures(store.figures(), f)
inc = filter_incidents(store.incidents(), f, use_kind=False, use_group=False)
# The table depends on the rows the filters leave and the countries compared, the chart on the
# comparable rows only: a change that keeps them reuses each.
absent = absent_words(f)  # what a country with no figure says: "not reported", or "none in these years"
content = (tuple(countries), cache.ids(figs, "figure_id"), cache.ids(inc, "incident_id"), absent)


def comparison() -> tuple:
    """(the table with a profile link per country, the figures behind it, the chart's panels, the
    figures it plots, whether a country has several figures for one indicator)."""
    wide, long = country_table(figs, inc, countries, names, labels, absent)
    # Each country's profile page, in the last column: a phone shows the country and its first figures.
    wide = wide.assign(profile=[f"country?iso={c}" for c in countries])
    panels = [(i, f"{labels.get(i, i)} ({units.get(i, '')})") for i in COMPARABLE if (long["indicator"] == i).any()]
    several = bool((long.groupby(["indicator", "country"]).size() > 1).any())
    return wide, long, panels, long.drop_duplicates(["indicator", "country"], keep="first"), several


wide, long, panels, plotted, several = cache.cached("country-comparison", comparison, *content)
chrome.header("Country comparison", f"{describe(f, names, len(long), 'figures')} across {len(countries)} countries")
chrome.problem_banner(corpus, "figures", "indicators", "incidents")
shown_names = [names.get(c, c) for c in countries]
programmes = {names.get(c, c) for c in programme_only(inc) if c in countries}  # repatriation without a number


def panel_rows(indicator: str) -> pd.DataFrame:
    """One row per country compared: its first figure for the indicator as the document gives it, or
    no value (drawn as the words 'not reported', never as a bar of zero). A figure in words only
    ("thousands of young men") is written at the axis, with no bar."""
    first = plotted[plotted["indicator"] == indicator].set_index("country")
    given = [n in first.index for n in shown_names]
    values = [first["value"].get(n) if has else None for n, has in zip(shown_names, given)]
    no_number = programmes if indicator == "repatriated_people" else set()
    # "in Russia" goes beside the country's name: after the number it ran past a small panel's edge
    where = {n: first["where"].get(n, "") for n in shown_names}
    return pd.DataFrame({
        "country": [f"{n} ({where[n]})" if where[n] else n for n in shown_names],
        "value": [0.0 if has and pd.isna(v) else v for v, has in zip(values, given)],
        "text": [first["display"].get(n, NO_NUMBER_CHART if n in no_number else absent).removesuffix(f" {where[n]}" if where[n] else "")
                 for n in shown_names],
        "hover": [f"{n}: {first['display'].get(n, absent)}" for n in shown_names],
    })


def panel_figure(indicator: str, label: str):
    """The indicator's bars, each with its figure in words beside it: no scale (the words carry the
    numbers, with their qualifiers), and room on the right for the longest of them."""
    rows = panel_rows(indicator)
    fig = bar_with_not_reported(rows, "country", "value", "text", label, units.get(indicator, ""))
    top = max([v for v in rows["value"] if pd.notna(v)] + [0]) or 1.0
    return fig.update_xaxes(showticklabels=False, showgrid=False, range=[0, top * 2.1])


def panel(indicator: str, label: str) -> None:
    """One indicator across the countries: its chart, its sentence and its data table."""
    rows = plotted[plotted["indicator"] == indicator]
    graphics.chart(lambda: panel_figure(indicator, label),
                   f"multiples-{indicator}", tuple(countries), cache.ids(rows, "figure_id"), absent, title=label,
                   summary=lambda: comparison_summary(plotted, [(indicator, label)], shown_names,
                                                      {"repatriated_people": (programmes, NO_NUMBER)}, absent),
                   data=lambda: rows[["country", "display", "period", "doc_id", "figure_id"]])


def charts_part() -> None:
    """The comparable indicators, one small chart each, and one export for the set."""
    if not panels:
        chrome.empty_state("comparable figures", chrome.widen_suggestion(f))
        return
    title = f"Comparable indicators by country ({describe(f, names)})"
    st.header("Comparable indicators by country")
    for start in range(0, len(panels), 2):  # a row of two: on a phone the row stacks, in reading order
        for column, (indicator, label) in zip(st.columns(2, gap="large"), panels[start:start + 2]):
            with column:
                panel(indicator, label)
    if several:
        st.caption("Where a country has several figures for one indicator, the chart shows the first and the Table tab "
                   "lists all of them.")
    st.caption("Each bar is labelled with the figure as the document gives it; the words in grey say why a "
               "country has no bar. " + absent_caption(f))
    # One export for the set: every panel on one slide, titled with the filters.
    exports.export_controls("multiples", lambda: cache.cached("multiples-slide", lambda: small_multiples(
        plotted, panels, shown_names, title, {"repatriated_people": (programmes, NO_NUMBER)}, absent), tuple(countries),
        absent,
        cache.ids(long, "figure_id"), cache.ids(inc, "incident_id")), title, long, "figure_id")


def table_part() -> None:
    """One row per country, one column per indicator, every figure with its period and document."""
    st.caption("Each column is one indicator with one definition (see the Data page). A cell lists every figure with its "
               "period and document; figures with different periods are listed side by side, never added or averaged. "
               + absent_caption(f))
    tables.table(wide, "country-comparison", rows=lambda: long.drop(columns=["countries"]), depends=content,
             column_config={"profile": st.column_config.LinkColumn("Profile", display_text="open profile")})
    tables.sources_section(long, "figure_id", corpus)


# The parts, as tabs: only the open one is built, so a filter change redraws one part, not the page.
state.page_tabs("countries", {"Table": table_part, "Charts": charts_part})
