"""The hotspot map: labels that never overlap at the initial view, and its text alternative."""

from __future__ import annotations

import csv
import itertools
import json

import pandas as pd
import pytest

from conftest import repository_corpus
from core.render.alt_text import hotspot_text_alternative
from core.render.labels import COUNTRY_LABEL_SIZE, PLACE_LABEL_SIZE, boxes_overlap, label_box, project
from core.render.maps import ZOOM, hotspot_deck, hotspot_labels, hotspot_map_data, hotspot_view
from core.data.paths import CURATED_DIR
from core.analysis.query import country_names, hotspots_view
from core.data.schema import CENTRAL_ASIA

CORPUS = repository_corpus()


def parts_for(countries: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """What the Hotspots page draws for this country filter (the same inputs as views/hotspots.py)."""
    hot = hotspots_view(CORPUS)
    places = CORPUS["places"]
    if countries:
        hot = hot[hot["country_iso3"].isin(countries)]
        places = places[places["country_iso3"].isin(countries)]
    cited = pd.concat([CORPUS["figures"]["subject"], CORPUS["figures"]["related"], CORPUS["incidents"]["place_id"],
                       CORPUS["hotspots"]["place_id"]])
    return hotspot_map_data(places, hot, cited[cited != ""].value_counts())


@pytest.mark.parametrize("countries", [()] + [(iso,) for iso in CENTRAL_ASIA], ids=lambda c: ",".join(c) or "all")
def test_no_two_labels_overlap_at_the_initial_view(countries):
    parts = parts_for(countries)
    _, _, zoom = hotspot_view(parts, fit=bool(countries))
    deck = hotspot_deck(parts, fit=bool(countries))
    layers = {x["id"]: x for x in json.loads(deck.to_json())["layers"]}
    boxes = []  # recomputed from what the deck sends: text, position and pixel offset of each label
    for layer_id, size, bold in (("hotspot-names", PLACE_LABEL_SIZE, True), ("country-names", COUNTRY_LABEL_SIZE, False)):
        for label in layers.get(layer_id, {}).get("data", []):
            boxes.append((label["name"], label_box(label["name"], label["lon"], label["lat"], label["offset"], zoom, size, bold)))
    assert len(boxes) >= 5
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if boxes_overlap(box_a, box_b)]
    assert clashes == []


def test_aravan_and_every_central_asian_state_are_named_on_the_full_map():
    places, countries = hotspot_labels(parts_for(), ZOOM)
    assert "Aravan district" in set(places["name"])
    assert set(countries["name"]) >= {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}


def test_overlapping_boxes_are_detected():  # the check above can fail
    a = label_box("Aravan district", 72.45, 40.44, (0, 0), ZOOM, PLACE_LABEL_SIZE, True)
    b = label_box("Kyrgyzstan", 72.9, 40.6, (0, 0), ZOOM, COUNTRY_LABEL_SIZE)
    assert boxes_overlap(a, b)
    assert not boxes_overlap(a, label_box("Kyrgyzstan", 72.9, 40.6, (0, -40), ZOOM, COUNTRY_LABEL_SIZE))


def test_text_alternative_counts_claims_and_places():
    with open(CURATED_DIR / "hotspots.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sentence, table = hotspot_text_alternative(hotspots_view(CORPUS), country_names(CORPUS))
    places = {r["place_id"] for r in rows}
    assert sentence.startswith(f"{len(rows)} hotspot claims in {len(places)} places: ")
    aravan = sum(r["place_id"] == "aravan" for r in rows)
    assert f"Aravan district (Kyrgyzstan, {aravan} claims)" in sentence
    assert table["claims"].sum() == len(rows) and len(table) == len(places)
    empty, _ = hotspot_text_alternative(hotspots_view(CORPUS).iloc[0:0], {})
    assert "no hotspot" in empty


def test_boundary_shapes_are_their_rounded_geojson_and_their_edges_are_line_segments():
    from core.render.geo import boundary_shapes, rounded

    parts = parts_for()
    layers = {x["id"]: x for x in json.loads(hotspot_deck(parts).to_json())["layers"]}
    features = layers["shaded"]["data"]["features"]
    refs = [f["properties"]["ref"] for f in features]
    expected = rounded(boundary_shapes(refs, {}).__geo_interface__)["features"]
    assert [f["geometry"] for f in features] == [f["geometry"] for f in expected]
    assert [f["id"] for f in features] == [str(i) for i in range(len(features))]
    # Every edge is drawn as line segments, each the step between two corners of the rounded outline.
    for layer_id, edge_refs in (("shaded-edges", refs), ("outlined", list(parts["outlined"]["boundary"])),
                                ("context", ["admin1:KG-O"])):
        layer = layers[layer_id]
        assert layer["@@type"] == "LineLayer" and layer["data"], layer_id
        corners = {tuple(p) for f in rounded(boundary_shapes(edge_refs, {}).__geo_interface__)["features"]
                   for ring in _rings(f["geometry"]) for p in ring}
        assert {tuple(s["a"]) for s in layer["data"]} | {tuple(s["b"]) for s in layer["data"]} == corners, layer_id


def _rings(geometry: dict) -> list:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_no_map_draws_a_geojson_stroke():
    """Outlines are LineLayers: a GeoJSON layer's strokes are drawn by deck.gl's PathLayer, whose
    shaders cost a browser without a graphics card a second and a half of CPU on every map (core.render.geo)."""
    from core.render.maps import incident_deck
    from core.analysis.query import incidents_view

    decks = [hotspot_deck(parts_for(countries), outline=(countries or (None,))[0]) for countries in [(), ("KGZ",)]]
    decks.append(incident_deck(incidents_view(CORPUS).dropna(subset=["lat"]), {}))
    for deck in decks:
        layers = json.loads(deck.to_json())["layers"]
        assert {layer["@@type"] for layer in layers} <= {"GeoJsonLayer", "LineLayer", "ScatterplotLayer", "TextLayer"}
        assert not [layer["id"] for layer in layers if layer["@@type"] == "GeoJsonLayer" and layer.get("stroked", True)]


def test_marked_point_and_tooltip_rows_come_from_the_parts():
    parts = parts_for(("KAZ",))
    layers = {x["id"]: x for x in json.loads(hotspot_deck(parts, "satpaev", fit=True).to_json())["layers"]}
    points = {p["place_id"]: p for k in ("points", "vague-points") for p in layers[k]["data"]}
    assert set(points) == set(parts["points"]["place_id"])
    assert [p for p in points if points[p]["selected"]] == ["satpaev"]
    for r in parts["points"].itertuples():
        assert points[r.place_id]["rows"] == r.rows
        assert points[r.place_id]["vague"] == (r.geo_precision in ("region", "country"))


def test_text_alternative_puts_most_cited_places_first_then_by_name():
    hot = hotspots_view(CORPUS)
    sentence, table = hotspot_text_alternative(hot, country_names(CORPUS))
    keys = list(zip(-table["claims"], table["place"]))
    assert keys == sorted(keys)
    one, one_table = hotspot_text_alternative(hot.iloc[[0]], country_names(CORPUS))
    assert one.startswith("1 hotspot claim in 1 place: ") and one.endswith("1 claim).")
    assert list(one_table.columns) == ["place", "country", "claims", "waves", "documents", "precision"]


def test_every_name_on_the_maps_has_a_halo():
    """Names may be drawn across a hollow ring, a boundary or a shaded area: each has a white outline
    (signed-distance-field text, which deck.gl needs to draw one) that keeps its letters readable."""
    from core.render.maps import incident_deck
    from core.analysis.query import incidents_view

    inc = incidents_view(CORPUS)
    decks = [hotspot_deck(parts_for()), incident_deck(inc[inc["lat"].notna()], {c: "#D55E00" for c in inc["category"].unique()})]
    text_layers = [layer for deck in decks for layer in json.loads(deck.to_json())["layers"] if layer["@@type"] == "TextLayer"]
    assert {layer["id"] for layer in text_layers} >= {"country-names", "hotspot-names", "incident-places"}
    for layer in text_layers:
        assert layer["fontSettings"] == {"sdf": True}, layer["id"]
        assert layer["outlineWidth"] >= 2 and layer["outlineColor"][:3] == [255, 255, 255], layer["id"]


@pytest.mark.parametrize("countries", [()] + [(iso,) for iso in CENTRAL_ASIA], ids=lambda c: ",".join(c) or "all")
def test_a_place_name_a_phone_shows_the_place_of_is_not_cut_by_its_edge(countries):
    """A phone's map (358 x 360 px around the first view's centre) cuts off any name that sticks out of
    it: a place inside it keeps its whole name inside it ('Central Kazakhstan' went past the right edge)."""
    from core.render.maps import PHONE_MAP, incident_deck, phone_frame
    from core.analysis.query import incidents_view

    decks = [hotspot_deck(parts_for(countries), fit=bool(countries))]
    if not countries:
        decks.append(incident_deck(incidents_view(CORPUS).dropna(subset=["lat"]), {}))
    checked = 0
    for deck in decks:
        spec = json.loads(deck.to_json())
        view = spec["initialViewState"]
        left, top, right, bottom = phone_frame(view["latitude"], view["longitude"], view["zoom"])
        assert (right - left, bottom - top) == PHONE_MAP
        for layer in spec["layers"]:
            if layer["id"] not in ("hotspot-names", "incident-places"):
                continue
            for d in layer["data"]:
                x, y = project(d["lon"], d["lat"], view["zoom"])
                if not (left <= x <= right and top <= y <= bottom):
                    continue
                box = label_box(d["name"], d["lon"], d["lat"], d["offset"], view["zoom"], PLACE_LABEL_SIZE, bold=True)
                assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, (d["name"], box)
                checked += 1
    assert checked or countries, "the region's maps name places a phone shows"
