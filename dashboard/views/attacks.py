"""Attacks and plots: a timeline that shows how precisely each event is dated, a map, the table."""

import streamlit as st

import ui
from core.charts import OKABE_ITO_NAMES, colour_map, incident_timeline
from core.filters import describe
from core.maps import incident_deck, split_by_view
from core.query import country_names, filter_incidents
from core.schema import INCIDENT_KINDS

corpus = ui.get_corpus()
names = country_names(corpus)
categories = {c: c for c in dict.fromkeys(INCIDENT_KINDS.values())}
ui.page_multiselect("Kind of event", "kinds", categories,
                    help="attack (incl. bombings, shootings, shelling, killings), plot, arrest, group event, policy")
groups = dict(zip(corpus["groups"]["group_id"], corpus["groups"]["name"]))
ui.page_multiselect("Group", "groups", groups)
colour_by = ui.page_select("Colour the timeline by", "colour", {"kind": "category of event", "group": "group"})
f = ui.current()

inc = filter_incidents(ui.incidents(), f)
dated = inc["start"].notna().sum()
ui.header("Attacks and plots", f"{describe(f, names, len(inc), 'incidents')} ({dated} dated)"
          + (f"; kinds: {', '.join(f.kinds)}" if f.kinds else "")
          + (f"; groups: {', '.join(groups[g] for g in f.groups)}" if f.groups else ""))
st.caption("A country filter matches where an incident happened or the stated origin of those involved "
           "(\u201ccitizen of Tajikistan\u201d matches Tajikistan).")
ui.problem_banner(corpus, "incidents", "places", "groups")

if inc.empty:
    ui.empty_state("incidents", ui.widen_suggestion(f))
else:
    title = f"Incidents over time: {describe(f, names, len(inc), 'incidents')}"
    ui.chart(lambda: incident_timeline(inc, colour_by or "kind", title), "timeline", f, rows=inc, id_column="incident_id")
    st.caption("A dot marks the day an event is known to; a pale band spans the month or year when the document "
               "gives no more. Dot size follows people killed; a hollow diamond means the document gives no casualty figure.")
    ui.sources_section(inc, "incident_id", corpus)

    st.subheader("Where they happened")
    placed = inc.dropna(subset=["lat"])
    inside, outside = split_by_view(placed)
    colours = colour_map(inc["category"])
    st.caption(f"{len(placed)} of {len(inc)} incidents have a stated place; {len(inside)} are in the region the map "
               "shows. Hollow rings: known only to a region or country.")
    st.pydeck_chart(ui.memo("incident-deck", lambda: incident_deck(inside, colours), f), height=480, key="incident-map")
    st.markdown(" · ".join(f":{OKABE_ITO_NAMES[i % len(OKABE_ITO_NAMES)]}[●] {k}" for i, k in enumerate(sorted(colours))))
    if not outside.empty:
        counts = outside.groupby("place").size()
        st.markdown("**Outside the map:** " + ui.safe_text(", ".join(f"{p} ({n})" for p, n in counts.items())))

    st.subheader("The incidents")
    ui.table(
        inc[["date", "date_precision", "date_inferred", "kind", "place", "country_iso3", "group", "perpetrator_origin",
             "killed", "wounded", "summary", "doc_id", "incident_id"]], "incidents",
        rows=inc.drop(columns=["start", "end", "origin_iso3", "countries"]),
        column_config={"killed": st.column_config.NumberColumn("killed", help="blank: not stated in the document"),
                       "wounded": st.column_config.NumberColumn("wounded", help="blank: not stated in the document"),
                       "summary": st.column_config.TextColumn("summary", width="large")},
    )
    ui.sources_section(inc, "incident_id", corpus, "Sources of the table")
