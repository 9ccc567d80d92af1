"""Overview: the situation on one screen. The three waves, one card per Central Asian state, the
latest incidents; every number with its qualifier, its document and a link to the passage."""

import streamlit as st

from core.analysis.filters import Filters, describe
from core.analysis.overview import (country_cards, figure_line, figure_value, latest_incidents, row_tuples, rows_behind,
                           wave_views)
from core.analysis.query import country_names, figures_mask, ids_where, incidents_mask, source_link
from core.data.schema import CENTRAL_ASIA
from ui import cache, chrome, state, store, tables

corpus = store.corpus()
f = state.current()
names = country_names(corpus)
# Each part is cached on the rows it is drawn from (content keys), so a filter change that leaves
# them as they were costs nothing but the lookup.
years_only = Filters(year_from=f.year_from, year_to=f.year_to, include_undated=f.include_undated)
figures, incidents = store.figures(), store.incidents()
figure_rows = ids_where(figures, figures_mask(figures, f), "figure_id")
incident_rows = ids_where(incidents, incidents_mask(incidents, f, use_kind=False, use_group=False), "incident_id")
card_key = (tuple(c for c in CENTRAL_ASIA if c in f.countries), bool(f.countries),  # which cards
            ids_where(figures, figures_mask(figures, years_only), "figure_id"),  # what they count
            ids_where(incidents, incidents_mask(incidents, years_only, use_kind=False, use_group=False), "incident_id"))
waves = cache.cached("overview-waves", lambda: wave_views(corpus, f), figure_rows, f.year_range)
cards = cache.cached("overview-cards", lambda: country_cards(corpus, f), *card_key)
latest = cache.cached("overview-latest", lambda: latest_incidents(corpus, f), incident_rows)

chrome.header("The situation at a glance", f"Central Asian mobilization to foreign conflicts, as five documents tell it: "
          f"{describe(f, names)}")
chrome.problem_banner(corpus)


def cite(doc_id: str, row_id: str) -> str:
    """'[fig-tucker-006](sources?…)': the row id (it names the document) linking to its passage."""
    return f"[{chrome.safe_text(row_id)}]({source_link(doc_id, row_id)})"


def card_about(r, iso: str) -> str:
    """Whom a card's figure is about, leaving out the card's own country."""
    parts = [w.strip() for w in r.about.split("\u2192")]
    kept = [("\u2192 " if i == 1 else "") + w for i, (w, ident) in enumerate(zip(parts, [r.subject, r.related])) if ident != iso]
    return " ".join(kept)


def source(doc_id: str, row_id: str) -> str:
    """'[tucker](sources?…)': the document, linking to the row's passage (short, for the narrow cards)."""
    return f"[{chrome.safe_text(doc_id)}]({source_link(doc_id, row_id)})"


FIGURE_FIELDS = ("figure_id", "doc_id", "display", "unit", "qualifier", "label", "about", "period")  # what a line says
LINE = "  \n"  # a line break inside one Markdown block (blocks each add a gap; the page must fit one screen)

# --- The three waves -------------------------------------------------------------------------
def wave_text(view) -> str:
    w = view.wave
    lines = [f"**{chrome.safe_text(w.title)}**, {chrome.safe_text(w.when)}"
             + ("" if view.in_years else " :small[(outside the chosen years)]")]
    lines += [f":small[\u201c{chrome.safe_text(q.quote)}\u201d {cite(q.doc_id, q.row)}]"
              for q in row_tuples(view.quotes, ("row", "doc_id", "quote"))]
    # Figures that count the same thing about the same people share a line: "hundreds · up to 2,000 (…)".
    same_context: dict[str, list] = {}  # in the order of the figures
    for r in row_tuples(view.figures, FIGURE_FIELDS):
        same_context.setdefault(figure_line(r).removeprefix(figure_value(r)).strip(), []).append(r)
    for context, same in same_context.items():
        values = " · ".join(f"**{chrome.safe_text(figure_value(r))}**" for r in same)
        links = " ".join(cite(r.doc_id, r.figure_id) for r in same)
        lines.append(f"{values} :small[{chrome.safe_text(context)} {links}]")
    if view.figures.empty:
        lines.append(":small[No key figure for these filters.]")
    return LINE.join(lines)


WAVE_WIDTHS = [1, 0.95, 1.3]  # the third wave's quote is the longest
wave_texts = cache.cached("overview-wave-text", lambda: [wave_text(v) for v in waves], figure_rows, f.year_range)
for col, text in zip(st.columns(WAVE_WIDTHS[:len(waves)]), wave_texts):
    with col, st.container(border=True):
        st.markdown(text)


# --- One card per country ---------------------------------------------------------------------
def card_text(card) -> tuple[str, str]:
    """(the card's lines, the help text of its profile link)."""
    lines = []
    if card.repatriated.empty:
        lines.append("Repatriated: **not reported**")
    lines += [f"Repatriated: **{chrome.safe_text(figure_value(r))}** {source(r.doc_id, r.figure_id)}"
              for r in row_tuples(card.repatriated, FIGURE_FIELDS + ("subject", "related"))]
    for r in row_tuples(card.shown, FIGURE_FIELDS + ("subject", "related")):
        about = card_about(r, card.iso)
        lines.append(f"{chrome.safe_text(r.label)}{' (' + chrome.safe_text(about) + ')' if about else ''}: "
                     f"**{chrome.safe_text(figure_value(r))}**{chrome.safe_text(', ' + r.period if r.period else '')} "
                     f"{source(r.doc_id, r.figure_id)}")
    if card.more:
        lines.append(f"+{card.more} more figure{'s' if card.more != 1 else ''}")
    lines.append(f"**Hotspots:** {chrome.safe_text(', '.join(card.hotspots) if card.hotspots else 'none named')}")
    n = len(card.incidents)
    incidents = f"**Incidents:** {n}" if n else "**Incidents:** none recorded"
    detail = f"{n} incident(s): {card.in_country} in {card.name}, {card.abroad} elsewhere involving its nationals."
    if card.latest:
        e = card.latest
        incidents += f", latest {chrome.safe_text(e['date'])} {source(e['doc_id'], e['incident_id'])}"
        detail += f" Latest dated ({e['date']}): {e['summary']}"
    lines.append(incidents)
    lines.append(f"In {len(card.documents)} of {len(corpus.documents)} documents")
    help_text = chrome.safe_text(f"Open the profile of {card.name}: every figure, incident, channel and passage. "
                             + (detail if n else ""))
    return LINE.join(f":small[{line}]" for line in lines), help_text


if not cards:
    st.info("The country filter names none of the five Central Asian states, so there are no country cards. "
            "Clear the country filter or add one of them.")
card_texts = cache.cached("overview-card-text", lambda: [card_text(c) for c in cards], *card_key)
for col, card, (text, help_text) in zip(st.columns(5), cards, card_texts):
    with col, st.container(border=True, gap=None):
        st.page_link("views/country.py", label=f"**{chrome.safe_text(card.name)}** \u2192", query_params={"iso": card.iso},
                     help=help_text)
        st.markdown(text)

# --- The latest incidents ---------------------------------------------------------------------
st.header("Latest dated incidents")
if latest.empty:
    chrome.empty_state("dated incidents", chrome.widen_suggestion(f))
latest_lines = cache.cached("overview-latest-text", lambda: [
    f"**{chrome.safe_text(e.date)}** · {chrome.safe_text(e.kind)}{f' ({chrome.safe_text(e.place)})' if e.place else ''}: "
    f"{chrome.safe_text(e.summary)} :small[{cite(e.doc_id, e.incident_id)}]"
    for e in row_tuples(latest, ("date", "kind", "place", "summary", "doc_id", "incident_id"))], incident_rows)
if latest_lines:
    st.markdown("\n\n".join(latest_lines))  # one element, one paragraph each: each element costs on every rerun
st.caption("Dated to the day, month or year as the document allows; an event known only to its year is placed "
           "in the middle of that year. All incidents: the Attacks and plots page. Every number on this page keeps "
           "the document's qualifier (about, up to, at least) and links to its passage; \u201cnot reported\u201d "
           "means that no document gives the number.")

# --- Every row behind the page ----------------------------------------------------------------
behind = cache.cached("overview-behind", lambda: rows_behind(waves, cards, latest), figure_rows, f.year_range, *card_key, incident_rows)
tables.sources_section(behind, "id", corpus, "Sources of everything on this page")
