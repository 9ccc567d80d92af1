"""Events as the documents tell them, wherever a page lists or counts them (the third audit of
composed sentences): a year range applies to an event's date, not to each of its reports; Groups
and Repatriation list events, not reports; a group's part is said as the documents say it (carried
out, claimed, attributed, inspired by). Pure functions over the repository's tables, and the pages
through AppTest."""

from __future__ import annotations

import pytest

from app_paths import open_tab, run_page
from conftest import repository_corpus
from core.analysis.events import _dates_differ, _origins_differ, filter_events
from core.analysis.filters import Filters
from core.analysis.profile import REGIONAL_RELATION, build_profile, incidents_summary, timeline_summary
from core.analysis.query import incidents_view


@pytest.fixture(scope="module")
def corpus():
    return repository_corpus()


def test_an_undated_report_does_not_bring_its_dated_event_into_other_years(corpus):
    """The Taliban's killing of IMU members is dated 2016 by one report and undated in another: 'from
    2022, with rows with no date' must not show it (nor any other event dated before 2022)."""
    inc = incidents_view(corpus)
    both = inc.groupby("event_id")["year"].agg(lambda y: y.isna().any() and y.notna().any())
    assert both.any(), "the test needs an event with a dated and an undated report"
    events = filter_events(inc, Filters(year_from=2022, include_undated=True))
    years = events["date"].str[:4]
    assert not ((years != "") & (years < "2022")).any(), sorted(set(years))
    assert set(events["event_id"]) >= set(filter_events(inc, Filters(year_from=2022))["event_id"])
    undated = events[events["date"] == ""]
    assert all(inc.loc[inc["event_id"] == e, "year"].isna().all() for e in undated["event_id"])  # no report dates them


def test_a_profile_under_a_year_range_counts_events_by_their_dates(corpus):
    """Kazakhstan's 2019 programme has an undated report too: from 2022 it is out, not 'an event with no date'."""
    profile = build_profile(corpus, "KAZ", Filters(year_from=2022, include_undated=True))
    everything = build_profile(corpus, "KAZ", Filters())
    programme = set(everything.events.loc[everything.events["date"].str.startswith("2019"), "event_id"])
    assert programme, "the test needs Kazakhstan's 2019 event"
    assert not programme & set(profile.events["event_id"])
    for summary in (incidents_summary(profile), timeline_summary(profile)):
        assert "no date" not in summary, summary


@pytest.mark.parametrize("dates, differ", [(("2021", "2021-09-15"), False), (("2015-01-10", "2015"), False),
                                          (("2016", "2017-03"), True), (("2021-09-15", "2021-09-16"), True)])
def test_reports_differ_on_a_date_only_when_neither_contains_the_other(dates, differ):
    assert _dates_differ(dates) is differ


@pytest.mark.parametrize("origins, differ", [((("KGZ",), ("KAZ", "KGZ", "TJK", "TKM", "UZB")), False), ((("KGZ",), ()), False),
                                            ((("KGZ",), ("UZB",)), True)])
def test_reports_differ_on_who_did_it_only_when_they_name_different_states(origins, differ):
    assert _origins_differ(origins) is differ


def test_no_event_lists_details_its_reports_agree_on(corpus):
    """'dates 2021 and 2021-09-15' (the Taliban's pledge) is one date told more and less precisely."""
    events = filter_events(incidents_view(corpus), Filters())
    pledge = events[events["differs"].str.contains("dates", na=False)]
    for differs in pledge["differs"]:
        shown = differs.split("dates ", 1)[1].split(";")[0].split(" and ")
        assert _dates_differ(shown), differs


def test_groups_lists_each_event_once_and_says_how_each_group_is_involved(corpus):
    """The IMU's move to Syria, ISKP's founding and the Taliban's pledge are each told by two documents:
    one line each; the attacks only inspired by the Islamic State say so."""
    at = open_tab(run_page("groups", group="isis"), "Events")
    table = at.dataframe[-1].value
    events = filter_events(incidents_view(corpus), Filters())
    assert len(table) == len(set(table["Summary"])), "an event listed twice"
    assert "Group (how involved)" in table.columns
    inspired = table[table["Group (how involved)"].str.contains("inspired by", na=False)]
    assert len(inspired) >= 3, table["Group (how involved)"].tolist()
    everything = open_tab(run_page("groups"), "Events").dataframe[-1].value
    named = incidents_view(corpus)
    named = named[named["group_id"] != ""]
    assert len(everything) == named["event_id"].nunique() < len(named)
    assert set(everything["Summary"]) <= set(events["summary"])


def test_a_profile_counts_a_groups_events_and_says_how_it_took_part(corpus):
    """Uzbekistan's profile: the Islamic State's events include three it only inspired (Istanbul,
    Stockholm, New York): the count says so, and counts events, not reports."""
    profile = build_profile(corpus, "UZB", Filters())
    why = profile.groups.set_index("group_id").loc["isis", "why"]
    events = profile.incidents[(profile.incidents["group_id"] == "isis") & (profile.incidents["relation"] != REGIONAL_RELATION)]
    assert f"{events['event_id'].nunique()} events in Uzbekistan" in why, why
    assert "inspired by" in why and "incident" not in why, why


def test_the_coverage_grids_under_a_year_range_count_only_dated_claims_unless_asked(corpus):
    """'Claims by document and topic (from 2022 (rows with no date left out))' counts no channel, group
    or place tied to mobilization: they have no date."""
    from core.analysis.coverage import coverage_sources

    undated = set(corpus["channels"]["channel_id"]) | set(corpus["groups"]["group_id"]) | set(corpus["hotspots"]["hotspot_id"])
    everything = set(coverage_sources(corpus, Filters())["row"])
    dated = set(coverage_sources(corpus, Filters(year_from=2022))["row"])
    undated_too = set(coverage_sources(corpus, Filters(year_from=2022, include_undated=True))["row"])
    assert undated <= everything and undated <= undated_too
    assert not dated & undated and dated


def test_repatriation_lists_each_programme_once_and_a_curators_note_as_the_curators(corpus):
    """Kazakhstan's programme is told by Tucker (no date) and Williams (2019): one line, dated 2019,
    citing both; a figure's note reads as the curator's words, not as a fact of the document."""
    lines = [m.value for m in open_tab(run_page("repatriation"), "Programmes").markdown if m.value.startswith("- ")]
    kazakhstan = [line for line in lines if "Kazakhstan: " in line]
    assert len(kazakhstan) == 1 and kazakhstan[0].startswith("- **2019**"), kazakhstan
    assert "Tucker" in kazakhstan[0] and "Williams" in kazakhstan[0]
    assert not any("(year)" in line or "(no date)" in line for line in lines)
    noted = [line for line in lines if "article written" in line or "curator notes" in line]
    assert noted and all("the curator notes" in line for line in noted)


def test_a_hotspot_whose_place_the_curator_inferred_says_so(corpus):
    """hot-tucker-09 ('central mining districts' read as Central Kazakhstan) is marked inferred in its
    row: its name says so on the Hotspots page and on Kazakhstan's profile."""
    from core.analysis.query import hotspots_view

    inferred = corpus["hotspots"].loc[corpus["hotspots"]["place_inferred"] == "yes", "hotspot_id"]
    assert len(inferred)
    names = hotspots_view(corpus).set_index("hotspot_id")["name"]
    assert all(names[h].endswith("(inferred)") for h in inferred)
    profile = build_profile(corpus, "KAZ", Filters()).hotspots.set_index("hotspot_id")
    assert profile.loc["hot-tucker-09", "name"] == "Central Kazakhstan (inferred)"


def test_an_ethnic_label_is_never_headed_as_a_nationality(corpus):
    """inc-uwed-001's people are described as 'Uighur' (an ethnic label, no citizenship stated): the
    column that shows the document's words is not called a nationality."""
    from core.analysis import plain

    row = corpus["incidents"].set_index("incident_id").loc["inc-uwed-001"]
    assert row["perpetrator_origin"] == "Uighur" and row["nationality"] == ""
    assert "nationality" not in plain.label("perpetrator_origin").lower()


def test_a_count_of_a_dated_event_is_not_said_to_have_no_period(corpus):
    """'12 (arrest in Russia, 2024-03 (inferred), from Tajikistan; period not stated ...)' said a date and
    no date at once: a count of an event is of the event's time."""
    from core.analysis.query import figures_view

    figs = figures_view(corpus).set_index("figure_id")
    twelve = figs.loc["fig-foreign_affairs-003"]
    assert twelve["period"] == "" and twelve["subject"].startswith("inc-")
    assert "period not stated" not in twelve["when"] and twelve["when"] == "at the time of the event"
    undated = figs[(figs["period"] == "") & ~figs["subject"].str.startswith("inc-")]
    assert undated["when"].str.startswith("period not stated").all()


def test_a_states_strike_on_militants_is_not_counted_as_an_attack(corpus):
    """The US drone strike that killed al-Zawahiri and the US raid that killed Asim Umar are strikes by
    a state: 'Attacks and plots' counts neither; they are a kind of event of their own."""
    from core.analysis.filters import DEFAULT_KINDS
    from core.render.charts import CATEGORY_COLOURS

    inc = incidents_view(corpus).set_index("incident_id")
    assert inc.loc["inc-uwed-010", "category"] == inc.loc["inc-soufan-003", "category"] == "state strike"
    attacks = filter_events(incidents_view(corpus), Filters(kinds=DEFAULT_KINDS))
    assert not {"ev-uwed-010", "ev-soufan-003"} & set(attacks["event_id"])
    assert CATEGORY_COLOURS["state strike"] not in {CATEGORY_COLOURS[k] for k in CATEGORY_COLOURS if k != "state strike"}
