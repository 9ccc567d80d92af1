"""The Overview: waves, country cards and latest incidents, as pure functions and through AppTest.
Counts are checked against queries written here on the raw CSV tables, not with the app's helpers."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
import streamlit as st

from ui import store

from app_paths import run_page
from core.analysis.filters import Filters
from core.data.loading import load_corpus
from core.analysis.coverage import coverage_matrix, coverage_rows, coverage_sources
from core.analysis.overview import (ALWAYS_SHOWN, CARD_FIGURES, WAVES, corpus_views, country_cards, country_figures,
                                    latest_first, latest_incidents, quoted_rows, row_tuples, rows_behind, wave_views,
                                    with_about)
from core.data.paths import CURATED_DIR, SEEDS_DIR
from core.analysis.query import filter_figures, filter_incidents, source_link
from core.data.schema import CENTRAL_ASIA, WAVES as WAVE_LABELS

CORPUS = load_corpus()


def raw(table: str) -> list[dict]:
    with open(CURATED_DIR / f"{table}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


COUNTRIES = {r["iso3"]: r for r in raw("countries")}
PLACE_COUNTRY = {r["place_id"]: r["country_iso3"] for r in raw("places")}


def involves(incident: dict, iso: str) -> bool:
    """Written independently of core.analysis.query: where it happened, or the stated origin names the country."""
    stem = COUNTRIES[iso]["name"].lower()[:5]  # kazak, kyrgy, tajik, turkm, uzbek
    return incident["country_iso3"] == iso or stem in incident["perpetrator_origin"].lower()


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

def test_waves_are_the_three_of_the_hotspots_table_and_reference_existing_rows():
    assert [w.label for w in WAVES] == list(WAVE_LABELS)
    rows = quoted_rows(CORPUS)
    figure_ids = {r["figure_id"] for r in raw("figures")}
    for wave in WAVES:
        assert 1 <= len(wave.quotes) <= 2, wave.title
        assert set(wave.quotes) <= set(rows.index), wave.title
        assert wave.figures and set(wave.figures) <= figure_ids, wave.title
        assert wave.years[0] <= wave.years[1]


def test_repatriated_people_on_the_cards():
    assert list(card_of("KAZ").repatriated["display"]) == ["654"]
    assert list(card_of("UZB").repatriated["display"]) == ["512"]
    for iso in ("KGZ", "TJK", "TKM"):  # no document gives a number: the page writes "not reported"
        assert card_of(iso).repatriated.empty
        assert not [r for r in raw("figures") if r["indicator"] == "repatriated_people" and r["subject"] == iso]


@pytest.mark.parametrize("iso", CENTRAL_ASIA)
def test_card_counts_match_the_tables(iso):
    card = card_of(iso)
    incidents = [r for r in raw("incidents") if involves(r, iso)]
    assert len(card.incidents) == len(incidents)
    assert card.in_country == sum(r["country_iso3"] == iso for r in incidents)
    figures = [r for r in raw("figures") if r["subject"] == iso or PLACE_COUNTRY.get(r["subject"]) == iso]
    assert set(card.figures["figure_id"]) == {r["figure_id"] for r in figures}
    assert len(card.shown) + len(card.repatriated) + card.more == len(figures)
    hotspot_places = {r["place_id"] for r in raw("hotspots") if r["country_iso3"] == iso}
    names = {r["place_id"]: r["name"] for r in raw("places")}
    assert set(card.hotspots) == {names[p] for p in hotspot_places}
    words = [COUNTRIES[iso]["name"]] + [w for w in COUNTRIES[iso]["other_names"].split(";") if w]
    naming = {r["doc_id"] for r in raw("documents")
              if any(re.search(rf"\b{re.escape(w)}\b", (SEEDS_DIR / r["file"]).read_text(encoding="utf-8")) for w in words)}
    assert set(card.documents) == naming
    dated_years = [int(r["date"][:4]) for r in incidents if r["date"]]
    if dated_years:
        assert int(card.latest["date"][:4]) == max(dated_years)
    else:
        assert card.latest is None


def test_turkmenistan_is_barely_covered_and_says_so():
    card = card_of("TKM")
    assert card.figures.empty and card.incidents.empty and not card.hotspots and card.latest is None
    assert card.documents == ("tucker",)


def test_latest_incidents_are_the_most_recent_dated_ones():
    latest = latest_incidents(CORPUS, Filters())
    assert len(latest) == 5 and latest["date"].ne("").all()
    newest = max(int(r["date"][:4]) for r in raw("incidents") if r["date"])
    assert {int(d[:4]) for d in latest["date"]} == {newest}
    # A year-only event of 2024 comes after the attack of March 2024 that the texts say it followed.
    order = list(latest["incident_id"])
    assert order.index("inc-foreign_affairs-006") < order.index("inc-foreign_affairs-001")


def test_a_country_filter_narrows_cards_waves_and_incidents():
    f = Filters(countries=("TJK",))
    assert [c.iso for c in country_cards(CORPUS, f)] == ["TJK"]
    latest = latest_incidents(CORPUS, f)
    by_id = {r["incident_id"]: r for r in raw("incidents")}
    assert len(latest) and all(involves(by_id[i], "TJK") for i in latest["incident_id"])
    for view in wave_views(CORPUS, f):
        assert all("TJK" in cs for cs in view.figures["countries"])
    assert country_cards(CORPUS, Filters(countries=("RUS",))) == []


def test_a_year_filter_marks_waves_outside_it():
    views = {v.wave.label: v for v in wave_views(CORPUS, Filters(year_from=2022, year_to=2024))}
    assert not views["Afghanistan 1990s"].in_years and views["Afghanistan after 2021"].in_years


# --- The page ----------------------------------------------------------------------------------

def test_overview_page_shows_waves_cards_and_latest_incidents():
    at = run_page("overview")
    text = page_text(at)
    markdown = "\n".join(m.value for m in at.markdown)
    rows = quoted_rows(CORPUS)
    for wave in WAVES:
        assert wave.title in text
        for row in wave.quotes:
            assert rows.loc[row, "quote"] in text, row
            assert source_link(rows.loc[row, "doc_id"], row) in markdown
    links = list(at.main.get("page_link"))  # the sidebar has its own profile links
    assert sorted(link.proto.query_string for link in links) == sorted(f"iso={iso}" for iso in CENTRAL_ASIA)
    assert {link.proto.page for link in links} == {"country"}  # the profile page, at url path /country
    assert "Repatriated: 654" in text and "Repatriated: 512" in text
    assert text.count("Repatriated: not reported") == 3  # Kyrgyzstan, Tajikistan, Turkmenistan
    for r in latest_incidents(CORPUS, Filters()).itertuples():
        assert source_link(r.doc_id, r.incident_id) in markdown
    assert "All countries, all years" in text  # the filters, in words
    for element in at.markdown:
        assert not element.proto.allow_html


def test_overview_with_a_country_filter_shows_only_that_country():
    at = run_page("overview", country="TJK", **{"from": "2020"})
    text = page_text(at)
    assert "Tajikistan, from 2020" in text
    assert [link.proto.query_string for link in at.main.get("page_link")] == ["iso=TJK"]
    markdown = "\n".join(m.value for m in at.markdown)
    shown = set(re.findall(r"row=(inc-[\w-]+)", markdown))
    by_id = {r["incident_id"]: r for r in raw("incidents")}
    assert shown and all(involves(by_id[i], "TJK") and int(by_id[i]["date"][:4]) >= 2020 for i in shown)
    assert "outside the chosen years" in text  # the first wave, 1990s-2000s


# --- The fast paths give what plain pandas gives ------------------------------------------------

FILTERS = [Filters(), Filters(countries=("TJK",)), Filters(countries=("KAZ", "AFG")), Filters(countries=("RUS",)),
           Filters(year_from=2014, year_to=2016), Filters(year_from=2021, include_undated=False),
           Filters(year_from=1990, year_to=1990, include_undated=False)]


@pytest.mark.parametrize("f", FILTERS)
def test_cards_waves_and_latest_are_what_the_filtered_views_give(f):
    figures, incidents = corpus_views(CORPUS)
    years = Filters(year_from=f.year_from, year_to=f.year_to, include_undated=f.include_undated)
    inc = filter_incidents(incidents, years, use_kind=False, use_group=False)
    figs = with_about(filter_figures(figures, years), CORPUS)
    places = dict(zip(CORPUS["places"]["place_id"], CORPUS["places"]["country_iso3"]))
    for card in country_cards(CORPUS, f):
        mine = country_figures(figs, card.iso, places)
        pd.testing.assert_frame_equal(card.figures, mine)
        pd.testing.assert_frame_equal(card.repatriated, mine[mine["indicator"] == ALWAYS_SHOWN])
        shown = mine.drop_duplicates("indicator")
        pd.testing.assert_frame_equal(card.shown, shown[shown["indicator"] != ALWAYS_SHOWN].head(CARD_FIGURES - 1))
        involved = inc[inc["countries"].map(lambda cs: card.iso in cs).astype(bool)]
        pd.testing.assert_frame_equal(card.incidents, involved)
        latest = latest_first(involved)
        if len(latest):  # as Series: NaN equals NaN
            pd.testing.assert_series_equal(pd.Series(card.latest, dtype=object),
                                           pd.Series(latest.iloc[0].to_dict(), dtype=object))
        else:
            assert card.latest is None
    shown = with_about(filter_figures(figures, f), CORPUS).set_index("figure_id", drop=False)
    for view in wave_views(CORPUS, f):
        expected = shown.loc[[i for i in view.wave.figures if i in shown.index]].reset_index(drop=True)
        pd.testing.assert_frame_equal(view.figures, expected)
    expected = latest_first(filter_incidents(incidents, f, use_kind=False, use_group=False)).head(5)
    pd.testing.assert_frame_equal(latest_incidents(CORPUS, f), expected)


@pytest.mark.parametrize("f", FILTERS)
def test_rows_behind_the_overview_are_every_cited_row(f):
    waves, cards, latest = wave_views(CORPUS, f), country_cards(CORPUS, f), latest_incidents(CORPUS, f)

    def cited(frame, column):
        return frame[[column, "doc_id", "quote"]].set_axis(["id", "doc_id", "quote"], axis=1)

    expected = pd.concat([cited(v.quotes, "row") for v in waves] + [cited(v.figures, "figure_id") for v in waves]
                         + [cited(c.repatriated, "figure_id") for c in cards] + [cited(c.shown, "figure_id") for c in cards]
                         + [pd.DataFrame([[c.latest["incident_id"], c.latest["doc_id"], c.latest["quote"]]],
                                         columns=["id", "doc_id", "quote"]) for c in cards if c.latest]
                         + [cited(latest, "incident_id")], ignore_index=True)
    pd.testing.assert_frame_equal(rows_behind(waves, cards, latest), expected, check_index_type=True)


def test_row_tuples_are_itertuples_of_the_columns():
    figs = corpus_views(CORPUS)[0]
    columns = ("figure_id", "display", "value", "period")
    rows = row_tuples(figs, columns)
    assert rows[0]._fields == columns and rows[0].display == figs["display"].iloc[0]
    pd.testing.assert_frame_equal(pd.DataFrame(rows), pd.DataFrame(list(figs[list(columns)].itertuples(index=False))))
    assert row_tuples(figs.iloc[0:0], columns) == []


@pytest.mark.parametrize("f", FILTERS)
def test_coverage_is_what_the_filtered_views_give(f):
    figures, incidents = corpus_views(CORPUS)
    rows = coverage_rows(CORPUS, f)
    docs = list(CORPUS["documents"]["doc_id"])
    for axis in ("topic", "country"):
        matrix = coverage_matrix(rows, CORPUS, axis, f)
        counts = rows.groupby(["doc_id", axis]).size().unstack(fill_value=0)
        pd.testing.assert_frame_equal(matrix, counts.reindex(index=docs, columns=matrix.columns, fill_value=0).astype(int),
                                      check_index_type=True)
    hot = CORPUS["hotspots"]
    parts = [(filter_figures(figures, f), "figure_id"),
             (filter_incidents(incidents, f, use_kind=False, use_group=False), "incident_id"),
             (hot[hot["country_iso3"].isin(f.countries or hot["country_iso3"])], "hotspot_id"),
             (CORPUS["channels"], "channel_id"), (CORPUS["groups"], "group_id")]
    expected = pd.concat([p[[key, "doc_id", "quote"]].set_axis(["row", "doc_id", "quote"], axis=1) for p, key in parts],
                         ignore_index=True)
    pd.testing.assert_frame_equal(coverage_sources(CORPUS, f), expected, check_index_type=True)
