"""The Overview: waves, country cards and latest events, as pure functions and through AppTest.
Counts are checked against queries written here on the raw CSV tables, not with the app's helpers."""

from __future__ import annotations

from collections import Counter

import csv
import re

import pandas as pd

from core.analysis.documents import short_citations
import pytest
import streamlit as st

from ui import store

from app_paths import run_page
from core.analysis.filters import Filters
from conftest import repository_corpus
from core.data.numbers import note_lines
from core.analysis.coverage import coverage_matrix, coverage_rows, coverage_sources
from core.analysis.overview import (country_cards, latest_events, quoted_rows, rows_behind,
                                    wave_views)
from core.data.paths import CURATED_DIR, SEEDS_DIR
from core.analysis.query import corpus_views, filter_figures, filter_incidents, source_link
from core.data.schema import CENTRAL_ASIA, WAVES as WAVE_LABELS

CORPUS = repository_corpus()


def raw(table: str) -> list[dict]:
    with open(CURATED_DIR / f"{table}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


COUNTRIES = {r["iso3"]: r for r in raw("countries")}
PLACE_COUNTRY = {r["place_id"]: r["country_iso3"] for r in raw("places")}


def involves(incident: dict, iso: str) -> bool:
    """Written independently of core.analysis: where it happened, or its doers are the country's
    citizens (nationality, never an ethnic label; those it targeted do not count)."""
    return incident["country_iso3"] == iso or iso in incident["nationality"].split(";")


def events_involving(iso: str, incidents: list[dict] | None = None) -> set[str]:
    """The events (event_id) with a report that involves the country."""
    return {r["event_id"] for r in (incidents if incidents is not None else raw("incidents")) if involves(r, iso)}


def page_text(at) -> str:
    parts = [e.value for e in (*at.title, *at.markdown, *at.caption, *at.info)]
    return "\n".join(parts).replace("\\", "").replace("**", "")


def card_of(iso: str, filters: Filters = Filters()):
    return next(c for c in country_cards(CORPUS, filters) if c.iso == iso)


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    store.reload()


# --- Pure functions ----------------------------------------------------------------------------

def test_the_waves_are_the_curated_table_and_say_what_counts_them():
    """No fact lives in code: each wave is a row of waves.csv, told by its quote; its figures are the
    rows that count it; the third wave, which no document counts, says so with the UWED passage."""
    waves = wave_views(CORPUS, Filters())
    rows = raw("waves")
    assert [v.wave["wave_id"] for v in waves] == [r["wave_id"] for r in rows]
    assert [r["label"] for r in rows] == list(WAVE_LABELS)
    for view, row in zip(waves, rows):
        assert list(view.figures["figure_id"]) == [f for f in row["counted_by"].split(";") if f]
    third = waves[2]
    assert third.figures.empty and "did not appear in the media" in third.wave["count_quote"]
    assert waves[1].wave["year_end"] == 2016  # "that wave of mobilization ended in 2016" (Tucker)


def test_repatriated_people_on_the_cards():
    assert list(card_of("KAZ").repatriated["display"]) == ["654"]
    assert list(card_of("UZB").repatriated["display"]) == ["512"]
    for iso in ("KGZ", "TJK", "TKM"):  # no document gives a number: the page writes "not reported"
        assert card_of(iso).repatriated.empty
        assert not [r for r in raw("figures") if r["indicator"] == "repatriated_people" and r["subject"] == iso]


@pytest.mark.parametrize("iso", CENTRAL_ASIA)
def test_card_counts_match_the_tables(iso):
    card = card_of(iso)
    events = events_involving(iso)
    assert set(card.events["event_id"]) == events
    in_country = {r["event_id"] for r in raw("incidents") if r["event_id"] in events and r["country_iso3"] == iso}
    elsewhere = {r["event_id"] for r in raw("incidents") if r["event_id"] in events and r["country_iso3"] not in ("", iso)}
    elsewhere -= in_country
    # events whose every report names the country's people as *former* citizens are counted apart
    naming = [r for r in raw("incidents") if r["event_id"] in elsewhere and iso in r["nationality"].split(";")]
    former = {r["event_id"] for r in naming if "former citizen" in r["perpetrator_origin"]} \
        - {r["event_id"] for r in naming if "former citizen" not in r["perpetrator_origin"]}
    assert card.in_country == len(in_country) and card.abroad == len(elsewhere - former) and card.former == len(former)
    assert card.unplaced == len(events - in_country - elsewhere)  # place not stated: counted apart, never "elsewhere"
    if iso == "TJK":  # Khalimov's defection (Williams): the documents do not say where
        assert card.unplaced >= 1
    figures = [r for r in raw("figures") if (r["subject"] == iso or PLACE_COUNTRY.get(r["subject"]) == iso)
               and not r["counts"] and not r["part_of"]]  # totals only
    assert set(card.figures["figure_id"]) == {r["figure_id"] for r in figures}
    assert len(card.shown) + len(card.repatriated) + card.more == len(figures)
    hotspot_places = {r["place_id"] for r in raw("hotspots") if r["country_iso3"] == iso}
    names = {r["place_id"]: r["name"] for r in raw("places")}
    assert set(card.hotspots) == {names[p] for p in hotspot_places}
    words = [COUNTRIES[iso]["name"]] + [w for w in COUNTRIES[iso]["other_names"].split(";") if w]
    def names_it(doc_id: str, text: str) -> bool:  # outside the reference lines (the rule of core.data.numbers)
        notes = note_lines(doc_id, text)
        return any(not any(a <= m.start() < b for a, b in notes)
                   for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", text))

    naming = {r["doc_id"] for r in raw("documents") if names_it(r["doc_id"], (SEEDS_DIR / r["file"]).read_text(encoding="utf-8"))}
    assert set(card.documents) == naming
    dated_years = [int(r["date"][:4]) for r in raw("incidents") if r["event_id"] in events and r["date"]]
    if dated_years:
        assert int(card.latest["date"][:4]) == max(dated_years)
    else:
        assert card.latest is None


def test_a_card_counts_an_event_once_and_never_its_targets_as_its_nationals():
    """Kyrgyzstan: the St Petersburg metro bombing (an ethnic Uzbek citizen of Kyrgyzstan), told by
    two documents, is one event; Uzbekistan does not count it. Tajikistan does not count the
    crackdown on its migrants as an event of its nationals."""
    kgz, uzb, tjk = card_of("KGZ"), card_of("UZB"), card_of("TJK")
    assert "ev-2017-st-petersburg-metro" in set(kgz.events["event_id"])
    assert kgz.events["event_id"].is_unique
    assert "ev-2017-st-petersburg-metro" not in set(uzb.events["event_id"])
    assert "ev-foreign_affairs-007" not in set(tjk.events["event_id"])


def test_turkmenistan_is_barely_covered_and_says_so():
    card = card_of("TKM")
    assert card.figures.empty and card.events.empty and not card.hotspots and card.latest is None
    assert card.documents == ("tucker",)


def test_latest_events_are_the_most_recent_dated_ones():
    latest = latest_events(CORPUS, Filters())
    assert len(latest) == 5 and latest["date"].ne("").all() and latest["event_id"].is_unique
    newest = max(int(r["date"][:4]) for r in raw("incidents") if r["date"])
    assert {int(d[:4]) for d in latest["date"]} == {newest}
    # A year-only event of 2024 comes after the attack of March 2024 that the texts say it followed.
    order = list(latest["event_id"])
    assert order.index("ev-foreign_affairs-006") < order.index("ev-foreign_affairs-001")


def test_a_country_filter_narrows_cards_waves_and_events():
    f = Filters(countries=("TJK",))
    assert [c.iso for c in country_cards(CORPUS, f)] == ["TJK"]
    latest = latest_events(CORPUS, f)
    by_event: dict[str, list[dict]] = {}
    for r in raw("incidents"):
        by_event.setdefault(r["event_id"], []).append(r)
    assert len(latest) and all(any("TJK" in (r["country_iso3"], *r["nationality"].split(";"),
                                             *r["target_nationality"].split(";")) for r in by_event[e])
                               for e in latest["event_id"])
    assert country_cards(CORPUS, Filters(countries=("RUS",))) == []


def test_a_year_filter_marks_waves_outside_it():
    views = {v.wave["label"]: v for v in wave_views(CORPUS, Filters(year_from=2022, year_to=2024))}
    assert views["Afghanistan after 2021"].in_years and not views["Syria from 2012"].in_years
    assert views["Afghanistan 1990s"].in_years  # the document says the first cycle never fully ended


# --- The page ----------------------------------------------------------------------------------

def test_overview_page_shows_waves_cards_and_latest_events():
    at = run_page("overview")
    text = page_text(at)
    markdown = "\n".join(m.value for m in at.markdown)
    for wave in raw("waves"):
        assert wave["title"] in text and source_link(wave["doc_id"], wave["wave_id"]) in markdown
    # The wave no document counts says so: in a line of its own, or in its key point on that very passage.
    uncounted = next(w for w in raw("waves") if not w["counted_by"])
    points = [p for p in raw("key_points") if p["scope"] == uncounted["wave_id"] and uncounted["count_quote"] in p["quote"]]
    assert "No document counts the people who left in this wave" in text or any(p["statement"] in text for p in points)
    links = list(at.main.get("page_link"))  # the sidebar has its own profile links
    assert sorted(link.proto.query_string for link in links) == sorted(f"iso={iso}" for iso in CENTRAL_ASIA)
    assert {link.proto.page for link in links} == {"country"}  # the profile page, at url path /country
    assert "Repatriated: 654 (period not stated; document of late 2021 or later, inferred)" in text and "Repatriated: 512" in text
    # Kyrgyzstan and Tajikistan ran pilot programmes the documents give no number for; Turkmenistan nothing
    assert text.count("Repatriated: not reported") == 1
    assert "Repatriated: no number given; Kyrgyzstan ran a smaller pilot repatriation programme" in text
    assert "Repatriated: no number given; Tajikistan ran a smaller pilot repatriation programme" in text
    assert "Hotspots:" not in text and "Places tied to mobilization: Satpaev" in text  # no document calls Satpaev a hotspot
    for e in latest_events(CORPUS, Filters()).to_dict("records"):
        for doc_id, row_id in e["sources"]:
            assert source_link(doc_id, row_id) in markdown
    assert "All countries, all years" in text  # the filters, in words
    assert "Foreign Affairs (2024, inferred)" in text and "Tucker (2021 or later, inferred)" in text  # dated citations, a lower bound kept
    for element in at.markdown:
        assert not element.proto.allow_html


def test_overview_with_a_country_filter_shows_only_that_country():
    at = run_page("overview", country="TJK", **{"from": "2020"})
    text = page_text(at)
    assert "Tajikistan, from 2020 (rows with no date left out)" in text
    assert [link.proto.query_string for link in at.main.get("page_link")] == ["iso=TJK"]
    markdown = "\n".join(m.value for m in at.markdown)
    shown = set(re.findall(r"row=(inc-[\w-]+)", markdown))
    by_id = {r["incident_id"]: r for r in raw("incidents")}
    assert shown and all(int(by_id[i]["date"][:4]) >= 2020 for i in shown)
    # the second wave, 2012-2016: its counting figures (fig-tucker-010/011) have no date
    assert "have no date or are dated outside the chosen years" in text


FILTERS = [Filters(), Filters(countries=("TJK",)), Filters(countries=("KAZ", "AFG")), Filters(countries=("RUS",)),
           Filters(year_from=2014, year_to=2016), Filters(year_from=2021, include_undated=True),
           Filters(year_from=1990, year_to=1990)]


@pytest.mark.parametrize("f", FILTERS)
def test_rows_behind_the_overview_are_every_cited_row(f):
    waves, cards, latest = wave_views(CORPUS, f), country_cards(CORPUS, f), latest_events(CORPUS, f)
    incidents = corpus_views(CORPUS)[1]
    behind = rows_behind(waves, cards, latest, incidents)
    cited = set(behind["id"])
    for v in waves:
        assert v.wave["wave_id"] in cited and set(v.figures["figure_id"]) <= cited
    for c in cards:
        assert set(c.repatriated["figure_id"]) | set(c.shown["figure_id"]) <= cited
        if c.latest:
            assert set(c.latest["incident_ids"]) <= cited
    for e in latest.to_dict("records"):
        assert set(e["incident_ids"]) <= cited
    quotes = quoted_rows(CORPUS)
    for r in behind.itertuples():  # each cited row with its own document and quote
        if r.id in quotes.index and not r.id.startswith(("afghanistan", "syria")):
            assert (quotes.loc[r.id, "doc_id"], quotes.loc[r.id, "quote"]) == (r.doc_id, r.quote)
    counted = next(v for v in waves if not v.wave["counted_by"]).wave
    assert (counted["wave_id"], counted["count_doc_id"], counted["count_quote"]) in set(behind.itertuples(index=False, name=None))


def test_the_coverage_grid_counts_a_regional_figure_once_in_its_own_column():
    """Only Tucker names Turkmenistan (kp-tkm-1): figures about Central Asia as a whole are counted in
    a column of their own, not under each of the five states (counted from the CSV files)."""
    grid = coverage_matrix(coverage_rows(CORPUS, Filters()), CORPUS, "country", Filters())
    cited = short_citations(CORPUS)
    spans = {r["place_id"]: r["spans"].split(";") for r in raw("places") if r["spans"]}
    regional = Counter(r["doc_id"] for r in raw("figures") if r["subject"] in spans or r["related"] in spans)
    assert regional and {cited[d]: n for d, n in regional.items()} == {d: n for d, n in grid["Several states together"].items() if n}
    turkmen = Counter(r["doc_id"] for r in raw("figures") if "TKM" in (r["subject"], r["related"]))
    turkmen.update(r["doc_id"] for r in raw("incidents") if r["country_iso3"] == "TKM" or "TKM" in r["nationality"].split(";"))
    turkmen.update(r["doc_id"] for r in raw("hotspots") if r["country_iso3"] == "TKM")
    assert {d: n for d, n in grid["TKM"].items() if n} == {cited[d]: n for d, n in turkmen.items()}


@pytest.mark.parametrize("f", FILTERS)
def test_coverage_is_what_the_filtered_views_give(f):
    figures, incidents = corpus_views(CORPUS)
    rows = coverage_rows(CORPUS, f)
    docs = list(CORPUS["documents"]["doc_id"])
    for axis in ("topic", "country"):
        matrix = coverage_matrix(rows, CORPUS, axis, f)
        counts = rows.groupby(["doc_id", axis]).size().unstack(fill_value=0)
        cited = short_citations(CORPUS)  # the grid names documents as readers cite them
        expected = counts.reindex(index=docs, columns=matrix.columns, fill_value=0).astype(int)
        expected.index = pd.Index([cited[d] for d in docs], name="document")
        pd.testing.assert_frame_equal(matrix, expected, check_index_type=True)
    hot = CORPUS["hotspots"]
    parts = [(filter_figures(figures, f), "figure_id"),
             (filter_incidents(incidents, f, use_kind=False, use_group=False), "incident_id")]
    if f.year_range == (None, None) or f.include_undated:  # hotspots, channels and groups have no date
        parts += [(hot[hot["country_iso3"].isin(f.countries or hot["country_iso3"])], "hotspot_id"),
                  (CORPUS["channels"], "channel_id"), (CORPUS["groups"], "group_id")]
    expected = pd.concat([p[[key, "doc_id", "quote"]].set_axis(["row", "doc_id", "quote"], axis=1) for p, key in parts],
                         ignore_index=True)
    pd.testing.assert_frame_equal(coverage_sources(CORPUS, f), expected, check_index_type=True)


def test_a_wave_line_cites_each_document_once():
    """'hundreds of people · up to 2,000 (…) Tucker (…) Tucker (…)': two figures of one document on one
    line cite it once, and each number links to its own passage."""
    at = run_page("overview")
    wave = next(m.value for m in at.markdown if m.value.startswith("**Wave 1"))
    line = next(part for part in wave.split("\n") if "up to 2,000" in part)
    assert line.count("[Tucker \\(") == 1, line  # Markdown escapes the bracket
    assert "row=fig-tucker-010" in line and "row=fig-tucker-011" in line
