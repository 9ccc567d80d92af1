"""A phone (390 px) without a browser: maps framed to its width, tables that lead with their key
columns, heatmaps that keep a readable width. tests/e2e/test_phone.py checks the pages themselves."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core.analysis.query import hotspots_view, incidents_view
from conftest import repository_corpus
from core.data.schema import CENTRAL_ASIA
from core.render import geo
from core.render.charts import CATEGORY_COLOURS
from core.render.labels import project
from core.render.maps import (FRAME_PADDING, PHONE_MAP, REGION_BOX, REGION_VIEW, frame, hotspot_deck, hotspot_map_data,
                              hotspot_view, incident_deck)
from ui.layout import MAP_HEIGHT_PHONE, heatmap_width
from ui.tables import SOURCES_ORDER, key_first

CORPUS = repository_corpus()


def on_screen(lon: float, lat: float, view: tuple[float, float, float], size=PHONE_MAP) -> bool:
    """Whether a place is inside a map of `size` pixels showing `view` (lat, lon, zoom) at first."""
    lat0, lon0, zoom = view
    (x, y), (cx, cy) = project(lon, lat, zoom), project(lon0, lat0, zoom)
    return abs(x - cx) <= size[0] / 2 and abs(y - cy) <= size[1] / 2


def parts_for(countries: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    hot, places = hotspots_view(CORPUS), CORPUS["places"]
    if countries:
        hot, places = hot[hot["country_iso3"].isin(countries)], places[places["country_iso3"].isin(countries)]
    cited = pd.concat([CORPUS["figures"]["subject"], CORPUS["figures"]["related"], CORPUS["incidents"]["place_id"],
                       CORPUS["hotspots"]["place_id"]])
    return hotspot_map_data(places, hot, cited[cited != ""].value_counts())


def marks(parts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    drawn = pd.concat([parts["shaded"], parts["outlined"], parts["points"]]).dropna(subset=["lat", "lon"])
    inside, _ = geo.split_by_view(drawn)  # what lies beyond the mapped region is listed in words instead
    return inside


def test_the_phone_map_is_the_phone_rule_of_the_page():
    assert PHONE_MAP == (358, MAP_HEIGHT_PHONE)  # 390 px less Streamlit's padding; ui/layout.py's height


def test_a_frame_shows_its_box_inside_the_padding_and_fills_one_side():
    box = REGION_BOX
    lat, lon, zoom = frame(box)
    (left, top), (right, bottom) = project(box[0], box[3], zoom), project(box[2], box[1], zoom)
    cx, cy = project(lon, lat, zoom)
    inner = [side / 2 - FRAME_PADDING for side in PHONE_MAP]
    assert max(cx - left, right - cx) <= inner[0] + 0.5 and max(cy - top, bottom - cy) <= inner[1] + 0.5
    assert max(right - left - 2 * inner[0], bottom - top - 2 * inner[1]) > -2  # as large as it fits: no zoom wasted
    assert frame((69.0, 40.0, 69.01, 40.01))[2] == 7.0  # a single place is not shown at street level


def test_every_hotspot_of_the_region_is_on_the_first_view_of_a_phone():
    found = marks(parts_for())
    assert len(found) >= 8 and {"Aravan district", "Satpaev", "Kandahar"} <= set(found["name"])
    assert hotspot_view(parts_for(), fit=False) == REGION_VIEW
    missed = [n for n, lon, lat in zip(found["name"], found["lon"], found["lat"]) if not on_screen(lon, lat, REGION_VIEW)]
    assert missed == []


@pytest.mark.parametrize("iso", CENTRAL_ASIA)
def test_a_country_filter_frames_its_hotspots_for_a_phone(iso):
    parts = parts_for((iso,))
    found = marks(parts)
    view = hotspot_view(parts, fit=True)
    assert all(on_screen(lon, lat, view) for lon, lat in zip(found["lon"], found["lat"]))


def test_every_incident_the_map_draws_is_on_the_first_view_of_a_phone():
    rows = incidents_view(CORPUS)
    inside, _ = geo.split_by_view(rows[rows["lat"].notna()])  # as the Attacks page splits them
    deck = json.loads(incident_deck(inside, CATEGORY_COLOURS).to_json())
    view = deck["initialViewState"]
    assert (view["latitude"], view["longitude"], view["zoom"]) == REGION_VIEW
    drawn = [d for layer in deck["layers"] if layer["id"].startswith("incidents") for d in layer["data"]]
    assert len(drawn) >= 10
    assert [d["place"] for d in drawn if not on_screen(d["lon"], d["lat"], REGION_VIEW)] == []


def test_the_five_states_and_aravan_are_named_on_the_phone_view():
    layers = {x["id"]: x for x in json.loads(hotspot_deck(parts_for()).to_json())["layers"]}
    assert "Aravan district" in {d["name"] for d in layers["hotspot-names"]["data"]}
    assert {d["name"] for d in layers["country-names"]["data"]} >= {"Kazakhstan", "Kyrgyzstan", "Tajikistan",
                                                                     "Turkmenistan", "Uzbekistan"}


def test_tables_lead_with_what_answers_and_end_with_what_checks():
    assert key_first(["date", "kinds", "place", "country_iso3", "killed", "summary", "documents", "differs"]) == \
        ["date", "summary", "kinds", "place", "country_iso3", "killed", "differs", "documents"]
    assert key_first(["figure_id", "doc_id", "indicator", "subject", "value", "value_text", "quote", "note"]) == \
        ["indicator", "value_text", "subject", "value", "figure_id", "note", "doc_id", "quote"]
    assert key_first(["name", "aliases", "base", "relation_to_taliban", "doc_id", "quote", "note"])[:2] == \
        ["name", "relation_to_taliban"]
    assert key_first(["subject_label", "display", "period", "note", "doc_id"])[:2] == ["subject_label", "display"]
    assert SOURCES_ORDER[:2] == ["document", "quote"]


def test_a_heatmap_keeps_room_for_its_labels_and_a_count_per_cell():
    assert heatmap_width(24, 31) >= 24 * 26 + 31 * 6
    assert heatmap_width(7, 14) > 358  # the document x topic grid already scrolls a little on a phone
