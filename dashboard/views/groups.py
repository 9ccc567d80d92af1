"""Groups: strength estimates as ranges, relation to the Taliban, the events involving them, each in its
own tab."""

import streamlit as st

from core.render.alt_text import estimates_summary
from core.render.charts import range_chart
from core.analysis.filters import describe
from core.analysis.documents import short_citations
from core.analysis.events import event_ids_where, events_of, rows_of
from core.analysis.plain import count_of
from core.analysis.query import country_names, filter_figures
from ui import cache, chrome, graphics, state, store, tables

corpus = store.corpus()
groups = store.group_names()
state.page_multiselect("Group", "groups", groups)
f = state.current()
names = country_names(corpus)
chosen = cache.cached("groups-chosen", lambda: corpus["groups"] if not f.groups else
                 corpus["groups"][corpus["groups"]["group_id"].isin(f.groups)], f.groups)
chrome.header("Groups", f"{len(chosen)} groups" + (f" ({', '.join(groups[g] for g in f.groups)})" if f.groups else "")
          + f"; estimates and events: {describe(f, names)}")
chrome.problem_banner(corpus, "groups", "figures", "incidents")

def strength_part() -> None:
    """Each group's strength as the documents estimate it: ranges, never combined."""
    figs = filter_figures(store.figures(), f)
    strength = cache.cached("group-strength", lambda: figs[(figs["indicator"] == "group_strength") & figs["subject"].isin(chosen["group_id"])]
                       .sort_values("subject_label"), cache.ids(figs, "figure_id"), f.groups)
    st.header("Strength estimates")
    if strength.empty:
        chrome.empty_state("strength estimates", chrome.widen_suggestion(f))
    else:
        title = f"Fighters or members per group, as estimated ({describe(f, names, applies=('countries', 'years', 'groups'), groups=groups)})"
        graphics.chart(lambda: range_chart(strength, title,
                             "Fighters or members (people)"), "strength", cache.ids(strength, "figure_id"), title=title,
                 rows=strength, id_column="figure_id", applies=("countries", "years", "groups"),
                 summary=lambda: estimates_summary(strength, "Fighters or members per group, as estimated",
                                                   "people"),
                 data=lambda: strength[["subject_label", "display", "qualifier", "low", "value", "high",
                                                                     "period", "doc_id", "figure_id"]])
        st.caption("Bars: ranges (low\u2013high). Triangle pointing left: \u201cup to\u201d; dot: \u201cabout\u201d or exact. "
                   "Estimates from different documents and dates are shown side by side, never combined.")
        tables.sources_section(strength, "figure_id", corpus)


def taliban_part() -> None:
    """What each group is, where it is based, and how the documents place it against the Taliban."""
    st.header("Relation to the Taliban")
    tables.table(lambda: chosen[["name", "aliases", "base", "base_when", "founded", "relation_to_taliban", "doc_id", "quote", "note"]], "groups",
             depends=cache.ids(chosen, "group_id"),
             rows=chosen, column_config={"relation_to_taliban": st.column_config.TextColumn(help="as the quoted document describes it; blank: not stated"),
                                "quote": st.column_config.TextColumn(width="large")})
    tables.sources_section(chosen, "group_id", corpus)


incidents = store.incidents()
every_event = cache.cached("every-event", lambda: events_of(incidents, short_citations(corpus)))


def group_events():
    """The events (an event several documents tell counted once) any of whose reports names one of
    these groups, among those the filters leave, oldest first."""
    in_filters = set(event_ids_where(incidents, f, use_kind=False, use_group=False))
    named = incidents["group_id"].isin(chosen["group_id"]) & (incidents["group_id"] != "")
    wanted = in_filters & set(incidents.loc[named, "event_id"])
    return every_event[every_event["event_id"].isin(wanted)].sort_values("start", kind="stable")


def events_part() -> None:
    """The events involving these groups, one row per event, with their sources."""
    st.header("Events involving these groups")
    events = cache.cached("group-events", group_events, f.countries, f.year_range, f.include_undated, cache.ids(chosen, "group_id"))
    reports = rows_of(incidents, events)
    if events.empty:
        chrome.empty_state("events involving these groups", chrome.widen_suggestion(f))
    else:
        undated = int(events["start"].isna().sum())
        st.caption(f"{count_of(len(events), 'event')}, from {count_of(len(reports), 'report')} in the documents; an event told by "
                   "several documents is listed once. \u201cGroup (how involved)\u201d says what the documents say: carried out, "
                   "claimed, attributed by the source, or inspired by. Oldest first"
                   + (f"; {undated} the documents do not date {'is' if undated == 1 else 'are'} listed last." if undated else "."))
        tables.table(lambda: events[["date", "date_inferred", "group_link", "kinds", "place", "summary", "documents", "differs"]],
                     "group-events", depends=cache.ids(events, "event_id"),
                     rows=lambda: reports.drop(columns=["start", "end", "origin_iso3", "target_iso3", "countries"]),
                     column_config={"summary": st.column_config.TextColumn(width="large"),
                                    "differs": st.column_config.TextColumn("where the reports differ")})
        tables.sources_section(reports, "incident_id", corpus)


# The parts, as tabs: only the open one is built, so a filter change redraws one part, not the page.
state.page_tabs("groups", {"Strength estimates": strength_part, "Relation to the Taliban": taliban_part,
                            "Events": events_part})
