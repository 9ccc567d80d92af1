"""Views and filters over the curated tables, checked against the data itself."""

from __future__ import annotations

import pandas as pd
import pytest

from core.filters import Filters
from core.loading import load_corpus
from core.query import (display_value, figures_view, filter_figures, filter_incidents, incidents_view,
                        origin_countries, source_link, sources_for)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_origin_countries():
    assert origin_countries("ethnic Uzbek citizen of Kyrgyzstan") == ("KGZ", "UZB")
    assert origin_countries("Central Asian") == ()


def test_country_filter_matches_place_or_origin(corpus):
    inc = incidents_view(corpus)
    tjk = filter_incidents(inc, Filters(countries=("TJK",)))
    crocus = inc[(inc["place_id"] == "crocus_city_hall") & (inc["category"] == "attack")]
    assert len(crocus) == 1 and crocus.iloc[0]["country_iso3"] == "RUS"
    assert crocus.index[0] in tjk.index  # happened in Russia, perpetrators from Tajikistan
    assert set(tjk.index) == {i for i, cs in inc["countries"].items() if "TJK" in cs}


def test_year_filter_and_undated_rows(corpus):
    inc = incidents_view(corpus)
    undated = inc[inc["start"].isna()]
    assert len(undated) > 0
    kept = filter_incidents(inc, Filters(year_from=2022, year_to=2022))
    assert set(kept["year"].dropna()) == {2022.0}
    assert set(undated.index) <= set(kept.index)
    without = filter_incidents(inc, Filters(year_from=2022, year_to=2022, include_undated=False))
    assert without["start"].notna().all()


def test_month_and_year_spans(corpus):
    inc = incidents_view(corpus).set_index("incident_id")
    shiraz = inc.loc[inc["summary"].str.contains("Shiraz")].iloc[0]
    assert (shiraz["end"] - shiraz["start"]) == pd.Timedelta(days=1)
    year_only = inc[inc["date_precision"] == "year"].iloc[0]
    assert (year_only["end"] - year_only["start"]).days in (365, 366)


def test_region_figures_count_for_each_central_asian_country(corpus):
    figs = figures_view(corpus)
    ca = figs[figs["subject"] == "central_asia"]
    assert len(ca) > 0
    assert set(ca.index) <= set(filter_figures(figs, Filters(countries=("TKM",))).index)


def test_display_value_keeps_qualifiers():
    base = {"value_text": "", "unit": "people"}
    assert display_value({**base, "qualifier": "range", "value": float("nan"), "low": 300.0, "high": 700.0}) == "300\u2013700"
    assert display_value({**base, "qualifier": "up to", "value": 2000.0, "low": float("nan"), "high": 2000.0}) == "up to 2,000"
    assert display_value({**base, "qualifier": "magnitude", "value": float("nan"), "low": float("nan"),
                          "high": float("nan"), "value_text": "several thousand"}) == "several thousand"


def test_sources_link_to_the_passage(corpus):
    figs = corpus["figures"].head(3)
    table = sources_for(figs, "figure_id", corpus)
    assert list(table["row"]) == list(figs["figure_id"])
    assert table["open"].iloc[0] == source_link(figs["doc_id"].iloc[0], figs["figure_id"].iloc[0])
    assert table["open"].iloc[0].startswith("sources?doc=")
