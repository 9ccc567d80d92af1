"""Attacks and plots: a timeline of events that shows how precisely each is dated, a map, the table,
each in its own tab.

Events, not reports: the rows of several documents about one event are counted once and list every
document that reports it (core.analysis.events). Attacks and plots are shown unless the reader
chooses other kinds (arrests, bans, group events, policy measures) in the sidebar."""

from collections import Counter
from dataclasses import replace

import pandas as pd
import streamlit as st

from core.analysis.documents import short_citations
from core.analysis.events import count_events, events_of, filter_events, rows_of
from core.analysis.filters import DEFAULT_KINDS, describe
from core.analysis.plain import CASUALTY_HELP
from core.analysis.query import country_names, rows_where
from core.data.schema import INCIDENT_KINDS
from core.render.alt_text import incident_map_summary, incident_map_table, timeline_summary, undated_sentence
from core.render.charts import CATEGORY_COLOURS, incident_timeline
from core.render.legend import legend_html
from core.render.geo import split_by_view
from core.render.maps import incident_deck
from ui import cache, chrome, graphics, state, store, tables

APPLIES = ("countries", "years", "kinds", "groups")  # the filters this page's rows follow

corpus = store.corpus()
names = country_names(corpus)
recorded = set(store.incidents()["kind"].map(INCIDENT_KINDS)) | set(state.current().kinds)  # no choice that shows nothing
categories = {c: c for c in dict.fromkeys(INCIDENT_KINDS.values()) if c in recorded}
state.page_multiselect("Kind of event", "kinds", categories, placeholder="Attacks and plots",
                       help="Left empty: attacks (bombings, shootings, shelling, killings) and plots. Choose arrests, "
                            "group events (bans, pledges, foundings, announcements) or policy measures to see them.")
groups = store.group_names()
state.page_multiselect("Group", "groups", groups)
f = state.current()
shown_filters = replace(f, kinds=f.kinds or DEFAULT_KINDS)

incidents = store.incidents()
every_event = cache.cached("every-event", lambda: events_of(incidents, short_citations(corpus)))
ev = cache.cached("attack-events", lambda: filter_events(incidents, shown_filters, short_citations(corpus), every_event=every_event),
                  shown_filters.countries, shown_filters.year_range, shown_filters.include_undated, shown_filters.kinds,
                  shown_filters.groups)
shown = cache.ids(ev, "event_id")  # what everything below is drawn from: it changes only when these events do
reports = rows_of(incidents, ev)
other = cache.cached("other-events", lambda: count_events(incidents, replace(f, kinds=tuple(
    c for c in categories if c not in shown_filters.kinds))), f.countries, f.year_range, f.include_undated,
    shown_filters.kinds, f.groups)


def map_rows() -> tuple:
    """(events dated, those in the mapped region, those placed outside it, 'place (n)' for the
    outside ones): the map and its text depend on the events alone."""
    inside, outside = split_by_view(rows_where(ev, ev["lat"].notna().to_numpy()))
    outside_counts = ", ".join(f"{p} ({n})" for p, n in sorted(Counter(outside["place"].dropna().tolist()).items()))
    return int(ev["start"].notna().sum()), inside, outside, outside_counts


dated, inside, outside, outside_counts = cache.cached("incident-map-rows", map_rows, shown)
in_words = describe(f, names, applies=APPLIES, groups=groups)
undated = len(ev) - dated
counted = (f"{len(ev)} event{'s' if len(ev) != 1 else ''}" + (f" ({dated} dated, {undated} with no date)" if undated else "")
           + f", from {len(reports)} report{'s' if len(reports) != 1 else ''} in the documents")
chrome.header("Attacks and plots", f"{in_words}: {counted}")
st.caption("An event told by several documents is counted once and lists each of them. A country filter matches where an "
           "event happened, the stated citizenship of those who carried it out (or of the suspects), or of those it targeted. "
           + (f"{other} other event{'s' if other != 1 else ''} (arrests, group events, policy measures) match these "
              "filters: choose them in \u201cKind of event\u201d." if other and not f.kinds else ""))
chrome.problem_banner(corpus, "incidents", "places", "groups")


@st.fragment
def timeline(ev, title: str) -> None:
    """The timeline with its own control: changing the colouring reruns only this fragment."""
    colours = {"kind": "kind of event", "group": "group and how it is linked"}
    if st.session_state.get("w_colour") not in colours:
        st.session_state["w_colour"] = state.current().colour if state.current().colour in colours else "kind"
    colour_by = st.segmented_control("Colour the timeline by", list(colours), format_func=colours.get, key="w_colour",
                                     required=True) or "kind"
    if colour_by != state.current().colour:
        state.update(colour=colour_by)
        state.sync_url()
    # Drawn from the dated events only: a year change that leaves out only undated ones keeps the chart.
    # (With none dated, the empty chart's sentence counts the undated ones.)
    dated = cache.cached("dated-events", lambda: rows_where(ev, ev["start"].notna().to_numpy()), cache.ids(ev, "event_id"))
    graphics.chart(lambda: incident_timeline(dated, colour_by, title), "timeline", cache.ids(dated, "event_id"), colour_by,
                   len(ev) if dated.empty else None,
                   title=title, rows=reports, id_column="incident_id", applies=APPLIES,
                   summary=lambda: timeline_summary(dated if len(dated) else ev, drawn_only=True), more=undated_sentence(ev),
                   data=lambda: dated[["date", "date_inferred", "date_precision", "kinds", "category", "group_link",
                                       "place", "killed", "summary", "documents"]])
    st.caption("A dot marks the day an event is known to; a pale band spans the month or year when the documents give no "
               "more. Dot size follows people killed; a hollow diamond: the event's reports give no number killed (a figure elsewhere may).")


def timeline_part() -> None:
    """The timeline and its sources."""
    timeline(ev, f"Events over time: {in_words}")
    tables.sources_section(reports, "incident_id", corpus)


def map_part() -> None:
    """Where the events happened: the map, its text alternative and legend, and what lies outside it."""
    placed = pd.concat([inside, outside])
    inferred = int((placed["place_inferred"] == "yes").sum()) if "place_inferred" in placed else 0
    country_only = int((placed["geo_precision"] == "country").sum()) if "geo_precision" in placed else 0
    how = "; ".join(x for x in (f"{country_only} known only to their country" if country_only else "",
                                f"{inferred} placed by the curator's inference" if inferred else "") if x)
    st.header("Where they happened")
    st.caption(f"{len(placed)} of {len(ev)} events have a place{f' ({how})' if how else ''}; {len(inside)} are in the "
               "region the map shows. Hollow rings: known only to a region or country.")
    graphics.deck("incident-map", lambda: incident_deck(inside, CATEGORY_COLOURS), shown, height=480, key="incident-map")
    graphics.text_alternative(cache.cached("incident-map-summary", lambda: incident_map_summary(ev, inside, outside), shown),
                              cache.cached("incident-map-table", lambda: incident_map_table(inside, outside), shown),
                              "incident-map")
    st.html(legend_html([("dot", CATEGORY_COLOURS[k], k) for k in categories if k in set(ev["category"])]))
    if outside_counts:
        st.markdown("**Outside the map:** " + chrome.safe_text(outside_counts))


def table_part() -> None:
    """Every event, one row each, with its sources."""
    st.header("The events")
    tables.table(
        lambda: ev[["date", "date_inferred", "kinds", "place", "country_iso3", "perpetrator_origin", "group_link", "targets", "killed",
                    "wounded", "summary", "documents", "differs"]], "events", depends=shown,
        rows=lambda: reports.drop(columns=["start", "end", "origin_iso3", "target_iso3", "countries"]),
        column_config={"killed": st.column_config.NumberColumn(help=CASUALTY_HELP),
                       "wounded": st.column_config.NumberColumn(help=CASUALTY_HELP),
                       "summary": st.column_config.TextColumn(width="large"),
                       "documents": st.column_config.TextColumn(width="medium"),
                       "differs": st.column_config.TextColumn("where the reports differ")},
    )
    tables.sources_section(reports, "incident_id", corpus, "Sources of the table")


if ev.empty:
    chrome.empty_state("events", chrome.widen_suggestion(f))
else:
    state.page_tabs("attacks", {"Timeline": timeline_part, "Map": map_part, "Table": table_part})
