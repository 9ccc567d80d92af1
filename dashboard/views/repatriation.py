"""Repatriation: who was brought home, by which country, when, and from where, in four tabs (by
country, programmes, women and children, Aravan)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import streamlit as st

from core.render.alt_text import estimates_summary, repatriation_summary
from core.render.charts import bar_with_not_reported, range_chart
from core.analysis.comparison import NO_NUMBER, NO_NUMBER_CHART, programme_only
from core.analysis.filters import absent_caption, absent_words, describe
from core.analysis.plain import count_of
from core.analysis.overview import figure_value
from core.analysis.documents import short_citations
from core.analysis.events import date_text, events_of, reports_where
from core.analysis.query import country_names, filter_figures, rows_where, totals_and_parts
from core.data.schema import CENTRAL_ASIA
from ui import cache, chrome, graphics, state, store, tables

corpus = store.corpus()
f = state.current()
names = country_names(corpus)
units = store.indicator_column("unit")
countries = [c for c in (f.countries or CENTRAL_ASIA) if c in CENTRAL_ASIA] or list(f.countries)


def page_rows(figs: pd.DataFrame, incidents: pd.DataFrame) -> SimpleNamespace:
    """Everything this page draws, from the rows the filters leave: built once per set of rows
    (numpy masks: each pandas comparison on these small frames costs more than the whole page)."""
    indicator, subject = figs["indicator"].to_numpy(), figs["subject"].to_numpy()
    in_topic = figs["topic"].to_numpy() == "repatriation"
    everyone = rows_where(figs, in_topic & (indicator == "repatriated_people"))
    people, parts = totals_and_parts(everyone)  # a chart of totals: "28 women" is never Kyrgyzstan's total
    records = people.to_dict("records")
    first = {}  # the first total per country
    for r in records:
        first.setdefault(r["subject"], r)
    programmes = rows_where(incidents, incidents["kind"].to_numpy() == "repatriation programme")
    with_programme = programme_only(programmes)  # reported as a programme, only without a number
    table = pd.DataFrame([
        # the number alone beside its bar (with its document it ran past a phone's edge); the document in the hover
        {"country": names.get(c, c), "value": r["value"], "text": r["display"],
         "hover": f"{r['source']}: {r['quote']}" + (f" ({r['parts']})" if r["parts"] else ""),
         "display": r["display"], "parts": r["parts"], "period": r["period"], "doc_id": r["doc_id"]} if (r := first.get(c)) else
        {"country": names.get(c, c), "value": None, "text": NO_NUMBER if c in with_programme else "", "hover": "", "display": "",
         "parts": "", "period": "", "doc_id": ""}
        for c in countries])
    who = in_topic & np.isin(indicator, ["detained_women_children", "countries_with_detained_citizens"])
    return SimpleNamespace(
        count=len(people) + len(parts) + int((in_topic & (indicator == "repatriated_suspects")).sum()), people=people, table=table, programmes=programmes,
        suspects=rows_where(figs, in_topic & (indicator == "repatriated_suspects")),
        # one line per programme (an event several documents tell is one line, dated by its most precise report)
        programme_lines=[f"- **{chrome.safe_text(date_text(r['date'], r['date_inferred']) or 'date not stated')}**, "
                         f"{chrome.safe_text(names.get(r['country_iso3'], r['country_iso3']))}: {chrome.safe_text(r['summary'])} "
                         f"({chrome.safe_text(r['documents'])})"
                         for r in events_of(programmes, short_citations(corpus)).to_dict("records")],
        note_lines=[f"- {chrome.safe_text(r['subject_label'])}, {chrome.safe_text(r['display'])}: the curator notes "
                    f"\u201c{chrome.safe_text(r['note'])}\u201d" for r in records if r["note"]],
        women_children=pd.concat([rows_where(figs, indicator == "women_children_to_men_ratio"), rows_where(figs, who)]),
        parts=parts, part_lines=[
            f"- **{chrome.safe_text(r['subject_label'])}**: {chrome.safe_text(r['part'])} repatriated"
            + (f", part of {chrome.safe_text(r['of_total'])}" if r["of_total"] else " (a part; the document gives no total)")
            + (f", {chrome.safe_text(r['period'])}" if r["period"] else "") for r in parts.to_dict("records")],
        aravan=rows_where(figs, subject == "aravan"),
    )


figs = filter_figures(store.figures(), f)
incidents = reports_where(store.incidents(), f, use_kind=False, use_group=False)  # each event with all its reports
v = cache.cached("repatriation-page", lambda: page_rows(figs, incidents), cache.ids(figs, "figure_id"),
            cache.ids(incidents, "incident_id"), tuple(countries))
people, suspects, table = v.people, v.suspects, v.table
absent = absent_words(f)  # "not reported", or with a year range "none in these years"
table = table.assign(text=[t or absent for t in table["text"]])
counted = f"{count_of(v.count, 'figure')} counting them" if v.count else "no figure counts them"
chrome.header("Repatriation", f"People brought home: {describe(f, names)}, {counted}")
chrome.problem_banner(corpus, "figures", "incidents")

def by_country_part() -> None:
    """People repatriated by state programmes, per country (countries with no figure say so), and
    suspects repatriated, a different count."""
    st.header("People repatriated by state programmes")
    st.caption("Indicator: people brought home by a state repatriation programme, all categories. The document gives no "
               "period for these totals. Citizens detained abroad on suspicion of militant links and repatriated are a "
               "different count, shown separately below, never added to these. " + absent_caption(f))
    title = f"People repatriated by state programmes ({describe(f, names)})"
    graphics.chart(lambda: bar_with_not_reported(table.assign(text=table["text"].replace(NO_NUMBER, NO_NUMBER_CHART)),
                                                 "country", "value", "text", title,
                                   f"People repatriated ({units.get('repatriated_people', 'people')})"), "repatriated",
             cache.ids(people, "figure_id"), tuple(countries), absent, title=title, rows=people, id_column="figure_id",
             summary=lambda: repatriation_summary(table, units.get("repatriated_people", "people")),
             data=lambda: table.assign(display=[d or x for d, x in zip(table["display"], table["text"])])[
                 ["country", "display", "parts", "period", "doc_id"]])
    tables.sources_section(pd.concat([people, v.parts]), "figure_id", corpus, key="people")

    if not suspects.empty:
        # A separate count, never added to the chart's: one line per figure, each cited.
        st.markdown("**A different count: suspects repatriated**\n\n" + "\n".join(
            f"- **{chrome.safe_text(r.subject_label)}**: {chrome.safe_text(r.display)}"
            + (f", {chrome.safe_text(r.period)}" if r.period else "")
            + (f" (the curator notes \u201c{chrome.safe_text(r.note)}\u201d)" if r.note else "")
            + f" {chrome.cite(r.doc_id, r.figure_id)}" for r in suspects.itertuples()))
        tables.sources_section(suspects, "figure_id", corpus, key="suspects")


def programmes_part() -> None:
    """Programmes (dated policy events) and what the documents say about them."""
    st.header("Programmes and periods")
    if not v.programme_lines and not v.note_lines:
        chrome.empty_state("repatriation programmes", chrome.widen_suggestion(f))
    if v.programme_lines or v.note_lines:
        st.markdown("\n".join(v.programme_lines + v.note_lines))
    tables.sources_section(v.programmes, "incident_id", corpus)


def who_part() -> None:
    """Women and children, and the parts of the totals (never added to them)."""
    who = v.women_children
    st.header("Women and children, and who else was held in the camps")
    if who.empty and not v.part_lines:
        chrome.empty_state("figures on women and children", chrome.widen_suggestion(f))
    else:
        st.markdown("\n".join([f"- **{chrome.safe_text(r.label)}** ({chrome.safe_text(r.subject_label)}): {chrome.safe_text(figure_value(r))}"
                               + f" ({chrome.safe_text(r.when)})" for r in who.itertuples()] + v.part_lines))
        tables.sources_section(pd.concat([who, v.parts]), "figure_id", corpus, key="who-returns")


def aravan_part() -> None:
    """Aravan's share of Kyrgyzstan's returnee children, against its share of the population."""
    aravan = v.aravan
    st.header("Aravan's share of Kyrgyzstan's returnee children")
    if aravan.empty:
        chrome.empty_state("figures on Aravan", chrome.widen_suggestion(f))
    else:
        graphics.chart(lambda: range_chart(aravan, "Aravan district, Kyrgyzstan: share of the country, by measure", "Percent of Kyrgyzstan",
                             label_column="label"), "aravan", cache.ids(aravan, "figure_id"), rows=aravan, id_column="figure_id",
                 summary=lambda: estimates_summary(aravan, "Aravan district, Kyrgyzstan, as a share of the country", "percent",
                                                   label_column="label"),
                 data=lambda: aravan[["label", "display", "qualifier", "period", "doc_id", "figure_id"]])
        st.caption("Each mark is a different measure from the same document: share of returnee children (first wave), "
                   "share of officially recorded mobilization cases, and share of the population. A triangle pointing "
                   "left means \u201cless than\u201d.")
        tables.sources_section(aravan, "figure_id", corpus, key="aravan")


# The parts, as tabs: only the open one is built, so a filter change redraws one part, not the page.
state.page_tabs("repatriation", {"By country": by_country_part, "Programmes": programmes_part,
                                  "Women and children": who_part, "Aravan": aravan_part})
