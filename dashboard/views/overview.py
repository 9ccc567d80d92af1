"""Overview: the situation on one screen. The waves of mobilization (waves.csv), one card per Central
Asian state, the latest dated events; every number with its qualifier and when it holds, every claim
with its citation linking to the passage."""

import pandas as pd
import streamlit as st

from core.analysis.filters import Filters, absent_caption, absent_words, describe
from core.analysis.headlines import REGION, key_points
from core.analysis.events import date_text
from core.analysis.plain import count_of
from core.analysis.overview import (card_countries, card_rows, country_card, figure_line, figure_value, latest_events,
                                    rows_behind, wave_views)
from core.analysis.query import country_names, figures_mask, ids_where, incidents_mask, source_link
from core.data.schema import CENTRAL_ASIA
from ui import cache, chrome, state, store, tables

corpus = store.corpus()
f = state.current()
names = country_names(corpus)
# Each part is cached on the rows it is drawn from, so a filter change that leaves them as they were
# costs nothing but the lookup.
years_only = Filters(year_from=f.year_from, year_to=f.year_to, include_undated=f.include_undated)
figures, incidents = store.figures(), store.incidents()
year_figures = ids_where(figures, figures_mask(figures, years_only), "figure_id")
year_incidents = ids_where(incidents, incidents_mask(incidents, years_only, use_kind=False, use_group=False), "incident_id")
incident_rows = ids_where(incidents, incidents_mask(incidents, f, use_kind=False, use_group=False), "incident_id")
card_key = (tuple(c for c in CENTRAL_ASIA if c in f.countries), bool(f.countries), year_figures, year_incidents)
waves = cache.cached("overview-waves", lambda: wave_views(corpus, f), year_figures, f.year_range)
# A card is made once per country and year filter: choosing countries only picks cards already made.
rows_for_cards = cache.cached("overview-card-rows", lambda: card_rows(corpus, f), year_figures, year_incidents)
cards = [cache.cached("overview-card", lambda iso=iso: country_card(corpus, iso, rows_for_cards), iso, year_figures, year_incidents)
         for iso in card_countries(f)]
latest = cache.cached("overview-latest", lambda: latest_events(corpus, f), incident_rows)

chrome.header("The situation at a glance", "Central Asian mobilization to foreign conflicts, as the documents tell it: "
              + describe(f, names))
chrome.problem_banner(corpus)

LINE = "  \n"  # a line break inside one Markdown block (blocks each add a gap; the page must fit one screen)


def card_about(r, iso: str) -> str:
    """Whom a card's figure is about, leaving out the card's own country: 'in Russia' on Tajikistan's
    card, 'Aravan district' on Kyrgyzstan's."""
    if r.subject == iso:
        return r.related_words
    return r.subject_words if r.related == iso else r.about


WAVE_POINTS = 1  # a wave card shows its first key point; the rest are on the waves' profile of rows

# --- Key points for the region -------------------------------------------------------------------
def point_lines(points) -> list[str]:
    return [f"{chrome.safe_text(r.statement)} {chrome.cite_passage(r.doc_id, r.quote, compact=True)}" for r in points.itertuples()]


def shown_points():
    """The key points the page shows: the region's, and the first of each wave."""
    points = corpus["key_points"]
    waves_shown = points[points["scope"].isin([v.wave["wave_id"] for v in waves]) & (points["rank"] <= WAVE_POINTS)]
    return pd.concat([key_points(corpus, REGION), waves_shown])


# The texts' citation links carry the session's briefing pack (chrome.cite): its key is part of each cache key.
region_points = cache.cached("overview-region-points", lambda: point_lines(key_points(corpus, REGION)), state.pack_key())
if region_points:
    st.markdown("\n".join(f"- {line}" for line in region_points))
    st.caption("Key points: the curator's summary of the documents, each resting on the quote its citation opens; the "
               "filters do not apply to them.")


# --- The waves ---------------------------------------------------------------------------------
def wave_text(view) -> str:
    """A wave's card: its span (cited), its first key point, and the figures that count it."""
    w = view.wave
    lines = [f"**{chrome.safe_text(w['title'])}**, {chrome.safe_text(w['when'])} {chrome.cite(w['doc_id'], w['wave_id'], compact=True)}"
             + ("" if view.in_years else " :small[(outside the chosen years)]")]
    points = key_points(corpus, w["wave_id"]).head(WAVE_POINTS)
    lines += [f":small[{line}]" for line in point_lines(points)]
    # Figures that count the same thing about the same people share a line: "hundreds · up to 2,000 (…)".
    same_context: dict[str, list] = {}
    for r in view.figures.itertuples():
        same_context.setdefault(figure_line(r).removeprefix(figure_value(r)).strip(), []).append(r)
    for context, same in same_context.items():
        # Each number links to its own passage; its document is cited once on the line (not "Tucker Tucker").
        several = len(same) > 1
        values = " · ".join(f"**[{chrome.safe_text(figure_value(r))}]({state.with_pack(source_link(r.doc_id, r.figure_id))})**"
                            if several else f"**{chrome.safe_text(figure_value(r))}**" for r in same)
        first_of_each = {r.doc_id: r.figure_id for r in reversed(same)}
        links = " ".join(chrome.cite(d, first_of_each[d], compact=True) for d in dict.fromkeys(r.doc_id for r in same))
        lines.append(f"{values} :small[{chrome.safe_text(context)} {links}]")
    said_by_a_point = any(w["count_quote"] and (w["count_quote"] in q or q in w["count_quote"]) for q in points["quote"])
    if not w["counted_by"] and not said_by_a_point:
        lines.append(f":small[No document counts the people who left in this wave. "
                     f"{chrome.cite_passage(w['count_doc_id'], w['count_quote'], compact=True)}]")
    elif view.figures.empty and w["counted_by"]:
        left_out = "are dated outside" if f.include_undated else "have no date or are dated outside"
        lines.append(f":small[The figures that count this wave {left_out} the chosen years.]")
    return LINE.join(lines)


# Keyed on what the texts say of the years (which figures, which waves fall outside them), not the years.
wave_texts = cache.cached("overview-wave-text", lambda: [wave_text(v) for v in waves], year_figures,
                          tuple(v.in_years for v in waves), f.include_undated, state.pack_key())
for col, text in zip(st.columns(len(waves)) if waves else [], wave_texts):
    with col, st.container(border=True):
        st.markdown(text)


# --- One card per country ------------------------------------------------------------------------
def card_text(card) -> tuple[str, str]:
    """(the card's lines, the help text of its profile link)."""
    lines = []
    programmes = card.events[card.events["kind"] == "repatriation programme"] if len(card.events) else card.events
    if card.repatriated.empty and len(programmes):  # a programme is reported, only without a number
        r = programmes.iloc[0]
        lines.append(f"Repatriated: **no number given**; {chrome.safe_text(r['summary'])} "
                     f"{chrome.cite(r['doc_id'], r['incident_id'], compact=True)}")
    elif card.repatriated.empty:
        lines.append(f"Repatriated: **{absent_words(f)}**")
    lines += [f"Repatriated: **{chrome.safe_text(figure_value(r))}**{' ' + chrome.safe_text(r.parts) if r.parts else ''} "
              f"({chrome.safe_text(r.when)}) {chrome.cite(r.doc_id, r.figure_id, compact=True)}"
              for r in card.repatriated.itertuples()]
    for r in card.shown.itertuples():
        about = card_about(r, card.iso)
        lines.append(f"{chrome.safe_text(r.label)}{' (' + chrome.safe_text(about) + ')' if about else ''}: "
                     f"**{chrome.safe_text(figure_value(r))}** ({chrome.safe_text(r.when)}) "
                     f"{chrome.cite(r.doc_id, r.figure_id, compact=True)}")
    if card.more:
        lines.append(f"+{card.more} more figure{'s' if card.more != 1 else ''} about it on its profile")
    lines.append(f"**Places tied to mobilization:** {chrome.safe_text(', '.join(card.hotspots) if card.hotspots else 'none named')}")
    n = len(card.events)
    split = f"{card.in_country} in {card.name}, {card.abroad} elsewhere involving its nationals" \
        + (f", {card.former} elsewhere by former citizens of it" if card.former else "") \
        + (f", {card.unplaced} involving them with the place not stated" if card.unplaced else "")
    events = f"**Events:** {n} ({chrome.safe_text(split)})" if n else "**Events:** none recorded"
    detail = f"{count_of(n, 'event')}: {split}."
    if card.latest:
        e = card.latest
        events += f"; latest {chrome.safe_text(date_text(e['date'], e.get('date_inferred', '')))} {chrome.cite(e['doc_id'], e['incident_id'], compact=True)}"  # the report that dates it
        detail += f" Latest dated ({date_text(e['date'], e.get('date_inferred', ''))}): {e['summary']}"
    lines.append(events)
    lines.append(f"Named in {len(card.documents)} of {len(corpus.documents)} documents")
    help_text = chrome.safe_text(f"Open the profile of {card.name}: every figure, event, channel and passage. "
                                 + (detail if n else ""))
    return LINE.join(f":small[{line}]" for line in lines), help_text


if not cards:
    st.info("The country filter names none of the five Central Asian states, so there are no country cards. "
            "Clear the country filter or add one of them.")
card_texts = [cache.cached("overview-card-text", lambda c=c: card_text(c), c.iso, year_figures, year_incidents, absent_words(f),
                           state.pack_key()) for c in cards]
for col, card, (text, help_text) in zip(st.columns(5), cards, card_texts):
    with col, st.container(border=True, gap=None):
        st.page_link("views/country.py", label=f"**{chrome.safe_text(card.name)}** \u2192", query_params={"iso": card.iso},
                     help=help_text)
        st.markdown(text)

# --- The latest events ----------------------------------------------------------------------------
st.header("Latest dated events")
if latest.empty:
    chrome.empty_state("dated events", chrome.widen_suggestion(f))


def latest_line(e: dict) -> str:
    place = f" ({chrome.safe_text(e['place'])})" if e["place"] else ""
    cites = " · ".join(chrome.cite(doc_id, row_id) for doc_id, row_id in e["sources"])
    return f"**{chrome.safe_text(date_text(e['date'], e.get('date_inferred', '')))}** · {chrome.safe_text(e['kinds'])}{place}: {chrome.safe_text(e['summary'])} :small[{cites}]"


latest_lines = cache.cached("overview-latest-text", lambda: [latest_line(e) for e in latest.to_dict("records")],
                            incident_rows, state.pack_key())
if latest_lines:
    st.markdown("\n\n".join(latest_lines))  # one element, one paragraph each: each element costs on every rerun
st.caption("Dated to the day, month or year as the documents allow; a date a document implies but does not state is "
           "marked (inferred), and its note says how. An event known only to its year is placed in the "
           "middle of that year. An event several documents report is listed once. Every number keeps the document's "
           "qualifier (about, up to, at least) and says when it holds (its period, or, where it states none, its document's "
           "date); " + absent_caption(f))

# --- Every row behind the page ---------------------------------------------------------------------
behind = cache.cached("overview-behind", lambda: rows_behind(waves, cards, latest, incidents, shown_points()), year_figures,
                      f.year_range, *card_key, incident_rows)
tables.sources_section(behind, "id", corpus, "Sources of everything on this page")
