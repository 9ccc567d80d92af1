"""Events as the documents tell them, wherever a page lists or counts them (the third audit of
composed sentences): a year range applies to an event's date, not to each of its reports; Groups
and Repatriation list events, not reports; a group's part is said as the documents say it (carried
out, claimed, attributed, inspired by). Pure functions over the repository's tables, and the pages
through AppTest."""

from __future__ import annotations

import pytest

from conftest import repository_corpus
from core.analysis.events import filter_events
from core.analysis.filters import Filters
from core.analysis.profile import build_profile, incidents_summary, timeline_summary
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
