"""Chart and map builders: what they draw, checked on the figure and deck objects."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core.charts import OKABE_ITO, bar_with_not_reported, incident_timeline, range_chart, small_multiples
from core.loading import load_corpus
from core.maps import hotspot_deck, hotspot_map_data, incident_deck, split_by_view
from core.query import figures_view, hotspots_view, incidents_view


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_timeline_marks_precision_and_unknown_casualties(corpus):
    inc = incidents_view(corpus)
    fig = incident_timeline(inc, "kind", "t")
    markers = [t for t in fig.data if t.mode == "markers" and t.x is not None and len(t.x) and t.x[0] is not None]
    drawn = sum(len(t.x) for t in markers)
    assert drawn == inc["start"].notna().sum()
    symbols = [s for t in markers for s in t.marker.symbol]
    ids = [i for t in markers for i in t.customdata]
    killed = inc.set_index("incident_id")["killed"]
    for incident, symbol in zip(ids, symbols):
        assert symbol == ("circle" if pd.notna(killed[incident]) else "diamond-open")
    bands = [t for t in fig.data if t.mode == "lines" and t.x is not None and len(t.x) > 1]
    assert sum(len(t.x) // 3 for t in bands) == (inc["date_precision"].isin(["month", "year"])).sum()
    assert {t.marker.color for t in markers} <= set(OKABE_ITO)


def test_timeline_empty_says_so():
    fig = incident_timeline(incidents_view(load_corpus()).iloc[0:0], "kind", "t")
    assert "No dated incidents" in fig.layout.annotations[0].text


def test_not_reported_is_not_a_zero_bar():
    table = pd.DataFrame({"country": ["Kazakhstan", "Turkmenistan"], "value": [654.0, None], "text": ["654", ""]})
    fig = bar_with_not_reported(table, "country", "value", "text", "t", "People")
    bars = [t for t in fig.data if t.type == "bar"]
    assert list(bars[0].y) == ["Kazakhstan"]
    texts = [t for t in fig.data if t.type == "scatter"]
    assert list(texts[0].y) == ["Turkmenistan"] and list(texts[0].text) == ["not reported"]


def test_range_chart_draws_ranges_as_bars_and_bounds_as_arrows(corpus):
    figs = figures_view(corpus)
    strength = figs[figs["indicator"] == "group_strength"]
    fig = range_chart(strength, "t", "people")
    ranges = [t for t in fig.data if t.type == "bar"]
    assert ranges and all((b >= 0).all() for b in [pd.Series(ranges[0].x)])
    up_to = [t for t in fig.data if t.type == "scatter" and t.name == "up to"]
    if (strength["qualifier"] == "up to").any():
        assert up_to[0].marker.symbol == "triangle-left"


def test_small_multiples_write_not_reported():
    table = pd.DataFrame({"indicator": ["repatriated_people"], "country": ["Kazakhstan"], "value": [654.0], "display": ["654"]})
    fig = small_multiples(table, [("repatriated_people", "People repatriated")], ["Kazakhstan", "Tajikistan"], "t")
    assert list(fig.data[0].text) == ["654", "not reported"]
    assert fig.data[0].marker.color[1] != fig.data[0].marker.color[0]


def _layers(deck) -> dict:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_hotspot_map_draws_our_own_boundaries_and_no_basemap(corpus):
    hot = hotspots_view(corpus)
    counts = pd.concat([corpus["figures"]["subject"], corpus["incidents"]["place_id"], corpus["hotspots"]["place_id"]]).value_counts()
    parts = hotspot_map_data(corpus["places"], hot, counts)
    deck = hotspot_deck(parts)
    spec = json.loads(deck.to_json())
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__") and spec.get("mapProvider") is None
    layers = _layers(deck)
    shaded = {f["properties"]["ref"] for f in layers["shaded"]["data"]["features"]}
    assert {"aravan_district", "admin1:AF-BDS", "admin1:TJ-GB"} <= shaded
    outlined = layers["outlined"]
    assert outlined["filled"] is False
    assert "admin1:KZ-KAR" in {f["properties"]["ref"] for f in outlined["data"]["features"]}
    points = {p["place_id"] for p in layers["points"]["data"]}
    assert "satpaev" in points and "aravan" not in points  # Satpaev is a point, Aravan an outline
    assert len(deck.to_json()) < 1_000_000


def test_incident_map_keeps_to_the_region(corpus):
    inc = incidents_view(corpus).dropna(subset=["lat"])
    inside, outside = split_by_view(inc)
    assert "new_york" in set(outside["place_id"]) and "termez" in set(inside["place_id"])
    deck = incident_deck(inside, {"attack": "#E69F00"})
    assert sum(len(_layers(deck)[k]["data"]) for k in ("incidents", "incidents-vague")) == len(inside)
