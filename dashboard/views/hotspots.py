"""Hotspots map: where mobilization concentrated, drawn as precisely as the documents allow."""

import numpy as np
import pandas as pd
import streamlit as st

from core.analysis.filters import describe
from core.analysis.plain import count_of
from core.render.alt_text import hotspot_text_alternative
from core.render.geo import split_by_view
from core.render.legend import legend_html
from core.render.maps import hotspot_deck, hotspot_map_data, legend_entries
from core.render.static_maps import static_hotspot_figure
from core.analysis.query import country_names, filter_hotspots, place_name, rows_where
from ui import cache, chrome, exports, graphics, state, store, tables

corpus = store.corpus()
f = state.current()
names = country_names(corpus)
hot = cache.cached("hotspot-rows", lambda: filter_hotspots(store.hotspots(), f), f.countries)  # the years do not apply
chrome.header("Hotspots map", f"Places the documents tie to mobilization, as the curator reads them (each claim rests on its quote): "
              f"{describe(f, names, len(set(hot['place_id'])), 'places', applies=('countries',))} ({count_of(len(hot), 'claim')}; the "
              "year filter does not apply: the documents date hotspots by wave, if at all)")
chrome.problem_banner(corpus, "hotspots", "places", "figures", "incidents")



def rows_per_place() -> pd.Series:
    """How many curated rows name each place (the size of its point): the data alone decide it."""
    cited = pd.concat([
        corpus["figures"]["subject"], corpus["figures"]["related"], corpus["incidents"]["place_id"], corpus["hotspots"]["place_id"],
    ])
    return cited[cited != ""].value_counts()


def map_parts():
    """The map's shaded areas, outlines and points: they depend on the country filter only."""
    places = corpus["places"]
    if f.countries:
        places = rows_where(places, np.isin(places["country_iso3"].to_numpy(), f.countries))
    return hotspot_map_data(places, hot, cache.cached("rows-per-place", rows_per_place))


parts = cache.cached("hotspot-parts", map_parts, f.countries)


def place_rows(place_id: str) -> tuple:
    """(claims, figures, claim lines, rows behind them) for the chosen hotspot."""
    claims = rows_where(hot, hot["place_id"].to_numpy() == place_id)
    figs = store.figures()
    figs = rows_where(figs, (figs["subject"].to_numpy() == place_id) | (figs["related"].to_numpy() == place_id))
    lines = [(f"**{chrome.safe_text(r['wave'] or 'wave not stated')}** · {chrome.safe_text(r['summary'])} "
              f"{chrome.cite(r['doc_id'], r['hotspot_id'])}",
              f"\u201c{chrome.safe_text(r['quote'])}\u201d") for r in claims.to_dict("records")]
    behind = pd.DataFrame({"id": claims["hotspot_id"].tolist() + figs["figure_id"].tolist(),
                           "doc_id": claims["doc_id"].tolist() + figs["doc_id"].tolist(),
                           "quote": claims["quote"].tolist() + figs["quote"].tolist()})
    return claims, figs, lines, behind

choices = cache.cached("hotspot-choices", lambda: {p: n for p, n in zip(hot["place_id"], hot["name"])}, f.countries)
selected = f.hotspot if f.hotspot in choices else None

# The map takes the full width; its legend and text alternative follow it.
if hot.empty:
    chrome.empty_state("hotspots", chrome.widen_suggestion(f))
summary, summary_table = cache.cached("hotspot-summary", lambda: hotspot_text_alternative(hot, names),
                                 f.countries)
# The map does not mark the chosen hotspot (the list below does), so there is one deck per country filter.
event = graphics.deck("hotspot-deck", lambda: hotspot_deck(parts, None, fit=bool(f.countries)), f.countries,
                on_select="rerun", selection_mode="single-object", key="hotspot-map", height=560, alt=summary)
graphics.text_alternative(summary, summary_table, "hotspot-map")
st.html(legend_html(legend_entries(parts), "How precise each place is:"))
far = cache.cached("hotspot-far", lambda: [] if hot.empty or "lat" not in hot else list(dict.fromkeys(
    map(place_name, split_by_view(hot.dropna(subset=["lat"]))[1]["name"]))), f.countries)
if far:  # drawn on the map, but beyond the region it first shows
    st.markdown("**Beyond the region the map first shows** (zoom out to see them): " + chrome.safe_text(", ".join(far)) + ".")
cited = len(parts["cited"])
st.caption(f"Only the places the hotspot rows tie to mobilization are drawn in colour; {cited} other "
           f"{'place the documents cite is a small grey dot' if cited == 1 else 'places the documents cite are small grey dots'}, "
           "named as a hotspot by no row (a figure or event may still concern it) and not counted. Point size: how many quoted statements "
           "(figures, incidents, claims) cite the place. Boundaries: Natural Earth (public domain); Aravan district: geoBoundaries, CC BY-SA 3.0. Where names "
           "would overlap, a country name moves or is left out.")
static_title = f"Places tied to mobilization ({describe(f, names, applies=('countries',))})"
# what the map's CSV holds: each claim's place, country, wave and summary, and its source and quote
behind = cache.cached("hotspot-behind", lambda: hot[["name", "country_iso3", "wave", "summary", "hotspot_id", "doc_id", "quote"]]
                      .rename(columns={"hotspot_id": "row"}).reset_index(drop=True), f.countries)
# The static rendering is built only when a download or the briefing asks for it.
exports.export_controls("hotspot-map", lambda: static_hotspot_figure(parts, static_title), static_title, behind, "row",
                        applies=("countries",))
picked = [o for objs in (event.selection.objects or {}).values() for o in objs] if event and event.selection else []
for obj in picked:
    pid = obj.get("place_id") or (obj.get("properties") or {}).get("place_id")
    if pid in choices and pid != selected:
        selected = pid
        st.session_state["w_hotspot"] = pid

if choices:
    keys = list(choices)
    if st.session_state.get("w_hotspot") not in keys:
        st.session_state["w_hotspot"] = selected or keys[0]
    selected = st.selectbox("Choose a hotspot to read its figures and quotes", keys, format_func=choices.get,
                            key="w_hotspot")
    state.update(hotspot=selected)
    claims, figs, claim_lines, behind_place = cache.cached("hotspot-place", lambda: place_rows(selected), f.countries, selected,
                                                                  state.pack_key())  # the citations carry the pack
    st.header(chrome.safe_text(choices[selected]))
    for said, quoted in claim_lines:
        st.markdown(said)
        st.caption(quoted)
    if figs.empty:
        st.caption("The documents give no figures for this place.")
    else:
        tables.table(lambda: figs[["label", "display", "period", "subject_label", "related_label", "doc_id", "quote"]],
                 f"hotspot-{selected}-figures", rows=lambda: figs.drop(columns=["countries"]), depends=cache.ids(figs, "figure_id"),
                 column_config={"label": "Indicator", "display": "Figure", "period": "Period",
                                    "subject_label": "About", "related_label": "Relative to", "doc_id": "Document",
                                    "quote": st.column_config.TextColumn("Quote", width="large")})
    tables.sources_section(behind_place, "id", corpus)
st.header("All hotspot claims")
tables.table(lambda: hot[["name", "country_iso3", "wave", "summary", "doc_id", "geo_precision"]], "hotspots",
         depends=cache.ids(hot, "hotspot_id"), rows=lambda: hot.drop(columns=["countries"]), column_config={"name": "Place", "country_iso3": "Country", "geo_precision": "Precision"})
tables.sources_section(hot, "hotspot_id", corpus)
