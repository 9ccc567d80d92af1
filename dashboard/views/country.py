"""Country profile: everything the corpus says about one country (/country?iso=TJK), and its
one-page brief as PDF and PPTX. What belongs to a country is decided in core/analysis/profile.py."""

import pandas as pd
import streamlit as st

from core.render import brief, country_map, maps
from core.render.legend import legend_html
from core.render.charts import incident_timeline
from core.analysis.filters import Filters, describe_years
from core.analysis.headlines import headline_figures, key_points
from core.analysis.overview import figure_value
from core.analysis.profile import REGIONAL_SCOPE, build_profile, incidents_summary, timeline_rows, timeline_summary
from core.analysis.query import country_names, figures_mask, ids_where, incidents_mask
from core.data.schema import CENTRAL_ASIA
from core.analysis.plain import count_of
from ui import cache, chrome, graphics, state, store, tables

corpus = store.corpus()
names = country_names(corpus)
ordered = [c for c in CENTRAL_ASIA if c in names] + sorted((c for c in names if c not in CENTRAL_ASIA), key=names.get)


def _choose() -> None:
    iso = st.session_state.get("w_iso")
    state.update(iso=iso)
    state.set_link("iso", iso or "")  # so the link's old ?iso= does not win on this rerun


f = state.current()
if f.iso and st.session_state.get("w_iso") != f.iso:
    st.session_state["w_iso"] = f.iso  # arrived by a link: the chooser follows it
title = f"Country profile: {names[f.iso]}" if f.iso else "Country profiles"
chrome.header(title, f"Everything the {len(corpus.documents)} documents say about one country, each part with its sources")
st.selectbox("Country", ordered, index=None, format_func=lambda c: names.get(c, c), key="w_iso", on_change=_choose,
             placeholder="Choose a country", help="The five Central Asian states first, then every other country the documents name.")
chrome.problem_banner(corpus, "figures", "incidents", "channels", "groups", "hotspots", "places", "countries")


def timeline_figure(p, title: str):
    """The Attacks page's timeline, coloured by how each incident concerns the country; room for a
    two-row legend under the title."""
    fig = incident_timeline(timeline_rows(p), "group", title)
    fig.update_layout(margin=dict(t=140))
    return fig


def profile_of(iso: str):
    """The profile under the year filter, cached on the rows the years leave (figures and incidents):
    a year change that keeps those rows reuses the profile and everything drawn from it."""
    key = profile_key(iso)
    return cache.cached("profile", lambda: build_profile(corpus, iso, f), *key), key


def profile_key(iso: str) -> tuple:
    years_only = Filters(year_from=f.year_from, year_to=f.year_to, include_undated=f.include_undated)
    return (iso, ids_where(store.figures(), figures_mask(store.figures(), years_only), "figure_id"),
            ids_where(store.incidents(), incidents_mask(store.incidents(), years_only, use_kind=False, use_group=False),
                      "incident_id"))


def landing() -> None:
    """No country chosen: every country with how well the documents cover it, linked to its profile."""
    rows = []
    for iso in ordered:  # what the list counts only (core.analysis.profile.build_profile, full=False)
        p = cache.cached("profile-counts", lambda: build_profile(corpus, iso, f, full=False), *profile_key(iso))
        rows.append({"country": names[iso], "coverage": p.coverage, "figures": len(p.key_figures),
                     "incidents": p.own_incident_reports, "documents": len(p.naming), "profile": f"country?iso={iso}"})
    st.markdown("Choose a country above, or open its profile from this list.")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height="content", column_config={
        "country": st.column_config.TextColumn("Country"), "coverage": st.column_config.TextColumn("Coverage"),
        "profile": st.column_config.LinkColumn("Profile", display_text="open profile"),
        "figures": st.column_config.NumberColumn("Figures about it"),
        "incidents": st.column_config.NumberColumn("Incidents (in it or its nationals)"),
        "documents": st.column_config.NumberColumn("Documents naming it")})


def passage_tables(p) -> list[tuple[str, str, object]]:
    """(document, expander label, table) for each document that names the country: text, then notes."""
    titles = dict(zip(corpus["documents"]["doc_id"], corpus["documents"]["title"]))
    out = []
    for doc_id, part in p.passages.groupby("doc_id", sort=False):
        body, notes = part[~part["in_notes"]], part[part["in_notes"]]
        label = f"{titles.get(doc_id, doc_id)}: {count_of(len(body), 'passage')}" + (f", {len(notes)} in its notes" if len(notes) else "")
        shown = pd.concat([body, notes])
        out.append((doc_id, label, shown.assign(where=shown["in_notes"].map({True: "notes", False: "text"}),
                                                         terms=shown["terms"].map(", ".join))[["text", "terms", "where", "link"]]))
    return out


def profile_page(iso: str) -> None:
    """The profile of one country, part by part, each with its Sources section."""
    p, key = profile_of(iso)
    points = cache.cached("profile-key-points", lambda: key_points(corpus, iso), iso)
    coverage, sentence = cache.cached("profile-coverage", lambda: (p.coverage, p.coverage_sentence()), *key)

    # Key points: the curator's summary, each on one quote ----------------------------------------
    st.header("Key points")
    if points.empty:
        st.caption(f"No key points have been written for {chrome.safe_text(p.name)} yet; what the documents say is below.")
    else:
        st.markdown("\n".join(f"- {chrome.safe_text(r.statement)} {chrome.cite_passage(r.doc_id, r.quote)}"
                               for r in points.itertuples()))
    if coverage == "barely covered":
        st.info(chrome.safe_text(sentence))
    else:
        st.caption(chrome.safe_text(sentence))

    # One-page brief ----------------------------------------------------------------------------------
    filters_text = describe_years(f) if f.year_range != (None, None) else ""
    can_print = brief.chromium_path() is not None

    # Read in the script run: the briefs are made when the reader clicks, outside it, where
    # st.context has no address (and the brief's links would be relative).
    address = st.context.url or ""

    def _content():
        return cache.cached("brief-content", lambda: brief.brief_content(corpus, p, filters_text, base_url=address),
                            iso, f.year_from, f.year_to, f.include_undated, address)

    def _pdf() -> bytes:
        return brief.brief_pdf(_content())

    cols = st.columns([1, 1, 4])
    slug = f"{names[iso].lower().replace(' ', '-')}-brief"
    cols[0].download_button("Brief (PDF)", _pdf, f"{slug}.pdf", "application/pdf", key="brief-pdf", on_click="ignore",
                            disabled=not can_print, help="One A4 page: key points, headline figures, the hotspot map, "
                            "the events and the documents cited")
    cols[1].download_button("Brief (PPTX)", lambda: brief.brief_pptx(_content()), f"{slug}.pptx",
                            "application/vnd.openxmlformats-officedocument.presentationml.presentation", key="brief-pptx",
                            on_click="ignore", disabled=not can_print, help="One 16:9 slide: key points and headline "
                            "figures, the quotes in the speaker notes")
    if not can_print:
        cols[2].caption("The PDF and PPTX briefs need Debian's chromium on the server (apt-get install chromium); "
                        "the rest of this page works without it.")
    st.caption("Years: " + describe_years(f) + ". The year filter applies to dated figures and events; key points, "
               "hotspots, channels, groups and passages are undated. The sidebar's country filter does not apply here.")

    state.page_tabs("country", {"Figures": lambda: figures_part(p, key), "Places": lambda: places_part(p),
                                 "Events": lambda: events_part(p, key), "Recruitment": lambda: recruitment_part(p, key),
                                 "Documents": lambda: documents_part(p, key)})


def figures_part(p, key: tuple) -> None:
    """The headline figures, every figure behind them, where documents differ, their sources."""
    st.header("Headline figures")
    headline, _ = cache.cached("profile-headlines", lambda: headline_figures(p.key_figures), *key)
    figs, iso = p.figures, p.iso
    if headline.empty:
        st.caption(f"No document gives a figure about {chrome.safe_text(p.name)} on mobilization, returns, violence or "
                   "recruitment" + ("" if f.year_range == (None, None) else " in these years") + ".")
    else:
        st.markdown("\n".join(f"- {chrome.safe_text(r.label)}: **{chrome.safe_text(figure_value(r))}** "
                               f"({chrome.safe_text(r.about)}; {chrome.safe_text(r.when)}) {chrome.cite(r.doc_id, r.figure_id)}"
                               for r in headline.itertuples()))
    if not figs.empty:
        regional = int((figs["scope"] == REGIONAL_SCOPE).sum())
        box = chrome.folded(f"All {len(figs)} figures concerning {p.name}"
                            + (f" ({regional} of them about several states together)" if regional else "")
                            + ", with qualifier, period, source and quote",
                            f"profile-{iso}-all-figures")
        if box is not None:
            with box:
                tables.table(lambda: figs[["label", "display", "qualifier", "when", "about", "scope", "doc_id", "quote"]],
                             f"profile-{iso}-figures", rows=lambda: figs.drop(columns=["countries"]), depends=key,
                             column_config={"scope": "Concerns", "quote": st.column_config.TextColumn("Quote", width="large")})
                regional = int((figs["scope"] == REGIONAL_SCOPE).sum())
                if regional:
                    st.caption(f"{regional} of these figures count several states together (Central Asia, or some of its states), not "
                               f"{chrome.safe_text(p.name)} alone.")
        if not p.contradictions.empty:
            st.markdown("**Where the documents differ** (different documents, the same indicator, people and period, "
                        "values that cannot both hold)")
            st.dataframe(cache.cached("profile-contradictions", lambda: p.contradictions[
                ["indicator", "about", "period", "document", "figure"]], *key), hide_index=True, width="stretch")
        tables.sources_section(figs, "figure_id", corpus, "Sources of the figures")


def places_part(p) -> None:
    """Places tied to mobilization, on the map and in words."""
    iso = p.iso
    st.header("Places tied to mobilization, and other places")
    cmap = cache.cached("country-map", lambda: country_map.country_map(corpus, p), iso)
    if not p.hotspots.empty:
        for r in p.hotspots.itertuples():
            wave = f" ({chrome.safe_text(r.wave)})" if r.wave else ""
            st.markdown(f"**{chrome.safe_text(r.name)}**{wave}: {chrome.safe_text(r.summary)} "
                        f"{chrome.cite(r.doc_id, r.hotspot_id)}")
    else:
        st.caption(f"No document ties a place in {chrome.safe_text(p.name)} to mobilization.")
    if cmap.drawable:
        graphics.deck("country-deck", lambda: country_map.country_deck(cmap, iso), iso, height=440, key="country-map")
        graphics.text_alternative(cache.cached("country-map-summary", lambda: country_map.map_summary(p, cmap), iso),
                            cache.cached("country-map-table", lambda: cmap.inside[["name", "precision_label", "rows", "lat", "lon"]], iso),
                            "country-map")
        st.html(legend_html(maps.legend_entries(cmap.parts)))
        st.caption("Points are sized by the quoted statements that cite them. Boundaries: Natural Earth; Aravan: geoBoundaries.")
    if not cmap.outside.empty:
        st.markdown("**Outside the mapped region:** " + chrome.safe_text(
            ", ".join(f"{n} ({country_map.rows_text(r)})" for n, r in zip(cmap.outside["name"], cmap.outside["rows"]))))
    if not cmap.drawable and cmap.outside.empty:
        st.caption(f"No place in {chrome.safe_text(p.name)} is cited, and the maps draw only Central Asia and its neighbours.")
    tables.sources_section(p.hotspots, "hotspot_id", corpus, "Sources of the hotspots")


def events_part(p, key: tuple) -> None:
    """The events in the country or involving its nationals: timeline, table, sources."""
    iso = p.iso
    st.header("Events")
    inc, ev = p.incidents, p.events
    st.markdown(chrome.safe_text(cache.cached("profile-incidents-summary", lambda: incidents_summary(p), *key)))
    if not ev.empty:
        regional = bool((ev["relation"] == p.regional_relation).any()) if "relation" in ev else False
        title = (f"Events in {p.name} or involving {p.adjective} nationals"
                 + (" or Central Asians in general" if regional else "") + f" ({describe_years(f)})")
        # Drawn from the profile's events only: a year change that keeps them reuses the figure under the new title.
        graphics.chart(lambda: timeline_figure(p, title), "country-timeline", iso, cache.ids(ev, "event_id"), title=title,
                       rows=inc, id_column="incident_id", summary=lambda: timeline_summary(p), applies=("years",),
                       data=lambda: ev[["date", "date_inferred", "relation", "kinds", "place", "summary", "documents"]])
        st.caption("Colour: how the event concerns the country. A dot marks a day; a pale band the month or year an "
                   "event is known to; a hollow diamond: its reports give no number killed (a figure elsewhere may). An event several "
                   "documents report is drawn once.")
        tables.table(lambda: ev[["date", "date_inferred", "relation", "kinds", "place", "group_link", "perpetrator_origin", "targets",
                                 "killed", "summary", "documents", "differs"]], f"profile-{iso}-events", depends=key,
                     rows=lambda: inc.drop(columns=["start", "end", "origin_iso3", "target_iso3", "countries"]),
                     column_config={
                         "relation": "Concerns", "killed": st.column_config.NumberColumn(help="blank: not stated"),
                         "summary": st.column_config.TextColumn(width="large")})
        tables.sources_section(inc, "incident_id", corpus, "Sources of the events")


def recruitment_part(p, key: tuple) -> None:
    """Recruitment channels aimed at the country's people, their languages, and its groups."""
    iso = p.iso
    st.header("Recruitment channels, languages and groups")
    ch = p.channels
    if ch.empty:
        st.caption(f"No document names a recruitment channel aimed at {chrome.safe_text(p.name)} or {chrome.safe_text(p.adjective)} "
                   "nationals.")
    else:
        if not p.languages.empty:
            st.markdown("**Languages of these channels in use** (claims that name them; a channel two documents name "
                        "is two claims): " + chrome.safe_text(", ".join(f"{l} ({count_of(n, 'claim')})" for l, n in
                                                                         zip(p.languages["language"], p.languages["claims"]))))
        tables.table(lambda: ch[["name", "kind", "stance", "languages", "used_by", "audience", "why", "doc_id", "channel_id"]],
                 f"profile-{iso}-channels", rows=ch, depends=key, column_config={
                     "why": "Concerns the country because", "used_by": "Used by (groups)", "channel_id": "Row"})
        tables.sources_section(ch, "channel_id", corpus, "Sources of the channels")
    groups = p.groups
    if groups.empty:
        st.caption("No group in the documents is based there or tied to its nationals.")
    else:
        regional_only = groups["why"].str.fullmatch(r"uses .* aimed at Central Asians in general").all()
        st.markdown(f"**Groups whose channels are aimed at Central Asians in general (no document ties a group to "
                    f"{chrome.safe_text(p.name)} itself)**" if regional_only else
                    f"**Groups the documents tie to {chrome.safe_text(p.name)} (the Why column says how)**")
        tables.table(lambda: groups[["name", "why", "base", "doc_id", "group_id"]], f"profile-{iso}-groups", rows=groups, depends=key,
                 column_config={"name": st.column_config.TextColumn("Group", width="medium"),
                                    "why": st.column_config.TextColumn("Why", width="large"), "base": "Based in",
                                    "doc_id": "Document", "group_id": "Row"})
        tables.sources_section(groups, "group_id", corpus, "Sources of the groups")


def documents_part(p, key: tuple) -> None:
    """Every passage of every document that names the country."""
    st.header("What each document says")
    passages = p.passages
    terms = ", ".join(p.terms)
    if passages.empty:
        st.caption(f"No document names {chrome.safe_text(terms)} in its text.")
    for doc_id, label, table in cache.cached("profile-passages", lambda: passage_tables(p), *key):
        box = chrome.folded(label, f"passages-{doc_id}")
        if box is not None:
            box.dataframe(table, hide_index=True, width="stretch", key=f"passages-{doc_id}", column_config={
                "text": st.column_config.TextColumn("Passage", width="large"), "terms": "Names",
                "where": "Where", "link": st.column_config.LinkColumn("Open", display_text="open in Sources")})
    st.caption(f"A passage is a sentence that names {chrome.safe_text(terms)} (whole words, as written).")


if f.iso:
    profile_page(f.iso)
else:
    landing()
