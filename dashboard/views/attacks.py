"""Attacks and plots: a timeline that shows how precisely each event is dated, a map, the table."""

from collections import Counter

import streamlit as st

from core.render.alt_text import incident_map_summary, incident_map_table, timeline_summary
from core.render.charts import OKABE_ITO_NAMES, colour_map, incident_timeline
from core.analysis.filters import describe
from core.render.geo import split_by_view
from core.render.maps import incident_deck
from core.analysis.query import country_names, filter_incidents, rows_where
from core.data.schema import INCIDENT_KINDS
from ui import cache, chrome, graphics, state, store, tables

corpus = store.corpus()
names = country_names(corpus)
categories = {c: c for c in dict.fromkeys(INCIDENT_KINDS.values())}
state.page_multiselect("Kind of event", "kinds", categories,
                    help="attack (incl. bombings, shootings, shelling, killings), plot, arrest, group event, policy")
groups = store.group_names()
state.page_multiselect("Group", "groups", groups)
f = state.current()

inc = filter_incidents(store.incidents(), f)
shown = cache.ids(inc, "incident_id")  # what everything below is drawn from: it changes only when these rows do


def map_rows() -> tuple:
    """(incidents dated, those in the mapped region, those placed outside it, colour per category,
    'place (n)' for the outside ones): the map and its text depend on the rows alone."""
    inside, outside = split_by_view(rows_where(inc, inc["lat"].notna().to_numpy()))
    outside_counts = ", ".join(f"{p} ({n})" for p, n in sorted(Counter(outside["place"].dropna().tolist()).items()))
    return int(inc["start"].notna().sum()), inside, outside, colour_map(inc["category"]), outside_counts


dated, inside, outside, colours, outside_counts = cache.cached("incident-map-rows", map_rows, shown)
chrome.header("Attacks and plots", f"{describe(f, names, len(inc), 'incidents')} ({dated} dated)"
          + (f"; kinds: {', '.join(f.kinds)}" if f.kinds else "")
          + (f"; groups: {', '.join(groups[g] for g in f.groups)}" if f.groups else ""))
st.caption("A country filter matches where an incident happened or the stated origin of those involved "
           "(\u201ccitizen of Tajikistan\u201d matches Tajikistan).")
chrome.problem_banner(corpus, "incidents", "places", "groups")


@st.fragment
def timeline(inc, title: str) -> None:
    """The timeline with its own control: changing the colouring reruns only this fragment."""
    colours = {"kind": "category of event", "group": "group"}
    if st.session_state.get("w_colour") not in colours:
        st.session_state["w_colour"] = state.current().colour if state.current().colour in colours else "kind"
    colour_by = st.segmented_control("Colour the timeline by", list(colours), format_func=colours.get, key="w_colour",
                                     required=True) or "kind"
    if colour_by != state.current().colour:
        state.update(colour=colour_by)
        state.sync_url()
    graphics.chart(lambda: incident_timeline(inc, colour_by, title), "timeline", cache.ids(inc, "incident_id"), colour_by,
             title=title, rows=inc, id_column="incident_id", summary=lambda: timeline_summary(inc),
             data=lambda: inc.loc[inc["start"].notna(), ["date", "date_precision", "kind", "category", "group", "place",
                                                          "killed", "summary", "doc_id", "incident_id"]])
    st.caption("A dot marks the day an event is known to; a pale band spans the month or year when the document "
               "gives no more. Dot size follows people killed; a hollow diamond means the document gives no casualty figure.")


if inc.empty:
    chrome.empty_state("incidents", chrome.widen_suggestion(f))
else:
    timeline(inc, f"Incidents over time: {describe(f, names, len(inc), 'incidents')}")
    tables.sources_section(inc, "incident_id", corpus)

    st.header("Where they happened")
    st.caption(f"{len(inside) + len(outside)} of {len(inc)} incidents have a stated place; {len(inside)} are in the region the map "
               "shows. Hollow rings: known only to a region or country.")
    graphics.deck("incident-map", lambda: incident_deck(inside, colours), shown, height=480, key="incident-map")
    graphics.text_alternative(cache.cached("incident-map-summary", lambda: incident_map_summary(inc, inside, outside), shown),
                        cache.cached("incident-map-table", lambda: incident_map_table(inside, outside), shown), "incident-map")
    st.markdown(" · ".join(f":{OKABE_ITO_NAMES[i % len(OKABE_ITO_NAMES)]}[●] {k}" for i, k in enumerate(sorted(colours))))
    if outside_counts:
        st.markdown("**Outside the map:** " + chrome.safe_text(outside_counts))

    st.header("The incidents")
    tables.table(
        lambda: inc[["date", "date_precision", "date_inferred", "kind", "place", "country_iso3",
                                                "group", "perpetrator_origin", "killed", "wounded", "summary", "doc_id",
                                                "incident_id"]], "incidents",
        depends=shown, rows=lambda: inc.drop(columns=["start", "end", "origin_iso3", "countries"]),
        column_config={"killed": st.column_config.NumberColumn("killed", help="blank: not stated in the document"),
                       "wounded": st.column_config.NumberColumn("wounded", help="blank: not stated in the document"),
                       "summary": st.column_config.TextColumn("summary", width="large")},
    )
    tables.sources_section(inc, "incident_id", corpus, "Sources of the table")
