"""Repatriation: who was brought home, by which country, when, and from where."""

import pandas as pd
import streamlit as st

import ui
from core.alt_text import estimates_summary, repatriation_summary
from core.charts import bar_with_not_reported, range_chart
from core.filters import describe
from core.query import country_names, filter_figures, filter_incidents
from core.schema import CENTRAL_ASIA

corpus = ui.get_corpus()
f = ui.current()
names = country_names(corpus)
units = dict(zip(corpus["indicators"]["indicator"], corpus["indicators"]["unit"]))
figs = filter_figures(ui.figures(), f)
rep = figs[figs["topic"] == "repatriation"]
ui.header("Repatriation", f"People brought home: {describe(f, names, len(rep), 'figures')}")
ui.problem_banner(corpus, "figures", "incidents")

# 1. People repatriated by state programmes, per country; countries with no figure say so.
countries = [c for c in (f.countries or CENTRAL_ASIA) if c in CENTRAL_ASIA] or list(f.countries)
people = rep[rep["indicator"] == "repatriated_people"]
suspects = rep[rep["indicator"] == "repatriated_suspects"]
rows = []
for c in countries:
    hit = people[people["subject"] == c]
    r = hit.iloc[0] if len(hit) else None
    rows.append({"country": names.get(c, c), "value": None if r is None else r["value"],
                 "text": "" if r is None else f"{r['display']} ({r['doc_id']})",
                 "hover": "" if r is None else r["quote"], "display": "" if r is None else r["display"],
                 "period": "" if r is None else r["period"], "doc_id": "" if r is None else r["doc_id"]})
table = pd.DataFrame(rows)
st.subheader("People repatriated by state programmes")
st.caption("Indicator: people brought home by a state repatriation programme, all categories. The document gives no "
           "period for these totals. Citizens detained abroad on suspicion of militant links and repatriated are a "
           "different count, shown separately below, never added to these.")
title = f"People repatriated by state programmes ({describe(f, names)})"
ui.chart(lambda: bar_with_not_reported(table, "country", "value", "text", title,
                               f"People repatriated ({units.get('repatriated_people', 'people')})"), "repatriated",
         ui.ids(people, "figure_id"), tuple(countries), title=title, rows=people, id_column="figure_id",
         summary=lambda: repatriation_summary(table, units.get("repatriated_people", "people")),
         data=lambda: table[["country", "display", "period", "doc_id"]].replace({"display": {"": "not reported"}}))
ui.sources_section(people, "figure_id", corpus)

if not suspects.empty:
    st.markdown("**A different count: suspects repatriated**")
    ui.table(suspects[["subject_label", "display", "period", "note", "doc_id"]], "suspects-repatriated", rows=suspects,
             depends=ui.ids(suspects, "figure_id"),
             column_config={"subject_label": "Country", "display": "People", "period": "Period"})
    ui.sources_section(suspects, "figure_id", corpus)

# 2. Programmes (dated policy events) and what the documents say about the pilots.
programmes = filter_incidents(ui.incidents(), f, use_kind=False, use_group=False)
programmes = programmes[programmes["kind"] == "repatriation programme"]
notes = people["note"].where(people["note"] != "", None).dropna()
st.subheader("Programmes and periods")
if programmes.empty and notes.empty:
    ui.empty_state("repatriation programmes", ui.widen_suggestion(f))
for r in programmes.itertuples():
    st.markdown(f"- **{ui.safe_text(r.date or 'date not stated')}** ({r.date_precision or 'no date'}), "
                f"{ui.safe_text(names.get(r.country_iso3, r.country_iso3))}: {ui.safe_text(r.summary)}")
for r in people.itertuples():
    if r.note:
        st.markdown(f"- {ui.safe_text(r.subject_label)}: {ui.safe_text(r.note)}")
ui.sources_section(programmes, "incident_id", corpus)

# 3. Who they were: women and children.
who = rep[rep["indicator"].isin(["detained_women_children", "countries_with_detained_citizens"])]
ratio = figs[figs["indicator"] == "women_children_to_men_ratio"]
st.subheader("Who they were")
if who.empty and ratio.empty:
    ui.empty_state("figures on women and children", ui.widen_suggestion(f))
else:
    for r in pd.concat([ratio, who]).itertuples():
        st.markdown(f"- **{ui.safe_text(r.label)}** ({ui.safe_text(r.subject_label)}): {ui.safe_text(r.display)}"
                    + (f", {ui.safe_text(r.period)}" if r.period else ""))
    ui.sources_section(pd.concat([ratio, who]), "figure_id", corpus)

# 4. Aravan's share of Kyrgyzstan's returnee children, against its share of the population.
aravan = figs[(figs["subject"] == "aravan")]
st.subheader("Aravan's share of Kyrgyzstan's returnee children")
if aravan.empty:
    ui.empty_state("figures on Aravan", ui.widen_suggestion(f))
else:
    ui.chart(lambda: range_chart(aravan, "Aravan district, Kyrgyzstan: share of the country, by measure", "Percent of Kyrgyzstan",
                         label_column="label"), "aravan", ui.ids(aravan, "figure_id"), rows=aravan, id_column="figure_id",
             summary=lambda: estimates_summary(aravan, "Aravan district, Kyrgyzstan, as a share of the country", "percent",
                                               label_column="label"),
             data=lambda: aravan[["label", "display", "qualifier", "period", "doc_id", "figure_id"]])
    st.caption("Each bar is a different measure from the same document: share of returnee children (first wave), "
               "share of officially recorded mobilization cases, and share of the population. A triangle pointing "
               "left means \u201cless than\u201d.")
    ui.sources_section(aravan, "figure_id", corpus)
